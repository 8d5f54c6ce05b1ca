"""Starting a drill, playing its injects on the incident clock, finishing and scoring it.

The drill's state lives in the database (`drills`, `drill_injects`, the
incident's clock), so any process can drive it: the dashboard's tick hook,
a headless run, or `crisiscomm drill skip` from another terminal. Firing an
inject is one immediate transaction that first checks the inject is still
pending, so two drivers never play it twice.

`DrillPlayer` is deliberately clock-agnostic: `due_injects(clock, done)` is
pure, and `fire_due(store, clock=None)` reads the incident clock unless a
test hands it one. Clock control (pause, resume, speed, skip) re-bases the
incident clock through `incidents.set_clock`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from crisiscomm import incidents, timeline
from crisiscomm.clock import parse_iso, utc_now, utc_now_iso, world_at
from crisiscomm.drills import scoring
from crisiscomm.drills.injects import apply_inject, set_scenario_fact
from crisiscomm.drills.scenario import Inject, Scenario
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.models import Incident
from crisiscomm.store import Store
from crisiscomm.drills.strings import t

PENDING, FIRED, DROPPED = "pending", "fired", "dropped"


@dataclass
class Fired:
    """An inject that was just played (or dropped, for an unneeded contingency)."""

    inject: Inject
    state: str
    clock: float
    outcome: dict


def start_drill(
    store: Store, scenario: Scenario, *, operator: str, speed: float = 1.0, paused: bool = False,
    now: dt.datetime | None = None,
) -> dict:
    """Open the exercise incident, set its starting facts and clock; returns the drill row."""
    if speed <= 0:
        raise CrisisError(t("drill.speed.positive"))
    moment = now or utc_now()
    with store.write():
        incident = incidents.open_incident(
            store, scenario.name, scenario.playbook, operator=operator, severity=scenario.severity,
            exercise=True, keywords=list(scenario.keywords), started_at=moment,
        )
        cur = store.execute(
            "INSERT INTO drills (incident_id, scenario, scenario_path, scenario_json, speed, operator, started_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (incident.id, scenario.name, scenario.path, json.dumps(scenario.to_dict(), ensure_ascii=False),
             speed, operator, incident.started_at),
        )
        drill_id = cur.lastrowid
        store.executemany(
            "INSERT INTO drill_injects (drill_id, inject_id, offset_s, type, contingency_of) VALUES (?, ?, ?, ?, ?)",
            [(drill_id, i.id, i.at, i.type, i.contingency_of) for i in scenario.injects],
        )
        incidents.set_clock(store, incident.id, operator=operator, speed=speed, paused=paused, seconds=0.0,
                            now=moment)
        timeline.append(
            store, "drill.started",
            {"drill": drill_id, "scenario": scenario.name, "speed": speed, "injects": len(scenario.injects),
             "mark": incidents.EXERCISE_MARK},
            operator=operator, incident_id=incident.id, clock=0.0,
        )
        for fact in scenario.facts:
            set_scenario_fact(store, incident.id, fact["key"], fact["value"], status=fact["status"],
                              source=fact["source"])
    return get_drill(store, incident.id)


def get_drill(store: Store, incident_id: int) -> dict:
    row = store.one("SELECT * FROM drills WHERE incident_id = ?", (incident_id,))
    if row is None:
        raise NotFound(t("drill.none", incident_id=incident_id))
    return row


def find_drill(store: Store, incident_id: int | None) -> dict | None:
    if incident_id is None:
        return None
    return store.one("SELECT * FROM drills WHERE incident_id = ?", (incident_id,))


def list_drills(store: Store) -> list[dict]:
    return store.all("SELECT * FROM drills ORDER BY id")


class DrillPlayer:
    """Plays one drill's injects as its incident clock passes their offsets."""

    def __init__(self, drill: dict) -> None:
        self.drill = drill
        self.scenario = Scenario.from_dict(json.loads(drill["scenario_json"]))
        self.incident_id: int = drill["incident_id"]

    @classmethod
    def load(cls, store: Store, incident_id: int) -> DrillPlayer:
        return cls(get_drill(store, incident_id))

    # -- pure --------------------------------------------------------------------
    def due_injects(self, clock: float, done: set[str]) -> list[Inject]:
        """Injects whose offset has come and that were neither played nor dropped."""
        return [i for i in self.scenario.injects if i.at <= clock and i.id not in done]

    def next_inject(self, clock: float, done: set[str]) -> Inject | None:
        waiting = [i for i in self.scenario.injects if i.id not in done and i.at > clock]
        return min(waiting, key=lambda i: i.at, default=None)

    # -- state ---------------------------------------------------------------------
    def inject_rows(self, store: Store) -> dict[str, dict]:
        rows = store.all("SELECT * FROM drill_injects WHERE drill_id = ?", (self.drill["id"],))
        return {r["inject_id"]: r for r in rows}

    def done(self, store: Store) -> set[str]:
        return {k for k, r in self.inject_rows(store).items() if r["state"] != PENDING}

    def outcomes(self, store: Store) -> dict[str, dict]:
        """inject id -> what it created, for the injects played so far."""
        return {k: json.loads(r["outcome"] or "{}") for k, r in self.inject_rows(store).items() if r["state"] == FIRED}

    def clock(self, store: Store) -> float:
        return incidents.incident_clock(store, self.incident_id)

    def is_finished(self, store: Store) -> bool:
        return store.scalar("SELECT finished_at FROM drills WHERE id = ?", (self.drill["id"],)) is not None

    def is_over(self, store: Store, clock: float | None = None) -> bool:
        """Every inject played or dropped and every deadline passed."""
        clock = self.clock(store) if clock is None else clock
        return clock >= self.scenario.end and len(self.done(store)) == len(self.scenario.injects)

    # -- playing -------------------------------------------------------------------
    def fire_due(self, store: Store, clock: float | None = None) -> list[Fired]:
        """Play every inject whose time has come; one transaction, safe against a second driver."""
        fired: list[Fired] = []
        with store.write():
            if self.is_finished(store):
                return fired
            now = self.clock(store) if clock is None else clock
            for inject in self.due_injects(now, self.done(store)):
                if inject.contingency_of and self._answered(store, inject.contingency_of, inject.at):
                    played_at = self._mark(store, inject, DROPPED, {}, clock)
                    timeline.append(
                        store, "drill.contingency_dropped",
                        {"drill": self.drill["id"], "inject": inject.id, "answered": inject.contingency_of},
                        operator=scoring.CONTROL_OPERATOR, incident_id=self.incident_id, clock=played_at,
                    )
                    fired.append(Fired(inject, DROPPED, played_at, {}))
                    continue
                outcome = apply_inject(store, self.drill, inject)
                fired.append(Fired(inject, FIRED, self._mark(store, inject, FIRED, outcome, clock), outcome))
        return fired

    def _mark(self, store: Store, inject: Inject, state: str, outcome: dict, clock: float | None) -> float:
        """Record an inject as played or dropped; returns the clock it happened at."""
        clock = self.clock(store) if clock is None else clock
        store.execute(
            "UPDATE drill_injects SET state = ?, fired_at = ?, fired_clock = ?, outcome = ?"
            " WHERE drill_id = ? AND inject_id = ?",
            (state, utc_now_iso(), round(clock, 3), json.dumps(outcome, ensure_ascii=False), self.drill["id"],
             inject.id),
        )
        return clock

    def _answered(self, store: Store, inject_id: str, by_clock: float) -> bool:
        """Whether the players did what `inject_id` expected by `by_clock`."""
        for item in self.evaluate(store, clock=by_clock, finished=False):
            if item.inject == inject_id and item.done_clock is not None and item.done_clock <= by_clock:
                return True
        return False

    # -- scoring -------------------------------------------------------------------
    def evaluate(self, store: Store, *, clock: float | None = None, finished: bool = False) -> list[scoring.ScoreItem]:
        return scoring.evaluate(
            store, self.scenario, self.incident_id, clock=self.clock(store) if clock is None else clock,
            finished=finished, outcomes=self.outcomes(store),
        )

    def score(self, store: Store) -> dict:
        """The score so far (provisional until the drill finished)."""
        stored = store.scalar("SELECT score FROM drills WHERE id = ?", (self.drill["id"],))
        if stored:
            return json.loads(stored)
        return scoring.summarise(self.evaluate(store), scenario=self.scenario.name, finished=False)

    def finish(self, store: Store, *, operator: str, close: bool = False) -> dict:
        """Score the drill, stop its clock and (optionally) close its incident; idempotent."""
        with store.write():
            row = store.one("SELECT finished_at, score FROM drills WHERE id = ?", (self.drill["id"],))
            if row["finished_at"] is not None:
                return json.loads(row["score"])
            clock = self.clock(store)
            score = scoring.summarise(self.evaluate(store, clock=clock, finished=True),
                                      scenario=self.scenario.name, finished=True)
            store.execute(
                "UPDATE drills SET finished_at = ?, score = ? WHERE id = ?",
                (utc_now_iso(), json.dumps(score, ensure_ascii=False), self.drill["id"]),
            )
            incidents.set_clock(store, self.incident_id, operator=operator, paused=True)
            timeline.append(
                store, "drill.scored",
                {"drill": self.drill["id"], "scenario": self.scenario.name,
                 **{k: score[k] for k in ("expected", "met", "late", "missed", "percent")},
                 "mark": incidents.EXERCISE_MARK},
                operator=operator, incident_id=self.incident_id,
            )
            if close and not incidents.get(store, self.incident_id).is_closed:
                incidents.close(store, self.incident_id, operator=operator)
        return score

    # -- clock control -----------------------------------------------------------------
    def pause(self, store: Store, *, operator: str, now: dt.datetime | None = None) -> dict:
        return self._set_clock(store, operator=operator, paused=True, now=now)

    def resume(self, store: Store, *, operator: str, now: dt.datetime | None = None) -> dict:
        return self._set_clock(store, operator=operator, paused=False, now=now)

    def set_speed(self, store: Store, speed: float, *, operator: str, now: dt.datetime | None = None) -> dict:
        if speed <= 0:
            raise CrisisError(t("drill.speed.positive"))
        return self._set_clock(store, operator=operator, speed=speed, now=now)

    def toggle_pause(self, store: Store, *, operator: str) -> Incident:
        """Pause a running clock, resume a paused one (read and changed in one transaction)."""
        with store.write():
            paused = incidents.get(store, self.incident_id).clock_paused
            return self._set_clock(store, operator=operator, paused=not paused)

    def step_speed(self, store: Store, speeds: tuple[float, ...], *, operator: str) -> Incident:
        """The next of `speeds` above the current one, back to the first after the last."""
        with store.write():  # two quick presses step twice
            current = incidents.get(store, self.incident_id).clock_speed
            return self.set_speed(store, next((s for s in speeds if s > current), speeds[0]), operator=operator)

    def skip(self, store: Store, *, operator: str) -> list[Fired]:
        """Jump the clock to the next inject (or to the end) and play what is then due."""
        played: list[Fired] = []
        with store.write():
            while True:
                clock = self.clock(store)
                upcoming = self.next_inject(clock, self.done(store))
                target = upcoming.at if upcoming is not None else max(clock, self.scenario.end)
                self._set_clock(store, operator=operator, seconds=target)
                fired = self.fire_due(store)
                played += fired
                # a dropped contingency shows nothing: go on to an inject that plays
                if upcoming is None or any(f.state == FIRED for f in fired):
                    return played

    def _set_clock(self, store: Store, *, operator: str, **change: object) -> dict:
        if self.is_finished(store):
            raise CrisisError(t("drill.finished", incident_id=self.incident_id))
        return incidents.set_clock(store, self.incident_id, operator=operator, **change)

    # -- status ------------------------------------------------------------------------
    def status(self, store: Store) -> dict:
        incident = incidents.get(store, self.incident_id)
        clock = incidents.clock_at(incident)
        done = self.done(store)
        upcoming = self.next_inject(clock, done)
        score = self.score(store)
        start = parse_iso(self.scenario.starts_at) if self.scenario.starts_at else None
        return {
            "drill": self.drill["id"],
            "incident": self.incident_id,
            "scenario": self.scenario.name,
            "mode": incident.mode,
            "mark": incidents.EXERCISE_MARK,
            "clock": round(clock, 3),
            "speed": incident.clock_speed,
            "paused": bool(incident.clock_paused),
            "finished": self.is_finished(store),
            "injects": len(self.scenario.injects),
            "played": len(done),
            "next": None if upcoming is None else {
                "inject": upcoming.id, "type": upcoming.type, "at": upcoming.at, "in": round(upcoming.at - clock, 3),
            },
            "end": self.scenario.end,
            # what the scenario's world reads now (its `starts_at` + the clock), in its own UTC offset
            "scenario_time": world_at(incident, start).isoformat(timespec="seconds") if start else None,
            "score": score,
        }
