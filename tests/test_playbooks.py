"""Playbooks: the bundled six pass the check; broken files are explained as FILE:LINE."""

from __future__ import annotations

import json
import pathlib
import re

import pytest

from crisiscomm import config, playbook_check, playbook_model, playbooks
from crisiscomm.errors import CrisisError
from crisiscomm.toml_lines import key_lines

BUNDLED = pathlib.Path(playbooks.BUNDLED_DIR)

MINIMAL = """\
id = "mini"
language = ["tr", "en"]
title = {tr = "Küçük", en = "Small"}

[[roles]]
id = "spokesperson"
title = {tr = "Sözcü", en = "Spokesperson"}

[[phases]]
id = "first"
title = {tr = "İlk", en = "First"}

[[steps]]
id = "convene"
phase = "first"
owner = "spokesperson"
due = "10m"
principle = "speed"
title = {tr = "Topla", en = "Convene"}
guidance = {tr = "Ekibi topla.", en = "Convene the team."}

[[steps]]
id = "holding"
phase = "first"
owner = "spokesperson"
due = "30m"
depends_on = ["convene"]
principle = "transparency"
title = {tr = "Açıklama", en = "Statement"}
guidance = {tr = "Bekleme açıklaması.", en = "Holding statement."}

[[templates]]
id = "holding"
title = {tr = "Bekleme", en = "Holding"}
body.tr = \"\"\"
{what} oldu. Bir sonraki bilgilendirme: {next_update}.\"\"\"
body.en = \"\"\"
{what} happened. Next update: {next_update}.\"\"\"
"""


def write(tmp_path: pathlib.Path, text: str, name: str = "deprem.toml") -> pathlib.Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: pathlib.Path) -> list[str]:
    return [str(p) for p in playbook_check.check_path(path)[1]]


