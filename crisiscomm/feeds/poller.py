"""Background polling in which every feed goes its own pace.

A background poller calls `poll_due` on every tick, from as many threads as
it likes: each call takes the due feeds that no earlier call is still polling
and writes each feed's batch as soon as that feed is done. A slow or silent
server holds only its own feed (up to the fetch deadline); the other feeds'
next polls start on the next tick as usual.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from crisiscomm.feeds import registry
from crisiscomm.feeds.ingest import FeedResult, poll_feeds
from crisiscomm.store import Store


class PollScheduler:
    """The feeds being polled right now, so that no feed is polled twice at once."""

    def __init__(self) -> None:
        self._in_flight: set[int] = set()
        self._lock = threading.Lock()

    def claim(self, feeds: list[dict]) -> list[dict]:
        """Those of `feeds` that nobody is polling; they are now this caller's."""
        with self._lock:
            mine = [f for f in feeds if f["id"] not in self._in_flight]
            self._in_flight.update(f["id"] for f in mine)
        return mine

    def release(self, feeds: list[dict]) -> None:
        with self._lock:
            self._in_flight.difference_update(f["id"] for f in feeds)

    @property
    def in_flight(self) -> frozenset[int]:
        with self._lock:
            return frozenset(self._in_flight)

    def poll_due(
        self,
        store: Store,
        *,
        operator: str,
        due_only: bool = True,
        now: dt.datetime | None = None,
        on_result: Callable[[FeedResult], None] | None = None,
    ) -> list[FeedResult]:
        """Poll the due feeds (every polled feed with `due_only=False`) that are not in flight."""
        candidates = registry.due_feeds(store, now) if due_only else registry.list_feeds(store, polled_only=True)
        feeds = self.claim([f for f in candidates if registry.is_polled_kind(f)])
        if not feeds:
            return []
        by_name = {f["name"]: f for f in feeds}

        def done(result: FeedResult) -> None:
            self.release([by_name[result.name]])  # due again on its own schedule, whatever the others do
            if on_result:
                on_result(result)

        try:
            return poll_feeds(store, feeds, operator=operator, on_result=done)
        finally:
            self.release(feeds)
