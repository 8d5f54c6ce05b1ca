"""Every correction the bundled drills produce is prose that passes its own lint on its channel:
the current facts by name, the next update, no internal key, no old or rumoured figure."""

import re

import pytest
from conftest import session_as

from crisiscomm import actions, claims, facts, i18n
from crisiscomm.correction_texts import channel_correction, claim_correction, fact_clause
from crisiscomm.corrections import list_corrections
from crisiscomm.drills.scenario_files import load_scenario
from crisiscomm.incidents import get as get_incident
from crisiscomm.statements import channel_texts, channels, workflow
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


def row(key, value, status="confirmed"):
    return {"key": key, "value": value, "status": status}


SHEET = {r["key"]: r for r in [row("dead", "7"), row("injured", "112"), row("hotline", "0 800 314 23 45"),
                                row("next_update", "13.00"), row("çadır sayısı", "1.250"),
                                row("missing", "4", "unconfirmed")]}


def test_channel_correction_states_the_truth_first_with_names_and_suffixes():
    body, short = channel_correction(SHEET, ["injured", "çadır sayısı", "missing"], "sms", "tr")
    assert body.startswith("Güncel bilgilere göre 112 kişi yaralanmıştır ve çadır sayısı 1.250'dir. "
                           "İlk belirlemelere göre 4 kişiden haber alınamamaktadır.")
    assert "SMS ile daha önce paylaştığımız yaralı sayısı, çadır sayısı ve kayıp kişi sayısı bilgisi" in body
    assert body.endswith("Bir sonraki bilgilendirme saat 13.00'te yapılacaktır.")
    english, _ = channel_correction(SHEET, ["dead"], "instagram", "en")
    assert english == ("According to current figures, 7 people have died. This corrects the death toll we posted "
                       "earlier on our Instagram account. Next update at 13.00.")


def test_with_nothing_wrong_the_correction_gives_the_counts_the_channel_left_out():
    body, _ = channel_correction(SHEET, [], "x", "tr", missing=["dead", "hotline"])
    assert body == "Güncel bilgilere göre 7 kişi hayatını kaybetmiştir. Bir sonraki bilgilendirme saat 13.00'te yapılacaktır."


def test_a_long_correction_is_fitted_to_x_and_keeps_the_truth_and_the_next_update():
    many = {**SHEET, "missing": row("missing", "4"), **{k: row(k, "1.234") for k in ("evacuated", "rescued")}}
    body, short = channel_correction(many, [k for k in many if k != "next_update"], "website", "tr", exercise=True)
    assert channels.x_length(channels.with_exercise_mark(short)) <= 280, short
    assert short.endswith("13.00'te yapılacaktır.") and body.startswith("Güncel bilgilere göre 7 kişi")
    assert short.startswith("Güncel bilgiler: can kaybı 7, yaralı sayısı 112") and "daha önce" not in short


def test_claim_correction_is_a_truth_sandwich():
    body, short = claim_correction("false", "AFAD", "Resmî verilere göre 7 vatandaşımız hayatını kaybetmiştir",
                                   {**SHEET, "website": row("website", "https://www.afad.gov.tr")}, "tr")
    assert body == ("Resmî verilere göre 7 vatandaşımız hayatını kaybetmiştir. "
                    "Bu konuda sosyal medyada dolaşan iddia doğru değildir. "
                    "Doğrulanmış bilgiler: https://www.afad.gov.tr "
                    "Lütfen paylaşmadan önce resmî kaynakları kontrol ediniz. "
                    "Bir sonraki bilgilendirme saat 13.00'te yapılacaktır.")
    assert channels.x_length(short) <= 280
    english, _ = claim_correction("misleading", "DSİ", "the dam is intact", {}, "en")
    assert english.startswith("The dam is intact. Source: DSİ. The claim circulating on social media about this "
                              "is misleading.")
