"""The process's configuration, resolved once: where the team, lint, playbook and
synonym files are, and the institution's time zone.

Everything an institution configures lives in the folder beside its database
(`team.toml`, `lint.toml`, `fact_synonyms.toml`, `playbooks/`, `playbooks/drills/`);
`CRISISCOMM_PLAYBOOKS` adds a playbook folder and `CRISISCOMM_TZ` names the time
zone (Europe/Istanbul by default). The command line and the dashboard call
`configure(db_path)` once at start; the areas read `current()` and load (and
cache) their own files from the paths it names. Nothing here imports an area.
"""

from __future__ import annotations

import os
import pathlib
import zoneinfo
from dataclasses import dataclass

BUNDLED_PLAYBOOKS = pathlib.Path(__file__).parent / "data" / "playbooks"
DEFAULT_TZ = "Europe/Istanbul"
ENV_PLAYBOOKS = "CRISISCOMM_PLAYBOOKS"
ENV_TZ = "CRISISCOMM_TZ"


@dataclass(frozen=True)
class Config:
    """Paths and settings of one database's room (`folder` None: bundled defaults only)."""

    db_path: pathlib.Path | None
    folder: pathlib.Path | None
    extra_playbooks: pathlib.Path | None
    tz_name: str

    @classmethod
    def for_database(cls, db_path: str | os.PathLike | None) -> Config:
        folder = None
        if db_path is not None and str(db_path) != ":memory:":
            db_path = pathlib.Path(db_path).expanduser().absolute()
            folder = db_path.parent
        extra = os.environ.get(ENV_PLAYBOOKS)
        return cls(
            db_path=pathlib.Path(db_path) if db_path is not None else None,
            folder=folder,
            extra_playbooks=pathlib.Path(extra).expanduser() if extra else None,
            tz_name=os.environ.get(ENV_TZ) or DEFAULT_TZ,
        )

    def beside(self, name: str) -> pathlib.Path | None:
        """A file in the database's folder (None without one)."""
        return self.folder / name if self.folder is not None else None

    @property
    def team_file(self) -> pathlib.Path | None:
        return self.beside("team.toml")

    @property
    def lint_file(self) -> pathlib.Path | None:
        return self.beside("lint.toml")

    @property
    def synonyms_file(self) -> pathlib.Path | None:
        return self.beside("fact_synonyms.toml")

    @property
    def playbook_dirs(self) -> list[pathlib.Path]:
        """$CRISISCOMM_PLAYBOOKS, playbooks/ beside the database, the bundled folder (earlier wins)."""
        dirs = [d for d in (self.extra_playbooks, self.beside("playbooks")) if d is not None]
        return dirs + [BUNDLED_PLAYBOOKS]

    @property
    def scenario_dirs(self) -> list[pathlib.Path]:
        return [folder / "drills" for folder in self.playbook_dirs]

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.tz_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(DEFAULT_TZ)


_current: list[Config] = []


def configure(db_path: str | os.PathLike | None) -> Config:
    """Resolve the configuration for the database this process works on."""
    config = Config.for_database(db_path)
    _current[:] = [config]
    return config


def current() -> Config:
    """The configuration `configure` resolved (bundled defaults before that)."""
    if not _current:
        _current.append(Config.for_database(None))
    return _current[0]
