"""What the dashboard keeps an eye on for the room, beside what the operator does.

Every few seconds, through the one write path: the promised next update
(`update.overdue` / `update.met` go into the timeline when they happen,
crisiscomm.cadence). Each dashboard on the database may record them; the
core records each once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crisiscomm.tui import core_actions

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp

CADENCE_EVERY_TICKS = 5  # the app ticks every second


class RoomWatch:
    def __init__(self, app: DashboardApp) -> None:
        self.app = app
        self._ticks = 0
        self._busy = False
        self._last_failure: str | None = None

    def tick(self) -> None:
        """UI thread, every second."""
        self._ticks += 1
        incident_id = self.app.incident_id
        if incident_id is None or self._busy or self._ticks % CADENCE_EVERY_TICKS:
            return
        self._busy = True
        self.app.act(lambda session: core_actions.cadence.check(session, incident_id),
                     on_success=self._done, on_error=self._failed, group="room-watch")

    def _done(self, _result=None) -> None:
        self._busy = False
        self._last_failure = None

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        if str(exc) != self._last_failure:  # retried every few seconds: say it once
            self._last_failure = str(exc)
            self.app.notify(str(exc), severity="error", markup=False, timeout=8)


def attach_room_watch(app: DashboardApp) -> RoomWatch:
    watch = RoomWatch(app)
    app.tick_hooks.append(watch.tick)
    return watch
