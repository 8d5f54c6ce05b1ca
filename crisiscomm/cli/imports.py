"""`import FILE` (monitoring-service exports) and `mention add` (what is phoned in)."""

from __future__ import annotations

import click

from crisiscomm import actions, i18n
from crisiscomm.cli import Context, emit_json, main, pass_ctx, show_progress
from crisiscomm.cli.feeds import mention
from crisiscomm.cli.output import progress_bar
from crisiscomm.feeds import registry
from crisiscomm.feeds.import_profiles import FIELDS, PROFILES
from crisiscomm.feeds.intake import INTAKE_SOURCES

SHOWN_PROBLEMS = 50


@main.command("import")
@click.argument("path", metavar="FILE")
@click.option("--profile", type=click.Choice(sorted(PROFILES)), help="Whose export this is (default: the best match).")
@click.option("--map", "pairs", multiple=True, metavar="COLUMN=FIELD",
              help=f"Read COLUMN as FIELD ({', '.join(FIELDS)}); repeatable.")
@click.option("--trust", type=click.Choice(registry.TRUST_LEVELS), default="media", show_default=True)
@click.option("--incident", "incident_id", type=int, help="The rows belong to this incident only (a drill).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def import_cmd(ctx: Context, path: str, profile: str | None, pairs: tuple[str, ...], trust: str,
               incident_id: int | None, as_json: bool) -> None:
    """Import a CSV, XLSX or JSON export as mentions (exit 1 when rows were left out)."""
    from crisiscomm.feeds.imports import parse_mapping, plan_import

    plan = plan_import(path, profile=profile, mapping=parse_mapping(pairs))
    if show_progress() and not as_json and plan.rows > 1:
        with progress_bar(plan.rows, "import") as bar:
            result = actions.feeds.import_rows(ctx.session, plan, trust=trust, incident_id=incident_id,
                                               on_row=lambda _n: bar.update(1)).value
    else:
        result = actions.feeds.import_rows(ctx.session, plan, trust=trust, incident_id=incident_id).value
    left_out = len({p.row for p in result.problems})
    if as_json:
        emit_json({"profile": result.profile, "rows": result.rows, "new": result.new, "duplicates": result.duplicates,
                   "left_out": left_out, "columns": result.columns, "problems": [str(p) for p in result.problems]})
    else:
        click.echo(i18n.t("cli.import.summary", profile=result.profile, rows=result.rows, new=result.new,
                          dup=result.duplicates, left_out=left_out))
        click.echo(i18n.t("cli.import.columns", columns=", ".join(f"{h} → {f}" for h, f in result.columns.items())))
        for problem in result.problems[:SHOWN_PROBLEMS]:
            click.echo(f"  {problem}")
        if len(result.problems) > SHOWN_PROBLEMS:
            click.echo(i18n.t("cli.import.more", count=len(result.problems) - SHOWN_PROBLEMS))
        if left_out:
            click.echo(i18n.t("cli.import.fix"))
    if left_out:
        raise SystemExit(1)


@mention.command("add")
@click.argument("incident_id", type=int, metavar="INCIDENT")
@click.argument("text")
@click.option("--source", type=click.Choice(INTAKE_SOURCES), required=True, help="Where the report came from.")
@click.option("--author", help="Who reported it (a name, a number, a team).")
@click.option("--link", help="A web address the report points at.")
@pass_ctx
def mention_add(ctx: Context, incident_id: int, text: str, source: str, author: str | None, link: str | None) -> None:
    """Enter what was phoned in, written in or reported from the field as a mention of INCIDENT."""
    mention_id = actions.mentions.report(ctx.session, incident_id, text, source=source, author=author,
                                         link=link).value
    click.echo(f"{mention_id}\t" + i18n.t("cli.mention.added", incident=incident_id, source=source))
