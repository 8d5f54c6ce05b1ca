"""Statement workflow: slots, versions, states, two-person rule, roles, exercise, concurrency."""

import concurrent.futures
import json

import pytest
from conftest import publish, run_cli_process, session_as
from test_lint import GOOD
from test_pii import VALID_TC

from crisiscomm import actions, facts, incidents, posts, timeline
from crisiscomm.errors import CrisisError, Refused
from crisiscomm.statements import workflow

TEMPLATE = {"id": "holding", "language": "tr", "title": "Bekleme",
            "body": "Malatya'da {when} deprem meydana geldi; {injured} yaralı var. Ekiplerimiz çalışıyor. "
                    "Bir sonraki bilgilendirme saat {next_update}'de."}


@pytest.fixture
def with_template(monkeypatch):
    """A template defined here, served as the playbooks module serves its own."""
    from crisiscomm import playbooks

    monkeypatch.setattr(playbooks, "templates", lambda playbook_id, db_path=None: [TEMPLATE])


def incident(store, exercise=False):
    return incidents.open_incident(store, "Deprem", "general", operator="lead", exercise=exercise).id


def kinds(store, incident_id):
    return [e["kind"] for e in timeline.events(store, incident_id) if e["kind"].startswith("statement.")]


def test_template_slots_are_filled_from_the_fact_sheet(store, with_template):
    inc = incident(store)
    facts.set_fact(store, inc, "injured", "15", operator="lead")
    st = workflow.draft(store, inc, operator="ayse", template_id="holding")
    assert st["id"] == 1 and st["title"] == "Bekleme" and st["template_id"] == "holding"
    assert "15 yaralı" in st["body"] and "{when}" in st["body"] and "{next_update}" in st["body"]
    slots = [f["message"] for f in st["versions"][0]["lint"] if f["rule"] == "template.slot"]
    # the slot is named in words (its fact's display name); `{when}` only as the text shows it
    assert len(slots) == 2 and slots[0].startswith("The “Time of the event” slot is not filled (it stands as {when}")
    # once the facts are set, a revision fills the remaining slots
    facts.set_fact(store, inc, "when", "04:17'de", operator="lead")
    facts.set_fact(store, inc, "next_update", "08:00", operator="lead")
    st = workflow.revise(store, st["id"], st["body"], operator="ayse")
    assert st["version"] == 2 and "{" not in st["body"]
    assert [f for f in st["versions"][-1]["lint"] if f["severity"] == "error"] == []
    with pytest.raises(CrisisError, match="no template 'nope'"):
        workflow.draft(store, inc, operator="ayse", template_id="nope")


def test_unfilled_slot_blocks_approval(store, with_template):
    inc = incident(store)
    st = workflow.draft(store, inc, operator="ayse", template_id="holding")
    workflow.submit(store, st["id"], operator="ayse")
    with pytest.raises(Refused, match="template.slot"):
        workflow.approve(store, st["id"], operator="mehmet", acknowledge_warnings=True)


def test_full_flow_states_versions_and_events(store):
    inc = incident(store)
    st = workflow.draft(store, inc, operator="ayse", body=GOOD, title="İlk açıklama")
    assert (st["state"], st["version"], st["language"]) == ("draft", 1, "tr")
    workflow.submit(store, st["id"], operator="ayse")
    with pytest.raises(Refused, match="two-person rule"):
        workflow.approve(store, st["id"], operator="ayse")
    with pytest.raises(Refused, match="two-person rule"):
        workflow.reject(store, st["id"], operator="ayse", reason="x")
    with pytest.raises(CrisisError, match="reason"):
        workflow.reject(store, st["id"], operator="mehmet", reason="  ")
    st = workflow.reject(store, st["id"], operator="mehmet", reason="Saat eksik")
    assert st["state"] == "rejected" and st["versions"][-1]["reason"] == "Saat eksik"
    with pytest.raises(Refused, match="revise it first"):
        workflow.submit(store, st["id"], operator="ayse")
    with pytest.raises(Refused, match="unchanged"):
        workflow.revise(store, st["id"], GOOD, operator="ayse")
    st = workflow.revise(store, st["id"], GOOD + " Ekipler sahada.", operator="ayse")
    assert [v["state"] for v in st["versions"]] == ["rejected", "draft"]
    workflow.submit(store, st["id"], operator="ayse")
    st = workflow.approve(store, st["id"], operator="mehmet")
    assert (st["state"], st["approver"]) == ("approved", "mehmet")
    with pytest.raises(Refused, match="approved by mehmet"):
        workflow.approve(store, st["id"], operator="zeynep")
    st = publish(store, st["id"], "x", operator="ayse", url="https://x.com/kurum/status/1")
    assert st["state"] == "published" and st["simulated"] is False and st["channels"] == ["x"]
    post = posts.get_post(store, st["post"]["id"])
    assert (post["statement_id"], post["version_id"], post["url"]) == (st["id"], st["versions"][-1]["id"],
                                                                       "https://x.com/kurum/status/1")
    # a second channel for the same version, then a newer version supersedes it
    publish(store, st["id"], "website", operator="ayse")
    st = workflow.revise(store, st["id"], GOOD + " Ekipler sahada. Çadırlar kuruldu.", operator="ayse")
    workflow.submit(store, st["id"], operator="ayse")
    workflow.approve(store, st["id"], operator="mehmet")
    assert [v["state"] for v in workflow.get_statement(store, st["id"])["versions"]] == [
        "rejected", "published", "approved"]
    st = publish(store, st["id"], "x", operator="ayse")
    assert [v["state"] for v in st["versions"]] == ["rejected", "superseded", "published"]
    assert kinds(store, inc) == [
        "statement.drafted", "statement.submitted", "statement.rejected", "statement.revised",
        "statement.submitted", "statement.approved", "statement.published", "statement.published",
        "statement.revised", "statement.submitted", "statement.approved", "statement.published"]
    last = timeline.events(store, inc)[-1]
    assert last["payload"]["superseded"] == [2]
    listed = workflow.list_statements(store, inc)
    assert [s["id"] for s in listed] == [1] and len(listed[0]["versions"]) == 3


