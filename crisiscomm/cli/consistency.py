"""post and consistency commands.

`post list --json` prints posts with `id, incident_id, channel, text, url,
operator, posted_at, clock, statement_id, version_id, statement_version,
simulated`. `consistency INCIDENT --json` prints `{"incident", "mode",
"facts": [{key, name, kind, value, version, status, source}], "channels":
[{channel, post, posted_at, operator, url, statement_id, version_id,
superseded, simulated, unlisted}], "cells": [{channel, fact, fact_name, state, value,
expected, post, text, reason, old_version, superseded, kind, fact_version,
fact_status}],
"corrections": [{id, channel, fact, post_id, value, expected, fact_version,
state, opened_by, opened_at, closed_by, closed_at, resolution_post_id,
reason}], "summary": {agrees, contradicts, missing, stale}}` and exits 1
when a cell contradicts or is stale.
"""

from __future__ import annotations

import click

from crisiscomm import actions, files, i18n, posts
from crisiscomm import consistency as matrix_core
from crisiscomm.cli import Context, emit_json, main, pass_ctx
from crisiscomm.clock import local_text
from crisiscomm.fact_names import display_name
from crisiscomm.incidents import get as get_incident
from crisiscomm.posts import channel_name
from crisiscomm.text import strip_controls

SYMBOLS = {"agrees": "=", "contradicts": "≠", "stale": "~", "missing": "·"}


@main.group()
def post() -> None:
    """Channel posts: what was actually posted, where, by whom."""


@post.command("add")
@click.argument("incident_id", type=int)
@click.option("--channel", required=True, type=click.Choice(posts.CHANNELS, case_sensitive=False))
@click.option("--text", help="The posted text.")
@click.option("--file", "text_file", type=click.Path(exists=True, dir_okay=False, allow_dash=True),
              help="Read the posted text from a file (- for stdin).")
@click.option("--url", help="Where the post can be seen (http or https).")
@pass_ctx
def post_add(ctx: Context, incident_id: int, channel: str, text: str | None, text_file: str | None, url: str | None) -> None:
    """Record what was posted on a channel."""
    if (text is None) == (text_file is None):
        raise click.UsageError(i18n.t("cli.post.text_once"))
    if text_file is not None:
        text = files.read_text(text_file, limit=posts.MAX_TEXT * 4, allow_stdin=True)
    done = actions.posts.add_post(ctx.session, incident_id, channel, text, url=url)
    row = done.value
    mark = i18n.t("cli.post.simulated") if row.simulated else ""
    click.echo(f"{row.id}\t" + i18n.t("cli.post.recorded", channel=channel_name(row.channel), mark=mark))
    ctx.tell(done.notes)


@post.command("list")
@click.argument("incident_id", type=int)
@click.option("--channel", type=click.Choice(posts.CHANNELS, case_sensitive=False))
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def post_list(ctx: Context, incident_id: int, channel: str | None, as_json: bool) -> None:
    """List an incident's posts, oldest first."""
    get_incident(ctx.store, incident_id)
    rows = [posts.public_view(p) for p in posts.list_posts(ctx.store, incident_id, channel=channel and channel.lower())]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(i18n.t("cli.post.none"))
    for r in rows:
        source = i18n.t("cli.post.statement", id=r["statement_id"], version=r["statement_version"]) \
            if r["statement_id"] else ""
        first_line = strip_controls(r["text"]).splitlines()[0][:100]
        click.echo(f"{r['id']}\t{channel_name(r['channel']):<13}\t{local_text(r['posted_at'])}\t{r['operator']}"
                   f"{source}\t{first_line}")


