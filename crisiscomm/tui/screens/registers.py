"""The institution's registers between incidents: accounts (security readiness) and the content calendar.

Each is a screen with its list and its keys, opened from the start screen and
the command palette. The same actions on the command line: `crisiscomm
accounts add|review|list` and `crisiscomm calendar add|list|hold|release|cancel`.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Footer, Input, Select, Static, TextArea

from crisiscomm import actions, i18n
from crisiscomm.posts import CHANNELS
from crisiscomm.tui.bindings import translate_bindings
from crisiscomm.tui.messages import DataChanged
from crisiscomm.tui.notices import NoticeBar
from crisiscomm.tui.safe import safe_line, safe_text
from crisiscomm.tui.screens.dialog import DialogBody, FormDialog
from crisiscomm.tui.when import age_and_time

i18n.register({
    "reg.accounts": {"tr": "Kurum hesapları — güvenlik hazırlığı", "en": "Institution accounts — security readiness"},
    "reg.accounts.none": {
        "tr": "Kayıtlı hesap yok: güvenlik hazırlığı izlenmiyor. a ile kurumun sosyal medya hesaplarını kaydedin.",
        "en": "No accounts registered: security readiness is not tracked. Press a to register the institution's accounts.",
    },
    "reg.col.channel": {"tr": "Kanal", "en": "Channel"},
    "reg.col.handle": {"tr": "Hesap", "en": "Handle"},
    "reg.col.owners": {"tr": "Yetkililer", "en": "Owners"},
    "reg.col.twofa": {"tr": "2FA", "en": "2FA"},
    "reg.col.review": {"tr": "Son inceleme", "en": "Last review"},
    "reg.col.warnings": {"tr": "Uyarılar", "en": "Warnings"},
    "reg.col.when": {"tr": "Zaman", "en": "When"},
    "reg.col.status": {"tr": "Durum", "en": "Status"},
    "reg.col.text": {"tr": "Metin", "en": "Text"},
    "reg.key.add_account": {"tr": "Hesap kaydet", "en": "Register account"},
    "reg.key.review": {"tr": "İncelendi", "en": "Reviewed"},
    "reg.key.plan": {"tr": "Paylaşım planla", "en": "Plan a post"},
    "reg.key.hold": {"tr": "Beklet", "en": "Hold"},
    "reg.key.release": {"tr": "Serbest bırak", "en": "Release"},
    "reg.key.cancel": {"tr": "İptal", "en": "Cancel post"},
    "reg.account_title": {"tr": "Kurum hesabı kaydet", "en": "Register an institution account"},
    "reg.channel": {"tr": "Kanal", "en": "Channel"},
    "reg.handle": {"tr": "Hesap adı (ör. @kurum)", "en": "Handle (e.g. @institution)"},
    "reg.owners": {"tr": "Yetkili kişiler (virgülle; en az 2, en çok 5)", "en": "Named owners (comma separated; 2 to 5)"},
    "reg.twofa": {"tr": "İki aşamalı doğrulama (2FA) açık", "en": "Two-factor authentication (2FA) on"},
    "reg.account_cli": {"tr": "Komut satırında: crisiscomm accounts add KANAL HESAP --owner AD --2fa",
                        "en": "On the command line: crisiscomm accounts add CHANNEL HANDLE --owner NAME --2fa"},
    "reg.added": {"tr": "{handle} ({channel}) kaydedildi", "en": "{handle} ({channel}) registered"},
    "reg.reviewed": {"tr": "{handle} ({channel}): güvenlik incelemesi kaydedildi", "en": "{handle} ({channel}): security review recorded"},
    "reg.calendar": {"tr": "İçerik takvimi — planlı paylaşımlar", "en": "Content calendar — planned posts"},
    "reg.calendar.none": {
        "tr": "Planlı paylaşım yok. a ile ekleyin: bir olay açıldığında ilk 48 saatteki paylaşımlar bekletilir.",
        "en": "No planned posts. Press a to add one: when an incident opens, posts due in the first 48 hours are held.",
    },
    "reg.plan_title": {"tr": "Paylaşım planla", "en": "Plan a post"},
    "reg.when": {"tr": "Zaman (ör. 2026-12-01 14:00, yerel saat)", "en": "When (e.g. 2026-12-01 14:00, local time)"},
    "reg.text": {"tr": "Metin", "en": "Text"},
    "reg.plan_cli": {"tr": "Komut satırında: crisiscomm calendar add KANAL ZAMAN METİN",
                     "en": "On the command line: crisiscomm calendar add CHANNEL WHEN TEXT"},
    "reg.planned": {"tr": "Paylaşım #{id} planlandı", "en": "Post #{id} planned"},
    "reg.moved": {"tr": "Paylaşım #{id}: {status}", "en": "Post #{id}: {status}"},
    "reg.status.planned": {"tr": "planlı", "en": "planned"},
    "reg.status.held": {"tr": "bekletiliyor", "en": "held"},
    "reg.status.cancelled": {"tr": "iptal", "en": "cancelled"},
    "reg.status.posted": {"tr": "paylaşıldı", "en": "posted"},
})


class RegisterScreen(Screen):
    """A title, a table of rows (reloaded on its events), a detail line, keys."""

    TITLE_KEY = ""
    EMPTY_KEY = ""
    COLUMNS: tuple[str, ...] = ()
    WATCHES: tuple[str, ...] = ()
    DEFAULT_CSS = """
    RegisterScreen .reg-title { height: 1; background: $panel; text-style: bold; padding: 0 1; }
    RegisterScreen .reg-empty { padding: 1 2; color: $warning; height: auto; }
    RegisterScreen DataTable { height: 1fr; }
    RegisterScreen .reg-detail { height: auto; max-height: 5; padding: 0 1; border-top: solid $primary-darken-2; }
    """

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self.rows: list[dict] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(i18n.t(self.TITLE_KEY)), classes="reg-title")
        yield Static(Content(""), classes="reg-empty")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static(Content(""), classes="reg-detail")
        yield NoticeBar()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in self.COLUMNS:
            table.add_column(Text(i18n.t(f"reg.col.{key}")), key=key)
        table.focus()
        self.reload()

    def data_changed(self, change: DataChanged) -> None:
        if any(e.kind.startswith(self.WATCHES) for e in change.events):
            self.reload()

    @work(thread=True, exclusive=True, group="register-screen", exit_on_error=False)
    def reload(self) -> None:
        rows = self.load(self.app.thread_store())
        self.app.call_from_thread(self._show, rows)

    def load(self, store) -> list[dict]:
        return []

    def cells(self, row: dict) -> list[Text]:
        return []

    def detail(self, row: dict) -> str:
        return ""

    def _show(self, rows: list[dict]) -> None:
        self.rows = rows
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for row in rows:
            table.add_row(*[Text(safe_line(cell.plain), style=cell.style) for cell in self.cells(row)], key=str(row["id"]))
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        empty = self.query_one(".reg-empty", Static)
        empty.update(Content("" if rows else i18n.t(self.EMPTY_KEY)))
        empty.display = not rows
        self._show_detail()

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    @property
    def current(self) -> dict | None:
        cursor = self.query_one(DataTable).cursor_row
        return self.rows[cursor] if self.rows and 0 <= cursor < len(self.rows) else None

    def _show_detail(self) -> None:
        row = self.current
        self.query_one(".reg-detail", Static).update(Text(safe_text(self.detail(row)) if row else ""))

    def act_on_current(self, call: Callable[[actions.Session, dict], actions.Done], done) -> None:
        row = self.current
        if row is not None:
            self.app.act(lambda session: call(session, row), done)

    def action_close(self) -> None:
        self.dismiss()


class AccountForm(FormDialog):
    def compose(self) -> ComposeResult:
        with DialogBody(id="account-form"):
            yield Static(Content(i18n.t("reg.account_title")), classes="form-title")
            yield Static(Content(i18n.t("reg.channel")))
            yield Select([(Content(c), c) for c in CHANNELS], value=CHANNELS[0], allow_blank=False, id="account-channel")
            yield Static(Content(i18n.t("reg.handle")))
            yield Input(id="account-handle")
            yield Static(Content(i18n.t("reg.owners")))
            yield Input(id="account-owners")
            yield Checkbox(Content(i18n.t("reg.twofa")), id="account-twofa")
            yield Static(Content(i18n.t("reg.account_cli")), classes="form-hint")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#account-handle", Input).focus()

    def submit(self) -> None:
        channel = str(self.query_one("#account-channel", Select).value)
        handle = self.query_one("#account-handle", Input).value.strip()
        owners = [o.strip() for o in self.query_one("#account-owners", Input).value.split(",") if o.strip()]
        twofa = self.query_one("#account-twofa", Checkbox).value
        self.write(lambda session: actions.accounts.add_account(session, channel, handle, owners=owners, twofa=twofa),
                   lambda account: i18n.t("reg.added", handle=account["handle"], channel=account["channel"]))


class AccountsScreen(RegisterScreen):
    TITLE_KEY = HELP_TITLE = "reg.accounts"
    EMPTY_KEY = "reg.accounts.none"
    COLUMNS = ("channel", "handle", "owners", "twofa", "review", "warnings")
    WATCHES = ("account.",)
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("a", "add", "reg.key.add_account"),
        Binding("r", "review", "reg.key.review"),
    ]

    def load(self, store) -> list[dict]:
        from crisiscomm.accounts import account_warnings, list_accounts

        return [{**account, "warnings": account_warnings(account)} for account in list_accounts(store)]

    def cells(self, row: dict) -> list[Text]:
        return [Text(row["channel"]), Text(row["handle"]), Text(", ".join(row["owners"])),
                Text("✓" if row["twofa"] else "✖", style="green" if row["twofa"] else "bold red"),
                Text(age_and_time(row["last_review"])), Text("; ".join(row["warnings"]), style="yellow")]

    def detail(self, row: dict) -> str:
        return f"{row['channel']} {row['handle']} · {', '.join(row['owners'])}\n" + "\n".join(f"⚠ {w}" for w in row["warnings"])

    def action_add(self) -> None:
        self.app.push_screen(AccountForm())

    def action_review(self) -> None:
        self.act_on_current(
            lambda session, row: actions.accounts.review_account(session, row["handle"], channel=row["channel"]),
            lambda account: i18n.t("reg.reviewed", handle=account["handle"], channel=account["channel"]))


class PlanForm(FormDialog):
    def compose(self) -> ComposeResult:
        with DialogBody(id="plan-form"):
            yield Static(Content(i18n.t("reg.plan_title")), classes="form-title")
            yield Static(Content(i18n.t("reg.channel")))
            yield Select([(Content(c), c) for c in CHANNELS], value=CHANNELS[0], allow_blank=False, id="plan-channel")
            yield Static(Content(i18n.t("reg.when")))
            yield Input(id="plan-when")
            yield Static(Content(i18n.t("reg.text")))
            yield TextArea(id="plan-text")
            yield Static(Content(i18n.t("reg.plan_cli")), classes="form-hint")
            yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#plan-when", Input).focus()

    def submit(self) -> None:
        channel = str(self.query_one("#plan-channel", Select).value)
        when = self.query_one("#plan-when", Input).value.strip().replace(" ", "T", 1)
        text = self.query_one("#plan-text", TextArea).text
        self.write(lambda session: actions.accounts.plan_post(session, channel, when, text),
                   lambda post: i18n.t("reg.planned", id=post["id"]))


class CalendarScreen(RegisterScreen):
    TITLE_KEY = HELP_TITLE = "reg.calendar"
    EMPTY_KEY = "reg.calendar.none"
    COLUMNS = ("when", "channel", "status", "text")
    WATCHES = ("calendar.",)
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("a", "add", "reg.key.plan"),
        Binding("h", "move('hold_post')", "reg.key.hold"),
        Binding("l", "move('release_post')", "reg.key.release"),
        Binding("c", "move('cancel_post')", "reg.key.cancel"),
    ]

    def load(self, store) -> list[dict]:
        from crisiscomm.content_calendar import list_planned

        return list_planned(store)

    def cells(self, row: dict) -> list[Text]:
        status_style = {"held": "bold yellow", "cancelled": "dim strike"}.get(row["status"], "")
        return [Text(age_and_time(row["planned_at"])), Text(row["channel"]),
                Text(i18n.t(f"reg.status.{row['status']}"), style=status_style),
                Text(" ".join(row["text"].split())[:120])]

    def detail(self, row: dict) -> str:
        return f"#{row['id']} {row['channel']} · {row['planned_at']}\n{row['text']}"

    def action_add(self) -> None:
        self.app.push_screen(PlanForm())

    def action_move(self, verb: str) -> None:
        self.act_on_current(
            lambda session, row: getattr(actions.accounts, verb)(session, row["id"]),
            lambda post: i18n.t("reg.moved", id=post["id"], status=i18n.t(f"reg.status.{post['status']}")))
