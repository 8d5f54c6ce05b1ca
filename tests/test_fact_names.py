"""Facts have one canonical key and names people type and read in either language."""

import json

import pytest

from crisiscomm import i18n
from crisiscomm.errors import CrisisError
from crisiscomm.fact_names import canonical_key, display_name, fact_names


@pytest.mark.parametrize("typed", ["injured", "yaralı", "Yaralı sayısı", "YARALI SAYISI", "yarali_sayisi",
                                   "yaralı  sayısı", "Number of injured", "wounded"])
def test_every_name_and_alias_is_the_one_key(typed):
    assert canonical_key(typed) == "injured"


def test_names_in_the_ui_language():
    assert display_name("injured", "tr") == "Yaralı sayısı"
    assert display_name("dead", "en") == "Death toll"
    i18n.set_lang("tr")
    try:
        assert display_name("next_update") == "Bir sonraki bilgilendirme saati"
    finally:
        i18n.set_lang("en")
    assert display_name("tents_delivered") == "tents delivered"  # nobody named it: shown as typed


def test_a_key_already_on_the_sheet_written_another_way_is_the_same_fact():
    assert canonical_key("Çadır Sayısı", ["çadır sayısı"]) == "çadır sayısı"
    assert canonical_key("  yeni   bilgi ") == "yeni bilgi"


def test_cli_sets_the_one_fact_whatever_name_is_typed(cli):
    cli("incident", "open", "Deprem", "--playbook", "natural-disaster")
    cli("fact", "set", "1", "injured", "112")
    r = cli("--lang", "tr", "fact", "set", "1", "yaralı", "120")
    assert r.exit_code == 0 and r.output.startswith("Yaralı sayısı: 120")
    cli("fact", "set", "1", "Ölü sayısı", "7")
    rows = json.loads(cli("fact", "list", "1", "--json").output)
    assert {(f["key"], f["value"], f["version"]) for f in rows} == {("injured", "120", 2), ("dead", "7", 1)}
    assert {f["name"] for f in rows} == {"Number of injured", "Death toll"}
    listed = cli("--lang", "tr", "fact", "list", "1").output
    assert "Yaralı sayısı: 120" in listed and "Can kaybı: 7" in listed and "injured" not in listed


def test_a_room_may_name_its_own_facts(tmp_path):
    (tmp_path / "fact_synonyms.toml").write_text(
        '[facts.tents]\nname = {tr = "Çadır sayısı", en = "Tents"}\naliases = ["çadır"]\nkind = "count"\n'
        'words = ["çadır*"]\n', encoding="utf-8")
    names = fact_names(tmp_path)
    assert names.key_for("çadır") == "tents" and names.name("tents", "tr") == "Çadır sayısı"
    assert names.key_for("yaralı") == "injured"  # the bundled names stay


def test_a_bad_name_table_is_a_clear_error(tmp_path):
    (tmp_path / "fact_synonyms.toml").write_text('[facts.tents]\nname = "Çadır"\n', encoding="utf-8")
    with pytest.raises(CrisisError, match="facts.tents.name"):
        fact_names(tmp_path)


def test_a_drill_expectation_may_name_the_fact_in_turkish():
    from crisiscomm.drills.scenario import Expectation
    from crisiscomm.drills.scoring import _payload_matches

    expect = Expectation("fact.set", 600, match={"key": "yaralı sayısı", "value": "87"})
    assert _payload_matches(expect, {"key": "injured", "value": "87"})
    assert not _payload_matches(expect, {"key": "dead", "value": "87"})


def test_an_ambiguous_name_is_refused_with_the_facts_it_may_mean(cli):
    cli("incident", "open", "Deprem", "--playbook", "natural-disaster")
    r = cli("--lang", "tr", "fact", "set", "1", "kayıp", "3")
    assert r.exit_code == 1 and "'Can kaybı' / 'Kayıp kişi sayısı'" in r.output and "Traceback" not in r.output
    assert cli("fact", "set", "1", "kayıp kişi", "3").exit_code == 0
    assert [f["key"] for f in json.loads(cli("fact", "list", "1", "--json").output)] == ["missing"]
