"""The base of the dashboard's modal dialogs (footer keys in the UI language) and a shared text prompt."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from crisiscomm.tui.bindings import translate_bindings

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)


class TextPrompt(Dialog[str | None]):
    """One line of text (a skip reason, a note, a claim, mention numbers); Enter accepts, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    TextPrompt { align: center middle; }
    TextPrompt > Vertical {
        width: 76; max-width: 100%; height: auto; border: thick $primary; background: $surface; padding: 0 1;
    }
    TextPrompt #prompt-error { color: $error; }
    TextPrompt #prompt-hint { color: $text-muted; }
    """

    def __init__(
        self, question: str, value: str = "", *, hint: str = "", required: str | None = None,
        restrict: str | None = None, max_length: int = 0,
    ) -> None:
        """`required`: the message shown when Enter is pressed on an empty field (None: empty cancels)."""
        super().__init__()
        self.question, self.value, self.hint = question, value, hint
        self.required, self.restrict, self.max_length = required, restrict, max_length

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question), id="prompt-question")
            yield Input(self.value, id="prompt-input", restrict=self.restrict, max_length=self.max_length)
            yield Static(Content(""), id="prompt-error")
            yield Static(Content(self.hint), id="prompt-hint")

    @on(Input.Submitted)
    def submit(self) -> None:
        value = self.query_one(Input).value.strip()
        if self.required and not value:
            self.query_one("#prompt-error", Static).update(Content(self.required))
            return
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
