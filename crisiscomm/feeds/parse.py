"""Feed bytes to clean items, with feedparser (run inside the parse worker process).

Refused before parsing: empty bodies, HTML pages, and a DTD internal subset or
ENTITY declaration in the prolog (entity expansion). A DOCTYPE naming only an
external DTD (RSS 0.91) is read: feedparser strips it and never fetches the DTD. feedparser runs without its browser-oriented
sanitiser and URI resolver; the project turns HTML into plain text itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from crisiscomm.feeds.encoding import normalise_feed_encoding
from crisiscomm.text import clean_field
from crisiscomm.feeds.strings import t

MAX_ITEMS = 1000
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_NAME = re.compile(rb"[A-Za-z_:][-\w.:]*")
_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.I)
_SPACE = b" \t\r\n"
_HTML_ROOTS = ("html", "head", "body")


class ParseError(Exception):
    """The body is not a feed we accept; the message goes to the feed's health."""


def _doctype_end(body: bytes, pos: int) -> tuple[int, bool]:
    """End of the DOCTYPE declaration at `pos`, and whether it has an internal subset."""
    quote = None
    subset = False
    depth = 0
    for i in range(pos + 2, len(body)):
        ch = body[i:i + 1]
        if quote:
            if ch == quote:
                quote = None
        elif ch in (b'"', b"'"):
            quote = ch
        elif ch == b"[":
            subset, depth = True, depth + 1
        elif ch == b"]":
            depth -= 1
        elif ch == b">" and depth <= 0:
            return i + 1, subset
    return len(body), subset


def root_element(body: bytes) -> str | None:
    """The root element's name, after walking the prolog (declaration, comments, processing
    instructions, DOCTYPE). Refuses an internal DTD subset or an ENTITY declaration there:
    entity expansion. Text after the root (a CDATA section saying `<!DOCTYPE`) is never read."""
    pos, end = 0, len(body)
    while pos < end:
        while pos < end and body[pos:pos + 1] in _SPACE:
            pos += 1
        if body.startswith(b"<?", pos):
            close = body.find(b"?>", pos + 2)
            pos = end if close < 0 else close + 2
        elif body.startswith(b"<!--", pos):
            close = body.find(b"-->", pos + 4)
            pos = end if close < 0 else close + 3
        elif body.startswith(b"<!", pos):
            if not _DOCTYPE.match(body, pos):
                raise ParseError(t("feed.parse.doctype"))
            pos, subset = _doctype_end(body, pos)
            if subset:
                raise ParseError(t("feed.parse.doctype"))
        elif body.startswith(b"<", pos) and (name := _NAME.match(body, pos + 1)):
            return name.group().decode("ascii", "replace")
        else:  # stray text before the root: feedparser's lenient mode may still read the rest
            nxt = body.find(b"<", pos + 1)
            pos = end if nxt < 0 else nxt
    return None


def check_body(body: bytes) -> None:
    """Refuse what must never reach the XML parser (body already UTF-8)."""
    if not body.strip():
        raise ParseError(t("feed.parse.empty"))
    root = root_element(body)
    if root is not None and root.lower().rpartition(":")[2] in _HTML_ROOTS:
        raise ParseError(t("feed.parse.html"))
    if root is None:
        raise ParseError(t("feed.parse.no_xml"))


def _iso(parsed) -> str | None:
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.timezone.utc).isoformat()
    except (OverflowError, ValueError, TypeError):
        return None


def _is_html(detail) -> bool:
    return bool(detail) and detail.get("type", "text/html") in _HTML_TYPES


def entry_item(entry) -> dict:
    """One feedparser entry as a clean item for `mentions.add_mentions` (plain=True)."""
    if entry.get("content"):
        body = entry["content"][0]
        text, text_html = body.get("value", ""), _is_html(body)
    else:
        text = entry.get("summary", "")
        text_html = _is_html(entry.get("summary_detail")) or "<" in text
    author = entry.get("author") or entry.get("author_detail", {}).get("name", "")
    return {
        "guid": clean_field(entry.get("id"), "guid"),
        "link": clean_field(entry.get("link"), "link"),
        "title": clean_field(entry.get("title"), "title", html_input=_is_html(entry.get("title_detail"))),
        "text": clean_field(text, "text", html_input=text_html),
        "author": clean_field(author, "author"),
        "published_at": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        "plain": True,
    }


def parse_bytes(body: bytes, charset: str | None = None) -> dict:
    """{"title", "version", "items": [...], "warning"} or ParseError."""
    import feedparser

    body = normalise_feed_encoding(body, charset)
    check_body(body)
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise ParseError(f"not a feed: {reason}"[:200] if reason else "not a feed")
    warning = str(parsed.get("bozo_exception") or "")[:200] if parsed.get("bozo") else ""
    return {
        "title": clean_field(parsed.feed.get("title", ""), "title"),
        "version": parsed.get("version") or "",
        "items": [entry_item(e) for e in parsed.entries[:MAX_ITEMS]],
        "warning": warning,
    }
