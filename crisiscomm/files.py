"""Reading files the product did not write: regular files only, a size cap, a nesting cap.

Every file crisiscomm reads (playbooks, drill scenarios, team.toml, lint and
synonym configuration, statement files, import files) comes through here, so
that a FIFO, a device (`/dev/zero`), a directory, a huge file or a deeply
nested TOML/JSON document ends in one clear `FileRefused`, never a hang, a
memory blow-up or a RecursionError.

- `read_bytes` / `read_text`: a path (or `-`, standard input, where allowed),
  opened without blocking, refused unless it is a regular file, read up to
  `limit` bytes; text is UTF-8 (a byte-order mark is dropped).
- `parse_toml` / `parse_json`: a document at most `MAX_DEPTH` levels deep;
  every string in it comes back printable (`printable.printable`), so text
  from files is never stored or shown with control sequences.
- `load_toml` / `load_json`: both steps for one file.
"""

from __future__ import annotations

import json
import os
import stat
import sys
from typing import Any, BinaryIO

import tomli

from crisiscomm.errors import CrisisError, os_reason
from crisiscomm.file_strings import t
from crisiscomm.printable import printable

MAX_BYTES = 1 << 20  # configuration and statement files: a playbook is ~20 KB
MAX_DEPTH = 64  # tables, arrays and objects inside each other; real files use fewer than 6
STDIN = "-"
_CHUNK = 1 << 16


class FileRefused(CrisisError):
    """A file that cannot be used, with where (`name`, `line`) and why (`reason`)."""

    def __init__(self, name: str, reason: str, line: int | None = None) -> None:
        self.name = printable(str(name))
        self.reason = reason
        self.line = line
        where = self.name if line is None else f"{self.name}:{line}"
        super().__init__(f"{where}: {reason}")


class FileTooLarge(FileRefused):
    """More bytes than the limit for this kind of file."""


def _size(limit: int) -> str:
    for unit, factor in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if limit >= factor:
            return f"{limit / factor:g} {unit}"
    return t("file.read.bytes", count=limit)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return t("file.read.kind.directory")
    if stat.S_ISFIFO(mode):
        return t("file.read.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("file.read.kind.device")
    if stat.S_ISSOCK(mode):
        return t("file.read.kind.socket")
    return t("file.read.kind.other")


def _read_capped(read: Any, name: str, limit: int) -> bytes:
    """Chunks from `read(n)` until the end; more than `limit` bytes is refused."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise FileTooLarge(name, t("file.read.too_large", limit=_size(limit)))


def _refused_os(name: str, exc: OSError) -> FileRefused:
    return FileRefused(name, t("file.read.os", reason=os_reason(exc)))


def read_bytes(path: str | os.PathLike, *, limit: int = MAX_BYTES, allow_stdin: bool = False,
               follow_symlinks: bool = True) -> bytes:
    """The bytes of a regular file (or of standard input for `-` when allowed), at most `limit`;
    without `follow_symlinks`, a symbolic link is refused."""
    name = os.fspath(path)
    if allow_stdin and name == STDIN:
        return read_stream(sys.stdin.buffer if sys.stdin is not None else None, name="standard input", limit=limit)
    try:
        # Refuse what is not a regular file before opening it (opening a device can do things).
        mode = os.stat(name, follow_symlinks=follow_symlinks).st_mode
        if stat.S_ISLNK(mode):
            raise FileRefused(name, t("file.read.symlink", target=printable(os.readlink(name))))
        if not stat.S_ISREG(mode):
            raise FileRefused(name, t("file.read.not_regular", kind=_kind(mode)))
        # O_NONBLOCK: a FIFO swapped in after the stat cannot make open() wait for a writer.
        nofollow = 0 if follow_symlinks else os.O_NOFOLLOW
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC | nofollow)
    except OSError as exc:
        raise _refused_os(name, exc) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(name, t("file.read.not_regular", kind=_kind(info.st_mode)))
        if info.st_size > limit:
            raise FileTooLarge(name, t("file.read.too_large", limit=_size(limit)))
        return _read_capped(lambda n: os.read(fd, n), name, limit)
    except OSError as exc:
        raise _refused_os(name, exc) from exc
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO | None, *, name: str, limit: int = MAX_BYTES) -> bytes:
    """Everything from an open binary stream (standard input), at most `limit` bytes."""
    if stream is None:
        raise FileRefused(name, t("file.read.no_stdin"))
    try:
        return _read_capped(stream.read, name, limit)
    except OSError as exc:
        raise _refused_os(name, exc) from exc


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a leading byte-order mark dropped); anything else is refused with its line."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileRefused(name, t("file.read.not_utf8", reason=exc.reason, byte=exc.start), line) from exc


def read_text(path: str | os.PathLike, *, limit: int = MAX_BYTES, allow_stdin: bool = False) -> str:
    name = os.fspath(path)
    shown = "standard input" if allow_stdin and name == STDIN else name
    return decode_text(read_bytes(name, limit=limit, allow_stdin=allow_stdin), shown)


# -- structured documents -------------------------------------------------------

def _cleaned(value: Any, name: str, depth: int = 0) -> Any:
    """The document with every string (keys too) printable; deeper than MAX_DEPTH is refused."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict | list):
        if depth >= MAX_DEPTH:
            raise FileRefused(name, t("file.read.nested", depth=MAX_DEPTH))
        if isinstance(value, list):
            return [_cleaned(item, name, depth + 1) for item in value]
        return {printable(key): _cleaned(item, name, depth + 1) for key, item in value.items()}
    return value


def parse_toml(text: str, name: str, *, clean: bool = True) -> dict:
    """A TOML document; a syntax error names its line, too deep a document is refused.
    `clean=False` keeps strings as written, for a caller that refuses bad ones with a reason."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        where = t("file.read.at_end") if exc.pos >= len(text) else t("file.read.column", column=exc.colno)
        raise FileRefused(name, t("file.read.toml_at", problem=exc.msg, where=where), exc.lineno) from exc
    except RecursionError as exc:  # tomli's own limits on nesting and dotted keys
        raise FileRefused(name, t("file.read.toml_nested", depth=MAX_DEPTH)) from exc
    except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
        raise FileRefused(name, t("file.read.toml", problem=exc)) from exc
    return _cleaned(data, name) if clean else data


def parse_json(text: str, name: str) -> Any:
    """A JSON document; a syntax error names its line, too deep a document is refused."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FileRefused(name, t("file.read.json_at", problem=exc.msg, where=t("file.read.column", column=exc.colno)), exc.lineno) from exc
    except RecursionError as exc:
        raise FileRefused(name, t("file.read.json_nested", depth=MAX_DEPTH)) from exc
    except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
        raise FileRefused(name, t("file.read.json", problem=exc)) from exc
    return _cleaned(data, name)


def load_toml(path: str | os.PathLike, *, limit: int = MAX_BYTES) -> dict:
    return parse_toml(read_text(path, limit=limit), os.fspath(path))


def load_json(path: str | os.PathLike, *, limit: int = MAX_BYTES, allow_stdin: bool = False) -> Any:
    name = os.fspath(path)
    return parse_json(read_text(name, limit=limit, allow_stdin=allow_stdin), name)
