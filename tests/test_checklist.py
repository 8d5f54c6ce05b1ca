"""The incident checklist: state, events, deadlines on the incident clock, the CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run_cli_process, session_as

from crisiscomm import actions, audit, checklist, incidents, playbooks, timeline
from crisiscomm.errors import CrisisError, Refused


def open_with_checklist(store, playbook="general", *, exercise=False, keywords=None, started_at=None):
    done = actions.incidents.open_incident(session_as(store, "ayse"), "Deprem", playbook, exercise=exercise,
                                           keywords=keywords or (), started_at=started_at)
    return done.value.id, list(done.notes)


def item(store, incident_id, step_id, **kw):
    return next(i for i in checklist.checklist(store, incident_id, **kw) if i["step_id"] == step_id)


def kinds(store, incident_id):
    return [e["kind"] for e in timeline.events(store, incident_id)]


def test_prepare_creates_rows_event_and_keywords(store):
    incident_id, notes = open_with_checklist(store, "natural-disaster")
    assert store.scalar("SELECT count(*) FROM checklist WHERE incident_id = ?", (incident_id,)) == 15
    assert "checklist.created" in kinds(store, incident_id)
    assert "deprem" in incidents.get(store, incident_id).keywords
    assert notes[0].startswith("checklist: 15 steps from the playbook “Natural disaster")
    assert checklist.create(store, incidents.get(store, incident_id), operator="ayse")[1] == []  # idempotent
    assert kinds(store, incident_id).count("checklist.created") == 1


def test_keywords_given_at_open_are_kept(store):
    incident_id, notes = open_with_checklist(store, "general", keywords=["baraj"])
    assert incidents.get(store, incident_id).keywords == ("baraj",)
    assert not any("watch keywords" in n for n in notes)


def test_states_and_their_events(store):
    incident_id, _ = open_with_checklist(store)
    checklist.set_step(store, incident_id, "convene", "doing", operator="ayse")
    done = checklist.set_step(store, incident_id, "convene", "done", operator="mehmet", note="ekip toplandı")
    assert done["state"] == "done" and done["operator"] == "mehmet" and done["note"] == "ekip toplandı"
    skipped = checklist.set_step(store, incident_id, "hold-scheduled", "skipped", operator="ayse", note="takvimde paylaşım yok")
    assert skipped["state"] == "skipped" and skipped["note"] == "takvimde paylaşım yok"
    noted = checklist.add_note(store, incident_id, "facts", "AFAD ile görüşüldü", operator="zeynep")
    assert noted["note"] == "AFAD ile görüşüldü" and noted["state"] == "todo"
    reopened = checklist.set_step(store, incident_id, "hold-scheduled", "todo", operator="ayse")
    assert reopened["state"] == "todo"
    events = [e for e in timeline.events(store, incident_id) if e["kind"].startswith("checklist.") and e["kind"] != "checklist.created"]
    assert [(e["kind"], e["operator"], e["payload"]["step_id"]) for e in events] == [
        ("checklist.started", "ayse", "convene"),
        ("checklist.done", "mehmet", "convene"),
        ("checklist.skipped", "ayse", "hold-scheduled"),
        ("checklist.note", "zeynep", "facts"),
        ("checklist.reopened", "ayse", "hold-scheduled"),
    ]
    assert events[1]["payload"]["note"] == "ekip toplandı" and events[1]["payload"]["late"] is False
    assert audit.verify(store).ok


def test_refusals_lose_nothing(store):
    incident_id, _ = open_with_checklist(store)
    before = len(timeline.events(store, incident_id))
    with pytest.raises(CrisisError, match="needs a reason"):
        checklist.set_step(store, incident_id, "convene", "skipped", operator="ayse", note="  ")
    with pytest.raises(Refused, match="waits on convene"):
        checklist.set_step(store, incident_id, "facts", "done", operator="ayse")
    with pytest.raises(CrisisError, match="has no step 'convne'; steps: convene"):
        checklist.set_step(store, incident_id, "convne", "done", operator="ayse")
    with pytest.raises(CrisisError, match="one of todo, doing, done, skipped"):
        checklist.set_step(store, incident_id, "convene", "finished", operator="ayse")
    with pytest.raises(CrisisError, match="already to do"):
        checklist.set_step(store, incident_id, "convene", "todo", operator="ayse")
    with pytest.raises(CrisisError, match="empty"):
        checklist.add_note(store, incident_id, "convene", " ", operator="ayse")
    assert len(timeline.events(store, incident_id)) == before
    assert item(store, incident_id, "convene")["state"] == "todo"
    incidents.close(store, incident_id, operator="ayse")
    with pytest.raises(Refused, match="closed"):
        checklist.set_step(store, incident_id, "convene", "done", operator="ayse")


def test_blocked_until_dependencies_are_done_or_skipped(store):
    incident_id, _ = open_with_checklist(store)
    assert item(store, incident_id, "facts")["blocked_by"] == ["convene"]
    checklist.set_step(store, incident_id, "convene", "skipped", operator="ayse", note="ekip zaten odada")
    facts = item(store, incident_id, "facts")
    assert facts["blocked"] is False and facts["blocked_by"] == []
    checklist.set_step(store, incident_id, "facts", "done", operator="ayse")


def test_deadlines_follow_the_incident_clock(store):
    incident_id, _ = open_with_checklist(store)
    incidents.set_clock(store, incident_id, operator="ayse", paused=True, seconds=12 * 60)
    convene = item(store, incident_id, "convene")  # due 10m
    assert convene["overdue"] and convene["remaining"] == -120
    hold = item(store, incident_id, "hold-scheduled")  # due 15m
    assert not hold["overdue"] and hold["remaining"] == 180
    nxt = checklist.next_deadline(store, incidents.get(store, incident_id))
    assert nxt["step_id"] in ("convene", "monitor") and nxt["due_clock"] == 600 and nxt["owner"]
    done = checklist.set_step(store, incident_id, "convene", "done", operator="ayse")
    assert done["late"] and not done["overdue"] and done["changed_clock"] == 720


def test_exercise_clock_speed_moves_deadlines(store):
    incident_id, _ = open_with_checklist(store, exercise=True)
    start = dt.datetime.now(dt.timezone.utc)
    incidents.set_clock(store, incident_id, operator="ayse", speed=60, seconds=0, now=start)
    # ten wall seconds at 60x are ten minutes on the drill clock
    later = start + dt.timedelta(seconds=10, milliseconds=1)
    assert item(store, incident_id, "convene", now=later)["overdue"]
    assert not item(store, incident_id, "convene", now=start + dt.timedelta(seconds=9))["overdue"]


def test_real_clock_with_a_start_in_the_past(store):
    incident_id, _ = open_with_checklist(store, "data-breach", started_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=73))
    board = item(store, incident_id, "board-notification")
    assert board["due"] == "72h" and board["overdue"]


def test_next_deadline_none_when_all_closed_or_incident_closed(store):
    incident_id, _ = open_with_checklist(store, "general")
    incident = incidents.get(store, incident_id)
    for step in checklist.checklist(store, incident_id):
        checklist.set_step(store, incident_id, step["step_id"], "skipped", operator="ayse", note="tatbikat dışı")
    assert checklist.next_deadline(store, incident) is None
    other, _ = open_with_checklist(store, "general")
    assert checklist.next_deadline(store, incidents.get(store, other)) is not None
    incidents.close(store, other, operator="ayse")
    assert checklist.next_deadline(store, incidents.get(store, other)) is None


def test_checklist_without_prepare_reads_the_file_then_freezes(store):
    inc = incidents.open_incident(store, "Sel", "service-outage", operator="ayse")
    assert len(checklist.checklist(store, inc.id)) == 12  # no snapshot yet: from the file
    checklist.set_step(store, inc.id, "confirm", "done", operator="ayse")
    assert store.scalar("SELECT playbook_id FROM checklist_playbooks WHERE incident_id = ?", (inc.id,)) == "service-outage"


def test_editing_a_custom_playbook_does_not_move_running_deadlines(store, db_path):
    folder = db_path.parent / "playbooks"
    folder.mkdir()
    text = open(playbooks.require_playbook("general").source, encoding="utf-8").read().replace('id = "general"', 'id = "team-general"')
    (folder / "team.toml").write_text(text, encoding="utf-8")
    inc = incidents.open_incident(store, "Yangın", "general", operator="ayse")
    store.execute("UPDATE incidents SET playbook = 'team-general' WHERE id = ?", (inc.id,))
    (folder / "team.toml").write_text(text.replace('due = "10m"', 'due = "5h"'), encoding="utf-8")
    assert item(store, inc.id, "convene")["due_clock"] == 600


def test_language_of_items(store):
    incident_id, _ = open_with_checklist(store)
    assert item(store, incident_id, "convene", lang="tr")["title"] == "Kriz ekibini topla"
    assert item(store, incident_id, "convene", lang="en")["owner_title"] == "Spokesperson"


# -- the command line ------------------------------------------------------------------
def test_cli_open_show_and_change(cli):
    opened = cli("incident", "open", "Deprem", "--playbook", "natural-disaster")
    assert opened.exit_code == 0 and "checklist: 15 steps" in opened.output
    shown = cli("checklist", "1")
    assert shown.exit_code == 0
    assert "First response (0–30 min)" in shown.output and "T+10m" in shown.output and "convene" in shown.output
    assert "blocked by: official-sources" in shown.output
    assert cli("checklist", "start", "1", "convene").exit_code == 0
    done = cli("checklist", "done", "1", "convene", "--note", "AFAD irtibatı: Ali")
    assert done.exit_code == 0 and "convene: done" in done.output
    data = json.loads(cli("checklist", "1", "--json").output)
    convene = next(i for i in data["items"] if i["step_id"] == "convene")
    assert convene["state"] == "done" and convene["operator"] == "tester" and convene["note"] == "AFAD irtibatı: Ali"
    assert data["summary"]["done"] == 1 and data["next"]["step_id"] in ("official-sources", "monitor")
    assert set(convene) >= {"step_id", "title", "owner", "due", "due_clock", "state", "overdue", "blocked", "late"}


def test_cli_skip_needs_a_reason_and_errors_are_clear(cli):
    cli("incident", "open", "Kesinti", "--playbook", "service-outage")
    no_reason = cli("checklist", "skip", "1", "monitor")
    assert no_reason.exit_code == 2 and "needs a reason" in no_reason.output
    ok = cli("checklist", "skip", "1", "monitor", "--reason", "izleme başka ekipte")
    assert ok.exit_code == 0 and "skipped" in ok.output
    blocked = cli("checklist", "done", "1", "status-page")
    assert blocked.exit_code == 1 and "error: step 'status-page' waits on confirm" in blocked.output
    unknown = cli("checklist", "done", "1", "nope")
    assert unknown.exit_code == 1 and "has no step 'nope'" in unknown.output
    assert cli("checklist", "9").exit_code == 1
    assert cli("checklist", "x").exit_code == 2
    note = cli("checklist", "note", "1", "confirm", "operasyon: yük dengeleyici")
    assert note.exit_code == 0 and "yük dengeleyici" in note.output
    assert cli("checklist", "reopen", "1", "monitor").exit_code == 0


def test_cli_in_a_real_process_turkish(db_path):
    opened = run_cli_process(db_path, "incident", "open", "Veri sızıntısı", "--playbook", "data-breach")
    assert opened.returncode == 0, opened.stderr
    shown = run_cli_process(db_path, "--lang", "tr", "checklist", "1")
    assert shown.returncode == 0 and "Kurulu'na bildir" in shown.stdout and "T+72 sa" in shown.stdout
    assert "T+14 gün" in shown.stdout
