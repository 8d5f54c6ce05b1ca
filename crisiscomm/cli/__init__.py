"""The command line: a click group whose commands parse, call the core and print.

Exit codes: 0 ok, 1 findings or a refused action, 2 usage error.
"""

from __future__ import annotations

import json
import pathlib
import sys
from typing import Any

import click

from crisiscomm import i18n
from crisiscomm.errors import CrisisError
from crisiscomm.operators import current_operator
from crisiscomm.store import Store, default_db_path


class Context:
    """What every command needs: the database, the operator, the language."""

    def __init__(self, db_path: pathlib.Path, operator: str, lang: str):
        self.db_path = db_path
        self.operator = operator
        self.lang = lang
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_ctx = click.make_pass_decorator(Context)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def show_progress() -> bool:
    """Progress bars only on a terminal; quiet when piped."""
    return sys.stderr.isatty()


class Group(click.Group):
    """Turns core errors into a one-line message and exit 1 (never a traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CrisisError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@click.group(cls=Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=pathlib.Path),
              envvar="CRISISCOMM_DB", help="SQLite database (default: the user's data directory).")
@click.option("--operator", envvar="CRISISCOMM_OPERATOR", help="Who is acting (default: the OS user).")
@click.option("--lang", type=click.Choice(i18n.LANGS), help="UI language (default: from the locale).")
@click.version_option(package_name="crisiscomm")
@click.pass_context
def main(ctx: click.Context, db_path: pathlib.Path | None, operator: str | None, lang: str | None) -> None:
    """crisiscomm: the crisis-communication room in one terminal screen."""
    chosen = i18n.set_lang(lang)
    state = Context(db_path or default_db_path(), current_operator(operator), chosen)
    ctx.obj = state
    ctx.call_on_close(state.close)
    if ctx.invoked_subcommand is None:
        from crisiscomm.tui.app import run_dashboard

        run_dashboard(state.db_path, operator=state.operator, lang=chosen)


def _register() -> None:
    from crisiscomm.cli import (  # noqa: F401  (each module adds its commands to `main`)
        backup,
        claims,
        consistency,
        core,
        drills,
        exports,
        feeds,
        playbooks,
        review,
        statements,
    )


_register()
