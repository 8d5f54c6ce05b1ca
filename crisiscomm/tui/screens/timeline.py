"""The timeline screen: every event of an incident, filtered, searched, paged from SQLite.

Opened from the dashboard (ctrl+t). Rows come page by page through
`crisiscomm.review.events.EventQuery`, so 100,000 events scroll like 100.
Enter on an event shows the mention, statement or claim it points at; from
there `g` switches the dashboard to that record's pane.
"""

from __future__ import annotations

import json

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Select, Static

from crisiscomm import i18n, incidents
from crisiscomm.clock import format_clock
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.review import events as review_events
from crisiscomm.review import strings  # noqa: F401  (registers the screen's strings)
from crisiscomm.printable import one_line, printable
from crisiscomm.review.sentences import sentence
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import DataChanged
from crisiscomm.tui.notices import NoticeBar
from crisiscomm.tui.widgets.paged_list import PagedList

i18n.register({"timeline.key.raw": {"tr": "Ham kayıt / cümle", "en": "Raw events / sentences"}})

SEARCH_DELAY = 0.3
RECORD_PANES = {"mention": "mentions", "statement": "statements", "claim": "claims"}


def clean(text: str) -> str:
    """Text fit for the terminal: no control sequences (operators' notes are untrusted too)."""
    return one_line(text)


def render_event(event: dict, width: int, *, raw: bool = False, clock: bool = True) -> Text:
    """One line: the incident clock, then the event as a sentence (or raw: operator, kind, payload)."""
    line = Text(no_wrap=True, overflow="ellipsis")
    if clock:
        line.append(format_clock(event["clock"]), style="bold cyan")
        line.append(" ")
    if raw:
        line.append(clean(event["operator"])[:16], style="green")
        line.append(" ")
        line.append(clean(event["kind"]), style="bold")
        line.append(" ")
        line.append(clean(review_events.summary(event["payload"], cap=max(width, 40))))
    else:
        line.append(clean(sentence(event)))
    return line


def event_detail(event: dict | None, *, one_line: bool = False) -> Text:
    """The raw event: id, times, operator, kind and every payload field (on one line for the pane)."""
    if event is None:
        return Text("")
    payload = event["payload"] if isinstance(event["payload"], dict) else {"payload": event["payload"]}
    if one_line:  # the pane: on the incident clock (the wall time is one Enter away, on the full screen)
        head = f"#{event['id']} {format_clock(event['clock'])} {event['operator']} {event['kind']}"
        return Text(clean(f"{head} · {review_events.summary(payload, cap=400)}"))
    head = f"#{event['id']} {event['wall_time']} {format_clock(event['clock'])} {event['operator']} {event['kind']}"
    lines = [head] + [f"{key}: {value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}"
                      for key, value in payload.items()]
    return Text(printable("\n".join(lines)))


class EventSource:
    """A PageSource over an EventQuery: surveyed on the workers' connection, pages read on the UI's."""

    def __init__(self, app, flt: review_events.EventFilter) -> None:
        self.workers = review_events.EventQuery(app.thread_store, flt)
        self.ui = review_events.EventQuery(app.store, flt)

    def count(self) -> int:
        return self.workers.count()

    def survey(self, key: int | None, mark: int | None):
        return self.workers.survey(key, mark)

    def fetch(self, offset: int, limit: int, total: int) -> list[dict]:
        return self.ui.fetch(offset, limit)


def show_related(app, event: dict | None) -> None:
    """What an event points at (a mention, statement, claim), or a note that it points at nothing."""
    if event is None:
        return
    found = review_events.related(event)
    if not found:
        app.notify(i18n.t("review.timeline.no_related"), markup=False)
        return
    app.push_screen(RelatedScreen(found))


