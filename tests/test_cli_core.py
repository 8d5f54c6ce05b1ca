"""The command line: incidents, facts, verify, global options, exit codes."""

import json
import stat

from conftest import run_cli_process


def test_incident_open_list_close(cli, db_path):
    r = cli("incident", "open", "Bar test", "--playbook", "general", "--severity", "3")
    assert r.exit_code == 0 and r.output.split()[0] == "1"
    r = cli("incident", "open", "Tatbikat", "--playbook", "general", "--exercise")
    assert r.output.split()[0] == "2" and "TATBİKAT / EXERCISE" in r.output
    assert cli("incident", "close", "1").exit_code == 0
    rows = json.loads(cli("incident", "list", "--json").output)
    assert [(r["id"], r["mode"], r["status"]) for r in rows] == [(1, "actual", "closed"), (2, "exercise", "active")]
    assert set(rows[0]) >= {"id", "title", "playbook", "severity", "status", "mode", "started_at", "closed_at"}
    assert rows[0]["started_at"].endswith("+00:00")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_usage_errors_exit_2(cli):
    assert cli("incident", "open").exit_code == 2
    assert cli("incident", "open", "x", "--playbook", "general", "--severity", "9").exit_code == 2
    assert cli("incident", "close", "abc").exit_code == 2
    assert cli("no-such-command").exit_code == 2


def test_refusals_exit_1_with_a_message(cli):
    r = cli("incident", "close", "42")
    assert r.exit_code == 1 and "no incident 42" in r.output
    r = cli("incident", "open", "x", "--playbook", "made-up")
    assert r.exit_code == 1 and "unknown playbook" in r.output


def test_facts_are_versioned(cli):
    cli("incident", "open", "Sel", "--playbook", "general")
    cli("fact", "set", "1", "injured", "12", "--source", "Valilik")
    cli("fact", "set", "1", "injured", "15", "--source", "Valilik", "--unconfirmed")
    rows = json.loads(cli("fact", "list", "1", "--json").output)
    assert rows == [{**rows[0], "key": "injured", "value": "15", "status": "unconfirmed", "version": 2, "source": "Valilik"}]
    assert cli("fact", "set", "9", "a", "b").exit_code == 1


def test_verify_prints_the_head_and_checks_it(cli):
    cli("incident", "open", "Sel", "--playbook", "general")
    r = cli("verify")
    assert r.exit_code == 0 and "chain holds" in r.output
    head = r.output.split()[-1]
    assert cli("verify", "--head", head).exit_code == 0
    assert cli("verify", "--head", "0" * 63 + "1").exit_code == 1


def test_real_subprocess_and_environment(tmp_path):
    db = tmp_path / "cc.db"
    r = run_cli_process(db, "incident", "open", "Gerçek süreç", "--playbook", "general", operator="zeynep")
    assert r.returncode == 0, r.stderr
    r = run_cli_process(db, "incident", "list", "--json")
    assert json.loads(r.stdout)[0]["created_by"] == "zeynep"
    r = run_cli_process(db, "incident", "close", "7")
    assert r.returncode == 1 and "Traceback" not in r.stderr and "no incident 7" in r.stderr
