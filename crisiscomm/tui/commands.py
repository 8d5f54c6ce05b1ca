"""Command palette: incident actions, and whatever the panes offer."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from crisiscomm import audit, i18n
from crisiscomm.review import strings as _review_strings  # noqa: F401  (palette labels)


class DashboardCommands(Provider):
    def _commands(self):
        app = self.app
        cmds = [(i18n.t("cmd.switch"), "", app.action_start_screen),
                (i18n.t("review.cmd.timeline"), "", app.action_timeline_screen),
                (i18n.t("cmd.verify"), "", partial(_verify, app))]
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
