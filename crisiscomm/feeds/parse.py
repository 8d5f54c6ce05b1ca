"""Feed bytes to clean items, with feedparser (run inside the parse worker process).

Refused before parsing: empty bodies, HTML pages, and any DOCTYPE or ENTITY
declaration (entity expansion). feedparser runs without its browser-oriented
sanitiser and URI resolver; the project turns HTML into plain text itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from crisiscomm.text import clean_field, normalise_feed_encoding

MAX_ITEMS = 1000
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ROOT = re.compile(rb"<[A-Za-z_]")
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_HTML_START = re.compile(rb"<!\s*doctype\s+html|<html[\s>]", re.I)


class ParseError(Exception):
    """The body is not a feed we accept; the message goes to the feed's health."""


def check_body(body: bytes) -> None:
    """Refuse what must never reach the XML parser (body already UTF-8)."""
    if not body.strip():
        raise ParseError("empty body")
    root = _ROOT.search(body)
    prolog = body[: root.start()] if root else body
    if _HTML_START.search(prolog + (body[root.start(): root.start() + 6] if root else b"")):
        raise ParseError("not a feed: HTML page")
    if _DECLARATION.search(prolog):
        raise ParseError("refused: DOCTYPE/ENTITY declaration in the feed (entity expansion risk)")
    if root is None:
        raise ParseError("not a feed: no XML element")


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
