"""Validation of a scenario file: parsed TOML in, a Scenario or every error out.

Each error is `FILE:LINE: message`; the line comes from `toml_lines`, which
maps tables and keys of the source to their lines.
"""

from __future__ import annotations

import datetime as dt
import pathlib
import re
from typing import Any

from crisiscomm.drills.scenario import (
    COMMON_FIELDS,
    CONTINGENCY_COMMON,
    EXPECT_FIELDS,
    EXPECT_FILTERS,
    FACT_STATUSES,
    INJECT_TYPES,
    KNOWN_ACTIONS,
    LANGUAGES,
    MENTION_INJECTS,
    SAMPLE_FEEDS_DIR,
    Expectation,
    Inject,
    Scenario,
    ScenarioInvalid,
    parse_duration,
)
from crisiscomm.errors import CrisisError
from crisiscomm.playbooks import require_playbook
from crisiscomm.printable import one_line
from crisiscomm.toml_lines import key_lines, line_of
from crisiscomm.drills.strings import t

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class Validator:
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
                self.error(where, t("drill.check.missing", label=label, key=key))
            return ""
        if not isinstance(value, str) or not value.strip():
            self.error(where + (key,), t("drill.check.empty_text", label=label, key=key))
            return ""
        return value.strip()

    def duration(self, table: dict, where: tuple, key: str, *, label: str, required: bool = True) -> float | None:
        if key not in table:
            if required:
                self.error(where, t("drill.check.missing", label=label, key=key))
            return None
        try:
            return parse_duration(table[key])
        except ValueError as exc:
            self.error(where + (key,), t("drill.check.key_problem", label=label, key=key, exc=exc))
            return None

    def unknown(self, table: dict, where: tuple, allowed: tuple[str, ...], label: str) -> None:
        for key in table:
            if key not in allowed:
                self.error(where + (key,), t("drill.check.unknown_field", label=label, key=key, allowed=', '.join(allowed)))

    # -- sections ---------------------------------------------------------------
    def scenario(self) -> Scenario:
        self.unknown(self.data, (), ("exercise", "facts", "inject"), "scenario")
        exercise = self.data.get("exercise")
        if not isinstance(exercise, dict):
            self.error((), t("drill.check.no_exercise"))
            exercise = {}
        where = ("exercise",)
        self.unknown(exercise, where, ("name", "playbook", "language", "severity", "description", "keywords",
                                       "duration", "starts_at"), "[exercise]")
        name = one_line(self.text(exercise, where, "name", required=True, label="[exercise]"))
        playbook = self.text(exercise, where, "playbook", required=True, label="[exercise]")
        if playbook:
            self.check_playbook(playbook, where + ("playbook",))
        language = exercise.get("language", "tr")
        if language not in LANGUAGES:
            self.error(where + ("language",), t("drill.check.language", languages=', '.join(LANGUAGES)))
        severity = exercise.get("severity", 2)
        if isinstance(severity, bool) or not isinstance(severity, int) or not 1 <= severity <= 4:
            self.error(where + ("severity",), t("drill.check.severity"))
            severity = 2
        description = exercise.get("description", "")
        if not isinstance(description, str):
            self.error(where + ("description",), t("drill.check.description"))
            description = ""
        keywords = exercise.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
            self.error(where + ("keywords",), t("drill.check.keywords"))
            keywords = []
        duration = self.duration(exercise, where, "duration", label="[exercise]", required=False) or 0.0
        starts_at = self.starts_at(exercise, where)
        facts = self.facts()
        injects = self.injects()
        if self.errors:
            raise ScenarioInvalid(self.errors)
        return Scenario(
            name=name, playbook=playbook, language=language, severity=severity,
            description=description.strip(), keywords=tuple(k.strip() for k in keywords),
            facts=tuple(facts), injects=tuple(sorted(injects, key=lambda i: (i.at, i.contingency_of is not None))),
            duration=duration, path=str(self.path.resolve()), starts_at=starts_at,
        )

    def starts_at(self, exercise: dict, where: tuple) -> str | None:
        """`starts_at`: a date and time with its UTC offset, quoted or as a TOML datetime."""
        if "starts_at" not in exercise:
            return None
        value = exercise["starts_at"]
        moment = None
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, str):
            try:
                moment = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                moment = None
        if moment is None or moment.tzinfo is None:
            self.error(where + ("starts_at",), t("drill.check.starts_at"))
            return None
        return moment.isoformat()

    def check_playbook(self, playbook: str, where: tuple) -> None:
        try:
            self.steps = {step.id for step in require_playbook(playbook).steps}
        except CrisisError as exc:
            self.error(where, t("drill.check.playbook", exc=exc))

    def facts(self) -> list[dict]:
        table = self.data.get("facts", {})
        if not isinstance(table, dict):
            self.error(("facts",), t("drill.check.facts"))
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
            self.error(where, t("drill.check.fact_value", label=label))
            return None
        self.unknown(raw, where, ("value", "status", "source"), label)
        value = raw.get("value")
        if isinstance(value, bool) or not isinstance(value, str | int | float) or not str(value).strip():
            self.error(where, t("drill.check.fact_no_value", label=label))
            return None
        status = raw.get("status", "confirmed")
        if status not in FACT_STATUSES:
            self.error(where, t("drill.check.fact_status", label=label, statuses=', '.join(FACT_STATUSES)))
        source = raw.get("source", "")
        return {"value": str(value), "status": status, "source": str(source)}

    def injects(self) -> list[Inject]:
        raw_list = self.data.get("inject", [])
        if not isinstance(raw_list, list) or not raw_list:
            self.error(("inject",), t("drill.check.no_inject"))
            return []
        injects: list[Inject] = []
        seen: set[str] = set()
        for index, raw in enumerate(raw_list):
            where = ("inject", index)
            if not isinstance(raw, dict):
                self.error(where, t("drill.check.inject_table", number=index + 1))
                continue
            inject_id = raw.get("id")
            label = (t("drill.check.inject_label", id=inject_id) if isinstance(inject_id, str)
                     else t("drill.check.inject_number", number=index + 1))
            if not isinstance(inject_id, str) or not _ID.match(inject_id):
                self.error(where + ("id",), t("drill.check.inject_id", label=label))
                inject_id = f"inject-{index + 1}"
            elif inject_id in seen:
                self.error(where + ("id",), t("drill.check.inject_id_twice", label=label))
            seen.add(inject_id)
            at = self.duration(raw, where, "at", label=label)
            kind, fields = self.inject_body(raw, where, label, COMMON_FIELDS)
            expect = self.expectation(raw.get("expect"), where + ("expect",), label) if "expect" in raw else None
            if expect is not None and expect.about_inject and kind not in MENTION_INJECTS:
                self.error(where + ("expect", "about_inject"),
                           t("drill.check.about_inject", label=label, types=', '.join(MENTION_INJECTS)))
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
            self.error(where + ("type",), t("drill.check.type", label=label, types=', '.join(INJECT_TYPES)))
            return None, {}
        required, optional = INJECT_TYPES[kind]
        self.unknown(raw, where, common + required + optional, label)
        fields: dict[str, Any] = {}
        for key in required + optional:
            if key == "register_claim":
                flag = raw.get(key, False)
                if not isinstance(flag, bool):
                    self.error(where + (key,), t("drill.check.register_claim", label=label))
                fields[key] = bool(flag)
                continue
            if key == "value" and isinstance(raw.get(key), int | float) and not isinstance(raw.get(key), bool):
                fields[key] = str(raw[key])
                continue
            value = self.text(raw, where, key, required=key in required, label=label)
            if value:
                fields[key] = value
        if kind == "fact_change" and fields.get("status", "confirmed") not in FACT_STATUSES:
            self.error(where + ("status",), t("drill.check.fact_status", label=label, statuses=', '.join(FACT_STATUSES)))
        if kind == "mention_burst" and fields.get("feed"):
            try:
                fields["feed_path"] = resolve_feed(fields["feed"], self.path)
            except CrisisError as exc:
                self.error(where + ("feed",), t("drill.check.problem", label=label, exc=exc))
        return kind, fields

    def expectation(self, raw: Any, where: tuple, label: str) -> Expectation | None:
        label = t("drill.check.expect_label", label=label)
        if not isinstance(raw, dict):
            self.error(where, t("drill.check.expect_table", label=label))
            return None
        self.unknown(raw, where, EXPECT_FIELDS, label)
        action = raw.get("action")
        if action not in KNOWN_ACTIONS:
            self.error(where + ("action",), t("drill.check.action", label=label, actions=', '.join(KNOWN_ACTIONS)))
        deadline = self.duration(raw, where, "deadline", label=label)
        if deadline is not None and deadline <= 0:
            self.error(where + ("deadline",), t("drill.check.deadline", label=label))
        description = raw.get("description", "")
        if not isinstance(description, str):
            self.error(where + ("description",), t("drill.check.expect_description", label=label))
            description = ""
        match = {}
        for key in EXPECT_FILTERS:
            if key in raw:
                if isinstance(raw[key], bool) or not isinstance(raw[key], str | int) or not str(raw[key]).strip():
                    self.error(where + (key,), t("drill.check.text", label=label, key=key))
                else:
                    match[key] = str(raw[key]).strip()
        step = match.get("step")
        if step and self.steps is not None and step not in self.steps:
            self.error(where + ("step",), t("drill.check.no_step", label=label, step=step, steps=', '.join(sorted(self.steps))))
        about = raw.get("about_inject", False)
        if not isinstance(about, bool):
            self.error(where + ("about_inject",), t("drill.check.about_inject_bool", label=label))
            about = False
        if action not in KNOWN_ACTIONS or deadline is None or deadline <= 0:
            return None
        return Expectation(action=action, deadline=deadline, description=description.strip(), match=match,
                           about_inject=about)

    def contingency(
        self, raw: Any, where: tuple, label: str, parent: str, parent_at: float, expect: Expectation | None,
    ) -> Inject | None:
        label = t("drill.check.contingency_label", label=label)
        if not isinstance(raw, dict):
            self.error(where, t("drill.check.contingency_table", label=label))
            return None
        if "expect" not in self.data["inject"][where[1]]:
            self.error(where, t("drill.check.contingency_expect", label=label))
        after = self.duration(raw, where, "after", label=label)
        kind, fields = self.inject_body(raw, where, label, CONTINGENCY_COMMON)
        if after is not None and after <= 0:
            self.error(where + ("after",), t("drill.check.contingency_after", label=label))
        if after is None or kind is None or expect is None or after <= 0:
            return None
        return Inject(id=f"{parent}.contingency", at=parent_at + after, type=kind, fields=fields,
                      contingency_of=parent)


def resolve_feed(reference: str, scenario_path: pathlib.Path) -> str:
    """A burst's feed: a URL, or a regular file inside the scenario's folder or the bundled sample feeds.

    A reference never leaves those folders (`../../etc/passwd`, an absolute path
    or a symlink pointing out are refused), so a shared scenario cannot make a
    drill read any other file of the machine.
    """
    if reference.startswith(("http://", "https://")):
        return reference
    own_folder = scenario_path.resolve().parent
    if not (own_folder / reference).resolve().is_relative_to(own_folder):
        raise CrisisError(t("drill.check.feed_outside", reference=reference))
    for folder in (own_folder, SAMPLE_FEEDS_DIR.resolve()):
        candidate = (folder / reference).resolve()
        if candidate.is_relative_to(folder) and candidate.is_file():
            return str(candidate)
    raise CrisisError(t("drill.check.feed_missing", reference=reference))
