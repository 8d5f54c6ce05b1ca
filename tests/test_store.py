"""The store: file mode, pragmas, migrations, transactions."""

import sqlite3
import stat

import pytest

from crisiscomm.errors import CrisisError
from crisiscomm.schema import MIGRATION_SETS
from crisiscomm.store import BUSY_TIMEOUT_MS, Store, StoreError


def test_new_database_is_private_and_in_wal(tmp_path):
    path = tmp_path / "sub" / "cc.db"
    store = Store(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA busy_timeout") == BUSY_TIMEOUT_MS >= 15_000
    store.close()


def test_migrations_applied_once_and_recorded(tmp_path):
    path = tmp_path / "cc.db"
    Store(path).close()
    store = Store(path)  # second open applies nothing new
    applied = store.all("SELECT migration_set, name FROM _sqlite_migrations ORDER BY id")
    expected = [(m.name, mig.name) for m in MIGRATION_SETS for mig in m._migrations]
    assert [(r["migration_set"], r["name"]) for r in applied] == expected
    tables = {r["name"] for r in store.all("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"incidents", "events", "facts", "mentions", "feeds", "statements", "posts", "claims"} <= tables
    store.close()


def test_write_rolls_back_the_whole_transaction(store):
    with pytest.raises(RuntimeError):
        with store.write():
            store.execute("INSERT INTO feeds (name, url, added_at) VALUES ('a', 'x', 'now')")
            with store.write():  # nested joins the outer transaction
                store.execute("INSERT INTO feeds (name, url, added_at) VALUES ('b', 'x', 'now')")
            raise RuntimeError("boom")
    assert store.scalar("SELECT count(*) FROM feeds") == 0


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert "junk.db" in str(info.value)
    assert isinstance(info.value, CrisisError)


def test_clone_sees_committed_rows(store):
    other = store.clone()
    with store.write():
        store.execute("INSERT INTO feeds (name, url, added_at) VALUES ('a', 'x', 'now')")
    assert other.scalar("SELECT count(*) FROM feeds") == 1
    other.close()


def test_mode_of_an_incident_cannot_change(store):
    from crisiscomm import incidents

    inc = incidents.open_incident(store, "Sel", "general", operator="a")
    with pytest.raises(sqlite3.IntegrityError):
        store.execute("UPDATE incidents SET mode = 'exercise' WHERE id = ?", (inc.id,))


def test_schema_version_counts_every_migration(store):
    from crisiscomm.schema_version import SCHEMA_VERSION

    assert SCHEMA_VERSION == sum(len(m._migrations) for m in MIGRATION_SETS)
    assert store.scalar("PRAGMA user_version") == SCHEMA_VERSION


def test_snapshot_reads_one_state_of_the_database(store, db_path):
    writer = Store(db_path)
    with store.snapshot():
        before = store.scalar("SELECT count(*) FROM feeds")
        with writer.write():
            writer.execute("INSERT INTO feeds (name, url, added_at) VALUES ('a', 'x', 'now')")
        assert store.scalar("SELECT count(*) FROM feeds") == before == 0
    assert store.scalar("SELECT count(*) FROM feeds") == 1
    writer.close()
