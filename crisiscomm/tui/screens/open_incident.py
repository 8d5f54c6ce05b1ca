"""A form to open an incident: title, playbook, severity, exercise, keywords."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Select, Static

from crisiscomm import actions, i18n
from crisiscomm.playbooks import available_playbooks
from crisiscomm.tui.screens.dialog import Dialog, DialogBody


class OpenIncidentScreen(Dialog[int | None]):
    CSS_PATH = "open_incident.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        choices = [(Content(f"{pid} — {title}"), pid) for pid, title in available_playbooks()]
        with DialogBody(id="open-incident"):
            yield Static(Content(i18n.t("open.title")))
            yield Input(id="open-title")
            yield Static(Content(i18n.t("open.playbook")))
            yield Select(choices, id="open-playbook", value="general", allow_blank=False)
            yield Static(Content(i18n.t("open.keywords")))
            yield Input(id="open-keywords")
            with Horizontal(id="open-level-row"):  # one row for both: the form fits 80×24 unscrolled
                yield Static(Content(i18n.t("open.severity")), id="open-severity-label")
                yield Input("2", id="open-severity", restrict=r"[1-4]?", max_length=1)
                yield Checkbox(Content(i18n.t("open.exercise")), id="open-exercise")
            yield Static(Content(""), id="open-error")
            with Horizontal():
                yield Button(Content(i18n.t("open.submit")), id="open-submit", variant="primary")
                yield Button(Content(i18n.t("open.cancel")), id="open-cancel")

    @on(Button.Pressed, "#open-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#open-submit")
    def submit(self) -> None:
        title = self.query_one("#open-title", Input).value
        severity = int(self.query_one("#open-severity", Input).value or 2)
        playbook = str(self.query_one("#open-playbook", Select).value)
        keywords = [k.strip() for k in self.query_one("#open-keywords", Input).value.split(",") if k.strip()]
        exercise = self.query_one("#open-exercise", Checkbox).value
        self._show_error("")
        self.app.act(
            lambda session: actions.incidents.open_incident(session, title, playbook, severity=severity,
                                                                 exercise=exercise, keywords=keywords),
            on_success=lambda incident: self.dismiss(incident.id), on_refused=self._show_error,
        )

    def _show_error(self, text: str) -> None:
        self.query_one("#open-error", Static).update(Content(text))
