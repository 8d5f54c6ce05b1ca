"""An incident's checklist: its playbook's steps with state, owner and deadlines.

Deadlines are offsets on the incident clock (so a paused or accelerated drill
clock moves them too). The playbook is frozen into the database when the
checklist is created, so editing a playbook file never moves the deadlines of
an incident already running. Every change is a timeline event
(`checklist.started`, `checklist.done`, `checklist.skipped`,
`checklist.reopened`, `checklist.note`) with its operator. A step with
`done_when` is completed by the event that does its work (`complete_on_event`,
a reaction to every event: see crisiscomm/actions/reactions.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import json

from crisiscomm import i18n, incidents, timeline
from crisiscomm.clock import format_clock, utc_now_iso, written_duration
from crisiscomm.errors import CrisisError, Refused
from crisiscomm.models import Incident
from crisiscomm.playbook_model import Playbook, build, principle_title
from crisiscomm.playbooks import require_playbook
from crisiscomm.store import Store
from crisiscomm.text import strip_controls

STATES = ("todo", "doing", "done", "skipped")
OPEN_STATES = ("todo", "doing")
EVENT_KINDS = {"doing": "checklist.started", "done": "checklist.done", "skipped": "checklist.skipped", "todo": "checklist.reopened"}
MAX_NOTE = 2000

i18n.register(
    {
        "checklist.state.todo": {"tr": "yapılacak", "en": "to do"},
        "checklist.state.doing": {"tr": "yapılıyor", "en": "in progress"},
        "checklist.state.done": {"tr": "tamam", "en": "done"},
        "checklist.state.skipped": {"tr": "atlandı", "en": "skipped"},
        "checklist.done_at": {"tr": "{clock} tamamlandı", "en": "done at {clock}"},
        "checklist.late": {"tr": "(geç)", "en": "(late)"},
        "checklist.overdue_by": {"tr": "GECİKTİ {time}", "en": "OVERDUE {time}"},
        "checklist.due_in": {"tr": "{time} kaldı", "en": "in {time}"},
        "checklist.blocked_by": {"tr": "bekliyor: {steps}", "en": "blocked by: {steps}"},
        "checklist.note": {"tr": "Not", "en": "Note"},
        "checklist.created": {
            "tr": "kontrol listesi: “{playbook}” eylem planından {count} adım; ilk hedef süre {due}: {step}",
            "en": {"one": "checklist: {count} step from the playbook “{playbook}”; first due {due}: {step}",
                   "other": "checklist: {count} steps from the playbook “{playbook}”; first due {due}: {step}"},
        },
        "checklist.keywords_set": {"tr": "eylem planından izleme kelimeleri: {keywords}",
                                   "en": "watch keywords from the playbook: {keywords}"},
        "checklist.summary": {
            "tr": "{done}/{total} tamam · {skipped} atlandı · {overdue} gecikmiş · {blocked} bekliyor",
            "en": "{done}/{total} done · {skipped} skipped · {overdue} overdue · {blocked} blocked",
        },
    }
)


@functools.lru_cache(maxsize=16)
def _thawed(definition: str, source: str) -> Playbook:
    return build(json.loads(definition), source)


def incident_playbook(store: Store, incident: Incident, lang: str | None = None) -> Playbook:
    """The playbook frozen for this incident, else the current file with its id."""
    row = store.one("SELECT source, definition FROM checklist_playbooks WHERE incident_id = ?", (incident.id,))
    playbook = _thawed(row["definition"], row["source"]) if row else require_playbook(incident.playbook)
    return playbook.with_lang(lang)


def _freeze(store: Store, incident: Incident, *, operator: str) -> tuple[Playbook, bool]:
    """Create the checklist (snapshot + one todo row per step) unless it exists."""
    with store.write():
        if store.one("SELECT 1 FROM checklist_playbooks WHERE incident_id = ?", (incident.id,)):
            return incident_playbook(store, incident), False
        playbook = require_playbook(incident.playbook)
        store.execute(
            "INSERT INTO checklist_playbooks (incident_id, playbook_id, source, definition, created_at) VALUES (?, ?, ?, ?, ?)",
            (incident.id, playbook.id, playbook.source, json.dumps(playbook.data, ensure_ascii=False), utc_now_iso()),
        )
        store.executemany(
            "INSERT OR IGNORE INTO checklist (incident_id, step_id, state) VALUES (?, ?, 'todo')",
            [(incident.id, step.id) for step in playbook.steps],
        )
        timeline.append(
            store, "checklist.created", {"playbook": playbook.id, "steps": len(playbook.steps)},
            operator=operator, incident_id=incident.id,
        )
    return playbook, True


def create(store: Store, incident: Incident, *, operator: str) -> tuple[Playbook, list[str]]:
    """The incident's checklist from its playbook (once); returns the playbook and a line to tell."""
    playbook, created = _freeze(store, incident, operator=operator)
    if not created or not playbook.steps:
        return playbook, []
    first = min(playbook.steps, key=lambda s: s.due)
    shown = playbook.with_lang(None)
    return playbook, [i18n.t("checklist.created", count=len(playbook.steps), playbook=shown.text(shown.title),
                             due=format_clock(first.due), step=shown.text(first.title))]


