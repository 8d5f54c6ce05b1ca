"""The incident's timeline, live: the newest events at the bottom."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.widgets import RichLog

from crisiscomm import i18n, timeline
from crisiscomm.clock import format_clock
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.safe import safe_line

SHOWN = 300


def event_line(event: dict) -> Text:
    """One event as plain text: clock, operator, kind, a short payload summary."""
    payload = event["payload"]
    summary = ", ".join(f"{k}={v}" for k, v in payload.items() if v not in (None, "", [], {}))
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(format_clock(event["clock"]), style="bold cyan")
    line.append(f" {safe_line(event['operator'])} ", style="green")
    line.append(event["kind"], style="bold")
    if summary:
        line.append(" " + safe_line(summary)[:200])
    return line


class TimelinePane(Pane):
    PANE_ID = "timeline"
    TITLE_KEY = "pane.timeline"
    WATCHES = ("",)  # every event of the incident

    def compose(self):
        # RichLog without markup: payloads carry feed and user text.
        yield RichLog(markup=False, wrap=False, highlight=False, id="timeline-log", max_lines=SHOWN * 2)

    def on_mount(self) -> None:
        self._last_id = 0
        self._shown_incident = None
        self.border_title = i18n.t(self.TITLE_KEY)
        super().on_mount()

    def refresh_data(self) -> None:
        if self.incident_id != self._shown_incident:
            self._shown_incident = self.incident_id
            self._last_id = 0
            self.query_one(RichLog).clear()
        if self.incident_id is not None:
            self._load(self.incident_id, self._last_id)

    @work(thread=True, exclusive=True, group="timeline-pane", exit_on_error=False)
    def _load(self, incident_id: int, after_id: int) -> None:
        store = self.dash.thread_store()
        if after_id == 0:
            rows = list(reversed(timeline.events(store, incident_id, limit=SHOWN, newest_first=True)))
        else:
            rows = timeline.events(store, incident_id, after_id=after_id, limit=SHOWN)
        self.app.call_from_thread(self._show, incident_id, rows)

    def _show(self, incident_id: int, rows: list[dict]) -> None:
        if incident_id != self._shown_incident or not rows:
            return
        log = self.query_one(RichLog)
        for event in rows:
            if event["id"] > self._last_id:
                log.write(event_line(event))
                self._last_id = event["id"]
