"""The channel × fact matrix and the corrections that follow a fact change."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli_process, session_as

from crisiscomm import actions, incidents, posts, timeline
from crisiscomm.consistency import has_conflicts, matrix
from crisiscomm.corrections import correction_texts, dismiss, list_corrections
from crisiscomm.errors import CrisisError, NotFound

X_POST = "Selde 15 yaralı var. Bilgi hattı: 0 800 123 45 67. Sonraki açıklama 16:00."
FB_POST = "Sel felaketinde yaralı sayısı 15. Yardım için 0 800 123 45 67."


@pytest.fixture
def incident(store) -> int:
    return incidents.open_incident(store, "Sel", "general", operator="ayse").id


def set_fact(store, incident_id: int, key: str, value: str, **kw) -> list[str]:
    """Through the action, as the CLI does: returns the lines its reactions tell (corrections)."""
    return list(actions.facts.set_fact(session_as(store, "ayse"), incident_id, key, value, **kw).notes)


def post(store, incident_id: int, channel: str, text: str, **kw) -> dict:
    done = actions.posts.add_post(session_as(store, "mehmet"), incident_id, channel, text, **kw)
    return {**done.value.as_dict(), "notes": list(done.notes)}


def cells(store, incident_id: int) -> dict[tuple[str, str], dict]:
    return {(c["channel"], c["fact"]): c for c in matrix(store, incident_id)["cells"]}


def states(store, incident_id: int) -> dict[tuple[str, str], str]:
    return {k: c["state"] for k, c in cells(store, incident_id).items()}


def events(store, incident_id: int, kind: str) -> list[dict]:
    return [e for e in timeline.events(store, incident_id, limit=10_000) if e["kind"] == kind]


@pytest.fixture
def sheet(store, incident) -> int:
    set_fact(store, incident, "injured", "15", source="Valilik")
    set_fact(store, incident, "hotline", "0 800 123 45 67", source="Valilik")
    set_fact(store, incident, "next_update", "16:00")
    set_fact(store, incident, "cause", "şiddetli yağış")
    return incident


def test_agrees_contradicts_and_missing(store, sheet) -> None:
    post(store, sheet, "x", X_POST)
    post(store, sheet, "facebook", FB_POST)
    post(store, sheet, "website", "Sel nedeniyle 12 vatandaşımız yaralandı. 2 ev boşaltıldı.")
    got = cells(store, sheet)
    assert {k: c["state"] for k, c in got.items()} == {
        ("x", "injured"): "agrees", ("x", "hotline"): "agrees", ("x", "next_update"): "agrees",
        ("facebook", "injured"): "agrees", ("facebook", "hotline"): "agrees", ("facebook", "next_update"): "missing",
        ("website", "injured"): "contradicts", ("website", "hotline"): "missing", ("website", "next_update"): "missing",
    }
    web = got[("website", "injured")]
    assert (web["value"], web["expected"], web["text"]) == ("12", "15", "12 vatandaşımız yaralandı")
    assert got[("facebook", "next_update")]["value"] is None
    # free text facts are not compared: no cells for `cause`
    assert all(fact != "cause" for _, fact in got)
    assert has_conflicts(matrix(store, sheet))


def test_numbers_tied_to_no_fact_are_not_contradictions(store, sheet) -> None:
    post(store, sheet, "x", "15 yaralı. 3 ilçede 40 okul tatil edildi, 2 köprü kapalı. Saat 09.30'da başlayan yağış.")
    result = matrix(store, sheet)
    assert not has_conflicts(result)
    assert states(store, sheet)[("x", "injured")] == "agrees"
    assert states(store, sheet)[("x", "next_update")] == "missing"


def test_only_the_latest_post_of_a_channel_counts(store, sheet) -> None:
    post(store, sheet, "website", "12 yaralı")
    assert states(store, sheet)[("website", "injured")] == "contradicts"
    post(store, sheet, "website", "15 yaralı")
    assert states(store, sheet)[("website", "injured")] == "agrees"


def test_a_fact_change_flags_every_channel_still_saying_the_old_value(store, sheet) -> None:
    for channel, text in (("x", X_POST), ("facebook", FB_POST), ("website", "Sel nedeniyle 15 vatandaşımız yaralandı.")):
        post(store, sheet, channel, text)
    post(store, sheet, "sms", "Bilgi hattı 0 800 123 45 67")
    notes = set_fact(store, sheet, "injured", "18")
    got = cells(store, sheet)
    for channel in ("x", "facebook", "website"):
        cell = got[(channel, "injured")]
        assert (cell["state"], cell["value"], cell["expected"], cell["old_version"]) == ("stale", "15", "18", 1)
    assert got[("sms", "injured")]["state"] == "missing"
    assert len(notes) == 3 and all("15" in n and "18" in n for n in notes)
    opened = list_corrections(store, sheet, state="open")
    assert {(c["channel"], c["fact"], c["value"], c["expected"]) for c in opened} == {
        (ch, "injured", "15", "18") for ch in ("x", "facebook", "website")}
    needed = events(store, sheet, "consistency.correction_needed")
    assert {e["payload"]["channel"] for e in needed} == {"x", "facebook", "website"}
    # changing it again does not open a second correction for the same channel
    assert set_fact(store, sheet, "injured", "19") == []
    assert len(list_corrections(store, sheet, state="open")) == 3


def test_a_value_the_fact_never_had_contradicts_rather_than_stale(store, sheet) -> None:
    post(store, sheet, "x", "12 yaralı")
    set_fact(store, sheet, "injured", "18")
    assert states(store, sheet)[("x", "injured")] == "contradicts"
    assert list_corrections(store, sheet) == []


def test_a_post_that_agrees_resolves_the_correction(store, sheet) -> None:
    post(store, sheet, "x", X_POST)
    set_fact(store, sheet, "injured", "18")
    newer = post(store, sheet, "x", "Güncelleme: yaralı sayısı 18'e yükseldi.")
    assert newer["notes"] and "X now agrees on number of injured" in newer["notes"][0]
    (fix,) = list_corrections(store, sheet)
    assert (fix["state"], fix["resolution_post_id"]) == ("resolved", newer["id"])
    (event,) = events(store, sheet, "consistency.correction_resolved")
    assert event["payload"]["resolution_post"] == newer["id"] and event["payload"]["fact"] == "injured"
    assert states(store, sheet)[("x", "injured")] == "agrees"


def test_a_post_that_does_not_state_the_fact_leaves_the_correction_open(store, sheet) -> None:
    post(store, sheet, "x", X_POST)
    set_fact(store, sheet, "injured", "18")
    post(store, sheet, "x", "Ekiplerimiz sahada çalışmaya devam ediyor.")
    assert [c["state"] for c in list_corrections(store, sheet)] == ["open"]


def test_the_fact_returning_to_the_posted_value_resolves_the_correction(store, sheet) -> None:
    post(store, sheet, "x", X_POST)
    set_fact(store, sheet, "injured", "18")
    notes = set_fact(store, sheet, "injured", "15")
    assert notes and "X now agrees on number of injured" in notes[0]
    assert [c["state"] for c in list_corrections(store, sheet)] == ["resolved"]
    # 18 is now the old value
    post(store, sheet, "facebook", "18 yaralı")
    assert states(store, sheet)[("facebook", "injured")] == "stale"


def test_a_new_post_with_an_old_value_opens_a_correction(store, sheet) -> None:
    set_fact(store, sheet, "injured", "18")
    late = post(store, sheet, "instagram", "15 yaralı")
    assert late["notes"]
    (fix,) = list_corrections(store, sheet, state="open")
    assert (fix["channel"], fix["post_id"]) == ("instagram", late["id"])


def test_dismissing_a_correction_needs_a_reason_and_is_logged(store, sheet) -> None:
    post(store, sheet, "x", X_POST)
    set_fact(store, sheet, "injured", "18")
    with pytest.raises(CrisisError, match="reason"):
        dismiss(store, sheet, "x", "injured", operator="ayse", reason="  ")
    with pytest.raises(NotFound):
        dismiss(store, sheet, "facebook", "injured", operator="ayse", reason="x")
    row = dismiss(store, sheet, "X", "injured", operator="ayse", reason="post deleted")
    assert (row["state"], row["reason"], row["closed_by"]) == ("dismissed", "post deleted", "ayse")
    (event,) = events(store, sheet, "consistency.correction_dismissed")
    assert event["payload"]["reason"] == "post deleted"
    # the channel still says the old value: the matrix keeps saying so
    assert states(store, sheet)[("x", "injured")] == "stale"


def test_a_post_from_a_superseded_statement_version_is_stale(store, sheet) -> None:
    with store.write():
        statement = store.execute(
            "INSERT INTO statements (incident_id, created_by, created_at) VALUES (?, 'ayse', '2026-01-01T00:00:00+00:00')",
            (sheet,)).lastrowid
        old = store.execute(
            "INSERT INTO statement_versions (statement_id, version, body, author, created_at, state)"
            " VALUES (?, 1, ?, 'ayse', '2026-01-01T00:00:00+00:00', 'superseded')", (statement, X_POST)).lastrowid
    posts.add_post(store, sheet, "x", X_POST, operator="mehmet", statement_id=statement, version_id=old)
    got = cells(store, sheet)
    assert got[("x", "injured")]["state"] == "stale" and got[("x", "injured")]["superseded"]
    assert matrix(store, sheet)["channels"][0]["superseded"] is True
    assert posts.list_posts(store, sheet)[0]["statement_version"] == 1


def test_phone_and_time_matching(store, incident) -> None:
    set_fact(store, incident, "hotline", "0 800 123 45 67")
    set_fact(store, incident, "press_line", "0 312 555 12 12")
    set_fact(store, incident, "next_update", "16:00")
    post(store, incident, "x", "Basın için 0 312 555 12 12. Bilgi hattı 0 800 999 99 99. Sel saat 14.30'da başladı.")
    got = cells(store, incident)
    assert got[("x", "press_line")]["state"] == "agrees"
    assert (got[("x", "hotline")]["state"], got[("x", "hotline")]["value"]) == ("contradicts", "0 800 999 99 99")
    # a time that is not named as the next update is not compared with it
    assert got[("x", "next_update")]["state"] == "missing"


def test_unnamed_phone_against_the_only_phone_fact(store, incident) -> None:
    set_fact(store, incident, "hotline", "0 800 123 45 67")
    post(store, incident, "sms", "Yardım için 0 800 111 22 33")
    assert states(store, incident)[("sms", "hotline")] == "contradicts"


def test_values_stated_for_facts_not_on_the_sheet_are_listed_not_judged(store, sheet) -> None:
    post(store, sheet, "x", "15 yaralı, 3 ölü.")
    result = matrix(store, sheet)
    assert result["channels"][0]["unlisted"] == [{"fact": "dead", "kind": "count", "value": "3", "text": "3 ölü"}]
    assert not has_conflicts(result)


def test_exercise_posts_are_simulated_and_stamped(store) -> None:
    drill = incidents.open_incident(store, "Tatbikat", "general", operator="ayse", exercise=True).id
    set_fact(store, drill, "injured", "15")
    row = post(store, drill, "x", "15 yaralı")
    assert row["simulated"] == 1 and row["text"].startswith(incidents.EXERCISE_MARK)
    assert posts.public_view(row)["simulated"] is True
    assert matrix(store, drill)["mode"] == "exercise"
    assert states(store, drill)[("x", "injured")] == "agrees"
    (event,) = events(store, drill, "post.added")
    assert event["payload"]["simulated"] is True


def test_correction_is_prose_with_the_current_facts_and_the_next_update(store, sheet) -> None:
    set_fact(store, sheet, "next_update", "17:00", status="unconfirmed")
    post(store, sheet, "x", X_POST)
    set_fact(store, sheet, "injured", "18")
    body, short = correction_texts(store, sheet, "x", "tr")
    assert body.startswith("Güncel bilgilere göre 18 kişi yaralanmıştır.")
    assert "X hesabımızda daha önce paylaştığımız yaralı sayısı ve bir sonraki bilgilendirme saati bilgisi" in body and "saat 17:00'de" in body
    assert "15" not in body and "injured" not in body and "next_update" not in body
    english, _ = correction_texts(store, sheet, "x", "en")
    assert english.startswith("According to current figures, 18 people have been injured.")
    assert "Number of injured".lower() in english.lower() and "on our X account" in english


def test_override_next_to_the_database_is_used(store, db_path, incident) -> None:
    (db_path.parent / "fact_synonyms.toml").write_text('[facts.shelters]\nkind = "count"\nwords = ["çadır*"]\n', encoding="utf-8")
    set_fact(store, incident, "shelters", "300")
    post(store, incident, "x", "Bölgeye 250 çadır kuruldu.")
    assert states(store, incident)[("x", "shelters")] == "contradicts"


# -- command line ---------------------------------------------------------------------
def test_cli_matrix_json_and_exit_codes(cli) -> None:
    cli("incident", "open", "Sel", "--playbook", "general")
    cli("fact", "set", "1", "injured", "15")
    cli("post", "add", "1", "--channel", "x", "--text", "15 yaralı")
    ok = cli("consistency", "1", "--json")
    assert ok.exit_code == 0
    data = json.loads(ok.output)
    assert set(data) >= {"cells", "corrections", "facts", "channels", "summary"}
    (cell,) = data["cells"]
    assert {k: cell[k] for k in ("channel", "fact", "state", "value", "expected", "post")} == {
        "channel": "x", "fact": "injured", "state": "agrees", "value": "15", "expected": "15", "post": 1}
    changed = cli("fact", "set", "1", "injured", "18")
    assert "Correction needed — X: number of injured still 15 (now 18)" in changed.output
    stale = cli("consistency", "1", "--json")
    assert stale.exit_code == 1
    data = json.loads(stale.output)
    assert data["cells"][0]["state"] == "stale" and data["summary"]["stale"] == 1
    assert [c["state"] for c in data["corrections"]] == ["open"]
    text = cli("consistency", "1")
    assert text.exit_code == 1
    assert "stale: X says Number of injured = 15, the fact sheet says 18 (post 1)" in text.output
    assert "correction needed since" in text.output


def test_cli_dismiss(cli) -> None:
    cli("incident", "open", "Sel", "--playbook", "general")
    cli("fact", "set", "1", "injured", "15")
    cli("post", "add", "1", "--channel", "x", "--text", "15 yaralı")
    cli("fact", "set", "1", "injured", "18")
    assert cli("consistency", "dismiss", "1", "x", "injured").exit_code == 2  # --reason is required
    empty = cli("consistency", "dismiss", "1", "x", "injured", "--reason", " ")
    assert empty.exit_code == 1 and "error: dismissing a correction needs a reason" in empty.output
    assert cli("consistency", "dismiss", "1", "tiktok", "injured", "--reason", "r").exit_code == 2
    none = cli("consistency", "dismiss", "1", "facebook", "injured", "--reason", "r")
    assert none.exit_code == 1 and "no open correction for facebook / Number of injured" in none.output
    done = cli("consistency", "dismiss", "1", "x", "injured", "--reason", "silindi")
    assert done.exit_code == 0 and "dismissed" in done.output
    data = json.loads(cli("consistency", "1", "--json").output)
    assert data["corrections"][0]["state"] == "dismissed"


@pytest.mark.parametrize("args, code, message", [
    (("consistency", "9"), 1, "error: no incident 9"),
    (("consistency", "nine"), 2, "nine"),
    (("consistency",), 2, "dismiss"),
])
def test_cli_matrix_bad_input(cli, args, code, message) -> None:
    cli("incident", "open", "Sel", "--playbook", "general")
    result = cli(*args)
    assert result.exit_code == code and message in result.output


def test_empty_matrix_in_words(cli) -> None:
    cli("incident", "open", "Sel", "--playbook", "general")
    result = cli("consistency", "1")
    assert result.exit_code == 0 and "no posts yet" in result.output


def test_other_process_sees_the_change_at_once(db_path, store, sheet) -> None:
    post(store, sheet, "x", X_POST)
    result = run_cli_process(db_path, "fact", "set", str(sheet), "injured", "18")
    assert result.returncode == 0 and "Correction needed" in result.stdout
    assert states(store, sheet)[("x", "injured")] == "stale"
    shown = run_cli_process(db_path, "consistency", str(sheet), "--json")
    assert shown.returncode == 1
    assert any(c["state"] == "stale" and c["channel"] == "x" for c in json.loads(shown.stdout)["cells"])
