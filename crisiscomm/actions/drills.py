"""Running a drill: start it (or the demo), play what is due, control its clock, score it."""

from __future__ import annotations

import time
from collections.abc import Callable

from crisiscomm import i18n, incidents
from crisiscomm.actions.session import Session, action
from crisiscomm.drills import demo
from crisiscomm.drills.headless import seconds_to_wait
from crisiscomm.drills.player import DrillPlayer, Fired, start_drill
from crisiscomm.drills.scenario import Scenario
from crisiscomm.drills.scenario_files import load_scenario
from crisiscomm.models import Drill, Incident, from_row


@action()
def start(session: Session, scenario: Scenario, *, speed: float = 1.0, paused: bool = False) -> Drill:
    """Open the drill's exercise incident (checklist and holds follow as reactions) and start its clock."""
    return from_row(Drill, start_drill(session.store, scenario, operator=session.operator, speed=speed, paused=paused))


@action()
def start_demo(session: Session, *, speed: float = demo.DEMO_SPEED, lang: str | None = None,
               replacing: int | None = None) -> Drill:
    """The demo: sample feeds registered, the earthquake drill started, a colleague's statement in review.

    `replacing` (the demo again): that drill is scored and closed first, in the same transaction."""
    if replacing is not None:
        finish(session, replacing, close=True)
    language = lang or i18n.get_lang()
    scenario = load_scenario(demo.DEMO_SCENARIO.get(language, demo.DEMO_SCENARIO["en"]))
    demo.register_sample_feeds(session.store, operator=session.operator)
    drill = start_drill(session.store, scenario, operator=session.operator, speed=speed)
    demo.seed_statement(session.store, drill["incident_id"], scenario.language)
    return from_row(Drill, drill)


@action()
def tick(session: Session, incident_id: int) -> tuple[Fired, ...]:
    """Play every inject whose time has come; score the drill once it is over."""
    player = DrillPlayer.load(session.store, incident_id)
    fired = player.fire_due(session.store)
    if not player.is_finished(session.store) and player.is_over(session.store):
        player.finish(session.store, operator=session.operator)
    return tuple(fired)


@action()
def pause(session: Session, incident_id: int) -> Incident:
    return DrillPlayer.load(session.store, incident_id).pause(session.store, operator=session.operator)


@action()
def resume(session: Session, incident_id: int) -> Incident:
    return DrillPlayer.load(session.store, incident_id).resume(session.store, operator=session.operator)


@action()
def toggle_pause(session: Session, incident_id: int) -> Incident:
    """Pause a running drill clock, resume a paused one."""
    return DrillPlayer.load(session.store, incident_id).toggle_pause(session.store, operator=session.operator)


@action()
def step_speed(session: Session, incident_id: int, speeds: tuple[float, ...]) -> Incident:
    """The next of `speeds` above the current one, back to the first after the fastest."""
    return DrillPlayer.load(session.store, incident_id).step_speed(session.store, speeds, operator=session.operator)


@action()
def set_speed(session: Session, incident_id: int, speed: float) -> Incident:
    return DrillPlayer.load(session.store, incident_id).set_speed(session.store, speed, operator=session.operator)


@action()
def skip(session: Session, incident_id: int) -> tuple[Fired, ...]:
    """Jump the clock to the next inject and play it."""
    return tuple(DrillPlayer.load(session.store, incident_id).skip(session.store, operator=session.operator))


@action()
def finish(session: Session, incident_id: int, *, close: bool = False) -> dict:
    """Score the drill now (idempotent; with `close`, its incident is closed too); returns the score."""
    score = DrillPlayer.load(session.store, incident_id).finish(session.store, operator=session.operator, close=close)
    if close and not incidents.get(session.store, incident_id).is_closed:
        incidents.close(session.store, incident_id, operator=session.operator)
    return score


def run_headless(
    session: Session, incident_id: int, *,
    on_fired: Callable[[tuple[Fired, ...]], None] | None = None,
    on_progress: Callable[[float], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> dict:
    """Play a whole drill without the dashboard, one `tick` at a time; returns the final score."""
    player = DrillPlayer.load(session.store, incident_id)
    while True:
        fired = tick(session, incident_id).value
        if fired and on_fired is not None:
            on_fired(fired)
        incident = incidents.get(session.store, incident_id)
        clock = incidents.clock_at(incident)
        if on_progress is not None:
            on_progress(clock)
        if player.is_finished(session.store) or player.is_over(session.store, clock):
            break
        upcoming = player.next_inject(clock, player.done(session.store))
        sleep(seconds_to_wait(incident, clock, upcoming.at if upcoming is not None else player.scenario.end))
    return finish(session, incident_id, close=True).value
