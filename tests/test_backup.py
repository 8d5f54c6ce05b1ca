"""Backups of a live database while another process writes, and restores that check first."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from conftest import run_cli_process

from crisiscomm import actions, audit, backup, facts, incidents, timeline
from crisiscomm.errors import CrisisError, Refused
from crisiscomm.store import Store

WRITER = """
import os, sys, time
from crisiscomm.store import Store
from crisiscomm import facts
store = Store(sys.argv[1])
end = time.monotonic() + 60
n = 0
print("ready", flush=True)
while time.monotonic() < end and not os.path.exists(sys.argv[2]):
    facts.set_fact(store, 1, "sheltered", str(1000 + n), operator="writer")
    n += 1
print(n, flush=True)
"""


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def live(store):
    iid = incidents.open_incident(store, "Deprem", "general", operator="ayse").id
    facts.set_fact(store, iid, "injured", "12", operator="ayse")
    return store


def test_backup_while_another_process_writes(live, db_path, tmp_path):
    os.umask(0o022)  # so that 0600 proves the program chose it
    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(stop)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        copies = []
        for n in range(3):
            result = run_cli_process(db_path, "backup", str(tmp_path / f"copy{n}.db"))
            assert result.returncode == 0, result.stderr
            copies.append(tmp_path / f"copy{n}.db")
        time.sleep(0.3)
    finally:
        stop.touch()
        written = int(writer.communicate(timeout=60)[0].split()[-1])
    assert written > 20  # the writer kept writing while the copies were taken
    counts = []
    for copy in copies:
        assert oct(copy.stat().st_mode & 0o777) == "0o600"
        assert not os.path.exists(f"{copy}-wal")  # one file
        with sqlite3.connect(copy) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with Store(copy, migrate=False) as copied:
            assert audit.verify(copied).ok
            counts.append(timeline.head(copied)[0])
    assert counts == sorted(counts) and counts[-1] > counts[0]
    assert timeline.head(live)[0] > counts[-1]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no scratch file left
    stop.unlink()


def test_backup_refuses_what_it_must(live, db_path, tmp_path):
    target = tmp_path / "copy.db"
    backup.backup(db_path, target)
    with pytest.raises(Refused, match="--force"):
        backup.backup(db_path, target)
    assert backup.backup(db_path, target, force=True).events == timeline.head(live)[0]
    trap = tmp_path / "trap.db"
    trap.symlink_to(tmp_path / "elsewhere.db")
    with pytest.raises(Refused, match="symbolic link"):
        backup.backup(db_path, trap, force=True)
    assert not (tmp_path / "elsewhere.db").exists()
    with pytest.raises(CrisisError, match="no database"):
        backup.backup(tmp_path / "missing.db", tmp_path / "x.db")
    assert backup.backup(db_path, tmp_path).path.name == "cc-backup.db"  # a directory gets a name


def test_restore_checks_first_and_needs_force(live, db_path, tmp_path):
    copy = backup.backup(db_path, tmp_path / "copy.db")
    before = digest(copy.path)
    facts.set_fact(live, 1, "injured", "15", operator="ayse")
    live.close()
    refused = run_cli_process(db_path, "restore", str(copy.path))
    assert refused.returncode == 1 and "--force" in refused.stderr and "Traceback" not in refused.stderr
    fresh = tmp_path / "fresh" / "restored.db"
    done = run_cli_process(db_path, "restore", str(copy.path), "--db", str(fresh))
    assert done.returncode == 0, done.stderr
    assert oct(fresh.stat().st_mode & 0o777) == "0o600"
    assert run_cli_process(fresh, "verify").returncode == 0
    with Store(fresh) as restored:
        assert facts.current(restored, 1)["injured"]["value"] == "12"
        assert timeline.events(restored, limit=1, newest_first=True)[0]["kind"] == "database.restored"
    assert digest(copy.path) == before  # the backup itself is never written


def test_restore_into_a_database_another_process_has_open(live, db_path, tmp_path):
    copy = backup.backup(db_path, tmp_path / "copy.db")
    facts.set_fact(live, 1, "injured", "15", operator="ayse")
    done = actions.backup.restore(copy.path, db_path, force=True, operator="ayse")
    assert done.kinds == ("database.restored",) and done.value.events == copy.events
    assert facts.current(live, 1)["injured"]["value"] == "12"  # the open connection sees the restored data
    assert audit.verify(live).ok
    facts.set_fact(live, 1, "injured", "16", operator="ayse")  # and keeps working
    assert audit.verify(live).ok


def test_restore_refuses_a_damaged_newer_or_foreign_file(live, db_path, tmp_path):
    target = tmp_path / "target.db"
    with Store(target) as other:
        incidents.open_incident(other, "Başka", "general", operator="can")
    before = digest(target)
    tampered = backup.backup(db_path, tmp_path / "tampered.db").path
    with sqlite3.connect(tampered) as conn:
        conn.execute("DROP TRIGGER events_no_update")
        conn.execute("UPDATE events SET operator = 'mallory' WHERE id = 2")
    with pytest.raises(CrisisError, match="does not verify"):
        backup.restore(tampered, target, force=True)
    newer = backup.backup(db_path, tmp_path / "newer.db").path
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 999")
    with pytest.raises(Refused, match="newer crisiscomm"):
        backup.restore(newer, target, force=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(CrisisError, match="not a database"):
        backup.restore(junk, target, force=True)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(CrisisError, match="not a crisiscomm database"):
        backup.restore(foreign, target, force=True)
    assert digest(target) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_restore_is_an_approvers_action_refused_before_anything_is_written(live, db_path, tmp_path):
    copy = backup.backup(db_path, tmp_path / "copy.db")
    facts.set_fact(live, 1, "injured", "15", operator="ayse")
    live.close()
    team = tmp_path / "team.toml"
    team.write_text('[[operator]]\nname = "can"\nroles = ["monitor"]\n\n'
                    '[[operator]]\nname = "ayse"\nroles = ["approver"]\n', encoding="utf-8")
    os.chmod(team, 0o644)
    before = digest(db_path)
    refused = run_cli_process(db_path, "restore", str(copy.path), "--force", operator="can")
    assert refused.returncode == 1 and "approver" in refused.stderr and "Traceback" not in refused.stderr
    assert digest(db_path) == before
    with Store(db_path) as kept:
        assert facts.current(kept, 1)["injured"]["value"] == "15"
