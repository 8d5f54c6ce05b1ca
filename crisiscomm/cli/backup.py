"""backup and restore commands (see crisiscomm/backup.py)."""

from __future__ import annotations

import pathlib

import click

from crisiscomm import backup as backups
from crisiscomm import actions, i18n
from crisiscomm.cli import Context, main, pass_ctx
from crisiscomm.text.grammar import format_number


@main.command("backup")
@click.argument("path", type=click.Path(path_type=pathlib.Path))
@click.option("--force", is_flag=True, help="Replace an existing file at PATH.")
@pass_ctx
def backup_cmd(ctx: Context, path: pathlib.Path, force: bool) -> None:
    """A consistent copy of the database (others may keep writing), created 0600 and verified."""
    copy = backups.backup(ctx.db_path, path, force=force)
    click.echo(i18n.t("cli.backup.written", path=copy.path, size=format_number(copy.size, i18n.get_lang())))
    click.echo(i18n.t("cli.backup.chain", events=copy.events, head=copy.head))


@main.command("restore")
@click.argument("path", type=click.Path(path_type=pathlib.Path))
@click.option("--db", "target", type=click.Path(dir_okay=False, path_type=pathlib.Path),
              help="The database to restore into (default: the global --db).")
@click.option("--force", is_flag=True, help="Replace an existing database.")
@pass_ctx
def restore_cmd(ctx: Context, path: pathlib.Path, target: pathlib.Path | None, force: bool) -> None:
    """Check a backup, then write it into the database (an existing one only with --force)."""
    ctx.close()  # the restore opens the target itself
    copy = actions.backup.restore(path, target or ctx.db_path, operator=ctx.operator, force=force).value
    click.echo(i18n.t("cli.restore.done", source=path, path=copy.path))
    click.echo(i18n.t("cli.restore.chain", events=copy.events, head=copy.head))
