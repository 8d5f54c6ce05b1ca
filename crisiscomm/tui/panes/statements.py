"""The statements pane: versions and states, an editor with live lint, channel counters.

Left: the incident's statements (newest version's state) and the lint findings
of the text in the editor. Right: the editor and each channel's length.

Editing is a mode. On the list, single letters are commands: `n` a new
statement (the editor opens, empty, with the cursor in it), `e` edit the
highlighted one, `t` start from a template, `s` submit for review, `a`
approve, `A` approve acknowledging warnings, `r` reject with a reason, `p`
publish, `y` copy the highlighted channel's text, `v` versions (go back to an
older one), Enter on a channel: preview. In the editor every letter is text:
only Ctrl+S (save a version) and Esc (back to the list; asks to save, discard
or stay when there are unsaved changes) are commands. A draft is saved as a
new version by itself after AUTOSAVE_S seconds without typing. Unsaved text
is kept per statement; quitting or switching incidents asks about it too.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import DataTable, Static, TextArea

from crisiscomm import actions, i18n, incidents
from crisiscomm.models import Statement
from crisiscomm.posts import CHANNELS
from crisiscomm.statements import channel_texts, channels, workflow
from crisiscomm.statements.findings import Finding
from crisiscomm.statements.templates import templates_for
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.panes.statements_dialogs import (
    PreviewScreen,
    PublishScreen,
    ReasonScreen,
    TemplateScreen,
    VersionsScreen,
)
from crisiscomm.tui.panes.statements_text import findings_text
from crisiscomm.tui.screens.dialog import Question

LINT_DELAY = 0.4
AUTOSAVE_S = 20.0
AUTOSAVED_STATES = ("draft", "rejected")  # a version in review or approved is never replaced unasked
NEW = None  # the key of a statement being written that has no number yet


class StatementsPane(Pane):
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
    StatementsPane #st-findings-box { height: 1fr; border-top: solid $primary-darken-2; }
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
        self._rows: list[dict] = []
        self._selected: int | None = None           # statement id (NEW while composing one)
        self._composing = False                     # writing a statement that has no number yet
        self._loaded_version: int | None = None     # version row id shown in the editor
        self._unsaved: dict[int | None, str] = {}   # edits not yet saved, per statement (NEW: the new one)
        self._measures: list[channels.Measure] = []
        self._lint_timer: Timer | None = None
        self._autosave_timer: Timer | None = None
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

    @property
    def editor(self) -> TextArea:
        return self.query_one("#st-editor", TextArea)

    # -- loading ------------------------------------------------------------------
    @property
    def exercise(self) -> bool:
        incident = self.dash.incident
        return bool(incident and incident.is_exercise)

    def refresh_data(self) -> None:
        if self.incident_id != self._shown_incident:
            self._shown_incident = self.incident_id
            self._selected, self._loaded_version, self._unsaved, self._composing = None, None, {}, False
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

    @property
    def current(self) -> dict | None:
        return None if self._composing else next((st for st in self._rows if st["id"] == self._selected), None)

    def _load_editor(self) -> None:
        """Show the selected statement's newest version (or the text not saved yet)."""
        st = self.current
        version_id = st["versions"][-1]["id"] if st else None
        if version_id != self._loaded_version or self._composing:
            self._loaded_version = version_id
            text = self._unsaved.get(self._key, st["body"] if st else "")
            if self.editor.text != text:
                self.editor.load_text(text)
        self._show_status()
        self._schedule_lint(now=True)  # nobody is typing: the findings at once

    @property
    def _key(self) -> int | None:
        return NEW if self._composing else self._selected

    @on(DataTable.RowHighlighted, "#st-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        if key is not None and (int(key) != self._selected or self._composing):
            self._composing = False
            self._selected = int(key)
            self._loaded_version = None
            self._load_editor()

    # -- editing, live lint, autosave ------------------------------------------------
    @on(TextArea.Changed, "#st-editor")
    def _edited(self, event: TextArea.Changed) -> None:
        st = self.current
        saved = st["body"] if st else ""
        if event.text_area.text != saved:
            self._unsaved[self._key] = event.text_area.text
        else:
            self._unsaved.pop(self._key, None)
        self._show_status()
        self._schedule_lint()
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(AUTOSAVE_S, self._autosave)

    def _autosave(self) -> None:
        """Save a draft's text as a new version by itself (never a version in review or approved)."""
        st = self.current
        text = self._unsaved.get(self._key)
        if not text or not text.strip() or (st is not None and st["state"] not in AUTOSAVED_STATES):
            return
        self._save_text(self._key, text, lambda st: i18n.t("st.autosaved", id=st.id, version=st.version))

    def _schedule_lint(self, *, now: bool = False) -> None:
        if self._lint_timer is not None:
            self._lint_timer.stop()
        if now:
            self._start_lint()
        else:
            self._lint_timer = self.set_timer(LINT_DELAY, self._start_lint)

    def _start_lint(self) -> None:
        if self.incident_id is not None:
            self._lint(self.incident_id, self.editor.text, self._forms())

    @work(thread=True, exclusive=True, group="statements-lint", exit_on_error=False)
    def _lint(self, incident_id: int, text: str, forms: dict[str, str]) -> None:
        store = self.dash.thread_store()
        incident = incidents.get(store, incident_id)
        exercise = incident.is_exercise
        shown = channels.with_exercise_mark(text) if exercise and text.strip() else text
        found = workflow.lint_version(store, incident, shown, forms) if text.strip() else []
        measures = channel_texts.measure_version({"body": text, "channel_texts": forms}, exercise=exercise)
        self.app.call_from_thread(self._show_lint, text, found, measures)

    def _show_lint(self, text: str, found: list[Finding], measures: list[channels.Measure]) -> None:
        if text != self.editor.text:
            return  # typed again since: a newer lint is on its way
        self.query_one("#st-findings", Static).update(findings_text(found))
        self._measures = measures
        table = self.query_one("#st-channels", DataTable)
        cursor = table.cursor_row
        table.clear()
        for m in measures:
            style = "bold red" if m.over else ("yellow" if m.unit == "segments" and (m.segments or 0) > 1 else "")
            table.add_row(Text(m.channel), Text(m.describe() + (" ✖" if m.over else ""), style=style), key=m.channel)
        if measures:
            table.move_cursor(row=min(cursor, len(measures) - 1), animate=False)

    def on_descendant_focus(self) -> None:
        self._show_status()

    def on_descendant_blur(self) -> None:
        self._show_status()

    def _show_status(self) -> None:
        status = self.query_one("#st-status", Static)
        unsaved = self._key in self._unsaved
        editing = self.editor.has_focus
        status.set_class(unsaved and not editing, "-unsaved")
        status.set_class(editing, "-editing")
        suffix = i18n.t("st.unsaved") if unsaved else ""
        if self.incident_id is None:
            status.update(Text(i18n.t("st.no_incident")))
        elif editing:
            head = i18n.t("st.composing") if self._composing else f"#{self._selected}"
            marker = i18n.t("st.unsaved_short") if unsaved and not self._composing else ""
            status.update(Text(f"{head}{marker} · {i18n.t('st.editing')}"))
        elif self._composing:
            status.update(Text(i18n.t("st.composing") + suffix))
        elif (st := self.current) is None:
            status.update(Text(i18n.t("st.empty") + suffix))
        else:
            status.update(Text(self._status_line(st) + suffix))

    @staticmethod
    def _status_line(st: dict) -> str:
        newest = st["versions"][-1]
        line = i18n.t("st.status", id=st["id"], version=st["version"], state=i18n.t(f"st.state.{st['state']}"),
                      author=st["author"])
        if st["state"] == "rejected":
            line += i18n.t("st.rejected_by", who=newest["approver"], reason=newest["reason"])
        elif newest["approver"]:
            line += i18n.t("st.approved_by", who=newest["approver"])
        if st["channels"]:
            line += " · " + ", ".join(st["channels"])
        return line

    # -- the editing mode ---------------------------------------------------------------
    def action_new(self) -> None:
        """A new statement: the editor opens (empty, or with the new text not saved yet), cursor in it."""
        if self.incident_id is None:
            return
        self._composing = True
        self._load_editor()
        self.editor.focus()

    def action_edit(self) -> None:
        if self.incident_id is None:
            return
        if self.current is None and not self._composing:
            self.action_new()
            return
        self.editor.focus()

    def action_to_list(self) -> None:
        """Escape: back to the list; with unsaved changes, first ask to save, discard or stay."""
        if not self.editor.has_focus or self._key not in self._unsaved:
            self._leave_editor()
            return
        question = Question(i18n.t("st.leave_question"), [("save", "guard.save", "s"), ("discard", "guard.discard", "d"),
                                                          ("stay", "guard.stay", "escape")])
        self.app.push_screen(question, self._leave_answered)

    def _leave_answered(self, answer: str | None) -> None:
        if answer == "save":
            self.action_save()
            self._leave_editor()
        elif answer == "discard":
            self._unsaved.pop(self._key, None)
            self._loaded_version = None
            self._leave_editor()
        else:
            self.editor.focus()

    def _leave_editor(self) -> None:
        if self._composing and not self._unsaved.get(NEW):
            self._composing = False  # nothing written: back to the statement the list shows
            self._loaded_version = None
        self._load_editor()
        self.focus()

    # -- unsaved work (the app asks before quitting or switching incidents) -----------
    def has_unsaved(self) -> bool:
        return any(text.strip() for text in self._unsaved.values())

    def unsaved_summary(self) -> str:
        return i18n.t("st.unsaved_summary", count=sum(1 for text in self._unsaved.values() if text.strip()))

    def save_unsaved(self, then: Callable[[], None]) -> None:
        """Save every unsaved text as a new version (one action each), then `then()`."""
        pending = [(key, text) for key, text in self._unsaved.items() if text.strip()]
        inc = self.incident_id

        def save_all(session: actions.Session) -> actions.Done:
            saved = [(actions.statements.draft(session, inc, body=text) if key is NEW
                      else actions.statements.revise(session, key, text)).value for key, text in pending]
            return actions.Done(saved)

        def done(_saved: list) -> None:
            self._unsaved.clear()
            then()

        self.act(save_all, lambda saved: i18n.t("st.saved", id=saved[-1].id, version=saved[-1].version),
                 on_success=done)

    def discard_unsaved(self) -> None:
        self._unsaved.clear()
        self._composing = False
        self._loaded_version = None

    # -- actions ------------------------------------------------------------------
    def _need_selection(self) -> int | None:
        if self.current is None:
            self.app.notify(i18n.t("st.select_first"), severity="warning", markup=False)
            return None
        return self._selected

    def _save_text(self, key: int | None, text: str, done: Callable[[Statement], str]) -> None:
        inc = self.incident_id

        def saved(st: Statement) -> None:
            if self._unsaved.get(key) == text:  # typed on since: that is still unsaved
                self._unsaved.pop(key, None)
            if key is NEW and self._composing:
                self._composing = False
            if key is NEW or key == self._selected:
                self._selected = st.id
            self._loaded_version = None
            self._show_status()

        if key is NEW:
            call = lambda session: actions.statements.draft(session, inc, body=text)  # noqa: E731
        else:
            call = lambda session: actions.statements.revise(session, key, text)  # noqa: E731
        self.act(call, done, on_success=saved)

    def action_save(self) -> None:
        if self.incident_id is None:
            return
        self._save_text(self._key, self.editor.text, self._saved)

    @staticmethod
    def _saved(st: Statement) -> str:
        return i18n.t("st.saved", id=st.id, version=st.version)

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
            self.editor.focus()

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
        self.editor.focus()
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

    def _forms(self) -> dict[str, str]:
        """The selected version's own channel texts (X, Bluesky, SMS): they stay when the body is edited."""
        st = self.current
        return dict(st.get("channel_texts") or {}) if st else {}

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
