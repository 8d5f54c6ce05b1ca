"""The feeds screen: every registered feed with its health, adding one, polling now.

Opened with `h` in the mentions pane, from the start screen and the command
palette. The same actions on the command line: `crisiscomm feeds add URL
[--name N] [--trust T]`, `feeds list`, `ingest`.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding

from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from crisiscomm import actions, i18n
from crisiscomm.feeds.registry import TRUST_LEVELS
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import DataChanged
from crisiscomm.tui.notices import NoticeBar
from crisiscomm.tui.safe import safe_line, safe_text
from crisiscomm.tui.screens.dialog import DialogBody, FormDialog
from crisiscomm.tui.when import age_and_time

i18n.register({
    "feeds.title": {"tr": "Akışlar — sağlık ve kayıt", "en": "Feeds — health and registration"},
    "feeds.none": {
        "tr": "Kayıtlı akış yok. a ile bir RSS/Atom adresi ya da dosyası ekleyin; içerikler oradan gelir.",
        "en": "No feeds registered. Press a to add an RSS/Atom address or file: mentions come from feeds.",
    },
    "feeds.col.feed": {"tr": "Akış", "en": "Feed"},
    "feeds.col.trust": {"tr": "Güven", "en": "Trust"},
    "feeds.col.status": {"tr": "Durum", "en": "Status"},
    "feeds.col.new": {"tr": "Yeni", "en": "New"},
    "feeds.col.last_ok": {"tr": "Son başarılı", "en": "Last success"},
    "feeds.col.error": {"tr": "Hata", "en": "Error"},
    "feeds.col.url": {"tr": "Adres", "en": "Address"},
    "feeds.key.add": {"tr": "Akış ekle", "en": "Add feed"},
    "feeds.key.poll": {"tr": "Şimdi tara", "en": "Poll now"},
    "feeds.add_title": {"tr": "Akış ekle", "en": "Add a feed"},
    "feeds.source": {"tr": "Adres (https://…) ya da dosya yolu", "en": "Address (https://…) or file path"},
    "feeds.name": {"tr": "Ad (isteğe bağlı)", "en": "Name (optional)"},
    "feeds.trust": {"tr": "Güven", "en": "Trust"},
    "feeds.trust.official": {"tr": "resmi (kurumlar)", "en": "official (institutions)"},
    "feeds.trust.media": {"tr": "medya", "en": "media"},
    "feeds.trust.social": {"tr": "sosyal medya", "en": "social media"},
    "feeds.added": {"tr": "Akış eklendi: {name}", "en": "Feed added: {name}"},
    "feeds.cli": {"tr": "Komut satırında: crisiscomm feeds add ADRES --name AD --trust GÜVEN",
                  "en": "On the command line: crisiscomm feeds add URL --name NAME --trust TRUST"},
})

STATUS_STYLES = {"ok": "green", "unchanged": "green", "error": "bold red", "new": "dim"}


class AddFeedForm(FormDialog):
    """Address or file, name, trust."""

    def compose(self) -> ComposeResult:
        with DialogBody(id="feed-form"):
            yield Static(Content(i18n.t("feeds.add_title")), classes="form-title")
            yield Static(Content(i18n.t("feeds.source")))
            yield Input(id="feed-source", placeholder="https://")
            yield Static(Content(i18n.t("feeds.name")))
            yield Input(id="feed-name")
            yield Static(Content(i18n.t("feeds.trust")))
            yield Select([(Content(i18n.t(f"feeds.trust.{t}")), t) for t in TRUST_LEVELS], value="social",
                         allow_blank=False, id="feed-trust")
            yield Static(Content(i18n.t("feeds.cli")), classes="form-hint")
            yield from self.buttons()

    def submit(self) -> None:
        source = self.query_one("#feed-source", Input).value.strip()
        name = self.query_one("#feed-name", Input).value.strip() or None
        trust = str(self.query_one("#feed-trust", Select).value)
        self.write(lambda session: actions.feeds.add_feed(session, source, name=name, trust=trust),
                   lambda feed: i18n.t("feeds.added", name=feed["name"]))


class FeedsScreen(Screen):
    HELP_TITLE = "feeds.title"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("a", "add", "feeds.key.add"),
        Binding("r", "poll", "feeds.key.poll"),
    ]
    DEFAULT_CSS = """
    FeedsScreen #feeds-title { height: 1; background: $panel; text-style: bold; padding: 0 1; }
    FeedsScreen #feeds-empty { padding: 1 2; color: $warning; height: auto; }
    FeedsScreen #feeds-table { height: 1fr; }
    FeedsScreen #feeds-detail { height: auto; max-height: 4; padding: 0 1; border-top: solid $primary-darken-2; }
    """

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self._feeds: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(i18n.t("feeds.title")), id="feeds-title")
        yield Static(Content(""), id="feeds-empty")
        yield DataTable(id="feeds-table", cursor_type="row", zebra_stripes=True)
        yield Static(Content(""), id="feeds-detail")
        yield NoticeBar()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("feed", "trust", "status", "new", "last_ok", "error"):
            table.add_column(Text(i18n.t(f"feeds.col.{key}")), key=key)
        table.focus()
        self.reload()

    def data_changed(self, change: DataChanged) -> None:
        """Health changes leave no event (untracked); new feeds and batches do."""
        if change.untracked or change.touches(("feed.", "mentions."), None):
            self.reload()

    @work(thread=True, exclusive=True, group="feeds-screen", exit_on_error=False)
    def reload(self) -> None:
        from crisiscomm.feeds import registry

        feeds = registry.list_feeds(self.app.thread_store())
        self.app.call_from_thread(self._show, feeds)

    def _show(self, feeds: list[dict]) -> None:
        self._feeds = feeds
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for feed in feeds:
            error = feed["last_error"] or ""
            if feed["failures"]:
                error = f"{feed['failures']}× {error}"
            table.add_row(
                Text(safe_line(feed["name"])), Text(feed["trust"]),
                Text(feed["status"], style=STATUS_STYLES.get(feed["status"], "")),
                Text(str(feed["last_new"])), Text(age_and_time(feed["last_success"])), Text(safe_line(error)),
                key=str(feed["id"]),
            )
        if feeds:
            table.move_cursor(row=min(keep, len(feeds) - 1))
        empty = self.query_one("#feeds-empty", Static)
        empty.update(Content("" if feeds else i18n.t("feeds.none")))
        empty.display = not feeds
        self._show_detail()

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        table = self.query_one(DataTable)
        detail = self.query_one("#feeds-detail", Static)
        if not self._feeds or not 0 <= table.cursor_row < len(self._feeds):
            detail.update(Content(""))
            return
        feed: dict[str, Any] = self._feeds[table.cursor_row]
        lines = [f"{feed['name']} · {i18n.t('feeds.col.url')}: {feed['url']}"]
        if feed["last_error"]:
            lines.append(feed["last_error"])
        detail.update(Text(safe_text("\n".join(lines))))

    def action_add(self) -> None:
        self.app.push_screen(AddFeedForm())

    def action_poll(self) -> None:
        self.app.feeds.poll_now()

    def action_close(self) -> None:
        self.dismiss()
