"""The command line: a click group whose commands parse, call the core and print.

Exit codes: 0 ok, 1 findings or a refused action, 2 usage error.
"""

from __future__ import annotations

import json
import math
import pathlib
import sqlite3
import sys
from typing import Any

import click

from crisiscomm import config, i18n
from crisiscomm.actions.session import Session
from crisiscomm.cli import click_words, output, strings  # noqa: F401  (strings: the CLI's words)
from crisiscomm.errors import CrisisError, os_reason
from crisiscomm.operators import current_operator
from crisiscomm.printable import json_printable, printable
from crisiscomm.store import Store, StoreError, default_db_path


class Context:
    """What every command needs: the database, the operator, the language."""

    def __init__(self, db_path: pathlib.Path, operator: str, lang: str):
        self.db_path = db_path
        self.operator = operator
        self.lang = lang
        self._store: Store | None = None
        self._session: Session | None = None

    @property
    def store(self) -> Store:
        """The connection, for reading (writes go through `session`, on this same connection)."""
        return self.session.store

    @property
    def session(self) -> Session:
        """The operator's session: every change goes through the actions in crisiscomm.actions."""
        if self._session is None:
            self._session = Session(Store(self.db_path), self.operator)
            self._store = self._session.store
        return self._session

    def tell(self, notes: tuple[str, ...] | list[str]) -> None:
        """Lines an action's reactions asked to tell the operator."""
        for note in notes:
            click.echo(note)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


pass_ctx = click.make_pass_decorator(Context)


def emit_json(data: Any) -> None:
    click.echo(json_printable(json.dumps(data, ensure_ascii=False, indent=2, default=str)))


def fail(message: str, code: int = 1) -> None:
    click.echo(i18n.t("cli.error", message=message), err=True)
    sys.exit(code)


def show_progress() -> bool:
    """Progress bars only on a terminal; quiet when piped."""
    return sys.stderr.isatty()


class Group(click.Group):
    """The entry point: output through the gate, bounded numbers, every error as one line.

    Core errors, database errors (disk full, read-only, damaged) and file-system
    errors become `error: …` and exit 1; a bad argument is a usage error, exit 2.
    Never a traceback for those: a transaction that failed was rolled back.
    """

    def main(self, args: Any = None, *pos: Any, **kwargs: Any) -> Any:
        saved = output.install() if sys.stdout is not None and sys.stderr is not None else None
        try:
            args = list(sys.argv[1:] if args is None else args)
            i18n.set_lang(_lang_in(args))
            click_words.localize(self)  # click's usage errors and help, worded before it parses
            _refuse_undecodable(args)
            return super().main(args, *pos, **kwargs)
        finally:
            if saved is not None:
                sys.stdout, sys.stderr = saved

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CrisisError as exc:
            message = str(exc)
        except sqlite3.Error as exc:  # a query after the open: disk full, read-only, a damaged page
            state = ctx.find_object(Context)
            message = str(StoreError.from_sqlite(exc, state.db_path if state else "the database"))
        except OSError as exc:
            message = (f"{exc.filename}: {os_reason(exc)}" if exc.filename and exc.strerror
                       else i18n.t("cli.os_error", error=os_reason(exc)))
        except KeyboardInterrupt:
            click.echo(i18n.t("cli.interrupted"), err=True)
            ctx.exit(130)
        click.echo(i18n.t("cli.error", message=message), err=True)
        ctx.exit(1)


def _lang_in(args: list[str]) -> str | None:
    """`--lang` as given, the last one winning as in click (its option is parsed after click may speak)."""
    chosen = None
    for number, arg in enumerate(args):
        if arg == "--lang" and number + 1 < len(args):
            chosen = args[number + 1]
        elif isinstance(arg, str) and arg.startswith("--lang="):
            chosen = arg.removeprefix("--lang=")
    return chosen if chosen in i18n.LANGS else None


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from importlib.metadata import version

        click.echo(i18n.t("cli.version", version=version("crisiscomm")))
        ctx.exit()


def _refuse_undecodable(args: list[str]) -> None:
    """Bytes that are not UTF-8 arrive as lone surrogates: refuse them before anything is stored."""
    for number, arg in enumerate(args, 1):
        if isinstance(arg, str) and any("\ud800" <= ch <= "\udfff" for ch in arg):
            click.echo(i18n.t("cli.error", message=i18n.t("cli.not_utf8", number=number, arg=repr(printable(arg)))),
                       err=True)
            sys.exit(2)


def _bound_numbers(command: click.Command) -> None:
    """Every integer fits SQLite; every float is finite (click's own types accept inf and nan)."""
    low, high = -(2**63), 2**63 - 1
    for param in command.params:
        if param.type is click.INT:
            param.type = click.IntRange(low, high)
        elif isinstance(param.type, click.IntRange) and (param.type.min is None or param.type.max is None):
            t = param.type
            param.type = click.IntRange(low if t.min is None else t.min, high if t.max is None else t.max,
                                        min_open=t.min_open, max_open=t.max_open, clamp=t.clamp)
        elif param.type is click.FLOAT or isinstance(param.type, click.FloatRange):
            param.type = FiniteFloat.like(param.type)
    for sub in getattr(command, "commands", {}).values():
        _bound_numbers(sub)


class FiniteFloat(click.FloatRange):
    """A float range that refuses inf and nan."""

    name = "number"

    @classmethod
    def like(cls, other: click.ParamType) -> FiniteFloat:
        if isinstance(other, click.FloatRange):
            return cls(other.min, other.max, min_open=other.min_open, max_open=other.max_open, clamp=other.clamp)
        return cls()

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(i18n.t("cli.not_finite", value=repr(value)), param, ctx)
        return number


@click.group(cls=Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=pathlib.Path),
              envvar="CRISISCOMM_DB", help="SQLite database (default: the user's data directory).")
@click.option("--operator", envvar="CRISISCOMM_OPERATOR", help="Who is acting (default: the OS user).")
@click.option("--lang", type=click.Choice(i18n.LANGS), help="UI language (default: from the locale).")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
              help="Show the version and exit.")
@click.pass_context
def main(ctx: click.Context, db_path: pathlib.Path | None, operator: str | None, lang: str | None) -> None:
    """crisiscomm: the crisis-communication room in one terminal screen."""
    chosen = i18n.set_lang(lang)
    db_path = db_path or default_db_path()
    config.configure(db_path)
    state = Context(db_path, current_operator(operator), chosen)
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
        imports,
        playbooks,
        review,
        room,
        statements,
    )

    _bound_numbers(main)
    click_words.install()
    click_words.localize(main)


_register()
