"""Text utilities for untrusted and Turkish text.

- `fold`: Turkish-aware case and diacritic folding for matching and search
  (İ, I, ı → i; ş ğ ç ö ü â î û → s g c o u a i u).
- `strip_controls`: removes C0 (but tab and newline), DEL, C1 and bidi
  override characters, which would otherwise reach the terminal.
- `html_to_text`: feed HTML to plain text for a terminal (no sanitiser needed:
  nothing is ever rendered as HTML or markup).
- `clean_field`: the whole hygiene chain for one untrusted field, with a cap.
- `match_keywords` / `keyword_spans`: watch keywords as a Turkish reader
  expects them (case and diacritic blind, on word prefixes).
- `fts_query`: user input as a safe FTS5 query over folded text.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

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

# Field caps (characters) for text that arrives from feeds.
CAPS = {"title": 500, "text": 4000, "author": 200, "link": 2000, "guid": 500}


def fold(text: str) -> str:
    """Fold for matching: `Kızılay'ın` → `kizilay'in`, `DEPREMDEN` → `depremden`."""
    return text.translate(_FOLD).lower().translate(_FOLD)


def strip_controls(text: str) -> str:
    """Drop characters that a terminal would interpret; keep tab and newline."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


# -- HTML to text -------------------------------------------------------------

_DROP_BLOCKS = re.compile(r"<(script|style|head|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_BREAKS = re.compile(r"<(?:br|/?p|/?div|/?li|/?h[1-6]|/?tr|/?blockquote|/?ul|/?ol|/?pre|/?table|hr)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[A-Za-z/!?][^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_NEWLINES = re.compile(r"\s*\n\s*(?:\n\s*)+")


def html_to_text(value: str) -> str:
    """Tags removed, block ends as line breaks, entities decoded, spaces collapsed."""
    if not value:
        return ""
    if "<" in value:
        value = _DROP_BLOCKS.sub(" ", value)
        value = _BREAKS.sub("\n", value)
        value = _TAGS.sub("", value)
    if "&" in value:
        value = html.unescape(value)
    value = _SPACES.sub(" ", value)
    if "\n" in value:
        value = _NEWLINES.sub("\n\n", value)
        value = "\n".join(line.strip() for line in value.split("\n"))
    return value.strip()


def cap(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def clean_field(value: object, field: str, *, html_input: bool = False) -> str:
    """One untrusted field: HTML to text (optionally), controls stripped, capped."""
    if value is None:
        return ""
    text = str(value)
    if html_input:
        text = html_to_text(text)
    text = strip_controls(text)
    if field in ("title", "author", "link", "guid"):
        text = " ".join(text.split())
    return cap(text, CAPS[field])


# -- keyword matching -----------------------------------------------------------

@lru_cache(maxsize=512)
def _keyword_pattern(keyword: str) -> re.Pattern | None:
    words = fold(keyword).split()
    if not words:
        return None
    # Word prefix: `deprem` matches `depremde`; words of a phrase may be any spaces apart.
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words))


def _fold_with_positions(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, when lengths differ, the source index of each folded character."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    positions: list[int] = []
    parts: list[str] = []
    for i, ch in enumerate(text):
        piece = fold(ch)
        parts.append(piece)
        positions.extend([i] * len(piece))
    return "".join(parts), positions


def match_keywords(text: str, keywords: list[str] | tuple[str, ...]) -> list[str]:
    """The watch keywords found in `text` (in the order given)."""
    if not text or not keywords:
        return []
    folded = fold(text)
    found = []
    for keyword in keywords:
        pattern = _keyword_pattern(keyword)
        if pattern is not None and pattern.search(folded):
            found.append(keyword)
    return found


def keyword_spans(text: str, keywords: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) ranges of `text` where a keyword matched, for highlighting."""
    if not text or not keywords:
        return []
    folded, positions = _fold_with_positions(text)
    spans = []
    for keyword in keywords:
        pattern = _keyword_pattern(keyword)
        if pattern is None:
            continue
        for m in pattern.finditer(folded):
            start, end = m.start(), m.end()
            if positions is not None:
                start, end = positions[start], positions[end - 1] + 1
            spans.append((start, end))
    return sorted(spans)


# -- full-text search -------------------------------------------------------------

_TOKEN = re.compile(r"\w+")


def search_tokens(query: str) -> list[str]:
    return _TOKEN.findall(fold(query))


def fts_query(query: str) -> str | None:
    """Each word quoted as a prefix term, so no input can break the FTS5 syntax."""
    tokens = search_tokens(query)
    if not tokens:
        return None
    return " ".join(f'"{token}"*' for token in tokens)
