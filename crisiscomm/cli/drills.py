"""drill and demo commands (see crisiscomm/drills).

`drill run` opens an exercise incident and plays its injects, in the
dashboard or, with --headless, here until the end, then prints the score.
`drill status|pause|resume|skip|speed|score` act on a running drill from any
terminal, as the dashboard's drill keys do.
"""

from __future__ import annotations

import pathlib
import shlex
import sys
import tempfile

import click

from crisiscomm import actions, config, i18n, incidents
from crisiscomm.cli import Context, emit_json, main, pass_ctx, show_progress
from crisiscomm.cli.output import clear_progress_line, progress_bar
from crisiscomm.clock import format_clock, local_text, parse_iso
from crisiscomm.text.grammar import date_time, format_number
from crisiscomm.drills import scoring
from crisiscomm.drills.injects import inject_line
from crisiscomm.drills.player import FIRED, DrillPlayer, Fired, list_drills
from crisiscomm.drills.scenario import ScenarioInvalid
from crisiscomm.drills.scenario_files import bundled_scenarios, load_scenario
from crisiscomm.errors import CrisisError
from crisiscomm.models import Incident
from crisiscomm.drills.strings import t

POSITIVE = click.FloatRange(min=0, min_open=True, max=incidents.MAX_CLOCK_SPEED)

i18n.register({
    "drill.cli.started": {
        "tr": "{incident}\ttatbikat başladı: {name} ({injects} girdi, hız ×{speed:g})  [{mark}]",
        "en": "{incident}\tdrill started: {name} ({injects} injects, speed ×{speed:g})  [{mark}]",
    },
    "drill.cli.status": {
        "tr": "#{incident} {scenario}  [{mark}]\nsaat {clock} · hız ×{speed:g}{paused} · {played}/{injects} girdi oynandı",
        "en": "#{incident} {scenario}  [{mark}]\nclock {clock} · speed ×{speed:g}{paused} · {played}/{injects} injects played",
    },
    "drill.cli.paused": {"tr": " · DURAKLATILDI", "en": " · PAUSED"},
    "drill.cli.finished": {"tr": "tatbikat bitti", "en": "drill finished"},
    "drill.cli.scenario_time": {"tr": "senaryoda saat: {time}", "en": "scenario time: {time}"},
    "drill.cli.next": {"tr": "sıradaki girdi: {inject} ({type}) {clock}", "en": "next inject: {inject} ({type}) at {clock}"},
    "drill.cli.clock": {"tr": "#{incident} saat {clock} · hız ×{speed:g}{paused}  [{mark}]",
                        "en": "#{incident} clock {clock} · speed ×{speed:g}{paused}  [{mark}]"},
    "drill.cli.nothing_to_skip": {"tr": "atlanacak girdi kalmadı", "en": "no inject left to skip to"},
    "drill.cli.ok": {"tr": "{path}: geçerli ({injects} girdi, {expected} beklenen eylem)",
                     "en": "{path}: ok ({injects} injects, {expected} expected actions)"},
    "drill.cli.demo_db": {"tr": "tanıtım veritabanı: {path}", "en": "demo database: {path}"},
    "drill.cli.demo_join": {"tr": "İkinci bir görevli aynı tatbikata başka bir terminalden katılabilir:\n  {command}",
                            "en": "A second operator can join the same drill from another terminal:\n  {command}"},
    "drill.cli.demo_pace": {"tr": "Hız (×5 önerilir: iki saatlik senaryo yaklaşık 25 dakika)",
                            "en": "Pace (×5 suggested: the two-hour scenario takes about 25 minutes)"},
    "drill.cli.demo_open": {"tr": "Panoyu açmak için Enter'a basın…", "en": "Press Enter to open the dashboard…"},
})


def _player(ctx: Context, incident_id: int) -> DrillPlayer:
    return DrillPlayer.load(ctx.store, incident_id)


def _echo_fired(fired: list[Fired]) -> None:
    for item in fired:
        click.echo(inject_line(item.inject, item.outcome, dropped=item.state != FIRED))


@main.group()
def drill() -> None:
    """Tabletop drills: scenarios, timed injects, an accelerated clock, a score."""


