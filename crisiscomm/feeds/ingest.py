"""Polling feeds: fetch and parse in threads (parsing in worker processes), then
write each feed's batch (mentions, index, event, health) in one transaction.

A failing feed never stops the others: its health says why.
"""

from __future__ import annotations

import pathlib
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from crisiscomm.feeds import registry
from crisiscomm.feeds.fetch import is_url
from crisiscomm.feeds.reader import Prepared, prepare
from crisiscomm.mentions import add_mentions
from crisiscomm.clock import utc_now
from crisiscomm.store import Store
from crisiscomm.text import strip_controls

# Fetching waits on the network: a slow or silent server holds one thread up to its deadline,
# never the others' polls. Parsing stays bounded by the parser pool.
FETCH_THREADS = 16


@dataclass
class FeedResult:
    name: str
    status: str  # ok | unchanged | error | deferred (the server's Retry-After has not passed)
    new: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    error: str = ""
    warning: str = ""
    note: str = ""  # streams: how much was read, kept and dropped

    def as_dict(self) -> dict:
        return {"feed": self.name, "status": self.status, "new": self.new, "duplicates": self.duplicates,
                "seconds": round(self.seconds, 3), "error": self.error, "warning": self.warning, "note": self.note}


def _write(store: Store, prep: Prepared, *, operator: str, incident_id: int | None, use_cache: bool) -> FeedResult:
    feed = prep.feed
    elapsed = time.monotonic() - prep.started
    ms = int(elapsed * 1000)
    if prep.error:
        error = strip_controls(prep.error)[:300]
        with store.write():
            registry.record_poll(store, feed["id"], status="error", error=error, duration_ms=ms,
                                 retry_after=prep.retry_after)
        return FeedResult(feed["name"], "error", seconds=elapsed, error=error)
    fetched = prep.fetched
    if prep.parsed is None:
        registry.record_poll(store, feed["id"], status="unchanged", duration_ms=ms,
                             etag=fetched.etag, last_modified=fetched.last_modified, cursor=prep.cursor)
        return FeedResult(feed["name"], "unchanged", seconds=elapsed)
    with store.write():
        new, dup = add_mentions(store, prep.parsed["items"], operator=operator, feed_id=feed["id"], incident_id=incident_id)
        registry.record_poll(
            store, feed["id"], status="ok", new=new, duration_ms=ms,
            etag=fetched.etag if use_cache else None,
            last_modified=fetched.last_modified if use_cache else None,
            body_hash=fetched.body_hash if use_cache else None,
            cursor=prep.cursor if use_cache else None,
        )
    return FeedResult(feed["name"], "ok", new, dup, time.monotonic() - prep.started, warning=prep.parsed.get("warning", ""))


def poll_feeds(
    store: Store,
    feeds: list[dict],
    *,
    operator: str,
    incident_id: int | None = None,
    on_result: Callable[[FeedResult], None] | None = None,
) -> list[FeedResult]:
    """Poll these feeds once. With `incident_id` (a drill inject) the items belong to
    that incident and the conditional-GET state is neither used nor kept."""
    use_cache = incident_id is None
    results: dict[int, FeedResult] = {}
    if not feeds:
        return []
    now = utc_now()
    for feed in feeds:
        if (until := registry.retry_at(feed)) and until > now:  # the server said when: not before
            results[feed["id"]] = FeedResult(
                feed["name"], "deferred", error=f"waiting for the server (Retry-After) until {until:%H:%M:%S} UTC")
    waiting = [f for f in feeds if f["id"] not in results]
    unchanged: list[Prepared] = []
    with ThreadPoolExecutor(max_workers=max(1, min(FETCH_THREADS, len(waiting))), thread_name_prefix="feed-fetch") as ex:
        futures = [ex.submit(prepare, feed, use_cache) for feed in waiting]
        for future in as_completed(futures):
            prep = future.result()
            if not prep.error and prep.parsed is None:
                unchanged.append(prep)  # health only: written together below
                continue
            result = _write(store, prep, operator=operator, incident_id=incident_id, use_cache=use_cache)
            results[prep.feed["id"]] = result
            if on_result:
                on_result(result)
    if unchanged:
        with store.write():
            for prep in unchanged:
                result = _write(store, prep, operator=operator, incident_id=incident_id, use_cache=use_cache)
                results[prep.feed["id"]] = result
                if on_result:
                    on_result(result)
    return [results[f["id"]] for f in feeds]


def sources_in(path_or_url: str) -> list[str]:
    """A URL or file as itself; a folder as its feed files."""
    if not is_url(path_or_url):
        path = pathlib.Path(path_or_url).expanduser()
        if path.is_dir():
            return [str(p) for p in registry.feed_files(path)]
    return [path_or_url]


def ingest_path(
    store: Store,
    path_or_url: str,
    *,
    operator: str,
    incident_id: int | None = None,
    name: str | None = None,
    on_result: Callable[[FeedResult], None] | None = None,
) -> list[FeedResult]:
    """Ingest a file, a folder of feed files, or a URL once (registering each as a feed).

    With `incident_id` the mentions belong to that incident (a drill replaying a
    sample feed) and the feed is registered as not polled in the background.
    """
    sources = sources_in(path_or_url)
    feeds = [
        registry.feed_for_source(store, source, operator=operator, name=name if len(sources) == 1 else None,
                                 polled=incident_id is None)
        for source in sources
    ]
    return poll_feeds(store, feeds, operator=operator, incident_id=incident_id, on_result=on_result)
