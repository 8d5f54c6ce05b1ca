"""An exercise's ages and countdowns run on its scenario's clock; an actual incident's on the real one."""

from __future__ import annotations

import datetime as dt

from conftest import publish as publish_statement
from conftest import wait_until

from crisiscomm import cadence, claims, facts, incidents, mentions
from crisiscomm.clock import iso, utc_now, world_at
from crisiscomm.drills.player import DrillPlayer, start_drill
from crisiscomm.drills.scenario_files import bundled_scenarios, load_scenario
from crisiscomm.models import Incident
from crisiscomm.statements import workflow
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.mentions import MentionsPane
from crisiscomm.tui.wall.app import WallApp
from crisiscomm.world_time import World, world_now

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # the real day of the exercise
SCENARIO_START = dt.datetime(2026, 11, 23, 5, 5, tzinfo=dt.timezone(dt.timedelta(hours=3)))


def exercise(**fields) -> Incident:
    base = {"id": 1, "title": "Tatbikat", "playbook": "general", "severity": 3, "status": "active",
            "mode": "exercise", "started_at": iso(T0), "clock_base_wall": iso(T0), "clock_base_seconds": 0.0,
            "clock_speed": 5.0, "clock_paused": False}
    return Incident(**{**base, **fields})


def test_a_scenario_runs_from_starts_at_with_the_drill_clock():
    minute = T0 + dt.timedelta(minutes=1)
    assert world_at(exercise(), SCENARIO_START, minute) == SCENARIO_START + dt.timedelta(minutes=5)  # ×5
    assert world_at(exercise(), "2026-11-23T05:05:00+03:00", T0) == SCENARIO_START
    paused = exercise(clock_paused=True, clock_base_seconds=120.0)
    assert world_at(paused, SCENARIO_START, T0 + dt.timedelta(hours=3)) == SCENARIO_START + dt.timedelta(minutes=2)
    closed = exercise(status="closed", closed_at=iso(minute))
    assert world_at(closed, SCENARIO_START, T0 + dt.timedelta(days=2)) == SCENARIO_START + dt.timedelta(minutes=5)


def test_real_time_without_a_scenario_start_and_for_an_actual_incident():
    later = T0 + dt.timedelta(minutes=7)
    assert world_at(exercise(), None, later) == later
    actual = exercise(mode="actual", clock_speed=1.0)
    assert world_at(actual, SCENARIO_START, later) == later  # a scenario never reaches an actual incident
    assert World(actual).now(later) == later and World().now(later) == later
    assert World(actual).recorded(iso(T0)) == T0


def earthquake_drill(store, *, now: dt.datetime, speed: float = 5.0) -> Incident:
    path = next(p for p in bundled_scenarios() if p.name == "earthquake-casualty-rumour.tr.toml")
    drill = start_drill(store, load_scenario(path), operator="facilitator", speed=speed, now=now)
    return incidents.get(store, drill["incident_id"])


def test_the_store_finds_the_drills_start_and_places_recorded_times(store):
    start = utc_now()
    incident = earthquake_drill(store, now=start)
    assert world_now(store, incident, start + dt.timedelta(minutes=1)) == SCENARIO_START + dt.timedelta(minutes=5)
    world = World.load(store, incident)
    assert world.is_scenario and world.zone.utcoffset(None) == dt.timedelta(hours=3)
    assert world.recorded(iso(start + dt.timedelta(minutes=2))) == SCENARIO_START + dt.timedelta(minutes=10)
    actual = incidents.open_incident(store, "Deprem", "natural-disaster", operator="ayse")
    assert not World.load(store, actual).is_scenario
    assert world_now(store, actual, start) == start


def publish(store, incident_id: int, body: str) -> None:
    sid = workflow.draft(store, incident_id, operator="ayse", body=body)["id"]
    workflow.submit(store, sid, operator="ayse")
    workflow.approve(store, sid, operator="mehmet", acknowledge_warnings=True)
    publish_statement(store, sid, "website", operator="ayse")


