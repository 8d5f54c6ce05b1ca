"""claim, accounts and calendar commands (see crisiscomm/claims.py, accounts.py, content_calendar.py)."""

from __future__ import annotations

import click

from crisiscomm import accounts as account_register
from crisiscomm import actions, content_calendar, i18n
from crisiscomm import claims as claim_register
from crisiscomm.cli import Context, emit_json, main, pass_ctx
from crisiscomm.clock import format_offset, local_text
from crisiscomm.posts import channel_name
from crisiscomm.text.grammar import format_number


@main.group()
def claim() -> None:
    """Claims register: rumours, their evidence, their correction."""


@claim.command("add")
@click.argument("incident_id", type=int)
@click.argument("text")
@click.option("--mention", "mention_id", type=int, help="The mention the claim was first seen in.")
@pass_ctx
def claim_add(ctx: Context, incident_id: int, text: str, mention_id: int | None) -> None:
    """Register a claim and print its number."""
    done = actions.claims.add(ctx.session, incident_id, text, mention_id=mention_id)
    click.echo(f"{done.value.id}\t" + i18n.t("cli.claim.added", text=done.value.text))
    ctx.tell(done.notes)


@claim.command("set")
@click.argument("claim_id", type=int)
@click.argument("status", type=click.Choice(claim_register.STATUSES))
@click.option("--source", default="", help="Where the evidence comes from (e.g. an official feed).")
@click.option("--note", default="", help="What the source says.")
@pass_ctx
def claim_set(ctx: Context, claim_id: int, status: str, source: str, note: str) -> None:
    """Change a claim's status; the evidence (--source and --note) is required."""
    done = actions.claims.set_status(ctx.session, claim_id, status, source=source, note=note)
    row = done.value
    click.echo(i18n.t("cli.claim.set", id=row.id, status=i18n.word("claim.status", row.status), source=source.strip()))
    ctx.tell(done.notes)
    if row.status in claim_register.NEEDS_CORRECTION and row.correction_statement_id is None:
        click.echo(i18n.t("cli.claim.correct_hint", id=row.id))


def _claim_line(view: dict) -> str:
    rate = i18n.t("cli.claim.per_hour", rate=format_number(round(view["spread_per_hour"], 1), i18n.get_lang()))
    return (f"{view['id']}\t{i18n.word('claim.status', view['status']):<14}\t{rate:>9}\t"
            f"{i18n.t('cli.claim.mentions', count=len(view['mentions']))}\t{view['text']}")


@claim.command("list")
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.option("--by-spread", is_flag=True, help="Fastest-spreading first.")
@pass_ctx
def claim_list(ctx: Context, incident_id: int, as_json: bool, by_spread: bool) -> None:
    """List an incident's claims."""
    views = claim_register.list_claims(ctx.store, incident_id, order="spread" if by_spread else "id")
    if as_json:
        emit_json(views)
        return
    if not views:
        click.echo(i18n.t("cli.claim.none"))
    for view in views:
        click.echo(_claim_line(view))