class _MatrixGroup(click.Group):
    """`consistency INCIDENT` shows the matrix; `consistency dismiss|draft ...` are subcommands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_MatrixGroup)
def consistency() -> None:
    """The channel × fact matrix (exit 1 when a post contradicts the fact sheet, old values included)."""


def _clean(value: object) -> str:
    return strip_controls(str(value)).replace("\n", " ")


def _reason(cell: dict) -> str:
    """Why a cell is stale, in the UI language (--json keeps the core's English `reason`)."""
    if cell.get("old_version"):
        return i18n.t("cli.consistency.old_value", version=cell["old_version"])
    return i18n.t("cli.consistency.superseded")


def _print_matrix(result: dict) -> None:
    facts = [f["key"] for f in result["facts"]]
    names = {f["key"]: f["name"] for f in result["facts"]}
    channels = [c["channel"] for c in result["channels"]]
    if not facts:
        click.echo(i18n.t("cli.consistency.no_facts"))
    if not channels:
        click.echo(i18n.t("cli.consistency.no_posts"))
    if facts and channels:
        cells = {(c["channel"], c["fact"]): c for c in result["cells"]}
        shown = {key: f"{SYMBOLS[c['state']]} {_clean(c['value'] or '')}" for key, c in cells.items()}
        widths = [min(24, max(len(names[f]), *(len(shown[(ch, f)]) for ch in channels)) + 2) for f in facts]
        click.echo(i18n.t("cli.consistency.channel").ljust(14)
                   + "".join(_clean(names[f])[: w - 1].ljust(w) for f, w in zip(facts, widths)))
        for channel in channels:
            click.echo(channel_name(channel).ljust(14)
                       + "".join(shown[(channel, f)][: w - 1].ljust(w) for f, w in zip(facts, widths)))
        click.echo(i18n.t("cli.consistency.legend"))
    for cell in result["cells"]:
        if cell["state"] in matrix_core.BAD_STATES:
            why = f" — {_reason(cell)}" if cell["reason"] else ""
            click.echo(i18n.t(
                "cli.consistency.bad", state=i18n.word("cli.consistency.state", cell["state"]),
                channel=channel_name(cell["channel"]), fact=_clean(cell["fact_name"]), value=_clean(cell["value"]),
                expected=_clean(cell["expected"]), post=cell["post"], why=why))
    for fix in result["corrections"]:
        if fix["state"] == "open":
            click.echo(i18n.t(
                "cli.consistency.open", since=local_text(fix["opened_at"]), channel=channel_name(fix["channel"]),
                fact=_clean(display_name(fix["fact"])), post=fix["post_id"], value=_clean(fix["value"])))


@consistency.command("show", hidden=True)
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def consistency_show(ctx: Context, incident_id: int, as_json: bool) -> None:
    """Show the matrix of an incident."""
    result = matrix_core.matrix(ctx.store, incident_id)
    if as_json:
        emit_json(result)
    else:
        _print_matrix(result)
    if matrix_core.has_conflicts(result):
        raise SystemExit(1)


@consistency.command("dismiss")
@click.argument("incident_id", type=int)
@click.argument("channel", type=click.Choice(posts.CHANNELS, case_sensitive=False))
@click.argument("fact")
@click.option("--reason", required=True, help="Why no correction will be posted.")
@pass_ctx
def consistency_dismiss(ctx: Context, incident_id: int, channel: str, fact: str, reason: str) -> None:
    """Close an open correction without a new post."""
    row = actions.consistency.dismiss(ctx.session, incident_id, channel, fact, reason=reason).value
    click.echo(i18n.t("cli.consistency.dismissed", id=row.id, channel=channel_name(row.channel),
                      fact=_clean(display_name(row.fact))))


@consistency.command("draft")
@click.argument("incident_id", type=int)
@click.argument("channel", type=click.Choice(posts.CHANNELS, case_sensitive=False))
@pass_ctx
def consistency_draft(ctx: Context, incident_id: int, channel: str) -> None:
    """Draft the correction a CHANNEL needs as a statement (linked to the open corrections it answers)."""
    done = actions.consistency.draft_correction(ctx.session, incident_id, channel)
    statement = done.value
    click.echo(f"{statement.id}\t" + i18n.t("cli.consistency.drafted", channel=channel_name(channel.lower()),
                                            id=statement.id, version=statement.version))
    ctx.tell(done.notes)
