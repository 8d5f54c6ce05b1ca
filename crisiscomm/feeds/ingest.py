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

from crisiscomm.feeds import registry, spikes
from crisiscomm.feeds.fetch import Fetched, fetch, is_url
from crisiscomm.feeds.parse_worker import ParseFailed, pool
from crisiscomm.mentions import add_mentions
from crisiscomm.store import Store
from crisiscomm.text import strip_controls

# Fetching waits on the network: a slow or silent server holds one thread up to its deadline,
# never the others' polls. Parsing stays bounded by the parser pool.
FETCH_THREADS = 16


@dataclass
class FeedResult:
    name: str
    status: str  # ok | unchanged | error
    new: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    error: str = ""
    warning: str = ""

    def as_dict(self) -> dict:
        return {"feed": self.name, "status": self.status, "new": self.new, "duplicates": self.duplicates,
                "seconds": round(self.seconds, 3), "error": self.error, "warning": self.warning}


@dataclass
class _Prepared:
    feed: dict
    started: float
    fetched: Fetched | None = None
    parsed: dict | None = None
    error: str = ""
    retry_after: float | None = None


def _prepare(feed: dict, use_cache: bool) -> _Prepared:
    """Fetch and parse one feed (no database access: runs in a thread)."""
    prep = _Prepared(feed, time.monotonic())
    try:
        prep.fetched = fetch(
            feed["url"],
            etag=feed["etag"] if use_cache else None,
            last_modified=feed["last_modified"] if use_cache else None,
            body_hash=feed["body_hash"] if use_cache else None,
        )
        if prep.fetched.status == "error":
            prep.error, prep.retry_after = prep.fetched.error, prep.fetched.retry_after
        elif prep.fetched.status == "ok":
            prep.parsed = pool().parse(prep.fetched.body, prep.fetched.charset)
            prep.fetched.body = b""
    except ParseFailed as exc:
        prep.error = str(exc)
    except Exception as exc:  # a bug or an OS failure must not stop the other feeds
        prep.error = f"internal error: {type(exc).__name__}: {exc}"[:300]
    return prep


def _write(store: Store, prep: _Prepared, *, operator: str, incident_id: int | None, use_cache: bool) -> FeedResult:
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
                             etag=fetched.etag, last_modified=fetched.last_modified)
        return FeedResult(feed["name"], "unchanged", seconds=elapsed)
    with store.write():
        new, dup = add_mentions(store, prep.parsed["items"], operator=operator, feed_id=feed["id"], incident_id=incident_id)
        registry.record_poll(
            store, feed["id"], status="ok", new=new, duration_ms=ms,
            etag=fetched.etag if use_cache else None,
            last_modified=fetched.last_modified if use_cache else None,
            body_hash=fetched.body_hash if use_cache else None,
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
    unchanged: list[_Prepared] = []
    with ThreadPoolExecutor(max_workers=min(FETCH_THREADS, len(feeds)), thread_name_prefix="feed-fetch") as ex:
        futures = [ex.submit(_prepare, feed, use_cache) for feed in feeds]
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
    if any(r.new for r in results.values()):
        spikes.check_active(store, operator=operator)
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
