"""Writing exports safely: no planted symlink followed, no path outside the chosen
directory, no existing file overwritten without `force`, never a half-written file.

The file is written under a random name in the target directory, opened with
O_CREAT | O_EXCL | O_NOFOLLOW relative to the directory's descriptor, then put
in place: `link` (which fails if the name exists) without force, `rename`
(which replaces the name itself, never a symlink's target) with force.
"""

from __future__ import annotations

import csv
import io
import os
import pathlib
import secrets
import stat

from crisiscomm.errors import CrisisError, Refused
from crisiscomm.i18n import t

FILE_MODE = 0o600
# Spreadsheets treat cells starting with these as formulas (full-width forms included).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


class ExportError(CrisisError):
    pass


def check_name(name: str) -> str:
    """A single file name: no separators, no `.`/`..`, no NUL."""
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name:
        raise ExportError(t("error.file.not_a_name", name=repr(name)))
    return name


def split_target(path: str | os.PathLike, default_name: str) -> tuple[pathlib.Path, str]:
    """(directory, file name) for `-o PATH`: a directory gets `default_name` inside it."""
    target = pathlib.Path(path)
    if target.is_dir() and not target.is_symlink():
        return target, check_name(default_name)
    if str(path).endswith(os.sep):
        raise ExportError(t("error.file.no_directory", path=path))
    return target.parent if str(target.parent) else pathlib.Path("."), check_name(target.name)


def _open_dir(directory) -> int:
    try:
        return os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except FileNotFoundError:
        raise ExportError(t("error.file.no_directory", path=directory)) from None
    except NotADirectoryError:
        raise ExportError(t("error.file.not_directory", path=directory)) from None
    except PermissionError:
        raise ExportError(t("error.file.cannot_open_directory", path=directory)) from None


def preflight(directory: str | os.PathLike, name: str, *, force: bool = False) -> None:
    """Refuse early (before a long export) what `write_file` would refuse."""
    check_name(name)
    dir_fd = _open_dir(directory)
    try:
        _check_existing(dir_fd, directory, name, force)
    finally:
        os.close(dir_fd)


def write_file(directory: str | os.PathLike, name: str, data: str | bytes, *, force: bool = False) -> pathlib.Path:
    """Write `data` to `directory/name` (see the module docstring); returns the path."""
    check_name(name)
    if isinstance(data, str):
        data = data.encode("utf-8")
    dir_fd = _open_dir(directory)
    try:
        _check_existing(dir_fd, directory, name, force)
        tmp = f".{name}.{secrets.token_hex(6)}.tmp"
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        try:
            fd = os.open(tmp, flags, FILE_MODE, dir_fd=dir_fd)
        except PermissionError:
            raise ExportError(t("error.file.cannot_write_in", path=directory, reason=t("error.file.permission"))) from None
        except OSError as exc:  # a read-only or special file system, a full disk, …
            raise ExportError(t("error.file.cannot_write_in", path=directory, reason=exc.strerror or exc)) from None
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            _place(dir_fd, directory, tmp, name, force)
        except OSError as exc:
            if isinstance(exc, (FileExistsError, IsADirectoryError)):
                raise
            raise ExportError(t("error.file.cannot_write", path=pathlib.Path(directory) / name,
                                reason=exc.strerror or exc)) from None
        finally:
            try:
                os.unlink(tmp, dir_fd=dir_fd)
            except FileNotFoundError:
                pass
    finally:
        os.close(dir_fd)
    return pathlib.Path(directory) / name


def place(directory: str | os.PathLike, tmp_name: str, name: str, *, force: bool = False) -> pathlib.Path:
    """Give a finished file in `directory` its name, by the same rules as `write_file`."""
    check_name(name)
    dir_fd = _open_dir(directory)
    try:
        _check_existing(dir_fd, directory, name, force)
        _place(dir_fd, directory, tmp_name, name, force)
    finally:
        os.close(dir_fd)
    return pathlib.Path(directory) / name


def _check_existing(dir_fd: int, directory, name: str, force: bool) -> None:
    try:
        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    where = pathlib.Path(directory) / name
    if stat.S_ISLNK(info.st_mode):
        raise Refused(t("error.file.symlink", path=where))
    if not stat.S_ISREG(info.st_mode):
        raise Refused(t("error.file.not_regular", path=where))
    if not force:
        raise Refused(t("error.file.exists", path=where))


def _place(dir_fd: int, directory, tmp: str, name: str, force: bool) -> None:
    if force:
        _check_existing(dir_fd, directory, name, True)  # a symlink planted meanwhile is still refused
        os.rename(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        return
    try:
        os.link(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
    except FileExistsError:
        raise Refused(t("error.file.exists", path=pathlib.Path(directory) / name)) from None


def csv_cell(value) -> str:
    """A cell a spreadsheet shows as text: formula starts get a leading apostrophe."""
    text = "" if value is None else str(value)
    stripped = text.lstrip(" ")
    if stripped.startswith(FORMULA_START):
        return "'" + text
    return text


def to_csv(header: list[str], rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue()