def test_lint_errors_block_approval_and_warnings_need_acknowledgement(store):
    inc = incident(store)
    bad = workflow.draft(store, inc, operator="ayse", body=GOOD + f" Yaralı (TC {VALID_TC}) hastanede.")
    workflow.submit(store, bad["id"], operator="ayse")
    with pytest.raises(Refused, match="personal_data.tc_kimlik"):
        workflow.approve(store, bad["id"], operator="mehmet", acknowledge_warnings=True)
    warned = workflow.draft(store, inc, operator="ayse", body=GOOD + " Binalar muhtemelen hasarlı.")
    workflow.submit(store, warned["id"], operator="ayse")
    with pytest.raises(Refused, match="acknowledge"):
        workflow.approve(store, warned["id"], operator="mehmet")
    st = workflow.approve(store, warned["id"], operator="mehmet", acknowledge_warnings=True)
    assert st["state"] == "approved"
    event = [e for e in timeline.events(store, inc) if e["kind"] == "statement.approved"][-1]
    assert event["payload"]["acknowledged_warnings"] == ["accuracy.speculation"]


def test_a_fact_changed_after_approval_blocks_publishing(store):
    inc = incident(store)
    facts.set_fact(store, inc, "injured", "15", operator="lead")
    st = workflow.draft(store, inc, operator="ayse", body=GOOD + " 15 yaralı var.")
    workflow.submit(store, st["id"], operator="ayse")
    workflow.approve(store, st["id"], operator="mehmet")
    facts.set_fact(store, inc, "injured", "17", operator="lead")
    with pytest.raises(Refused, match="accuracy.number"):
        publish(store, st["id"], "website", operator="ayse")
    assert posts.list_posts(store, inc) == []


def test_publishing_checks_the_channel_length(store):
    inc = incident(store)
    st = workflow.draft(store, inc, operator="ayse", body=GOOD + " Ekipler sahada." * 12)
    workflow.submit(store, st["id"], operator="ayse")
    workflow.approve(store, st["id"], operator="mehmet")
    with pytest.raises(Refused, match="channel.length"):
        publish(store, st["id"], "x", operator="ayse")
    assert publish(store, st["id"], "facebook", operator="ayse")["state"] == "published"
    with pytest.raises(CrisisError, match="unknown channel"):
        publish(store, st["id"], "myspace", operator="ayse")
    with pytest.raises(CrisisError, match="http"):
        publish(store, st["id"], "website", operator="ayse", url="javascript:alert(1)")


def test_only_approvers_approve_when_there_is_a_team_file(store, db_path):
    (db_path.parent / "team.toml").write_text(
        '[[operator]]\nname = "ayse"\nroles = ["editor"]\n[[operator]]\nname = "mehmet"\nroles = ["approver"]\n'
        '[[operator]]\nname = "zeynep"\nroles = ["editor"]\n')
    inc = incident(store)
    st = workflow.draft(store, inc, operator="ayse", body=GOOD)
    workflow.submit(store, st["id"], operator="ayse")
    with pytest.raises(Refused, match="needs the approver role"):
        actions.statements.approve(session_as(store, "zeynep"), st["id"])
    assert actions.statements.approve(session_as(store, "mehmet"), st["id"]).value.state == "approved"


