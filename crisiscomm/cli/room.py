"""serve and wall commands: the dashboard and the wall in a browser (see crisiscomm/tui/serve.py)."""

from __future__ import annotations

import click

from crisiscomm import incidents
from crisiscomm.cli import Context, main, pass_ctx


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
    from crisiscomm.tui.serve import DEFAULT_FONT_SIZE, RoomServer, app_command, check_host

    check_host(host, allow_remote)
    if incident_id is not None:
        incidents.get(ctx.store, incident_id)
    ctx.store  # create (0600) and migrate the database once, before any tab opens it
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
    run_wall(ctx.db_path, lang=ctx.lang, incident_id=incident_id)