def test_the_drills_promise_of_0630_counts_down_from_0505_at_x5(store):
    start = utc_now()
    incident = earthquake_drill(store, now=start)
    at_start = cadence.status(store, incident, now=start)
    assert at_start.promise.text == "06.30" and not at_start.overdue
    assert abs(at_start.remaining - 85 * 60) < 5  # 05.05 → 06.30 on the drill clock
    assert cadence.check(store, incident, operator="ayse", now=start) == []
    sixteen = cadence.status(store, incident, now=start + dt.timedelta(minutes=16))  # 80 drill minutes
    assert not sixteen.overdue and 4 * 60 < sixteen.remaining < 6 * 60
    assert cadence.status(store, incident, now=start + dt.timedelta(minutes=18)).overdue  # 90 drill minutes
    # the room keeps it: an update that announces the next one at 07.30 (in time, in scenario terms)
    facts.set_fact(store, incident.id, "next_update", "07.30", operator="ayse")
    publish(store, incident.id, "Depremde 2 can kaybı var. Bir sonraki bilgilendirme saat 07.30'da yapılacaktır.")
    kept, pending = cadence.history(store, incident)
    assert kept["outcome"] == "met" and kept["late_s"] == 0.0 and pending["outcome"] == "pending"
    assert 85 * 60 < pending["due_clock"] < 150 * 60  # due at the scenario's 07.30, not the real date's
    assert cadence.metrics(store, incident)["met_on_time"] == 1


def test_a_claims_spread_counts_the_scenarios_last_hour(store):
    incident = earthquake_drill(store, now=utc_now())
    player = DrillPlayer.load(store, incident.id)
    incidents.set_clock(store, incident.id, operator="facilitator", paused=True, seconds=180)
    player.fire_due(store)
    mention = next(m for m in mentions.incident_mentions(store, incident.id) if "ses geliyor" in (m["text"] or ""))
    claims.add_claim(store, incident.id, "Bina çöktü", operator="ayse", mention_id=mention["id"])
    [view] = claims.list_claims(store, incident.id)
    assert view["mentions_last_hour"] == 1  # published at the scenario's 05.07, one scenario minute ago


def drill_at_four_minutes(store) -> Incident:
    """The Turkish drill paused at T+4m (05.09 in the scenario), its first injects played."""
    incident = earthquake_drill(store, now=utc_now())
    incidents.set_clock(store, incident.id, operator="facilitator", paused=True, seconds=240)
    DrillPlayer.load(store, incident.id).fire_due(store)
    return incidents.get(store, incident.id)


async def test_dashboard_and_wall_read_a_drill_in_scenario_time(store, db_path):
    incident = drill_at_four_minutes(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident.id, poll=False, lang="en")
    async with app.run_test(size=(160, 50)) as pilot:
        pane = app.query_one(MentionsPane)
        update = app.query_one("#header-update")
        # the mentions and the header's promise are read in workers
        await wait_until(pilot, lambda: pane.paged.row_count >= 3 and str(update.render()))
        rows = [pane.paged.row_at(i) for i in range(pane.paged.row_count)]
        report = next(r for r in rows if "ses geliyor" in (r["text"] or ""))
        # published at the scenario's 05.07 (in its own zone, whatever the machine's), two scenario minutes ago
        assert pane._render_row(report, 120).plain.split()[:2] == ["2m", "05:07"], pane._render_row(report, 120).plain
        assert all("Nov" not in pane._render_row(r, 120).plain[:16] for r in rows)  # nothing reads days old
        clock = str(app.query_one("#header-clock").render())
        update = str(update.render())
        assert clock == "T+00:04:00 · 05:09" and update.endswith("06.30: 1 h 21 min"), (clock, update)
    wall = WallApp(db_path, lang="en", incident_id=incident.id)
    async with wall.run_test(size=(133, 37)) as pilot:
        await wait_until(pilot, lambda: wall.wall is not None)  # the wall's first read, in its worker
        assert str(wall.query_one("#wall-update-digits").value) == "01:21:00"
        assert "SCENARIO TIME 05:09" in str(wall.query_one("#wall-clock-caption").render())
        assert not wall.query_one("#wall-update").has_class("-overdue")


def test_drill_status_tells_the_scenarios_time(store, cli):
    import json

    incident = drill_at_four_minutes(store)
    status = json.loads(cli("drill", "status", str(incident.id), "--json").stdout)
    assert status["scenario_time"] == "2026-11-23T05:09:00+03:00"
    assert "scenario time: 23 November 2026, 05:09" in cli("drill", "status", str(incident.id)).stdout