class TimelineScreen(Screen):
    HELP_TITLE = "pane.timeline"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("o", "toggle_order", "review.key.order"),
        Binding("slash", "focus_search", "review.key.search"),
        Binding("ctrl+r", "reset_filters", "review.key.reset"),
        Binding("r", "toggle_raw", "timeline.key.raw"),
    ]
    DEFAULT_CSS = """
    TimelineScreen { layout: vertical; }
    #tl-title { height: 1; background: $panel; text-style: bold; padding: 0 1; }
    TimelineScreen.-exercise #tl-title { background: $warning; color: black; }
    #tl-filters { height: 3; }
    #tl-search { width: 1fr; }
    #tl-kind, #tl-operator { width: 24; }
    #tl-count { height: 1; color: $text-muted; padding: 0 1; }
    #tl-list { height: 1fr; }
    #tl-detail { height: 6; border-top: solid $primary-darken-2; padding: 0 1; }
    """

    def __init__(self, incident_id: int) -> None:
        super().__init__()
        translate_bindings(self)
        self.incident_id = incident_id
        self.newest_first = True
        self.raw = False
        self._search_timer = None

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="tl-title", markup=False)
        with Horizontal(id="tl-filters"):
            yield Input(placeholder=i18n.t("review.timeline.search"), id="tl-search")
            yield Select([], prompt=i18n.t("review.timeline.all_kinds"), id="tl-kind")
            yield Select([], prompt=i18n.t("review.timeline.all_operators"), id="tl-operator")
        yield Static(id="tl-count", markup=False)
        yield PagedList(None, lambda event, width: render_event(event, width, raw=self.raw), id="tl-list")
        yield Static(id="tl-detail", markup=False)
        yield NoticeBar()
        yield Footer()

    def on_mount(self) -> None:
        incident = incidents.get(self.app.store, self.incident_id)
        exercise = incident.is_exercise
        title = i18n.t("review.timeline.screen_title", id=incident.id, title=clean(incident.title))
        if exercise:
            title = f"{incidents.EXERCISE_MARK} · {title} · {incidents.EXERCISE_MARK}"
        self.query_one("#tl-title", Static).update(Content(title))
        self.set_class(exercise, "-exercise")
        self._load_choices()
        self.apply_filter()
        self.query_one("#tl-list", PagedList).focus()

    # -- filters --------------------------------------------------------------
    def current_filter(self) -> review_events.EventFilter:
        kind = self.query_one("#tl-kind", Select).value
        operator = self.query_one("#tl-operator", Select).value
        return review_events.EventFilter(
            self.incident_id,
            kind=None if kind is Select.NULL else str(kind),
            operator=None if operator is Select.NULL else str(operator),
            search=self.query_one("#tl-search", Input).value or None,
            newest_first=self.newest_first,
        )

    def apply_filter(self) -> None:
        self.query_one("#tl-list", PagedList).set_source(EventSource(self.app, self.current_filter()))

    @work(thread=True, exclusive=True, group="timeline-choices", exit_on_error=False)
    def _load_choices(self) -> None:
        store = self.app.thread_store()
        kinds = review_events.kinds(store, self.incident_id)
        operators = review_events.operators(store, self.incident_id)
        self.app.call_from_thread(self._set_choices, kinds, operators)

    def _set_choices(self, kinds: list[tuple[str, int]], operators: list[str]) -> None:
        kind_select = self.query_one("#tl-kind", Select)
        op_select = self.query_one("#tl-operator", Select)
        kind_value, op_value = kind_select.value, op_select.value
        # Areas (`statement`) first, then each kind: Content labels, never markup.
        areas = sorted({k.split(".", 1)[0] for k, _ in kinds})
        kind_select.set_options([(Content(f"{a}.*"), a) for a in areas] + [(Content(f"{k} ({n})"), k) for k, n in kinds])
        op_select.set_options([(Content(clean(o)), o) for o in operators])
        with self.prevent(Select.Changed):
            if kind_value is not Select.NULL and kind_value in areas + [k for k, _ in kinds]:
                kind_select.value = kind_value
            if op_value is not Select.NULL and op_value in operators:
                op_select.value = op_value

    @on(Select.Changed)
    def _select_changed(self) -> None:
        self.apply_filter()

    @on(Input.Changed, "#tl-search")
    def _search_changed(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self.apply_filter)

    @on(Input.Submitted, "#tl-search")
    def _search_submitted(self) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        self.apply_filter()
        self.query_one("#tl-list", PagedList).focus()

    # -- list -----------------------------------------------------------------
    @on(PagedList.Highlighted, "#tl-list")
    def _highlighted(self, message: PagedList.Highlighted) -> None:
        lst = self.query_one("#tl-list", PagedList)
        order = i18n.t("review.timeline.newest" if self.newest_first else "review.timeline.oldest")
        self.query_one("#tl-count", Static).update(Content(i18n.t("review.timeline.count", count=f"{lst.row_count:,}", order=order)))
        self.query_one("#tl-detail", Static).update(event_detail(message.row))

    @on(PagedList.Activated, "#tl-list")
    def _activated(self, message: PagedList.Activated) -> None:
        show_related(self.app, message.row)

    def data_changed(self, change: DataChanged) -> None:
        """The app hands every change to the screens above the dashboard."""
        if change.touches(("",), self.incident_id):
            self._reload()

    def _reload(self) -> None:
        self.query_one("#tl-list", PagedList).reload()
        self._load_choices()

    # -- actions --------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss()

    def action_toggle_raw(self) -> None:
        self.raw = not self.raw
        self.query_one("#tl-list", PagedList).refresh()

    def action_toggle_order(self) -> None:
        self.newest_first = not self.newest_first
        self.apply_filter()

    def action_focus_search(self) -> None:
        self.query_one("#tl-search", Input).focus()

    def action_reset_filters(self) -> None:
        with self.prevent(Select.Changed, Input.Changed):
            self.query_one("#tl-search", Input).value = ""
            self.query_one("#tl-kind", Select).clear()
            self.query_one("#tl-operator", Select).clear()
        self.apply_filter()


