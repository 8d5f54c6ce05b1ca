"""A streaming source held open: one Jetstream websocket per Bluesky source (UI-free).

Two threads per source. The reader receives messages and puts them on a bounded
queue; when the queue is full it drops the message and counts it (`shed`, shown
in health) rather than growing. The writer takes batches off the queue, filters
them (language, watch keywords) and stores the matches, the cursor and the
counters in one transaction per batch. The cursor is the `time_us` of the last
message written, so a restart resumes right after it: no gap, and a message
seen twice is a duplicate by its guid. A dropped connection is retried with
exponential backoff (1 s … 60 s); health says why it dropped.
"""

from __future__ import annotations

import queue
import random
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from crisiscomm.clock import utc_now_iso
from crisiscomm.feeds import jetstream, registry
from crisiscomm.mentions import add_mentions
from crisiscomm.store import Store
from crisiscomm.text import strip_controls

QUEUE_SIZE = 20_000
BATCH = 1_000
FLUSH_S = 0.2  # a matching post waits at most this long for its transaction
KEYWORDS_EVERY_S = 2.0
BACKOFF_MAX_S = 60.0
OPEN_TIMEOUT_S = 10.0
USER_AGENT = "crisiscomm/0.1 (crisis-communication monitor)"


@dataclass
class StreamStats:
    received: int = 0
    matched: int = 0
    stored: int = 0
    shed: int = 0
    connects: int = 0
    error: str = ""


def watch_keywords(store: Store, feed: dict) -> tuple[str, ...]:
    """The source's own keywords and those of every open actual incident."""
    words = set(registry.options_of(feed).get("keywords") or [])
    for (raw,) in store.execute(
        "SELECT keywords FROM incidents WHERE status != 'closed' AND mode = 'actual'"
    ).fetchall():
        words.update(_json_list(raw))
    return tuple(sorted(w for w in words if isinstance(w, str) and w.strip()))


def _json_list(raw: str | None) -> list:
    import json

    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def _with_cursor(url: str, cursor: str | None) -> str:
    if not cursor:
        return url
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "cursor"] + [("cursor", cursor)]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), ""))


