"""Noticing changes: the timeline's new events, from this dashboard or any other process.

Every change a person makes lands in the timeline, so the events appended
since the last look say what changed, where. The watcher looks every second
(other processes) and right after each of this dashboard's own writes, and
posts one `DataChanged` with the new events; panes reload only for the kinds
they show. `PRAGMA data_version` catches changes that leave no event (a
feed's health after a poll).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from crisiscomm import timeline
from crisiscomm.store import Store
from crisiscomm.tui.messages import DataChanged, EventRef

if TYPE_CHECKING:
    from textual.app import App

READ_BATCH = 500


class ChangeWatcher:
    """Holds the newest event id seen; `collect()` may run in any thread (one at a time)."""

    def __init__(self, app: App, store: Store) -> None:
        self.app = app
        self.store = store  # its own connection: data_version compares within one connection
        self._lock = threading.Lock()
        newest = timeline.events(store, limit=1, newest_first=True)
        self.last_id = newest[0]["id"] if newest else 0
        self._version = store.data_version()

    def collect(self) -> DataChanged | None:
        """The change since the last call, or None."""
        with self._lock:
            version = self.store.data_version()
            found: list[EventRef] = []
            while True:
                rows = timeline.events(self.store, after_id=self.last_id, limit=READ_BATCH)
                found += [EventRef(r["id"], r["kind"], r["incident_id"]) for r in rows]
                if rows:
                    self.last_id = rows[-1]["id"]
                if len(rows) < READ_BATCH:
                    break
            untracked = version != self._version and not found
            self._version = version
        if not found and not untracked:
            return None
        return DataChanged(tuple(found), untracked=untracked)

    def check(self) -> None:
        """Collect and announce (call from a worker thread)."""
        change = self.collect()
        if change is not None:
            self.app.post_message(change)

    def check_soon(self) -> None:
        """From the UI thread: look now, in a worker."""
        self.app.run_worker(self.check, thread=True, group="changes", exit_on_error=False)
