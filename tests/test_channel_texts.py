"""Per-channel texts of a statement version, and every bundled template filled from the demo
fact sheet passing its own lint on every channel it can be published on."""

import json
import re

import pytest
from conftest import open_incident, publish, session_as

from crisiscomm import actions, facts, playbooks
from crisiscomm.drills.scenario_files import load_scenario
from crisiscomm.posts import CHANNELS
from crisiscomm.statements import channel_texts, channels, workflow
from crisiscomm.statements.findings import errors
from crisiscomm.statements.templates import fill, slot_names

# What the drills' fact sheets do not give, for the slots of the other playbooks.
MORE_FACTS = {
    "tr": {"fact": "Resmî verilere göre depremde 2 vatandaşımız hayatını kaybetmiştir.",
           "website": "https://www.afad.gov.tr", "actions": "arama kurtarma ve çadır kurulumu",
           "restored_at": "11.20", "hotline": "0 800 314 23 11"},
    "en": {"fact": "According to official figures 2 people died in the earthquake.",
           "website": "https://www.afad.gov.tr", "actions": "search and rescue and tents set up",
           "restored_at": "11:20", "hotline": "0 800 314 23 11"},
}
# The drill of each playbook first: its fact sheet is the demo's for that kind of incident.
DRILLS = {"natural-disaster": "earthquake-casualty-rumour", "account-compromise": "account-hijack-night",
          "service-outage": "service-outage-false-claim"}
# An internal id, or a `key: value` / `key = value` dump.
INTERNAL = re.compile(r"\b(next_update|assembly_areas|status_url|restored_at|backup_channels)\b"
                      r"|\b(dead|injured|hotline)\s*[:=]")


def demo_facts(lang: str, playbook: str = "natural-disaster") -> dict[str, str]:
    sheet: dict[str, str] = {}
    for drill in sorted(DRILLS.values(), key=lambda d: d != DRILLS.get(playbook)):
        for fact in load_scenario(f"{drill}.{lang}").facts:
            sheet.setdefault(fact["key"], fact["value"])
    return {**sheet, **MORE_FACTS[lang]}


def bundled_templates():
    for playbook in ("general", "natural-disaster", "disinformation", "account-compromise", "data-breach",
                     "service-outage"):
        for template in playbooks.templates(playbook):
            yield pytest.param(playbook, template, id=f"{playbook}/{template['id']}/{template['language']}")


@pytest.mark.parametrize("exercise", [False, True], ids=["actual", "exercise"])
@pytest.mark.parametrize(("playbook", "template"), list(bundled_templates()))
def test_every_bundled_template_filled_passes_lint_on_every_channel(store, playbook, template, exercise):
    incident = open_incident(store, "Tatbikat" if exercise else "Deprem", playbook, exercise=exercise)
    for key, value in demo_facts(template["language"], playbook).items():
        facts.set_fact(store, incident.id, key, value, operator="tester")
    st = workflow.draft(store, incident.id, operator="tester", template_id=template["id"],
                        language=template["language"])
    assert st["language"] == template["language"]
    for channel in CHANNELS:
        text = channel_texts.posted_text(st, channel, exercise=exercise)
        found = errors(workflow.lint_for_incident(store, incident, text, channel))
        assert not found, f"{channel}: {[f.message for f in found]}\n{text}"
        assert "{" not in text and not INTERNAL.search(text), text
        assert not re.search(r"\d'(?:de|da|te|ta)\b.*\bitibarıyla", text)
    assert channels.x_length(channel_texts.posted_text(st, "x", exercise=exercise)) <= 280
    if template["short"]:
        assert set(st["channel_texts"]) >= {"x", "bluesky", "sms"}


def test_short_forms_use_the_same_slots_as_some_body():
    """A short form says nothing the body does not: its slots are the body's (the dead included)."""
    for playbook in ("general", "natural-disaster", "disinformation", "account-compromise", "data-breach",
                     "service-outage"):
        for template in playbooks.templates(playbook):
            if template["short"]:
                assert set(slot_names(template["short"])) <= set(slot_names(template["body"])), template["id"]
    disaster = {t["language"]: t for t in playbooks.templates("natural-disaster") if t["id"] == "holding"}
    for template in disaster.values():
        assert "dead" in slot_names(template["body"]) and "dead" in slot_names(template["short"])


def test_slots_take_turkish_suffixes_after_their_values():
    body = "{where'de} saat {when'de} deprem. Sonraki bilgilendirme saat {next_update'de}; {services'e} erişim."
    text, missing = fill(body, {"where": "Malatya (Yeşilyurt merkezli)", "when": "13.00", "next_update": "16.30",
                                "services": "SGK"})
    assert text == ("Malatya'da (Yeşilyurt merkezli) saat 13.00'te deprem. Sonraki bilgilendirme saat 16.30'da; "
                    "SGK'ye erişim.") and missing == []
    assert fill("{dead'den} fazla", {})[1] == ["dead"]


