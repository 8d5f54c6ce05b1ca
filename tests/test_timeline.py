"""The hash chain: append, verify, refuse edits, detect every kind of tampering."""

import shutil
import sqlite3

import pytest

from crisiscomm import audit, timeline
from crisiscomm.store import Store


def _fill(store, n=5):
    for i in range(n):
        timeline.append(store, "test.event", {"n": i, "text": f"olay {i}"}, operator="ayse")
    return timeline.head(store)


def _tamper(db_path, tmp_path, sql, params=()):
    """Copy the database, drop the refusing triggers, run `sql` on the copy."""
    copy = tmp_path / "tampered.db"
    for suffix in ("", "-wal", "-shm"):
        src = db_path.with_name(db_path.name + suffix)
        if src.exists():
            shutil.copy(src, copy.with_name(copy.name + suffix))
    con = sqlite3.connect(copy)
    con.execute("DROP TRIGGER events_no_update")
    con.execute("DROP TRIGGER events_no_delete")
    con.execute(sql, params)
    con.commit()
    con.close()
    return Store(copy)


def test_chain_verifies_and_reports_head(store):
    count, head = _fill(store)
    result = audit.verify(store)
    assert result.ok and result.count == count == 5 and result.head == head
    assert audit.verify(store, head).ok


def test_triggers_refuse_update_and_delete(store):
    _fill(store)
    with pytest.raises(sqlite3.DatabaseError, match="cannot be changed"):
        store.execute("UPDATE events SET payload = '{}' WHERE id = 1")
    with pytest.raises(sqlite3.DatabaseError, match="cannot be deleted"):
        store.execute("DELETE FROM events WHERE id = 5")


@pytest.mark.parametrize(
    "sql, broken",
    [
        ("UPDATE events SET payload = payload || ' ' WHERE id = 2", 2),
        ("DELETE FROM events WHERE id = 3", 3),
        ("UPDATE events SET operator = 'mallory' WHERE id = 5", 5),
    ],
)
def test_edit_or_delete_is_detected(store, db_path, tmp_path, sql, broken):
    _fill(store)
    tampered = _tamper(db_path, tmp_path, sql)
    result = audit.verify(tampered)
    assert not result.ok and result.broken_id == broken
    assert f"event {broken}" in result.describe()


def test_reorder_is_detected(store, db_path, tmp_path):
    _fill(store)
    copy = _tamper(db_path, tmp_path, "UPDATE events SET payload = (SELECT payload FROM events WHERE id = 2) WHERE id = 1")
    assert not audit.verify(copy).ok


def test_removing_the_last_event_needs_the_published_head(store, db_path, tmp_path):
    _, head = _fill(store)
    tampered = _tamper(db_path, tmp_path, "DELETE FROM events WHERE id = 5")
    assert audit.verify(tampered).ok  # a shorter chain is still a chain
    result = audit.verify(tampered, head)
    assert not result.ok and "not in the chain" in result.problem


def test_unknown_head_fails(store):
    _fill(store)
    assert not audit.verify(store, "f" * 64).ok


def test_events_read_back_with_payload(store):
    _fill(store, 3)
    rows = timeline.events(store, newest_first=True, limit=2)
    assert [r["payload"]["n"] for r in rows] == [2, 1]
