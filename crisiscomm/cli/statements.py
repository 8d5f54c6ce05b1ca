"""statement commands: lint, draft, revise, list, show, submit, approve, reject, publish, templates.

`statement lint --json` prints `{"findings": [{rule, severity, message,
principle, start, end}], "errors": N, "warnings": N, "channel": {channel,
length, limit, unit, segments, encoding, forcing, over} | null}` and exits 1
when there is an error. `statement list --json` prints statements with
`id, incident_id, title, template_id, created_by, created_at, version, state,
author, approver, body, language, channel_texts, channels, versions` (each
version: `id, version, state, body, language, author, created_at, submitted_at,
approver, approved_at, published_at, reason, lint, channel_texts`);
`channel_texts` maps a channel to its own text (the short form for X, Bluesky
and SMS), a channel not in it gets the body.
"""

from __future__ import annotations

import sys

import click

from crisiscomm import actions, files, i18n, incidents
from crisiscomm.cli import Context, emit_json, main, pass_ctx
from crisiscomm.errors import CrisisError
from crisiscomm.models import Statement
from crisiscomm.posts import CHANNELS, channel_name
from crisiscomm.statements import channel_texts, channels, workflow
from crisiscomm.statements.findings import Finding, errors, principle_label, rule_label, severity_label
from crisiscomm.statements.lint import lint, summary
from crisiscomm.statements.lint_config import load_config
from crisiscomm.statements.templates import templates_for
from crisiscomm.text import strip_controls

channel_option = click.option("--channel", type=click.Choice(CHANNELS), help="Check (or show) the text for this channel.")


def read_text(path: str) -> str:
    """A UTF-8 text file, or standard input for `-` (a statement's worth of bytes at most)."""
    text = files.read_text(path, limit=workflow.MAX_BODY * 4, allow_stdin=True)
    if len(text) > workflow.MAX_BODY:
        raise CrisisError(i18n.t("cli.statement.too_long", path=path, limit=f"{workflow.MAX_BODY:,}"))
    return strip_controls(text)


def print_findings(found: list[Finding]) -> None:
    for f in found:
        click.echo(f"{severity_label(f.severity):<8} {rule_label(f.rule):<30} {strip_controls(f.message)}")
        click.echo(f"{'':<8} {'':<30} ↳ {principle_label(f.rule) if i18n.get_lang() == 'tr' else f.principle}")
    click.echo(summary(found))


@main.group()
def statement() -> None:
    """Holding statements: lint, draft, review, approve, publish."""


