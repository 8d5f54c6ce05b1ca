"""playbooks and checklist commands.

    crisiscomm playbooks list [--json] | show ID [--json] | check PATH
    crisiscomm checklist INCIDENT [--json]
    crisiscomm checklist start|done|skip|reopen INCIDENT STEP [--note N]
    crisiscomm checklist note INCIDENT STEP TEXT
"""

from __future__ import annotations

import pathlib
from typing import Any

import click

from crisiscomm import actions, i18n, incidents, playbook_check, playbooks
from crisiscomm import checklist as checklist_core
from crisiscomm.cli import Context, emit_json, main, pass_ctx
from crisiscomm.clock import format_clock, format_offset, written_duration
from crisiscomm.models import ChecklistStep, Incident
from crisiscomm.playbook_model import Playbook


@main.group("playbooks")
def playbooks_group() -> None:
    """Playbooks: list them, show one, check files."""


def _playbook_row(playbook: Playbook) -> dict:
    return {
        "id": playbook.id,
        "title": playbook.text(playbook.title),
        "languages": list(playbook.languages),
        "description": playbook.text(playbook.description),
        "steps": len(playbook.steps),
        "templates": [t.id for t in playbook.templates],
        "update_every": format_offset(playbook.update_every) if playbook.update_every else None,
        "keywords": playbook.all_keywords(),
        "source": playbook.source,
        "bundled": pathlib.Path(playbook.source).resolve().parent == playbooks.BUNDLED_DIR,
    }


@playbooks_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def playbooks_list(ctx: Context, as_json: bool) -> None:
    """List the playbooks incidents can use (custom folders first, then bundled)."""
    found, problems = playbooks.catalog()
    rows = [_playbook_row(found[pid].with_lang(ctx.lang)) for pid, _ in playbooks.available_playbooks()]
    for problem in problems:
        click.echo(i18n.t("cli.warning", message=i18n.t("cli.playbook.broken", problem=problem)), err=True)
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        where = i18n.t("cli.playbook.bundled") if row["bundled"] else row["source"]
        click.echo(f"{row['id']:<20} " + i18n.t("cli.playbook.row", title=row["title"], steps=row["steps"],
                                                languages=",".join(row["languages"]),
                                                templates=len(row["templates"]), where=where))


@playbooks_group.command("show")
@click.argument("playbook_id")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def playbooks_show(ctx: Context, playbook_id: str, as_json: bool) -> None:
    """Show a playbook's steps and templates."""
    playbook = playbooks.load_playbook(playbook_id, ctx.lang)
    steps = [
        {"step_id": s.id, "phase": s.phase, "title": playbook.text(s.title), "owner": s.owner,
         "due": s.due_text, "depends_on": list(s.depends_on), "principle": s.principle,
         "guidance": playbook.text(s.guidance)}
        for s in playbook.steps
    ]
    if as_json:
        emit_json({**_playbook_row(playbook), "steps": steps, "templates": playbooks.templates(playbook_id)})
        return
    click.echo(f"{playbook.id}: {playbook.text(playbook.title)}")
    click.echo(playbook.text(playbook.description))
    for step in sorted(steps, key=lambda s: playbook.step(s["step_id"]).due):
        after = i18n.t("cli.playbook.after", steps=", ".join(step["depends_on"])) if step["depends_on"] else ""
        due = written_duration(step["due"])
        click.echo(f"  T+{due:<7} {step['step_id']:<20} {playbook.role_title(step['owner']):<24} {step['title']}{after}")
    for tpl in playbook.templates:
        click.echo(i18n.t("cli.playbook.template", id=tpl.id, title=playbook.text(tpl.title),
                          slots=", ".join(tpl.slots(playbook.lang))))


@playbooks_group.command("check")
@click.argument("path", type=click.Path(exists=True, path_type=pathlib.Path))
def playbooks_check(path: pathlib.Path) -> None:
    """Validate a playbook file, or every *.toml directly in a folder (exit 1 on any error)."""
    good, problems = playbook_check.check_path(path)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        files = len({p.file for p in problems})
        click.echo(i18n.t("cli.playbook.problems", problems=i18n.t("cli.playbook.n_problems", count=len(problems)),
                          files=i18n.t("cli.playbook.n_files", count=files),
                          good=i18n.t("cli.playbook.n_valid", count=len(good))), err=True)
        raise SystemExit(1)
    click.echo(i18n.t("cli.playbook.ok", valid=i18n.t("cli.playbook.n_valid", count=len(good)),
                      names=", ".join(p.id for p in good)))


