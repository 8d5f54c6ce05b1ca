"""review commands: report, timeline, metrics (see crisiscomm/review)."""

from __future__ import annotations

import json
import pathlib

import click

from crisiscomm import i18n, incidents
from crisiscomm.cli import Context, emit_json, main, pass_ctx, show_progress
from crisiscomm.cli.output import progress_bar
from crisiscomm.clock import format_clock, local_text
from crisiscomm.printable import json_printable, printable
from crisiscomm.review import events as review_events
from crisiscomm.review import export, report, summary
from crisiscomm.review.metrics import IncidentMetrics, across_incidents
from crisiscomm.review.sentences import sentence
from crisiscomm.text import strip_controls

REPORT_STEPS = ("metrics", "timeline", "redaction", "render", "write")
TIMELINE_CSV_HEADER = ["id", "wall_time", "clock", "operator", "kind", "payload", "hash"]


def _write_or_echo(text: str, output: pathlib.Path | None, default_name: str, force: bool) -> pathlib.Path | None:
    if output is None:
        click.echo(text, nl=False)
        return None
    directory, name = export.split_target(output, default_name)
    return export.write_file(directory, name, text, force=force)


@main.command("report")
@click.argument("incident_id", type=int)
@click.option("--format", "fmt", type=click.Choice(report.FORMATS), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=pathlib.Path),
              help="File to write (or a directory: the file is named after the incident). Default: standard output.")
@click.option("--no-redact", is_flag=True, help="Keep personal data (TC Kimlik, phone numbers, e-mail, IBAN).")
@click.option("--force", is_flag=True, help="Overwrite an existing report file.")
@pass_ctx
def report_cmd(ctx: Context, incident_id: int, fmt: str, output: pathlib.Path | None, no_redact: bool, force: bool) -> None:
    """Post-incident report: metrics, timeline, statements per channel, flagged mentions, chain head."""
    incidents.get(ctx.store, incident_id)
    if output is not None:
        # Refuse before the work, not after it (the write checks again).
        directory, name = export.split_target(output, report.default_name(incident_id, fmt))
        export.preflight(directory, name, force=force)
    bar = progress_bar(len(REPORT_STEPS), "report") if show_progress() else None
    advance = (lambda _name: bar.update(1)) if bar else None
    try:
        data = report.build(ctx.store, incident_id, redact=not no_redact, full_timeline=fmt == "json", progress=advance)
        text = report.render(data, fmt)
        if bar:
            bar.update(1)
        written = _write_or_echo(text, output, report.default_name(incident_id, fmt), force)
    finally:
        if bar:
            bar.render_finish()
    chain = data["chain"]
    if not chain["verified"]:  # said on every run: the report may show state changed outside crisiscomm
        click.echo(i18n.t("cli.warning", message=i18n.t("cli.report.chain_broken", problem=chain["problem"])), err=True)
    if written is not None:
        click.echo(i18n.t("cli.report.written", path=written))
        click.echo(i18n.t("cli.report.chain", events=chain["events"], hash=chain["hash"]))
        if data["exercise"]:
            click.echo(incidents.EXERCISE_MARK)


def _event_row(event: dict) -> str:
    """One tab-separated line; control characters dropped (a terminal would obey them)."""
    fields = (event["id"], format_clock(event["clock"]), local_text(event["wall_time"]), sentence(event))
    return "\t".join(strip_controls(str(f)).replace("\t", " ") for f in fields)


@main.command("timeline")
@click.argument("incident_id", type=int)
@click.option("--kind", help="Only this kind (`statement` matches every statement.* kind).")
@click.option("--operator", "operator_name", help="Only this operator's events.")
@click.option("--search", help="Text to find in the events (Turkish-insensitive).")
@click.option("--oldest-first", is_flag=True, help="Oldest first (default: newest first).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--csv", "as_csv", is_flag=True, help="CSV (cells that look like formulas are neutralised).")
@click.option("-o", "--output", type=click.Path(path_type=pathlib.Path), help="Write to this file instead of standard output.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@pass_ctx
def timeline_cmd(ctx: Context, incident_id: int, kind: str | None, operator_name: str | None, search: str | None,
                 oldest_first: bool, limit: int | None, as_json: bool, as_csv: bool, output: pathlib.Path | None,
                 force: bool) -> None:
    """Every event of an incident, filtered by kind, operator and text."""
    if as_json and as_csv:
        raise click.UsageError(i18n.t("cli.timeline.json_or_csv"))
    incident = incidents.get(ctx.store, incident_id)
    flt = review_events.EventFilter(incident_id, kind=kind, operator=operator_name, search=search, newest_first=not oldest_first)
    query = review_events.EventQuery(ctx.store, flt)
    rows = query.fetch(0, limit) if limit else list(query.iterate())
    if as_json:
        text = json_printable(report.render_json(
            [{k: e[k] for k in ("id", "wall_time", "clock", "operator", "kind", "payload", "hash")} for e in rows]))
        fmt = "json"
    elif as_csv:
        text = export.to_csv(TIMELINE_CSV_HEADER, (
            # the file may be printed: names made printable, payloads as JSON with \u escapes (hashes still check)
            [e["id"], e["wall_time"], e["clock"], printable(e["operator"]), e["kind"],
             json_printable(json.dumps(e["payload"], ensure_ascii=False)), e["hash"]]
            for e in rows))
        fmt = "csv"
    else:
        mark = f"{incidents.EXERCISE_MARK}\n" if incident.is_exercise else ""
        text = mark + "".join(_event_row(e) + "\n" for e in rows) + (i18n.t("cli.timeline.count", count=len(rows)) + "\n" if output is None else "")
        fmt = "txt"
    written = _write_or_echo(text, output, f"crisiscomm-incident-{incident_id}-timeline.{fmt}", force)
    if written is not None:
        click.echo(i18n.t("cli.timeline.written", count=len(rows), path=written))


@main.command("metrics")
@click.argument("incident_id", type=int, required=False)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def metrics_cmd(ctx: Context, incident_id: int | None, as_json: bool) -> None:
    """An incident's metrics, or (without INCIDENT) the medians across actual incidents (exercises excluded)."""
    if incident_id is None:
        data = across_incidents(ctx.store)
        if as_json:
            emit_json(data)
            return
        click.echo("\n".join(summary.across_lines(data)))
        return
    data = IncidentMetrics(ctx.store, incident_id).all()
    if as_json:
        emit_json(data)
        return
    click.echo("\n".join(summary.incident_lines(data)))
