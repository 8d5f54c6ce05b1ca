"""The channel × fact matrix: what each channel's latest post says against the fact sheet.

A fact is compared only where a post states it: a count whose noun names the
key, a phone number against a phone fact, a time named as the next update, an
address against an address fact. Numbers tied to no fact are ignored. A cell
is `agrees`, `contradicts` (a value the fact never had), `stale` (a value an
earlier version of the fact had, or a post from a superseded statement
version) or `missing` (the post does not state the fact; informational).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from crisiscomm import config, facts, incidents, posts
from crisiscomm.errors import CrisisError
from crisiscomm.fact_names import display_name
from crisiscomm.i18n import t
from crisiscomm.extract import (
    Extracted,
    extract_facts,
    infer_kind,
    normalize_fact,
    same_value,
)
from crisiscomm.store import Store
from crisiscomm.vocabulary import Vocabulary, load_vocabulary

STATES = ("agrees", "contradicts", "missing", "stale")
BAD_STATES = ("contradicts", "stale")
# a correction (crisiscomm.corrections) stays open until a post agrees or someone dismisses it
CORRECTION_STATES = ("open", "resolved", "dismissed")

__all__ = ["extract_facts", "matrix", "review_text", "load_sheet", "STATES", "BAD_STATES"]


@dataclass
class SheetFact:
    """A comparable fact: its current value and the values its earlier versions had."""

    key: str
    kind: str
    value: str
    normal: str
    version: int
    status: str
    source: str
    old: list[tuple[str, str, int]] = field(default_factory=list)  # (normal, as set, version)

    def agrees(self, said: str, approx: bool = False) -> bool:
        return same_value(self.kind, said, self.normal, approx)

    def old_version(self, said: str) -> tuple[str, int] | None:
        """(old value, its version) when `said` is what an earlier version held."""
        for normal, value, version in reversed(self.old):
            if same_value(self.kind, said, normal):
                return value, version
        return None


@dataclass
class Judgement:
    state: str
    item: Extracted | None = None
    old_version: int | None = None


def load_sheet(store: Store, incident_id: int) -> tuple[dict[str, SheetFact], Vocabulary]:
    """The comparable facts of an incident and the vocabulary that reads its posts."""
    base = load_vocabulary(config.current().folder)
    current = facts.current(store, incident_id)
    history: dict[str, list[dict]] = defaultdict(list)
    for row in facts.history(store, incident_id):
        history[row["key"]].append(row)
    sheet: dict[str, SheetFact] = {}
    for key, row in current.items():
        kind = base.kinds.get(key) or infer_kind(row["value"])
        normal = normalize_fact(kind, row["value"]) if kind else None
        if normal is None:
            continue  # free text (a cause, a place): nothing in a post to compare it with
        fact = SheetFact(key, kind, row["value"], normal, row["version"], row["status"], row["source"])
        for old in history[key]:
            old_normal = normalize_fact(kind, old["value"])
            if old["version"] < row["version"] and old_normal is not None and not fact.agrees(old_normal):
                fact.old.append((old_normal, old["value"], old["version"]))
        sheet[key] = fact
    return sheet, base.with_keys({key: fact.kind for key, fact in sheet.items()})


def _key_for(item: Extracted, sheet: dict[str, SheetFact]) -> str | None:
    """The fact an extracted value states, if any."""
    if item.kind == "count":
        fact = sheet.get(item.key or "")
        return item.key if fact is not None and fact.kind == "count" else None
    candidates = [f for f in sheet.values() if f.kind == item.kind]
    if item.key and any(f.key == item.key for f in candidates):
        return item.key
    for fact in candidates:
        if fact.agrees(item.value):
            return fact.key
    for fact in candidates:
        if fact.old_version(item.value):
            return fact.key
    # an unnamed phone number or an address on the fact's own site: the one fact of that kind
    if len(candidates) == 1 and not item.key:
        fact = candidates[0]
        if item.kind == "phone" or (item.kind == "url" and _host(item.value) == _host(fact.normal)):
            return fact.key
    return None


def _host(url_value: str) -> str:
    return url_value.split("/", 1)[0]


def _judge(fact: SheetFact, said: list[Extracted]) -> Judgement:
    stale: Judgement | None = None
    for item in said:
        if fact.agrees(item.value, item.approx):
            continue
        old = fact.old_version(item.value)
        if old is None:
            return Judgement("contradicts", item)
        stale = stale or Judgement("stale", item, old[1])
    if stale:
        return stale
    return Judgement("agrees", said[0]) if said else Judgement("missing")


def review_text(text: str, sheet: dict[str, SheetFact], vocab: Vocabulary) -> tuple[dict[str, Judgement], list[Extracted]]:
    """Judge a text against every comparable fact; also the values it states that the sheet lacks."""
    said: dict[str, list[Extracted]] = defaultdict(list)
    unlisted: list[Extracted] = []
    for item in extract_facts(text, vocab):
        key = _key_for(item, sheet)
        if key:
            said[key].append(item)
        elif (item.key and item.key not in sheet) or item.ambiguous:  # `5 kayıp`: shown, never guessed
            unlisted.append(item)
    return {key: _judge(fact, said[key]) for key, fact in sheet.items()}, unlisted


def _superseded_versions(store: Store, version_ids: list[int]) -> set[int]:
    ids = [v for v in version_ids if v is not None]
    if not ids:
        return set()
    marks = ",".join("?" * len(ids))
    rows = store.all(f"SELECT id FROM statement_versions WHERE state = 'superseded' AND id IN ({marks})", ids)
    return {r["id"] for r in rows}


def _cell(channel: str, post: dict, fact: SheetFact, judgement: Judgement, superseded: bool) -> dict:
    state, reason = judgement.state, ""
    if state == "stale":
        reason = f"old value (fact version {judgement.old_version})"
    elif state == "agrees" and superseded:
        state, reason = "stale", "from a superseded statement version"
    item = judgement.item
    return {
        "channel": channel, "fact": fact.key, "fact_name": display_name(fact.key), "state": state,
        "value": item.display if item else None, "expected": fact.value,
        "post": post["id"], "text": item.text if item else None, "reason": reason,
        "old_version": judgement.old_version, "superseded": superseded and state == "stale" and not judgement.old_version,
        "kind": fact.kind, "fact_version": fact.version, "fact_status": fact.status,
    }


def list_corrections(store: Store, incident_id: int, *, state: str | None = None) -> list[dict]:
    if state is not None and state not in CORRECTION_STATES:
        raise CrisisError(t("error.correction.state", states=", ".join(CORRECTION_STATES)))
    sql = "SELECT * FROM corrections WHERE incident_id = ?" + (" AND state = ?" if state else "") + " ORDER BY id"
    return store.all(sql, (incident_id, state) if state else (incident_id,))


def matrix(store: Store, incident_id: int) -> dict:
    """Channels × facts for the latest post of every channel, and the corrections."""
    incident = incidents.get(store, incident_id)
    sheet, vocab = load_sheet(store, incident_id)
    latest = posts.latest_per_channel(store, incident_id)
    superseded = _superseded_versions(store, [p["version_id"] for p in latest.values()])
    cells, channels = [], []
    for channel, post in latest.items():
        judgements, unlisted = review_text(post["text"], sheet, vocab)
        from_superseded = post["version_id"] in superseded
        cells.extend(_cell(channel, post, sheet[key], judgements[key], from_superseded) for key in sheet)
        channels.append({
            "channel": channel, "post": post["id"], "posted_at": post["posted_at"], "operator": post["operator"],
            "url": post["url"], "statement_id": post["statement_id"], "version_id": post["version_id"],
            "superseded": from_superseded, "simulated": bool(post.get("simulated")),
            "unlisted": [{"fact": i.key, "kind": i.kind, "value": i.display, "text": i.text,
                          **({"ambiguous": list(i.ambiguous)} if i.ambiguous else {})} for i in unlisted],
        })
    summary = Counter(cell["state"] for cell in cells)
    return {
        "incident": incident_id,
        "mode": incident.mode,
        "facts": [{"key": f.key, "name": display_name(f.key), "kind": f.kind, "value": f.value, "version": f.version, "status": f.status,
                   "source": f.source} for f in sheet.values()],
        "channels": channels,
        "cells": cells,
        "corrections": list_corrections(store, incident_id),
        "summary": {state: summary.get(state, 0) for state in STATES},
    }


def has_conflicts(result: dict) -> bool:
    """Does any post contradict the current fact sheet (old values included)?"""
    return any(cell["state"] in BAD_STATES for cell in result["cells"])