def keywords_note(keywords: tuple[str, ...]) -> str:
    return i18n.t("checklist.keywords_set", keywords=", ".join(keywords))


def checklist(store: Store, incident_id: int, *, lang: str | None = None, now: dt.datetime | None = None) -> list[dict]:
    """Every step with its state and deadline, grouped by phase, then by due time."""
    incident = incidents.get(store, incident_id)
    return items_for(store, incident, lang=lang, now=now)


def items_for(store: Store, incident: Incident, *, lang: str | None = None, now: dt.datetime | None = None) -> list[dict]:
    playbook = incident_playbook(store, incident, lang)
    clock = incidents.clock_at(incident, now)
    rows = {r["step_id"]: r for r in store.all("SELECT * FROM checklist WHERE incident_id = ?", (incident.id,))}
    by_event = _automatic_completions(store, incident.id)
    state_of = {s.id: rows.get(s.id, {}).get("state", "todo") for s in playbook.steps}
    phase_order = {pid: i for i, pid in enumerate(playbook.phases)}
    items = []
    for index, step in enumerate(playbook.steps):
        row = rows.get(step.id, {})
        state = state_of[step.id]
        is_open = state in OPEN_STATES
        finished_at = row.get("clock") if state in ("done", "skipped") else None
        blocked_by = [d for d in step.depends_on if state_of.get(d) in OPEN_STATES]
        items.append({
            "step_id": step.id,
            "title": playbook.text(step.title),
            "guidance": playbook.text(step.guidance),
            "phase": step.phase,
            "phase_title": playbook.text(playbook.phases.get(step.phase, {})) or step.phase,
            "owner": step.owner,
            "owner_title": playbook.role_title(step.owner),
            "principle": step.principle,
            "principle_title": principle_title(step.principle, playbook.lang),
            "due": step.due_text,
            "due_shown": written_duration(step.due_text, playbook.lang),
            "due_clock": step.due,
            "state": state,
            "operator": row.get("operator"),
            "updated_at": row.get("updated_at"),
            "changed_clock": row.get("clock"),
            "note": row.get("note") or "",
            "done_by_event": by_event.get(step.id) if state == "done" else None,
            "depends_on": list(step.depends_on),
            "blocked_by": blocked_by,
            "blocked": is_open and bool(blocked_by),
            "overdue": is_open and clock > step.due,
            "remaining": round(step.due - clock, 1),
            "late": finished_at is not None and state == "done" and finished_at > step.due,
            "_order": (phase_order.get(step.phase, len(phase_order)), step.due, index),
        })
    items.sort(key=lambda item: item.pop("_order"))
    return items


