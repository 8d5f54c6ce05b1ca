"""The statements pane's editing mode: the editor, live lint, autosave and unsaved text.

`StatementsPane` (statements.py) builds on this with the list and the review
actions. In the editor every letter is text: only Ctrl+S (save a version) and
Esc (back to the list; asks to save, discard or stay when there are unsaved
changes) are commands. A draft is saved as a new version by itself after
AUTOSAVE_S seconds without typing. Unsaved text is kept per statement;
quitting or switching incidents asks about it too.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.timer import Timer
from textual.widgets import DataTable, Static, TextArea

from crisiscomm import actions, i18n, incidents
from crisiscomm.models import Statement
from crisiscomm.statements import channel_texts, channels, workflow
from crisiscomm.statements.findings import Finding
from crisiscomm.tui.panes.base import Pane, focus_now
from crisiscomm.tui.panes.statements_text import findings_text
from crisiscomm.tui.screens.dialog import Question

LINT_DELAY = 0.4
AUTOSAVE_S = 20.0
AUTOSAVED_STATES = ("draft", "rejected")  # a version in review or approved is never replaced unasked
NEW = None  # the key of a statement being written that has no number yet
DISOWNED = object()  # the editor's text belongs to no statement (nothing loaded, or thrown away)


class StatementEditing(Pane):
    """The editor half of the statements pane (the list and review actions are in the subclass)."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[dict] = []
        self._selected: int | None = None           # statement id (NEW while composing one)
        self._composing = False                     # writing a statement that has no number yet
        self._loaded_version: int | None = None     # version row id shown in the editor
        self._unsaved: dict[int | None, str] = {}   # edits not yet saved, per statement (NEW: the new one)
        self._editor_key: object = DISOWNED         # whose text the editor holds…
        self._editor_base = ""                      # …as it was loaded or last saved
        self._measures: list[channels.Measure] = []
        self._lint_timer: Timer | None = None
        self._autosave_timer: Timer | None = None

    @property
    def editor(self) -> TextArea:
        return self.query_one("#st-editor", TextArea)

    @property
    def exercise(self) -> bool:
        incident = self.dash.incident
        return bool(incident and incident.is_exercise)

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
            self._editor_key, self._editor_base = self._key, text
        self._show_status()
        self._schedule_lint(now=True)  # nobody is typing: the findings at once

    @property
    def _key(self) -> int | None:
        return NEW if self._composing else self._selected

    def _keep_typed(self) -> None:
        """A reload can land between a key press and its Changed message: what was typed stays unsaved."""
        if self._key == self._editor_key and self.editor.text != self._editor_base:
            self._unsaved[self._key] = self.editor.text

    def _disown_editor(self) -> None:
        self._editor_key = DISOWNED

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
        focus_now(self.editor)

    def action_edit(self) -> None:
        if self.incident_id is None:
            return
        if self.current is None and not self._composing:
            self.action_new()
            return
        focus_now(self.editor)

    def action_to_list(self) -> None:
        """Escape: back to the list; with unsaved changes, first ask to save, discard or stay."""
        self._keep_typed()
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
            focus_now(self.editor)

    def _leave_editor(self) -> None:
        if self._composing and not self._unsaved.get(NEW):
            self._composing = False  # nothing written: back to the statement the list shows
            self._loaded_version = None
        self._load_editor()
        self.focus()

    # -- unsaved work (the app asks before quitting or switching incidents) -----------
    def has_unsaved(self) -> bool:
        self._keep_typed()
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
        self._disown_editor()
        self._composing = False
        self._loaded_version = None

    def _save_text(self, key: int | None, text: str, done: Callable[[Statement], str]) -> None:
        inc = self.incident_id

        def saved(st: Statement) -> None:
            if self._unsaved.get(key) == text:  # typed on since: that is still unsaved
                self._unsaved.pop(key, None)
            if key == self._editor_key:
                self._editor_base = text
            if key is NEW and self._composing:
                self._composing = False
            if key is NEW or key == self._selected:
                self._selected = st.id
            self._loaded_version = None
            self._show_status()

        if key is NEW:
            call = lambda session: actions.statements.draft(session, inc, body=text)
        else:
            call = lambda session: actions.statements.revise(session, key, text)
        self.act(call, done, on_success=saved)

    def action_save(self) -> None:
        if self.incident_id is None:
            return
        self._save_text(self._key, self.editor.text, self._saved)

    @staticmethod
    def _saved(st: Statement) -> str:
        return i18n.t("st.saved", id=st.id, version=st.version)


    def _forms(self) -> dict[str, str]:
        """The selected version's own channel texts (X, Bluesky, SMS): they stay when the body is edited."""
        st = self.current
        return dict(st.get("channel_texts") or {}) if st else {}
