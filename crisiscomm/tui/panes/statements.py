"""The statements pane: versions and states, an editor with live lint, channel counters.

Left: the incident's statements (newest version's state) and the lint findings
of the text in the editor. Right: the editor and each channel's length.

Editing is a mode. On the list, single letters are commands: `n` a new
statement (the editor opens, empty, with the cursor in it), `e` edit the
highlighted one, `t` start from a template, `s` submit for review, `a`
approve, `A` approve acknowledging warnings, `r` reject with a reason, `p`
publish, `y` copy the highlighted channel's text, `v` versions (go back to an
older one), Enter on a channel: preview. The editing mode itself (the editor,
live lint, autosave, unsaved text) is `StatementEditing` in statements_editing.py.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static, TextArea

from crisiscomm import actions, i18n
from crisiscomm.models import Statement
from crisiscomm.posts import CHANNELS
from crisiscomm.statements import channel_texts, channels, workflow
from crisiscomm.statements.templates import templates_for
from crisiscomm.tui.panes.base import focus_now
from crisiscomm.tui.panes.statements_dialogs import (
    PreviewScreen,
    PublishScreen,
    ReasonScreen,
    TemplateScreen,
    VersionsScreen,
)
from crisiscomm.tui.panes.statements_editing import StatementEditing


class StatementsPane(StatementEditing):
    PANE_ID = "statements"
    TITLE_KEY = "pane.statements"
    # statements; facts change the lint; posts and corrections show on a statement's line
    WATCHES = ("statement.", "fact.", "post.", "claim.correction_started", "consistency.")
    TYPING_ACTIONS = ("save", "to_list")

    BINDINGS = [
        Binding("ctrl+s", "save", "Save version"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("t", "from_template", "Template"),
        Binding("s", "submit", "Submit"),
        Binding("a", "approve", "Approve"),
        Binding("A,shift+a", "approve(True)", "Approve+ack", key_display="A"),
        Binding("r", "reject", "Reject"),
        Binding("p", "publish", "Publish"),
        Binding("y", "copy", "Copy"),
        Binding("v", "versions", "Versions"),
    ]

    DEFAULT_CSS = """
    StatementsPane #st-main { height: 1fr; }
    StatementsPane #st-side { width: 40%; min-width: 24; }
    StatementsPane #st-list { height: 1fr; min-height: 4; overflow-x: hidden; }
    StatementsPane #st-findings-box { height: 1fr; border-top: solid $primary-darken-2; scrollbar-gutter: stable; }
    StatementsPane #st-work { width: 1fr; }
    StatementsPane #st-editor { height: 1fr; min-height: 5; }
    StatementsPane #st-editor:focus { border: tall $warning; }
    StatementsPane #st-channels { height: 7; }
    StatementsPane #st-status { height: 1; background: $panel; }
    StatementsPane #st-status.-unsaved { background: $warning-darken-2; }
    StatementsPane #st-status.-editing { background: $warning; color: black; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown_incident: int | None = None

    # -- layout -------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="st-main"):
            with Vertical(id="st-side"):
                yield DataTable(id="st-list", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="st-findings-box"):
                    yield Static(Text(""), id="st-findings", markup=False)
            with Vertical(id="st-work"):
                yield TextArea("", id="st-editor", soft_wrap=True, tab_behavior="focus")
                yield DataTable(id="st-channels", cursor_type="row")
        yield Static(Text(""), id="st-status", markup=False)

    def on_mount(self) -> None:
        self.border_title = i18n.t(self.TITLE_KEY)
        if not self.query("#st-list"):  # the app closed while the pane was being built
            return
        listing = self.query_one("#st-list", DataTable)
        listing.add_column(Text(i18n.t("st.col.id")), key="id", width=3)
        listing.add_column(Text(i18n.t("st.col.version")), key="version", width=3)
        listing.add_column(Text(i18n.t("st.col.state")), key="state", width=10)
        listing.add_column(Text(i18n.t("st.col.title")), key="title")
        table = self.query_one("#st-channels", DataTable)
        table.add_column(Text(i18n.t("st.col.channel")), key="channel", width=10)
        table.add_column(Text(i18n.t("st.col.length")), key="length")
        super().on_mount()

    def primary(self):
        return self.query_one("#st-list", DataTable)

    # -- loading ------------------------------------------------------------------
    def refresh_data(self) -> None:
        if self.incident_id != self._shown_incident:
            self._shown_incident = self.incident_id
            self._selected, self._loaded_version, self._unsaved, self._composing = None, None, {}, False
            self._disown_editor()
        if self.incident_id is None:
            self._show_list(None, [])
            return
        self._load(self.incident_id)

    @work(thread=True, exclusive=True, group="statements-load", exit_on_error=False)
    def _load(self, incident_id: int) -> None:
        rows = workflow.list_statements(self.dash.thread_store(), incident_id)
        self.app.call_from_thread(self._show_list, incident_id, rows)

    def _show_list(self, incident_id: int | None, rows: list[dict]) -> None:
        if incident_id != self.incident_id:
            return
        self._keep_typed()
        self._rows = rows
        listing = self.query_one("#st-list", DataTable)
        with self.prevent(DataTable.RowHighlighted):  # rebuilding is not the operator moving
            listing.clear()
            for st in rows:
                listing.add_row(Text(str(st["id"])), Text(f"v{st['version']}"), self._state_text(st["state"]),
                                Text(" ".join((st["title"] or st["body"][:60]).split())), key=str(st["id"]))
            ids = [st["id"] for st in rows]
            if self._selected not in ids and not self._composing:
                self._selected = ids[0] if ids else None
            if self._selected in ids:
                listing.move_cursor(row=ids.index(self._selected), animate=False)
        self._load_editor()

    @staticmethod
    def _state_text(state: str) -> Text:
        styles = {"approved": "bold green", "published": "bold cyan", "rejected": "bold red",
                  "in_review": "bold yellow", "superseded": "dim"}
        return Text(i18n.t(f"st.state.{state}"), style=styles.get(state, ""))

    @on(DataTable.RowHighlighted, "#st-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        if key is not None and (int(key) != self._selected or self._composing):
            self._composing = False
            self._selected = int(key)
            self._loaded_version = None
            self._load_editor()

    # -- actions ------------------------------------------------------------------
    def _need_selection(self) -> int | None:
        if self.current is None:
            self.app.notify(i18n.t("st.select_first"), severity="warning", markup=False)
            return None
        return self._selected

    def action_from_template(self) -> None:
        incident = self.dash.incident
        if incident is None:
            return
        self.app.push_screen(TemplateScreen(templates_for(incident.playbook)),
                             self._template_chosen)

    def _template_chosen(self, choice: tuple[str, str] | None) -> None:
        if choice is None or self.incident_id is None:
            return
        template_id, language = choice
        inc = self.incident_id

        def opened(st: Statement) -> None:
            self._composing, self._selected, self._loaded_version = False, st.id, None
            focus_now(self.editor)

        self.act(lambda session: actions.statements.draft(session, inc, template_id=template_id,
                                                               language=language or None),
                 self._saved, on_success=opened)

    def action_versions(self) -> None:
        st = self.current
        if st is None:
            self.app.notify(i18n.t("st.select_first"), severity="warning", markup=False)
            return
        self.app.push_screen(VersionsScreen(st), self._version_chosen)

    def _version_chosen(self, version: dict | None) -> None:
        if version is None or self.current is None:
            return
        self.editor.load_text(version["body"])  # unsaved until the operator saves it as the newest version
        focus_now(self.editor)
        self.app.notify(i18n.t("st.version_loaded", version=version["version"]), markup=False)

    def action_submit(self) -> None:
        sid = self._need_selection()
        if sid is not None:
            self.act(lambda session: actions.statements.submit(session, sid), i18n.t("st.submitted", id=sid))

    def action_approve(self, acknowledge: bool = False) -> None:
        sid = self._need_selection()
        if sid is None:
            return
        warned = any(f.get("severity") == "warning" for f in self.current["versions"][-1].get("lint") or [])

        def refused(message: str) -> None:
            hint = "\n" + i18n.t("st.ack_hint") if warned and not acknowledge else ""
            self.app.notify(message + hint, severity="error", markup=False, timeout=10)

        self.act(lambda session: actions.statements.approve(session, sid, acknowledge_warnings=acknowledge),
                 i18n.t("st.approved", id=sid), on_refused=refused)

    def action_reject(self) -> None:
        if self._need_selection() is not None:
            self.app.push_screen(ReasonScreen(), self._rejected)

    def _rejected(self, reason: str | None) -> None:
        sid = self._selected
        if reason and sid is not None:
            self.act(lambda session: actions.statements.reject(session, sid, reason=reason),
                     i18n.t("st.rejected", id=sid))

    def _highlighted_channel(self) -> str:
        table = self.query_one("#st-channels", DataTable)
        if self._measures and 0 <= table.cursor_row < len(self._measures):
            return self._measures[table.cursor_row].channel
        return CHANNELS[0]

    def action_publish(self) -> None:
        if self._need_selection() is not None:
            self.app.push_screen(PublishScreen(self._highlighted_channel(), self.exercise), self._publish_chosen)

    def _publish_chosen(self, choice: tuple[str, str] | None) -> None:
        sid = self._selected
        if choice is None or sid is None:
            return
        channel, url = choice

        def done(st: Statement) -> str:
            return i18n.t("st.simulated" if st.post.simulated else "st.published", id=st.id, channel=channel)

        self.act(lambda session: actions.statements.publish(session, sid, channel, url=url or None), done)

    def _channel_text(self, channel: str) -> str:
        version = {"body": self.editor.text, "channel_texts": self._forms()}
        return channel_texts.posted_text(version, channel, exercise=self.exercise)

    def action_copy(self) -> None:
        channel = self._highlighted_channel()
        self.app.copy_to_clipboard(self._channel_text(channel))
        self.app.notify(i18n.t("st.copied", channel=channel), markup=False)

    @on(DataTable.RowSelected, "#st-channels")
    def _preview(self, event: DataTable.RowSelected) -> None:
        channel = str(event.row_key.value)
        text = self._channel_text(channel)
        self.app.push_screen(PreviewScreen(text, channels.measure(text, channel)),
                             lambda edited: self._save_channel_text(channel, edited))

    def _save_channel_text(self, channel: str, edited: str | None) -> None:
        """The channel's own text edited in its preview: a new version, the body and the others kept."""
        sid = self._selected
        if edited is None or sid is None:
            return
        def saved(st: Statement) -> None:  # the new version is shown (the edited body, if any, stays unsaved)
            self._selected, self._loaded_version = st.id, None
            self._show_status()

        self.act(lambda session: actions.statements.revise(session, sid, edited, channel=channel),
                 self._saved, on_success=saved)

    def commands(self):
        return [
            (i18n.t("st.key.new"), "n", self.action_new),
            (i18n.t("st.key.edit_long"), "e", self.action_edit),
            (i18n.t("st.key.template"), "t", self.action_from_template),
            (i18n.t("st.key.save"), "Ctrl+S", self.action_save),
            (i18n.t("st.key.submit"), "s", self.action_submit),
            (i18n.t("st.key.approve"), "a", self.action_approve),
            (i18n.t("st.key.approve_ack"), "A", lambda: self.action_approve(True)),
            (i18n.t("st.key.reject"), "r", self.action_reject),
            (i18n.t("st.key.publish"), "p", self.action_publish),
            (i18n.t("st.key.copy"), "y", self.action_copy),
            (i18n.t("st.key.versions"), "v", self.action_versions),
        ]
