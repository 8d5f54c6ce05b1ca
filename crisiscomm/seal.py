"""Sealing incident state into the timeline: every state row's digest is recorded by an event.

Each writing connection gets its own (temp) triggers on every sealed table
(`install`): they note the key of every row inserted, changed or deleted in
`temp.record_pending`, with the digest the row had before. The next event
appended in the same transaction takes those keys, computes each row's digest
as it now is (None once deleted) and carries both in its `rows` column, which
its hash covers (crisiscomm.timeline). Changes made after a transaction's last
event are sealed by one `record.sealed` event before it commits.

`crisiscomm verify` (crisiscomm.audit) compares every row with the digest its
newest event recorded, and each event's "before" digest with the one the event
before it recorded: an edit made with `sqlite3` is named, even when a later
crisiscomm action changed that row again. The triggers are not in the file, so
nothing done outside crisiscomm is noted, and so nothing is sealed by mistake.

A digest covers the table, the row's primary key and its non-NULL columns by
name (but a table's `UNSEALED_COLUMNS`), so a new nullable column changes no digest; a migration that changes a
sealed table's columns otherwise has its rows sealed again (`after_migration`).
This module imports nothing of crisiscomm: the store, the schema and the
timeline all use it.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

# Every table that holds incident state (SPEC §14), the sources it is read from, and the key of the
# erasure tombstones (changed, erased items would come back). Not sealed: `events` (the chain itself),
# `mentions_fts*` (an index derived from mentions), `record_tables`, `redaction_permits` and migration
# bookkeeping.
SEALED = (
    "incidents", "facts", "checklist", "checklist_playbooks", "statements", "statement_versions", "posts",
    "corrections", "claims", "claim_evidence", "claim_mentions", "mentions", "triage", "accounts", "calendar",
    "drills", "drill_injects", "alert_settings", "tombstones", "record_keys", "feeds",
)
# The schema version whose migration began sealing a table: in an older database (an archive read
# as it is, crisiscomm.schema_version.READ_AS_IS_FROM) its rows were never sealed, so `verify`
# checks them only when an event of the chain sealed one (then every row must match).
SEALED_SINCE = {"feeds": 18, "record_keys": 18}
# Columns a sealed table keeps out of its digests: a source's poll state and health, written by
# every poll (sealing them would put an event in the timeline every two minutes per source); what
# the source is (name, address, trust, kind, options, interval) is sealed.
UNSEALED_COLUMNS = {
    "feeds": frozenset({
        "etag", "last_modified", "body_hash", "status", "last_error", "failures", "last_success",
        "last_attempt", "last_new", "last_duration_ms", "cursor", "retry_at", "received", "shed",
    }),
}
DIGEST_BYTES = 16  # 128 bits: forging a row to an existing digest is a second preimage


def _blob(value: Any) -> dict:
    # an object, so no text value (always a JSON string) has the same canonical form as a blob
    if isinstance(value, bytes):
        return {"blob": value.hex()}
    raise TypeError(f"{type(value).__name__} has no canonical form")


def canonical(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_blob)


def _columns(conn, table: str) -> tuple[list[str], list[str]]:
    """(primary-key columns in key order, every sealed column) of a table."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    key = [row[1] for row in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    left_out = UNSEALED_COLUMNS.get(table, frozenset())
    return key or ["rowid"], [row[1] for row in info if row[1] not in left_out]


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

    def digests_of(self, conn, keys: list[str]) -> dict[str, str]:
        """{key: digest} of the rows with these keys (one query; a key with no row is left out)."""
        if len(self.key_columns) == 1:
            wanted = canonical([json.loads(key)[0] for key in keys])
            sql = f'{self._all} WHERE "{self.key_columns[0]}" IN (SELECT value FROM json_each(?))'
        else:
            wanted = "[" + ",".join(keys) + "]"
            picks = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(self.key_columns)))
            columns = ", ".join(f'"{c}"' for c in self.key_columns)
            sql = f"{self._all} WHERE ({columns}) IN (SELECT {picks} FROM json_each(?))"
        return dict(self.keyed(tuple(values)) for values in conn.execute(sql, (wanted,)))

    def every_row(self, conn):
        """(key, digest) of every row."""
        for values in conn.execute(self._all):
            yield self.keyed(tuple(values))


