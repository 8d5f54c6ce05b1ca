"""Who is acting: operator names and roles from `team.toml` beside the database.

team.toml:

    [[operator]]
    name = "ayse"
    roles = ["approver", "editor"]

Without a team file every operator may act in every role; the two-person rule
holds all the same.
"""

from __future__ import annotations

import getpass
import os

from crisiscomm import config, files
from crisiscomm.errors import CrisisError
from crisiscomm.printable import one_line

ROLES = ("approver", "editor", "monitor")
MAX_NAME = 100


class TeamError(CrisisError):
    """A team.toml that cannot be used (the message names the file)."""


def current_operator(explicit: str | None = None) -> str:
    """Who is acting, on one printable line (a name lands in the timeline and on every screen)."""
    name = explicit or os.environ.get("CRISISCOMM_OPERATOR")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no passwd entry, e.g. in some containers
            name = "operator"
    return one_line(name)[:MAX_NAME] or "operator"


def load_team() -> dict[str, set[str]] | None:
    """name -> roles, or None when there is no team file (beside the database, see crisiscomm.config)."""
    path = config.current().team_file
    if path is None or not path.exists():
        return None
    try:
        data = files.load_toml(path)
    except files.FileRefused as exc:
        raise TeamError(str(exc)) from exc
    team: dict[str, set[str]] = {}
    entries = data.get("operator", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise TeamError(f"{path}: operators are tables written as [[operator]]")
    for i, entry in enumerate(entries, 1):
        name = one_line(entry["name"]) if isinstance(entry.get("name"), str) else ""
        roles = entry.get("roles") or ([entry["role"]] if "role" in entry else [])
        if not name:
            raise TeamError(f"{path}: operator #{i} has no name")
        if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
            raise TeamError(f"{path}: operator '{name}': roles must be a list such as [\"editor\"]")
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise TeamError(f"{path}: operator '{name}' has unknown role(s) {sorted(unknown)}; roles are {ROLES}")
        team[name] = set(roles)
    return team


def has_role(operator: str, role: str) -> bool:
    team = load_team()
    if team is None:
        return True
    return role in team.get(operator, set())
