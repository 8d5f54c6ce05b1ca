"""The playbook model: steps, triggers, templates, offsets and the guide's principles.

A playbook is one TOML file (docs/playbook-format.md describes it): steps
with owners, due offsets, dependencies and the guide principle each serves,
statement templates with `{slot}` names, suggested watch keywords; every text
in each language the file declares. `playbook_check` validates a file and
`build`s the model from it; `playbooks` finds the files.
"""

from __future__ import annotations

import dataclasses
import pathlib
import re
import string
from dataclasses import dataclass, field
from typing import Any

from crisiscomm import i18n
from crisiscomm.errors import CrisisError
from crisiscomm.file_strings import t

# The guide's principles a step can serve (guide section in brackets).
PRINCIPLES: dict[str, dict[str, str]] = {
    "identity": {"tr": "Kurumsal kimliğe uygunluk", "en": "Fit with institutional identity"},
    "transparency": {"tr": "Şeffaflık ve hesap verebilirlik", "en": "Transparency and accountability"},
    "accuracy": {"tr": "Doğruluk ve güvenilirlik", "en": "Accuracy and reliability"},
    "user-focus": {"tr": "Kullanıcı odaklılık", "en": "User focus"},
    "public-interest": {"tr": "Kamu yararı", "en": "Public interest"},
    "security": {"tr": "Hesap güvenliği", "en": "Account security"},
    "account-management": {"tr": "Hesap yönetimi", "en": "Account management"},
    "personal-data": {"tr": "Kişisel verilerin korunması (KVKK)", "en": "Personal data protection (KVKK)"},
    "intellectual-property": {"tr": "Fikri mülkiyet haklarına saygı", "en": "Intellectual property"},
    "non-discrimination": {"tr": "Ayrımcılık yasağı", "en": "Non-discrimination"},
    "advertising": {"tr": "Reklam ve sponsorluk", "en": "Advertising and sponsorship"},
    "speed": {"tr": "Kriz iletişimi: hız", "en": "Crisis communication: speed"},
    "consistency": {"tr": "Kriz iletişimi: tutarlılık", "en": "Crisis communication: consistency"},
    "disinformation": {"tr": "Dezenformasyonla mücadele", "en": "Fighting disinformation"},
    "verification": {"tr": "Teyit mekanizmaları", "en": "Verification"},
    "measurement": {"tr": "Ölçümleme ve raporlama", "en": "Measurement and reporting"},
}

_OFFSET = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$")
MAX_OFFSET = 30 * 86400

# The events a step's `done_when` can name, with the payload fields a condition
# may test and their allowed values (None: any value). `correction` is not in
# the payload: the checklist derives it (is the statement a claim's correction?).
_CLAIM_STATUSES = ("unverified", "verifying", "true", "false", "misleading", "inconclusive")
_STATEMENT_FIELDS: dict[str, tuple[str, ...] | None] = {"correction": ("yes", "no")}
DONE_WHEN_EVENTS: dict[str, dict[str, tuple[str, ...] | None]] = {
    "statement.submitted": _STATEMENT_FIELDS,
    "statement.approved": _STATEMENT_FIELDS,
    "statement.published": {**_STATEMENT_FIELDS, "channel": None},
    "claim.added": {},
    "claim.status": {"to": _CLAIM_STATUSES, "from": _CLAIM_STATUSES},
    "claim.correction_started": {},
    "fact.set": {"key": None, "status": ("confirmed", "unconfirmed")},
}
_DONE_WHEN = re.compile(r"^\s*([a-z_]+\.[a-z_]+)\s*(?:\s([a-z_]+)\s*=\s*(\S+))?\s*$")


# -- the model -----------------------------------------------------------------
@dataclass(frozen=True)
class Step:
    id: str
    phase: str
    owner: str
    due: int  # seconds on the incident clock
    due_text: str  # as written in the file: "15m", "72h", "14d"
    depends_on: tuple[str, ...]
    principle: str
    title: dict[str, str]
    guidance: dict[str, str]
    done_when: tuple[Trigger, ...] = ()


@dataclass(frozen=True)
class Trigger:
    """`statement.approved correction=no`: an event kind and an optional payload condition."""
    kind: str
    field: str | None = None
    values: tuple[str, ...] = ()

    def matches(self, kind: str, fields: dict[str, Any]) -> bool:
        if kind != self.kind:
            return False
        return self.field is None or str(fields.get(self.field)) in self.values


def parse_done_when(text: str) -> Trigger:
    """`KIND` or `KIND FIELD=VALUE|VALUE`; a CrisisError says what is wrong."""
    match = _DONE_WHEN.match(text) if isinstance(text, str) else None
    if not match:
        raise CrisisError(t("file.playbook.done_when", text=text))
    kind, field_name, raw = match.groups()
    if kind not in DONE_WHEN_EVENTS:
        raise CrisisError(t("file.playbook.done_when_event", kind=kind, known=', '.join(DONE_WHEN_EVENTS)))
    if field_name is None:
        return Trigger(kind)
    fields = DONE_WHEN_EVENTS[kind]
    if field_name not in fields:
        known = ", ".join(fields) or "none"
        raise CrisisError(t("file.playbook.done_when_field", kind=kind, field_name=field_name, known=known))
    values = tuple(raw.split("|"))
    allowed = fields[field_name]
    bad = [v for v in values if not v or (allowed is not None and v not in allowed)]
    if bad:
        listing = ", ".join(allowed) if allowed is not None else "non-empty values separated by |"
        raise CrisisError(t("file.playbook.done_when_value", field_name=field_name, raw=raw, listing=listing))
    return Trigger(kind, field_name, values)


