"""Opening a database: a newer one is refused untouched; an archived (read-only) copy can be
verified, reported, listed and shown, and refuses every change with a clear message."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat

import pytest
from conftest import run_cli_process

from crisiscomm.schema_version import SCHEMA_VERSION


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(db_path) -> None:
    assert run_cli_process(db_path, "incident", "open", "Deprem", "--playbook", "general").returncode == 0
    assert run_cli_process(db_path, "fact", "set", "1", "injured", "15").returncode == 0
    assert run_cli_process(db_path, "post", "add", "1", "--channel", "x", "--text", "15 kişi yaralandı").returncode == 0


def test_a_newer_database_is_refused_and_left_as_it_was(db_path):
    _filled(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("PRAGMA journal_mode = DELETE")  # one file, so its bytes tell whether anything wrote
    conn.commit()
    conn.close()
    before = _digest(db_path)
    for args in (("incident", "list"), ("verify",), ("fact", "set", "1", "injured", "16")):
        proc = run_cli_process(db_path, *args)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "newer crisiscomm" in proc.stderr and "Traceback" not in proc.stderr
        assert f"schema {SCHEMA_VERSION + 5}" in proc.stderr
    assert _digest(db_path) == before
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


@pytest.fixture
def archived(tmp_path, db_path):
    """An evidence copy: one file (no WAL beside it), mode 0444."""
    _filled(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    os.chmod(db_path, 0o444)
    yield db_path
    os.chmod(db_path, 0o600)


def test_an_archived_copy_is_read_for_verify_report_timeline_and_metrics(archived, tmp_path):
    before = _digest(archived)
    verify = run_cli_process(archived, "verify")
    assert verify.returncode == 0, verify.stderr
    assert "holds" in verify.stdout
    report = run_cli_process(archived, "report", "1", "--format", "json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["chain"]["verified"] is True
    timeline = run_cli_process(archived, "timeline", "1", "--json")
    assert timeline.returncode == 0, timeline.stderr
    assert any(e["kind"] == "fact.set" for e in json.loads(timeline.stdout))
    assert run_cli_process(archived, "metrics", "1", "--json").returncode == 0
    assert run_cli_process(archived, "incident", "list", "--json").returncode == 0
    assert _digest(archived) == before
    assert not (tmp_path / "cc.db-wal").exists()
    assert stat.S_IMODE(archived.stat().st_mode) == 0o444


def test_a_change_to_an_archived_copy_is_refused_clearly(archived):
    before = _digest(archived)
    proc = run_cli_process(archived, "fact", "set", "1", "injured", "99")
    assert proc.returncode == 1
    assert "read-only" in proc.stderr and "Traceback" not in proc.stderr
    assert _digest(archived) == before


async def test_the_dashboard_shows_an_archived_copy_and_says_it_is_read_only(archived):
    from crisiscomm.tui.app import DashboardApp

    app = DashboardApp(archived, operator="tester", lang="en", incident_id=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        header = str(app.query_one("#header-title").render())
        assert "READ-ONLY" in header
        assert any("read-only" in n.text for n in app.notices)
    assert app.store.read_only


def _listing(folder) -> dict[str, str]:
    """Every file in the folder with the digest of its bytes."""
    return {p.name: _digest(p) for p in sorted(folder.iterdir())}


@pytest.fixture
def evidence(tmp_path):
    """A database as crisiscomm leaves it (WAL mode, checkpointed, no side files) in its own folder."""
    folder = tmp_path / "evidence"
    folder.mkdir()
    db = folder / "cc.db"
    _filled(db)
    assert sorted(p.name for p in folder.iterdir()) == ["cc.db"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    yield db
    folder.chmod(0o755)
    db.chmod(0o600)


@pytest.mark.parametrize("locked", ["file", "folder"])
def test_reading_an_archived_wal_database_leaves_no_side_file_and_changes_no_byte(evidence, locked):
    """`mode=ro` alone would make -wal and -shm beside it: an archive is read immutable. Modes are
    read as bits (root ignores them), so a file without write bits, or a folder without them, is
    an archive whoever runs this."""
    folder = evidence.parent
    (evidence if locked == "file" else folder).chmod(0o444 if locked == "file" else 0o555)
    before = _listing(folder)
    verify = run_cli_process(evidence, "verify")
    assert verify.returncode == 0 and "holds" in verify.stdout, verify.stdout + verify.stderr
    report = run_cli_process(evidence, "report", "1", "--format", "json")
    assert report.returncode == 0 and json.loads(report.stdout)["chain"]["verified"] is True, report.stderr
    refused = run_cli_process(evidence, "fact", "set", "1", "injured", "99")
    assert refused.returncode == 1 and "read-only" in refused.stderr and "Traceback" not in refused.stderr
    if locked == "folder":
        assert "no permission to write in its folder" in refused.stderr
    copied = run_cli_process(evidence, "backup", str(folder.parent / "copy.db"))  # evidence copied on
    assert copied.returncode == 0 and "Traceback" not in copied.stderr, copied.stderr
    assert _listing(folder) == before


def test_an_archive_with_its_wal_is_read_whole_from_a_private_copy(evidence):
    """A copy of the database and its WAL (no -shm index): what the WAL holds is read, and
    nothing appears beside the evidence; the private copy is gone once closed."""
    from crisiscomm.store import Store

    folder = evidence.parent
    live = sqlite3.connect(evidence)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute("UPDATE incidents SET title = 'Deprem (WAL)'")  # only in the WAL: the copy must read it
    live.commit()
    (folder / "copy").mkdir()
    for suffix in ("", "-wal"):
        (folder / "copy" / f"cc.db{suffix}").write_bytes((folder / f"cc.db{suffix}").read_bytes())
    live.close()
    archive = folder / "copy" / "cc.db"
    archive.chmod(0o444)
    before = _listing(archive.parent)
    store = Store(archive)
    try:
        assert store.read_only and store.scalar("SELECT title FROM incidents") == "Deprem (WAL)"
        scratch = store._scratch
        assert scratch is not None and scratch.exists() and stat.S_IMODE(scratch.stat().st_mode) == 0o700
    finally:
        store.close()
    assert not scratch.exists()
    assert _listing(archive.parent) == before


def _as_schema_17(db_path, sql: str = "") -> None:
    """The file as crisiscomm of schema 17 left it: sources and the tombstone key not sealed yet."""
    conn = sqlite3.connect(db_path)
    if sql:
        conn.execute(sql)
    conn.execute("PRAGMA user_version = 17")
    conn.commit()
    conn.close()


def test_an_archive_of_the_schema_before_is_read_as_it_is_and_still_verified(evidence):
    """Schema 18 only began sealing `feeds` and `record_keys`: an archive of 17 is read, and its
    other tables checked, without a migration (which a read-only file cannot have)."""
    _as_schema_17(evidence, "INSERT INTO feeds (name, url, added_at) VALUES ('eski', 'https://x.example/rss', "
                            "'2026-11-01T00:00:00+00:00')")  # written by 17, which sealed no source
    evidence.chmod(0o444)
    before = _listing(evidence.parent)
    verify = run_cli_process(evidence, "verify")
    assert verify.returncode == 0 and "holds" in verify.stdout, verify.stdout + verify.stderr
    assert run_cli_process(evidence, "report", "1", "--format", "json").returncode == 0
    assert _listing(evidence.parent) == before
    evidence.chmod(0o644)
    _as_schema_17(evidence, "UPDATE facts SET value = '99'")
    evidence.chmod(0o444)
    forged = run_cli_process(evidence, "verify")
    assert forged.returncode == 1 and "facts row" in forged.stdout, forged.stdout


def test_a_source_sealed_by_the_chain_is_checked_whatever_the_file_says_its_schema_is(evidence):
    """Setting the file's schema back to 17 does not hide an edit of a source an event sealed."""
    assert run_cli_process(evidence, "mention", "add", "1", "Baraj", "--source", "phone").returncode == 0
    _as_schema_17(evidence, "UPDATE feeds SET trust = 'official'")
    evidence.chmod(0o444)
    proc = run_cli_process(evidence, "verify")
    assert proc.returncode == 1 and "feeds row 1" in proc.stdout, proc.stdout
