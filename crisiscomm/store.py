"""The one SQLite connection: WAL, busy timeout, migrations, immediate transactions.

Every module of the core reads and writes through a `Store`. Writes go through
`store.write()`, which opens `BEGIN IMMEDIATE` so that a read-then-write (an
approval, the next event's prev_hash) can never lose to another process that
committed in between.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import sqlite3
import threading
from collections.abc import Iterator
from typing import Any

from crisiscomm.errors import CrisisError

BUSY_TIMEOUT_MS = 20_000


class StoreError(CrisisError):
    """A problem with the database that the user should read as a message."""


def default_db_path() -> pathlib.Path:
    import platformdirs

    return pathlib.Path(platformdirs.user_data_dir("crisiscomm")) / "crisiscomm.db"


def _create_private(path: pathlib.Path) -> None:
    """Create the database file readable by its owner only, before SQLite opens it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        pass


class Store:
    """Owns the SQLite connection of one process (or one thread, see `clone`)."""

    def __init__(self, path: str | os.PathLike, *, migrate: bool = True):
        self.path = pathlib.Path(path)
        if str(path) != ":memory:":
            _create_private(self.path)
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves.
            self.conn = sqlite3.connect(
                str(self.path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA secure_delete = ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open database {self.path}: {exc}") from exc
        self._db = None
        # Every use of the connection holds this lock, closing included: a connection closed
        # while another thread is inside a query on it takes the whole process down.
        self._lock = threading.RLock()
        self._depth = 0
        self._closed = False
        if migrate:
            self.migrate()

    @property
    def db(self):
        """A sqlite_utils.Database on this connection (imported on first use: it is slow to import)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    # -- lifecycle -------------------------------------------------------
    def migrate(self) -> None:
        from crisiscomm.schema_version import SCHEMA_VERSION

        if self.scalar("PRAGMA user_version") == SCHEMA_VERSION:
            return
        from crisiscomm.schema import MIGRATION_SETS

        try:
            with self.write():
                for migrations in MIGRATION_SETS:
                    migrations.apply(self.db)
                self.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot prepare database {self.path}: {exc}") from exc

    def clone(self) -> Store:
        """A second connection to the same file, for a worker thread."""
        return Store(self.path, migrate=False)

    def close(self) -> None:
        """Close the connection once no thread is using it; later use raises StoreError."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def _open_conn(self) -> sqlite3.Connection:
        """The connection, for a caller holding the lock."""
        if self._closed:
            raise StoreError(f"the connection to {self.path} is closed")
        return self.conn

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[Store]:
        """One immediate transaction; nested calls join the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self
                finally:
                    self._depth -= 1
                return
            self._open_conn().execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self
            except BaseException:
                self._depth = 0
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self._depth = 0
                self.conn.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Several reads that see one state of the database (a deferred read transaction)."""
        with self._lock:
            if self._open_conn().in_transaction:
                yield self
                return
            self.conn.execute("BEGIN")
            try:
                yield self
            finally:
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")

    @property
    def in_write(self) -> bool:
        return self._depth > 0

    # -- queries ---------------------------------------------------------
    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """Run one statement; read its rows inside `write()`/`snapshot()`, or use `rows()`."""
        with self._lock:
            return self._open_conn().execute(sql, params)

    def executemany(self, sql: str, params: Any) -> sqlite3.Cursor:
        with self._lock:
            return self._open_conn().executemany(sql, params)

    def rows(self, sql: str, params: Any = ()) -> Iterator[sqlite3.Row]:
        """Stream rows, holding the connection until the last one is read."""
        with self._lock:
            yield from self._open_conn().execute(sql, params)

    def all(self, sql: str, params: Any = ()) -> list[dict]:
        with self._lock:
            return [dict(r) for r in self._open_conn().execute(sql, params).fetchall()]

    def one(self, sql: str, params: Any = ()) -> dict | None:
        with self._lock:
            row = self._open_conn().execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def scalar(self, sql: str, params: Any = ()) -> Any:
        with self._lock:
            row = self._open_conn().execute(sql, params).fetchone()
        return row[0] if row is not None else None

    def create_function(self, name: str, arity: int, fn: Any) -> None:
        with self._lock:
            self._open_conn().create_function(name, arity, fn, deterministic=True)

    def data_version(self) -> int:
        """Changes when another connection commits (cheap change detection)."""
        return self.scalar("PRAGMA data_version")
