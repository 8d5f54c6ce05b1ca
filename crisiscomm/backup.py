"""Consistent copies of a live database, and restoring one.

`backup` copies with SQLite's online backup API in one step: it reads one
snapshot (in WAL mode readers never block writers, so others keep writing),
into a private file (0600, created exclusively, no symlink followed) in the
target's directory; the copy is checked (`integrity_check`, the timeline's
hash chain) and switched to a single-file journal before it takes its name.

`restore` never trusts the file it is given: it copies it to a private
scratch file first (the backup itself is never opened for writing), checks
that copy, and only then writes it into the target with the backup API, so
that processes that have the target open see either the old database or the
restored one, never a mix of a new file and an old WAL.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import secrets
import sqlite3
from dataclasses import dataclass

from crisiscomm import audit
from crisiscomm import read_only as archive
from crisiscomm.errors import CrisisError, Refused, os_reason
from crisiscomm.review import export
from crisiscomm.schema_version import SCHEMA_VERSION
from crisiscomm.store import BUSY_TIMEOUT_MS, Store
from crisiscomm.file_strings import t


class BackupError(CrisisError):
    pass


@dataclass(frozen=True)
class Copy:
    path: pathlib.Path
    events: int
    head: str
    size: int


def _connect(path: pathlib.Path, *, read_only: bool = False) -> sqlite3.Connection:
    uri = f"file:{path.resolve()}" + ("?mode=ro" if read_only else "")
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(t("file.backup.unreadable", path=path, exc=exc)) from None
    return conn


@contextlib.contextmanager
def _source(path: pathlib.Path):
    """The database to copy, read-only; an archived one (crisiscomm.read_only) with nothing
    written or made beside it."""
    if not archive.is_read_only(path):
        conn = _connect(path, read_only=True)
        try:
            yield conn
        finally:
            conn.close()
        return
    try:
        with archive.reading(path, {"timeout": BUSY_TIMEOUT_MS / 1000, "isolation_level": None}) as conn:
            yield conn
    except sqlite3.DatabaseError as exc:
        raise BackupError(t("file.backup.unreadable", path=path, exc=exc)) from None


def _scratch(directory: pathlib.Path, name: str) -> pathlib.Path:
    """An empty private file beside the target (same file system, so it can be linked into place)."""
    tmp = directory / f".{name}.{secrets.token_hex(6)}.tmp"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600))
    except FileNotFoundError:
        raise BackupError(t("file.backup.no_directory", directory=directory)) from None
    except OSError as exc:
        raise BackupError(t("file.backup.cannot_write_in", directory=directory, reason=os_reason(exc))) from None
    return tmp


def _remove(path: pathlib.Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _copy(source: sqlite3.Connection, target: pathlib.Path) -> None:
    dest = _connect(target)
    try:
        source.backup(dest)  # pages=-1: the whole database from one read snapshot
    except sqlite3.DatabaseError as exc:
        raise BackupError(t("file.backup.copy_failed", exc=exc)) from None
    finally:
        dest.close()


def check(path: pathlib.Path) -> tuple[int, str]:
    """Integrity, schema version and the timeline's chain of a database file: (events, head)."""
    conn = _connect(path, read_only=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        has_events = conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'events'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise BackupError(t("file.backup.not_readable", path=path, exc=exc)) from None
    finally:
        conn.close()
    if problems != ["ok"]:
        raise BackupError(t("file.backup.damaged", path=path, problems='; '.join(problems[:3])))
    if version > SCHEMA_VERSION:
        raise Refused(t("file.backup.newer", path=path, version=version, schema_version=SCHEMA_VERSION))
    if not has_events or version == 0:
        raise BackupError(t("file.backup.not_crisiscomm", path=path))
    with Store(path, migrate=False) as store:
        result = audit.verify(store)
    if not result.ok:
        raise BackupError(t("file.backup.timeline", path=path, problem=result.describe()))
    return result.count, result.head


def backup(db_path: str | os.PathLike, target: str | os.PathLike, *, force: bool = False) -> Copy:
    """A verified, consistent copy of the database at `db_path`, written to `target`."""
    source_path = pathlib.Path(db_path)
    if not source_path.is_file():
        raise BackupError(t("file.backup.no_database", source_path=source_path))
    directory, name = export.split_target(target, f"{source_path.stem}-backup.db")
    export.preflight(directory, name, force=force)
    with _checked_copy(source_path, pathlib.Path(directory), name) as (tmp, events, head):
        _single_file(tmp)
        placed = export.place(directory, tmp.name, name, force=force)
    return Copy(placed, events, head, placed.stat().st_size)


@contextlib.contextmanager
def _checked_copy(source_path: pathlib.Path, directory: pathlib.Path, name: str):
    """A checked copy of `source_path` in a scratch file beside `name`: (path, events, head); removed after."""
    tmp = _scratch(directory, name)
    try:
        with _source(source_path) as source:
            _copy(source, tmp)
        events, head = check(tmp)
        yield tmp, events, head
    finally:
        _remove(tmp)


def _single_file(path: pathlib.Path) -> None:
    """A backup is one file: no -wal or -shm beside it."""
    conn = _connect(path)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def restore(backup_path: str | os.PathLike, db_path: str | os.PathLike, *, force: bool = False) -> Copy:
    """Write a verified backup into the database at `db_path` (an existing one only with `force`).

    The user action (crisiscomm.actions.backup.restore) checks the role first and records the
    restore in the timeline."""
    source_path, target = pathlib.Path(backup_path), pathlib.Path(db_path)
    if not source_path.is_file():
        raise BackupError(t("file.backup.no_backup", source_path=source_path))
    if target.is_symlink():
        raise Refused(t("file.backup.symlink", target=target))
    if target.exists() and not force:
        raise Refused(t("file.backup.exists", target=target))
    with contextlib.suppress(OSError):
        if source_path.resolve() == target.resolve():
            raise Refused(t("file.backup.same", source_path=source_path))
    target.parent.mkdir(parents=True, exist_ok=True)
    with _checked_copy(source_path, target.parent, target.name) as (tmp, events, head):
        verified = _connect(tmp, read_only=True)
        with Store(target, migrate=False) as live:  # created 0600 when missing; WAL as always
            try:
                verified.backup(live.conn)
            except sqlite3.DatabaseError as exc:
                raise BackupError(t("file.backup.cannot_write", target=target, exc=exc)) from None
            finally:
                verified.close()
            live.migrate()
    return Copy(target, events, head, target.stat().st_size)
