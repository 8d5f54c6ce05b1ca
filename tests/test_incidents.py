"""Incidents: lifecycle, clock, operators and roles."""

import datetime as dt

import pytest

from crisiscomm import config, incidents, operators, timeline
from crisiscomm.clock import format_clock, format_offset
from crisiscomm.errors import CrisisError


def test_open_list_close(store):
    one = incidents.open_incident(store, "Deprem", "general", operator="ayse", severity=3)
    two = incidents.open_incident(store, "Tatbikat", "general", operator="ayse", exercise=True)
    assert (one.id, two.id) == (1, 2)
    assert (one.mode, two.mode) == ("actual", "exercise")
    assert incidents.current_incident(store).id == 2
    closed = incidents.close(store, 2, operator="mehmet")
    assert closed.status == "closed" and closed.closed_at
    assert incidents.current_incident(store).id == 1
    kinds = [e["kind"] for e in timeline.events(store) if e["kind"].startswith("incident.")]
    assert kinds == ["incident.opened", "incident.keywords", "incident.opened", "incident.keywords", "incident.closed"]
    with pytest.raises(CrisisError, match="closed"):
        incidents.set_status(store, 2, "active", operator="ayse")


@pytest.mark.parametrize("title, severity, playbook", [("", 2, "general"), ("x", 5, "general"), ("x", 2, "nope")])
def test_open_rejects_bad_input(store, title, severity, playbook):
    with pytest.raises(CrisisError):
        incidents.open_incident(store, title, playbook, operator="a", severity=severity)
    assert store.scalar("SELECT count(*) FROM incidents") == 0


def test_clock_runs_pauses_and_speeds_up(store):
    start = dt.datetime(2026, 11, 23, 4, 17, tzinfo=dt.timezone.utc)
    inc = incidents.open_incident(store, "Deprem", "general", operator="a", exercise=True, started_at=start)
    assert incidents.clock_at(inc, start + dt.timedelta(minutes=5)) == pytest.approx(300)
    later = start + dt.timedelta(minutes=10)
    inc = incidents.set_clock(store, inc.id, operator="a", speed=10, now=later)
    assert incidents.clock_at(inc, later + dt.timedelta(seconds=6)) == pytest.approx(660)
    paused = incidents.set_clock(store, inc.id, operator="a", paused=True, now=later + dt.timedelta(seconds=6))
    assert incidents.clock_at(paused, later + dt.timedelta(hours=3)) == pytest.approx(660)
    assert timeline.events(store)[-1]["kind"] == "clock.changed"


def test_clock_formatting():
    assert format_clock(3725.9) == "T+01:02:05"
    assert format_clock(-5) == "T-00:00:05"
    assert format_offset(5400) == "1 h 30 min" and format_offset(900) == "15 min" and format_offset(45) == "45 s"


def test_team_file_roles(tmp_path):
    config.configure(tmp_path / "cc.db")
    assert operators.has_role("anyone", "approver")  # no team file: every role
    (tmp_path / "team.toml").write_text('[[operator]]\nname = "ayse"\nroles = ["approver"]\n'
                                        '[[operator]]\nname = "can"\nrole = "monitor"\n')
    assert operators.has_role("ayse", "approver")
    assert not operators.has_role("can", "approver")
    assert not operators.has_role("stranger", "monitor")
    (tmp_path / "team.toml").write_text('[[operator]]\nname = "x"\nroles = ["boss"]\n')
    with pytest.raises(operators.TeamError, match="unknown role"):
        operators.load_team()


def test_operator_fallbacks(monkeypatch):
    monkeypatch.setenv("CRISISCOMM_OPERATOR", "zeynep")
    assert operators.current_operator() == "zeynep"
    assert operators.current_operator("ali") == "ali"
    monkeypatch.delenv("CRISISCOMM_OPERATOR")
    assert operators.current_operator()
