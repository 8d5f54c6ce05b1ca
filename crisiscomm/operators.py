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
import pathlib
import tomllib

ROLES = ("approver", "editor", "monitor")


class TeamError(Exception):
    pass


def current_operator(explicit: str | None = None) -> str:
    name = explicit or os.environ.get("CRISISCOMM_OPERATOR")
    if not name:
        try:
            name = getpass.getuser()
        except Exception:  # no passwd entry, e.g. in some containers
            name = "operator"
    return name.strip() or "operator"


def team_file(db_path: str | os.PathLike) -> pathlib.Path:
    return pathlib.Path(db_path).resolve().parent / "team.toml"


def load_team(db_path: str | os.PathLike) -> dict[str, set[str]] | None:
    """name -> roles, or None when there is no team file."""
    path = team_file(db_path)
    if not path.exists():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TeamError(f"{path}: {exc}") from exc
    team: dict[str, set[str]] = {}
    for i, entry in enumerate(data.get("operator", []), 1):
        name = entry.get("name")
        roles = entry.get("roles") or ([entry["role"]] if "role" in entry else [])
        if not isinstance(name, str) or not name:
            raise TeamError(f"{path}: operator #{i} has no name")
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise TeamError(f"{path}: operator '{name}' has unknown role(s) {sorted(unknown)}; roles are {ROLES}")
        team[name] = set(roles)
    return team


def has_role(db_path: str | os.PathLike, operator: str, role: str) -> bool:
    team = load_team(db_path)
    if team is None:
        return True
    return role in team.get(operator, set())
