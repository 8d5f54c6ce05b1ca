"""Dialogs of the statements pane: reject reason, publish, template choice, channel preview.

All texts shown here (templates, statement bodies) are rendered as Content or
in a read-only TextArea, never as markup.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from crisiscomm import i18n
from crisiscomm.posts import CHANNELS
from crisiscomm.statements.channels import Measure

i18n.register(
    {
        "st.reason": {"tr": "Ret gerekçesi (ne değişmeli?)", "en": "Reason for rejecting (what must change?)"},
        "st.reject": {"tr": "Reddet", "en": "Reject"},
        "st.cancel": {"tr": "Vazgeç", "en": "Cancel"},
        "st.publish": {"tr": "Yayımla", "en": "Publish"},
        "st.channel": {"tr": "Kanal", "en": "Channel"},
        "st.url": {"tr": "Gönderi adresi (isteğe bağlı)", "en": "Post URL (optional)"},
        "st.exercise_publish": {
            "tr": "TATBİKAT / EXERCISE: yalnız benzetim kaydı tutulur, canlı kanala gönderilmez.",
            "en": "TATBİKAT / EXERCISE: recorded as a simulated post; nothing goes to a live channel.",
        },
        "st.templates": {"tr": "Şablondan taslak", "en": "Draft from a template"},
        "st.no_templates": {"tr": "Bu oyun kitabında şablon yok.", "en": "This playbook has no templates."},
        "st.preview": {"tr": "{channel} metni — {count}", "en": "{channel} text — {count}"},
        "st.copy": {"tr": "Kopyala (y)", "en": "Copy (y)"},
        "st.close": {"tr": "Kapat", "en": "Close"},
        "st.need_reason": {"tr": "Gerekçe yazın.", "en": "Write a reason."},
    }
)


class ReasonScreen(ModalScreen[str | None]):
    """Ask for the reason of a rejection."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="st-dialog"):
            yield Static(Content(i18n.t("st.reason")))
            yield Input(id="st-reason")
            yield Static(Content(""), id="st-dialog-error")
            with Horizontal(classes="st-buttons"):
                yield Button(Content(i18n.t("st.reject")), id="st-ok", variant="error")
                yield Button(Content(i18n.t("st.cancel")), id="st-cancel")

    @on(Button.Pressed, "#st-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#st-ok")
    def _ok(self) -> None:
        reason = self.query_one("#st-reason", Input).value.strip()
        if not reason:
            self.query_one("#st-dialog-error", Static).update(Content(i18n.t("st.need_reason")))
            return
        self.dismiss(reason)


class PublishScreen(ModalScreen[tuple[str, str] | None]):
    """Choose the channel (and the post's URL, never in an exercise)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, channel: str, exercise: bool) -> None:
        super().__init__()
        self.channel, self.exercise = channel, exercise

    def compose(self) -> ComposeResult:
        with Vertical(classes="st-dialog"):
            if self.exercise:
                yield Static(Content(i18n.t("st.exercise_publish")), classes="st-exercise-note")
            yield Static(Content(i18n.t("st.channel")))
            yield Select([(Content(ch), ch) for ch in CHANNELS], value=self.channel, allow_blank=False, id="st-channel")
            if not self.exercise:
                yield Static(Content(i18n.t("st.url")))
                yield Input(id="st-url", placeholder="https://")
            with Horizontal(classes="st-buttons"):
                yield Button(Content(i18n.t("st.publish")), id="st-ok", variant="primary")
                yield Button(Content(i18n.t("st.cancel")), id="st-cancel")

    @on(Button.Pressed, "#st-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    @on(Button.Pressed, "#st-ok")
    def _ok(self) -> None:
        url = "" if self.exercise else self.query_one("#st-url", Input).value.strip()
        self.dismiss((str(self.query_one("#st-channel", Select).value), url))


class TemplateScreen(ModalScreen[tuple[str, str] | None]):
    """Pick a template: returns (template id, language)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, templates: list[dict]) -> None:
        super().__init__()
        self.templates = templates

    def compose(self) -> ComposeResult:
        with Vertical(classes="st-dialog"):
            yield Static(Content(i18n.t("st.templates")))
            if self.templates:
                yield OptionList(*[
                    Option(Content(f"{t['id']} · {t.get('language', '')} · {t.get('title', '')}"), id=str(i))
                    for i, t in enumerate(self.templates)
                ], id="st-template-list")
            else:
                yield Static(Content(i18n.t("st.no_templates")))
            yield Button(Content(i18n.t("st.cancel")), id="st-cancel")

    @on(Button.Pressed, "#st-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        template = self.templates[int(event.option.id or 0)]
        self.dismiss((template["id"], template.get("language", "")))


class PreviewScreen(ModalScreen[None]):
    """One channel's text as it would be posted, with its counter; `y` copies it."""

    BINDINGS = [Binding("escape", "close", "Close"), Binding("y", "copy", "Copy")]

    def __init__(self, text: str, measure: Measure) -> None:
        super().__init__()
        self.text, self.measure = text, measure

    def compose(self) -> ComposeResult:
        with Vertical(classes="st-dialog st-preview"):
            yield Static(Content(i18n.t("st.preview", channel=self.measure.channel, count=self.measure.describe())),
                         classes="st-preview-title -over" if self.measure.over else "st-preview-title")
            yield TextArea(self.text, read_only=True, soft_wrap=True, id="st-preview-text")
            with Horizontal(classes="st-buttons"):
                yield Button(Content(i18n.t("st.copy")), id="st-copy", variant="primary")
                yield Button(Content(i18n.t("st.close")), id="st-cancel")

    @on(Button.Pressed, "#st-cancel")
    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#st-copy")
    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.app.notify(i18n.t("st.copied", channel=self.measure.channel), markup=False)
        self.dismiss(None)
