"""Reading one polled source: fetch (within its deadline and its host's budget), then
parse in the worker pool. No database access: runs in a fetch thread.

RSS/Atom, Telegram previews, Google News and YouTube are one request each; a
Mastodon tag timeline is read forward from the newest status seen (`min_id`),
up to MAX_PAGES pages per poll, and an empty page means unchanged.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass

from crisiscomm.feeds import sources
from crisiscomm.feeds.fetch import Fetched, fetch, is_url
from crisiscomm.feeds.parse_worker import ParseFailed, pool
from crisiscomm.feeds.social import newer_id


@dataclass
class Prepared:
    feed: dict
    started: float
    fetched: Fetched | None = None
    parsed: dict | None = None
    error: str = ""
    retry_after: float | None = None
    cursor: str | None = None


def _host(url: str) -> str:
    try:
        return (urllib.parse.urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""  # fetch names the malformed address


def _fetch(feed: dict, url: str, use_cache: bool, *, validators: bool = True) -> Fetched:
    kind = feed.get("kind") or "rss"
    info = sources.KIND_INFO.get(kind, sources.KIND_INFO["rss"])
    cached = use_cache and validators
    return fetch(
        url,
        etag=feed["etag"] if cached else None,
        last_modified=feed["last_modified"] if cached else None,
        body_hash=feed["body_hash"] if cached else None,
        budget=sources.budget_for(kind, _host(url)) if is_url(url) else info.budget,
        **({"accept": info.accept} if info.accept else {}),
    )


def _read_mastodon(prep: Prepared, use_cache: bool) -> None:
    feed = prep.feed
    cursor = feed.get("cursor") if use_cache else None
    items: list[dict] = []
    host = _host(feed["url"])
    for _page in range(sources.MAX_PAGES):
        fetched = _fetch(feed, sources.mastodon_api_url(feed["url"], cursor), use_cache, validators=False)
        if fetched.status == "error":
            if not items:
                prep.error, prep.retry_after = fetched.error, fetched.retry_after
                return
            break  # keep the pages read; the next poll goes on from the cursor
        if fetched.body.strip() == b"[]":
            break
        page = pool().parse(fetched.body, kind="mastodon", context=host)
        fetched.body = b""
        items += page["items"]
        cursor = newer_id(cursor, page.get("cursor"))
        if page.get("count", 0) < sources.MASTODON_PAGE or not use_cache or page.get("cursor") is None:
            break  # the newest page; or a first poll, which does not read the past
    prep.cursor = cursor
    prep.fetched = Fetched("ok" if items else "unchanged")  # pages carry no validators worth keeping
    if items:
        prep.parsed = {"title": "", "version": "mastodon", "items": items, "warning": ""}


def prepare(feed: dict, use_cache: bool) -> Prepared:
    """Fetch and parse one source; problems end in `error`, for its health."""
    prep = Prepared(feed, time.monotonic())
    kind = feed.get("kind") or "rss"
    try:
        if kind == "mastodon":
            _read_mastodon(prep, use_cache)
            return prep
        prep.fetched = _fetch(feed, feed["url"], use_cache)
        if prep.fetched.status == "error":
            prep.error, prep.retry_after = prep.fetched.error, prep.fetched.retry_after
        elif prep.fetched.status == "ok":
            context = sources.telegram_channel(feed["url"]) if kind == "telegram" else ""
            prep.parsed = pool().parse(prep.fetched.body, prep.fetched.charset, kind=kind, context=context)
            prep.fetched.body = b""
    except ParseFailed as exc:
        prep.error = str(exc)
    except Exception as exc:  # a bug or an OS failure must not stop the other feeds
        prep.error = f"internal error: {type(exc).__name__}: {exc}"[:300]
    return prep
