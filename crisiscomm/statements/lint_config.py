"""The linter's word lists: the bundled `lint_terms.toml`, plus an optional
`lint.toml` next to the database.

lint.toml (every part optional; lists add to the bundled ones):

    speculation = ["kulağımıza gelen"]
    hedges = ["ön bilgilere göre"]
    exclude_terms = ["sakat$"]          # drop bundled non-discrimination terms

    [[non_discrimination]]
    term = "..."
    use = "..."                         # the respectful wording to suggest
    severity = "error"                  # or "warning" (default)

    [advertising]
    brands = ["Örnek Cola"]             # naming one needs a disclosure
    sponsor_cues = ["..."]
    disclosures = ["..."]

Terms are matched on Turkish-folded text at the start of a word; a trailing `$`
asks for the whole word.
"""

from __future__ import annotations

import functools
import os
import pathlib
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from crisiscomm import files
from crisiscomm.errors import CrisisError
from crisiscomm.text import fold

CONFIG_NAME = "lint.toml"
SEVERITIES = ("error", "warning")


def term_pattern(terms: list[str]) -> re.Pattern | None:
    """One regex for a list of terms, longest first so that a phrase beats its first word."""
    parts = []
    for term in sorted({fold(t.strip()) for t in terms if t.strip()}, key=len, reverse=True):
        whole = term.endswith("$")
        word = term.rstrip("$")
        lead = r"(?<!\w)" if word[:1].isalnum() else ""
        parts.append(lead + re.escape(word) + (r"(?!\w)" if whole else ""))
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True)
class Term:
    term: str
    use: str
    severity: str
    pattern: re.Pattern


@dataclass
class LintConfig:
    speculation: re.Pattern | None
    hedges: re.Pattern | None
    what_happened: re.Pattern | None
    being_done: re.Pattern | None
    next_update: re.Pattern | None
    when: re.Pattern | None
    sponsor_cues: re.Pattern | None
    disclosures: re.Pattern | None
    brands: re.Pattern | None
    terms: list[Term] = field(default_factory=list)
    source: str = "bundled"
    folder: pathlib.Path | None = None  # the database's folder: its fact_synonyms.toml reads figures


def _read_toml(path: pathlib.Path) -> dict:
    return files.load_toml(path)  # a FileRefused (a CrisisError) names the file and the line


@functools.lru_cache(maxsize=1)
def _bundled() -> dict:
    text = resources.files("crisiscomm.statements").joinpath("lint_terms.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CrisisError(f"{where} must be a list of strings")
    return value


def _terms(entries: list, excluded: set[str], where: str) -> list[Term]:
    terms = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not entry["term"].strip():
            raise CrisisError(f"{where}: non_discrimination entry #{i} needs a term")
        severity = entry.get("severity", "warning")
        if severity not in SEVERITIES:
            raise CrisisError(f"{where}: term '{entry['term']}' has severity '{severity}'; use error or warning")
        if fold(entry["term"]) in excluded:
            continue
        terms.append(Term(entry["term"], str(entry.get("use", "")), severity, term_pattern([entry["term"]])))
    return terms


def build_config(extra: dict | None = None, source: str = "bundled", folder: pathlib.Path | None = None) -> LintConfig:
    base, extra = _bundled(), extra or {}
    where = source

    def merged(*path: str) -> list[str]:
        found: list[str] = []
        for data in (base, extra):
            node = data
            for key in path:
                node = node.get(key, {}) if isinstance(node, dict) else {}
            found += _strings(node or None, f"{where}: {'.'.join(path)}")
        return found

    excluded = {fold(t) for t in _strings(extra.get("exclude_terms"), f"{where}: exclude_terms")}
    entries = list(base.get("non_discrimination", [])) + list(extra.get("non_discrimination", []))
    return LintConfig(
        speculation=term_pattern(merged("speculation")),
        hedges=term_pattern(merged("hedges")),
        what_happened=term_pattern(merged("transparency", "what_happened")),
        being_done=term_pattern(merged("transparency", "being_done")),
        next_update=term_pattern(merged("transparency", "next_update")),
        when=term_pattern(merged("transparency", "when")),
        sponsor_cues=term_pattern(merged("advertising", "sponsor_cues")),
        disclosures=term_pattern(merged("advertising", "disclosures")),
        brands=term_pattern(merged("advertising", "brands")),
        terms=_terms(entries, excluded, where),
        source=source,
        folder=folder,
    )


@functools.lru_cache(maxsize=1)
def default_config() -> LintConfig:
    return build_config()


def config_path(db_path: str | os.PathLike) -> pathlib.Path:
    return pathlib.Path(db_path).resolve().parent / CONFIG_NAME


def load_config(db_path: str | os.PathLike | None) -> LintConfig:
    """The bundled lists, extended by `lint.toml` next to the database when there is one."""
    if db_path is None or str(db_path) == ":memory:":
        return default_config()
    path = config_path(db_path)
    return _cached(str(path), path.stat().st_mtime if path.exists() else None)


@functools.lru_cache(maxsize=8)
def _cached(path_text: str, mtime: float | None) -> LintConfig:
    """One compiled config per lint.toml version (the dashboard lints on every pause in typing)."""
    path = pathlib.Path(path_text)
    extra = _read_toml(path) if mtime is not None else None
    return build_config(extra, source=path_text if extra is not None else "bundled", folder=path.parent)