@drill.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=pathlib.Path))
def drill_check(paths: tuple[pathlib.Path, ...]) -> None:
    """Validate scenario files (or every *.toml in a folder); exit 1 on errors."""
    files: list[pathlib.Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    if not files:
        raise CrisisError("no scenario files found in " + ", ".join(map(str, paths)))
    failed = False
    for file in files:
        try:
            scenario = load_scenario(file)
        except ScenarioInvalid as exc:  # one `FILE:LINE: message` per problem
            failed = True
            click.echo(str(exc), err=True)
            continue
        except CrisisError as exc:
            failed = True
            click.echo(i18n.t("cli.error", message=exc), err=True)
            continue
        expected = sum(1 for i in scenario.injects if i.expect)
        click.echo(i18n.t("drill.cli.ok", path=file, injects=len(scenario.injects), expected=expected))
    if failed:
        raise SystemExit(1)


@drill.command("scenarios")
@click.option("--json", "as_json", is_flag=True)
def drill_scenarios(as_json: bool) -> None:
    """List the bundled scenarios."""
    rows = []
    for path in bundled_scenarios():
        scenario = load_scenario(path)
        rows.append({"id": path.stem, "name": scenario.name, "language": scenario.language,
                     "playbook": scenario.playbook, "injects": len(scenario.injects), "path": str(path)})
    if as_json:
        emit_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']}\t{row['language']}\t{row['playbook']}\t{row['name']}")


@drill.command("run")
@click.argument("scenario")
@click.option("--speed", type=POSITIVE, default=1.0, show_default=True, help="Clock speed: 10 plays ten times faster.")
@click.option("--headless", is_flag=True, help="Play the whole drill here, without the dashboard, then print the score.")
@click.option("--json", "as_json", is_flag=True, help="With --headless: print the score as JSON.")
@pass_ctx
def drill_run(ctx: Context, scenario: str, speed: float, headless: bool, as_json: bool) -> None:
    """Open an exercise incident from SCENARIO (a file or a bundled name) and play it."""
    if as_json and not headless:
        raise click.UsageError(t("drill.cli.json_needs_headless"))
    loaded = load_scenario(scenario)
    done = actions.drills.start(ctx.session, loaded, speed=speed)
    incident_id = done.value.incident_id
    if not as_json:
        click.echo(i18n.t("drill.cli.started", incident=incident_id, name=loaded.name,
                          injects=len(loaded.injects), speed=speed, mark=incidents.EXERCISE_MARK))
        ctx.tell(done.notes)
    if not headless:
        from crisiscomm.tui.app import run_dashboard

        run_dashboard(ctx.db_path, operator=ctx.operator, lang=ctx.lang, incident_id=incident_id)
        return
    score = _play_headless(ctx, incident_id, quiet=as_json)
    if as_json:
        emit_json({"incident": incident_id, **score})
        return
    for line in scoring.report_lines(score):
        click.echo(line)


def _play_headless(ctx: Context, incident_id: int, *, quiet: bool) -> dict:
    player = _player(ctx, incident_id)
    on_fired = None if quiet else _echo_fired
    if not show_progress() or quiet:
        return actions.drills.run_headless(ctx.session, incident_id, on_fired=on_fired)
    end = max(1, int(player.scenario.end))
    with progress_bar(end, incidents.EXERCISE_MARK) as bar:
        def progress(clock: float) -> None:
            bar.update(min(end, int(clock)) - bar.pos)

        def fired_above_bar(fired: tuple[Fired, ...]) -> None:
            clear_progress_line()
            _echo_fired(fired)

        return actions.drills.run_headless(ctx.session, incident_id, on_fired=fired_above_bar, on_progress=progress)


@drill.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def drill_list(ctx: Context, as_json: bool) -> None:
    """List the drills run in this database."""
    rows = [
        {"id": d["id"], "incident": d["incident_id"], "scenario": d["scenario"], "speed": d["speed"],
         "started_at": d["started_at"], "finished_at": d["finished_at"], "mode": "exercise"}
        for d in list_drills(ctx.store)
    ]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        state = local_text(r["finished_at"]) if r["finished_at"] else "…"
        click.echo(f"{r['incident']}\t{r['scenario']}\t×{format_number(r['speed'], i18n.get_lang())}\t"
                   f"{local_text(r['started_at'])}\t{state}\t[{incidents.EXERCISE_MARK}]")


@drill.command("status")
@click.argument("incident_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def drill_status(ctx: Context, incident_id: int, as_json: bool) -> None:
    """Where a drill is: clock, speed, injects played, the next one, the score so far."""
    status = _player(ctx, incident_id).status(ctx.store)
    if as_json:
        emit_json(status)
        return
    click.echo(i18n.t(
        "drill.cli.status", incident=incident_id, scenario=status["scenario"], mark=status["mark"],
        clock=format_clock(status["clock"]), speed=status["speed"],
        paused=i18n.t("drill.cli.paused") if status["paused"] else "",
        played=status["played"], injects=status["injects"],
    ))
    if status["scenario_time"]:  # the time the scenario's promises ("next update 06.30") are read against
        moment = parse_iso(status["scenario_time"])
        click.echo(i18n.t("drill.cli.scenario_time", time=date_time(moment, i18n.get_lang(), moment.tzinfo)))
    if status["finished"]:
        click.echo(i18n.t("drill.cli.finished"))
    elif status["next"]:
        nxt = status["next"]
        click.echo(i18n.t("drill.cli.next", inject=nxt["inject"], type=nxt["type"], clock=format_clock(nxt["at"])))
    for line in scoring.report_lines(status["score"])[1:]:
        click.echo(line)


def _echo_clock(incident: Incident) -> None:
    click.echo(i18n.t(
        "drill.cli.clock", incident=incident.id, clock=format_clock(incidents.clock_at(incident)),
        speed=incident.clock_speed, paused=i18n.t("drill.cli.paused") if incident.clock_paused else "",
        mark=incidents.EXERCISE_MARK,
    ))


@drill.command("pause")
@click.argument("incident_id", type=int)
@pass_ctx
def drill_pause(ctx: Context, incident_id: int) -> None:
    """Stop the drill's clock (injects wait)."""
    _echo_clock(actions.drills.pause(ctx.session, incident_id).value)


@drill.command("resume")
@click.argument("incident_id", type=int)
@pass_ctx
def drill_resume(ctx: Context, incident_id: int) -> None:
    """Start the drill's clock again."""
    _echo_clock(actions.drills.resume(ctx.session, incident_id).value)


@drill.command("speed")
@click.argument("incident_id", type=int)
@click.argument("speed", type=POSITIVE)
@pass_ctx
def drill_speed(ctx: Context, incident_id: int, speed: float) -> None:
    """Run the drill's clock SPEED times faster than real time."""
    _echo_clock(actions.drills.set_speed(ctx.session, incident_id, speed).value)


@drill.command("skip")
@click.argument("incident_id", type=int)
@pass_ctx
def drill_skip(ctx: Context, incident_id: int) -> None:
    """Jump the clock to the next inject and play it."""
    fired = actions.drills.skip(ctx.session, incident_id).value
    _echo_fired(fired)
    if not fired:
        click.echo(i18n.t("drill.cli.nothing_to_skip"))
    _echo_clock(incidents.get(ctx.store, incident_id))


@drill.command("score")
@click.argument("incident_id", type=int)
@click.option("--finish", is_flag=True, help="End the drill now: what is unanswered counts as missed.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def drill_score(ctx: Context, incident_id: int, finish: bool, as_json: bool) -> None:
    """The drill's score: final once it finished, provisional before."""
    score = actions.drills.finish(ctx.session, incident_id).value if finish else _player(ctx, incident_id).score(ctx.store)
    if as_json:
        emit_json({"incident": incident_id, **score})
        return
    for line in scoring.report_lines(score):
        click.echo(line)


@main.command("demo")
@click.option("--speed", type=POSITIVE, default=None,
              help="Drill clock speed (asked on a terminal; ×5 otherwise: a newcomer can follow it).")
@click.option("--db", "demo_db", type=click.Path(dir_okay=False, path_type=pathlib.Path),
              help="Use this database instead of a fresh one in a temporary folder.")
@pass_ctx
def demo(ctx: Context, speed: float | None, demo_db: pathlib.Path | None) -> None:
    """The dashboard on a fresh demo database, running the earthquake drill at high speed."""
    from crisiscomm.actions.session import Session
    from crisiscomm.drills.demo import DEMO_SPEED
    from crisiscomm.tui.app import run_dashboard

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if speed is None:
        speed = float(click.prompt(i18n.t("drill.cli.demo_pace"), type=click.Choice(["5", "2", "1"]), default="5")) \
            if interactive else DEMO_SPEED
    path = demo_db or pathlib.Path(tempfile.mkdtemp(prefix="crisiscomm-demo-")) / "demo.db"
    config.configure(path)
    with Session.open(path, operator=ctx.operator) as session:
        incident_id = actions.drills.start_demo(session, speed=speed, lang=ctx.lang).value.incident_id
    join = f"crisiscomm --db {shlex.quote(str(path))} --lang {i18n.get_lang()} --operator <ad/name>"
    told = i18n.t("drill.cli.demo_db", path=path) + "\n" + i18n.t("drill.cli.demo_join", command=join)
    click.echo(told, err=True)
    if interactive:  # the dashboard takes the whole terminal: let the path be read (and copied) first
        click.prompt(i18n.t("drill.cli.demo_open"), default="", show_default=False, prompt_suffix="", err=True)
    run_dashboard(path, operator=ctx.operator, lang=ctx.lang, incident_id=incident_id)
    click.echo(told, err=True)
