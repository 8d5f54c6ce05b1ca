"""serve and wall commands: the dashboard and the wall in a browser (see crisiscomm/tui/serve.py)."""

from __future__ import annotations

import re

import click

from crisiscomm import actions, i18n, incidents
from crisiscomm.alerts import KINDS as ALERT_KINDS
from crisiscomm.cli import Context, emit_json, main, pass_ctx


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback unless --allow-remote).")
@click.option("--port", type=click.IntRange(1, 65535), default=8800, show_default=True)
@click.option("--allow-remote", is_flag=True,
              help="Allow a non-loopback address. There is no login: put a reverse proxy with authentication in front.")
@click.option("--public-url", help="The address browsers use (e.g. behind a reverse proxy: https://oda.kurum.gov.tr).")
@click.option("--wall", "wall", is_flag=True, help="Serve the read-only wall instead of the dashboard.")
@click.option("--incident", "incident_id", type=int, help="The wall's incident (default: the newest open one).")
@click.option("--font-size", type=click.IntRange(8, 96), help="Browser font size in pixels (default 16, wall 24).")
@pass_ctx
def serve_cmd(ctx: Context, host: str, port: int, allow_remote: bool, public_url: str | None, wall: bool,
              incident_id: int | None, font_size: int | None) -> None:
    """Serve the dashboard (or the wall) to browsers: each tab runs its own crisiscomm on this database."""
    from crisiscomm.tui.serve import (
        DEFAULT_FONT_SIZE,
        RoomServer,
        app_command,
        check_host,
    )

    check_host(host, allow_remote)
    if incident_id is not None:
        incidents.get(ctx.store, incident_id)
    ctx.store.migrate()  # the database exists (0600) and is current before any tab opens it
    ctx.close()  # the server itself keeps no connection: each tab's process has its own
    if public_url is not None and not re.match(r"^https?://[^/\s]+/?$", public_url):
        raise click.BadParameter(i18n.t("cli.room.public_url"), param_hint="--public-url")
    command = app_command(ctx.db_path, operator=ctx.operator, lang=ctx.lang, wall=wall, incident_id=incident_id)
    kind = "wall" if wall else "dashboard"
    server = RoomServer(command, host=host, port=port, allow_remote=allow_remote, public_url=public_url,
                        font_size=font_size or DEFAULT_FONT_SIZE[kind], title=f"crisiscomm {kind}")
    server.run()


@main.command("wall")
@click.option("--incident", "incident_id", type=int, help="The incident to show (default: the newest open one).")
@pass_ctx
def wall_cmd(ctx: Context, incident_id: int | None) -> None:
    """The read-only wall: exercise banner, incident clock, next update, deadlines, mention rate, contradictions, claims."""
    if incident_id is not None:
        incidents.get(ctx.store, incident_id)
    from crisiscomm.tui.wall.app import run_wall

    ctx.close()
    run_wall(ctx.db_path, operator=ctx.operator, lang=ctx.lang, incident_id=incident_id)


@main.command("cadence")
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def cadence_cmd(ctx: Context, incident_id: int, as_json: bool) -> None:
    """The promised next update (fact next_update) and every promise so far; records overdue and kept ones."""
    from crisiscomm import cadence
    from crisiscomm.clock import format_clock, format_offset

    from crisiscomm.errors import Refused
    from crisiscomm.store import ReadOnly

    incident = incidents.get(ctx.store, incident_id)
    try:  # recording a missed or kept promise is a change: a reader (or an archived copy) only shows it
        logged = actions.cadence.check(ctx.session, incident_id).value
    except (Refused, ReadOnly):
        logged = []
    status = cadence.status(ctx.store, incident)
    history = cadence.history(ctx.store, incident)
    if as_json:
        promise = status.promise
        emit_json({"promise": None if promise is None else {
            "promised": promise.text, "source": promise.source, "due_clock": promise.due_clock,
            "remaining_s": round(status.remaining, 3), "overdue": status.overdue, "met_clock": status.met_clock},
            "promises": history, "logged": [e["kind"] for e in logged]})
        return
    for event in logged:
        click.echo(i18n.t(f"cli.cadence.logged.{event['kind']}"))
    promise = status.promise
    if promise is None:
        click.echo(i18n.t("cli.cadence.none"))
    elif status.met_clock is not None:
        click.echo(i18n.t("cli.cadence.kept", promised=promise.label, at=format_clock(status.met_clock)))
    else:
        left = status.remaining
        state = i18n.t("cli.cadence.overdue" if left < 0 else "cli.cadence.due_in", time=format_offset(abs(left)))
        click.echo(i18n.t("cli.cadence.promise", promised=promise.label, source=i18n.word("cli.cadence.source", promise.source), state=state,
                          at=format_clock(promise.due_clock)))
    for item in history:
        late = i18n.t("cli.cadence.late", time=format_offset(item["late_s"])) if item["late_s"] else ""
        click.echo(i18n.t("cli.cadence.row", promised=item["promised"], made=format_clock(item["made_clock"]),
                          due=format_clock(item["due_clock"]), outcome=i18n.word("cadence.outcome", item["outcome"]),
                          late=late))


@main.command("alerts")
@click.option("--on", "on", multiple=True, type=click.Choice(ALERT_KINDS), help="Switch this kind on (repeatable).")
@click.option("--off", "off", multiple=True, type=click.Choice(ALERT_KINDS), help="Switch this kind off (repeatable).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def alerts_cmd(ctx: Context, on: tuple[str, ...], off: tuple[str, ...], as_json: bool) -> None:
    """The kinds of alert the operator hears (bell, desktop notification, the wall's flash); switch them."""
    from crisiscomm import alerts

    if set(on) & set(off):
        raise click.UsageError(i18n.t("cli.alerts.both"))
    enabled = alerts.enabled_kinds(ctx.store, ctx.operator)
    for kind, state in [(k, True) for k in on] + [(k, False) for k in off]:
        enabled = actions.alerts.set_enabled(ctx.session, kind, state).value
    if as_json:
        emit_json({"operator": ctx.operator, "alerts": {kind: kind in enabled for kind in alerts.KINDS}})
        return
    for kind in alerts.KINDS:
        state = i18n.t("cli.alerts.on" if kind in enabled else "cli.alerts.off")
        if i18n.get_lang() == "tr":  # the kind's name, and the word --on/--off take
            click.echo(f"{i18n.word('alert.kind', kind):<36}{state:<8}({kind})")
        else:
            click.echo(f"{kind:<16}{state}")