def line_no(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the n-th line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


# -- the bundled playbooks ------------------------------------------------------------
def test_bundled_playbooks_pass_the_check():
    good, problems = playbook_check.check_path(BUNDLED)
    assert problems == []
    assert sorted(p.id for p in good) == sorted(playbooks.BUNDLED_IDS)


@pytest.mark.parametrize("playbook_id", playbooks.BUNDLED_IDS)
def test_each_bundled_playbook_is_bilingual_and_useful(playbook_id):
    pb = playbooks.load_playbook(playbook_id, "en")
    assert pb.languages == ("tr", "en")
    for step in pb.steps:
        assert step.title["tr"] and step.title["en"] and step.title["tr"] != step.title["en"]
        assert step.guidance["tr"] and step.guidance["en"]
        assert step.principle in playbook_model.PRINCIPLES
        assert step.owner in pb.roles
    # a public statement (holding statement, notice, holding line) is due within 15-30 minutes
    statement_steps = [s for s in pb.steps if re.search(r"holding|notice", s.id)]
    assert statement_steps and min(s.due for s in statement_steps) <= 30 * 60
    assert pb.update_every and pb.keywords["tr"] and pb.keywords["en"]
    tpls = playbooks.templates(playbook_id)
    assert {t["language"] for t in tpls} == {"tr", "en"}
    for tpl in tpls:
        assert "next_update" in tpl["slots"] or tpl["id"] == "restored"
        assert all(re.fullmatch(r"[a-z_]+", slot) for slot in tpl["slots"])


def test_general_always_available_and_unknown_ids_listed():
    assert playbooks.available_playbooks()[0][0] == "general"
    assert playbooks.require_playbook("general").id == "general"
    with pytest.raises(CrisisError) as exc:
        playbooks.require_playbook("tsunami")
    assert "unknown playbook 'tsunami'" in str(exc.value)
    assert "general" in str(exc.value) and "data-breach" in str(exc.value)


def test_language_follows_the_ui_and_falls_back():
    assert playbooks.load_playbook("general", "tr").text(playbooks.load_playbook("general").title) == "Genel kriz iletişimi"
    assert playbooks.load_playbook("general", "en").lang == "en"
    assert playbooks.load_playbook("general", "de").lang == "tr"  # not offered: the first language


# -- validation messages ------------------------------------------------------------
def test_minimal_playbook_is_valid(tmp_path):
    path = write(tmp_path, MINIMAL)
    good, problems = playbook_check.check_path(path)
    assert problems == [] and good[0].id == "mini"
    assert good[0].templates[0].slots("tr") == ["what", "next_update"]


@pytest.mark.parametrize(
    "old, new, needle, message",
    [
        ('depends_on = ["convene"]', 'depends_on = ["convne"]', "convne",
         "step 'holding' depends on unknown step 'convne'"),
        ('due = "30m"', 'due = "30 min"', "30 min", "step 'holding' due: bad offset '30 min'"),
        ('due = "10m"', 'due = "0m"', '"0m"', "step 'convene' due: offset '0m' must be after the start"),
        ('owner = "spokesperson"\ndue = "30m"', 'owner = "spokesman"\ndue = "30m"', "spokesman",
         "step 'holding': unknown role 'spokesman'"),
        ('principle = "speed"', 'principle = "fast"', '"fast"', "step 'convene': unknown guide principle 'fast'"),
        ('phase = "first"\nowner = "spokesperson"\ndue = "10m"', 'phase = "last"\nowner = "spokesperson"\ndue = "10m"',
         '"last"', "step 'convene': unknown phase 'last'"),
        ('depends_on = ["convene"]', 'depends_onx = ["convene"]', "depends_onx",
         "step 'holding': unknown key 'depends_onx' (did you mean 'depends_on'?)"),
        ('guidance = {tr = "Ekibi topla.", en = "Convene the team."}', 'guidance = {tr = "Ekibi topla."}',
         'guidance = {tr = "Ekibi topla."}', "missing translation: step 'convene' guidance has no 'en' text"),
        ('title = {tr = "Topla", en = "Convene"}', 'title = "Convene"', 'title = "Convene"',
         "missing translations: step 'convene' title is one string"),
        ('id = "holding"\nphase', 'id = "convene"\nphase', 'id = "convene"', "duplicate step id 'convene'"),
        ("{what} happened.", "{what} happened {0}.", "body.en", "template 'holding' (en): bad slot {0}"),
        ("{what} happened.", "{what} happened.", "body.en", None),
        ("Next update: {next_update}.", "Next update soon.", "body.en",
         "template 'holding': the 'en' body lacks slot(s) {next_update}"),
        ("{what} oldu.", "{what oldu.", "body.tr", "template 'holding' (tr): broken slot braces"),
        ("{what} oldu.", "{what'de} oldu.", "body.tr", None),
        ("{what} oldu.", "{what'xyz} oldu.", "body.tr", "template 'holding' (tr): unknown suffix in {what'xyz}"),
    ],
)
def test_each_error_names_file_line_and_field(tmp_path, old, new, needle, message):
    assert old in MINIMAL
    text = MINIMAL.replace(old, new, 1)
    path = write(tmp_path, text)
    found = problems_of(path)
    if message is None:
        assert found == []
        return
    # the duplicate-id case: the second occurrence of the needle is the duplicate
    occurrence = 2 if "duplicate" in message else 1
    expected = f"{path}:{line_no(text, needle, occurrence)}: {message}"
    assert any(p.startswith(expected) for p in found), (expected, found)


def test_dependency_cycle_and_later_dependency(tmp_path):
    text = MINIMAL.replace('due = "10m"\nprinciple = "speed"', 'due = "10m"\ndepends_on = ["holding"]\nprinciple = "speed"')
    path = write(tmp_path, text)
    found = problems_of(path)
    line = line_no(text, 'depends_on = ["holding"]')
    assert f"{path}:{line}: step 'convene' (due 10m) depends on 'holding', which is due later (30m)" in found
    assert any(re.match(rf"{re.escape(str(path))}:\d+: dependency cycle: (convene → holding → convene|holding → convene → holding)", p) for p in found)


def test_self_dependency(tmp_path):
    text = MINIMAL.replace('depends_on = ["convene"]', 'depends_on = ["holding"]')
    path = write(tmp_path, text)
    assert f"{path}:{line_no(text, 'depends_on')}: step 'holding' depends on itself" in problems_of(path)


def test_toml_syntax_error_reports_its_line(tmp_path):
    text = MINIMAL.replace('due = "30m"', 'due = "30m', 1)
    path = write(tmp_path, text)
    [problem] = problems_of(path)
    line = line_no(text, 'due = "30m')
    assert problem.startswith(f"{path}:{line}: invalid TOML: ")


def test_toml_error_at_the_end_of_the_file(tmp_path):
    path = write(tmp_path, 'id = "x"\ntitle = {tr = "a"')
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:2: invalid TOML: ") and "end of the file" in problem


def test_missing_top_level_parts_and_unknown_top_key(tmp_path):
    path = write(tmp_path, 'id = "Bad Id"\nflavour = "x"\n')
    found = problems_of(path)
    assert f"{path}:1: the playbook: id 'Bad Id' must be lowercase letters, digits, '-' or '_'" in found
    assert any(p.startswith(f"{path}:2: the playbook: unknown key 'flavour'") for p in found)
    assert any("has no language" in p for p in found)
    assert any("the playbook's title is missing" in p for p in found)
    assert any("has no steps" in p for p in found)


def test_keywords_need_every_language(tmp_path):
    text = MINIMAL.replace('title = {tr = "Küçük", en = "Small"}', 'title = {tr = "Küçük", en = "Small"}\nkeywords.tr = ["deprem"]')
    path = write(tmp_path, text)
    assert f"{path}:4: missing translation: keywords has no 'en' list of words" in problems_of(path)


def test_single_language_playbook_may_use_plain_strings(tmp_path):
    text = (MINIMAL.replace('language = ["tr", "en"]', 'language = ["tr"]')
            .replace('title = {tr = "Küçük", en = "Small"}', 'title = "Küçük"')
            .replace('\nbody.en = """\n{what} happened. Next update: {next_update}."""', ""))
    text = re.sub(r'\{tr = ("[^"]*"), en = "[^"]*"\}', r"\1", text)
    path = write(tmp_path, text)
    assert problems_of(path) == []
    assert playbook_check.check_path(path)[0][0].with_lang("en").lang == "tr"


def test_unknown_language(tmp_path):
    path = write(tmp_path, MINIMAL.replace('["tr", "en"]', '["tr", "de"]'))
    assert f"{path}:2: unknown language 'de'; languages are tr, en" in problems_of(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes('title = "Kızılay"'.encode("cp1254"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:1: not UTF-8 text")


def test_folder_check_skips_subfolders_and_finds_duplicate_ids(tmp_path):
    write(tmp_path, MINIMAL, "a.toml")
    write(tmp_path, MINIMAL, "b.toml")
    (tmp_path / "drills").mkdir()
    write(tmp_path / "drills", "not a playbook = [", "scenario.toml")
    good, problems = playbook_check.check_path(tmp_path)
    assert [p.id for p in good] == ["mini"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'b.toml'}:1: playbook id 'mini' is also used by {tmp_path / 'a.toml'}"]


def test_key_lines_skip_multiline_strings_and_arrays():
    source = 'a = """\n[[steps]]\nid = 1\n"""\n[[steps]]\nlist = [\n  "x = 1",\n]\n[steps.title]\ntr = "t"\n[[steps]]\nid = "b"  # c\n'
    lines = key_lines(source)
    assert lines[("steps", 0)] == 5 and lines[("steps", 0, "list")] == 6
    assert lines[("steps", 0, "title", "tr")] == 10
    assert lines[("steps", 1, "id")] == 12
    assert ("steps", 0, "id") not in lines


# -- where playbooks are found ------------------------------------------------------------
def test_custom_folders_beside_the_database_and_from_the_environment(tmp_path, monkeypatch):
    beside = tmp_path / "db" / "playbooks"
    beside.mkdir(parents=True)
    write(beside, MINIMAL, "mini.toml")
    env_dir = tmp_path / "env"
    env_dir.mkdir()
    write(env_dir, MINIMAL.replace('en = "Small"', 'en = "Small (team)"'), "mini.toml")
    write(env_dir, MINIMAL.replace('id = "mini"', 'id = "broken"').replace('due = "10m"', 'due = "soon"'), "broken.toml")
    db = tmp_path / "db" / "cc.db"
    config.configure(None)
    assert "mini" not in dict(playbooks.available_playbooks())
    config.configure(db)
    assert dict(playbooks.available_playbooks())["mini"]
    monkeypatch.setenv(playbooks.ENV_DIR, str(env_dir))
    config.configure(db)  # the environment is read when the configuration is resolved
    found, problems = playbooks.catalog()
    assert found["mini"].source == str(env_dir / "mini.toml")  # the environment folder wins
    assert "broken" not in found and any("broken.toml" in p.file and "soon" in p.message for p in problems)
    assert playbooks.load_playbook("mini", "en").text(found["mini"].title) == "Small (team)"


# -- the command line --------------------------------------------------------------------
def test_cli_playbooks_list_and_json(cli):
    result = cli("playbooks", "list")
    assert result.exit_code == 0
    for pid in playbooks.BUNDLED_IDS:
        assert pid in result.output
    rows = json.loads(cli("playbooks", "list", "--json").output)
    general = next(r for r in rows if r["id"] == "general")
    assert general["bundled"] and general["languages"] == ["tr", "en"] and "holding" in general["templates"]


def test_cli_playbooks_show(cli):
    result = cli("playbooks", "show", "data-breach")
    assert result.exit_code == 0 and "board-notification" in result.output and "T+72h" in result.output
    data = json.loads(cli("playbooks", "show", "data-breach", "--json").output)
    assert any(s["step_id"] == "board-notification" and s["due"] == "72h" for s in data["steps"])
    assert cli("playbooks", "show", "nope").exit_code == 1


def test_cli_check_ok_and_broken(cli, tmp_path):
    ok = cli("playbooks", "check", str(BUNDLED))
    assert ok.exit_code == 0 and "6 playbooks valid" in ok.output
    text = MINIMAL.replace('depends_on = ["convene"]', 'depends_on = ["convne"]')
    path = write(tmp_path, text)
    bad = cli("playbooks", "check", str(path))
    assert bad.exit_code == 1
    assert f"{path}:{line_no(text, 'convne')}: step 'holding' depends on unknown step 'convne'" in bad.output
    assert cli("playbooks", "check", str(tmp_path / "missing.toml")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("playbooks", "check", str(empty))
    assert result.exit_code == 1 and "no playbook files" in result.output
