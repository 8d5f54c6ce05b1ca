"""Mastodon and Telegram pages to clean items (run inside the parse worker process).

Each returns {"title", "version", "items", "warning", "cursor"} like `parse.parse_bytes`;
items carry author, @handle, link, time, reply/boost/forward markers and reach where
the service gives them (followers or subscribers, boosts).
"""

from __future__ import annotations

import datetime as dt
import json
import re

from crisiscomm.feeds.parse import MAX_ITEMS, ParseError
from crisiscomm.text import clean_field
from crisiscomm.feeds.strings import t

_COUNT = re.compile(r"([\d.,]+)\s*([KkMm]?)")


def _iso(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat()


def _str(value: object) -> str:
    """A field that must be text: anything else from a hostile server counts as absent."""
    return value if isinstance(value, str) else ""


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _status_id(value: object) -> str | None:
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    return text if text.isdigit() and len(text) <= 30 else None


def newer_id(a: str | None, b: str | None) -> str | None:
    """The larger of two numeric status ids."""
    if a is None or b is None:
        return a or b
    return max(a, b, key=lambda v: (len(v), v))


def mastodon_item(status: dict, host: str) -> dict | None:
    if not isinstance(status, dict):
        return None
    post_type = None
    booster = status.get("account") if isinstance(status.get("account"), dict) else {}
    if isinstance(status.get("reblog"), dict):
        status, post_type = status["reblog"], "boost"
    elif status.get("in_reply_to_id"):
        post_type = "reply"
    account = status.get("account") if isinstance(status.get("account"), dict) else {}
    acct = _str(account.get("acct")) or _str(account.get("username"))
    handle = f"@{acct}" if "@" in acct or not acct else f"@{acct}@{host}"
    text = clean_field(_str(status.get("content")), "text", html_input=True)
    warning = clean_field(_str(status.get("spoiler_text")), "title")
    if post_type == "boost" and _str(booster.get("acct")):
        text = f"{text}\n\n(boost: @{clean_field(booster['acct'], 'author')})"
    return {
        "guid": clean_field(_str(status.get("uri")) or _status_id(status.get("id")), "guid"),
        "link": clean_field(_str(status.get("url")) or _str(status.get("uri")), "link"),
        "title": warning,
        "text": text,
        "author": clean_field(_str(account.get("display_name")) or acct, "author"),
        "handle": clean_field(handle if acct else "", "author"),
        "published_at": _iso(status.get("created_at")),
        "reach": _int(account.get("followers_count")),
        "shares": _int(status.get("reblogs_count")),
        "post_type": post_type,
        "lang": clean_field(_str(status.get("language")), "author")[:16],
        "plain": True,
    }


def parse_mastodon(body: bytes, host: str = "") -> dict:
    """A tag timeline page (a JSON array of statuses)."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ParseError(t("feed.mastodon.not_timeline", problem=type(exc).__name__)) from None
    except RecursionError:
        raise ParseError(t("feed.mastodon.nested")) from None
    if isinstance(data, dict) and data.get("error"):
        raise ParseError(t("feed.mastodon.says", answer=clean_field(data['error'], 'title')))
    if not isinstance(data, list):
        raise ParseError(t("feed.mastodon.not_list"))
    items, cursor = [], None
    for status in data[:MAX_ITEMS]:
        item = mastodon_item(status, host)
        if item is not None and (item["text"] or item["title"]):
            items.append(item)
        if isinstance(status, dict):
            cursor = newer_id(cursor, _status_id(status.get("id")))
    return {"title": "", "version": "mastodon", "items": items, "warning": "", "cursor": cursor, "count": len(data)}


def _count(text: str) -> int | None:
    """`1.2K`, `12,3K`, `3 456` as a number."""
    match = _COUNT.search(text.replace("\u00a0", "").replace(" ", ""))
    if not match:
        return None
    number, unit = match.groups()
    if unit:
        number = number.replace(",", ".")
        try:
            return int(float(number) * (1000 if unit.lower() == "k" else 1_000_000))
        except ValueError:
            return None
    digits = re.sub(r"\D", "", number)
    return int(digits) if digits and len(digits) < 13 else None


def _text_of(node) -> str:
    return clean_field(node.html if node is not None else "", "text", html_input=True)


def parse_telegram(body: bytes, channel: str = "") -> dict:
    """A public channel's web preview (`t.me/s/CHANNEL`)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(body.decode("utf-8", "replace"))
    messages = tree.css(".tgme_widget_message[data-post]")
    if not messages and tree.css_first(".tgme_channel_history") is None:
        raise ParseError(t("feed.telegram.no_preview"))
    title_node = tree.css_first(".tgme_channel_info_header_title")
    title = clean_field(title_node.text() if title_node else "", "title")
    subscribers = None
    for counter in tree.css(".tgme_channel_info_counter"):
        kind = counter.css_first(".counter_type")
        if kind is not None and "subscriber" in kind.text().lower():
            subscribers = _count(counter.css_first(".counter_value").text() if counter.css_first(".counter_value") else "")
    items = []
    for node in messages[-MAX_ITEMS:]:
        post = node.attributes.get("data-post") or ""
        text = _text_of(node.css_first(".tgme_widget_message_text"))
        if not text:
            continue
        handle = post.split("/")[0] if "/" in post else channel
        time_node = node.css_first(".tgme_widget_message_date time")
        owner = node.css_first(".tgme_widget_message_owner_name")
        post_type = ("forward" if node.css_first(".tgme_widget_message_forwarded_from") is not None
                     else "reply" if node.css_first(".tgme_widget_message_reply") is not None else None)
        items.append({
            "guid": clean_field(post, "guid"),
            "link": clean_field(f"https://t.me/{post}" if post else "", "link"),
            "title": "",
            "text": text,
            "author": clean_field(owner.text() if owner else title, "author"),
            "handle": clean_field(f"@{handle}" if handle else "", "author"),
            "published_at": _iso(time_node.attributes.get("datetime") if time_node else None),
            "reach": subscribers,
            "shares": None,
            "post_type": post_type,
            "plain": True,
        })
    return {"title": title, "version": "telegram", "items": items, "warning": "", "cursor": None}


def parse_source(kind: str, body: bytes, charset: str | None = None, context: str = "") -> dict:
    """Bytes of one source kind to items (`context`: the Mastodon host or the Telegram channel)."""
    from crisiscomm.feeds.parse import parse_bytes

    if kind == "mastodon":
        return parse_mastodon(body, context)
    if kind == "telegram":
        return parse_telegram(body, context)
    return parse_bytes(body, charset)
