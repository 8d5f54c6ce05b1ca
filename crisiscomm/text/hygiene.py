"""Hygiene for untrusted text.

- `strip_controls`: removes C0 (but tab and newline), DEL, C1 and bidi
  override characters, which would otherwise reach the terminal.
- `html_to_text`: feed HTML to plain text for a terminal (no sanitiser needed:
  nothing is ever rendered as HTML or markup).
- `clean_field`: the whole hygiene chain for one untrusted field (controls
  and invisible format characters removed, NFC, capped).
"""

from __future__ import annotations

import html
import re
import unicodedata

from crisiscomm.text.fold import strip_invisible

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

# Field caps (characters) for text that arrives from feeds.
CAPS = {"title": 500, "text": 4000, "author": 200, "link": 2000, "guid": 500}


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
    """One untrusted field: HTML to text (optionally), controls and invisibles stripped, NFC, capped."""
    if value is None:
        return ""
    text = str(value)
    if html_input:
        text = html_to_text(text)
    text = strip_invisible(strip_controls(text))
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if field in ("title", "author", "link", "guid"):
        text = " ".join(text.split())
    return cap(text, CAPS[field])