def test_one_approval_covers_every_channel_text_and_each_channel_gets_its_own(store):
    incident = open_incident(store, "Deprem", "natural-disaster")
    for key, value in demo_facts("tr").items():
        facts.set_fact(store, incident.id, key, value, operator="tester")
    st = actions.statements.draft(session_as(store, "ayse"), incident.id, template_id="holding", language="tr").value
    assert st.channel_texts["x"] != st.body and "website" not in st.channel_texts
    assert "2 kişi hayatını kaybetti, 38 kişi yaralandı" in st.channel_texts["x"]
    assert "Malatya'da (Yeşilyurt merkezli) saat 04.17'de" in st.body
    actions.statements.submit(session_as(store, "ayse"), st.id)
    actions.statements.approve(session_as(store, "mehmet"), st.id, acknowledge_warnings=True)
    x_post = publish(store, st.id, "x", operator="mehmet")
    web_post = publish(store, st.id, "website", operator="mehmet")
    assert x_post["post"]["text"] == st.channel_texts["x"] and web_post["post"]["text"] == st.body


def test_an_error_in_a_channel_text_blocks_the_one_approval(store):
    incident = open_incident(store, "Deprem", "natural-disaster")
    facts.set_fact(store, incident.id, "injured", "38", operator="tester")
    body = "Malatya'da deprem meydana geldi; 38 kişi yaralandı. Ekiplerimiz sahada. Bir sonraki bilgilendirme saat 16.00'da."
    st = workflow.draft(store, incident.id, operator="ayse", body=body, short="Deprem: 40 yaralı. Ekipler sahada.")
    found = [f for f in st["versions"][-1]["lint"] if f["severity"] == "error"]
    assert found and all(f["message"].startswith("[X, Bluesky, SMS]") for f in found)
    workflow.submit(store, st["id"], operator="ayse")
    with pytest.raises(Exception, match="40"):
        workflow.approve(store, st["id"], operator="mehmet", acknowledge_warnings=True)
    # revising the channel text alone is a new version, approved once for all channels
    workflow.revise(store, st["id"], "Deprem: 38 yaralı. Ekipler sahada. Sonraki bilgilendirme saat 16.00'da.",
                    operator="ayse", channel="x")
    st = workflow.get_statement(store, st["id"])
    assert st["version"] == 2 and st["channel_texts"]["x"].startswith("Deprem: 38") and st["body"] == body
    assert st["channel_texts"]["sms"].startswith("Deprem: 40")  # only X was revised


def test_cli_shows_and_revises_a_channel_text(cli, tmp_path):
    cli("incident", "open", "Deprem", "--playbook", "natural-disaster")
    for key, value in demo_facts("tr").items():
        cli("fact", "set", "1", key, value)
    sid = cli("statement", "draft", "1", "--template", "holding", "--language", "tr").output.split()[0]
    x = cli("statement", "show", sid, "--channel", "x").output.strip()
    assert channels.x_length(x) <= 280 and "hayatını kaybetti" in x
    shown = json.loads(cli("statement", "show", sid, "--json").output)
    assert {m["channel"]: m["over"] for m in shown["measures"]}["x"] is False
    short = tmp_path / "x.txt"
    short.write_text("Malatya'da deprem: 2 kişi hayatını kaybetti, 38 kişi yaralandı. Sonraki bilgilendirme saat 06.30'da.",
                     encoding="utf-8")
    assert cli("statement", "revise", sid, "--file", str(short), "--channel", "x").exit_code == 0
    assert cli("statement", "show", sid, "--channel", "x").output.startswith("Malatya'da deprem: 2 kişi")
    assert cli("statement", "show", sid, "--channel", "bluesky").output.strip() != short.read_text(encoding="utf-8")


def test_a_signed_approval_covers_the_channel_texts(store, db_path, monkeypatch):
    import sqlite3

    from crisiscomm import signing, timeline

    key_file, public = signing.new_key(db_path.parent / "mehmet.key")
    monkeypatch.setenv(signing.ENV_KEY, str(key_file))
    team = db_path.parent / "team.toml"
    team.write_text('[[operator]]\nname = "ayse"\nroles = ["editor"]\n\n[[operator]]\nname = "mehmet"\n'
                    f'roles = ["approver", "editor"]\npublic_key = "{public}"\n', encoding="utf-8")
    team.chmod(0o600)
    incident = open_incident(store, "Deprem", "natural-disaster", operator="mehmet")
    for key, value in demo_facts("tr").items():
        facts.set_fact(store, incident.id, key, value, operator="mehmet")
    st = actions.statements.draft(session_as(store, "ayse"), incident.id, template_id="holding", language="tr").value
    actions.statements.submit(session_as(store, "ayse"), st.id)
    actions.statements.approve(session_as(store, "mehmet"), st.id, acknowledge_warnings=True)
    (event,) = [e for e in timeline.events(store, incident.id) if e["kind"] == "statement.approved"]
    approval = {"event": event["id"], "operator": "mehmet", **event["payload"]}
    checked, problems = signing.check_approvals(store, [approval])
    assert len(checked) == 1 and problems == []
    # the X text changed behind crisiscomm's back is no longer what mehmet signed
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE statement_versions SET channel_texts = json_set(channel_texts, '$.x', 'Sahte metin')")
    raw.commit()
    raw.close()
    checked, problems = signing.check_approvals(store, [approval])
    assert checked == [] and "is not the text mehmet signed" in problems[0][1]
