"""The linter's word lists: the bundled `lint_terms.toml`, plus an optional
`lint.toml` next to the database.

lint.toml (every part optional; lists add to the bundled ones):

    speculation = ["kulağımıza gelen"]
    hearsay = ["…"]                     # also estimates, denials, modal_figure_verbs
    hedges = ["ön bilgilere göre"]
    exclude_terms = ["sakat$"]          # drop bundled non-discrimination terms

    [rules]                             # per rule (or rule family): "off", "warning" or "error"
    "accuracy.hearsay.evidential" = "off"
    "advertising.brand" = "error"

    [personal_data]                     # the institution's own, never personal data
    allow = ["TR33 0006 1005 1978 6457 8413 26", "afet@valilik.gov.tr", "0 532 000 00 00", "@hs01.kep.tr"]

    [[non_discrimination]]
    term = "..."
    use = "..."                         # the respectful wording to suggest
    severity = "error"                  # or "warning" (default)

    [advertising]
    brands = ["Örnek Cola"]             # naming one needs a disclosure
    sponsor_cues = ["..."]              # also partnership_cues, company_markers
    disclosures = ["..."]

How terms match: see terms.py (`word` a word start, `word$` the word with its
Turkish suffixes, `#tag` exactly that tag). `fingerprint` / `config_change`
tell when the configuration in force changed, for the `lint.config_changed` event.
"""

from __future__ import annotations

import functools
import hashlib
import pathlib
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from crisiscomm import config, files
from crisiscomm.errors import CrisisError
from crisiscomm.statements.terms import TermSet
from crisiscomm.text import fold
from crisiscomm.file_strings import t

CONFIG_NAME = "lint.toml"
SEVERITIES = ("error", "warning")


RULE_SETTINGS = ("off", "warning", "error")


@dataclass(frozen=True)
class Term:
    term: str
    use: str
    severity: str
    pattern: TermSet


@dataclass
class LintConfig:
    speculation: TermSet
    hedges: TermSet
    what_happened: TermSet
    being_done: TermSet
    next_update: TermSet
    when: TermSet
    sponsor_cues: TermSet
    disclosures: TermSet
    brands: TermSet
    terms: list[Term] = field(default_factory=list)
    source: str = "bundled"
    folder: pathlib.Path | None = None  # the database's folder: its fact_synonyms.toml reads figures
    hearsay: TermSet = field(default_factory=lambda: TermSet([]))
    estimates: TermSet = field(default_factory=lambda: TermSet([]))
    denials: TermSet = field(default_factory=lambda: TermSet([]))
    partnership_cues: TermSet = field(default_factory=lambda: TermSet([]))
    company_markers: TermSet = field(default_factory=lambda: TermSet([]))
    modal_figure_verbs: tuple[str, ...] = ()
    rules: dict[str, str] = field(default_factory=dict)  # rule or family → off | warning | error
    allow: tuple[str, ...] = ()  # personal-data values that are the institution's own

    def setting(self, rule: str) -> str | None:
        """The configured setting for `rule` or its nearest family (`accuracy.hearsay`, `accuracy`)."""
        parts = rule.split(".")
        for n in range(len(parts), 0, -1):
            if (found := self.rules.get(".".join(parts[:n]))) is not None:
                return found
        return None


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
        raise CrisisError(t("file.lint.list", where=where))
    return value


def _terms(entries: list, excluded: set[str], where: str) -> list[Term]:
    terms = []
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("term"), str) or not entry["term"].strip():
            raise CrisisError(t("file.lint.term_needed", where=where, i=i))
        severity = entry.get("severity", "warning")
        if severity not in SEVERITIES:
            raise CrisisError(t("file.lint.term_severity", where=where, severity=severity, term=entry['term']))
        if fold(entry["term"]) in excluded or fold(entry["term"].rstrip("$")) in excluded:
            continue
        terms.append(Term(entry["term"], str(entry.get("use", "")), severity, TermSet([entry["term"]])))
    return terms


def _rules(value: object, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) and v in RULE_SETTINGS for v in value.values()):
        raise CrisisError(t("file.lint.rules", where=where, settings=', '.join(RULE_SETTINGS)))
    return dict(value)


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

    def terms(*path: str) -> TermSet:
        return TermSet(merged(*path))

    excluded = {fold(t.rstrip("$")) for t in _strings(extra.get("exclude_terms"), f"{where}: exclude_terms")}
    entries = list(base.get("non_discrimination", [])) + list(extra.get("non_discrimination", []))
    personal = extra.get("personal_data", {})
    if not isinstance(personal, dict):
        raise CrisisError(t("file.lint.personal_data", where=where))
    return LintConfig(
        speculation=terms("speculation"),
        hedges=terms("hedges"),
        what_happened=terms("transparency", "what_happened"),
        being_done=terms("transparency", "being_done"),
        next_update=terms("transparency", "next_update"),
        when=terms("transparency", "when"),
        sponsor_cues=terms("advertising", "sponsor_cues"),
        disclosures=terms("advertising", "disclosures"),
        brands=terms("advertising", "brands"),
        terms=_terms(entries, excluded, where),
        source=source,
        folder=folder,
        hearsay=terms("hearsay"),
        estimates=terms("estimates"),
        denials=terms("denials"),
        partnership_cues=terms("advertising", "partnership_cues"),
        company_markers=terms("advertising", "company_markers"),
        modal_figure_verbs=tuple(fold(v) for v in merged("modal_figure_verbs")),
        rules=_rules(extra.get("rules"), where),
        allow=tuple(_strings(personal.get("allow"), f"{where}: personal_data.allow")),
    )


@functools.lru_cache(maxsize=1)
def default_config() -> LintConfig:
    return build_config()


def load_config() -> LintConfig:
    """The bundled lists, extended by `lint.toml` next to the database when there is one."""
    path = config.current().lint_file
    if path is None:
        return default_config()
    return _cached(str(path), path.stat().st_mtime if path.exists() else None)


@functools.lru_cache(maxsize=8)
def _cached(path_text: str, mtime: float | None) -> LintConfig:
    """One compiled config per lint.toml version (the dashboard lints on every pause in typing)."""
    path = pathlib.Path(path_text)
    extra = _read_toml(path) if mtime is not None else None
    return build_config(extra, source=path_text if extra is not None else "bundled", folder=path.parent)


# -- changes of the configuration in force -------------------------------------------------
CHANGE_EVENT = "lint.config_changed"


def _bundled_text() -> str:
    return resources.files("crisiscomm.statements").joinpath("lint_terms.toml").read_text(encoding="utf-8")


def fingerprint(lint_file: pathlib.Path | None) -> str:
    """A hash of a lint configuration: the bundled lists and the institution's lint.toml (when there is one)."""
    digest = hashlib.sha256(_bundled_text().encode("utf-8"))
    if lint_file is not None and lint_file.is_file():
        digest.update(b"\0lint.toml\0" + files.read_bytes(lint_file))
    return digest.hexdigest()


def config_change(store) -> dict | None:
    """The payload of a `lint.config_changed` event when the configuration in force differs from
    the one the timeline last recorded (the bundled one when none was), else None."""
    import json

    current = fingerprint(config.current().lint_file)
    row = store.one("SELECT payload FROM events WHERE kind = ? ORDER BY id DESC LIMIT 1", (CHANGE_EVENT,))
    previous = json.loads(row["payload"]).get("fingerprint") if row else fingerprint(None)
    if current == previous:
        return None
    in_force = load_config()
    return {"fingerprint": current, "previous": previous, "source": in_force.source, "rules": dict(in_force.rules),
            "allow": len(in_force.allow)}
