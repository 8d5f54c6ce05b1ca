"""What the dashboard keeps an eye on for the room, beside what the operator does.

- Every few seconds, through the one write path: the promised next update
  (`update.overdue` / `update.met` go into the timeline when they happen,
  crisiscomm.cadence; each is recorded once whichever dashboard sees it first).
- Every two seconds, in a reading worker: alerts (crisiscomm.alerts) of the
  kinds this operator keeps on: the terminal bell, a message on the screen,
  and a desktop notification where the desktop offers one.
- The palette switches each kind of alert on or off for this operator.
"""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from crisiscomm import actions, alerts, desktop_notify, i18n

if TYPE_CHECKING:
    from crisiscomm.tui.app import DashboardApp

CADENCE_EVERY_TICKS = 5  # the app ticks every second
ALERTS_EVERY_TICKS = 2
CRITICAL = ("spike", "update_overdue", "inject_response")

i18n.register({
    "alerts.switch_off": {"tr": "Uyarı kapat: {kind}", "en": "Alert off: {kind}"},
    "alerts.switch_on": {"tr": "Uyarı aç: {kind}", "en": "Alert on: {kind}"},
    "alerts.now_on": {"tr": "Uyarı açık: {kind}", "en": "Alert on: {kind}"},
    "alerts.now_off": {"tr": "Uyarı kapalı: {kind}", "en": "Alert off: {kind}"},
})


class RoomWatch:
    def __init__(self, app: DashboardApp) -> None:
        self.app = app
        self._ticks = 0
        self._busy = False
        self._last_failure: str | None = None
        self._watcher: alerts.Watcher | None = None
        self._version: int | None = None
        self.desktop = desktop_notify.notify  # replaceable in tests
        self._looking = threading.Lock()

    @property
    def watching(self) -> bool:
        """The first look has taken stock: whatever happens from now on is told."""
        return self._watcher is not None and self._watcher.last_event is not None

    def tick(self) -> None:
        """UI thread, every second."""
        self._ticks += 1
        incident_id = self.app.incident_id
        if incident_id is None:
            return
        if self._ticks % ALERTS_EVERY_TICKS == 0:
            self.app.run_worker(partial(self._look, incident_id), thread=True, group="room-alerts",
                                exclusive=True, exit_on_error=False)
        if not self._busy and self._ticks % CADENCE_EVERY_TICKS == 0:
            self._busy = True
            self.app.act(lambda session: actions.cadence.check(session, incident_id),
                         on_success=self._done, on_error=self._failed, group="room-watch")

    # -- update cadence (write path) --------------------------------------------------
    def _done(self, _result=None) -> None:
        self._busy = False
        self._last_failure = None

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        if str(exc) != self._last_failure:  # retried every few seconds: say it once
            self._last_failure = str(exc)
            self.app.notify(str(exc), severity="error", markup=False, timeout=8)

    # -- alerts (a reading worker) -----------------------------------------------------
    def _look(self, incident_id: int) -> None:
        if not self._looking.acquire(blocking=False):  # the last look is still running
            return
        try:
            self._look_once(incident_id)
        finally:
            self._looking.release()

    def _look_once(self, incident_id: int) -> None:
        store = self.app.thread_store()
        if self._watcher is None or self._watcher.incident_id != incident_id:
            self._watcher, self._version = alerts.Watcher(incident_id), None
        version = store.data_version()
        found = self._watcher.poll(store, changed=version != self._version)
        self._version = version
        wanted = alerts.enabled_kinds(store, self.app.operator)
        found = [a for a in found if a.kind in wanted]
        if not found:
            return
        for alert in found:
            self.desktop(alert.title, alert.text, critical=alert.kind in CRITICAL)
        self.app.call_from_thread(self._tell, found)

    def _tell(self, found: list[alerts.Alert]) -> None:
        self.app.bell()
        for alert in found:
            self.app.notify(alert.text, title=alert.title, severity="warning", markup=False, timeout=10)


def attach_room_watch(app: DashboardApp) -> RoomWatch:
    watch = RoomWatch(app)
    app.room_watch = watch
    app.tick_hooks.append(watch.tick)
    return watch


class AlertCommands(Provider):
    """Palette: switch each kind of alert on or off for this operator."""

    def _commands(self):
        app = self.app
        on = alerts.enabled_kinds(app.store, app.operator)
        for kind in alerts.KINDS:
            label = i18n.t(f"alert.kind.{kind}")
            key = "alerts.switch_off" if kind in on else "alerts.switch_on"
            yield i18n.t(key, kind=label), partial(_switch, app, kind, kind not in on)

    async def discover(self) -> Hits:
        for name, callback in self._commands():
            yield DiscoveryHit(name, callback)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback)


def _switch(app, kind: str, enabled: bool) -> None:
    label = i18n.t(f"alert.kind.{kind}")
    app.act(lambda session: actions.alerts.set_enabled(session, kind, enabled),
            lambda _on: i18n.t("alerts.now_on" if enabled else "alerts.now_off", kind=label))
