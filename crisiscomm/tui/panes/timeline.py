"""The incident's timeline, live: newest first, each event a sentence in the UI language.

`r` shows the raw events instead (kind and payload), in the list and in the
lines under it, which otherwise tell the highlighted event in full (a list
line is cut at the pane's width). The cursor stays on its event when
new ones arrive ("N new ↑"); Enter opens what the event points at, ctrl+t
the full timeline screen with filters and search.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from crisiscomm import i18n
from crisiscomm.clock import format_clock
from crisiscomm.review import events as review_events
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.screens.timeline import EventSource, event_detail, render_event
from crisiscomm.tui.widgets.paged_list import PagedList

i18n.register({
    "timeline.key.screen": {"tr": "Tam ekran", "en": "Full screen"},
    "timeline.cmd.raw": {"tr": "Zaman çizelgesi: cümleler / ham kayıtlar", "en": "Timeline: sentences / raw events"},
})


class TimelinePane(Pane):
    PANE_ID = "timeline"
    TITLE_KEY = "pane.timeline"
    WATCHES = ("",)  # every event of the incident
    BINDINGS = [
        Binding("r", "toggle_raw", "timeline.key.raw"),
        Binding("ctrl+t", "app.timeline_screen", "timeline.key.screen", show=False),
    ]
    DEFAULT_CSS = """
    TimelinePane #timeline-list { height: 1fr; }
    TimelinePane #timeline-detail { height: 3; padding: 0 1; background: $boost; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.raw = False
        self._shown_incident: int | None = None

    def compose(self):
        yield PagedList(None, self._render_row, id="timeline-list")
        yield Static(Content(""), id="timeline-detail", markup=False)

    def on_mount(self) -> None:
        self.border_title = Content(i18n.t(self.TITLE_KEY))
        super().on_mount()

    @property
    def paged(self) -> PagedList:
        return self.query_one("#timeline-list", PagedList)

    def primary(self):
        return self.paged

    def _render_row(self, event: dict, width: int) -> Text:
        return render_event(event, width, raw=self.raw)

    def refresh_data(self) -> None:
        if self.incident_id != self._shown_incident:
            self._shown_incident = self.incident_id
            source = EventSource(self.dash, review_events.EventFilter(self.incident_id)) if self.incident_id is not None else None
            self.paged.set_source(source, keep=False)
        else:
            self.paged.reload()
        if self.incident_id is None:
            self.query_one("#timeline-detail", Static).update(Content(i18n.t("timeline.empty")))

    @on(PagedList.Highlighted, "#timeline-list")
    def _highlighted(self, message: PagedList.Highlighted) -> None:
        detail = self.query_one("#timeline-detail", Static)
        if message.row is None:
            detail.update(Content(i18n.t("timeline.empty") if not self.paged.row_count else ""))
            return
        self._show_detail(message.row)

    def _show_detail(self, event: dict) -> None:
        detail = self.query_one("#timeline-detail", Static)
        if self.raw:
            detail.update(event_detail(event, one_line=True))
        else:
            detail.update(Text(f"#{event['id']} {format_clock(event['clock'])} — ") + render_event(event, 0, clock=False))

    @on(PagedList.Activated, "#timeline-list")
    def _activated(self, message: PagedList.Activated) -> None:
        from crisiscomm.tui.screens.timeline import show_related

        show_related(self.app, message.row)

    def action_toggle_raw(self) -> None:
        self.raw = not self.raw
        self.paged.refresh()
        if (row := self.paged.current_row) is not None:
            self._show_detail(row)

    def commands(self):
        return [(i18n.t("timeline.cmd.raw"), "r", self.action_toggle_raw)]
