"""Scoring a drill against the timeline: each expected action met, late or missed.

The timeline is the record: an expectation is met by an event of the expected
kind, recorded by a player (not by the drill's control cell), on the
incident clock at or after the inject's offset, whose payload carries the
expected values. On time means by `offset + deadline`; after that it is late
by the difference; without such an event by the end of the drill it is
missed. Each event answers one expectation: on-time answers are assigned
first, so one late approval cannot steal the on-time answer of a later inject.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from crisiscomm import i18n
from crisiscomm.clock import format_clock, format_offset
from crisiscomm.drills.scenario import Expectation, Scenario
from crisiscomm.fact_names import canonical_key
from crisiscomm.incidents import EXERCISE_MARK
from crisiscomm.printable import printable
from crisiscomm.store import Store
from crisiscomm.text import fold

MET, LATE, MISSED, PENDING = "met", "late", "missed", "pending"
# Points per outcome; the total is their share of the points possible.
POINTS = {MET: 1.0, LATE: 0.5, MISSED: 0.0}
CONTROL_OPERATOR = "drill-control"  # who records the injects: never a player
# Actions recorded without an incident; they count when they happened during the drill.
GLOBAL_ACTIONS = ("account.reviewed",)

# An expectation's field may be recorded under another payload name by the area's event.
PAYLOAD_ALIASES = {
    "status": ("status", "to"),
    "state": ("state", "to"),
    "step": ("step", "step_id"),
    "key": ("key",),
    "value": ("value",),
    "channel": ("channel",),
    "handle": ("handle",),
}

i18n.register({
    "drill.score.met": {"tr": "zamanında", "en": "met"},
    "drill.score.late": {"tr": "geç", "en": "late"},
    "drill.score.missed": {"tr": "kaçırıldı", "en": "missed"},
    "drill.score.pending": {"tr": "bekleniyor", "en": "pending"},
    "drill.score.title": {"tr": "Tatbikat puanı", "en": "Drill score"},
    "drill.score.summary": {
        "tr": "{met} zamanında, {late} geç, {missed} kaçırıldı, {pending} bekleniyor — puan %{percent}",
        "en": "{met} met, {late} late, {missed} missed, {pending} pending — score {percent}%",
    },
    "drill.score.late_by": {"tr": "{late} gecikme", "en": "late by {late}"},
    "drill.score.done_at": {"tr": "{clock} ({operator})", "en": "at {clock} ({operator})"},
    "drill.score.due": {"tr": "hedef süre {due}", "en": "due {due}"},
    "drill.score.none": {"tr": "Bu senaryoda puanlanan eylem yok.", "en": "This scenario expects no actions to score."},
})


@dataclass
class ScoreItem:
    inject: str
    action: str
    description: str
    offset: float
    due: float
    status: str
    done_clock: float | None = None
    late_by: float | None = None
    operator: str | None = None
    event_id: int | None = None


def _payload_matches(expect: Expectation, payload: dict) -> bool:
    for name, wanted in expect.match.items():
        # a scenario may name a fact any way people do (`yaralı`): events carry its canonical key
        target = fold(canonical_key(wanted) if name == "key" else wanted)
        found = False
        for key in PAYLOAD_ALIASES.get(name, (name,)):
            value = payload.get(key)
            values = value if isinstance(value, list) else [value]
            if any(v is not None and fold(str(v)) == target for v in values):
                found = True
                break
        if not found:
            return False
    return True


def _candidate_events(store: Store, incident_id: int, actions: set[str]) -> list[dict]:
    """Players' events of these kinds on the incident clock, oldest first.

    Events recorded without an incident (an account review) count when they
    happened during the drill; their clock is read off the drill's clock history.
    """
    rows: list[dict] = []
    local = sorted(actions - set(GLOBAL_ACTIONS))
    if local:
        rows += store.all(
            f"SELECT id, clock, wall_time, operator, kind, payload FROM events WHERE incident_id = ?"
            f" AND kind IN ({','.join('?' * len(local))}) AND operator != ?",
            (incident_id, *local, CONTROL_OPERATOR),
        )
    unscoped = sorted(actions & set(GLOBAL_ACTIONS))
    if unscoped:
        from crisiscomm.incidents import get as get_incident
        from crisiscomm.review.clockmap import ClockMap

        incident = get_incident(store, incident_id)
        clock_map = ClockMap.load(store, incident)
        for row in store.all(
            f"SELECT id, clock, wall_time, operator, kind, payload FROM events WHERE incident_id IS NULL"
            f" AND kind IN ({','.join('?' * len(unscoped))}) AND operator != ? AND wall_time >= ?",
            (*unscoped, CONTROL_OPERATOR, incident.started_at),
        ):
            row["clock"] = clock_map.at(row["wall_time"])
            rows.append(row)
    for row in rows:
        payload = json.loads(row["payload"])
        row["payload"] = payload if isinstance(payload, dict) else {}
    return sorted(rows, key=lambda r: (r["clock"] if r["clock"] is not None else float("inf"), r["id"]))


def _mentions_concerned(store: Store, payload: dict) -> set[int]:
    """The mentions an event is about: triaged ids, or the mentions behind a claim."""
    ids: set[int] = set()
    for key in ("ids", "mentions", "mention", "mention_id"):
        value = payload.get(key)
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, int):
                ids.add(v)
    claim = payload.get("claim")
    if isinstance(claim, int):
        row = store.one("SELECT first_mention_id FROM claims WHERE id = ?", (claim,))
        if row and row["first_mention_id"]:
            ids.add(row["first_mention_id"])
        ids.update(r["mention_id"] for r in store.all("SELECT mention_id FROM claim_mentions WHERE claim_id = ?", (claim,)))
    return ids


def evaluate(
    store: Store, scenario: Scenario, incident_id: int, *, clock: float, finished: bool,
    outcomes: dict[str, dict],
) -> list[ScoreItem]:
    """One item per inject with an expectation, in the order of their offsets.

    `clock` is the incident clock now; `outcomes` maps each played inject to
    what it created. Before the end, an unanswered expectation whose deadline
    has not passed (or whose inject has not been played) is pending.
    """
    expecting = [i for i in scenario.injects if i.expect is not None]
    events = _candidate_events(store, incident_id, {i.expect.action for i in expecting})
    used: set[int] = set()
    answers: dict[str, dict] = {}
    by_due = sorted(expecting, key=lambda i: (i.due, i.at))
    for on_time in (True, False):
        for inject in by_due:
            if inject.id in answers:
                continue
            for event in events:
                if event["id"] in used or event["kind"] != inject.expect.action or event["clock"] is None:
                    continue
                if event["clock"] < inject.at or (on_time and event["clock"] > inject.due):
                    continue
                if inject.expect.about_inject:
                    created = set(outcomes.get(inject.id, {}).get("mentions", []))
                    if not created & _mentions_concerned(store, event["payload"]):
                        continue
                if _payload_matches(inject.expect, event["payload"]):
                    used.add(event["id"])
                    answers[inject.id] = event
                    break
    items = []
    for inject in expecting:
        item = ScoreItem(inject.id, inject.expect.action, inject.expect.description, inject.at, inject.due, PENDING)
        event = answers.get(inject.id)
        if event is not None:
            item.done_clock, item.operator, item.event_id = event["clock"], event["operator"], event["id"]
            late = event["clock"] - inject.due
            item.status = MET if late <= 0 else LATE
            item.late_by = round(late, 3) if late > 0 else None
        elif finished or (clock > inject.due and inject.id in outcomes):
            item.status = MISSED
        items.append(item)
    return items


def summarise(items: list[ScoreItem], *, scenario: str, finished: bool) -> dict:
    """The score as stored in `drills.score` and shown on screen and in the review report."""
    counts = {status: sum(1 for i in items if i.status == status) for status in (MET, LATE, MISSED, PENDING)}
    possible = len(items)
    points = sum(POINTS.get(i.status, 0.0) for i in items)
    return {
        "scenario": scenario,
        "mode": "exercise",
        "mark": EXERCISE_MARK,
        "finished": finished,
        "expected": possible,
        **counts,
        "points": points,
        "percent": round(100 * points / possible) if possible else 100,
        "items": [asdict(i) for i in items],
    }


def summary_line(score: dict) -> str:
    return i18n.t(
        "drill.score.summary", met=score["met"], late=score["late"], missed=score["missed"],
        pending=score["pending"], percent=score["percent"],
    )


def action_words(kind: str) -> str:
    """An expected action in the UI language (`statement.approved` → `açıklama onaylandı`)."""
    return i18n.word("drill.action", kind)


def item_line(item: dict, widths: tuple[int, int] = (0, 0)) -> str:
    """`met  first-posts  statement.approved  at T+00:12:30 (ayse) — Approve a holding statement`.

    `widths` pads the inject and action columns so that the lines of one score align.
    """
    status = i18n.t(f"drill.score.{item['status']}")
    parts = [f"{status:<11}", f"{item['inject']:<{widths[0]}}", f"{action_words(item['action']):<{widths[1]}}"]
    if item["done_clock"] is not None:
        parts.append(i18n.t("drill.score.done_at", clock=format_clock(item["done_clock"]), operator=item["operator"]))
    if item["late_by"]:
        parts.append(i18n.t("drill.score.late_by", late=format_offset(item["late_by"])))
    if item["status"] in (MISSED, PENDING):
        parts.append(i18n.t("drill.score.due", due=format_clock(item["due"])))
    text = "  ".join(parts)
    return f"{text} — {item['description']}" if item["description"] else text


def report_lines(score: dict) -> list[str]:
    """The score as plain lines, marked as an exercise at top and bottom."""
    lines = [f"{EXERCISE_MARK} — {i18n.t('drill.score.title')}: {score['scenario']}"]
    if not score["items"]:
        lines.append(i18n.t("drill.score.none"))
    widths = (max((len(i["inject"]) for i in score["items"]), default=0),
              max((len(action_words(i["action"])) for i in score["items"]), default=0))
    lines.extend(item_line(item, widths) for item in score["items"])
    lines.append(f"{summary_line(score)}  [{EXERCISE_MARK}]")
    # printable, one line each: names and descriptions come from scenario files
    return [printable(line).replace("\n", " ") for line in lines]

