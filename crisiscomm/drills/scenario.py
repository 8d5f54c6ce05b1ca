"""Drill scenarios: the MSEL-like TOML format (the model and where bundled files are).

A scenario names the exercise and its playbook, the facts known at the start,
and the injects: what happens at which offset on the incident clock, what the
players are expected to do about it and by when, and optionally a contingency
inject that fires when they have not done it by a given time. The format is
documented in docs/scenario-format.md; `validate` checks parsed TOML and names
file, line and field of every error; `scenario_files` finds and reads files.
"""

from __future__ import annotations

import dataclasses
import pathlib
from dataclasses import dataclass, field
from typing import Any

from crisiscomm.errors import CrisisError
from crisiscomm.playbook_model import parse_offset
from crisiscomm.drills.strings import t

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


class ScenarioInvalid(CrisisError):
    """A scenario file with errors; `errors` holds one `file:line: message` each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def parse_duration(value: Any) -> float:
    """`90` (seconds), `"45s"`, `"15m"`, `"1h30m"` -> seconds; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(t("drill.duration.not"))
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(t("drill.duration.negative"))
        return float(value)
    if isinstance(value, str):
        seconds = parse_offset(value)  # one offset syntax for playbooks and drills
        if seconds is not None:
            return float(seconds)
    raise ValueError(t("drill.duration.bad", value=value))


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
    starts_at: str | None = None  # ISO time in the scenario's world at clock 0 (None: the incident's real start)

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
