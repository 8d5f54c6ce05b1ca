"""Sealing incident state into the timeline: every state row's digest is recorded by an event.

Triggers on each sealed table note the key of every row inserted, changed or
deleted in `record_pending`. The next event appended in the same transaction
takes those keys, computes each row's digest as it now is (None once deleted)
and carries them in its `rows` column, which its hash covers
(crisiscomm.timeline). Changes made after a transaction's last event are
sealed by one `record.sealed` event before it commits. `crisiscomm verify`
then compares every row with the digest its newest event recorded
(crisiscomm.audit): an edit made with `sqlite3` (triggers dropped or not), an
inserted or a deleted row is named.

A digest covers the table, the row's primary key and its non-NULL columns by
name, so a new nullable column changes no digest; a migration that changes a
sealed table's columns otherwise has its rows sealed again (`after_migration`).
This module imports nothing of crisiscomm: the store, the schema and the
timeline all use it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

# Every table that holds incident state (SPEC §14). Not sealed: `events` (the chain itself),
# `feeds` (poll state and health change on every poll; adding a source is an event),
# `mentions_fts*` (an index derived from mentions), `record_*` and migration bookkeeping.
SEALED = (
    "incidents", "facts", "checklist", "checklist_playbooks", "statements", "statement_versions", "posts",
    "corrections", "claims", "claim_evidence", "claim_mentions", "mentions", "triage", "accounts", "calendar",
    "drills", "drill_injects", "alert_settings", "tombstones",
)
DIGEST_BYTES = 16  # 128 bits: forging a row to an existing digest is a second preimage


def canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _columns(conn, table: str) -> tuple[list[str], list[str]]:
    """(primary-key columns in key order, every column) of a table."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    key = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    return key or ["rowid"], [row[1] for row in info]


def row_digest(table: str, key: str, row: dict) -> str:
    values = {column: value for column, value in row.items() if value is not None}
    body = canonical([table, key, values]).encode("utf-8")
    return base64.b64encode(hashlib.sha256(body).digest()[:DIGEST_BYTES]).decode("ascii")


def key_text(values: list | tuple) -> str:
    return canonical(list(values))


class TableReader:
    """Reads one sealed table's rows with their keys and digests."""

    def __init__(self, conn, table: str) -> None:
        self.table = table
        self.key_columns, self.columns = _columns(conn, table)
        select = ", ".join(f'"{c}"' for c in self.columns)
        self._all = f'SELECT {select} FROM "{table}"'
        self._one = self._all + " WHERE " + " AND ".join(f'"{c}" IS ?' for c in self.key_columns)
        self._key_at = [self.columns.index(c) for c in self.key_columns]

    def keyed(self, values: tuple) -> tuple[str, str]:
        key = key_text([values[i] for i in self._key_at])
        return key, row_digest(self.table, key, dict(zip(self.columns, values)))

    def digest_of(self, conn, key: str) -> str | None:
        found = conn.execute(self._one, json.loads(key)).fetchone()
        return None if found is None else self.keyed(tuple(found))[1]

    def every_row(self, conn):
        """(key, digest) of every row."""
        for values in conn.execute(self._all):
            yield self.keyed(tuple(values))


def triggers_sql(conn, table: str) -> list[str]:
    """The triggers that note each changed row of `table` in record_pending."""
    key_columns, _ = _columns(conn, table)

    def key(row: str) -> str:
        return "json_array(" + ", ".join(f'{row}."{c}"' for c in key_columns) + ")"

    def note(row: str) -> str:
        # not `INSERT OR IGNORE`: an outer statement's conflict clause (an upsert) overrides a trigger's
        return (f"INSERT INTO record_pending (tbl, key) SELECT '{table}', {key(row)} WHERE NOT EXISTS "
                f"(SELECT 1 FROM record_pending WHERE tbl = '{table}' AND key = {key(row)});")

    return [
        f'DROP TRIGGER IF EXISTS "record_{table}_insert"',
        f'DROP TRIGGER IF EXISTS "record_{table}_update"',
        f'DROP TRIGGER IF EXISTS "record_{table}_delete"',
        f'CREATE TRIGGER "record_{table}_insert" AFTER INSERT ON "{table}" BEGIN {note("NEW")} END',
        f'CREATE TRIGGER "record_{table}_update" AFTER UPDATE ON "{table}" BEGIN {note("OLD")} {note("NEW")} END',
        f'CREATE TRIGGER "record_{table}_delete" AFTER DELETE ON "{table}" BEGIN {note("OLD")} END',
    ]


def _readers(conn) -> dict[str, TableReader]:
    return {table: TableReader(conn, table) for table in SEALED}


_reader_cache: dict[int, dict[str, TableReader]] = {}


def take_pending(conn) -> dict[str, dict[str, str | None]] | None:
    """Digests of the rows changed since the last event (inside the caller's transaction), cleared."""
    pending = conn.execute("SELECT tbl, key FROM record_pending").fetchall()
    if not pending:
        return None
    readers = _reader_cache.get(id(conn))
    if readers is None:
        readers = _reader_cache.setdefault(id(conn), _readers(conn))
    rows: dict[str, dict[str, str | None]] = {}
    for table, key in pending:
        canonical_key = key_text(json.loads(key))
        rows.setdefault(table, {})[canonical_key] = readers[table].digest_of(conn, canonical_key)
    conn.execute("DELETE FROM record_pending")
    return rows


def forget_connection(conn) -> None:
    _reader_cache.pop(id(conn), None)


def schema_signature(conn, table: str) -> str:
    return canonical(_columns(conn, table))


def after_migration(conn) -> None:
    """A sealed table whose columns changed has every row noted again (sealed by the next event);
    new sealed tables get their triggers."""
    known = dict(conn.execute("SELECT tbl, signature FROM record_tables").fetchall())
    for table in SEALED:
        signature = schema_signature(conn, table)
        if known.get(table) == signature:
            continue
        for statement in triggers_sql(conn, table):
            conn.execute(statement)
        key_columns, _ = _columns(conn, table)
        key = "json_array(" + ", ".join(f'"{c}"' for c in key_columns) + ")"
        conn.execute(f"INSERT OR IGNORE INTO record_pending (tbl, key) SELECT '{table}', {key} FROM \"{table}\"")
        conn.execute("INSERT OR REPLACE INTO record_tables (tbl, signature) VALUES (?, ?)", (table, signature))
    _reader_cache.clear()