def _automatic_completions(store: Store, incident_id: int) -> dict[str, int]:
    """step id -> the event that completed it, for steps whose latest `done` was automatic."""
    rows = store.all(
        "SELECT json_extract(payload, '$.step_id') AS step_id, json_extract(payload, '$.by_event') AS by_event"
        " FROM events WHERE id IN (SELECT max(id) FROM events WHERE incident_id = ? AND kind = 'checklist.done'"
        " GROUP BY json_extract(payload, '$.step_id'))",
        (incident_id,),
    )
    return {r["step_id"]: r["by_event"] for r in rows if r["by_event"] is not None}


def next_deadline(store: Store, incident: Incident | None) -> dict | None:
    """The open step due soonest (overdue ones first): step_id, title, due_clock, owner."""
    if not incident or incident.is_closed:
        return None
    try:
        open_items = [i for i in items_for(store, incident) if i["state"] in OPEN_STATES]
    except CrisisError:
        return None
    if not open_items:
        return None
    first = min(open_items, key=lambda i: i["due_clock"])
    return {"step_id": first["step_id"], "title": first["title"], "due_clock": first["due_clock"], "owner": first["owner_title"]}


def summary(items: list[dict]) -> dict:
    """Counts for a header line: total, done, skipped, open, overdue, blocked."""
    return {
        "total": len(items),
        "done": sum(i["state"] == "done" for i in items),
        "skipped": sum(i["state"] == "skipped" for i in items),
        "open": sum(i["state"] in OPEN_STATES for i in items),
        "overdue": sum(i["overdue"] for i in items),
        "blocked": sum(i["blocked"] for i in items),
    }


def _clean_note(note: str) -> str:
    note = strip_controls(note or "").strip()
    if len(note) > MAX_NOTE:
        raise CrisisError(i18n.t("error.checklist.note_long", limit=MAX_NOTE))
    return note


def _writable(store: Store, incident_id: int, step_id: str, operator: str) -> dict:
    """The incident, once it is open and `step_id` is one of its steps."""
    incident = incidents.get(store, incident_id)
    if incident.is_closed:
        raise Refused(i18n.t("error.checklist.closed", id=incident_id))
    playbook, _ = _freeze(store, incident, operator=operator)
    playbook.step(step_id)
    return incident


def _find(store: Store, incident_id: int, step_id: str) -> dict:
    return next(i for i in checklist(store, incident_id) if i["step_id"] == step_id)


def set_step(store: Store, incident_id: int, step_id: str, state: str, *, operator: str, note: str = "") -> dict:
    """Move a step to todo, doing, done or skipped (a skip needs a reason in `note`)."""
    if state not in STATES:
        raise CrisisError(i18n.t("error.checklist.state", states=", ".join(STATES), state=state))
    note = _clean_note(note)
    with store.write():
        incident = _writable(store, incident_id, step_id, operator)
        item = _find(store, incident_id, step_id)
        if item["state"] == state:
            raise CrisisError(i18n.t("error.checklist.already", step=step_id, state=i18n.word("checklist.state", state)))
        if state == "skipped" and not note:
            raise CrisisError(i18n.t("error.checklist.skip_reason", step=step_id))
        if state in ("doing", "done") and item["blocked_by"]:
            raise Refused(i18n.t("error.checklist.blocked", step=step_id, steps=", ".join(item["blocked_by"])))
        _record(store, incident_id, item, state, operator=operator, clock=incidents.clock_at(incident), note=note)
        return _find(store, incident_id, step_id)


