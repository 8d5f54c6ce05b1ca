"""The typed objects the use-case layer hands out (frozen dataclasses).

Areas store rows; at the layer's boundary a row becomes one of these, so that
callers read `incident.is_exercise` instead of comparing strings in a dict.
`from_row` ignores columns a model does not name and `as_dict` gives the
fields back for JSON.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

Model = TypeVar("Model")

EXERCISE_MARK = "TATBİKAT / EXERCISE"


def from_row(cls: type[Model], row: dict, **extra: Any) -> Model:
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {k: v for k, v in row.items() if k in names}
    values.update(extra)
    return cls(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Record:
    """What every model shares."""

    def as_dict(self) -> dict:
        """The fields as plain JSON-ready values (tuples become lists)."""
        return _plain(dataclasses.asdict(self))  # type: ignore[call-overload]


@dataclass(frozen=True)
class EventRef(Record):
    """An event an action appended (itself or through a reaction)."""

    id: int
    kind: str
    incident_id: int | None


@dataclass(frozen=True)
class Incident(Record):
    id: int
    title: str
    playbook: str
    severity: int
    status: str
    mode: str
    started_at: str
    closed_at: str | None = None
    keywords: tuple[str, ...] = ()
    created_by: str = ""
    clock_base_wall: str = ""
    clock_base_seconds: float = 0.0
    clock_speed: float = 1.0
    clock_paused: bool = False

    @classmethod
    def from_row(cls, row: dict) -> Incident:
        keywords = row.get("keywords") or "[]"
        if isinstance(keywords, str):
            keywords = json.loads(keywords)
        return from_row(cls, row, keywords=tuple(keywords), clock_paused=bool(row.get("clock_paused")))

    @property
    def is_exercise(self) -> bool:
        return self.mode == "exercise"

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"

    def public(self) -> dict:
        """The documented JSON fields (SPEC §11) and a few more."""
        view = {k: getattr(self, k) for k in (
            "id", "title", "playbook", "severity", "status", "mode", "started_at", "closed_at", "created_by")}
        view["keywords"] = list(self.keywords)
        return view


@dataclass(frozen=True)
class Fact(Record):
    incident_id: int
    key: str
    value: str
    status: str
    source: str
    version: int
    set_by: str
    set_at: str

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    @property
    def name(self) -> str:
        """What people call the fact, in the UI language (`Yaralı sayısı` for `injured`)."""
        from crisiscomm.fact_names import display_name

        return display_name(self.key)

    def public(self) -> dict:
        view = {k: getattr(self, k) for k in ("key", "value", "status", "source", "version", "set_by", "set_at")}
        return {**view, "name": self.name}


@dataclass(frozen=True)
class Post(Record):
    id: int
    incident_id: int
    channel: str
    text: str
    url: str | None
    operator: str
    posted_at: str
    clock: float | None = None
    statement_id: int | None = None
    version_id: int | None = None
    statement_version: int | None = None
    simulated: bool = False

    def public(self) -> dict:
        return self.as_dict()


@dataclass(frozen=True)
class StatementVersion(Record):
    id: int
    version: int
    body: str
    language: str
    author: str
    state: str
    created_at: str
    approver: str | None = None
    lint: tuple[dict, ...] = ()
    submitted_at: str | None = None
    approved_at: str | None = None
    published_at: str | None = None
    reason: str | None = None
    channel_texts: dict[str, str] = field(default_factory=dict)  # a channel's own text (X, Bluesky, SMS …)


@dataclass(frozen=True)
class Statement(Record):
    id: int
    incident_id: int
    title: str
    template_id: str | None
    created_by: str
    created_at: str
    version: int
    state: str
    author: str
    approver: str | None
    body: str
    language: str
    channel_texts: dict[str, str] = field(default_factory=dict)
    versions: tuple[StatementVersion, ...] = ()
    channels: tuple[str, ...] = ()
    post: Post | None = None

    @classmethod
    def from_view(cls, view: dict, post: dict | None = None) -> Statement:
        versions = tuple(from_row(StatementVersion, {**v, "lint": tuple(v.get("lint") or ())})
                         for v in view.get("versions", ()))
        return from_row(cls, view, versions=versions, channels=tuple(view.get("channels") or ()),
                        post=from_row(Post, post, simulated=bool(post.get("simulated"))) if post else None)

    @property
    def newest(self) -> StatementVersion:
        return self.versions[-1]


@dataclass(frozen=True)
class Claim(Record):
    id: int
    incident_id: int
    text: str
    status: str
    created_by: str
    created_at: str
    first_seen_at: str
    first_mention_id: int | None = None
    verdict_at: str | None = None
    correction_statement_id: int | None = None
    correction_started_at: str | None = None


@dataclass(frozen=True)
class Triage(Record):
    """Mentions moved to a triage state within one incident."""

    incident_id: int
    state: str
    changed: tuple[int, ...]


@dataclass(frozen=True)
class ChecklistStep(Record):
    step_id: str
    title: str
    state: str
    due: str
    due_clock: float
    owner: str
    operator: str | None = None
    note: str = ""
    late: bool = False


@dataclass(frozen=True)
class Correction(Record):
    id: int
    incident_id: int
    channel: str
    fact: str
    state: str
    value: str = ""
    expected: str = ""
    reason: str | None = None


@dataclass(frozen=True)
class Erasure(Record):
    mention_id: int
    checkpointed: bool


@dataclass(frozen=True)
class Notes(Record):
    """An action whose outcome is only lines to tell the operator."""

    lines: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Drill(Record):
    id: int
    incident_id: int
    scenario: str
    speed: float
    operator: str
    started_at: str
    finished_at: str | None = None
