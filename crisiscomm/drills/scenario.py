"""Drill scenarios: the MSEL-like TOML format, its validation, the bundled files.

A scenario names the exercise and its playbook, the facts known at the start,
and the injects: what happens at which offset on the incident clock, what the
players are expected to do about it and by when, and optionally a contingency
inject that fires when they have not done it by a given time. The format is
documented in docs/scenario-format.md; errors name file, line and field.
"""

from __future__ import annotations

import dataclasses
import pathlib
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from crisiscomm.errors import CrisisError
from crisiscomm.toml_lines import key_lines, line_of

PACKAGE_DATA = pathlib.Path(__file__).resolve().parent.parent / "data"
BUNDLED_DIR = PACKAGE_DATA / "playbooks" / "drills"
SAMPLE_FEEDS_DIR = PACKAGE_DATA / "sample_feeds"

LANGUAGES = ("tr", "en")
FACT_STATUSES = ("confirmed", "unconfirmed")

# type -> (required fields, optional fields) besides the common ones
INJECT_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "mention": (("content",), ("author", "title", "link")),
    "mention_burst": (("feed",), ("content",)),
    "fact_change": (("key", "value"), ("status", "source", "content")),
    "journalist_request": (("content",), ("from", "outlet")),
    "phone_request": (("content",), ("from",)),
    "account_alert": (("content",), ("account", "channel")),
    "rumour": (("content",), ("author", "title", "link", "register_claim")),
}
COMMON_FIELDS = ("id", "at", "type", "expect", "contingency")
CONTINGENCY_COMMON = ("after", "type")

# What an expected action may name: the timeline event kinds the product records.
KNOWN_ACTIONS = (
    "statement.drafted", "statement.revised", "statement.submitted", "statement.approved", "statement.published",
    "post.added",
    "claim.added", "claim.linked", "claim.status", "claim.correction_started",
    "fact.set",
    "checklist.started", "checklist.done", "checklist.skipped",
    "mention.triaged",
    "incident.monitoring", "incident.closed",
    "account.reviewed",
)
# Payload fields an expectation may require (compared case- and diacritic-insensitively).
EXPECT_FILTERS = ("status", "key", "value", "step", "state", "channel", "handle")
EXPECT_FIELDS = ("action", "deadline", "description", "about_inject", *EXPECT_FILTERS)
# Injects that create mentions, which an expectation can require the answer to be about.
MENTION_INJECTS = ("mention", "mention_burst", "rumour")

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class ScenarioInvalid(CrisisError):
    """A scenario file with errors; `errors` holds one `file:line: message` each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def parse_duration(value: Any) -> float:
    """`90` (seconds), `"45s"`, `"15m"`, `"1h30m"` -> seconds; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError("not a duration")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return float(value)
    if isinstance(value, str):
        from crisiscomm.playbooks import parse_offset  # one offset syntax for playbooks and drills

        seconds = parse_offset(value)
        if seconds is not None:
            return float(seconds)
    raise ValueError(f"'{value}' is not a duration like 90s, 15m or 1h30m")


@dataclass(frozen=True)
class Expectation:
    action: str
    deadline: float  # seconds after the inject's offset
    description: str = ""
    match: dict[str, str] = field(default_factory=dict)
    about_inject: bool = False  # the answer must concern a mention this inject created


@dataclass(frozen=True)
class Inject:
    id: str
    at: float  # seconds on the incident clock
    type: str
    fields: dict[str, Any]
    expect: Expectation | None = None
    contingency_of: str | None = None  # fires only if that inject's expectation is unmet by `at`

    @property
    def content(self) -> str:
        return str(self.fields.get("content", ""))

    @property
    def due(self) -> float | None:
        return None if self.expect is None else self.at + self.expect.deadline


