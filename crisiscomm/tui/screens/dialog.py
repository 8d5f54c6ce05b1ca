"""The dashboard's modal dialogs: a base (footer of keys in the UI language, a body that
scrolls on a small terminal), forms that write through the write path, a text prompt and
a question with a few answers.

Every dialog's body is a `VerticalScroll` no taller than the screen: at 80×24 a long
form scrolls, and the field or button that gets the keys scrolls into view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from crisiscomm.i18n import register, t
from crisiscomm.tui.bindings import translate_bindings

Result = TypeVar("Result")

register({
    "form.save": {"tr": "Kaydet", "en": "Save"},
    "form.cancel": {"tr": "Vazgeç", "en": "Cancel"},
})

DIALOG_CSS = """
Dialog { align: center middle; }
.dialog { width: 76; max-width: 100%; height: auto; max-height: 100%; border: thick $primary;
          background: $surface; padding: 0 1; }
.dialog Input { margin: 0; }
.dialog .form-title { text-style: bold; }
.dialog .form-error { color: $error; height: auto; }
.dialog .form-hint { color: $text-muted; }
.dialog Horizontal { height: auto; }
.dialog TextArea { height: 6; }
"""


class DialogBody(VerticalScroll, can_focus=False):
    """A dialog's frame: it scrolls when the dialog is taller than the screen, and never takes
    the keys itself (the first field does)."""

    DEFAULT_CLASSES = "dialog"


class Dialog(ModalScreen[Result]):
    """A modal screen with the keys it takes in a footer (in the UI language)."""

    DEFAULT_CSS = DIALOG_CSS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        translate_bindings(self)

    def on_mount(self) -> None:
        self.mount(Footer())


class TextView(Dialog[None]):
    """A text to read in full (a mention, a drill inject): it scrolls at 80×24; Enter or Escape closes.

    `text` is a `rich.text.Text` (never markup); `BODY_ID` names the frame, `BODY_ID-text` the text."""

    BINDINGS = [Binding("escape,enter", "close", "Close")]
    BODY_ID = "text-view"

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with DialogBody(id=self.BODY_ID, can_focus=True):
            yield Static(self.text, id=f"{self.BODY_ID}-text")

    def on_mount(self) -> None:
        self.query_one(DialogBody).focus()

    def action_close(self) -> None:
        self.dismiss(None)


class FormDialog(Dialog[Any]):
    """A form: `write(call)` runs the action through the write path and closes with its value.

    A refusal is shown inside the form (nothing typed is lost). `save(...)` (given by the
    pane) turns the fields into the action to run; `done(value)` is the line told on success.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def buttons(self) -> ComposeResult:
        yield Static(Content(""), classes="form-error")
        with Horizontal():
            yield Button(Content(t("form.save")), id="form-save", variant="primary")
            yield Button(Content(t("form.cancel")), id="form-cancel")

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#form-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        self.submit()

    def submit(self) -> None:
        """Read the fields and call `write` with the action (each form's own)."""

    def show_error(self, text: str) -> None:
        self.query_one(".form-error", Static).update(Content(text))

    def write(self, call: Callable, done: Callable[[Any], str] | None = None) -> None:
        self.show_error("")
        self.app.act(call, done, on_success=self.dismiss, on_refused=self.show_error)


class TextPrompt(Dialog[str | None]):
    """One line of text (a skip reason, a note, a claim, mention numbers); Enter accepts, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
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
        with DialogBody():
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


class Question(Dialog[str | None]):
    """A question with a few answers, each a button with its key; Escape is the last answer."""

    DEFAULT_CSS = """
    Question #question-text { margin-bottom: 1; }
    Question Button { margin-right: 1; }
    """

    def __init__(self, text: str, answers: list[tuple[str, str, str]]) -> None:
        """`answers`: (value, label, key) triples; the last is what Escape answers."""
        super().__init__()
        self.text, self.answers = text, answers
        self._bindings.bind("escape", f"answer('{answers[-1][0]}')", t(answers[-1][1]), show=False)
        for value, label, key in answers:
            self._bindings.bind(key, f"answer('{value}')", t(label))

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(Content(self.text), id="question-text")
            with Horizontal():
                for i, (value, label, key) in enumerate(self.answers):
                    shown = self.app.get_key_display(Binding(key, ""))
                    yield Button(Content(f"{t(label)} ({shown})"), id=f"answer-{value}",
                                 variant="primary" if i == 0 else "default")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))

    def action_answer(self, value: str) -> None:
        self.dismiss(value)
