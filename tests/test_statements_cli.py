"""statement commands: exit codes, JSON shape, clear errors."""

import json

from test_lint import GOOD
from test_pii import VALID_TC


def test_lint_from_stdin_and_file(cli, tmp_path):
    r = cli("statement", "lint", "-", "--channel", "x", input=GOOD)
    assert r.exit_code == 0 and "X: 163/280" in r.output and "no findings" in r.output
    r = cli("statement", "lint", "-", "--json", input=GOOD + f" TC {VALID_TC}")
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["errors"] == 1 and data["channel"] is None
    assert set(data["findings"][0]) >= {"rule", "severity", "message", "principle"}
    assert data["findings"][0]["rule"] == "personal_data.tc_kimlik"
    f = tmp_path / "s.txt"
    f.write_text(GOOD + " Binalar muhtemelen hasarlı.", encoding="utf-8")
    r = cli("statement", "lint", str(f))
    assert r.exit_code == 0 and "accuracy.speculation" in r.output and "guide" in r.output
    r = cli("statement", "lint", "-", "--channel", "sms", "--json", input="İ" + GOOD)
    channel = json.loads(r.output)["channel"]
    assert channel["encoding"].startswith("GSM-7 TR") and channel["plain_encoding"] == "UCS-2"


def test_lint_bad_input(cli, tmp_path):
    r = cli("statement", "lint", str(tmp_path / "missing.txt"))
    assert r.exit_code == 1 and "error: " in r.output and "missing.txt: cannot read: No such file" in r.output
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    r = cli("statement", "lint", str(binary))
    assert r.exit_code == 1 and "not UTF-8" in r.output
    assert cli("statement", "lint", "-", "--channel", "fax", input="x").exit_code == 2
    r = cli("statement", "lint", "-", "--incident", "7", input=GOOD)
    assert r.exit_code == 1 and "no incident 7" in r.output


def test_lint_with_the_incident_fact_sheet(cli):
    cli("incident", "open", "Deprem", "--playbook", "general")
    cli("fact", "set", "1", "injured", "15", "--source", "AFAD")
    assert cli("statement", "lint", "-", "--incident", "1", input=GOOD + " 15 yaralı var.").exit_code == 0
    r = cli("statement", "lint", "-", "--incident", "1", input=GOOD + " 12 yaralı var.")
    assert r.exit_code == 1 and "accuracy.number" in r.output


def test_draft_review_publish_from_the_command_line(cli, tmp_path):
    cli("incident", "open", "Deprem", "--playbook", "general")
    f = tmp_path / "s.txt"
    f.write_text(GOOD, encoding="utf-8")
    r = cli("statement", "draft", "1", "--file", str(f), "--title", "İlk", operator="ayse")
    assert r.exit_code == 0 and r.output.splitlines()[0] == "1"
    assert cli("statement", "submit", "1", operator="ayse").exit_code == 0
    r = cli("statement", "approve", "1", operator="ayse")
    assert r.exit_code == 1 and "two-person rule" in r.output
    assert cli("statement", "reject", "1", operator="mehmet").exit_code == 2  # --reason is required
    r = cli("statement", "reject", "1", "--reason", "Saat yok", operator="mehmet")
    assert r.exit_code == 0 and "rejected" in r.output
    f.write_text(GOOD + " Ekipler sahada.", encoding="utf-8")
    r = cli("statement", "revise", "1", "--file", str(f), operator="ayse")
    assert r.exit_code == 0 and "v2" in r.output
    cli("statement", "submit", "1", operator="ayse")
    r = cli("statement", "approve", "1", operator="mehmet")
    assert r.exit_code == 0 and "approved by mehmet" in r.output
    r = cli("statement", "publish", "1", "--channel", "x", "--url", "https://x.com/k/status/2")
    assert r.exit_code == 0 and "published on X" in r.output
    r = cli("statement", "show", "1", "--channel", "x")
    assert r.output.strip() == GOOD + " Ekipler sahada."
    shown = json.loads(cli("statement", "show", "1", "--json").output)
    assert {m["channel"] for m in shown["measures"]} >= {"x", "sms", "bluesky"}
    listed = json.loads(cli("statement", "list", "1", "--json").output)
    assert listed[0]["state"] == "published" and listed[0]["channels"] == ["x"]
    assert [v["state"] for v in listed[0]["versions"]] == ["rejected", "published"]
    assert "published" in cli("statement", "list", "1").output
    r = cli("statement", "approve", "42", operator="mehmet")
    assert r.exit_code == 1 and "no statement 42" in r.output


def test_exercise_publish_is_simulated(cli):
    cli("incident", "open", "Tatbikat", "--playbook", "general", "--exercise")
    cli("statement", "draft", "1", "--file", "-", operator="ayse", input=GOOD)
    cli("statement", "submit", "1", operator="ayse")
    cli("statement", "approve", "1", operator="mehmet")
    r = cli("statement", "publish", "1", "--channel", "x", "--url", "https://x.com/k/1")
    assert r.exit_code == 1 and "live channel" in r.output
    r = cli("statement", "publish", "1", "--channel", "x")
    assert r.exit_code == 0 and "SIMULATED" in r.output and "TATBİKAT / EXERCISE" in r.output
    assert cli("statement", "show", "1", "--channel", "x").output.startswith("TATBİKAT / EXERCISE\n")


def test_templates_listing(cli):
    cli("incident", "open", "Deprem", "--playbook", "natural-disaster")
    r = cli("statement", "templates", "1", "--json")
    assert r.exit_code == 0
    rows = json.loads(r.output)
    assert rows and all({"id", "language", "title", "body"} <= set(t) for t in rows)
    assert cli("statement", "templates").exit_code == 2
    r = cli("statement", "draft", "1", "--template", rows[0]["id"], "--language", rows[0]["language"])
    assert r.exit_code == 0 and r.output.splitlines()[0] == "1"
