"""The report dialog: what was phoned in, written in or seen by a field team, as a mention.

Returns {"source", "text", "author", "link"} or None; the pane stores it through the
write path (crisiscomm/feeds/intake.py).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from crisiscomm import i18n
from crisiscomm.feeds.intake import INTAKE_SOURCES
from crisiscomm.tui.screens.dialog import Dialog, DialogBody

i18n.register({
    "intake.title": {"tr": "Gelen bildirim", "en": "Incoming report"},
    "intake.help": {"tr": "↑↓ nereden geldi · Tab: metin, kişi, bağlantı · Enter: kaydet · Esc: vazgeç",
                    "en": "↑↓ where it came from · Tab: text, who, link · Enter: save · Esc: cancel"},
    "intake.text": {"tr": "Ne bildirildi?", "en": "What was reported?"},
    "intake.author": {"tr": "Kim bildirdi (ad, numara, ekip) — isteğe bağlı", "en": "Who reported it (name, number, team) — optional"},
    "intake.link": {"tr": "Bağlantı — isteğe bağlı", "en": "Link — optional"},
    "intake.need_text": {"tr": "Bildirimin metni gerekli.", "en": "The report needs its text."},
    "intake.added": {"tr": "Bildirim eklendi: #{id}", "en": "Report added: #{id}"},
})


class ReportDialog(Dialog[dict | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ReportDialog #report-source { height: auto; max-height: 5; margin-bottom: 1; }
    ReportDialog #report-error { color: $error; }
    ReportDialog #report-help { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        with DialogBody():  # scrolls on a small terminal
            yield Static(Content(i18n.t("intake.title")), markup=False)
            yield OptionList(*[Option(Content(i18n.t(f"intake.source.{s}")), id=s) for s in INTAKE_SOURCES],
                             id="report-source", markup=False, compact=True)
            yield Input(placeholder=i18n.t("intake.text"), id="report-text", max_length=4000, compact=True)
            yield Input(placeholder=i18n.t("intake.author"), id="report-author", max_length=200, compact=True)
            yield Input(placeholder=i18n.t("intake.link"), id="report-link", max_length=2000, compact=True)
            yield Static(Content(""), id="report-error", markup=False)
            yield Static(Content(i18n.t("intake.help")), id="report-help", markup=False)

    def on_mount(self) -> None:
        options = self.query_one("#report-source", OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected, "#report-source")
    def _source_chosen(self) -> None:
        self.query_one("#report-text", Input).focus()

    @on(Input.Submitted)
    def submit(self) -> None:
        text = self.query_one("#report-text", Input).value.strip()
        if not text:
            self.query_one("#report-error", Static).update(Content(i18n.t("intake.need_text")))
            self.query_one("#report-text", Input).focus()
            return
        options = self.query_one("#report-source", OptionList)
        source = INTAKE_SOURCES[options.highlighted or 0]
        self.dismiss({
            "source": source, "text": text,
            "author": self.query_one("#report-author", Input).value.strip() or None,
            "link": self.query_one("#report-link", Input).value.strip() or None,
        })

    def action_cancel(self) -> None:
        self.dismiss(None)
