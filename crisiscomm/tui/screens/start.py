"""The start screen: open incidents, open a new one, start the demo, readiness."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from crisiscomm import i18n, incidents
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import IncidentSelected
from crisiscomm.tui.safe import safe_content, safe_line


class StartScreen(Screen):
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("n", "open_incident", "Open incident"),
        Binding("d", "demo", "Demo drill"),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="start"):
            yield Static(Content(i18n.t("start.title")), id="start-title")
            yield Static(Content(""), id="start-hint")
            yield Static(Content(i18n.t("start.active")), classes="start-heading")
            yield OptionList(id="start-incidents")
            with Horizontal(id="start-buttons"):
                yield Button(Content(i18n.t("start.open")), id="start-open", variant="primary")
                yield Button(Content(i18n.t("start.demo")), id="start-demo")
            yield Static(Content(i18n.t("start.readiness")), classes="start-heading")
            yield Static(Content(""), id="start-readiness")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        rows = incidents.active_incidents(store)
        options = self.query_one("#start-incidents", OptionList)
        options.clear_options()
        for inc in rows:
            mark = f"  [{incidents.EXERCISE_MARK}]" if inc.is_exercise else ""
            label = f"#{inc.id}  {safe_line(inc.title)}  · {i18n.t('severity')} {inc.severity} · {i18n.t('status.' + inc.status)}{mark}"
            options.add_option(Option(Content(label), id=str(inc.id)))
        self.query_one("#start-hint", Static).update(Content("" if rows else i18n.t("start.no_incident")))
        if rows:
            options.focus()
        else:
            self.query_one("#start-open", Button).focus()
        self.query_one("#start-readiness", Static).update(safe_content(self._readiness_text()))

    def _readiness_text(self) -> str:
        from crisiscomm.accounts import readiness_warnings

        warnings = readiness_warnings(self.app.store)
        return "\n".join(f"⚠ {w}" for w in warnings) if warnings else i18n.t("start.readiness_ok")

    @on(OptionList.OptionSelected, "#start-incidents")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.app.post_message(IncidentSelected(int(event.option.id)))
        self.dismiss()

    @on(Button.Pressed, "#start-open")
    def action_open_incident(self) -> None:
        from crisiscomm.tui.screens.open_incident import OpenIncidentScreen

        def opened(incident_id: int | None) -> None:
            if incident_id is not None:
                self.app.post_message(IncidentSelected(incident_id))
                self.dismiss()

        self.app.push_screen(OpenIncidentScreen(), opened)

    @on(Button.Pressed, "#start-demo")
    def action_demo(self) -> None:
        from crisiscomm.tui.demo import start_demo_in_app

        def started(incident_id: int) -> None:
            self.app.post_message(IncidentSelected(incident_id))
            self.dismiss()

        start_demo_in_app(self.app, on_started=started)

    def action_leave(self) -> None:
        if self.app.incident_id is not None:
            self.dismiss()