@claim.command("show")
@click.argument("claim_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def claim_show(ctx: Context, claim_id: int, as_json: bool) -> None:
    """One claim: evidence, linked mentions, times."""
    view = claim_register.public_view(ctx.store, claim_register.get_claim(ctx.store, claim_id))
    if as_json:
        emit_json(view)
        return
    click.echo(_claim_line(view))
    for ev in view["evidence"]:
        click.echo(i18n.t("cli.claim.evidence", at=local_text(ev["at"]), before=i18n.word("claim.status", ev["from"]),
                          status=i18n.word("claim.status", ev["status"]), operator=ev["operator"],
                          source=ev["source"], note=ev["note"]))
    for mention in claim_register.linked_mentions(ctx.store, claim_id, limit=20):
        click.echo(i18n.t("cli.claim.mention", id=mention["id"], feed=mention["feed"] or "-",
                          text=(mention["title"] or mention["text"])[:80]))
    for label, key in (("cli.claim.to_verdict", "time_to_verdict_s"), ("cli.claim.to_correction", "time_to_correction_s")):
        if view[key] is not None:
            click.echo(f"  {i18n.t(label)}: {format_offset(view[key])}")


@claim.command("link")
@click.argument("claim_id", type=int)
@click.argument("mention_ids", type=int, nargs=-1, required=True)
@pass_ctx
def claim_link(ctx: Context, claim_id: int, mention_ids: tuple[int, ...]) -> None:
    """Link mentions to a claim (its spread)."""
    added = actions.claims.link(ctx.session, claim_id, list(mention_ids)).value
    click.echo(i18n.t("cli.claim.linked", id=claim_id, count=len(added))
               + (f" ({', '.join(map(str, added))})" if added else ""))


@claim.command("suggest")
@click.argument("claim_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@pass_ctx
def claim_suggest(ctx: Context, claim_id: int, as_json: bool, limit: int) -> None:
    """Unlinked mentions that say much the same as the claim."""
    found = claim_register.suggest_mentions(ctx.store, claim_id, limit=limit)
    if as_json:
        emit_json([{k: m[k] for k in ("id", "score", "feed", "title", "text", "link", "author", "published_at")}
                   for m in found])
        return
    if not found:
        click.echo(i18n.t("cli.claim.no_similar"))
    for m in found:
        click.echo(f"{m['id']}\t{m['score']:.2f}\t{m['feed'] or '-'}\t{(m['title'] or m['text'])[:80]}")


@claim.command("correct")
@click.argument("claim_id", type=int)
@pass_ctx
def claim_correct(ctx: Context, claim_id: int) -> None:
    """Draft the correction statement of a false or misleading claim."""
    done = actions.claims.correct(ctx.session, claim_id)
    click.echo(f"{done.value.id}\t" + i18n.t("cli.claim.correction_drafted", id=claim_id, statement=done.value.id))
    ctx.tell(done.notes)


@claim.command("sources")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def claim_sources(ctx: Context, as_json: bool) -> None:
    """Official feeds and their latest items, to cite as evidence (--source)."""
    sources = claim_register.official_sources(ctx.store)
    if as_json:
        emit_json(sources)
        return
    if not sources:
        click.echo(i18n.t("cli.claim.no_sources"))
    for s in sources:
        click.echo(s["source"])


# -- accounts -----------------------------------------------------------------
@main.group()
def accounts() -> None:
    """Account register: owners, 2FA and security reviews."""


@accounts.command("add")
@click.argument("channel")
@click.argument("handle")
@click.option("--owner", "owners", multiple=True, required=True, help="A named owner (repeatable).")
@click.option("--2fa", "twofa", is_flag=True, help="Two-factor authentication is on.")
@pass_ctx
def accounts_add(ctx: Context, channel: str, handle: str, owners: tuple[str, ...], twofa: bool) -> None:
    """Register an account (counts as reviewed today)."""
    row = actions.accounts.add_account(ctx.session, channel, handle, owners=list(owners), twofa=twofa).value
    _print_account(account_register.public_view(row))


@accounts.command("review")
@click.argument("handle")
@click.option("--channel", help="When the handle is registered on several channels.")
@click.option("--2fa/--no-2fa", "twofa", default=None, help="What the review found.")
@click.option("--owner", "owners", multiple=True, help="The named owners now (replaces the list).")
@pass_ctx
def accounts_review(ctx: Context, handle: str, channel: str | None, twofa: bool | None, owners: tuple[str, ...]) -> None:
    """Record a security review today."""
    row = actions.accounts.review_account(
        ctx.session, handle, channel=channel, twofa=twofa, owners=list(owners) or None,
    ).value
    _print_account(account_register.public_view(row))


def _print_account(view: dict) -> None:
    twofa = i18n.t("cli.account.twofa_on" if view["twofa"] else "cli.account.twofa_off")
    click.echo(i18n.t("cli.account.row", channel=channel_name(view["channel"]), handle=view["handle"], twofa=twofa,
                      reviewed=local_text(view["last_review"]) if view["last_review"] else i18n.t("cli.account.never"),
                      owners=", ".join(view["owners"])))
    for warning in view["warnings"]:
        click.echo(f"  ! {warning}")


@accounts.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def accounts_list(ctx: Context, as_json: bool) -> None:
    """List accounts with their readiness warnings."""
    views = [account_register.public_view(a) for a in account_register.list_accounts(ctx.store)]
    if as_json:
        emit_json(views)
        return
    if not views:
        click.echo(i18n.t("cli.account.none"))
    for view in views:
        _print_account(view)


# -- content calendar ---------------------------------------------------------
@main.group()
def calendar() -> None:
    """Content calendar: planned posts, held when an incident opens."""


def _print_planned(row: dict) -> None:
    held = i18n.t("cli.calendar.held_for", incident=row["held_for_incident"]) if row["held_for_incident"] else ""
    click.echo(f"{row['id']}\t{local_text(row['planned_at'])}\t{channel_name(row['channel'])}\t"
               f"{i18n.word('cli.calendar.status', row['status'])}{held}\t{row['text'][:80]}")


@calendar.command("add")
@click.argument("channel")
@click.argument("when")
@click.argument("text")
@pass_ctx
def calendar_add(ctx: Context, channel: str, when: str, text: str) -> None:
    """Plan a post (WHEN: ISO 8601; without an offset, local time)."""
    _print_planned(actions.accounts.plan_post(ctx.session, channel, when, text).value)


@calendar.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--status", type=click.Choice(("planned", "held", "cancelled")))
@pass_ctx
def calendar_list(ctx: Context, as_json: bool, status: str | None) -> None:
    """List planned posts."""
    rows = content_calendar.list_planned(ctx.store, status=status)
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(i18n.t("cli.calendar.none"))
    for row in rows:
        _print_planned(row)


def _calendar_move(name: str, fn, help_text: str) -> None:
    @calendar.command(name, help=help_text)
    @click.argument("post_id", type=int)
    @pass_ctx
    def command(ctx: Context, post_id: int) -> None:
        _print_planned(fn(ctx.session, post_id).value)


_calendar_move("hold", actions.accounts.hold_post, "Hold a planned post for review.")
_calendar_move("release", actions.accounts.release_post, "Release a held post back to the plan.")
_calendar_move("cancel", actions.accounts.cancel_post, "Cancel a planned or held post.")