def test_exercise_statements_are_stamped_and_never_posted_live(store):
    inc = incident(store, exercise=True)
    st = workflow.draft(store, inc, operator="ayse", body=GOOD)
    assert st["body"].startswith("TATBİKAT / EXERCISE\n")
    st = workflow.revise(store, st["id"], GOOD + " Ekipler sahada.", operator="ayse")
    assert st["body"].count("TATBİKAT / EXERCISE") == 1
    workflow.submit(store, st["id"], operator="ayse")
    workflow.approve(store, st["id"], operator="mehmet")
    with pytest.raises(Refused, match="live channel"):
        publish(store, st["id"], "x", operator="ayse", url="https://x.com/kurum/status/1")
    st = publish(store, st["id"], "sms", operator="ayse")
    assert st["simulated"] is True
    post = posts.list_posts(store, inc)[0]
    assert post["text"].startswith("TATBİKAT / EXERCISE") and post["url"] is None
    assert [e for e in timeline.events(store, inc) if e["kind"] == "statement.published"][-1]["payload"]["simulated"] is True


def test_missing_things_are_clear_errors(store):
    with pytest.raises(CrisisError, match="no incident 9"):
        workflow.draft(store, 9, operator="ayse", body="x")
    with pytest.raises(CrisisError, match="no statement 5"):
        workflow.submit(store, 5, operator="ayse")
    inc = incident(store)
    with pytest.raises(CrisisError, match="not both"):
        workflow.draft(store, inc, operator="ayse", body="x", template_id="holding")
    blank = workflow.draft(store, inc, operator="ayse")
    assert blank["body"] == ""
    with pytest.raises(Refused, match="empty"):
        workflow.submit(store, blank["id"], operator="ayse")


def test_two_threads_approving_at_once_exactly_one_wins(db_path):
    from crisiscomm.store import Store

    with Store(db_path) as s:
        inc = incident(s)
        sid = workflow.draft(s, inc, operator="ayse", body=GOOD)["id"]
        workflow.submit(s, sid, operator="ayse")

    def attempt(name):
        with Store(db_path) as own:
            try:
                workflow.approve(own, sid, operator=name)
                return "won"
            except Refused:
                return "refused"

    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(attempt, ["mehmet", "zeynep", "can", "deniz"]))
    assert sorted(results) == ["refused", "refused", "refused", "won"]


def test_two_processes_approving_at_once_exactly_one_wins(db_path, cli):
    cli("incident", "open", "Deprem", "--playbook", "general")
    text = db_path.parent / "s.txt"
    text.write_text(GOOD, encoding="utf-8")
    assert cli("statement", "draft", "1", "--file", str(text), operator="ayse").exit_code == 0
    assert cli("statement", "submit", "1", operator="ayse").exit_code == 0
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        runs = list(pool.map(lambda name: run_cli_process(db_path, "statement", "approve", "1", operator=name),
                             ["mehmet", "zeynep"]))
    assert sorted(r.returncode for r in runs) == [0, 1], [r.stderr for r in runs]
    loser = next(r for r in runs if r.returncode == 1)
    assert "already" in loser.stderr or "approved by" in loser.stderr
    assert "Traceback" not in loser.stderr
    listed = json.loads(cli("statement", "list", "1", "--json").output)
    assert listed[0]["state"] == "approved" and listed[0]["approver"] in ("mehmet", "zeynep")
    from crisiscomm.store import Store

    with Store(db_path) as s:
        assert [e["kind"] for e in timeline.events(s, 1)].count("statement.approved") == 1


def test_fact_sheet_versions_only_real_changes_and_drops_control_characters(store):
    inc = incident(store)
    first = facts.set_fact(store, inc, "injured", "15", operator="ayse")
    again = facts.set_fact(store, inc, " injured ", "15 ", operator="mehmet")
    assert again["version"] == first["version"] == 1  # re-entering the same value makes no version or event
    assert [e["kind"] for e in timeline.events(store, inc)].count("fact.set") == 1
    changed = facts.set_fact(store, inc, "injured", "17\x1b[31m", operator="mehmet", source="AFAD\x07")
    assert (changed["version"], changed["value"], changed["source"]) == (2, "17[31m", "AFAD")
    assert facts.set_fact(store, inc, "injured", "17[31m", operator="x", status="unconfirmed", source="AFAD")["version"] == 3
    with pytest.raises(CrisisError, match="at most"):
        facts.set_fact(store, inc, "injured", "1" * 1001, operator="ayse")
