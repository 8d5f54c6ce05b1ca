"""Drill commands: check, run --headless, status/pause/resume/speed/skip/score, demo."""

from __future__ import annotations

import json
import pathlib

import pytest
from conftest import run_cli_process

from crisiscomm import incidents
from crisiscomm.drills.player import start_drill
from crisiscomm.drills.scenario import BUNDLED_DIR
from crisiscomm.drills.scenario_files import load_scenario

MARK = incidents.EXERCISE_MARK
SHORT = """\
[exercise]
name = "Short drill"
playbook = "general"
language = "en"

[[inject]]
id = "call"
at = "1m"
type = "phone_request"
from = "Governor"
content = "Where is the statement?"
expect = { action = "statement.approved", deadline = "5m", description = "Approve a statement" }

[[inject]]
id = "alert"
at = "3m"
type = "account_alert"
channel = "X"
content = "New session from an unknown device"
"""


@pytest.fixture
def short_scenario(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "short.toml"
    path.write_text(SHORT, encoding="utf-8")
    return path


@pytest.fixture
def running_drill(store, short_scenario) -> int:
    return start_drill(store, load_scenario(short_scenario), operator="facilitator", paused=True)["incident_id"]


def test_check_bundled_folder_and_a_broken_file(cli, tmp_path):
    result = cli("drill", "check", str(BUNDLED_DIR))
    assert result.exit_code == 0, result.output
    assert result.output.count(": ok (") >= 6
    bad = tmp_path / "bad.toml"
    bad.write_text('[exercise]\nname = "x"\nplaybook = "nope"\n\n[[inject]]\nid = "a"\nat = "1m"\ntype = "mention"\n',
                   encoding="utf-8")
    result = cli("drill", "check", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:3: [exercise]: 'playbook': unknown playbook 'nope'" in result.stderr
    assert f"{bad}:5: inject 'a': 'content' is missing" in result.stderr
    missing = cli("drill", "check", str(tmp_path / "nope.toml"))
    assert missing.exit_code == 1 and missing.stderr.startswith("error: no scenario file")


def test_headless_run_of_a_bundled_scenario_prints_injects_and_score(cli, store):
    result = cli("drill", "run", "service-outage-false-claim.en", "--speed", "2000", "--headless")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1\tdrill started: e-Appointments outage") and MARK in lines[0]
    assert any("8 new mentions from feeds/outage-complaints.en.xml" in line for line in lines)
    assert any(line.startswith("T+00:10:00  [" + MARK + "]  Journalist request (Business reporter") for line in lines)
    assert lines[-1] == f"0 met, 0 late, 8 missed, 0 pending — score 0%  [{MARK}]"
    [incident] = incidents.list_incidents(store)
    assert incident.mode == "exercise" and incident.status == "closed"
    listed = json.loads(cli("drill", "list", "--json").stdout)
    assert listed[0]["incident"] == 1 and listed[0]["finished_at"] and listed[0]["mode"] == "exercise"


def test_headless_json_score(cli, short_scenario):
    result = cli("drill", "run", str(short_scenario), "--speed", "5000", "--headless", "--json")
    assert result.exit_code == 0, result.output
    score = json.loads(result.stdout)
    assert score["incident"] == 1 and score["mark"] == MARK and score["finished"] is True
    assert (score["expected"], score["missed"]) == (1, 1)
    assert score["items"][0]["inject"] == "call" and score["items"][0]["due"] == 360


def test_headless_run_in_a_real_process(db_path, short_scenario):
    proc = run_cli_process(db_path, "drill", "run", str(short_scenario), "--speed", "5000", "--headless")
    assert proc.returncode == 0, proc.stderr
    assert "missed" in proc.stdout and "Traceback" not in proc.stderr
    assert "\r" not in proc.stderr  # no progress bar when not on a terminal


def test_status_pause_resume_speed_skip_and_score(cli, running_drill):
    status = json.loads(cli("drill", "status", str(running_drill), "--json").stdout)
    assert status["paused"] is True and status["played"] == 0 and status["next"]["inject"] == "call"
    assert status["mode"] == "exercise" and status["mark"] == MARK
    result = cli("drill", "resume", str(running_drill))
    assert result.exit_code == 0 and "speed ×1" in result.stdout and MARK in result.stdout
    result = cli("drill", "speed", str(running_drill), "10")
    assert "speed ×10" in result.stdout
    result = cli("drill", "pause", str(running_drill))
    assert "PAUSED" in result.stdout
    result = cli("drill", "skip", str(running_drill))
    assert result.exit_code == 0
    assert f"T+00:01:00  [{MARK}]  Phone call (Governor): Where is the statement?" in result.stdout
    text = cli("drill", "status", str(running_drill)).stdout
    assert "1/2 injects played" in text and "next inject: alert (account_alert) at T+00:03:00" in text
    assert "pending" in text
    cli("drill", "skip", str(running_drill))
    result = cli("drill", "skip", str(running_drill))
    assert "no inject left to skip to" in result.stdout
    result = cli("drill", "score", str(running_drill), "--finish")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == f"0 met, 0 late, 1 missed, 0 pending — score 0%  [{MARK}]"
    refused = cli("drill", "pause", str(running_drill))
    assert refused.exit_code == 1 and refused.stderr == f"error: the drill of incident {running_drill} has finished\n"


def test_bad_input_is_a_clear_error(cli, store, running_drill):
    actual = incidents.open_incident(store, "Real", "general", operator="x")
    for args, code, text in (
        (("drill", "pause", str(actual.id)), 1, f"error: incident {actual.id} has no drill"),
        (("drill", "status", "99"), 1, "error: incident 99 has no drill"),
        (("drill", "speed", str(running_drill), "0"), 2, "Invalid value"),
        (("drill", "run", "nowhere.toml", "--headless"), 1, "error: no scenario file nowhere.toml"),
        (("drill", "run", "service-outage-false-claim.en", "--speed", "-3", "--headless"), 2, "Invalid value"),
        (("drill", "run", "service-outage-false-claim.en", "--json"), 2, "--json needs --headless"),
    ):
        result = cli(*args)
        assert result.exit_code == code, (args, result.output)
        assert text in result.stderr, (args, result.stderr)
    assert len(incidents.list_incidents(store)) == 2  # nothing was opened by the refused runs


def test_turkish_score_words(cli, short_scenario):
    result = cli("--lang", "tr", "drill", "run", str(short_scenario), "--speed", "5000", "--headless")
    assert result.exit_code == 0
    assert "1 kaçırıldı" in result.stdout and "Tatbikat puanı" in result.stdout


def test_demo_help_and_demo_database(cli, tmp_path, monkeypatch):
    result = cli("demo", "--help")
    assert result.exit_code == 0 and "--speed" in result.stdout and "--db" in result.stdout
    shown = {}
    import crisiscomm.tui.app as tui_app

    monkeypatch.setattr(tui_app, "run_dashboard", lambda path, **kw: shown.update(path=path, **kw))
    demo_db = tmp_path / "demo" / "demo.db"
    result = cli("demo", "--db", str(demo_db), "--speed", "50")
    assert result.exit_code == 0, result.output
    assert shown["path"] == demo_db and shown["incident_id"] == 1
    from crisiscomm.store import Store

    with Store(demo_db) as demo:
        incident = incidents.get(demo, 1)
        assert incident.mode == "exercise" and incident.clock_speed == 50
        assert demo.scalar("SELECT count(*) FROM feeds") >= 1
        assert demo.scalar("SELECT count(*) FROM statements") == 1
    fresh = cli("demo")
    assert fresh.exit_code == 0
    assert shown["path"] != demo_db and shown["path"].name == "demo.db" and "crisiscomm-demo-" in str(shown["path"])
