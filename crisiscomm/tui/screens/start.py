"""The start screen: the way in for a newcomer, and the list of open incidents.

On a fresh database it says what to do first, in order, with the key for
each step and a mark on the steps already done: add a feed (mentions come
from feeds), register the institution's accounts (security readiness), open
an incident — or run the demo drill at a pace a newcomer can follow. The
readiness section says plainly when no account is registered at all.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from crisiscomm import i18n, incidents
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import DataChanged, IncidentSelected
from crisiscomm.tui.notices import NoticeBar
from crisiscomm.tui.safe import safe_content, safe_line

i18n.register({
    "start.welcome": {"tr": "Başlamak için, sırayla:", "en": "To get started, in order:"},
    "start.step.feeds": {"tr": "Akış ekleyin (a) — içerikler RSS/Atom akışlarından gelir",
                         "en": "Add a feed (a) — mentions come from RSS/Atom feeds"},
    "start.step.accounts": {"tr": "Kurum hesaplarını kaydedin (k) — güvenlik hazırlığı izlensin",
                            "en": "Register the institution's accounts (k) — security readiness is tracked"},
    "start.step.incident": {"tr": "Bir olay açın (n) — eylem planı, kontrol listesi ve bölmeler açılır",
                            "en": "Open an incident (n) — its playbook, checklist and panes open"},
    "start.step.demo": {"tr": "…ya da tanıtım tatbikatını çalıştırın (d): hazır bir deprem senaryosu, her şey dolu",
                        "en": "…or run the demo drill (d): a ready earthquake scenario, everything filled in"},
    "start.done_feeds": {"tr": "{count} akış kayıtlı", "en": "{count} feed(s) registered"},
    "start.done_accounts": {"tr": "{count} hesap kayıtlı", "en": "{count} account(s) registered"},
    "start.done_incidents": {"tr": "{count} olay açık", "en": "{count} incident(s) open"},
    "start.choose": {"tr": "Açık olaylar (Enter: göster)", "en": "Open incidents (Enter: show)"},
    "start.no_accounts": {
        "tr": "Kayıtlı kurum hesabı yok: hesap güvenliği izlenmiyor (k ile kaydedin).",
        "en": "No accounts registered: account security is not tracked (press k to register them).",
    },
    "start.feeds": {"tr": "Akış ekle", "en": "Add a feed"},
    "start.accounts": {"tr": "Hesaplar", "en": "Accounts"},
    "start.help": {"tr": "? tuşu her ekranda o ekranın tüm tuşlarını gösterir; Ctrl+P her eylemi adıyla bulur.",
                   "en": "? shows every key of the screen you are on; Ctrl+P finds every action by its name."},
    "Add a feed": {"tr": "Akış ekle", "en": "Add a feed"},
    "Accounts": {"tr": "Hesaplar", "en": "Accounts"},
    "Calendar": {"tr": "Takvim", "en": "Calendar"},
})


class StartScreen(Screen):
    HELP_TITLE = "start.title"
    BINDINGS = [
        Binding("escape", "leave", "Back"),
        Binding("n", "open_incident", "Open incident"),
        Binding("d", "demo", "Demo drill"),
        Binding("a", "add_feed", "Add a feed"),
        Binding("k", "app.accounts", "Accounts"),
        Binding("c", "app.calendar", "Calendar", show=False),
    ]
    DEFAULT_CSS = """
    StartScreen { align: center middle; }
    #start { width: 96; max-width: 100%; height: auto; max-height: 100%; border: round $primary; padding: 0 2; }
    #start-title { text-style: bold; }
    .start-heading { margin-top: 1; text-style: bold; }
    #start-incidents { height: auto; max-height: 8; }
    #start-buttons { height: auto; margin-top: 1; }
    #start-buttons Button { margin-right: 1; }
    #start-readiness { color: $warning; }
    #start-help { color: $text-muted; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="start", can_focus=False):
            yield Static(Content(i18n.t("start.title")), id="start-title")
            yield Static(Text(""), id="start-steps")
            yield Static(Content(i18n.t("start.choose")), classes="start-heading", id="start-choose")
            yield OptionList(id="start-incidents")
            with Horizontal(id="start-buttons"):
                yield Button(Content(i18n.t("start.open") + " (n)"), id="start-open", variant="primary")
                yield Button(Content(i18n.t("start.demo") + " (d)"), id="start-demo")
                yield Button(Content(i18n.t("start.feeds") + " (a)"), id="start-feeds")
                yield Button(Content(i18n.t("start.accounts") + " (k)"), id="start-accounts")
            yield Static(Content(i18n.t("start.readiness")), classes="start-heading")
            yield Static(Content(""), id="start-readiness")
            yield Static(Content(i18n.t("start.help")), id="start-help")
        yield NoticeBar()
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def data_changed(self, change: DataChanged) -> None:
        if any(e.kind.startswith(("incident.", "feed.", "account.")) for e in change.events):
            self.reload()

    @work(thread=True, exclusive=True, group="start-screen", exit_on_error=False)
    def reload(self) -> None:
        from crisiscomm.accounts import list_accounts, readiness_warnings
        from crisiscomm.feeds.registry import list_feeds

        store = self.app.thread_store()
        rows = incidents.active_incidents(store)
        counts = (len(list_feeds(store)), len(list_accounts(store)), len(rows))
        warnings = readiness_warnings(store)
        self.app.call_from_thread(self._show, rows, counts, warnings)

    def _show(self, rows: list[dict], counts: tuple[int, int, int], warnings: list[str]) -> None:
        feeds, accounts, open_incidents = counts
        self.query_one("#start-steps", Static).update(self._steps(feeds, accounts, open_incidents))
        options = self.query_one("#start-incidents", OptionList)
        options.clear_options()
        for inc in rows:
            mark = f"  [{incidents.EXERCISE_MARK}]" if inc.is_exercise else ""
            label = f"#{inc.id}  {safe_line(inc.title)}  · {i18n.t('severity')} {inc.severity} · {i18n.t('status.' + inc.status)}{mark}"
            options.add_option(Option(Content(label), id=str(inc.id)))
        options.display = bool(rows)
        self.query_one("#start-choose").display = bool(rows)
        if rows:
            options.focus()
        else:
            self.query_one("#start-feeds" if not feeds else "#start-open", Button).focus()
        if not accounts:
            readiness = i18n.t("start.no_accounts")
        else:
            readiness = "\n".join(f"⚠ {w}" for w in warnings) if warnings else i18n.t("start.readiness_ok")
        self.query_one("#start-readiness", Static).update(safe_content(readiness))

    @staticmethod
    def _steps(feeds: int, accounts: int, open_incidents: int) -> Text:
        out = Text(i18n.t("start.welcome") + "\n", style="bold")
        steps = [("start.step.feeds", feeds, "start.done_feeds"), ("start.step.accounts", accounts, "start.done_accounts"),
                 ("start.step.incident", open_incidents, "start.done_incidents")]
        for n, (key, count, done_key) in enumerate(steps, 1):
            out.append(" ✓ " if count else " ○ ", style="bold green" if count else "bold yellow")
            out.append(f"{n}. {i18n.t(key)}")
            if count:
                out.append(f" ({i18n.t(done_key, count=count)})", style="green")
            out.append("\n")
        out.append("   " + i18n.t("start.step.demo"), style="italic")
        return out

    @on(OptionList.OptionSelected, "#start-incidents")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.app.post_message(IncidentSelected(int(event.option.id)))
        self.dismiss()

    @on(Button.Pressed, "#start-open")
    def action_open_incident(self) -> None:
        self.app.action_open_incident(on_opened=lambda _incident_id: self.dismiss())

    @on(Button.Pressed, "#start-demo")
    def action_demo(self) -> None:
        self.app.action_demo(on_started=lambda _incident_id: self.dismiss())

    @on(Button.Pressed, "#start-feeds")
    def action_add_feed(self) -> None:
        from crisiscomm.tui.screens.feeds import AddFeedForm

        self.app.push_screen(AddFeedForm())

    @on(Button.Pressed, "#start-accounts")
    def _accounts(self) -> None:
        self.app.action_accounts()

    def action_leave(self) -> None:
        if self.app.incident_id is not None:
            self.dismiss()
