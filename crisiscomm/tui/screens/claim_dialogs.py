"""The claims pane's dialogs: a claim's text or mention numbers, a status change
with its evidence, and similar mentions to link. Every text shown comes from
feeds or operators, so it is rendered as `Text`/`Content`, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, OptionList, SelectionList, Static
from textual.widgets.option_list import Option
from textual.widgets.selection_list import Selection

from crisiscomm import claims, i18n
from crisiscomm.text import strip_controls
from crisiscomm.tui.screens.dialog import Dialog, DialogBody, TextPrompt  # noqa: F401  (TextPrompt: the claims pane's prompt)

i18n.register(
    {
        "claims.prompt_help": {"tr": "Enter: kaydet · Esc: vazgeç", "en": "Enter: save · Esc: cancel"},
        "claims.status_help": {
            "tr": "↑↓ durum · Tab: kaynak, not, resmi kaynaklar · Enter: kaydet · Esc: vazgeç",
            "en": "↑↓ status · Tab: source, note, official sources · Enter: save · Esc: cancel",
        },
    }
)


def one_line(text: str | None, limit: int) -> str:
    """Untrusted text for one line of the terminal: no control characters, no line breaks."""
    return strip_controls(text or "").replace("\n", " ").replace("\t", " ")[:limit]


class StatusScreen(Dialog[dict | None]):
    """The new status and its evidence; official sources fill the source field."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    StatusScreen .dialog-error { color: $error; }
    StatusScreen .dialog-help { color: $text-muted; }
    StatusScreen #status-choice { height: auto; max-height: 6; margin-bottom: 1; }
    StatusScreen #status-sources { height: auto; max-height: 6; }
    StatusScreen Input { margin-bottom: 1; }
    StatusScreen Button { margin-right: 2; }
    """

    def __init__(self, view: dict, sources: list[dict]) -> None:
        super().__init__()
        self.view, self.sources = view, sources

    def compose(self) -> ComposeResult:
        choices = [s for s in claims.STATUSES if s not in ("unverified", self.view["status"])]
        with DialogBody():
            yield Static(Text(f"#{self.view['id']} {one_line(self.view['text'], 150)}", style="bold"), markup=False)
            yield Static(Content(i18n.t("claims.status_help")), classes="dialog-help", markup=False)
            yield OptionList(
                *[Option(Content(claims.status_label(s)), id=s) for s in choices], id="status-choice", markup=False, compact=True,
            )
            yield Input(placeholder=i18n.t("claims.source"), id="status-source", compact=True)
            yield Input(placeholder=i18n.t("claims.note"), id="status-note", compact=True)
            yield Static(Content(i18n.t("claims.official")), markup=False)
            if self.sources:
                yield OptionList(
                    *[Option(Content(s["source"]), id=str(i)) for i, s in enumerate(self.sources)],
                    id="status-sources", markup=False, compact=True,
                )
            else:
                yield Static(Content(i18n.t("claims.no_official")), markup=False)
            yield Static(Content(""), classes="dialog-error", id="status-error", markup=False)
            with Horizontal():
                yield Button(Content(i18n.t("claims.save")), id="status-save", variant="primary", compact=True)
                yield Button(Content(i18n.t("claims.cancel")), id="status-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#status-choice", OptionList).highlighted = 0

    @on(OptionList.OptionSelected, "#status-sources")
    def _source_chosen(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#status-source", Input).value = self.sources[int(event.option.id)]["source"]
        self.query_one("#status-note", Input).focus()

    @on(OptionList.OptionSelected, "#status-choice")
    def _status_chosen(self) -> None:
        self.query_one("#status-source", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#status-save")
    def _save(self) -> None:
        choice = self.query_one("#status-choice", OptionList)
        source = self.query_one("#status-source", Input).value.strip()
        note = self.query_one("#status-note", Input).value.strip()
        if source and not note and self.focused is self.query_one("#status-source", Input):
            self.query_one("#status-note", Input).focus()  # Enter after the source goes on to the note
            return
        if choice.highlighted is None or not source or not note:
            self.query_one("#status-error", Static).update(Content(i18n.t("claims.need_evidence")))
            return
        status = choice.get_option_at_index(choice.highlighted).id
        self.dismiss({"status": status, "source": source, "note": note})

    @on(Button.Pressed, "#status-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class SuggestionsScreen(Dialog[list[int] | None]):
    """Similar unlinked mentions, best first; the chosen ones are linked."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("enter", "link", "Link", priority=True)]
    DEFAULT_CSS = """
    SuggestionsScreen #suggestions { height: auto; max-height: 16; }
    """

    def __init__(self, found: list[dict]) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(Content(i18n.t("claims.suggest_help")), markup=False)
            yield SelectionList[int](
                *[Selection(self._label(m), m["id"]) for m in self.found], id="suggestions",
            )

    @staticmethod
    def _label(mention: dict) -> Content:
        text = one_line(mention["title"] or mention["text"], 120)
        return Content(f"{mention['score']:.2f} #{mention['id']} {one_line(mention['feed'] or '-', 40)}: {text}")

    def action_link(self) -> None:
        self.dismiss(list(self.query_one("#suggestions", SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)
