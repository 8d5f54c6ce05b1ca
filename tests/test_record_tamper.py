"""Any edit of any stored state is caught by `verify`: each sealed table is edited with sqlite3
directly (its triggers dropped, as someone holding the file would), a row changed, added or
deleted; the real `crisiscomm verify` names it and exits 1, and a report says it does not verify."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3

import pytest
from conftest import run_cli_process, session_as

from crisiscomm import actions, audit, config, seal
from crisiscomm.drills.scenario_files import bundled_scenarios, load_scenario
from crisiscomm.store import Store

STATEMENT = ("Malatya'da saat 04.17'de deprem meydana gelmiştir. 20 kişi yaralanmıştır. Ekiplerimiz bölgede "
             "çalışmalarını sürdürmektedir. Bir sonraki bilgilendirme saat 16.00'da yapılacaktır.")


def _populate(db_path) -> None:
    """Every sealed table holds rows, each written the way the product writes it."""
    store = Store(db_path)
    ayse, mehmet = session_as(store, "ayse"), session_as(store, "mehmet")
    incident = actions.incidents.open_incident(ayse, "Deprem", "general").value.id
    actions.facts.set_fact(ayse, incident, "injured", "15")
    actions.posts.add_post(ayse, incident, "x", "Malatya'da 15 kişi yaralandı.")
    actions.facts.set_fact(ayse, incident, "injured", "20")  # the post now needs a correction
    actions.checklist.set_step(ayse, incident, "convene", "doing", note="oda toplandı")
    statement = actions.statements.draft(ayse, incident, body=STATEMENT).value.id
    actions.statements.submit(ayse, statement)
    actions.statements.approve(mehmet, statement, acknowledge_warnings=True)
    actions.statements.publish(ayse, statement, "website")
    mention = actions.mentions.report(ayse, incident, "Barajda çatlak var diyorlar", source="phone").value
    actions.mentions.triage(ayse, [mention], "flagged", incident_id=incident)
    claim = actions.claims.add(ayse, incident, "Baraj yıkılacak", mention_id=mention).value.id
    actions.claims.set_status(ayse, claim, "false", source="DSİ", note="Baraj sağlam")
    actions.accounts.add_account(ayse, "x", "@valilik", owners=["ayse"], twofa=True)
    actions.accounts.plan_post(ayse, "x", dt.datetime.now(dt.UTC) + dt.timedelta(days=3), "Haftalık duyuru")
    actions.alerts.set_enabled(ayse, "spike", False)
    scenario = load_scenario(next(p for p in bundled_scenarios() if "account-hijack-night.en" in p.name))
    drill = actions.drills.start(ayse, scenario, speed=1000).value
    actions.drills.tick(ayse, drill.incident_id)
    other = actions.mentions.report(ayse, incident, "Silinecek: 0532 111 22 33", source="phone").value
    actions.mentions.erase(ayse, other, reason="KVKK başvurusu")
    store.close()


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clean")
    db_path = folder / "cc.db"
    config.configure(db_path)  # set up before the per-test configuration: its own folder, no team.toml
    _populate(db_path)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return db_path


def _copy(clean_db, tmp_path):
    target = tmp_path / "cc.db"
    shutil.copy(clean_db, target)
    return target


def _tamper(db_path, table: str, sql: str) -> None:
    conn = sqlite3.connect(db_path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)):
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute(sql)
    assert conn.total_changes, sql
    conn.commit()
    conn.close()


def _change_one_row(db_path, table: str) -> str:
    """Change one column of one row (the first column whose constraints allow it); the column."""
    conn = sqlite3.connect(db_path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)):
        conn.execute(f'DROP TRIGGER "{name}"')
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    first = conn.execute(f'SELECT {", ".join(r[1] for r in info if r[5]) or "rowid"} FROM "{table}" LIMIT 1').fetchone()
    where = " AND ".join(f'"{r[1]}" IS ?' for r in info if r[5]) or "rowid IS ?"
    for column in (row[1] for row in info if not row[5]):
        try:
            conn.execute(f"UPDATE \"{table}\" SET \"{column}\" = CASE WHEN typeof(\"{column}\") = 'text' "
                         f"THEN \"{column}\" || '!' ELSE coalesce(\"{column}\", 0) + 1 END WHERE {where}", first)
        except sqlite3.IntegrityError:
            continue
        conn.commit()
        conn.close()
        return column
    raise AssertionError(f"no column of {table} could be changed")


def test_the_clean_record_verifies_and_every_sealed_table_has_rows(clean_db):
    with Store(clean_db) as store:
        result = audit.verify(store)
        assert result.ok, result.describe()
        empty = [t for t in seal.SEALED if not store.scalar(f'SELECT count(*) FROM "{t}"')]
    assert not empty, f"populate these too: {empty}"
    assert result.rows > 50


@pytest.mark.parametrize("table", seal.SEALED)
def test_a_changed_row_of_each_state_table_is_caught(clean_db, tmp_path, table):
    db_path = _copy(clean_db, tmp_path)
    _change_one_row(db_path, table)
    with Store(db_path, migrate=False) as store:
        result = audit.verify(store)
    assert not result.ok and f"{table} row" in result.problem and "changed outside" in result.problem


@pytest.mark.parametrize("table", ["facts", "posts", "claim_evidence", "statement_versions", "triage"])
def test_a_deleted_row_is_caught(clean_db, tmp_path, table):
    db_path = _copy(clean_db, tmp_path)
    _tamper(db_path, table, f'DELETE FROM "{table}" WHERE rowid = (SELECT max(rowid) FROM "{table}")'
            if table != "triage" else "DELETE FROM triage")
    with Store(db_path, migrate=False) as store:
        result = audit.verify(store)
    assert not result.ok and "deleted outside" in result.problem, result.describe()


def test_an_added_row_is_caught(clean_db, tmp_path):
    db_path = _copy(clean_db, tmp_path)
    _tamper(db_path, "facts", "INSERT INTO facts (incident_id, key, value, status, source, version, set_by, set_at)"
                              " VALUES (1, 'dead', '3', 'confirmed', '', 1, 'ayse', '2026-01-01T00:00:00+00:00')")
    with Store(db_path, migrate=False) as store:
        result = audit.verify(store)
    assert not result.ok and "recorded by no event" in result.problem


@pytest.mark.parametrize("table, column, value", [("posts", "text", "'Malatya''da 99 sahte kişi yaralandı.'"),
                                                  ("facts", "value", "'99 sahte'")])
def test_the_real_verify_and_report_name_a_forged_post_or_fact(clean_db, tmp_path, table, column, value):
    db_path = _copy(clean_db, tmp_path)
    _tamper(db_path, table, f'UPDATE "{table}" SET "{column}" = {value}')
    proc = run_cli_process(db_path, "verify")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert f"{table} row" in proc.stdout and "changed outside crisiscomm" in proc.stdout
    report = run_cli_process(db_path, "report", "1", "--format", "json")
    assert report.returncode == 0
    chain = json.loads(report.stdout)["chain"]
    assert chain["verified"] is False and table in chain["problem"]
    assert "does not verify" in report.stderr
    markdown = run_cli_process(db_path, "report", "1").stdout
    assert markdown.lower().index("does not verify") < markdown.index("sahte")  # said before the forged value is shown


def test_an_edit_is_not_sealed_by_a_later_crisiscomm_action(clean_db, tmp_path):
    """sqlite3 on the file, triggers untouched: the next actions must not seal the forgery, even
    one that changes the forged row again (the event records what the row was before)."""
    db_path = _copy(clean_db, tmp_path)

    def forge(sql: str) -> None:
        conn = sqlite3.connect(db_path)
        assert not conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'record_%'"
                                ).fetchone()[0]  # the sealing triggers live in crisiscomm's connections only
        conn.execute(sql)
        conn.commit()
        conn.close()

    forge("UPDATE claims SET text = 'Baraj sağlam değil' WHERE id = 1")
    with Store(db_path) as store:
        ayse = session_as(store, "ayse")
        actions.claims.set_status(ayse, 1, "misleading", source="DSİ", note="Baraj sağlam")  # the forged claim again
        result = audit.verify(store)
    assert not result.ok and result.problems == 1, result.describe()
    assert "claims row 1 was changed outside crisiscomm after event" in result.problem
    assert "(claim.status) changed it again" in result.problem
    forge("UPDATE facts SET value = '99 sahte' WHERE key = 'injured' AND version = 2")
    with Store(db_path) as store:
        actions.posts.add_post(session_as(store, "ayse"), 1, "facebook", "Malatya'da 20 kişi yaralandı.")
    proc = run_cli_process(db_path, "verify")
    assert proc.returncode == 1 and "facts row 2 does not match" in proc.stdout and "1 more problem" in proc.stdout


@pytest.mark.parametrize("table, sql, says", [
    ("feeds", "UPDATE feeds SET trust = 'official' WHERE trust <> 'official'", "changed outside"),
    ("feeds", "UPDATE feeds SET url = 'https://example.org/forged.xml' WHERE id = 1", "changed outside"),
    ("feeds", "DELETE FROM feeds WHERE id = (SELECT max(id) FROM feeds)", "deleted outside"),
    ("feeds", "INSERT INTO feeds (name, url, trust, added_at) VALUES ('sahte', 'https://example.org/x', 'official',"
              " '2026-01-01T00:00:00+00:00')", "recorded by no event"),
    ("record_keys", "UPDATE record_keys SET secret = randomblob(32)", "changed outside"),
    ("record_keys", "DELETE FROM record_keys", "deleted outside"),
    ("record_keys", "INSERT INTO record_keys (name, secret) VALUES ('other', x'00')", "recorded by no event"),
])
def test_an_edit_of_the_sources_or_the_tombstone_key_is_caught(clean_db, tmp_path, table, sql, says):
    db_path = _copy(clean_db, tmp_path)
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(sql)
    assert conn.total_changes, sql
    conn.commit()
    conn.close()  # before verify: an open connection's WAL would not be what verify reads
    proc = run_cli_process(db_path, "verify")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    assert f"{table} row" in proc.stdout and says in proc.stdout, proc.stdout


def test_a_poll_seals_nothing_but_what_a_source_is_stays_sealed(clean_db, tmp_path):
    """A source's poll health changes with every poll and is not sealed (no event per poll);
    an edit of what the source is, made by crisiscomm, is sealed by its transaction."""
    from crisiscomm.feeds import registry

    db_path = _copy(clean_db, tmp_path)
    with Store(db_path) as store:
        before = store.scalar("SELECT count(*) FROM events")
        with store.write():
            registry.record_poll(store, 1, status="error", error="timeout", duration_ms=5)
        assert store.scalar("SELECT count(*) FROM events") == before
        with store.write():
            store.execute("UPDATE feeds SET interval_s = interval_s + 60 WHERE id = 1")
        assert store.scalar("SELECT kind FROM events ORDER BY id DESC LIMIT 1") == "record.sealed"
        result = audit.verify(store)
    assert result.ok, result.describe()
