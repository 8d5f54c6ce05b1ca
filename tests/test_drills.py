"""Drills: scenario validation, the drill clock, playing injects, scoring, exercise separation."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import sqlite3

import pytest
from conftest import publish, session_as

from crisiscomm import claims, facts, incidents, mentions, timeline
from crisiscomm.actions.drills import run_headless
from crisiscomm.drills import scoring
from crisiscomm.drills.injects import apply_inject
from crisiscomm.drills.player import DROPPED, FIRED, DrillPlayer, start_drill
from crisiscomm.drills.scenario import ScenarioInvalid, parse_duration
from crisiscomm.drills.scenario_files import (
    bundled_scenarios,
    check_scenario,
    load_scenario,
)
from crisiscomm.errors import Refused

OP = "facilitator"
PLAYER = "ayse"
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>drill feed</title>
<item><title>Baraj çatladı mı?</title><description>Karakaya Barajı çatladı diyorlar</description>
<link>https://social.example.org/a/1</link><guid>b-1</guid></item>
<item><title>Artçı</title><description>Yine sallandı, herkes dışarıda</description>
<link>https://social.example.org/a/2</link><guid>b-2</guid></item>
<item><title>Yardım</title><description>Enkaz altında ses var</description>
<link>https://social.example.org/a/3</link><guid>b-3</guid></item>
</channel></rss>
"""
SCENARIO = """\
[exercise]
name = "Test drill"
playbook = "general"
language = "en"
keywords = ["dam"]

[facts]
injured = "12"
next_update = { value = "16:00", status = "unconfirmed", source = "AFAD" }

[[inject]]
id = "first-post"
at = "0m"
type = "mention"
author = "@citizen"
content = "Strong shaking downtown, buildings damaged"
[inject.expect]
action = "mention.triaged"
state = "escalated"
about_inject = true
deadline = "10m"
description = "Escalate the first report"

[[inject]]
id = "count"
at = "5m"
type = "fact_change"
key = "injured"
value = 15
[inject.expect]
action = "fact.set"
key = "next_update"
deadline = "15m"
description = "Set the next update time"

[[inject]]
id = "burst"
at = "8m"
type = "mention_burst"
feed = "feed.xml"

[[inject]]
id = "press"
at = "10m"
type = "journalist_request"
from = "Reuters"
content = "Can you confirm the number of injured?"
expect = { action = "claim.status", status = "false", deadline = "20m", description = "Rule on the claim" }
[inject.contingency]
after = "15m"
type = "phone_request"
from = "Reuters"
content = "Still waiting for your answer"

[[inject]]
id = "rumour"
at = "12m"
type = "rumour"
author = "@troll"
content = "The dam has cracked, run!"
register_claim = true
"""


