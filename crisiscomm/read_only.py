"""Opening an archived database (an evidence copy) read-only, leaving its bytes and folder as they were.

A database is read-only here when its file has no write bit (root ignores modes, so the bits
are read), sits on a read-only mount, may not be written by this user, or lies in a folder
that may not be written (SQLite could not make its WAL files there).

SQLite opening a WAL database with `mode=ro` still creates `-wal` and `-shm` beside it when
the folder allows, and a reader writes its marks into `-shm`. So:
- no WAL with content beside it: the file holds everything and nobody writes it, so it is read
  as `immutable` (no lock, no side file, nothing written);
- a WAL with content and its `-shm` index (a live database this user may only read): `mode=ro`
  uses them, as every reader of that database does, and creates nothing;
- a WAL with content and no index (a copy of the two files): both are copied to a private
  scratch folder and read there, so nothing appears beside the evidence.
"""

from __future__ import annotations

import contextlib
import os
import pathlib
import shutil
import sqlite3
import stat
import tempfile
import urllib.parse
from collections.abc import Iterator

from crisiscomm.errors import CrisisError
from crisiscomm.file_strings import t


def _no_write_bits(path: pathlib.Path) -> bool:
    return not os.stat(path).st_mode & 0o222


def _read_only_mount(path: pathlib.Path) -> bool:
    with contextlib.suppress(OSError):
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    return False


def is_read_only(path: pathlib.Path) -> bool:
    """The database at `path` is to be opened read-only (see the module)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if not stat.S_ISREG(mode):
        return False  # refused with its reason when it is opened
    return why(path) is not None


def why(path: pathlib.Path) -> str | None:
    """Why the database at `path` cannot be written, in words; None when it can."""
    folder = path.absolute().parent
    try:
        if _read_only_mount(path):
            return t("file.db.read_only_fs")
        if _no_write_bits(path) or not os.access(path, os.W_OK):
            return t("file.db.read_only_copy")
        if _no_write_bits(folder) or not os.access(folder, os.W_OK):
            return t("file.db.read_only_folder", folder=folder)
    except OSError:
        return None
    return None


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def connect(path: pathlib.Path, options: dict) -> tuple[sqlite3.Connection, pathlib.Path | None]:
    """(a read-only connection to the database at `path`, the scratch folder to remove after
    closing it, if a copy had to be made)."""
    source = str(path.absolute())
    if not _size(source + "-wal"):
        return _open(f"{_uri(source)}?mode=ro&immutable=1", options), None
    if os.path.exists(source + "-shm"):
        with contextlib.suppress(sqlite3.OperationalError):  # an index nobody may read: copied below
            return _open(f"{_uri(source)}?mode=ro", options), None
    try:
        scratch = pathlib.Path(tempfile.mkdtemp(prefix="crisiscomm-read-"))  # 0700
    except OSError as exc:
        raise CrisisError(t("file.db.wal_copy_first", path=path, exc=exc)) from None
    try:
        copy = scratch / path.name
        shutil.copyfile(source, copy)
        shutil.copyfile(source + "-wal", f"{copy}-wal")
        return _open(f"{_uri(str(copy))}?mode=ro", options), scratch
    except OSError as exc:
        shutil.rmtree(scratch, ignore_errors=True)
        raise CrisisError(t("file.db.wal_copy_failed", path=path, scratch=scratch, exc=exc)) from None
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


@contextlib.contextmanager
def reading(path: pathlib.Path, options: dict) -> Iterator[sqlite3.Connection]:
    """A read-only connection for the block (see `connect`), closed and its scratch copy removed after."""
    conn, scratch = connect(path, options)
    try:
        yield conn
    finally:
        conn.close()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)


def _uri(path: str) -> str:
    return f"file:{urllib.parse.quote(path)}"


def _open(uri: str, options: dict) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, **options)
    try:
        conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn
