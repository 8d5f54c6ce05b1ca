"""Who is acting: operator names and roles from `team.toml` beside the database.

team.toml:

    [[operator]]
    name = "ayse"
    roles = ["approver", "editor"]
    account = "ayse"                 # optional: only this OS account may act as ayse
    public_key = "…"                 # optional: ayse's approvals are signed (crisiscomm key new)

Without a team file every operator may act in every role; the two-person rule
holds all the same. With one, a name not in it may only read. A team file that
is a symbolic link, not a regular file, writable by others or malformed is
refused, never taken as absent. Names are compared as crisiscomm.identity reads
them (`AYSE` and `ayşe` are `ayse`).
"""

from __future__ import annotations

import base64
import getpass
import os
import pathlib
import pwd
import stat
from dataclasses import dataclass

from crisiscomm import config, files, identity
from crisiscomm.errors import CrisisError, os_reason
from crisiscomm.printable import printable
from crisiscomm.file_strings import t

ROLES = ("approver", "editor", "monitor")
MAX_NAME = identity.MAX_NAME
MAX_TEAM = 64 * 1024


class TeamError(CrisisError):
    """A team.toml that cannot be used (the message names the file)."""


@dataclass(frozen=True)
class Member:
    name: str
    roles: frozenset[str]
    account: str | None = None  # the OS account that alone may act as this member
    public_keys: tuple[bytes, ...] = ()  # Ed25519, raw 32 bytes; the first signs, the others still verify


@dataclass(frozen=True)
class Team:
    path: pathlib.Path
    members: tuple[Member, ...]

    def member(self, name: str) -> Member | None:
        key = identity.identity_key(name)
        return next((m for m in self.members if identity.identity_key(m.name) == key), None)


def os_account() -> str:
    """The OS account this process runs as (its real user id: environment variables can be set by anyone)."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return str(os.getuid())


def current_operator(explicit: str | None = None) -> str:
    """Who is acting, as written (NFKC); a name with invisible characters or mixed look-alike
    scripts is refused with the reason (identity.InvalidName)."""
    name = explicit or os.environ.get("CRISISCOMM_OPERATOR")
    if not name:
        try:
            team = load_team()
        except TeamError:
            team = None  # told when the operator acts; reading goes on
        bound = team and next((m for m in team.members if m.account == os_account()), None)
        if bound:
            return bound.name
        try:
            name = getpass.getuser()
        except Exception:  # no passwd entry, e.g. in some containers
            name = "operator"
    return identity.check_name(name)


def _refuse_unsafe_file(path: pathlib.Path) -> bool:
    """False when there is no team file; a team file that cannot be trusted raises TeamError."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise TeamError(t("file.team.unreadable", path=path, strerror=os_reason(exc))) from exc
    if stat.S_ISLNK(info.st_mode):
        target = printable(os.readlink(path))
        dangling = "" if path.exists() else t("file.team.dangling")
        raise TeamError(t("file.team.symlink", path=path, target=target, dangling=dangling))
    if not stat.S_ISREG(info.st_mode):
        raise TeamError(t("file.team.not_regular", path=path))
    if info.st_mode & 0o022:
        raise TeamError(t("file.team.writable", path=path, mode=stat.S_IMODE(info.st_mode)))
    return True


def load_team() -> Team | None:
    """The team beside the database (see crisiscomm.config), or None when there is no team file."""
    path = config.current().team_file
    if path is None or not _refuse_unsafe_file(path):
        return None
    try:
        data = files.parse_toml(files.decode_text(files.read_bytes(path, limit=MAX_TEAM, follow_symlinks=False),
                                                  str(path)), str(path), clean=False)
    except files.FileRefused as exc:
        raise TeamError(str(exc)) from exc
    entries = data.get("operator", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise TeamError(t("file.team.tables", path=path))
    members: list[Member] = []
    for number, entry in enumerate(entries, 1):
        member = _member(path, number, entry)
        clash = next((m for m in members if identity.same_person(m.name, member.name)), None)
        if clash:
            raise TeamError(t("file.team.same_person", path=path, name=clash.name, other=member.name))
        members.append(member)
    return Team(path, tuple(members))


def _member(path: pathlib.Path, number: int, entry: dict) -> Member:
    raw = entry.get("name")
    if not isinstance(raw, str) or not raw.strip():
        raise TeamError(t("file.team.no_name", path=path, number=number))
    try:
        name = identity.check_name(raw)
    except identity.InvalidName as exc:
        raise TeamError(t("file.team.operator_problem", path=path, number=number, exc=exc)) from exc
    roles = entry.get("roles", [entry["role"]] if "role" in entry else [])
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise TeamError(t("file.team.roles_list", path=path, name=name))
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise TeamError(t("file.team.unknown_roles", path=path, name=name, roles=ROLES, unknown=sorted(printable(r) for r in unknown)))
    account = entry.get("account")
    if account is not None and (not isinstance(account, str) or not account or account != printable(account).strip()):
        raise TeamError(t("file.team.account", path=path, name=name))
    keys = entry.get("public_keys", [])
    if "public_key" in entry:
        keys = [entry["public_key"], *keys]
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise TeamError(t("file.team.public_key_text", path=path, name=name))
    return Member(name, frozenset(roles), account, tuple(_public_key(path, name, k) for k in keys))


def _public_key(path: pathlib.Path, name: str, text: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise TeamError(t("file.team.public_key", path=path, name=name))
    return raw


def member_for(operator: str) -> tuple[Team | None, Member | None]:
    team = load_team()
    return team, (team.member(operator) if team else None)


def has_role(operator: str, role: str) -> bool:
    team, member = member_for(operator)
    return team is None or (member is not None and role in member.roles)
