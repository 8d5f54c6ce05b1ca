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
import shutil
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from typing import Any

from crisiscomm import read_only as archive
from crisiscomm.errors import CrisisError, os_reason
from crisiscomm.printable import printable
from crisiscomm.file_strings import t

BUSY_TIMEOUT_MS = 20_000


class StoreError(CrisisError):
    """A problem with the database that the user should read as a message."""

    @classmethod
    def from_sqlite(cls, exc: sqlite3.Error, path: str | os.PathLike) -> StoreError:
        """What SQLite said, as something an operator can act on (the file named)."""
        text = str(exc).lower()
        if "unable to open" in text or "readonly" in text:
            folder = _unwritable_folder(pathlib.Path(path))
            if folder:
                return cls(f"{folder}: nothing was saved ({path})")
        for needle, message in _SQLITE_PROBLEMS:
            if needle in text:
                return cls(f"{message} ({path})")
        return cls(f"database error ({path}): {exc}")


# SQLite's messages -> what they mean for the person at the keyboard. A failed write
# rolled its transaction back: "nothing was saved" is true of each.
_SQLITE_PROBLEMS = (
    ("disk is full", "the disk is full: nothing was saved; free some space and try again"),
    ("readonly database", "the database is read-only here: nothing was saved"),
    ("malformed", "the database file is damaged; restore it from a backup (crisiscomm restore PATH)"),
    ("not a database", "the file is not a crisiscomm database"),
    ("unable to open", "cannot open the database file: check that its folder exists and is writable"),
    ("disk i/o error", "the disk reported an input/output error: nothing was saved"),
)


def _unwritable_folder(path: pathlib.Path) -> str | None:
    """Why the database's folder refuses writes (SQLite needs it for the WAL files), if it does."""
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return f"the database's folder {folder} is on a read-only file system"
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return f"the database's folder {folder} is read-only (no permission to write)"
    return None


def default_db_path() -> pathlib.Path:
    import platformdirs

    return pathlib.Path(platformdirs.user_data_dir("crisiscomm")) / "crisiscomm.db"


class NewerDatabase(StoreError):
    """A database written by a newer crisiscomm: refused, never migrated down."""


class ReadOnly(StoreError):
    """A change asked of a database opened read-only (an archived copy)."""


def _create_private(path: pathlib.Path) -> None:
    """Create the database file readable by its owner only, before SQLite opens it.

    Only a regular file will do: SQLite on /dev/null or a FIFO would create
    `/dev/null-journal` beside it or hang. Every refusal is a StoreError.
    """
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError(t("file.db.not_utf8", path=printable(str(path)))) from None
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:  # e.g. /etc/passwd/x.db: a file where a folder should be
        raise StoreError(t("file.db.cannot_use", path=path, strerror=os_reason(exc))) from exc
    if mode is not None:
        if not stat.S_ISREG(mode):
            raise StoreError(t("file.db.not_regular", path=path))
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(t("file.db.cannot_create_folder", parent=path.parent, strerror=os_reason(exc))) from exc
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:  # a read-only folder or file system, a full disk
        raise StoreError(t("file.db.cannot_create", path=path, strerror=os_reason(exc))) from exc