def record_text(store, record: str, record_id: int) -> str:
    """A mention, statement or claim as readable lines (read through each area's functions)."""
    from crisiscomm import claims, mentions
    from crisiscomm.statements import workflow

    try:
        if record == "mention":
            row = mentions.get_mention(store, record_id)
            lines = [f"{row['title']}", f"{row['author']} · {row['published_at'] or row['fetched_at']} · {row['state']}",
                     f"{row['link'] or ''}", "", row["text"]]
        elif record == "statement":
            row = workflow.get_statement(store, record_id)
            lines = [f"{row['title']} · {row['created_by']} · {row['created_at']}"] + [
                f"\nv{v['version']} {v['state']} · {v['author']}{' → ' + v['approver'] if v['approver'] else ''}\n{v['body']}"
                for v in row["versions"]]
        else:
            row = claims.get_claim(store, record_id)
            lines = [row["text"], f"{row['status']} · {row['first_seen_at']}"] + [
                f"· {e['at']} {e['status']} — {e['source']}: {e['note']} ({e['operator']})"
                for e in claims.evidence(store, record_id)]
    except NotFound:
        return i18n.t("review.timeline.related_missing", record=i18n.t(f"review.record.{record}"), id=record_id)
    return printable("\n".join(lines))


class RelatedScreen(ModalScreen):
    """The records an event points at; `g` shows the first one's dashboard pane."""

    BINDINGS = [Binding("escape", "dismiss_screen", "Back"), Binding("g", "go_to_pane", "review.key.go_to_pane")]
    DEFAULT_CSS = """
    RelatedScreen { align: center middle; }
    #related { width: 90%; max-width: 110; height: 80%; border: thick $primary; background: $surface; padding: 0 1; }
    .related-title { text-style: bold; margin-top: 1; }
    """

    def __init__(self, records: list[tuple[str, int]]) -> None:
        super().__init__()
        translate_bindings(self)
        self.records = records

    def compose(self) -> ComposeResult:
        with Vertical(id="related"):
            with VerticalScroll():
                for record, record_id in self.records:
                    yield Static(Content(f"{i18n.t('review.record.' + record)} #{record_id}"), classes="related-title")
                    try:
                        text = record_text(self.app.store, record, record_id)
                    except CrisisError as exc:
                        text = str(exc)
                    yield Static(Text(text), markup=False, classes="related-body")
        yield Footer()

    def action_dismiss_screen(self) -> None:
        self.dismiss()

    def action_go_to_pane(self) -> None:
        pane_id = RECORD_PANES[self.records[0][0]]
        app = self.app
        # Back to the dashboard (this modal and the timeline screen), then show the pane.
        while len(app.screen_stack) > 1:
            app.pop_screen()
        from crisiscomm.tui.app import PANE_CLASSES

        ids = [cls.PANE_ID for cls in PANE_CLASSES]
        if pane_id in ids:
            app.action_show_tab(ids.index(pane_id))