def _record(store: Store, incident_id: int, item: dict, state: str, *, operator: str, clock: float,
            note: str = "", extra: dict | None = None) -> None:
    """Store a step's new state and append its timeline event (inside the caller's transaction)."""
    store.execute(
        "INSERT INTO checklist (incident_id, step_id, state, operator, updated_at, clock, note) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (incident_id, step_id) DO UPDATE SET state = excluded.state, operator = excluded.operator,"
        " updated_at = excluded.updated_at, clock = excluded.clock,"
        " note = CASE WHEN excluded.note != '' THEN excluded.note ELSE checklist.note END",
        (incident_id, item["step_id"], state, operator, utc_now_iso(), clock, note),
    )
    payload = {"step_id": item["step_id"], "title": item["title"], "from": item["state"], "to": state,
               "due_clock": item["due_clock"], "late": state == "done" and clock > item["due_clock"]}
    if note:
        payload["note"] = note
    payload.update(extra or {})
    timeline.append(store, EVENT_KINDS[state], payload, operator=operator, incident_id=incident_id, clock=clock)


def _event_fields(store: Store, event: dict) -> dict:
    """What a `done_when` condition can test: the payload, plus `correction` for statements."""
    fields = dict(event.get("payload") or {})
    if event["kind"].startswith("statement.") and "statement" in fields:
        is_correction = store.scalar("SELECT 1 FROM claims WHERE correction_statement_id = ? LIMIT 1", (fields["statement"],))
        fields["correction"] = "yes" if is_correction else "no"
    return fields


def complete_on_event(store: Store, incident_id: int | None, event: dict) -> list[str]:
    """Mark done the open steps whose `done_when` matches `event`; returns their ids.

    Call it right after appending the event, inside the same transaction. The
    event is the record that the work happened, so a step is completed even
    when steps it depends on are still open (they stay open, and overdue).
    Skipped and done steps are left alone, and so is a closed incident or one
    without a checklist.
    """
    if incident_id is None or event["kind"].startswith("checklist."):
        return []
    with store.write():
        incident = incidents.get(store, incident_id)
        frozen = store.one("SELECT 1 FROM checklist_playbooks WHERE incident_id = ?", (incident_id,))
        if incident.is_closed or not frozen:
            return []
        playbook = incident_playbook(store, incident)
        fields = _event_fields(store, event)
        wanted = {step.id for step in playbook.steps
                  if any(trigger.matches(event["kind"], fields) for trigger in step.done_when)}
        if not wanted:
            return []
        clock = event["clock"] if event.get("clock") is not None else incidents.clock_at(incident)
        completed = []
        for item in items_for(store, incident):
            if item["step_id"] in wanted and item["state"] in OPEN_STATES:
                _record(store, incident_id, item, "done", operator=event["operator"], clock=clock,
                        extra={"automatic": True, "by_event": event["id"], "by_kind": event["kind"],
                               "note": f"completed automatically by event {event['id']} ({event['kind']})"})
                completed.append(item["step_id"])
        return completed


def add_note(store: Store, incident_id: int, step_id: str, note: str, *, operator: str) -> dict:
    """Attach a note to a step (its latest note is shown; all are on the timeline)."""
    note = _clean_note(note)
    if not note:
        raise CrisisError(i18n.t("error.checklist.empty_note"))
    with store.write():
        _writable(store, incident_id, step_id, operator)
        store.execute(
            "INSERT INTO checklist (incident_id, step_id, note) VALUES (?, ?, ?)"
            " ON CONFLICT (incident_id, step_id) DO UPDATE SET note = excluded.note",
            (incident_id, step_id, note),
        )
        timeline.append(store, "checklist.note", {"step_id": step_id, "note": note}, operator=operator, incident_id=incident_id)
        return _find(store, incident_id, step_id)


def public_view(item: dict) -> dict:
    """The documented JSON fields of a checklist item."""
    keys = ("step_id", "title", "phase", "phase_title", "owner", "owner_title", "principle", "due", "due_clock",
            "remaining", "state", "overdue", "blocked", "blocked_by", "depends_on", "late", "operator", "updated_at",
            "changed_clock", "note", "done_by_event")
    return {k: item[k] for k in keys}
