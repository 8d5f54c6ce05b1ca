"""Every correction the bundled drills produce is prose that passes its own lint on its channel:
the current facts by name, the next update, no internal key, no old or rumoured figure."""

import re

import pytest
from conftest import session_as

from crisiscomm import actions, claims, facts, i18n
from crisiscomm.correction_texts import fact_clause
from crisiscomm.corrections import list_corrections
from crisiscomm.drills.scenario_files import load_scenario
from crisiscomm.incidents import get as get_incident
from crisiscomm.statements import channel_texts, workflow
from crisiscomm.statements.findings import errors
from crisiscomm.statements.templates import templates_for

INTERNAL = re.compile(r"\b(next_update|assembly_areas|seriously_injured)\b|\b(dead|injured|hotline|yaralı|ölü)\s*[:=]\s*\d")
PUBLISHED_ON = ("x", "facebook", "sms", "website")


def play_drill(store, name: str):
    """The drill with its first template published everywhere, then every inject played."""
    scenario = load_scenario(name)
    lead, approver = session_as(store, "lead"), session_as(store, "approver")
    incident_id = actions.drills.start(lead, scenario, paused=True).value.incident_id
    template = templates_for(scenario.playbook)[0]
    st = actions.statements.draft(lead, incident_id, template_id=template["id"], language=scenario.language).value
    actions.statements.submit(lead, st.id)
    actions.statements.approve(approver, st.id, acknowledge_warnings=True)
    for channel in PUBLISHED_ON:
        actions.statements.publish(approver, st.id, channel)
    rumours = []
    while True:
        fired = actions.drills.skip(lead, incident_id).value
        if not fired:
            break
        for f in fired:
            if f.outcome.get("claim"):
                rumours.append(f.outcome["claim"])
            elif f.inject.type == "rumour":  # a player registers the rumour the drill did not
                rumours.append(claims.add_claim(store, incident_id, f.inject.content, operator="lead")["id"])
    return scenario, incident_id, rumours


@pytest.mark.parametrize("lang", ["tr", "en"])
@pytest.mark.parametrize("drill", ["earthquake-casualty-rumour", "account-hijack-night", "service-outage-false-claim"])
def test_every_correction_a_drill_produces_passes_lint_on_its_channel(store, drill, lang):
    i18n.set_lang(lang)
    try:
        scenario, incident_id, rumours = play_drill(store, f"{drill}.{lang}")
        lead = session_as(store, "lead")
        incident = get_incident(store, incident_id)
        sheet = facts.current(store, incident_id)
        drafted = []
        for channel in sorted({c["channel"] for c in list_corrections(store, incident_id, state="open")}):
            drafted.append((channel, actions.consistency.draft_correction(lead, incident_id, channel).value))
        for claim_id in rumours:
            claim = claims.get_claim(store, claim_id)
            truth = " ".join(fact_clause(k, sheet[k]["value"], lang) for k in ("dead", "injured") if k in sheet)
            note = (truth or "Resmî kaynaklar iddiayı doğrulamıyor") + "."
            actions.claims.set_status(lead, claim_id, "verifying", source="AFAD", note="İnceleniyor")
            actions.claims.set_status(lead, claim_id, "false", source="AFAD", note=note)
            st = actions.claims.correct(lead, claim_id).value
            drafted += [(channel, st) for channel in ("x", "bluesky", "sms", "website")]
            view = workflow.get_statement(store, st.id)
            for channel in ("x", "website"):
                text = channel_texts.posted_text(view, channel, exercise=True)
                assert claim["text"] not in text
                rumour_numbers = set(re.findall(r"\d+", claim["text"])) - set(re.findall(r"\d+", note))
                assert not any(re.search(rf"(?<!\d){n}(?!\d)", text) for n in rumour_numbers), text
                assert text.split("\n", 1)[1].startswith(note[:20]), text  # the truth comes first
        for channel, st in drafted:
            view = workflow.get_statement(store, st.id)
            text = channel_texts.posted_text(view, channel, exercise=True)
            found = errors(workflow.lint_for_incident(store, incident, text, channel))
            assert not found, f"{drill}.{lang} {channel}: {[f.message for f in found]}\n{text}"
            assert not INTERNAL.search(text), text
            if "next_update" in sheet:
                assert sheet["next_update"]["value"] in text, text
        assert drafted
    finally:
        i18n.set_lang("en")
