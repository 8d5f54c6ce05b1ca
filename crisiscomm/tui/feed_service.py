"""Feed intake for the whole dashboard, off the UI thread.

The service polls registered feeds when they are due (checked every few
seconds) and on request (`poll_now`), on a connection of its own: an ingest
batch holds its transaction for a while, and no key press should wait for it.
Each feed goes its own pace (`PollScheduler`): a slow server holds only its
own feed, the others are polled on the next tick as usual.
New mentions reach the panes like any change, through the timeline's
`mentions.ingested` events and the change watcher.

Long-running sources (a websocket stream, a queue of phoned-in reports) plug
in with `add_source(name, run)`: `run(store, stop)` is called in a thread
worker with a store of its own and should return soon after `stop` is set;
it writes through the core like the poller does. Every registered streaming
source (Bluesky Jetstream, crisiscomm/feeds/stream.py) is held open this way,
one websocket each, from the start and as soon as one is added.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from crisiscomm import i18n
from crisiscomm.feeds.poller import PollScheduler
from crisiscomm.store import Store, StoreError

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp

POLL_CHECK_S = 5.0

i18n.register({
    "feeds.polled": {"tr": "{count} akış tarandı: {new} yeni, {failed} hatalı",
                     "en": {"one": "{count} feed polled: {new} new, {failed} failed",
                            "other": "{count} feeds polled: {new} new, {failed} failed"}},
    "feeds.nothing_to_poll": {"tr": "Taranacak akış yok: önce bir akış ekleyin.",
                              "en": "No feeds to poll: add a feed first."},
    "feeds.source_failed": {"tr": "{name} kaynağı durdu: {error}", "en": "Source {name} stopped: {error}"},
})

SourceRun = Callable[[Store, threading.Event], None]


class FeedService:
    def __init__(self, app: DashboardApp) -> None:
        self.app = app
        self.stop_event = threading.Event()
        self._store: Store | None = None
        self._store_lock = threading.Lock()
        self._scheduler = PollScheduler()
        self._stores: list[Store] = []
        self._streams: set[int] = set()  # streaming sources held open (one websocket each)

    @property
    def busy(self) -> bool:
        """Some feed is being polled."""
        return bool(self._scheduler.in_flight)

    def start(self) -> None:
        """Poll due feeds every few seconds while the dashboard runs; hold the streaming sources open."""
        self.app.set_interval(POLL_CHECK_S, self._tick)
        self.app.run_worker(lambda: self._hold_streams(self._poll_store()), thread=True, group="feed-poll",
                            exit_on_error=False)

    def poll_now(self) -> None:
        """Poll every registered feed now, and tell the operator what came of it."""
        self._start_poll(due_only=False)

    def add_source(self, name: str, run: SourceRun) -> None:
        """Run a long-lived source until the dashboard stops (see the module's doc)."""
        self.app.run_worker(lambda: self._run_source(name, run), thread=True, group=f"source-{name}",
                            exit_on_error=False)

    def stop(self) -> None:
        """Ask the sources to stop and close the service's connections (they wait for a running query)."""
        self.stop_event.set()
        for store in self._stores:
            store.close()

    # -- inside ----------------------------------------------------------------------
    def _own_store(self) -> Store:
        store = self.app.store.clone()
        self._stores.append(store)
        return store

    def _poll_store(self) -> Store:
        with self._store_lock:
            if self._store is None:
                self._store = self._own_store()
            return self._store

    def _tick(self) -> None:
        self._start_poll(due_only=True)

    def _start_poll(self, *, due_only: bool) -> None:
        if self.stop_event.is_set():
            return
        self.app.run_worker(lambda: self._poll(due_only), thread=True, group="feed-poll", exit_on_error=False)

    def _poll(self, due_only: bool) -> None:
        from crisiscomm.feeds import registry

        try:
            store = self._poll_store()
            self._hold_streams(store)
            results = self._scheduler.poll_due(store, operator=self.app.operator, due_only=due_only)
            if results:
                self.app.watcher.check()  # the new mentions on screen now, not at the next look
            if due_only:
                return
            if results:
                self._tell(i18n.t("feeds.polled", count=len(results), new=sum(r.new for r in results),
                                  failed=sum(r.status == "error" for r in results)))
            elif not registry.list_feeds(store, polled_only=True):
                self._tell(i18n.t("feeds.nothing_to_poll"))
        except StoreError:
            if not self.stop_event.is_set():
                raise

    def _hold_streams(self, store: Store) -> None:
        """Open every streaming source not yet held (one added meanwhile is picked up here)."""
        from crisiscomm.feeds.stream import hold, streaming_feeds

        for feed in streaming_feeds(store):
            if feed["id"] in self._streams or self.stop_event.is_set():
                continue
            self._streams.add(feed["id"])

            def run(source_store: Store, stop: threading.Event, feed: dict = feed) -> None:
                hold(source_store, feed, stop, operator=self.app.operator, on_stored=lambda _n: self.app.watcher.check())

            self.app.call_from_thread(self.add_source, feed["name"], run)

    def _run_source(self, name: str, run: SourceRun) -> None:
        store = self._own_store()
        try:
            run(store, self.stop_event)
        except Exception as exc:  # noqa: BLE001 - a failing source never stops the dashboard
            if not self.stop_event.is_set():
                self._tell(i18n.t("feeds.source_failed", name=name, error=exc), severity="error")

    def _tell(self, text: str, severity: str = "information") -> None:
        if not self.stop_event.is_set():
            self.app.call_from_thread(self.app.notify, text, severity=severity, markup=False, timeout=4)
