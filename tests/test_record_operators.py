"""Operators who are who they say: names compared as people read them, a team file that cannot be
walked around, one role matrix enforced for every change (through the real `crisiscomm` process)."""

from __future__ import annotations

import os
import pathlib
import re
import unicodedata

import pytest
from conftest import run_cli_process

from crisiscomm import actions, config, identity, operators
from crisiscomm.actions import roles

STATEMENT = ("Malatya'da saat 04.17'de deprem meydana gelmiştir. 15 kişi yaralanmıştır. Ekiplerimiz bölgede "
             "çalışmalarını sürdürmektedir. Bir sonraki bilgilendirme saat 16.00'da yapılacaktır.\n")
NFC_AYSE = unicodedata.normalize("NFC", "ayşe")
NFD_AYSE = unicodedata.normalize("NFD", "ayşe")
TEAM = ('[[operator]]\nname = "ayse"\nroles = ["approver", "editor"]\n\n'
        '[[operator]]\nname = "mehmet"\nroles = ["approver"]\n\n'
        '[[operator]]\nname = "can"\nroles = ["monitor"]\n')


def cc(db, *args, operator="tester"):
    """In-process (fast); the tests that need the real process call run_cli_process."""
    from click.testing import CliRunner

    from crisiscomm.cli import main

    result = CliRunner().invoke(main, ["--db", str(db), "--operator", operator, "--lang", "en", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return _Result(result.exit_code, result.stdout, result.stderr)


class _Result:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def _in_review(db, tmp_path, author: str) -> int:
    text = tmp_path / "st.txt"
    text.write_text(STATEMENT, encoding="utf-8")
    proc = cc(db, "statement", "draft", "1", "--file", str(text), operator=author)
    assert proc.returncode == 0, proc.stderr
    statement_id = int(re.search(r"\d+", proc.stdout).group())
    assert cc(db, "statement", "submit", str(statement_id), operator=author).returncode == 0
    return statement_id


# -- names -------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("ayse", "AYSE"), ("ayse", "Ayşe"), ("ayse", NFD_AYSE), (NFC_AYSE, NFD_AYSE), ("ayse", "ａｙｓｅ"),
    ("ayse", "ауѕе"),  # every letter Cyrillic: one script, still a look-alike
    ("İSMAİL", "ismail"), ("ISIK", "ışık"), ("kerim", "kerirn"), ("Ayşe  Yılmaz", "ayse yilmaz"),
])
def test_spellings_of_one_person_share_an_identity(a, b):
    assert identity.same_person(identity.check_name(a), identity.check_name(b))


@pytest.mark.parametrize("a, b", [("ayse", "ayten"), ("can", "cem"), ("ali", "veli")])
def test_different_people_stay_different(a, b):
    assert not identity.same_person(a, b)


@pytest.mark.parametrize("raw, reason", [
    ("ay\u200bse", "U+200B ZERO WIDTH SPACE"), ("\ufeffayse", "U+FEFF"), ("ay\u202ese", "RIGHT-TO-LEFT OVERRIDE"),
    ("ay\u2066se", "U+2066"), ("a\x07yse", "control"), ("\u0430yse", "Cyrillic and Latin"), ("   ", "empty"),
])
def test_a_name_a_reader_cannot_see_rightly_is_refused_with_the_reason(raw, reason):
    with pytest.raises(identity.InvalidName, match=re.escape(reason)):
        identity.check_name(raw)


def test_names_are_recorded_as_written_after_nfkc():
    assert identity.check_name("ayşe\x1b]0;pwned\x07\x1b[8m") == "ayşe"  # a whole escape sequence shows as nothing
    assert identity.check_name("ａｙｓｅ") == "ayse"
    assert identity.check_name(NFD_AYSE) == NFC_AYSE
    assert identity.check_name(" Ayşe   Yılmaz ") == "Ayşe Yılmaz"


def test_no_spelling_of_the_author_approves_her_statement(tmp_path, db_path):
    assert cc(db_path, "incident", "open", "Deprem", "--playbook", "general", operator="ayse").returncode == 0
    spellings = ["AYSE", "Ayşe", NFD_AYSE, "\u0430yse", "ay\u200bse", "ａｙｓｅ", "\ufeffayse", "ауѕе"]
    for author in ("ayse", NFC_AYSE):
        for spelling in spellings:
            statement_id = _in_review(db_path, tmp_path, author)
            proc = cc(db_path, "statement", "approve", str(statement_id), "--ack-warnings", operator=spelling)
            assert proc.returncode == 1, (author, spelling, proc.stdout)
            assert "two-person rule" in proc.stderr or "operator name" in proc.stderr, proc.stderr
    proc = cc(db_path, "statement", "approve", str(statement_id), "--ack-warnings", operator="mehmet")
    assert proc.returncode == 0, proc.stderr


def test_the_real_process_refuses_a_look_alike_approver(tmp_path, db_path):
    assert cc(db_path, "incident", "open", "Deprem", "--playbook", "general", operator="ayse").returncode == 0
    statement_id = _in_review(db_path, tmp_path, "ayse")
    for spelling in (NFD_AYSE, "ay\u200bse"):
        proc = run_cli_process(db_path, "statement", "approve", str(statement_id), "--ack-warnings", operator=spelling)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    proc = run_cli_process(db_path, "statement", "approve", str(statement_id), "--ack-warnings", operator="mehmet")
    assert proc.returncode == 0, proc.stderr


