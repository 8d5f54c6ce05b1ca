"""Turkish case and letter folding.

Three views of a text, all of the same length as the text they come from
(so that a position found in one is the same position in the others):

- `tr_lower`: lower case the Turkish way (İ → i, I → ı); circumflexes
  dropped (â î û → a i u, optional in Turkish spelling); invisible format
  characters and the combining dot removed; typographic apostrophes made `'`.
- `fold`: `tr_lower` with the Turkish letters taken to their plain-ASCII
  neighbours (ı → i, ş ğ ç ö ü → s g c o u): what a word typed without
  Turkish letters looks like. Used for search (the FTS index is a folded copy)
  and wherever a word is written in plain ASCII.

`fold` removes characters (invisibles, the combining dot of a decomposed İ),
so a caller that maps positions back uses `fold_with_positions`.
"""

from __future__ import annotations

import re
import unicodedata

# Zero-width and other invisible format characters: removed from stored text and folded away.
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
APOSTROPHES = "'’‘`´ʼ′"
TURKISH_LETTERS = frozenset("çğıöşüÇĞİÖŞÜâîûÂÎÛ")

# str.replace chains: ~30x faster than str.translate on non-ASCII text here.
_BEFORE_LOWER = (("İ", "i"), ("I", "ı"), ("Â", "a"), ("Î", "i"), ("Û", "u"))
_AFTER_LOWER = (("â", "a"), ("î", "i"), ("û", "u"), ("\u0307", ""), *((a, "'") for a in APOSTROPHES[1:]))
_TO_ASCII = (("ı", "i"), ("ş", "s"), ("ğ", "g"), ("ç", "c"), ("ö", "o"), ("ü", "u"))


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def tr_lower(text: str) -> str:
    """Lower case the Turkish way: `İSTANBUL` → `istanbul`, `ILIK` → `ılık`, `Kâğıt` → `kağıt`."""
    if text.isascii():
        return text.replace("I", "ı").lower() if "I" in text else text.lower()
    text = _nfc(text)
    if INVISIBLE_RE.search(text):
        text = INVISIBLE_RE.sub("", text)
    for a, b in _BEFORE_LOWER:
        if a in text:
            text = text.replace(a, b)
    text = text.lower()
    for a, b in _AFTER_LOWER:
        if a in text:
            text = text.replace(a, b)
    return text


def ascii_fold(lowered: str) -> str:
    """An already `tr_lower`ed text with ı ş ğ ç ö ü as i s g c o u."""
    if lowered.isascii():
        return lowered
    for a, b in _TO_ASCII:
        if a in lowered:
            lowered = lowered.replace(a, b)
    return lowered


def fold(text: str) -> str:
    """Fold for search and ASCII comparison: `Kızılay'ın` → `kizilay'in`, `DEPREMDEN` → `depremden`."""
    return text.lower() if text.isascii() else ascii_fold(tr_lower(text))


def has_turkish_letters(text: str) -> bool:
    return not text.isascii() and any(c in TURKISH_LETTERS for c in text)


def strip_invisible(text: str) -> str:
    """Without zero-width and other invisible format characters (`dep\u200brem` → `deprem`)."""
    return text if text.isascii() else INVISIBLE_RE.sub("", text)


_DROPPED = re.compile(f"[\u0307{INVISIBLE}]")


def without_dropped(text: str) -> tuple[str, list[int]]:
    """`text` without the characters the folds drop (invisibles, the dot of a decomposed İ), and
    the index in `text` of each character kept."""
    parts, positions, last = [], [], 0
    for m in _DROPPED.finditer(text):
        parts.append(text[last:m.start()])
        positions.extend(range(last, m.start()))
        last = m.end()
    parts.append(text[last:])
    positions.extend(range(last, len(text)))
    return "".join(parts), positions


def fold_with_positions(text: str, folder=fold) -> tuple[str, list[int] | None]:
    """`folder(text)` and, when its length differs, the index in `text` of each of its characters."""
    folded = folder(text)
    if len(folded) == len(text):
        return folded, None
    kept, positions = without_dropped(text)
    folded = folder(kept)
    if len(folded) == len(kept):
        return folded, positions
    positions = []
    parts: list[str] = []
    for i, ch in enumerate(text):
        piece = folder(ch)
        parts.append(piece)
        positions.extend([i] * len(piece))
    joined = "".join(parts)
    if joined != folded:  # normalisation joined characters: fall back to per-character folding
        return joined, positions
    return folded, positions