def done_when_list(value: Any) -> list[str]:
    """`done_when` is one string or a list of strings (any of them completes the step)."""
    return [value] if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class Template:
    id: str
    title: dict[str, str]
    body: dict[str, str]
    short: dict[str, str]  # the short form X, Bluesky and SMS get ({} when the body fits them)

    def slots(self, lang: str) -> list[str]:
        return template_slots(self.body[lang] + self.short.get(lang, ""))


@dataclass(frozen=True)
class Playbook:
    id: str
    languages: tuple[str, ...]
    title: dict[str, str]
    description: dict[str, str]
    roles: dict[str, dict[str, str]]
    phases: dict[str, dict[str, str]]  # in file order
    steps: tuple[Step, ...]
    templates: tuple[Template, ...]
    keywords: dict[str, list[str]]
    update_every: int | None
    source: str
    data: dict = field(repr=False, compare=False)
    lang: str = "en"

    def text(self, value: dict[str, str]) -> str:
        """A localized text in this playbook's chosen language."""
        return value.get(self.lang) or value.get(self.languages[0]) or next(iter(value.values()), "")

    def role_title(self, role_id: str) -> str:
        return self.text(self.roles[role_id]) if role_id in self.roles else role_id

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise CrisisError(i18n.t("error.playbook.no_step", playbook=self.id, step=step_id,
                                 steps=", ".join(s.id for s in self.steps)))

    def all_keywords(self) -> list[str]:
        seen: dict[str, None] = {}
        for lang in self.languages:
            for word in self.keywords.get(lang, []):
                seen.setdefault(word.strip(), None)
        return [w for w in seen if w]

    def with_lang(self, lang: str | None) -> Playbook:
        chosen = lang or i18n.get_lang()
        return dataclasses.replace(self, lang=chosen if chosen in self.languages else self.languages[0])


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def parse_offset(text: str) -> int | None:
    """`15m` -> 900, `1h30m` -> 5400, `2d` -> 172800; None when malformed."""
    match = _OFFSET.match(text.strip()) if isinstance(text, str) else None
    if not match or not any(match.groups()):
        return None
    days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return days * 86400 + hours * 3600 + minutes * 60 + seconds


def template_slots(body: str) -> list[str]:
    """The `{slot}` names of a template body, in order, without repeats (`{when'de}` is `when`)."""
    names: dict[str, None] = {}
    for _, name, _, _ in string.Formatter().parse(body):
        if name is not None:
            names.setdefault(re.split(r"['’]", name)[0], None)
    return list(names)


def build(data: dict, source: str) -> Playbook:
    """The model of an already validated playbook table."""
    languages = languages_of(data["language"])

    def loc(value: Any) -> dict[str, str]:
        return dict(value) if isinstance(value, dict) else {languages[0]: value}

    keywords = data.get("keywords", {})
    if isinstance(keywords, list):
        keywords = {languages[0]: keywords}
    steps = tuple(
        Step(
            id=s["id"], phase=s["phase"], owner=s["owner"], due=parse_offset(s["due"]) or 0, due_text=s["due"].strip(),
            depends_on=tuple(s.get("depends_on", [])), principle=s["principle"],
            title=loc(s["title"]), guidance=loc(s["guidance"]),
            done_when=tuple(parse_done_when(t) for t in done_when_list(s.get("done_when", []))),
        )
        for s in data["steps"]
    )
    return Playbook(
        id=data["id"], languages=languages, title=loc(data["title"]),
        description=loc(data.get("description", {lang: "" for lang in languages})),
        roles={r["id"]: loc(r["title"]) for r in data.get("roles", [])},
        phases={p["id"]: loc(p["title"]) for p in data.get("phases", [])},
        steps=steps,
        templates=tuple(Template(t["id"], loc(t["title"]), loc(t["body"]), loc(t["short"]) if "short" in t else {})
                        for t in data.get("templates", [])),
        keywords={k: list(v) for k, v in keywords.items()},
        update_every=parse_offset(data["update_every"]) if "update_every" in data else None,
        source=source, data=data, lang=languages[0],
    )


def languages_of(value: Any) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def principle_title(principle: str, lang: str | None = None) -> str:
    entry = PRINCIPLES.get(principle)
    return entry.get(lang or i18n.get_lang(), entry["en"]) if entry else principle


def playbook_files(folder: pathlib.Path) -> list[pathlib.Path]:
    """The *.toml files directly in a folder (drill scenarios live in drills/)."""
    return sorted(p for p in folder.glob("*.toml") if p.is_file())
