"""Content calendar: planned posts, and the hold list when an incident opens."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run_cli_process, session_as

from crisiscomm import actions, i18n, timeline
from crisiscomm import content_calendar as cal
from crisiscomm.clock import parse_iso, utc_now
from crisiscomm.errors import CrisisError, NotFound, Refused


def plan(store, hours, text="Haftalık etkinlik duyurusu", channel="x"):
    return cal.add_planned(store, channel, utc_now() + dt.timedelta(hours=hours), text, operator="ayse")["id"]


def opened(store, exercise=False):
    """The incident opened as the product does: its reactions hold the planned posts and say so."""
    return actions.incidents.open_incident(session_as(store, "ayse"), "Sel", "general", exercise=exercise)


def open_incident(store, exercise=False):
    return opened(store, exercise).value.id


@pytest.fixture(autouse=True)
def english():
    i18n.set_lang("en")


def test_parse_when_accepts_offsets_and_local_times():
    assert cal.parse_when("2030-01-01T10:00+03:00") == dt.datetime(2030, 1, 1, 7, 0, tzinfo=dt.timezone.utc)
    local = cal.parse_when("2030-01-01T10:00")  # the institution's 10.00 (Istanbul by default), whatever TZ says
    assert local == dt.datetime(2030, 1, 1, 7, 0, tzinfo=dt.timezone.utc)
    with pytest.raises(CrisisError, match="ISO 8601"):
        cal.parse_when("yarın 10:00")


def test_opening_an_incident_holds_the_posts_of_its_first_48_hours(store):
    soon, late_day2 = plan(store, 1, "Kampanya: bahar şenliği"), plan(store, 47)
    after, past = plan(store, 49), plan(store, -2)
    cancelled = plan(store, 3)
    cal.cancel(store, cancelled, operator="ayse")
    done = opened(store)
    incident, notes = done.value.id, list(done.notes)
    head = next(i for i, note in enumerate(notes) if "scheduled post" in note)
    assert notes[head].startswith("2 scheduled posts")
    assert f"#{soon} X" in notes[head + 1] and "Kampanya: bahar şenliği" in notes[head + 1]
    status = {p["id"]: (p["status"], p["held_for_incident"]) for p in cal.list_planned(store)}
    assert status[soon] == status[late_day2] == ("held", incident)
    assert status[after] == status[past] == ("planned", None)
    assert status[cancelled] == ("cancelled", None)
    event = [e for e in timeline.events(store, incident) if e["kind"] == "calendar.held"][0]
    assert event["payload"]["posts"] == [soon, late_day2]


def test_an_exercise_lists_the_posts_but_never_holds_them(store):
    post = plan(store, 2)
    incident = open_incident(store, exercise=True)
    notes = cal.hold_for_incident(store, incident, operator="ayse")
    assert "exercise" in notes[0] and cal.get_planned(store, post)["status"] == "planned"
    assert [e["kind"] for e in timeline.events(store, incident)][-1] == "calendar.listed"


def test_nothing_planned_means_no_notes(store):
    plan(store, 72)
    assert cal.hold_for_incident(store, open_incident(store), operator="ayse") == []


def test_hold_release_cancel(store):
    post = plan(store, 5)
    assert cal.hold(store, post, operator="a")["status"] == "held"
    with pytest.raises(Refused):
        cal.hold(store, post, operator="a")
    assert cal.release(store, post, operator="a")["status"] == "planned"
    with pytest.raises(Refused):
        cal.release(store, post, operator="a")
    assert cal.cancel(store, post, operator="a")["status"] == "cancelled"
    with pytest.raises(NotFound):
        cal.hold(store, 99, operator="a")
    assert [e["kind"] for e in timeline.events(store)][-3:] == ["calendar.held", "calendar.released", "calendar.cancelled"]


def test_release_of_an_incident_hold_is_logged_on_the_incident(store):
    post = plan(store, 1)
    incident = open_incident(store)
    cal.release(store, post, operator="a")
    assert timeline.events(store, incident)[-1]["kind"] == "calendar.released"
    assert cal.get_planned(store, post)["held_for_incident"] is None


def test_cli_calendar(cli, db_path):
    when = (utc_now() + dt.timedelta(hours=2)).replace(microsecond=0)
    added = cli("calendar", "add", "instagram", when.isoformat(), "Bayram kutlaması")
    assert added.exit_code == 0 and added.output.startswith("1\t")
    opened = cli("incident", "open", "Sel", "--playbook", "general")
    assert "1 scheduled post" in opened.output and "Bayram kutlaması" in opened.output
    rows = json.loads(cli("calendar", "list", "--json").output)
    assert rows[0]["status"] == "held" and parse_iso(rows[0]["planned_at"]) == when
    assert cli("calendar", "release", "1").exit_code == 0
    assert json.loads(cli("calendar", "list", "--json", "--status", "planned").output)[0]["id"] == 1
    for args in (("calendar", "add", "x", "sonra", "metin"), ("calendar", "release", "1"), ("calendar", "hold", "7")):
        result = run_cli_process(db_path, *args)
        assert result.returncode == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr
    assert len(json.loads(cli("calendar", "list", "--json").output)) == 1
