"""Accuracy against the fact sheet, read the same way the consistency tracker reads posts.

The figures, times, dates, phone numbers and addresses of a text come from
`crisiscomm.extract.extract_facts` with the fact-synonym vocabulary, so the
linter and the channel × fact matrix never disagree about what a text says.

- A value tied to a fact (`12 yaralı` → injured, `sonraki açıklama 16:00` →
  next_update) that differs from it is an error.
- A figure of a known kind (`3 ölü`) with no such fact on the sheet, and a
  phone number that is not one of the sheet's phone numbers, are warnings.
- An unconfirmed fact stated in a sentence without a qualifier
  (`ilk belirlemelere göre`, `teyit edilmemiş`, `unconfirmed` … see
  lint_terms.toml; an estimate or `-abilir` marks it too) is an error; with one
  it is correctly hedged, and the sentence is returned so that its estimate is
  not warned as speculation.
- A count with a word that names two facts (`5 kayıp`: dead or missing) is a
  warning: say which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from crisiscomm.extract import Extracted, extract_facts, infer_kind, normalize_fact, same_value
from crisiscomm.fact_names import display_name
from crisiscomm.statements.findings import ERROR, WARNING, Finding, finding
from crisiscomm.statements.hearsay import modal_figure_spans, sentence_of
from crisiscomm.statements.lint_config import LintConfig
from crisiscomm.text import fold
from crisiscomm.vocabulary import Vocabulary, load_vocabulary

RULE_BY_KIND = {"count": "accuracy.number", "time": "accuracy.time", "phone": "accuracy.phone",
                "date": "accuracy.date", "url": "accuracy.link", "hashtag": "accuracy.hashtag"}


@dataclass
class Fact:
    key: str
    value: str
    status: str
    kind: str | None     # an extract kind, or None for free text
    normal: str          # comparable form (folded text for free text)

    def agrees(self, item: Extracted) -> bool:
        return self.kind == item.kind and same_value(self.kind, item.value, self.normal, item.approx)


def sheet(facts: dict, vocab: Vocabulary) -> list[Fact]:
    """Facts from `facts.current()` rows ({key: row}) or a plain {key: value} mapping."""
    found = []
    for key, row in facts.items():
        value, status = (str(row["value"]), row.get("status", "confirmed")) if isinstance(row, dict) else (str(row), "confirmed")
        kind = vocab.kinds.get(key) or infer_kind(value)
        normal = normalize_fact(kind, value) if kind else None
        found.append(Fact(key, value, status, kind if normal else None, normal or fold(value)))
    return found


def check_accuracy(text: str, facts: dict, config: LintConfig,
                   personal: list[tuple[int, int]]) -> tuple[list[Finding], list[tuple[int, int]]]:
    """Findings for values that disagree with the fact sheet, are missing from it, or overstate it;
    and the sentences that correctly hedge an unconfirmed value."""
    base = load_vocabulary(config.folder)
    known = sheet(facts, base)
    vocab = base.with_keys({f.key: f.kind for f in known if f.kind})
    items = [i for i in extract_facts(text, vocab)
             if all(i.end <= s or i.start >= e for s, e in personal)]  # personal data is its own finding
    found: list[Finding] = []
    for item in items:
        if item.ambiguous:
            found.append(finding("accuracy.ambiguous", WARNING, (item.start, item.end), found=item.text,
                                 keys=" / ".join(item.ambiguous)))
            continue
        found += _judge(item, known)
    unconfirmed, hedged = _unconfirmed(text, items, known, config)
    return found + unconfirmed, hedged


def _judge(item: Extracted, known: list[Fact]) -> list[Finding]:
    span = (item.start, item.end)
    same_kind = [f for f in known if f.kind == item.kind]
    if any(f.agrees(item) for f in same_kind):
        return []
    named = next((f for f in same_kind if f.key == item.key), None)
    if named is not None:
        return [finding(RULE_BY_KIND[item.kind], ERROR, span, message="lint.accuracy.contradicts",
                        found=item.display, fact=display_name(named.key), value=named.value)]
    if item.kind == "count" and item.key and not any(f.key == item.key for f in known):
        return [finding("accuracy.not_on_sheet", WARNING, span, found=f"{item.display} ({display_name(item.key)})")]
    if item.kind == "phone" and same_kind:
        # A number to call that is not the sheet's is a likely mistake; other unnamed values are free.
        return [finding("accuracy.not_on_sheet", WARNING, span, found=item.display)]
    return []


def _hedged(config: LintConfig, sentence: str) -> bool:
    return config.hedges.search(sentence) or config.estimates.search(sentence) or bool(
        modal_figure_spans(sentence, config))


def _unconfirmed(text: str, items: list[Extracted], known: list[Fact],
                 config: LintConfig) -> tuple[list[Finding], list[tuple[int, int]]]:
    folded = fold(text)
    found, hedged = [], []
    for fact in (f for f in known if f.status == "unconfirmed"):
        if fact.kind:
            spans = [(i.start, i.end) for i in items
                     if fact.agrees(i) and (fact.kind != "count" or i.key == fact.key)]
        elif len(fact.normal) >= 3 and len(folded) == len(text):
            spans = [m.span() for m in re.finditer(re.escape(fact.normal), folded)]
        else:
            spans = []
        for start, end in spans:
            s, e = sentence_of(text, start)
            if _hedged(config, text[s:e]):
                hedged.append((s, e))
            elif not any(f.start == start for f in found):
                found.append(finding("accuracy.unconfirmed", ERROR, (start, end), fact=display_name(fact.key),
                                     value=fact.value))
    return found, hedged