class StreamSource:
    """One Bluesky Jetstream source, read until `stop()`."""

    def __init__(self, store: Store, feed: dict, *, operator: str, queue_size: int = QUEUE_SIZE,
                 on_stored: Callable[[int], None] | None = None) -> None:
        self.feed = feed
        self.operator = operator
        self.stats = StreamStats()
        self.on_stored = on_stored
        self._db_path = store.path
        self._queue: queue.Queue[tuple[str | bytes, float]] = queue.Queue(maxsize=queue_size)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._cursor: str | None = feed.get("cursor")  # last time_us received (reconnects resume here)
        self._threads: list[threading.Thread] = []
        self.latencies: list[float] = []  # seconds from receipt to commit of stored posts (benchmarks)

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> StreamSource:
        for target, name in ((self._read_loop, "reader"), (self._write_loop, "writer")):
            thread = threading.Thread(target=target, name=f"jetstream-{name}-{self.feed['name']}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self, timeout: float = 5.0) -> StreamStats:
        """Stop reading; what is queued is still written. Returns the counters."""
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout)
        return self.stats

    @property
    def running(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    # -- reader -----------------------------------------------------------------------------
    def _read_loop(self) -> None:
        from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI
        from websockets.sync.client import connect

        delay = 1.0
        while not self._stop.is_set():
            url = _with_cursor(self.feed["url"], self._cursor)
            try:
                with connect(url, open_timeout=OPEN_TIMEOUT_S, close_timeout=2, max_size=jetstream.MAX_MESSAGE,
                             user_agent_header=USER_AGENT, compression=None) as ws:
                    self.stats.connects += 1
                    self.stats.error = ""
                    delay = 1.0
                    self._receive(ws)
                    if self._stop.is_set():
                        return
                    self.stats.error = "the server closed the connection"
            except InvalidStatus as exc:
                code = exc.response.status_code
                self.stats.error = f"HTTP {code} when opening the stream" + (
                    " (rate limited)" if code == 429 else " (access refused)" if code in (401, 403) else "")
            except InvalidURI as exc:
                self.stats.error = f"not a websocket address: {exc}"[:200]
            except (ConnectionClosed, InvalidHandshake, OSError, TimeoutError) as exc:
                self.stats.error = f"connection lost: {type(exc).__name__}: {exc}"[:200]
            self._stop.wait(delay * (0.5 + random.random() / 2))  # jitter: many clients never retry in step
            delay = min(delay * 2, BACKOFF_MAX_S)

    def _receive(self, ws) -> None:
        from websockets.exceptions import ConnectionClosedOK

        while not self._stop.is_set():
            try:
                raw = ws.recv(timeout=0.5)
            except TimeoutError:
                continue
            except ConnectionClosedOK:
                return
            self.stats.received += 1
            try:
                self._queue.put_nowait((raw, time.monotonic()))
            except queue.Full:
                self.stats.shed += 1  # counted and shown: the queue never grows past its bound

    # -- writer -----------------------------------------------------------------------------
    def _write_loop(self) -> None:
        store = Store(self._db_path, migrate=False)
        try:
            keywords, refreshed, flushed = (), 0.0, time.monotonic()
            langs = frozenset(registry.options_of(self.feed).get("langs") or [])
            written_shed = written_received = 0
            while True:
                batch = self._take_batch()
                now = time.monotonic()
                if now - refreshed > KEYWORDS_EVERY_S:
                    keywords, refreshed = watch_keywords(store, self.feed), now
                items, stamps, newest = [], [], None
                for raw, received_at in batch:
                    message = jetstream.read_message(raw)
                    if message is None:
                        continue
                    newest = jetstream.time_us(message) or newest
                    item = jetstream.item_of(message, keywords, langs)
                    if item is not None:
                        items.append(item)
                        stamps.append(received_at)
                stopping = self._stop.is_set() and self._queue.empty()
                if batch or stopping or now - flushed > 1.0:
                    received, shed = self.stats.received, self.stats.shed
                    self._commit(store, items, newest, received - written_received, shed - written_shed, keywords)
                    written_received, written_shed, flushed = received, shed, time.monotonic()
                    self.latencies.extend(flushed - s for s in stamps)
                if stopping:
                    return
        finally:
            store.close()

    def _take_batch(self) -> list[tuple[str | bytes, float]]:
        try:
            batch = [self._queue.get(timeout=FLUSH_S)]
        except queue.Empty:
            return []
        deadline = time.monotonic() + FLUSH_S / 4
        while len(batch) < BATCH and time.monotonic() < deadline:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                time.sleep(0.005)
        return batch

    def _commit(self, store: Store, items: list[dict], newest: int | None, received: int, shed: int,
                keywords: tuple[str, ...]) -> None:
        feed_id = self.feed["id"]
        self.stats.matched += len(items)
        with store.write():
            new = 0
            if items:
                new, _dup = add_mentions(store, items, operator=self.operator, feed_id=feed_id)
            if newest is not None and (not self._cursor or int(self._cursor) < newest):
                self._cursor = str(newest)  # a reconnect resumes after what is written
            error = self.stats.error or ("" if keywords else "no watch keywords: posts are read, none kept")
            now = utc_now_iso()
            store.execute(
                # the cursor only moves forward: a replay after a reconnect never takes it back
                "UPDATE feeds SET cursor = CASE WHEN ?1 IS NOT NULL AND (cursor IS NULL OR CAST(cursor AS INTEGER) < ?1)"
                " THEN CAST(?1 AS TEXT) ELSE cursor END, received = received + ?2, shed = shed + ?3,"
                " status = ?4, last_error = ?5, last_attempt = ?6, last_new = ?7,"
                " last_success = CASE WHEN ?4 = 'ok' THEN ?6 ELSE last_success END WHERE id = ?8",
                (newest, received, shed, "error" if self.stats.error else "ok",
                 strip_controls(error)[:300] or None, now, new, feed_id),
            )
        self.stats.stored += new
        if new and self.on_stored:
            self.on_stored(new)


def streaming_feeds(store: Store) -> list[dict]:
    return [f for f in registry.list_feeds(store) if registry.is_streaming(f)]


def hold(store: Store, feed: dict, stop: threading.Event, *, operator: str,
         on_stored: Callable[[int], None] | None = None) -> StreamStats:
    """Read one streaming source until `stop` is set (a long-lived service's worker calls this)."""
    source = StreamSource(store, feed, operator=operator, on_stored=on_stored).start()
    try:
        stop.wait()
    finally:
        source.stop()
    return source.stats
