"""Text utilities for untrusted and Turkish text (the feeds capability extends this).

- `fold`: Turkish-aware case and diacritic folding for matching and search
  (İ, I, ı → i; ş ğ ç ö ü â î û → s g c o u a i u).
- `strip_controls`: removes C0 (but tab and newline), DEL, C1 and bidi
  override characters, which would otherwise reach the terminal.
"""

from __future__ import annotations

import re

_FOLD = str.maketrans(
    {
        "İ": "i", "I": "i", "ı": "i",
        "Ş": "s", "ş": "s", "Ğ": "g", "ğ": "g", "Ç": "c", "ç": "c",
        "Ö": "o", "ö": "o", "Ü": "u", "ü": "u",
        "Â": "a", "â": "a", "Î": "i", "î": "i", "Û": "u", "û": "u",
        "\u0307": None,  # combining dot above (from 'İ'.lower())
        "’": "'", "‘": "'",
    }
)

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def fold(text: str) -> str:
    """Fold for matching: `Kızılay'ın` → `kizilay'in`, `DEPREMDEN` → `depremden`."""
    return text.translate(_FOLD).lower().translate(_FOLD)


def strip_controls(text: str) -> str:
    """Drop characters that a terminal would interpret; keep tab and newline."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