def _triggers_sql(conn, table: str) -> list[str]:
    """The connection's own triggers that note each changed row of `table` in temp.record_pending,
    with the digest the row had before (`was`) when it existed."""
    key_columns, columns = _columns(conn, table)

    def key(row: str) -> str:
        return "json_array(" + ", ".join(f'{row}."{c}"' for c in key_columns) + ")"

    def note(row: str, was: str) -> str:
        # not `INSERT OR IGNORE`: an outer statement's conflict clause (an upsert) overrides a trigger's
        return (f"INSERT INTO record_pending (tbl, key, was) SELECT '{table}', {key(row)}, {was} WHERE NOT "
                f"EXISTS (SELECT 1 FROM temp.record_pending WHERE tbl = '{table}' AND key = {key(row)});")

    old_digest = f"record_was('{table}', " + ", ".join(f'OLD."{c}"' for c in columns) + ")"
    name = f'temp."record_{table}'
    # a change of unsealed columns only (a poll's health) is noted nowhere
    of = " OF " + ", ".join(f'"{c}"' for c in columns) if table in UNSEALED_COLUMNS else ""
    return [
        f'DROP TRIGGER IF EXISTS {name}_insert"', f'DROP TRIGGER IF EXISTS {name}_update"',
        f'DROP TRIGGER IF EXISTS {name}_delete"',
        f'CREATE TEMP TRIGGER "record_{table}_insert" AFTER INSERT ON main."{table}" BEGIN {note("NEW", "NULL")} END',
        f'CREATE TEMP TRIGGER "record_{table}_update" AFTER UPDATE{of} ON main."{table}" '
        f'BEGIN {note("OLD", old_digest)} {note("NEW", "NULL")} END',
        f'CREATE TEMP TRIGGER "record_{table}_delete" AFTER DELETE ON main."{table}" BEGIN {note("OLD", old_digest)} END',
    ]


def _readers(conn) -> dict[str, TableReader]:
    present = {name for (name,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    return {table: TableReader(conn, table) for table in SEALED if table in present}


_reader_cache: dict[int, dict[str, TableReader]] = {}


def install(conn, *, again: bool = False) -> None:
    """Give a writing connection its triggers (again, after a migration changed the tables).

    They live in the connection's temp schema, never in the file: a change made by anything
    but crisiscomm (`sqlite3` on the file) is noted nowhere, so no later crisiscomm event can
    seal it, and `verify` names it."""
    readers = _reader_cache[id(conn)] = _readers(conn)
    conn.create_function("record_was", -1, lambda table, *values: readers[table].keyed(values)[1],
                         deterministic=True)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS record_pending "
                 "(tbl TEXT NOT NULL, key TEXT NOT NULL, was TEXT, PRIMARY KEY (tbl, key)) WITHOUT ROWID")
    for table in readers:
        for statement in _triggers_sql(conn, table)[0 if again else 3:]:
            conn.execute(statement)


def take_pending(conn) -> dict[str, dict[str, str | None | list]] | None:
    """Digests of the rows changed since the last event (inside the caller's transaction), cleared.

    A row that existed before is `[digest now, digest before]`, so `verify` can tell that no
    one changed it between the event that last sealed it and this one; otherwise its digest
    (None once deleted)."""
    pending = conn.execute("SELECT tbl, key, was FROM temp.record_pending").fetchall()
    if not pending:
        return None
    readers = _reader_cache[id(conn)]
    by_table: dict[str, list[tuple[str, str | None]]] = {}
    for table, key, was in pending:
        by_table.setdefault(table, []).append((key_text(json.loads(key)), was))
    rows: dict[str, dict[str, str | None | list]] = {}
    for table, entries in by_table.items():
        now = readers[table].digests_of(conn, [key for key, _was in entries])
        for key, was in entries:
            # a key not found in bulk is looked up by itself (IS also matches a NULL in a key): gone, mostly
            digest = now[key] if key in now else readers[table].digest_of(conn, key)
            rows.setdefault(table, {})[key] = digest if was is None else [digest, was]
    conn.execute("DELETE FROM temp.record_pending")
    return rows


def forget_connection(conn) -> None:
    _reader_cache.pop(id(conn), None)


def schema_signature(conn, table: str) -> str:
    return canonical(_columns(conn, table))


def after_migration(conn) -> None:
    """The connection's triggers made again for the migrated tables; a sealed table whose columns
    changed (or that is new) has every row noted (sealed by the next event)."""
    install(conn, again=True)
    known = dict(conn.execute("SELECT tbl, signature FROM record_tables").fetchall())
    for table in _reader_cache[id(conn)]:
        signature = schema_signature(conn, table)
        if known.get(table) == signature:
            continue
        key_columns, _ = _columns(conn, table)
        key = "json_array(" + ", ".join(f'"{c}"' for c in key_columns) + ")"
        conn.execute(f"INSERT OR IGNORE INTO temp.record_pending (tbl, key) SELECT '{table}', {key} FROM main.\"{table}\"")
        conn.execute("INSERT OR REPLACE INTO record_tables (tbl, signature) VALUES (?, ?)", (table, signature))