# -- checklist ---------------------------------------------------------------------
class ChecklistGroup(click.Group):
    """`checklist 3` shows incident 3; `checklist done 3 convene` changes a step."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["show", *args]
        return super().parse_args(ctx, args)


@main.group("checklist", cls=ChecklistGroup)
def checklist_group() -> None:
    """The incident's checklist: `checklist INCIDENT [--json]`, or start|done|skip|reopen|note."""


def status_text(item: dict[str, Any]) -> str:
    """What a step's deadline means now: in 4m, OVERDUE 3m, done at T+…, skipped, blocked."""
    if item["state"] == "done":
        late = " " + i18n.t("checklist.late") if item["late"] else ""
        return i18n.t("checklist.done_at", clock=format_clock(item["changed_clock"])) + late
    if item["state"] == "skipped":
        return i18n.t("checklist.state.skipped")
    if item["overdue"]:
        return i18n.t("checklist.overdue_by", time=format_offset(-item["remaining"]))
    return i18n.t("checklist.due_in", time=format_offset(item["remaining"]))


MARKS = {"todo": "[ ]", "doing": "[>]", "done": "[x]", "skipped": "[-]"}


def _print_items(incident: Incident, items: list[dict]) -> None:
    counts = checklist_core.summary(items)
    clock = format_clock(incidents.clock_at(incident))
    mark = f"  [{incidents.EXERCISE_MARK}]" if incident.is_exercise else ""
    click.echo(f"#{incident.id} {incident.title} · {playbooks.shown_name(incident.playbook)} · {clock}{mark}")
    click.echo(i18n.t("checklist.summary", **counts))
    phase = None
    for item in items:
        if item["phase"] != phase:
            phase = item["phase"]
            click.echo(f"\n{item['phase_title']}")
        flags = " !" if item["overdue"] else ""
        click.echo(f"  {MARKS[item['state']]}{flags:<2} T+{item['due_shown']:<6} {item['step_id']:<20} "
                   f"{item['owner_title']:<24} {item['title']} — {status_text(item)}")
        if item["blocked"]:
            click.echo(f"        {i18n.t('checklist.blocked_by', steps=', '.join(item['blocked_by']))}")
        if item["note"]:
            click.echo(f"        {i18n.t('checklist.note')}: {item['note']}")


@checklist_group.command("show", hidden=True)
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def checklist_show(ctx: Context, incident_id: int, as_json: bool) -> None:
    """Show an incident's checklist."""
    incident = incidents.get(ctx.store, incident_id)
    items = checklist_core.items_for(ctx.store, incident, lang=ctx.lang)
    if as_json:
        emit_json({
            "incident": incident_id,
            "playbook": incident.playbook,
            "clock": round(incidents.clock_at(incident), 1),
            "summary": checklist_core.summary(items),
            "next": checklist_core.next_deadline(ctx.store, incident),
            "items": [checklist_core.public_view(i) for i in items],
        })
        return
    _print_items(incident, items)


def _report(item: ChecklistStep) -> None:
    click.echo(f"{item.step_id}: {i18n.t('checklist.state.' + item.state)} — {item.title}")


def _state_command(name: str, state: str, help_text: str, needs_reason: bool = False) -> None:
    @checklist_group.command(name, help=help_text)
    @click.argument("incident_id", type=int)
    @click.argument("step_id")
    @click.option("--note", "--reason", "note", default="", help="A note (for skip: the reason, required).")
    @pass_ctx
    def command(ctx: Context, incident_id: int, step_id: str, note: str) -> None:
        if needs_reason and not note.strip():
            raise click.UsageError(i18n.t("cli.checklist.skip_reason"))
        done = actions.checklist.set_step(ctx.session, incident_id, step_id, state, note=note)
        _report(done.value)
        ctx.tell(done.notes)


_state_command("start", "doing", "Mark a step as being worked on.")
_state_command("done", "done", "Mark a step as done.")
_state_command("skip", "skipped", "Skip a step; --note gives the reason (required).", needs_reason=True)
_state_command("reopen", "todo", "Put a done or skipped step back to todo.")


@checklist_group.command("note")
@click.argument("incident_id", type=int)
@click.argument("step_id")
@click.argument("text")
@pass_ctx
def checklist_note(ctx: Context, incident_id: int, step_id: str, text: str) -> None:
    """Add a note to a step."""
    item = actions.checklist.add_note(ctx.session, incident_id, step_id, text).value
    click.echo(f"{item.step_id}: {i18n.t('checklist.note')}: {item.note}")
