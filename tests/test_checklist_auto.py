"""Steps with `done_when` are completed by the event that does their work."""

from __future__ import annotations

import json

import pytest
from conftest import publish, start_correction

from crisiscomm import audit, checklist, claims, facts, incidents, timeline
from crisiscomm.errors import CrisisError
from crisiscomm.playbook_check import load_file
from crisiscomm.playbook_model import parse_done_when
from crisiscomm.review.metrics import IncidentMetrics
from crisiscomm.statements import workflow
from crisiscomm.store import Store

BODY = ("Malatya'da saat 04:17'de meydana gelen deprem nedeniyle ekiplerimiz bölgede çalışıyor. "
        "Bir sonraki bilgilendirme saat 08:00'de yapılacaktır. Bilgi: 0 800 123 45 67")


def open_paused(store, playbook="general", seconds=600):
    inc = incidents.open_incident(store, "Deprem", playbook, operator="ayse")
    incidents.set_clock(store, inc.id, operator="ayse", paused=True, seconds=seconds)
    return inc.id


def states(store, incident_id):
    return {i["step_id"]: i for i in checklist.checklist(store, incident_id)}


def auto_done_events(store, incident_id):
    return [e for e in timeline.events(store, incident_id) if e["kind"] == "checklist.done" and e["payload"].get("automatic")]


def test_holding_statement_ticks_draft_approve_publish(store):
    iid = open_paused(store)
    st = workflow.draft(store, iid, operator="ayse", body=BODY)
    assert states(store, iid)["draft-holding"]["state"] == "todo"  # an empty or unfinished draft is not done
    workflow.submit(store, st["id"], operator="ayse")
    submitted = [e for e in timeline.events(store, iid) if e["kind"] == "statement.submitted"][0]
    step = states(store, iid)["draft-holding"]
    assert (step["state"], step["operator"], step["changed_clock"]) == ("done", "ayse", 600)
    assert step["done_by_event"] == submitted["id"]
    incidents.set_clock(store, iid, operator="ayse", paused=True, seconds=1600)  # approve-holding is due at 25m
    workflow.approve(store, st["id"], operator="mehmet", acknowledge_warnings=True)
    publish(store, st["id"], "website", operator="ayse")
    items = states(store, iid)
    assert items["approve-holding"]["state"] == "done" and items["approve-holding"]["operator"] == "mehmet"
    assert items["approve-holding"]["late"] is True
    assert items["publish-holding"]["state"] == "done" and items["publish-holding"]["late"] is False
    # dependencies do not hold back what the event proves: facts stays open (and overdue)
    assert items["facts"]["state"] == "todo" and items["facts"]["overdue"]
    events = auto_done_events(store, iid)
    assert [e["payload"]["step_id"] for e in events] == ["draft-holding", "approve-holding", "publish-holding"]
    approved = [e for e in timeline.events(store, iid) if e["kind"] == "statement.approved"][0]
    assert events[1]["operator"] == "mehmet" and events[1]["payload"]["by_event"] == approved["id"]
    assert events[1]["payload"]["note"] == f"completed automatically by event {approved['id']} (statement.approved)"
    assert audit.verify(store).ok

    steps = {s["step_id"]: s for s in IncidentMetrics(store, iid).checklist()["steps"]}
    assert steps["draft-holding"]["outcome"] == "met" and steps["draft-holding"]["done_s"] == 600
    assert steps["approve-holding"]["outcome"] == "late" and steps["approve-holding"]["late_by_s"] == 100
    assert steps["publish-holding"]["outcome"] == "met"


def test_done_and_skipped_steps_are_left_alone(store):
    iid = open_paused(store)
    checklist.set_step(store, iid, "draft-holding", "skipped", operator="ayse", note="ready-made text")
    st = workflow.draft(store, iid, operator="ayse", body=BODY)
    workflow.submit(store, st["id"], operator="ayse")
    workflow.approve(store, st["id"], operator="mehmet", acknowledge_warnings=True)
    publish(store, st["id"], "website", operator="ayse")
    publish(store, st["id"], "x", operator="ayse")  # a second channel completes nothing new
    items = states(store, iid)
    assert items["draft-holding"]["state"] == "skipped"
    assert [e["payload"]["step_id"] for e in auto_done_events(store, iid)] == ["approve-holding", "publish-holding"]
    # a step reopened by hand is done again by hand, or by its next event
    checklist.set_step(store, iid, "publish-holding", "todo", operator="ayse")
    publish(store, st["id"], "facebook", operator="zeynep")
    assert states(store, iid)["publish-holding"]["operator"] == "zeynep"


def test_manual_done_is_not_marked_automatic(store):
    iid = open_paused(store)
    checklist.set_step(store, iid, "convene", "done", operator="ayse")
    assert states(store, iid)["convene"]["done_by_event"] is None


def test_claims_and_correction_tick_the_disinformation_steps(store):
    iid = open_paused(store, "disinformation")
    claim = claims.add_claim(store, iid, "Barajın patladığı iddiası", operator="ayse")
    claims.set_status(store, claim["id"], "verifying", operator="ayse", source="DSİ", note="soruldu")
    assert states(store, iid)["verify"]["state"] == "todo"  # not a verdict yet
    claims.set_status(store, claim["id"], "false", operator="ayse", source="DSİ", note="baraj sağlam")
    correction = start_correction(store, claim["id"], operator="ayse")
    workflow.submit(store, correction["id"], operator="ayse")
    workflow.approve(store, correction["id"], operator="mehmet", acknowledge_warnings=True)
    items = states(store, iid)
    assert {k for k, v in items.items() if v["state"] == "done"} == {"capture", "verify", "draft-correction", "approve-correction"}
    assert items["holding-line"]["state"] == "todo"  # a correction is not the holding line
    holding = workflow.draft(store, iid, operator="ayse", body=BODY)
    workflow.submit(store, holding["id"], operator="ayse")
    workflow.approve(store, holding["id"], operator="mehmet", acknowledge_warnings=True)
    assert states(store, iid)["holding-line"]["state"] == "done"


