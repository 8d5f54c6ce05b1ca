"""Command palette: every action of the dashboard by its name — incidents, feeds, accounts,
the calendar, the demo, help — and whatever each pane and the drill offer."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from crisiscomm import audit, i18n
from crisiscomm.review import strings as _review_strings  # noqa: F401  (palette labels)

i18n.register({
    "cmd.help": {"tr": "Yardım: bu bölmenin tüm tuşları", "en": "Help: every key of this pane"},
    "cmd.notices": {"tr": "Bildirimler: geçmiş", "en": "Notifications: history"},
    "cmd.feeds": {"tr": "Akışlar: sağlık, ekle, şimdi tara", "en": "Feeds: health, add, poll now"},
    "cmd.add_feed": {"tr": "Akış ekle", "en": "Add a feed"},
    "cmd.poll": {"tr": "Akışları şimdi tara", "en": "Poll the feeds now"},
    "cmd.accounts": {"tr": "Hesaplar: kurum hesapları ve güvenlik hazırlığı", "en": "Accounts: institution accounts and security readiness"},
    "cmd.add_account": {"tr": "Hesap kaydet", "en": "Register an account"},
    "cmd.calendar": {"tr": "Takvim: planlı paylaşımlar", "en": "Calendar: planned posts"},
    "cmd.plan_post": {"tr": "Paylaşım planla", "en": "Plan a post"},
    "cmd.open_incident": {"tr": "Yeni olay aç", "en": "Open a new incident"},
    "cmd.demo": {"tr": "Tanıtım tatbikatını başlat (yeniden)", "en": "Start (or restart) the demo drill"},
})


class DashboardCommands(Provider):
    def _commands(self):
        app = self.app
        cmds = [(i18n.t("cmd.switch"), "ctrl+o", app.action_start_screen),
                (i18n.t("cmd.open_incident"), "", app.action_open_incident),
                (i18n.t("cmd.demo"), "", app.action_demo),
                (i18n.t("review.cmd.timeline"), "ctrl+t", app.action_timeline_screen),
                (i18n.t("cmd.verify"), "", partial(_verify, app)),
                (i18n.t("cmd.help"), "?", app.action_help),
                (i18n.t("cmd.notices"), "ctrl+n", app.action_notices),
                (i18n.t("cmd.feeds"), "h", app.action_feeds),
                (i18n.t("cmd.add_feed"), "", partial(_then_form, app, app.action_feeds, "AddFeedForm")),
                (i18n.t("cmd.poll"), "r", app.feeds.poll_now),
                (i18n.t("cmd.accounts"), "", app.action_accounts),
                (i18n.t("cmd.add_account"), "", partial(_then_form, app, app.action_accounts, "AccountForm")),
                (i18n.t("cmd.calendar"), "", app.action_calendar),
                (i18n.t("cmd.plan_post"), "", partial(_then_form, app, app.action_calendar, "PlanForm"))]
        if app.incident_id is not None:
            for status, key in (("closed", "cmd.close_incident"), ("monitoring", "cmd.monitoring"), ("active", "cmd.reactivate")):
                cmds.append((i18n.t(key), "", partial(_set_status, app, status)))
        for pane in app.panes():
            cmds.extend(pane.commands())
        return cmds

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text or None)


def _then_form(app, open_screen, form: str) -> None:
    """Open a register's screen, then its form (the list stays behind it to check the result)."""
    from crisiscomm.tui.screens import feeds, registers

    open_screen()
    form_class = getattr(feeds, form, None) or getattr(registers, form)
    app.call_after_refresh(app.push_screen, form_class())


def _set_status(app, status: str) -> None:
    from crisiscomm import actions

    incident_id = app.incident_id
    app.act(
        lambda session: actions.incidents.set_status(session, incident_id, status),
        lambda inc: f"#{inc.id}: {i18n.t('status.' + inc.status)}",
    )


def _verify(app) -> None:
    def verify() -> None:
        result = audit.verify(app.thread_store())
        app.call_from_thread(app.notify, result.describe(), severity="information" if result.ok else "error",
                             markup=False, timeout=6)

    app.run_worker(verify, thread=True, group="verify", exit_on_error=False)
