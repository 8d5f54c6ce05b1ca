"""The dashboard: one screen, a header with the incident clock, and the panes.

At 80x24 the panes are tabs; on a large terminal (`-wide`) they tile. Three
app-level services: the write path (`act`, crisiscomm/tui/writes.py), the
change watcher (one `DataChanged` per change, with the new events; every
second for other processes, at once after our own writes) and the feed
service (polling, and later streaming sources).
"""

from __future__ import annotations

import os
import pathlib
import threading
from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.content import Content
from textual.lazy import Lazy
from textual.screen import Screen
from textual.widget import MountError
from textual.widgets import Footer, Tab, Tabs

from crisiscomm import config, i18n, incidents
from crisiscomm.errors import CrisisError
from crisiscomm.store import Store
from crisiscomm.tui import strings  # noqa: F401  (registers the dashboard's strings)
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.changes import ChangeWatcher
from crisiscomm.tui.commands import DashboardCommands
from crisiscomm.tui.drill import DrillCommands, attach_drill, drill_action
from crisiscomm.tui.feed_service import FeedService
from crisiscomm.tui.header import IncidentHeader
from crisiscomm.tui.room_watch import AlertCommands, attach_room_watch
from crisiscomm.tui.messages import DataChanged, IncidentSelected
from crisiscomm.tui.notices import Notice, NoticeBar, NoticesScreen, record
from crisiscomm.tui.panes.base import Pane, is_typing
from crisiscomm.tui.panes.checklist import ChecklistPane
from crisiscomm.tui.panes.claims import ClaimsPane
from crisiscomm.tui.panes.consistency import ConsistencyPane
from crisiscomm.tui.panes.mentions import MentionsPane
from crisiscomm.tui.panes.statements import StatementsPane
from crisiscomm.tui.panes.timeline import TimelinePane
from crisiscomm.tui.writes import WritePath
from crisiscomm.world_time import World

PANE_CLASSES: list[type[Pane]] = [
    MentionsPane,
    ChecklistPane,
    StatementsPane,
    ConsistencyPane,
    ClaimsPane,
    TimelinePane,
]
WIDE_WIDTH, WIDE_HEIGHT = 150, 40


class LaterPane(Lazy):
    """A pane mounted right after the first frame (the screen shows sooner); never while the app closes."""

    async def mount_composed_widgets(self, widgets: list) -> None:
        parent = self.parent
        if parent is None:
            return

        async def mount() -> None:
            try:
                await parent.mount(self._replace_widget, after=self)
                await self.remove()
            except MountError:  # quit before the first frame: nothing left to mount into
                pass

        self.call_after_refresh(mount)
POLL_SECONDS = 1.0


class DashboardApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "crisiscomm"
    COMMANDS = App.COMMANDS | {DashboardCommands, DrillCommands, AlertCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("f1", "show_tab(0)", "Mentions", show=False),
        Binding("f2", "show_tab(1)", "Checklist", show=False),
        Binding("f3", "show_tab(2)", "Statements", show=False),
        Binding("f4", "show_tab(3)", "Consistency", show=False),
        Binding("f5", "show_tab(4)", "Claims", show=False),
        Binding("f6", "show_tab(5)", "Timeline", show=False),
        Binding("ctrl+right", "next_tab(1)", "Next pane"),
        Binding("ctrl+left", "next_tab(-1)", "Prev pane", show=False),
        Binding("ctrl+o", "start_screen", "Incidents"),
        # drills (crisiscomm/tui/drill.py): shown only while the incident is a drill
        Binding("f7", "drill('toggle')", "Drill ⏯"),
        Binding("f8", "drill('skip')", "Next inject"),
        Binding("f9", "drill('faster')", "Drill speed"),
        Binding("ctrl+t", "timeline_screen", "Timeline"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+n", "notices", "Notifications", show=False),
    ]

    def __init__(
        self,
        db_path: str | os.PathLike,
        *,
        operator: str,
        lang: str | None = None,
        incident_id: int | None = None,
        poll: bool = True,
    ) -> None:
        i18n.set_lang(lang)
        super().__init__()
        translate_bindings(self)
        self.db_path = pathlib.Path(db_path)
        self.operator = operator
        config.configure(self.db_path)
        self.store = Store(self.db_path)
        self.incident_id = incident_id
        # An archived copy opens read-only: shown, never polled or changed.
        self.poll = poll and not self.store.read_only
        self._worker_store: Store | None = None
        self._worker_store_lock = threading.Lock()
        self._interruptions: deque[Screen] = deque()
        self.notices: list[Notice] = []  # every message of this session (crisiscomm/tui/notices.py)
        self.writes = WritePath(self)
        self.watcher = ChangeWatcher(self, self.store.clone())
        self.feeds = FeedService(self)
        # Hooks run on the UI thread every second (the drill player).
        self.tick_hooks: list[Callable[[], None]] = []
        self.active_pane_id = PANE_CLASSES[0].PANE_ID
        self.drill = None  # crisiscomm.tui.drill.DrillController while the shown incident is a drill
        self._world: World | None = None

    # -- stores ---------------------------------------------------------------
    def thread_store(self) -> Store:
        """The connection worker threads share (the Store serialises its use).

        Kept apart from the UI thread's `store`, so that a worker's long
        transaction never makes the UI thread wait.
        """
        with self._worker_store_lock:
            if self._worker_store is None:
                self._worker_store = self.store.clone()
            return self._worker_store

    @property
    def incident(self) -> dict | None:
        if self.incident_id is None:
            return None
        try:
            return incidents.get(self.store, self.incident_id)
        except CrisisError:
            return None

    @property
    def world(self) -> World:
        """The shown incident's time for ages and countdowns (kept until the incident, clock or drill changes)."""
        shown = self._world.incident.id if self._world and self._world.incident else None
        if self._world is None or shown != self.incident_id:
            self._world = World.load(self.store, self.incident)
        return self._world

    # -- the dashboard screen (dialogs and other screens may sit above it) ------
    def panes(self) -> list[Pane]:
        return list(self.screen_stack[0].query(Pane)) if self.screen_stack else []

    def pane(self, pane_id: str) -> Pane | None:
        return next((p for p in self.panes() if p.PANE_ID == pane_id), None)

    def header(self) -> IncidentHeader | None:
        found = self.screen_stack[0].query(IncidentHeader) if self.screen_stack else []
        return found.first() if found else None

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield IncidentHeader()
        yield Tabs(*[Tab(Content(i18n.t(cls.TITLE_KEY)), id=f"tab-{cls.PANE_ID}") for cls in PANE_CLASSES], id="pane-tabs")
        with Container(id="deck"):
            first, *rest = PANE_CLASSES
            yield first()
            for cls in rest:  # mounted right after the first frame: the screen shows sooner
                yield LaterPane(cls())
        yield NoticeBar(id="notice-bar")
        yield Footer()

    def on_mount(self) -> None:
        if self.incident_id is None:
            current = incidents.current_incident(self.store)
            self.incident_id = current.id if current else None
        self._apply_layout()
        self._show_pane(PANE_CLASSES[0].PANE_ID)
        self.refresh_panes()
        attach_drill(self)
        attach_room_watch(self)
        if self.store.read_only:
            self.sub_title = i18n.t("app.read_only")
            self.notify(i18n.t("app.read_only_note", path=str(self.db_path)), severity="warning", timeout=30)
        if self.poll:
            self.set_interval(POLL_SECONDS, self._tick)
            self.feeds.start()
        if self.incident_id is None:
            self.action_start_screen()

    def on_resize(self) -> None:
        self._apply_layout()

    def _apply_layout(self) -> None:
        wide = self.size.width >= WIDE_WIDTH and self.size.height >= WIDE_HEIGHT
        self.screen.set_class(wide, "-wide")
        self.set_class(wide, "-wide")

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        pane_id = event.tab.id.removeprefix("tab-") if event.tab is not None and event.tab.id else None
        # a key (F3) has shown it already and the keys typed after it may be in its editor: never take them back
        if pane_id is not None and pane_id != self.active_pane_id:
            self._show_pane(pane_id)

    def _show_pane(self, pane_id: str) -> None:
        """Show a pane and put the keyboard in it, so its keys act on what is shown."""
        self.active_pane_id = pane_id  # a pane mounted later (Lazy) reads it in its on_mount
        for pane in self.panes():
            pane.set_class(pane.PANE_ID == pane_id, "-active")
            if pane.PANE_ID == pane_id:
                pane.focus()

    def action_show_tab(self, index: int) -> None:
        if 0 <= index < len(PANE_CLASSES):
            pane_id = PANE_CLASSES[index].PANE_ID
            self.screen_stack[0].query_one("#pane-tabs", Tabs).active = f"tab-{pane_id}"
            self._show_pane(pane_id)

    def action_next_tab(self, step: int) -> None:
        tabs = self.screen_stack[0].query_one("#pane-tabs", Tabs)
        ids = [f"tab-{cls.PANE_ID}" for cls in PANE_CLASSES]
        current = ids.index(tabs.active) if tabs.active in ids else 0
        self.action_show_tab((current + step) % len(ids))

    def on_key(self, event: events.Key) -> None:
        """A character no widget took: it was queued for the widget that had the keys before a text field took
        them (typed ahead while the dashboard was busy: "/flood", "F3 n Su…"). It belongs in that field."""
        focused = self.focused
        if event.is_printable and is_typing(focused) and not getattr(event, "typed_ahead", False):
            again = events.Key(event.key, event.character)
            again.typed_ahead = True  # sent once: a field that refuses it (a restricted input) ends it here
            focused.post_message(again)

    def action_drill(self, command: str) -> None:
        drill_action(self, command)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the drill keys exist only while the shown incident is a drill
        return self.drill is not None if action == "drill" else True

    def action_start_screen(self) -> None:
        from crisiscomm.tui.screens.start import StartScreen

        self.push_screen(StartScreen())

    def action_help(self) -> None:
        """Every key of what is shown (the pane, or the screen above the panes) and of the dashboard."""
        from crisiscomm.tui.screens.help import HelpScreen, binding_rows

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        sections, typing_keys = [], ""
        if screen is self.screen_stack[0]:
            pane = self.pane(self.active_pane_id)
            where = i18n.t(pane.TITLE_KEY)
            sections.append((where, binding_rows(self, pane)))
            if pane.primary() is not None:
                sections.append((i18n.t("help.list"), binding_rows(self, pane.primary())))
            typing_keys = ", ".join(self.get_key_display(b) for bindings in pane._bindings.key_to_bindings.values()
                                    for b in bindings if b.action in pane.TYPING_ACTIONS)
        else:
            where = i18n.t(getattr(screen, "HELP_TITLE", "") or type(screen).__name__)
            sections.append((where, binding_rows(self, screen)))
        sections.append((i18n.t("help.everywhere"), binding_rows(self, self)))
        self.push_screen(HelpScreen(where, sections, typing_keys))

    # -- messages -----------------------------------------------------------------
    def notify(self, message: str, *, title: str = "", severity: str = "information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Every message goes to the notice line and the history, as plain text (never a toast over the panes)."""
        record(self, message, title=title, severity=severity)

    def action_notices(self) -> None:
        if not isinstance(self.screen, NoticesScreen):
            self.push_screen(NoticesScreen())

    def action_feeds(self) -> None:
        from crisiscomm.tui.screens.feeds import FeedsScreen

        if not isinstance(self.screen, FeedsScreen):
            self.push_screen(FeedsScreen())

    def action_open_incident(self, on_opened: Callable[[int], None] | None = None) -> None:
        from crisiscomm.tui.screens.open_incident import OpenIncidentScreen

        def opened(incident_id: int | None) -> None:
            if incident_id is not None:
                self.post_message(IncidentSelected(incident_id))
                if on_opened is not None:
                    on_opened(incident_id)

        self.push_screen(OpenIncidentScreen(), opened)

    def action_demo(self, on_started: Callable[[int], None] | None = None) -> None:
        """The demo drill at a pace chosen now (×5 or slower); started again, it replaces the shown demo."""
        from crisiscomm.tui.demo import DEMO_PACES, start_demo_in_app
        from crisiscomm.tui.screens.dialog import Question

        def chosen(answer: str | None) -> None:
            if answer not in DEMO_PACES:
                return

            def started(incident_id: int) -> None:
                self.post_message(IncidentSelected(incident_id))
                if on_started is not None:
                    on_started(incident_id)

            start_demo_in_app(self, speed=float(answer), on_started=started)

        answers = [(pace, f"demo.pace.{pace}", pace) for pace in DEMO_PACES] + [("cancel", "guard.stay", "escape")]
        self.push_screen(Question(i18n.t("demo.pace_question"), answers), chosen)

    def action_accounts(self) -> None:
        from crisiscomm.tui.screens.registers import AccountsScreen

        if not isinstance(self.screen, AccountsScreen):
            self.push_screen(AccountsScreen())

    def action_calendar(self) -> None:
        from crisiscomm.tui.screens.registers import CalendarScreen

        if not isinstance(self.screen, CalendarScreen):
            self.push_screen(CalendarScreen())

    def action_timeline_screen(self) -> None:
        from crisiscomm.tui.screens.timeline import TimelineScreen

        if isinstance(self.screen, TimelineScreen):
            return
        if self.incident_id is None:
            self.notify(i18n.t("review.timeline.no_incident"), markup=False)
            return
        self.push_screen(TimelineScreen(self.incident_id))

    # -- incident -------------------------------------------------------------
    @on(IncidentSelected)
    def _incident_selected(self, message: IncidentSelected) -> None:
        if message.incident_id == self.incident_id:
            return
        self.guard("guard.switch", lambda: self.select_incident(message.incident_id))

    def select_incident(self, incident_id: int | None) -> None:
        self.incident_id = incident_id
        self._world = None
        attach_drill(self)
        self.refresh_panes()

    # -- interruptions: cards and scores wait until nobody is typing ----------
    def interrupt(self, screen: Screen, what: str) -> None:
        """Show `screen` (an inject card, the score) as soon as no text field has the keys."""
        self._interruptions.append(screen)
        if self._typing():
            self.notify(i18n.t("card.waiting", what=what), severity="warning")
        self._show_interruptions()

    def _typing(self) -> bool:
        return is_typing(self.focused)

    def _show_interruptions(self) -> None:
        if self._interruptions and not self._typing() and len(self.screen_stack) == 1:
            self.push_screen(self._interruptions.popleft(), lambda _result: self._show_interruptions())

    # -- unsaved work ----------------------------------------------------------
    async def action_quit(self) -> None:
        self.guard("guard.quit", self.exit)

    def guard(self, question: str, then: Callable[[], None]) -> None:
        """Run `then` now, or after asking what to do with what was typed and not saved."""
        from crisiscomm.tui.screens.dialog import Question

        unsaved = [pane for pane in self.panes() if pane.has_unsaved()]
        if not unsaved:
            then()
            return
        if isinstance(self.screen, Question):
            return  # asked already

        def answered(answer: str | None) -> None:
            if answer == "save":
                self._save_all(unsaved, then)
            elif answer == "discard":
                for pane in unsaved:
                    pane.discard_unsaved()
                then()

        what = "; ".join(pane.unsaved_summary() for pane in unsaved)
        self.push_screen(Question(i18n.t(question, what=what), [
            ("save", "guard.save", "s"), ("discard", "guard.discard", "d"), ("stay", "guard.stay", "escape")]), answered)

    def _save_all(self, panes: list[Pane], then: Callable[[], None]) -> None:
        if not panes:
            then()
            return
        panes[0].save_unsaved(lambda: self._save_all(panes[1:], then))

    # -- change detection -----------------------------------------------------
    def refresh_panes(self) -> None:
        """Reload everything (another incident is shown)."""
        header = self.header()
        if header is not None:
            header.update_incident()
        for pane in self.panes():
            if pane.ready:
                pane.refresh_data()

    @on(DataChanged)
    def _data_changed(self, change: DataChanged) -> None:
        if change.touches(("incident.", "clock.", "drill."), self.incident_id):
            self._world = None
        header = self.header()
        if header is not None and change.touches(IncidentHeader.WATCHES, self.incident_id):
            header.update_incident()
        for pane in self.panes():
            if pane.wants(change):
                pane.refresh_data()
        for screen in self.screen_stack[1:]:  # a timeline screen, a feeds screen … over the panes
            handler = getattr(screen, "data_changed", None)
            if handler is not None:
                handler(change)

    def _tick(self) -> None:
        self.watcher.check_soon()
        self._show_interruptions()
        for hook in list(self.tick_hooks):
            hook()

    # -- the write path ---------------------------------------------------------
    def act(self, call, done=None, **callbacks: Any) -> None:
        """Run a user action off the UI thread (see crisiscomm/tui/writes.py)."""
        self.writes.act(call, done, **callbacks)

    def on_unmount(self) -> None:
        # Workers still inside a query keep their connection until the query ends:
        # `Store.close` waits for it, and any later use raises a StoreError in the worker.
        self.feeds.stop()
        self.workers.cancel_all()
        self.writes.close()
        for store in (self.store, self.watcher.store, self._worker_store):
            if store is not None:
                store.close()


def run_dashboard(db_path: str | os.PathLike, *, operator: str, lang: str | None = None, incident_id: int | None = None) -> None:
    DashboardApp(db_path, operator=operator, lang=lang, incident_id=incident_id).run()
