"""incident, fact, verify and signing-key commands."""

from __future__ import annotations

import click

from crisiscomm import actions, audit, facts, i18n, incidents, playbooks, signing, timeline
from crisiscomm.cli import Context, emit_json, main, pass_ctx
from crisiscomm.clock import local_text


@main.group()
def incident() -> None:
    """Open, list and close incidents."""


@incident.command("open")
@click.argument("title")
@click.option("--playbook", required=True, help="Playbook id, e.g. general, natural-disaster.")
@click.option("--severity", type=click.IntRange(1, 4), default=2, show_default=True)
@click.option("--exercise", is_flag=True, help="A drill: marked TATBİKAT / EXERCISE forever.")
@click.option("--keyword", "keywords", multiple=True, help="Watch keyword (repeatable).")
@pass_ctx
def incident_open(ctx: Context, title: str, playbook: str, severity: int, exercise: bool, keywords: tuple[str, ...]) -> None:
    """Open an incident and print its number."""
    done = actions.incidents.open_incident(
        ctx.session, title, playbook, severity=severity, exercise=exercise, keywords=list(keywords),
    )
    inc = done.value
    mark = f"  [{incidents.EXERCISE_MARK}]" if inc.is_exercise else ""
    click.echo(f"{inc.id}\t" + i18n.t("cli.incident.opened", title=inc.title, playbook=playbooks.shown_name(inc.playbook),
                                       severity=inc.severity, mark=mark))
    ctx.tell(done.notes)


@incident.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def incident_list(ctx: Context, as_json: bool) -> None:
    """List incidents."""
    rows = [i.public() for i in incidents.list_incidents(ctx.store)]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(i18n.t("cli.incident.none"))
    for r in rows:
        mark = f" [{incidents.EXERCISE_MARK}]" if r["mode"] == "exercise" else ""
        click.echo(i18n.t("cli.incident.row", id=r["id"], status=f"{i18n.word('status', r['status']):<10}",
                          severity=r["severity"], started=local_text(r["started_at"]), title=r["title"], mark=mark))


@incident.command("close")
@click.argument("incident_id", type=int)
@pass_ctx
def incident_close(ctx: Context, incident_id: int) -> None:
    """Close an incident."""
    inc = actions.incidents.close(ctx.session, incident_id).value
    click.echo(i18n.t("cli.incident.closed", id=inc.id, at=local_text(inc.closed_at)))


@incident.command("status")
@click.argument("incident_id", type=int)
@click.argument("status", type=click.Choice(incidents.STATUSES))
@pass_ctx
def incident_status(ctx: Context, incident_id: int, status: str) -> None:
    """Move an incident to active, monitoring or closed."""
    inc = actions.incidents.set_status(ctx.session, incident_id, status).value
    click.echo(i18n.t("cli.incident.status", id=inc.id, status=i18n.word("status", inc.status)))


@incident.command("keywords")
@click.argument("incident_id", type=int)
@click.argument("keywords", nargs=-1, required=True)
@pass_ctx
def incident_keywords(ctx: Context, incident_id: int, keywords: tuple[str, ...]) -> None:
    """Set the incident's watch keywords."""
    inc = actions.incidents.set_keywords(ctx.session, incident_id, list(keywords)).value
    click.echo(i18n.t("cli.incident.keywords", keywords=", ".join(inc.keywords)))


@main.group()
def fact() -> None:
    """The fact sheet: the single source of truth."""


@fact.command("set")
@click.argument("incident_id", type=int)
@click.argument("key")
@click.argument("value")
@click.option("--unconfirmed", is_flag=True, help="Not yet confirmed: must not be stated as certain.")
@click.option("--source", default="", help="Where the fact comes from.")
@pass_ctx
def fact_set(ctx: Context, incident_id: int, key: str, value: str, unconfirmed: bool, source: str) -> None:
    """Set (a new version of) a fact."""
    done = actions.facts.set_fact(
        ctx.session, incident_id, key, value, status="unconfirmed" if unconfirmed else "confirmed", source=source,
    )
    row = done.value
    click.echo(i18n.t("cli.fact.set", fact=row.name, value=row.value, status=i18n.word("cli.fact.status", row.status),
                      version=row.version))
    ctx.tell(done.notes)


@fact.command("list")
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def fact_list(ctx: Context, incident_id: int, as_json: bool) -> None:
    """Show the current fact sheet."""
    incidents.get(ctx.store, incident_id)
    rows = [facts.public_view(f) for f in facts.current(ctx.store, incident_id).values()]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(i18n.t("cli.fact.empty"))
    for r in rows:
        status = i18n.word("cli.fact.status", r["status"])
        click.echo(f"{r['name']}: {r['value']}\t{status}\tv{r['version']}\t{r['source']}")


@main.command()
@click.option("--head", "head_hash", help="A chain head published earlier: prove no event up to it was removed.")
@pass_ctx
def verify(ctx: Context, head_hash: str | None) -> None:
    """Check the whole record: the hash chain, every state row against its events, redactions, signatures."""
    result = audit.verify(ctx.store, head_hash)
    click.echo(result.describe())
    if not result.ok:
        raise SystemExit(1)
    if head_hash:
        click.echo(i18n.t("cli.verify.head", head=head_hash))


def _register_mention_erase() -> None:
    """`mention erase` sits beside `mention set` (the feeds commands' group)."""
    from crisiscomm.cli.feeds import mention

    @mention.command("erase")
    @click.argument("mention_id", type=int)
    @click.option("--reason", required=True, help="Why (e.g. a KVKK erasure request); recorded, the text is not.")
    @pass_ctx
    def mention_erase(ctx: Context, mention_id: int, reason: str) -> None:
        """Erase a mention and every copy of its text from the database files."""
        result = actions.mentions.erase(ctx.session, mention_id, reason=reason).value
        click.echo(i18n.t("cli.mention.erased", id=mention_id))
        if not result.checkpointed:
            click.echo(i18n.t("cli.mention.wal_note"), err=True)


_register_mention_erase()


@main.group()
def key() -> None:
    """Signing keys: an approver's approvals signed with their own Ed25519 key (public half in team.toml)."""


@key.command("new")
@click.option("--force", is_flag=True, help="Replace an existing key (its signatures verify only while team.toml "
                                            "still lists its public half).")
def key_new(force: bool) -> None:
    """Make your private key (CRISISCOMM_KEY, else signing.key in your config folder; readable by you only)
    and print the line to add to your entry in team.toml."""
    path, public = signing.new_key(force=force)
    click.echo(i18n.t("cli.key.written", path=path))
    click.echo(i18n.t("cli.key.add_line"))
    click.echo(f"public_key = \"{public}\"")


@key.command("show")
def key_show() -> None:
    """Print your key's public half (the team.toml line) and its fingerprint."""
    public, fingerprint = signing.public_of()
    click.echo(f"public_key = \"{public}\"")
    click.echo(i18n.t("cli.key.fingerprint", fingerprint=fingerprint))