@dataclass(frozen=True)
class Scenario:
    name: str
    playbook: str
    language: str
    severity: int
    description: str
    keywords: tuple[str, ...]
    facts: tuple[dict, ...]  # {key, value, status, source}
    injects: tuple[Inject, ...]  # ordered by offset; contingencies included
    duration: float
    path: str = ""

    @property
    def end(self) -> float:
        """The clock at which the drill is over: every inject played, every deadline passed."""
        ends = [self.duration]
        for inject in self.injects:
            ends.append(inject.at)
            if inject.due is not None:
                ends.append(inject.due)
        return max(ends)

    def inject(self, inject_id: str) -> Inject:
        for inject in self.injects:
            if inject.id == inject_id:
                return inject
        raise KeyError(inject_id)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Scenario:
        injects = []
        for raw in data["injects"]:
            expect = Expectation(**raw["expect"]) if raw.get("expect") else None
            injects.append(Inject(**{**raw, "expect": expect}))
        return cls(**{**data, "keywords": tuple(data["keywords"]), "facts": tuple(data["facts"]),
                      "injects": tuple(injects)})


# -- loading ---------------------------------------------------------------------


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
    raise CrisisError(f"no scenario file {name_or_path} (bundled scenarios: {names})")


def load_scenario(name_or_path: str | pathlib.Path) -> Scenario:
    """Read and validate a scenario; raise ScenarioInvalid listing every error."""
    path = resolve_path(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioInvalid([f"{path}: cannot read: {exc}"]) from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        where = f"{path}:{found.group(1)}" if found else str(path)
        raise ScenarioInvalid([f"{where}: not valid TOML: {exc}"]) from exc
    return _Validator(path, text, data).scenario()


def check_scenario(name_or_path: str | pathlib.Path) -> list[str]:
    """Every error of a scenario file (empty when it is valid)."""
    try:
        load_scenario(name_or_path)
    except ScenarioInvalid as exc:
        return exc.errors
    return []


def resolve_feed(reference: str, scenario_path: pathlib.Path) -> str | None:
    """A burst's feed: a URL, a file beside the scenario, or a bundled sample feed."""
    if reference.startswith(("http://", "https://")):
        return reference
    for folder in (scenario_path.parent, SAMPLE_FEEDS_DIR):
        candidate = (folder / reference).resolve()
        if candidate.is_file():
            return str(candidate)
    return None


class _Validator:
    """Turns parsed TOML into a Scenario, collecting `file:line: message` errors."""

    def __init__(self, path: pathlib.Path, text: str, data: dict) -> None:
        self.path = path
        self.lines = key_lines(text)
        self.data = data
        self.errors: list[str] = []
        self.steps: set[str] | None = None  # the playbook's step ids, once it is known

    def error(self, where: tuple, message: str) -> None:
        self.errors.append(f"{self.path}:{line_of(self.lines, where)}: {message}")

    # -- helpers --------------------------------------------------------------
    def text(self, table: dict, where: tuple, key: str, *, required: bool, label: str) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.error(where, f"{label}: '{key}' is missing")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.error(where + (key,), f"{label}: '{key}' must be non-empty text")
            return ""
        return value.strip()

    def duration(self, table: dict, where: tuple, key: str, *, label: str, required: bool = True) -> float | None:
        if key not in table:
            if required:
                self.error(where, f"{label}: '{key}' is missing")
            return None
        try:
            return parse_duration(table[key])
        except ValueError as exc:
            self.error(where + (key,), f"{label}: '{key}': {exc}")
            return None

    def unknown(self, table: dict, where: tuple, allowed: tuple[str, ...], label: str) -> None:
        for key in table:
            if key not in allowed:
                self.error(where + (key,), f"{label}: unknown field '{key}' (allowed: {', '.join(allowed)})")

    # -- sections ---------------------------------------------------------------
    def scenario(self) -> Scenario:
        self.unknown(self.data, (), ("exercise", "facts", "inject"), "scenario")
        exercise = self.data.get("exercise")
        if not isinstance(exercise, dict):
            self.error((), "scenario: the [exercise] table is missing")
            exercise = {}
        where = ("exercise",)
        self.unknown(exercise, where, ("name", "playbook", "language", "severity", "description", "keywords", "duration"),
                     "[exercise]")
        name = self.text(exercise, where, "name", required=True, label="[exercise]")
        playbook = self.text(exercise, where, "playbook", required=True, label="[exercise]")
        if playbook:
            self.check_playbook(playbook, where + ("playbook",))
        language = exercise.get("language", "tr")
        if language not in LANGUAGES:
            self.error(where + ("language",), f"[exercise]: 'language' must be one of {', '.join(LANGUAGES)}")
        severity = exercise.get("severity", 2)
        if isinstance(severity, bool) or not isinstance(severity, int) or not 1 <= severity <= 4:
            self.error(where + ("severity",), "[exercise]: 'severity' must be a number from 1 to 4")
            severity = 2
        description = exercise.get("description", "")
        if not isinstance(description, str):
            self.error(where + ("description",), "[exercise]: 'description' must be text")
            description = ""
        keywords = exercise.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
            self.error(where + ("keywords",), "[exercise]: 'keywords' must be a list of words")
            keywords = []
        duration = self.duration(exercise, where, "duration", label="[exercise]", required=False) or 0.0
        facts = self.facts()
        injects = self.injects()
        if self.errors:
            raise ScenarioInvalid(self.errors)
        return Scenario(
            name=name, playbook=playbook, language=language, severity=severity,
            description=description.strip(), keywords=tuple(k.strip() for k in keywords),
            facts=tuple(facts), injects=tuple(sorted(injects, key=lambda i: (i.at, i.contingency_of is not None))),
            duration=duration, path=str(self.path.resolve()),
        )

    def check_playbook(self, playbook: str, where: tuple) -> None:
        from crisiscomm.playbooks import require_playbook

        try:
            self.steps = {step.id for step in require_playbook(playbook).steps}
        except CrisisError as exc:
            self.error(where, f"[exercise]: 'playbook': {exc}")

    def facts(self) -> list[dict]:
        table = self.data.get("facts", {})
        if not isinstance(table, dict):
            self.error(("facts",), "[facts] must be a table of key = value")
            return []
        facts = []
        for key, raw in table.items():
            where = ("facts", key)
            fact = self.fact_value(raw, where, f"[facts] {key}")
            if fact is not None:
                facts.append({"key": key, **fact})
        return facts

    def fact_value(self, raw: Any, where: tuple, label: str) -> dict | None:
        """`"12"` or `{ value = "12", status = "unconfirmed", source = "AFAD" }`."""
        if isinstance(raw, str | int | float) and not isinstance(raw, bool):
            return {"value": str(raw), "status": "confirmed", "source": ""}
        if not isinstance(raw, dict):
            self.error(where, f"{label}: must be a value or {{ value = ..., status = ..., source = ... }}")
            return None
        self.unknown(raw, where, ("value", "status", "source"), label)
        value = raw.get("value")
        if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
            self.error(where, f"{label}: 'value' is missing")
            return None
        status = raw.get("status", "confirmed")
        if status not in FACT_STATUSES:
            self.error(where, f"{label}: 'status' must be one of {', '.join(FACT_STATUSES)}")
        source = raw.get("source", "")
        return {"value": str(value), "status": status, "source": str(source)}

    def injects(self) -> list[Inject]:
        raw_list = self.data.get("inject", [])
        if not isinstance(raw_list, list) or not raw_list:
            self.error(("inject",), "scenario: at least one [[inject]] is needed")
            return []
        injects: list[Inject] = []
        seen: set[str] = set()
        for index, raw in enumerate(raw_list):
            where = ("inject", index)
            if not isinstance(raw, dict):
                self.error(where, f"inject {index + 1}: must be a table")
                continue
            inject_id = raw.get("id")
            label = f"inject '{inject_id}'" if isinstance(inject_id, str) else f"inject {index + 1}"
            if not isinstance(inject_id, str) or not _ID.match(inject_id):
                self.error(where + ("id",), f"{label}: 'id' must be lower-case letters, digits, - or _")
                inject_id = f"inject-{index + 1}"
            elif inject_id in seen:
                self.error(where + ("id",), f"{label}: the id is used twice")
            seen.add(inject_id)
            at = self.duration(raw, where, "at", label=label)
            kind, fields = self.inject_body(raw, where, label, COMMON_FIELDS)
            expect = self.expectation(raw.get("expect"), where + ("expect",), label) if "expect" in raw else None
            if expect is not None and expect.about_inject and kind not in MENTION_INJECTS:
                self.error(where + ("expect", "about_inject"),
                           f"{label} expect: 'about_inject' needs an inject that creates mentions"
                           f" ({', '.join(MENTION_INJECTS)})")
            if at is None or kind is None:
                continue
            injects.append(Inject(id=inject_id, at=at, type=kind, fields=fields, expect=expect))
            if "contingency" in raw:
                contingency = self.contingency(raw["contingency"], where + ("contingency",), label, inject_id, at, expect)
                if contingency is not None:
                    injects.append(contingency)
        return injects

    def inject_body(self, raw: dict, where: tuple, label: str, common: tuple[str, ...]) -> tuple[str | None, dict]:
        kind = raw.get("type")
        if kind not in INJECT_TYPES:
            self.error(where + ("type",), f"{label}: 'type' must be one of {', '.join(INJECT_TYPES)}")
            return None, {}
        required, optional = INJECT_TYPES[kind]
        self.unknown(raw, where, common + required + optional, label)
        fields: dict[str, Any] = {}
        for key in required + optional:
            if key == "register_claim":
                flag = raw.get(key, False)
                if not isinstance(flag, bool):
                    self.error(where + (key,), f"{label}: 'register_claim' must be true or false")
                fields[key] = bool(flag)
                continue
            if key == "value" and isinstance(raw.get(key), int | float) and not isinstance(raw.get(key), bool):
                fields[key] = str(raw[key])
                continue
            value = self.text(raw, where, key, required=key in required, label=label)
            if value:
                fields[key] = value
        if kind == "fact_change" and fields.get("status", "confirmed") not in FACT_STATUSES:
            self.error(where + ("status",), f"{label}: 'status' must be one of {', '.join(FACT_STATUSES)}")
        if kind == "mention_burst" and fields.get("feed"):
            found = resolve_feed(fields["feed"], self.path)
            if found is None:
                self.error(where + ("feed",), f"{label}: feed file '{fields['feed']}' not found beside the scenario"
                           " or among the sample feeds")
            else:
                fields["feed_path"] = found
        return kind, fields

    def expectation(self, raw: Any, where: tuple, label: str) -> Expectation | None:
        label = f"{label} expect"
        if not isinstance(raw, dict):
            self.error(where, f"{label}: must be a table with action and deadline")
            return None
        self.unknown(raw, where, EXPECT_FIELDS, label)
        action = raw.get("action")
        if action not in KNOWN_ACTIONS:
            self.error(where + ("action",), f"{label}: 'action' must be one of {', '.join(KNOWN_ACTIONS)}")
        deadline = self.duration(raw, where, "deadline", label=label)
        if deadline is not None and deadline <= 0:
            self.error(where + ("deadline",), f"{label}: 'deadline' must be after the inject")
        description = raw.get("description", "")
        if not isinstance(description, str):
            self.error(where + ("description",), f"{label}: 'description' must be text")
            description = ""
        match = {}
        for key in EXPECT_FILTERS:
            if key in raw:
                if isinstance(raw[key], bool) or not isinstance(raw[key], str | int) or not str(raw[key]).strip():
                    self.error(where + (key,), f"{label}: '{key}' must be text")
                else:
                    match[key] = str(raw[key]).strip()
        step = match.get("step")
        if step and self.steps is not None and step not in self.steps:
            self.error(where + ("step",), f"{label}: the playbook has no step '{step}' (steps: {', '.join(sorted(self.steps))})")
        about = raw.get("about_inject", False)
        if not isinstance(about, bool):
            self.error(where + ("about_inject",), f"{label}: 'about_inject' must be true or false")
            about = False
        if action not in KNOWN_ACTIONS or deadline is None or deadline <= 0:
            return None
        return Expectation(action=action, deadline=deadline, description=description.strip(), match=match,
                           about_inject=about)

    def contingency(
        self, raw: Any, where: tuple, label: str, parent: str, parent_at: float, expect: Expectation | None,
    ) -> Inject | None:
        label = f"{label} contingency"
        if not isinstance(raw, dict):
            self.error(where, f"{label}: must be a table with after, type and content")
            return None
        if "expect" not in self.data["inject"][where[1]]:
            self.error(where, f"{label}: needs the inject to have an [expect] it can wait for")
        after = self.duration(raw, where, "after", label=label)
        kind, fields = self.inject_body(raw, where, label, CONTINGENCY_COMMON)
        if after is not None and after <= 0:
            self.error(where + ("after",), f"{label}: 'after' must be later than the inject")
        if after is None or kind is None or expect is None or after <= 0:
            return None
        return Inject(id=f"{parent}.contingency", at=parent_at + after, type=kind, fields=fields,
                      contingency_of=parent)
