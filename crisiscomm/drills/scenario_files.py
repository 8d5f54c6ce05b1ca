"""Finding and reading drill scenario files: a path or a bundled scenario's name.

A file is read through `files` (a regular file, at most `MAX_BYTES`, TOML at
most `files.MAX_DEPTH` deep) and checked by `validate`, which names file,
line and field of every error.
"""

from __future__ import annotations

import pathlib

from crisiscomm import files
from crisiscomm.drills.scenario import BUNDLED_DIR, Scenario, ScenarioInvalid
from crisiscomm.drills.validate import Validator
from crisiscomm.errors import CrisisError
from crisiscomm.drills.strings import t

MAX_BYTES = 1 << 20  # a rich scenario is ~15 KB


def bundled_scenarios() -> list[pathlib.Path]:
    return sorted(BUNDLED_DIR.glob("*.toml"))


def resolve_path(name_or_path: str | pathlib.Path) -> pathlib.Path:
    """A path, or the name of a bundled scenario (with or without `.toml`)."""
    path = pathlib.Path(name_or_path)
    if path.exists():
        return path
    stem = path.name.removesuffix(".toml")
    for bundled in bundled_scenarios():
        if bundled.stem == stem:
            return bundled
    names = ", ".join(p.stem for p in bundled_scenarios())
    raise CrisisError(t("drill.scenario.not_found", name_or_path=name_or_path, names=names))


def load_scenario(name_or_path: str | pathlib.Path) -> Scenario:
    """Read and validate a scenario; raise ScenarioInvalid listing every error."""
    path = resolve_path(name_or_path)
    try:
        text = files.read_text(path, limit=MAX_BYTES)
        data = files.parse_toml(text, str(path))
    except files.FileRefused as exc:
        raise ScenarioInvalid([str(exc)]) from exc
    return Validator(path, text, data).scenario()


def check_scenario(name_or_path: str | pathlib.Path) -> list[str]:
    """Every error of a scenario file (empty when it is valid)."""
    try:
        load_scenario(name_or_path)
    except ScenarioInvalid as exc:
        return exc.errors
    return []
