"""Bluesky Jetstream messages to items, filtered on arrival (no I/O, no state).

Jetstream sends one JSON object per message: `{"did", "time_us", "kind": "commit",
"commit": {"operation": "create", "collection": "app.bsky.feed.post", "rkey",
"record": {"text", "createdAt", "langs", "reply", "embed"}}}`. It can filter only by
collection or account, so the language and the watch keywords (Turkish-aware
matching) are applied here, to every post of the firehose.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from crisiscomm.text import clean_field, match_keywords

COLLECTION = "app.bsky.feed.post"
MAX_MESSAGE = 256 * 1024
_DID = re.compile(r"^did:[a-z]+:[A-Za-z0-9._:%-]{1,200}$")
_RKEY = re.compile(r"^[A-Za-z0-9._~:-]{1,512}$")
_QUOTES = ("app.bsky.embed.record", "app.bsky.embed.recordWithMedia")


def time_us(message: object) -> int | None:
    """The message's cursor value (microseconds since the epoch), if it has a sane one."""
    value = message.get("time_us") if isinstance(message, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**17 else None


def _created(record: dict, fallback_us: int | None) -> str | None:
    value = record.get("createdAt")
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=dt.timezone.utc)
            return moment.astimezone(dt.timezone.utc).isoformat()
        except ValueError:
            pass
    if fallback_us:
        return dt.datetime.fromtimestamp(fallback_us / 1e6, dt.timezone.utc).isoformat()
    return None


def post_of(message: object) -> tuple[str, str, dict] | None:
    """(did, rkey, record) of a created post; None for anything else."""
    if not isinstance(message, dict) or message.get("kind") != "commit":
        return None
    commit = message.get("commit")
    if not isinstance(commit, dict) or commit.get("operation") != "create" or commit.get("collection") != COLLECTION:
        return None
    did, rkey, record = message.get("did"), commit.get("rkey"), commit.get("record")
    if not (isinstance(did, str) and _DID.match(did) and isinstance(rkey, str) and _RKEY.match(rkey)
            and isinstance(record, dict) and isinstance(record.get("text"), str)):
        return None
    return did, rkey, record


def post_langs(record: dict) -> list[str]:
    langs = record.get("langs")
    if not isinstance(langs, list):
        return []
    return [lang.split("-")[0].lower() for lang in langs[:3] if isinstance(lang, str) and 0 < len(lang) <= 16]


def item_of(message: dict, keywords: tuple[str, ...], langs: frozenset[str] = frozenset()) -> dict | None:
    """The post as an item when it is in one of `langs` (any, when empty or unknown) and
    matches a watch keyword; None otherwise."""
    post = post_of(message)
    if post is None or not keywords:
        return None
    did, rkey, record = post
    languages = post_langs(record)
    if langs and languages and not langs.intersection(languages):
        return None
    text = record["text"]
    if not match_keywords(text, keywords):
        return None
    embed = record.get("embed")
    quote = isinstance(embed, dict) and embed.get("$type") in _QUOTES
    return {
        "guid": f"at://{did}/{COLLECTION}/{rkey}",
        "link": f"https://bsky.app/profile/{did}/post/{rkey}",
        "title": "",
        "text": clean_field(text, "text"),
        "author": did,
        "handle": None,
        "published_at": _created(record, time_us(message)),
        "post_type": "reply" if isinstance(record.get("reply"), dict) else "quote" if quote else None,
        "lang": languages[0] if languages else None,
        "plain": True,
    }


def read_message(raw: str | bytes) -> dict | None:
    """One websocket message as a dict; None when it is not one (garbage is skipped, not fatal)."""
    if len(raw) > MAX_MESSAGE:
        return None
    try:
        message = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    return message if isinstance(message, dict) else None