@statement.command("lint")
@click.argument("path", metavar="FILE|-", type=click.Path(dir_okay=False, allow_dash=True))
@channel_option
@click.option("--incident", "incident_id", type=int, help="Check against this incident's fact sheet (and its mode).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def statement_lint(ctx: Context, path: str, channel: str | None, incident_id: int | None, as_json: bool) -> None:
    """Check a text against the guide; exit 1 when there is an error."""
    text = read_text(path)
    if incident_id is not None:
        incident = incidents.get(ctx.store, incident_id)
        found = workflow.lint_for_incident(ctx.store, incident, text, channel)
    else:
        found = lint(text, channel=channel, config=load_config())
    measured = channels.measure(channels.channel_text(text, channel), channel) if channel else None
    if as_json:
        emit_json({"findings": [f.as_dict() for f in found], "errors": len(errors(found)),
                   "warnings": len(found) - len(errors(found)), "channel": measured.as_dict() if measured else None})
    else:
        if measured:
            click.echo(f"{channel_name(channel)}: {measured.describe()}")
        print_findings(found)
    if errors(found):
        sys.exit(1)


def _describe(st: dict) -> str:
    posted = i18n.t("cli.statement.on", channels=", ".join(map(channel_name, st["channels"]))) \
        if st["channels"] else ""
    title = f"  {st['title']}" if st["title"] else ""
    return f"{st['id']}\tv{st['version']}\t{i18n.word('review.state', st['state']):<10}\t{st['author']}{title}{posted}"


def _report_lint(st: Statement) -> None:
    found = [Finding.from_dict(f) for f in st.newest.lint]
    if found:
        click.echo(i18n.t("cli.statement.lint", summary=summary(found), id=st.id))


@statement.command("draft")
@click.argument("incident_id", type=int)
@click.option("--template", "template_id", help="A template of the incident's playbook.")
@click.option("--file", "path", type=click.Path(dir_okay=False, allow_dash=True), help="The text (- for stdin).")
@click.option("--title", default="", help="A short title for the list.")
@click.option("--language", type=click.Choice(("tr", "en")), help="The statement's language (guessed otherwise).")
@click.option("--short", "short_path", type=click.Path(dir_okay=False, allow_dash=True),
              help="The short form for X, Bluesky and SMS (the template's by default).")
@pass_ctx
def statement_draft(ctx: Context, incident_id: int, template_id: str | None, path: str | None, title: str,
                    language: str | None, short_path: str | None) -> None:
    """Start a statement from a template, a file or blank; print its number."""
    if template_id and path:
        raise click.UsageError(i18n.t("cli.statement.template_or_file"))
    body = read_text(path) if path else None
    short = read_text(short_path) if short_path else None
    st = actions.statements.draft(ctx.session, incident_id, body=body, template_id=template_id,
                                  title=title, language=language, short=short).value
    click.echo(st.id)
    _report_lint(st)


@statement.command("revise")
@click.argument("statement_id", type=int)
@click.option("--file", "path", required=True, type=click.Path(dir_okay=False, allow_dash=True))
@channel_option
@pass_ctx
def statement_revise(ctx: Context, statement_id: int, path: str, channel: str | None) -> None:
    """Save a new version of a statement (of one channel's own text with --channel)."""
    st = actions.statements.revise(ctx.session, statement_id, read_text(path), channel=channel).value
    click.echo(i18n.t("cli.statement.draft_saved", id=st.id, version=st.version))
    _report_lint(st)


@statement.command("list")
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def statement_list(ctx: Context, incident_id: int, as_json: bool) -> None:
    """The incident's statements with their newest version's state."""
    rows = workflow.list_statements(ctx.store, incident_id)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(i18n.t("cli.statement.none"))
    for st in rows:
        click.echo(strip_controls(_describe(st)))


@statement.command("show")
@click.argument("statement_id", type=int)
@channel_option
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def statement_show(ctx: Context, statement_id: int, channel: str | None, as_json: bool) -> None:
    """The newest version, its findings and its length per channel (or one channel's text)."""
    st = workflow.get_statement(ctx.store, statement_id)
    exercise = incidents.get(ctx.store, st["incident_id"]).is_exercise
    if channel:
        text = channel_texts.posted_text(st, channel, exercise=exercise)
        if as_json:
            emit_json({"channel": channel, "text": text, **channels.measure(text, channel).as_dict()})
        else:
            click.echo(text)
        return
    measures = channel_texts.measure_version(st, exercise=exercise)
    if as_json:
        emit_json({**st, "measures": [m.as_dict() for m in measures]})
        return
    click.echo(strip_controls(_describe(st)))
    click.echo(st["body"])
    by_text: dict[str, list[str]] = {}
    for ch, text in st["channel_texts"].items():
        by_text.setdefault(text, []).append(ch)
    for text, chosen in by_text.items():
        click.echo(f"\n[{', '.join(channel_name(ch) for ch in chosen)}]")
        click.echo(text)
    click.echo("")
    over = i18n.t("cli.statement.over")
    click.echo("  ".join(f"{channel_name(m.channel)} {m.describe()}{over if m.over else ''}" for m in measures))
    print_findings([Finding.from_dict(f) for f in st["versions"][-1]["lint"]])


@statement.command("submit")
@click.argument("statement_id", type=int)
@pass_ctx
def statement_submit(ctx: Context, statement_id: int) -> None:
    """Send the newest version for review."""
    st = actions.statements.submit(ctx.session, statement_id).value
    click.echo(i18n.t("cli.statement.in_review", id=st.id, version=st.version))
    _report_lint(st)


@statement.command("approve")
@click.argument("statement_id", type=int)
@click.option("--ack-warnings", is_flag=True, help="Acknowledge the lint warnings.")
@pass_ctx
def statement_approve(ctx: Context, statement_id: int, ack_warnings: bool) -> None:
    """Approve the version in review (not your own)."""
    st = actions.statements.approve(ctx.session, statement_id, acknowledge_warnings=ack_warnings).value
    click.echo(i18n.t("cli.statement.approved", id=st.id, version=st.version, approver=st.approver))


@statement.command("reject")
@click.argument("statement_id", type=int)
@click.option("--reason", required=True, help="What must change.")
@pass_ctx
def statement_reject(ctx: Context, statement_id: int, reason: str) -> None:
    """Send the version in review back, with a reason."""
    st = actions.statements.reject(ctx.session, statement_id, reason=reason).value
    click.echo(i18n.t("cli.statement.rejected", id=st.id, version=st.version))


@statement.command("publish")
@click.argument("statement_id", type=int)
@click.option("--channel", required=True, type=click.Choice(CHANNELS))
@click.option("--url", help="Where it was posted (not in an exercise).")
@pass_ctx
def statement_publish(ctx: Context, statement_id: int, channel: str, url: str | None) -> None:
    """Record the approved version as posted on a channel."""
    done = actions.statements.publish(ctx.session, statement_id, channel, url=url)
    st, post = done.value, done.value.post
    if post.simulated:
        click.echo(i18n.t("cli.statement.simulated", post=post.id, channel=channel_name(channel),
                          mark=incidents.EXERCISE_MARK))
    else:
        click.echo(i18n.t("cli.statement.published", id=st.id, version=st.version,
                          channel=channel_name(channel), post=post.id))
    ctx.tell(done.notes)


@statement.command("templates")
@click.argument("incident_id", type=int, required=False)
@click.option("--playbook", help="A playbook id (default: the incident's).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def statement_templates(ctx: Context, incident_id: int | None, playbook: str | None, as_json: bool) -> None:
    """The statement templates a draft can start from."""
    if playbook is None:
        if incident_id is None:
            raise click.UsageError(i18n.t("cli.statement.incident_or_playbook"))
        playbook = incidents.get(ctx.store, incident_id).playbook
    rows = templates_for(playbook)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(i18n.t("cli.statement.no_templates", playbook=playbook))
    for tpl in rows:
        click.echo(f"{tpl['id']}\t{tpl.get('language', '')}\t{tpl.get('title', '')}")
