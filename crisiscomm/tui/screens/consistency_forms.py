"""Forms of the consistency pane: set a fact, record a post, give a reason, read a post.

A form's write goes through the dashboard's write path; a refusal is shown
inside the form, so nothing typed is lost, and the form closes with the
result on success.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding

from textual.content import Content
from textual.widgets import Checkbox, Select, Static, TextArea, Input

from crisiscomm.fact_names import display_name
from crisiscomm.i18n import register, t
from crisiscomm.posts import CHANNELS
from crisiscomm.tui.screens.dialog import Dialog, DialogBody, FormDialog

register({
    "form.fact_title": {"tr": "Bilgi föyü: bilgi gir", "en": "Fact sheet: set a fact"},
    "form.fact_key": {"tr": "Bilgi (ör. yaralı sayısı, bilgi hattı, bir sonraki bilgilendirme)",
                      "en": "Fact (e.g. number of injured, information line, next update)"},
    "form.fact_value": {"tr": "Değer", "en": "Value"},
    "form.fact_source": {"tr": "Kaynak", "en": "Source"},
    "form.fact_unconfirmed": {"tr": "Doğrulanmadı", "en": "Unconfirmed"},
    "form.post_title": {"tr": "Kanalda paylaşılanı kaydet", "en": "Record what a channel posted"},
    "form.post_channel": {"tr": "Kanal", "en": "Channel"},
    "form.post_text": {"tr": "Paylaşılan metin", "en": "Posted text"},
    "form.post_url": {"tr": "Adres (isteğe bağlı, http/https)", "en": "URL (optional, http/https)"},
    "form.reason": {"tr": "Gerekçe", "en": "Reason"},
    "form.post_heading": {"tr": "Paylaşım #{id} · {channel} · {operator} · {posted_at}",
                          "en": "Post #{id} · {channel} · {operator} · {posted_at}"},
    "form.post_source": {"tr": "Açıklama #{statement} sürüm {version}", "en": "Statement #{statement} version {version}"},
    "form.post_keys": {"tr": "c: düzeltme taslağı · d: düzeltmeyi kapat · esc: kapat",
                       "en": "c: draft correction · d: dismiss correction · esc: close"},
})

class FactForm(FormDialog):
    """Key, value, confirmed or not, source."""

    def __init__(self, save: Callable[[str, str, str, str], Callable], fact: dict | None = None,
                 done: Callable[[Any], str] | None = None) -> None:
        super().__init__()
        self.save, self.done = save, done
        self.fact = fact or {}

    def compose(self) -> ComposeResult:
        fact = self.fact
        with DialogBody(id="fact-form"):
            yield Static(Content(t("form.fact_title")), classes="form-title")
            yield Static(Content(t("form.fact_key")))
            yield Input(display_name(fact["key"]) if fact.get("key") else "", id="fact-key")
            yield Static(Content(t("form.fact_value")))
            yield Input(fact.get("value", ""), id="fact-value")
            yield Static(Content(t("form.fact_source")))
            yield Input(fact.get("source", ""), id="fact-source")
            yield Checkbox(Content(t("form.fact_unconfirmed")), fact.get("status") == "unconfirmed", id="fact-unconfirmed")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#fact-value" if self.fact.get("key") else "#fact-key", Input).focus()

    def submit(self) -> None:
        key = self.query_one("#fact-key", Input).value
        value = self.query_one("#fact-value", Input).value
        source = self.query_one("#fact-source", Input).value
        status = "unconfirmed" if self.query_one("#fact-unconfirmed", Checkbox).value else "confirmed"
        self.write(self.save(key, value, status, source), self.done)


class PostForm(FormDialog):
    """Channel, the posted text, its URL."""

    def __init__(self, save: Callable[[str, str, str], Callable], channel: str | None = None,
                 done: Callable[[Any], str] | None = None) -> None:
        super().__init__()
        self.save, self.done = save, done
        self.channel = channel if channel in CHANNELS else CHANNELS[0]

    def compose(self) -> ComposeResult:
        with DialogBody(id="post-form"):
            yield Static(Content(t("form.post_title")), classes="form-title")
            yield Static(Content(t("form.post_channel")))
            yield Select([(Content(c), c) for c in CHANNELS], value=self.channel, allow_blank=False, id="post-channel")
            yield Static(Content(t("form.post_text")))
            yield TextArea(id="post-text")
            yield Static(Content(t("form.post_url")))
            yield Input(id="post-url")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#post-text", TextArea).focus()

    def submit(self) -> None:
        channel = str(self.query_one("#post-channel", Select).value)
        text = self.query_one("#post-text", TextArea).text
        url = self.query_one("#post-url", Input).value
        self.write(self.save(channel, text, url), self.done)


class ReasonForm(FormDialog):
    """One line of reason for an action (dismissing a correction)."""

    def __init__(self, title: str, save: Callable[[str], Callable], done: Callable[[Any], str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.save, self.done = save, done

    def compose(self) -> ComposeResult:
        with DialogBody(id="reason-form"):
            yield Static(Content(self.title_text), classes="form-title")
            yield Static(Content(t("form.reason")))
            yield Input(id="reason")
            yield from self.buttons()

    def submit(self) -> None:
        reason = self.query_one("#reason", Input).value
        self.write(self.save(reason), self.done)


class PostView(Dialog[str | None]):
    """One post in full, the stretch that the cell is about highlighted; c / d act on the cell."""

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("c", "choose('correct')", "Draft correction"),
        Binding("d", "choose('dismiss')", "Dismiss correction"),
    ]
    DEFAULT_CSS = "#post-view #post-body { height: auto; }"

    def __init__(self, post: dict, cell: dict | None = None) -> None:
        super().__init__()
        self.post = post
        self.cell = cell

    def compose(self) -> ComposeResult:
        post = self.post
        with DialogBody(id="post-view"):
            yield Static(Content(t("form.post_heading", id=post["id"], channel=post["channel"],
                                   operator=post["operator"], posted_at=post["posted_at"][:19])), classes="form-title")
            if post.get("statement_id"):
                yield Static(Content(t("form.post_source", statement=post["statement_id"],
                                       version=post.get("statement_version") or "?")))
            if post.get("url"):
                yield Static(Content(post["url"]))
            yield Static(self._body(), id="post-body", markup=False)
            yield Static(Content(t("form.post_keys")), classes="form-title")

    def _body(self) -> Text:
        text = Text(self.post["text"])
        snippet = (self.cell or {}).get("text")
        if snippet:
            start = self.post["text"].find(snippet)
            if start >= 0:
                style = "bold black on yellow" if self.cell["state"] != "contradicts" else "bold white on red"
                text.stylize(style, start, start + len(snippet))
        return text

    def action_close(self) -> None:
        self.dismiss(None)

    def action_choose(self, what: str) -> None:
        self.dismiss(what)
