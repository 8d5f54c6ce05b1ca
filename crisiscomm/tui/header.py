"""The header: incident title, severity, mode banner, incident clock (and a drill's scenario time), next deadline."""

from __future__ import annotations

from textual import work
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from crisiscomm import cadence, i18n, incidents
from crisiscomm.checklist import next_deadline
from crisiscomm.clock import format_clock, format_offset
from crisiscomm.models import Incident
from crisiscomm.tui.safe import safe_content, safe_line

NARROW = 120  # below this width the header keeps the clock and the deadline and shortens the rest


class IncidentHeader(Horizontal):
    DEFAULT_CLASSES = ""
    # what the header shows changes with these event kinds
    WATCHES = ("incident.", "checklist.", "clock.", "drill.", "fact.set", "statement.published", "update.")

    def compose(self):
        yield Static(id="header-title", markup=False)
        yield Static(id="header-banner", markup=False)
        yield Static(id="header-clock", markup=False)
        yield Static(id="header-update", markup=False)
        yield Static(id="header-next", markup=False)

    def on_mount(self) -> None:
        self.set_interval(0.5, self.tick)

    def update_incident(self) -> None:
        """Re-read the incident (after a change); the clock ticks on its own."""
        app = self.app
        incident = app.incident
        self._incident = incident
        title = self.query_one("#header-title", Static)
        banner = self.query_one("#header-banner", Static)
        if incident is None:
            title.update(Content(i18n.t("header.no_incident")))
            banner.update(Content(""))
            self.set_class(False, "-exercise")
        else:
            status = i18n.t(f"status.{incident.status}")
            read_only = f" · {i18n.t('app.read_only')}" if app.store.read_only else ""
            name = safe_line(incident.title)
            if self.size.width and self.size.width < NARROW:  # the clock and the deadline matter more
                title.update(safe_content(f"#{incident.id} {name} · {i18n.t('severity')[:1]}{incident.severity}{read_only}"))
            else:
                title.update(safe_content(
                    f"#{incident.id} {name} · {i18n.t('severity')} {incident.severity} · {status}{read_only}"))
            exercise = incident.is_exercise
            banner.update(Content(f" {incidents.EXERCISE_MARK} " if exercise else ""))
            self.set_class(exercise, "-exercise")
        previous = getattr(self, "_loaded_for", None)
        if incident is None or previous != incident.id:  # another incident: never its predecessor's deadlines
            self._next_due, self._promise = None, None
        self._loaded_for = incident.id if incident is not None else None
        self.tick()
        self._load_deadlines(incident)

    @work(thread=True, exclusive=True, group="header-deadlines", exit_on_error=False)
    def _load_deadlines(self, incident: Incident | None) -> None:
        """The next checklist deadline and the promised update still to keep, read off the UI thread."""
        next_due, promise = None, None
        if incident is not None:
            store = self.app.thread_store()
            next_due = next_deadline(store, incident)
            if not incident.is_closed:
                found = cadence.status(store, incident)
                promise = found.promise if found.met_clock is None else None
        self.app.call_from_thread(self._show_deadlines, incident, next_due, promise)

    def _show_deadlines(self, incident: Incident | None, next_due: dict | None, promise) -> None:
        if incident is not getattr(self, "_incident", None):
            return  # a newer incident (or a newer read of it) is on its way
        self._next_due, self._promise = next_due, promise
        self.tick()

    def tick(self) -> None:
        incident = getattr(self, "_incident", None)
        clock = incidents.clock_at(incident) if incident else None
        shown = format_clock(clock) if incident else ""
        scenario_time = self.app.world.time_of_day() if incident and incident.is_exercise else None
        if scenario_time:  # the time the scenario's promises ("next update 06.30") are read against
            shown += f" · {scenario_time}"
        self.query_one("#header-clock", Static).update(Content(shown))
        self._tick_promise(clock)
        nxt = getattr(self, "_next_due", None)
        label = self.query_one("#header-next", Static)
        if not incident or not nxt:
            label.update(Content(""))
            label.set_class(False, "-overdue")
            return
        remaining = nxt["due_clock"] - clock
        overdue = remaining < 0
        when = i18n.t("header.overdue") + " " + format_offset(-remaining) if overdue else format_offset(remaining)
        # the time first: a narrow header cuts the step's title, never when it is due
        if self.size.width and self.size.width < NARROW:
            label.update(safe_content(f"▶ {when} {safe_line(nxt['title'])}"))
        else:
            label.update(safe_content(f"{i18n.t('header.next_due')} {when}: {safe_line(nxt['title'])} ({nxt.get('owner') or '-'})"))
        label.set_class(overdue, "-overdue")

    def _tick_promise(self, clock: float | None) -> None:
        """The countdown to the promised next update; loud once it is overdue."""
        promise = getattr(self, "_promise", None)
        label = self.query_one("#header-update", Static)
        label.set_class(promise is not None and clock is not None, "-shown")
        if promise is None or clock is None:
            label.update(Content(""))
            label.set_class(False, "-overdue")
            return
        remaining = promise.remaining(clock)
        overdue = remaining < 0
        left = f"{i18n.t('header.overdue')} {format_offset(-remaining)}" if overdue else format_offset(remaining)
        label.update(Content(f"{i18n.t('header.next_update')} {promise.label}: {left}"))
        label.set_class(overdue, "-overdue")

    def on_resize(self) -> None:
        self.update_incident()