# -- the team file ---------------------------------------------------------------------------

@pytest.fixture
def room(tmp_path, db_path):
    assert cc(db_path, "incident", "open", "Deprem", "--playbook", "general", operator="ayse").returncode == 0
    team = tmp_path / "team.toml"
    team.write_text(TEAM, encoding="utf-8")
    os.chmod(team, 0o644)
    return db_path, team


def test_every_change_needs_its_role_and_a_stranger_may_only_read(room, tmp_path):
    db, _team = room
    refused = [
        ("can", ("fact", "set", "1", "injured", "20")),
        ("can", ("post", "add", "1", "--channel", "x", "--text", "20 yaralı")),
        ("can", ("incident", "close", "1")),
        ("can", ("statement", "draft", "1", "--template", "holding")),
        ("zeynep", ("incident", "close", "1")),
        ("zeynep", ("checklist", "start", "1", "convene")),
        ("zeynep", ("claim", "add", "1", "Baraj yıkıldı")),
        ("zeynep", ("alerts", "--off", "spike")),
    ]
    for who, args in refused:
        proc = cc(db, *args, operator=who)
        assert proc.returncode == 1, (who, args, proc.stdout)
        assert "may not" in proc.stderr or "may only read" in proc.stderr, proc.stderr
    for args in (("incident", "list"), ("fact", "list", "1"), ("timeline", "1"), ("report", "1"), ("verify",)):
        assert cc(db, *args, operator="zeynep").returncode == 0, args
    assert cc(db, "claim", "add", "1", "Baraj yıkıldı", operator="can").returncode == 0
    assert cc(db, "fact", "set", "1", "injured", "20", operator="AYSE").returncode == 0  # her roles, any spelling


@pytest.mark.parametrize("make, says", [
    (lambda team, d: (team.unlink(), os.symlink(d / "missing.toml", team)), "symbolic link"),
    (lambda team, d: ((d / "real.toml").write_text(TEAM), team.unlink(), os.symlink(d / "real.toml", team)),
     "symbolic link"),
    (lambda team, d: (team.unlink(), team.mkdir()), "not a regular file"),
    (lambda team, d: os.chmod(team, 0o666), "writable by others"),
    (lambda team, d: os.chmod(team, 0o664), "writable by others"),
    (lambda team, d: team.write_text('[[operator]\nname = "ayse"\n'), "invalid TOML"),
    (lambda team, d: team.write_text('[[operator]]\nname = "ay\u200bse"\nroles = ["approver"]\n'), "invisible"),
    (lambda team, d: team.write_text('[[operator]]\nname = "ayse"\nroles = ["approver"]\n'
                                     '[[operator]]\nname = "AYŞE"\nroles = ["monitor"]\n'), "same person"),
], ids=["dangling-symlink", "symlink", "directory", "world-writable", "group-writable", "malformed",
        "invisible-name", "same-person-twice"])
def test_a_team_file_that_cannot_be_trusted_is_refused_not_ignored(room, tmp_path, make, says):
    db, team = room
    statement_id = _in_review(db, tmp_path, "ayse")
    make(team, tmp_path)
    proc = cc(db, "statement", "approve", str(statement_id), "--ack-warnings", operator="mehmet")
    assert proc.returncode == 1, proc.stdout
    assert says in proc.stderr and "team" in proc.stderr, proc.stderr
    assert "approved" not in cc(db, "statement", "list", "1").stdout


def test_a_member_bound_to_an_os_account_acts_only_from_it(room):
    db, team = room
    me = operators.os_account()
    team.write_text(TEAM.replace('name = "ayse"\n', f'name = "ayse"\naccount = "{me}-not"\n')
                    .replace('name = "can"\n', f'name = "can"\naccount = "{me}"\n'), encoding="utf-8")
    proc = cc(db, "fact", "set", "1", "injured", "20", operator="ayse")
    assert proc.returncode == 1 and "bound to the OS account" in proc.stderr, proc.stderr
    # without --operator, the member bound to this OS account is who acts
    env_less = run_cli_process(db, "claim", "add", "1", "Köprü çöktü", operator="")
    assert env_less.returncode == 0, env_less.stderr
    assert any(e["operator"] == "can" for e in _events(db))


def _events(db):
    import json

    return json.loads(cc(db, "timeline", "1", "--json").stdout)


# -- the matrix ------------------------------------------------------------------------------

def _every_action():
    import inspect

    for module in (getattr(actions, name) for name in actions.__all__):
        if inspect.ismodule(module):
            for fn in vars(module).values():
                if callable(fn) and hasattr(fn, "action_name"):
                    yield fn


def test_every_action_is_in_the_one_matrix_and_the_readme_tells_it():
    names = {fn.action_name for fn in _every_action()}
    assert names | {"backup.restore", "feeds.poll"} == set(roles.MATRIX)  # checked by hand: not one transaction
    readme = (pathlib.Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Roles", 1)[1].split("\n## ", 1)[0]
    documented = {}
    for action_name, roles_text in re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \|[^|]*\| ([^|]+) \|$", section, re.M):
        documented[action_name] = tuple(sorted(r.strip() for r in roles_text.split(",")))
    assert documented == {k: tuple(sorted(v)) for k, v in roles.MATRIX.items()}


def test_without_a_team_file_everyone_may_do_everything(tmp_path):
    config.configure(tmp_path / "cc.db")
    for action_name in roles.MATRIX:
        roles.require("anyone", action_name)