def test_fact_and_incident_without_checklist(db_path):
    store = Store(db_path)  # a bare connection: no session, so no reaction creates the checklist
    iid = incidents.open_incident(store, "Deprem", "general", operator="ayse").id
    facts.set_fact(store, iid, "what", "deprem", operator="ayse")  # no checklist yet: nothing to tick, no error
    assert store.scalar("SELECT count(*) FROM checklist WHERE incident_id = ?", (iid,)) == 0
    event = timeline.append(store, "fact.set", {"key": "what"}, operator="ayse", incident_id=iid)
    assert checklist.complete_on_event(store, iid, event) == []
    assert checklist.complete_on_event(store, None, event) == []


def test_custom_playbook_fact_trigger(store, db_path):
    folder = db_path.parent / "playbooks"
    folder.mkdir()
    (folder / "road.toml").write_text(ROAD, encoding="utf-8")
    iid = incidents.open_incident(store, "Yol", "road-closure", operator="ayse").id
    facts.set_fact(store, iid, "what", "kapanış", operator="ayse")
    assert states(store, iid)["announce"]["state"] == "todo"
    facts.set_fact(store, iid, "route", "D-100", operator="can")  # the second of the listed triggers
    assert states(store, iid)["announce"]["operator"] == "can"


ROAD = """id = "road-closure"
language = ["tr"]
title = "Yol kapanması"

[[roles]]
id = "spokesperson"
title = "Sözcü"

[[phases]]
id = "first-hour"
title = "İlk saat"

[[steps]]
id = "announce"
phase = "first-hour"
owner = "spokesperson"
due = "30m"
principle = "speed"
title = "Alternatif güzergâhı belirle"
guidance = "Hangi yol, ne zamana kadar, alternatif güzergâh."
done_when = ["fact.set key=detour", "fact.set key=route"]
"""


@pytest.mark.parametrize("value, message", [
    ('"statement.aproved"', "unknown event 'statement.aproved'"),
    ('"claim.status verdict=false"', "event 'claim.status' has no field 'verdict'"),
    ('"claim.status to=wrong|false"', "to='wrong|false' is not allowed"),
    ('"claim.status to="', "must look like"),
    ('"claim.added mention=3"', "has no field 'mention' to test (fields: none)"),
    ('3', "done_when must be an event"),
    ('[]', "done_when must be an event"),
])
def test_check_reports_bad_done_when_with_its_line(tmp_path, value, message):
    path = tmp_path / "road.toml"
    path.write_text(ROAD.replace('done_when = ["fact.set key=detour", "fact.set key=route"]', f"done_when = {value}"),
                    encoding="utf-8")
    playbook, problems = load_file(path)
    assert playbook is None
    assert [(p.line, message in p.message) for p in problems] == [(21, True)], problems


def test_parse_done_when_and_cli_check(tmp_path, cli):
    trigger = parse_done_when("claim.status to=false|misleading")
    assert trigger.matches("claim.status", {"to": "misleading"})
    assert not trigger.matches("claim.status", {"to": "true"}) and not trigger.matches("claim.added", {"to": "false"})
    with pytest.raises(CrisisError):
        parse_done_when("fact.set key=")
    path = tmp_path / "road.toml"
    path.write_text(ROAD.replace("fact.set key=route", "fact.sett"), encoding="utf-8")
    result = cli("playbooks", "check", str(path))
    assert result.exit_code == 1
    assert f"{path}:21: step 'announce': done_when: unknown event 'fact.sett'" in result.output


def test_cli_json_shows_automatic_completion(store, cli):
    iid = open_paused(store)
    st = workflow.draft(store, iid, operator="ayse", body=BODY)
    workflow.submit(store, st["id"], operator="ayse")
    result = cli("checklist", str(iid), "--json")
    assert result.exit_code == 0, result.output
    items = {i["step_id"]: i for i in json.loads(result.output)["items"]}
    assert items["draft-holding"]["state"] == "done" and items["draft-holding"]["operator"] == "ayse"
    assert isinstance(items["draft-holding"]["done_by_event"], int)
    assert items["approve-holding"]["done_by_event"] is None


def test_claim_and_status_constants_agree():
    from crisiscomm import playbook_model

    assert playbook_model.DONE_WHEN_EVENTS["claim.status"]["to"] == claims.STATUSES
    assert playbook_model.DONE_WHEN_EVENTS["fact.set"]["status"] == facts.STATUSES


async def test_pane_says_a_step_was_completed_automatically(store, db_path):
    from textual.widgets import OptionList

    from crisiscomm.tui.app import DashboardApp

    iid = open_paused(store)
    st = workflow.draft(store, iid, operator="ayse", body=BODY)
    workflow.submit(store, st["id"], operator="ayse")
    by_event = states(store, iid)["draft-holding"]["done_by_event"]
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=iid, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f2")
        for _ in range(3):
            await pilot.pause()
            await app.workers.wait_for_complete()
        options = app.query_one("#checklist-list", OptionList)
        index = next(i for i in range(options.option_count)
                     if options.get_option_at_index(i).id == "draft-holding")
        options.highlighted = index
        await pilot.pause()
        detail = str(app.screen.query_one("#checklist-detail").render())
        assert f"(automatically: event {by_event})" in detail and "ayse" in detail
