"""Approvals signed with a per-operator Ed25519 key: the room's setup through the real `crisiscomm`
(key new, the public half in team.toml), signed approvals checked offline by `verify` and shown by
the report, a wrong key refused, a key team.toml no longer lists or a changed text named."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys

STATEMENT = ("Malatya'da saat 04.17'de deprem meydana gelmiştir. 15 kişi yaralanmıştır. Ekiplerimiz bölgede "
             "çalışmalarını sürdürmektedir. Bir sonraki bilgilendirme saat 16.00'da yapılacaktır.\n")


def _cc(db, *args, operator="ayse", key=None):
    """The real `crisiscomm`, as `operator`, holding the private key at `key` (CRISISCOMM_KEY)."""
    env = dict(os.environ, CRISISCOMM_OPERATOR=operator, CRISISCOMM_LANG="en",
               CRISISCOMM_KEY=str(key or db.parent / "no-key"))
    return subprocess.run([sys.executable, "-m", "crisiscomm", "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120, env=env)


def _ok(proc):
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    return proc.stdout


def _public_key(output: str) -> str:
    return re.search(r'public_key = "([A-Za-z0-9+/=]+)"', output).group(1)


def test_a_room_signs_its_approvals_and_verify_checks_them_offline(tmp_path, db_path):
    keys = tmp_path / "keys"
    made = _ok(_cc(db_path, "key", "new", key=keys / "mehmet.key"))
    assert stat.S_IMODE(os.stat(keys / "mehmet.key").st_mode) == 0o600 and "PRIVATE" not in made
    mehmet_public = _public_key(made)
    assert _public_key(_ok(_cc(db_path, "key", "show", key=keys / "mehmet.key"))) == mehmet_public
    again = _cc(db_path, "key", "new", key=keys / "mehmet.key")
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr
    other_public = _public_key(_ok(_cc(db_path, "key", "new", key=keys / "other.key")))
    team = db_path.parent / "team.toml"
    team.write_text('[[operator]]\nname = "ayse"\nroles = ["editor"]\n\n'
                    f'[[operator]]\nname = "mehmet"\nroles = ["approver"]\npublic_key = "{mehmet_public}"\n',
                    encoding="utf-8")
    os.chmod(team, 0o644)

    _ok(_cc(db_path, "incident", "open", "Deprem", "--playbook", "general"))
    (tmp_path / "st.txt").write_text(STATEMENT, encoding="utf-8")
    _ok(_cc(db_path, "statement", "draft", "1", "--file", str(tmp_path / "st.txt")))
    _ok(_cc(db_path, "statement", "submit", "1"))
    # a key team.toml does not list for mehmet (or none at all) cannot approve as him
    for wrong in (keys / "other.key", keys / "missing.key"):
        refused = _cc(db_path, "statement", "approve", "1", "--ack-warnings", operator="mehmet", key=wrong)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
        assert "not the one team.toml lists" in refused.stderr or "no signing key" in refused.stderr
    _ok(_cc(db_path, "statement", "approve", "1", "--ack-warnings", operator="mehmet", key=keys / "mehmet.key"))

    verified = _ok(_cc(db_path, "verify", operator="zeynep"))  # anyone may verify, offline, with no key
    assert "1 signed approval verified" in verified
    data = json.loads(_ok(_cc(db_path, "report", "1", "--format", "json")))
    [signed] = data["chain"]["signed"]
    assert signed["approver"] == "mehmet" and signed["statement"] == 1 and signed["version"] == 1
    assert "signed by mehmet" in _ok(_cc(db_path, "report", "1"))

    # the room replaces mehmet's key in team.toml: the old signature can no longer be checked, and verify says so
    team.write_text(team.read_text(encoding="utf-8").replace(mehmet_public, other_public), encoding="utf-8")
    broken = _cc(db_path, "verify")
    assert broken.returncode == 1 and "which team.toml does not list for them" in broken.stdout
    team.write_text(team.read_text(encoding="utf-8").replace(other_public, mehmet_public), encoding="utf-8")
    _ok(_cc(db_path, "verify"))

    # the approved text changed with sqlite3: caught as a changed row and as not the text mehmet signed
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE statement_versions SET body = replace(body, '15 kişi', '5 kişi')")
    conn.commit()
    conn.close()
    tampered = _cc(db_path, "verify")
    assert tampered.returncode == 1 and "statement_versions row" in tampered.stdout and "more problem" in tampered.stdout


def test_a_broken_key_file_is_a_clear_error(tmp_path, db_path):
    team = db_path.parent / "team.toml"
    public = _public_key(_ok(_cc(db_path, "key", "new", key=tmp_path / "m.key")))
    team.write_text(f'[[operator]]\nname = "mehmet"\nroles = ["approver", "editor"]\npublic_key = "{public}"\n'
                    '[[operator]]\nname = "ayse"\nroles = ["editor"]\n', encoding="utf-8")
    os.chmod(team, 0o644)
    _ok(_cc(db_path, "incident", "open", "Deprem", "--playbook", "general"))
    (tmp_path / "st.txt").write_text(STATEMENT, encoding="utf-8")
    _ok(_cc(db_path, "statement", "draft", "1", "--file", str(tmp_path / "st.txt")))
    _ok(_cc(db_path, "statement", "submit", "1"))
    os.chmod(tmp_path / "m.key", 0o644)
    proc = _cc(db_path, "statement", "approve", "1", "--ack-warnings", operator="mehmet", key=tmp_path / "m.key")
    assert proc.returncode == 1 and "can be read by others" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "m.key").write_text("not a key")
    os.chmod(tmp_path / "m.key", 0o600)
    proc = _cc(db_path, "statement", "approve", "1", "--ack-warnings", operator="mehmet", key=tmp_path / "m.key")
    assert proc.returncode == 1 and "not a usable private key" in proc.stderr
    team.write_text('[[operator]]\nname = "mehmet"\nroles = ["approver"]\npublic_key = "bm90IGEga2V5"\n')
    proc = _cc(db_path, "statement", "approve", "1", "--ack-warnings", operator="mehmet", key=tmp_path / "m.key")
    assert proc.returncode == 1 and "not an Ed25519 public key" in proc.stderr
