"""`crisiscomm claim ...`: from first sighting to a published correction, and clear errors."""

from __future__ import annotations

import json

import pytest
from conftest import publish, run_cli_process
from test_claims import CLAIM, add_mention

from crisiscomm import claims
from crisiscomm.statements import workflow

FIELDS = {"id", "text", "status", "evidence", "mentions", "spread_per_hour", "first_seen_at", "verdict_at",
          "correction_statement", "corrected_at"}


@pytest.fixture
def incident(cli):
    assert cli("incident", "open", "Baraj", "--playbook", "general").exit_code == 0
    return "1"


def claim_json(cli, incident="1"):
    result = cli("claim", "list", incident, "--json")
    assert result.exit_code == 0
    return json.loads(result.output)


def test_rumour_from_first_sighting_to_published_correction(cli, store, incident):
    first = add_mention(store, CLAIM, feed="X arama")
    echo = add_mention(store, "BARAJ ÇÖKTÜ, şehir sular altında kalacakmış!", feed="X arama")
    add_mention(store, "Baraj gövdesi sağlam", title="DSİ açıklaması", feed="DSİ", trust="official")
    added = cli("claim", "add", "1", CLAIM, "--mention", str(first))
    assert added.exit_code == 0 and added.output.split("\t")[0] == "1"
    suggested = json.loads(cli("claim", "suggest", "1", "--json").output)
    assert [m["id"] for m in suggested] == [echo] and suggested[0]["score"] == 1.0
    assert "1 mention linked" in cli("claim", "link", "1", str(echo)).output
    assert "DSİ: DSİ açıklaması" in cli("claim", "sources").output
    assert cli("claim", "set", "1", "verifying", "--source", "DSİ", "--note", "arandı").exit_code == 0
    verdict = cli("claim", "set", "1", "false", "--source", "DSİ: DSİ açıklaması", "--note", "Baraj gövdesi sağlam")
    assert verdict.exit_code == 0 and "claim correct 1" in verdict.output
    corrected = cli("claim", "correct", "1", operator="ayse")
    assert corrected.exit_code == 0
    statement = int(corrected.output.split("\t")[0])
    workflow.submit(store, statement, operator="ayse")
    workflow.approve(store, statement, operator="mehmet", acknowledge_warnings=True)
    publish(store, statement, "website", operator="ayse")
    [view] = claim_json(cli)
    assert FIELDS <= set(view)
    assert view["status"] == "false" and view["mentions"] == [first, echo]
    assert [e["status"] for e in view["evidence"]] == ["verifying", "false"]
    assert set(view["evidence"][0]) >= {"status", "source", "note", "operator", "at"}
    assert view["correction_statement"] == statement and view["corrected_at"]
    assert view["time_to_correction_s"] >= view["time_to_verdict_s"] >= 0
    shown = cli("claim", "show", "1")
    assert "to correction" in shown.output and "unverified → verifying" in shown.output


def test_set_without_evidence_is_a_clear_error_and_changes_nothing(cli, db_path, incident):
    cli("claim", "add", "1", CLAIM)
    for args in (("claim", "set", "1", "false"), ("claim", "set", "1", "false", "--source", "DSİ"),
                 ("claim", "set", "1", "false", "--source", " ", "--note", " ")):
        result = run_cli_process(db_path, *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr == "error: a status change needs its evidence: a source and a note\n"
    [view] = claim_json(cli)
    assert view["status"] == "unverified" and view["evidence"] == []


@pytest.mark.parametrize("args, code, message", [
    (("claim", "set", "1", "yalan", "--source", "s", "--note", "n"), 2, "Invalid value"),
    (("claim", "set", "7", "false", "--source", "s", "--note", "n"), 1, "error: no claim 7"),
    (("claim", "add", "9", "metin"), 1, "error: no incident 9"),
    (("claim", "add", "1", "metin", "--mention", "55"), 1, "error: no mention 55"),
    (("claim", "link", "1", "55"), 1, "error: no mention 55"),
    (("claim", "correct", "1"), 1, "only a false or misleading claim"),
    (("claim", "list", "x"), 2, "Invalid value"),
])
def test_bad_input_is_a_clear_error(cli, db_path, incident, args, code, message):
    cli("claim", "add", "1", CLAIM)
    result = run_cli_process(db_path, *args)
    assert result.returncode == code and message in result.stderr and "Traceback" not in result.stderr
    assert len(claim_json(cli)) == 1


def test_list_orders_by_spread_on_request(cli, store, incident):
    cli("claim", "add", "1", "Okullar bir ay kapalı")
    cli("claim", "add", "1", CLAIM)
    claims.link_mentions(store, 2, [add_mention(store, CLAIM) for _ in range(2)], operator="a")
    lines = cli("claim", "list", "1", "--by-spread").output.splitlines()
    assert lines[0].startswith("2\t") and "2 mentions" in lines[0]
    assert cli("claim", "suggest", "2").output == "no similar mentions\n"
