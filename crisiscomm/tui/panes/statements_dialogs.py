"""Dialogs of the statements pane: reject reason, publish, template choice, channel preview.

All texts shown here (templates, statement bodies) are rendered as Content or
in a read-only TextArea, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from crisiscomm import i18n
from crisiscomm.posts import CHANNELS
from crisiscomm.statements.channels import Measure
from crisiscomm.tui.safe import safe_line, safe_text
from crisiscomm.tui.screens.dialog import Dialog, DialogBody
from crisiscomm.tui.when import world_age
from crisiscomm.world_time import World

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
        "st.no_templates": {"tr": "Bu eylem planında şablon yok.", "en": "This playbook has no templates."},
        "st.preview": {"tr": "{channel} metni — {count}", "en": "{channel} text — {count}"},
        "st.copy": {"tr": "Kopyala (y)", "en": "Copy (y)"},
        "st.save_channel": {"tr": "Bu kanalın metni olarak kaydet", "en": "Save as this channel's text"},
        "st.close": {"tr": "Kapat", "en": "Close"},
        "st.need_reason": {"tr": "Gerekçe yazın.", "en": "Write a reason."},
        "st.versions_title": {"tr": "Açıklama #{id}: sürümler", "en": "Statement #{id}: versions"},
        "st.versions_hint": {"tr": "Enter: bu sürümün metnini düzenleyiciye al · Esc: vazgeç",
                             "en": "Enter: put this version's text in the editor · Esc: cancel"},
    }
)


class StatementDialog(Dialog):
    """A centred dialog; Esc or its `#st-cancel` button closes it without a result."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    .st-buttons { height: auto; margin-top: 1; }
    .st-exercise-note { background: $warning; color: black; text-style: bold; }
    #st-dialog-error { color: $error; height: auto; }
    """

    @staticmethod
    def buttons(ok_label: str, variant: str, ok_id: str = "st-ok", cancel_label: str = "st.cancel") -> Horizontal:
        return Horizontal(
            Button(Content(i18n.t(ok_label)), id=ok_id, variant=variant),
            Button(Content(i18n.t(cancel_label)), id="st-cancel"),
            classes="st-buttons",
        )

    @on(Button.Pressed, "#st-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ReasonScreen(StatementDialog):
    """Ask for the reason of a rejection."""

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(Content(i18n.t("st.reason")))
            yield Input(id="st-reason")
            yield Static(Content(""), id="st-dialog-error")
            yield self.buttons("st.reject", "error")

    @on(Input.Submitted)
    @on(Button.Pressed, "#st-ok")
    def _ok(self) -> None:
        reason = self.query_one("#st-reason", Input).value.strip()
        if not reason:
            self.query_one("#st-dialog-error", Static).update(Content(i18n.t("st.need_reason")))
            return
        self.dismiss(reason)


class PublishScreen(StatementDialog):
    """Choose the channel (and the post's URL, never in an exercise)."""

    def __init__(self, channel: str, exercise: bool) -> None:
        super().__init__()
        self.channel, self.exercise = channel, exercise

    def compose(self) -> ComposeResult:
        with DialogBody():
            if self.exercise:
                yield Static(Content(i18n.t("st.exercise_publish")), classes="st-exercise-note")
            yield Static(Content(i18n.t("st.channel")))
            yield Select([(Content(ch), ch) for ch in CHANNELS], value=self.channel, allow_blank=False, id="st-channel")
            if not self.exercise:
                yield Static(Content(i18n.t("st.url")))
                yield Input(id="st-url", placeholder="https://")
            yield self.buttons("st.publish", "primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#st-ok")
    def _ok(self) -> None:
        url = "" if self.exercise else self.query_one("#st-url", Input).value.strip()
        self.dismiss((str(self.query_one("#st-channel", Select).value), url))


class TemplateScreen(StatementDialog):
    """Pick a template: returns (template id, language)."""

    def __init__(self, templates: list[dict]) -> None:
        super().__init__()
        self.templates = templates

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(Content(i18n.t("st.templates")))
            if self.templates:
                yield OptionList(*[
                    Option(Content(f"{t['id']} · {t.get('language', '')} · {t.get('title', '')}"), id=str(i))
                    for i, t in enumerate(self.templates)
                ], id="st-template-list")
            else:
                yield Static(Content(i18n.t("st.no_templates")))
            yield Button(Content(i18n.t("st.cancel")), id="st-cancel")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        template = self.templates[int(event.option.id or 0)]
        self.dismiss((template["id"], template.get("language", "")))


class PreviewScreen(StatementDialog):
    """One channel's text as it would be posted, with its counter; `y` copies it. The text can be
    edited and saved as the channel's own text (a new version): dismissed with the edited text."""

    BINDINGS = [Binding("y", "copy", "Copy")]
    DEFAULT_CSS = """
    .st-preview #st-preview-text { height: 12; }
    .st-preview-title.-over { color: $error; text-style: bold; }
    """

    def __init__(self, text: str, measure: Measure) -> None:
        super().__init__()
        self.text, self.measure = text, measure

    def compose(self) -> ComposeResult:
        with DialogBody(classes="st-preview"):
            yield Static(Content(i18n.t("st.preview", channel=self.measure.channel, count=self.measure.describe())),
                         classes="st-preview-title -over" if self.measure.over else "st-preview-title")
            yield TextArea(self.text, soft_wrap=True, id="st-preview-text")
            with Horizontal(classes="st-buttons"):
                yield Button(Content(i18n.t("st.save_channel")), variant="primary", id="st-save-channel")
                yield Button(Content(i18n.t("st.copy")), id="st-copy")
                yield Button(Content(i18n.t("st.close")), id="st-cancel")

    @on(Button.Pressed, "#st-save-channel")
    def _save(self) -> None:
        edited = self.query_one("#st-preview-text", TextArea).text
        self.dismiss(edited if edited.strip() and edited != self.text else None)

    @on(Button.Pressed, "#st-copy")
    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.text)
        self.app.notify(i18n.t("st.copied", channel=self.measure.channel), markup=False)
        self.dismiss(None)


class VersionsScreen(StatementDialog):
    """A statement's versions, newest first; Enter puts the chosen one's text back in the editor."""

    DEFAULT_CSS = """
    VersionsScreen #st-versions { height: auto; max-height: 12; }
    VersionsScreen #st-version-body { height: auto; color: $text-muted; margin-top: 1; }
    """

    def __init__(self, statement: dict) -> None:
        super().__init__()
        self.statement = statement
        self.versions = list(reversed(statement["versions"]))

    def compose(self) -> ComposeResult:
        with DialogBody():
            yield Static(Content(i18n.t("st.versions_title", id=self.statement["id"])), classes="form-title")
            world = getattr(self.app, "world", None) or World()  # ages in a drill's scenario time
            yield OptionList(*[Option(self._label(v, world), id=str(i)) for i, v in enumerate(self.versions)],
                             id="st-versions")
            yield Static(Text(""), id="st-version-body")
            yield Static(Content(i18n.t("st.versions_hint")), classes="form-hint")

    @staticmethod
    def _label(version: dict, world: World) -> Text:
        first = safe_line(version["body"])[:60]
        state = i18n.t(f"st.state.{version['state']}")
        return Text(f"v{version['version']} · {state} · {safe_line(version['author'])} · "
                    f"{world_age(world, version['created_at'])} · {first}")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionHighlighted)
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#st-version-body", Static).update(Text(safe_text(self.versions[int(event.option.id or 0)]["body"])))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.versions[int(event.option.id or 0)])