class Store:
    """Owns the SQLite connection of one process (or one thread, see `clone`)."""

    # Run inside every outermost write transaction, just before it commits (the timeline
    # seals state rows changed after the transaction's last event, crisiscomm.seal).
    before_commit: list[Callable[[Store], None]] = []

    def __init__(self, path: str | os.PathLike, *, migrate: bool = True):
        self.path = pathlib.Path(path)
        memory = str(path) == ":memory:"
        # An archived copy (no write bit, a read-only mount or folder) is opened read-only: it can
        # be verified, reported and shown, and nothing on disk changes (crisiscomm.read_only).
        self.read_only = not memory and archive.is_read_only(self.path)
        self._scratch: pathlib.Path | None = None  # a copy read instead of the archive, removed on close
        if not memory and not self.read_only:
            _create_private(self.path)
        self.conn: sqlite3.Connection | None = None
        try:
            self.conn = self._connect()
            self.conn.row_factory = sqlite3.Row
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._refuse_newer()
            if not self.read_only:
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA secure_delete = ON")
        except (sqlite3.Error, StoreError) as exc:
            if self.conn is not None:
                self.conn.close()
            self._remove_scratch()
            if isinstance(exc, StoreError):
                raise
            raise StoreError.from_sqlite(exc, self.path) from exc
        self._db = None
        # Every use of the connection holds this lock, closing included: a connection closed
        # while another thread is inside a query on it takes the whole process down.
        self._lock = threading.RLock()
        self._depth = 0
        self._closed = False
        # Called with (store, event) after every timeline event, inside its transaction:
        # the use-case layer's session sets it to run the reactions keyed by event kind.
        self.reactor: Callable[[Store, dict], None] | None = None
        # (operator, incident) of the last event of the open transaction: who a `record.sealed` names
        self.last_actor: tuple[str, int | None] | None = None
        if migrate:
            self.migrate()
        elif not self.read_only:
            self._install_seal()

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves.
        options = {"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None, "check_same_thread": False}
        if not self.read_only:
            return sqlite3.connect(str(self.path), **options)
        conn, self._scratch = archive.connect(self.path, options)
        return conn

    def _refuse_newer(self) -> None:
        """A database of a newer schema is refused before anything is written to it."""
        from crisiscomm.schema_version import READ_AS_IS_FROM, SCHEMA_VERSION

        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerDatabase(
                t("file.db.newer", path=self.path, version=version, schema_version=SCHEMA_VERSION))
        if self.read_only and version < READ_AS_IS_FROM:
            raise ReadOnly(
                t("file.db.read_only_old", path=self.path, version=version, schema_version=READ_AS_IS_FROM))

    @property
    def db(self):
        """A sqlite_utils.Database on this connection (imported on first use: it is slow to import)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    # -- lifecycle -------------------------------------------------------
    def migrate(self) -> None:
        """Bring the schema up to date and give the connection its sealing triggers (crisiscomm.seal)
        for the tables as they now are."""
        from crisiscomm.schema_version import SCHEMA_VERSION

        try:
            if self.read_only:
                return
            if self.scalar("PRAGMA user_version") == SCHEMA_VERSION:
                self._install_seal(again=True)
                return
            from crisiscomm.schema import MIGRATION_SETS

            from crisiscomm import seal

            with self.write():
                for migrations in MIGRATION_SETS:
                    migrations.apply(self.db)
                seal.after_migration(self.conn)
                self.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.Error as exc:
            self.close()
            raise StoreError.from_sqlite(exc, self.path) from exc

    def _install_seal(self, *, again: bool = False) -> None:
        from crisiscomm import seal

        try:
            seal.install(self.conn, again=again)
        except sqlite3.Error as exc:
            self.close()
            raise StoreError.from_sqlite(exc, self.path) from exc

    def clone(self) -> Store:
        """A second connection to the same file, for a worker thread."""
        return Store(self.path, migrate=False)  # an archive read from a scratch copy: a copy of its own

    def close(self) -> None:
        """Close the connection once no thread is using it; later use raises StoreError."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            from crisiscomm import seal

            seal.forget_connection(self.conn)
            with contextlib.suppress(sqlite3.Error):
                self.conn.close()
            self._remove_scratch()

    def _remove_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    @property
    def closed(self) -> bool:
        return self._closed

    def _open_conn(self) -> sqlite3.Connection:
        """The connection, for a caller holding the lock."""
        if self._closed:
            raise StoreError(t("file.db.closed", path=self.path))
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
            if self.read_only:
                raise ReadOnly(t("file.db.read_only", path=self.path,
                                 reason=archive.why(self.path) or t("file.db.read_only_copy")))
            self._open_conn().execute("BEGIN IMMEDIATE")
            self._depth = 1
            self.last_actor = None
            try:
                yield self
                for hook in Store.before_commit:
                    hook(self)
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
