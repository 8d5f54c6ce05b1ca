"""The labelled Turkish corpus (tests/corpus/turkish.txt) and its evaluation.

Shared by benchmarks/bench_turkish.py (prints the figures) and
tests/test_turkish_corpus.py (holds the targets). Classes: keyword matching
(every item against all KEYWORDS), fact extraction (counts, times,
percentages and dates as (kind, key, value)), each lint rule of LINT_RULES,
and the correct official statements (`correct`: no finding at all).
"""

from __future__ import annotations

import pathlib
from collections import defaultdict
from dataclasses import dataclass, field

CORPUS = pathlib.Path(__file__).resolve().parent.parent / "tests" / "corpus" / "turkish.txt"
KEYWORDS = [
    "deprem", "artçı", "yangın", "sel", "su", "baraj", "çadır", "kızılay", "afad", "tahliye", "yaralı", "enkaz",
    "kayıp", "hastane", "elektrik", "kesinti", "yol", "köprü", "okul", "toplanma alanı", "heyelan", "fırtına", "çığ",
    "dolandırıcılık", "yardım", "bağış", "iban", "hesap", "ölü", "can kaybı", "barınma", "gıda", "battaniye",
    "ambulans", "itfaiye", "jandarma", "polis", "valilik", "belediye", "göç", "mülteci", "salgın", "aşı",
    "zehirlenme", "patlama", "gaz", "ilaç", "internet", "kar", "yurt",
]
FACT_KINDS = ("count", "time", "percent", "date")
LINT_RULES = (
    "accuracy.hearsay", "accuracy.hearsay.evidential", "accuracy.speculation", "accuracy.speculation.estimate",
    "accuracy.speculation.modal", "accuracy.ambiguous", "accuracy.unconfirmed", "accuracy.number", "accuracy.time",
    "personal_data.tc_kimlik", "personal_data.iban", "personal_data.email", "personal_data.mobile",
    "personal_data.plate", "personal_data.health", "non_discrimination", "advertising.sponsor",
)


@dataclass
class Item:
    line: int
    kind: str
    text: str
    matches: set[str]
    facts: set[tuple[str, str, str]]
    lint: set[str]
    sheet: dict | None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list = field(default_factory=list)

    def add(self, found: set, expected: set, where: str) -> None:
        self.tp += len(found & expected)
        self.fp += len(found - expected)
        self.fn += len(expected - found)
        if found != expected:
            self.misses.append((where, sorted(found - expected), sorted(expected - found)))

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _list(field_text: str, sep: str) -> list[str]:
    field_text = field_text.strip()
    return [] if field_text == "-" else [p.strip() for p in field_text.split(sep) if p.strip()]


def _fact(text: str) -> tuple[str, str, str]:
    kind, _, rest = text.partition(":")
    key, _, value = rest.partition("=")
    return kind, key, value


def _sheet(text: str) -> dict | None:
    entries = _list(text, ";")
    if not entries:
        return None
    sheet = {}
    for entry in entries:
        key, _, value = entry.partition("=")
        status = "unconfirmed" if value.endswith("?") else "confirmed"
        sheet[key.strip()] = {"value": value.rstrip("?").strip(), "status": status}
    return sheet


def load(path: pathlib.Path = CORPUS) -> list[Item]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, text, matches, facts, lint, sheet = (p.strip() for p in line.split(" | "))
        unknown = set(_list(matches, ",")) - set(KEYWORDS)
        if unknown:
            raise ValueError(f"{path}:{n}: not in KEYWORDS: {sorted(unknown)}")
        items.append(Item(n, kind, text, set(_list(matches, ",")), {_fact(f) for f in _list(facts, ";")},
                          set(_list(lint, ",")), _sheet(sheet)))
    return items


def evaluate(items: list[Item]) -> dict[str, Score]:
    from crisiscomm.extract import extract_facts
    from crisiscomm.statements.lint import lint
    from crisiscomm.text import match_keywords

    scores: dict[str, Score] = defaultdict(Score)
    for item in items:
        where = f"line {item.line}: {item.text[:70]}"
        scores["matching"].add(set(match_keywords(item.text, KEYWORDS)), item.matches, where)
        found = {(e.kind, e.key or ("|".join(e.ambiguous) if e.ambiguous else "-"), e.value)
                 for e in extract_facts(item.text) if e.kind in FACT_KINDS}
        scores["extraction"].add(found, item.facts, where)
        findings = lint(item.text, facts=item.sheet)
        rules = {f.rule for f in findings}
        for rule in LINT_RULES:
            scores[f"lint {rule}"].add(rules & {rule}, item.lint & {rule}, where)
        if item.kind == "correct":
            scores["correct statements: findings"].add({f.rule for f in findings}, set(), where)
    return dict(scores)