@pytest.fixture
def scenario_file(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    path = tmp_path / "test-drill.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def at_clock(store, incident_id: int, seconds: float) -> None:
    """Drive the incident clock by hand: paused at `seconds`."""
    incidents.set_clock(store, incident_id, operator=OP, paused=True, seconds=seconds)


def paused_drill(store, scenario_file) -> DrillPlayer:
    drill = start_drill(store, load_scenario(scenario_file), operator=OP, paused=True)
    return DrillPlayer(drill)


# -- scenario format ---------------------------------------------------------------


def test_bundled_scenarios_are_valid_in_both_languages():
    files = bundled_scenarios()
    assert len(files) >= 6
    for path in files:
        assert check_scenario(path) == [], path
    names = {p.name.split(".")[0] for p in files}
    assert {"earthquake-casualty-rumour", "account-hijack-night", "service-outage-false-claim"} <= names
    for name in names:
        langs = {load_scenario(p).language for p in files if p.name.startswith(name + ".")}
        assert langs == {"tr", "en"}, name


def test_scenario_loads_with_offsets_facts_and_contingency(scenario_file):
    scenario = load_scenario(scenario_file)
    assert [i.id for i in scenario.injects] == ["first-post", "count", "burst", "press", "rumour", "press.contingency"]
    count = scenario.inject("count")
    assert count.at == 300 and count.fields["value"] == "15" and count.due == 300 + 900
    contingency = scenario.inject("press.contingency")
    assert contingency.at == 600 + 900 and contingency.contingency_of == "press" and contingency.expect is None
    assert scenario.facts[1] == {"key": "next_update", "value": "16:00", "status": "unconfirmed", "source": "AFAD"}
    assert scenario.end == 600 + 1200  # the press deadline is the last thing to happen
    assert scenario.inject("burst").fields["feed_path"] == str((scenario_file.parent / "feed.xml").resolve())


def test_durations():
    assert parse_duration("1h30m") == 5400 and parse_duration(90) == 90 and parse_duration("45s") == 45
    for bad in ("soon", -5, True, "", "10 minutes"):
        with pytest.raises(ValueError):
            parse_duration(bad)


BAD = """\
[exercise]
name = "Broken"
playbook = "natural-disaster"
colour = "red"

[[inject]]
id = "one"
at = "soon"
type = "mention"
content = "x"

[[inject]]
id = "one"
at = "1m"
type = "telegram"

[[inject]]
id = "three"
at = "2m"
type = "mention_burst"
feed = "nowhere.xml"
[inject.expect]
action = "statement.aproved"
deadline = "5m"

[[inject]]
id = "four"
at = "3m"
type = "phone_request"
content = "hello"
[inject.expect]
action = "checklist.done"
step = "rumors"
deadline = "0m"
[inject.contingency]
after = "10m"
type = "phone_request"

[[inject]]
id = "five"
at = "4m"
type = "phone_request"
content = "hi"
[inject.contingency]
after = "5m"
type = "phone_request"
content = "again"
"""


def test_validation_errors_name_file_line_and_field(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    errors = check_scenario(path)
    expected = [
        (4, "[exercise]: unknown field 'colour'"),
        (8, "inject 'one': 'at': 'soon' is not a duration"),
        (13, "inject 'one': the id is used twice"),
        (15, "inject 'one': 'type' must be one of mention, mention_burst"),
        (21, "inject 'three': feed file 'nowhere.xml' not found"),
        (23, "inject 'three' expect: 'action' must be one of"),
        (34, "inject 'four' expect: 'deadline' must be after the inject"),
        (33, "the playbook has no step 'rumors'"),
        (35, "inject 'four' contingency: 'content' is missing"),
        (44, "inject 'five' contingency: needs the inject to have an [expect]"),
    ]
    for line, text in expected:
        assert any(e.startswith(f"{path}:{line}: ") and text in e for e in errors), (line, text, errors)
    assert len(errors) == len(expected)
    with pytest.raises(ScenarioInvalid):
        load_scenario(path)


def test_invalid_toml_and_missing_sections(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[exercise]\nname = "x"\nplaybook = \n', encoding="utf-8")
    [error] = check_scenario(broken)
    assert error.startswith(f"{broken}:3: invalid TOML")
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    errors = check_scenario(empty)
    assert any("the [exercise] table is missing" in e for e in errors)
    assert any("at least one [[inject]] is needed" in e for e in errors)


def test_about_inject_needs_an_inject_that_creates_mentions(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text(
        '[exercise]\nname = "x"\nplaybook = "general"\n\n[[inject]]\nid = "a"\nat = 0\ntype = "phone_request"\n'
        'content = "c"\nexpect = { action = "mention.triaged", deadline = "5m", about_inject = true }\n',
        encoding="utf-8",
    )
    [error] = check_scenario(path)
    assert error.startswith(f"{path}:10: ") and "about_inject" in error


# -- the clock and the player ------------------------------------------------------


def test_accelerated_and_paused_clock_is_deterministic(store, scenario_file):
    t0 = dt.datetime(2026, 11, 23, 1, 17, tzinfo=dt.timezone.utc)
    drill = start_drill(store, load_scenario(scenario_file), operator=OP, speed=10, now=t0)
    player = DrillPlayer(drill)
    incident = incidents.get(store, player.incident_id)
    assert incident.mode == "exercise"
    assert incidents.clock_at(incident, t0 + dt.timedelta(seconds=30)) == pytest.approx(300)
    assert [i.id for i in player.due_injects(300, set())] == ["first-post", "count"]
    player.pause(store, operator=OP, now=t0 + dt.timedelta(seconds=45))
    incident = incidents.get(store, player.incident_id)
    assert incidents.clock_at(incident, t0 + dt.timedelta(hours=5)) == pytest.approx(450)
    player.resume(store, operator=OP, now=t0 + dt.timedelta(seconds=100))
    player.set_speed(store, 60, operator=OP, now=t0 + dt.timedelta(seconds=100))
    incident = incidents.get(store, player.incident_id)
    assert incidents.clock_at(incident, t0 + dt.timedelta(seconds=110)) == pytest.approx(450 + 600)
    assert player.next_inject(450, {"first-post", "count"}).id == "burst"
    kinds = [e["kind"] for e in timeline.events(store, player.incident_id)]
    assert kinds.count("clock.changed") == 4 and "drill.started" in kinds


def test_fire_due_plays_each_inject_once_through_the_core_apis(store, scenario_file):
    player = paused_drill(store, scenario_file)
    incident_id = player.incident_id
    assert facts.current(store, incident_id)["injured"]["value"] == "12"
    fired = player.fire_due(store)
    assert [(f.inject.id, f.state) for f in fired] == [("first-post", FIRED)]
    assert player.fire_due(store) == []
    at_clock(store, incident_id, 12 * 60)
    other = store.clone()  # a second driver (another dashboard) on the same database
    try:
        assert [f.inject.id for f in DrillPlayer.load(other, incident_id).fire_due(other)] == ["count", "burst", "press", "rumour"]
        assert player.fire_due(store) == []
    finally:
        other.close()
    assert facts.current(store, incident_id)["injured"]["value"] == "15"
    rows = mentions.incident_mentions(store, incident_id)
    assert len(rows) == 1 + 3 + 1
    outcome = player.outcomes(store)
    assert len(outcome["burst"]["mentions"]) == 3
    [claim] = claims.list_claims(store, incident_id)
    assert claim["text"] == "The dam has cracked, run!" and outcome["rumour"]["claim"] == claim["id"]
    injects = [e for e in timeline.events(store, incident_id) if e["kind"] == "drill.inject"]
    assert [e["payload"]["inject"] for e in injects] == ["first-post", "count", "burst", "press", "rumour"]
    assert all(e["operator"] == scoring.CONTROL_OPERATOR and e["payload"]["mark"] == incidents.EXERCISE_MARK for e in injects)
    assert injects[3]["payload"]["from"] == "Reuters"


def test_contingency_fires_when_unanswered_and_is_dropped_when_answered(store, scenario_file):
    for answer in (False, True):
        player = paused_drill(store, scenario_file)
        at_clock(store, player.incident_id, 12 * 60)
        player.fire_due(store)
        if answer:
            [claim] = claims.list_claims(store, player.incident_id)
            claims.set_status(store, claim["id"], "false", operator=PLAYER, source="DSİ", note="dam inspected")
        at_clock(store, player.incident_id, 25 * 60)
        [item] = player.fire_due(store)
        assert item.inject.id == "press.contingency"
        assert item.state == (DROPPED if answer else FIRED)


def test_skip_jumps_to_the_next_inject_and_plays_it(store, scenario_file):
    player = paused_drill(store, scenario_file)
    player.fire_due(store)
    fired = player.skip(store, operator=OP)
    assert [f.inject.id for f in fired] == ["count"]
    assert player.clock(store) == 300
    for expected in (["burst"], ["press"], ["rumour"]):
        assert [f.inject.id for f in player.skip(store, operator=OP)] == expected
    [claim] = claims.list_claims(store, player.incident_id)
    claims.set_status(store, claim["id"], "false", operator=PLAYER, source="DSİ", note="no crack")
    # the contingency is dropped, so the skip goes on to the end of the drill
    fired = player.skip(store, operator=OP)
    assert [(f.inject.id, f.state) for f in fired] == [("press.contingency", DROPPED)]
    assert player.skip(store, operator=OP) == []
    assert player.clock(store) == player.scenario.end and player.is_over(store)


# -- scoring -----------------------------------------------------------------------------


def test_headless_drill_scores_met_late_and_missed(store, scenario_file):
    """A script acts on some injects (one on time, one late) and not on the others."""
    player = paused_drill(store, scenario_file)
    incident_id = player.incident_id
    todo = {}

    def on_fired(fired):
        for item in fired:
            if item.inject.id == "first-post":  # escalated two minutes later: met
                mention_id = item.outcome["mentions"][0]
                todo[120] = lambda: mentions.set_state(store, [mention_id], "escalated", operator=PLAYER)
            if item.inject.id == "count":  # due at 20m, done at 23m: late by 3m
                todo[23 * 60] = lambda: facts.set_fact(store, incident_id, "next_update", "17:00", operator=PLAYER)
            # "press" expects a ruling on a claim: nobody does it, so it is missed

    def tick(_seconds):
        clock = player.clock(store) + 60
        at_clock(store, incident_id, clock)
        for when in sorted(todo):
            if when <= clock:
                todo.pop(when)()

    score = run_headless(session_as(store, OP), incident_id, on_fired=on_fired, sleep=tick)
    assert [(i["inject"], i["status"]) for i in score["items"]] == [
        ("first-post", "met"), ("count", "late"), ("press", "missed"),
    ]
    first, count, press = score["items"]
    assert first["done_clock"] == 120 and first["operator"] == PLAYER
    assert count["late_by"] == 180
    assert press["done_clock"] is None
    assert (score["met"], score["late"], score["missed"], score["percent"]) == (1, 1, 1, 50)
    stored = store.one("SELECT score, finished_at FROM drills WHERE incident_id = ?", (incident_id,))
    assert json.loads(stored["score"]) == score and stored["finished_at"]
    scored = [e for e in timeline.events(store, incident_id) if e["kind"] == "drill.scored"]
    assert scored[0]["payload"]["percent"] == 50 and scored[0]["payload"]["mark"] == incidents.EXERCISE_MARK
    incident = incidents.get(store, incident_id)
    assert incident.status == "closed" and incident.clock_paused == 1
    lines = scoring.report_lines(score)
    assert lines[0].startswith(incidents.EXERCISE_MARK) and incidents.EXERCISE_MARK in lines[-1]
    assert "late by 3 min" in lines[2] and "missed" in lines[3]


def test_about_inject_ignores_answers_about_other_mentions(store, scenario_file):
    player = paused_drill(store, scenario_file)
    at_clock(store, player.incident_id, 8 * 60)
    player.fire_due(store)
    burst_mention = player.outcomes(store)["burst"]["mentions"][0]
    mentions.set_state(store, [burst_mention], "escalated", operator=PLAYER)
    [first] = [i for i in player.evaluate(store) if i.inject == "first-post"]
    assert first.status == "pending"
    assert player.finish(store, operator=OP)["items"][0]["status"] == "missed"


def test_one_event_answers_one_expectation_on_time_first(store, tmp_path):
    path = tmp_path / "two.toml"
    path.write_text(
        '[exercise]\nname = "two"\nplaybook = "general"\n\n'
        '[[inject]]\nid = "a"\nat = 0\ntype = "phone_request"\ncontent = "a"\n'
        'expect = { action = "fact.set", deadline = "30m" }\n\n'
        '[[inject]]\nid = "b"\nat = "40m"\ntype = "phone_request"\ncontent = "b"\n'
        'expect = { action = "fact.set", deadline = "20m" }\n',
        encoding="utf-8",
    )
    player = DrillPlayer(start_drill(store, load_scenario(path), operator=OP, paused=True))
    at_clock(store, player.incident_id, 50 * 60)
    player.fire_due(store)
    facts.set_fact(store, player.incident_id, "x", "1", operator=PLAYER)
    # the control cell's own facts never count as the team's answer
    facts.set_fact(store, player.incident_id, "y", "1", operator=scoring.CONTROL_OPERATOR)
    items = {i["inject"]: i["status"] for i in player.finish(store, operator=OP)["items"]}
    assert items == {"a": "missed", "b": "met"}


def test_account_review_during_the_drill_counts(store, tmp_path):
    from crisiscomm import accounts

    path = tmp_path / "acct.toml"
    path.write_text(
        '[exercise]\nname = "acct"\nplaybook = "account-compromise"\n\n'
        '[[inject]]\nid = "alert"\nat = 0\ntype = "account_alert"\nchannel = "Instagram"\ncontent = "log-ins"\n'
        'expect = { action = "account.reviewed", channel = "instagram", deadline = "30m" }\n',
        encoding="utf-8",
    )
    accounts.add_account(store, "instagram", "@kurum", owners=["ayse"], twofa=False, operator=PLAYER)
    player = DrillPlayer(start_drill(store, load_scenario(path), operator=OP, paused=True))
    player.fire_due(store)
    at_clock(store, player.incident_id, 600)
    accounts.review_account(store, "@kurum", operator=PLAYER, twofa=True)
    [item] = player.finish(store, operator=OP)["items"]
    assert item["status"] == "met" and item["done_clock"] == pytest.approx(600)


# -- exercise separation -------------------------------------------------------------------


def test_exercise_data_stays_out_of_actual_incidents(store, scenario_file):
    from crisiscomm.review.metrics import across_incidents

    actual = incidents.open_incident(store, "Real flood", "general", operator=PLAYER)
    player = paused_drill(store, scenario_file)
    at_clock(store, player.incident_id, 12 * 60)
    player.fire_due(store)
    drill_mentions = {m["id"] for m in mentions.incident_mentions(store, player.incident_id)}
    assert len(drill_mentions) == 5
    assert not drill_mentions & {m["id"] for m in mentions.incident_mentions(store, actual.id)}
    assert claims.list_claims(store, actual.id) == []
    assert facts.current(store, actual.id) == {}
    figures = across_incidents(store)
    assert figures["incidents"] == 1 and figures["exercises_excluded"] == 1
    modes = sorted(i.mode for i in incidents.list_incidents(store))
    assert modes == ["actual", "exercise"]


def test_a_drill_can_never_touch_an_actual_incident(store, scenario_file):
    actual = incidents.open_incident(store, "Real", "general", operator=PLAYER)
    with pytest.raises(sqlite3.IntegrityError, match="exercise"):
        with store.write():
            store.execute(
                "INSERT INTO drills (incident_id, scenario, scenario_path, scenario_json, operator, started_at)"
                " VALUES (?, 'x', 'x', '{}', 'x', 'x')", (actual.id,),
            )
    scenario = load_scenario(scenario_file)
    fake = {"id": 99, "incident_id": actual.id}
    with pytest.raises(Refused, match="not an exercise"):
        apply_inject(store, fake, scenario.inject("first-post"))
    assert mentions.incident_mentions(store, actual.id) == []


def test_an_exercise_statement_is_never_posted_on_a_live_channel(store, scenario_file):
    from crisiscomm.statements import workflow

    player = paused_drill(store, scenario_file)
    statement = workflow.draft(store, player.incident_id, operator=PLAYER, body=(
        "Depremde 12 kişi yaralandı. Ekiplerimiz bölgede çalışıyor."
        " İlk belirlemelere göre bir sonraki bilgilendirme 16:00'da yapılacak."))
    assert statement["versions"][-1]["body"].startswith(incidents.EXERCISE_MARK)
    workflow.submit(store, statement["id"], operator=PLAYER)
    workflow.approve(store, statement["id"], operator="mehmet", acknowledge_warnings=True)
    with pytest.raises(Refused, match="live channel"):
        publish(store, statement["id"], "x", operator=PLAYER, url="https://x.com/kurum/status/1")
    published = publish(store, statement["id"], "website", operator=PLAYER)
    assert published["simulated"] is True
    from crisiscomm.posts import list_posts

    [post] = list_posts(store, player.incident_id)
    assert post["simulated"] == 1 and post["text"].startswith(incidents.EXERCISE_MARK) and post["url"] is None
