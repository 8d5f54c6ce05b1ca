"""What follows an event, keyed by its kind: the one place where consequences are wired.

Each reaction runs inside the transaction of the event that triggers it and
returns lines worth telling the operator. A reaction added here for a new
event kind fires for every caller (command line, dashboard, drill player):
no caller composes follow-ups by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from crisiscomm import checklist, content_calendar, corrections, incidents, posts, timeline
from crisiscomm.feeds import spikes
from crisiscomm.statements import lint_config
from crisiscomm.store import Store

Reaction = Callable[[Store, dict], list[str]]


def prepare_incident(store: Store, event: dict) -> list[str]:
    """An incident opened: its checklist from the playbook, watch keywords suggested by it."""
    incident = incidents.get(store, event["incident_id"])
    playbook, notes = checklist.create(store, incident, operator=event["operator"])
    suggested = playbook.all_keywords()
    if not incident.keywords and suggested:
        incident = incidents.set_keywords(store, incident.id, suggested, operator=event["operator"])
        notes.append(checklist.keywords_note(incident.keywords))
    return notes


def hold_planned_posts(store: Store, event: dict) -> list[str]:
    """An incident opened: posts planned for its first 48 hours are held (listed, in a drill)."""
    return content_calendar.hold_for_incident(store, event["incident_id"], operator=event["operator"])


def corrections_after_fact(store: Store, event: dict) -> list[str]:
    """A fact changed: channels still carrying the old value need a correction."""
    return corrections.after_fact_change(store, event["incident_id"], event["payload"]["key"],
                                         operator=event["operator"])


def corrections_after_post(store: Store, event: dict) -> list[str]:
    """A channel posted: close the corrections it answers, open those for old values it carries."""
    return corrections.after_post(store, posts.get_post(store, event["payload"]["post"]), operator=event["operator"])


def log_spikes(store: Store, event: dict) -> list[str]:
    """Mentions arrived: a spike in an incident they count for is logged once."""
    if not event["payload"].get("new"):
        return []
    if event["incident_id"] is not None:
        spikes.check_incident(store, incidents.get(store, event["incident_id"]), operator=event["operator"])
    else:
        spikes.check_active(store, operator=event["operator"])
    return []


def record_lint_config(store: Store, event: dict) -> list[str]:
    """A version was judged by the linter: a lint configuration not yet on record lands in the
    timeline, so the review can tell which rules and allow-list judged which version."""
    change = lint_config.config_change(store)
    if change is None:
        return []
    timeline.append(store, lint_config.CHANGE_EVENT, change, operator=event["operator"],
                    incident_id=event["incident_id"])
    return []


def complete_checklist_steps(store: Store, event: dict) -> list[str]:
    """Any event may be the one a checklist step waits for (`done_when`)."""
    checklist.complete_on_event(store, event["incident_id"], event)
    return []


REACTIONS: dict[str, tuple[Reaction, ...]] = {
    "incident.opened": (prepare_incident, hold_planned_posts),
    "fact.set": (corrections_after_fact,),
    "post.added": (corrections_after_post,),
    "mentions.ingested": (log_spikes,),
    "statement.drafted": (record_lint_config,),
    "statement.revised": (record_lint_config,),
    "statement.approved": (record_lint_config,),
}
# Reactions to every event, after the kind's own.
EVERY_EVENT: tuple[Reaction, ...] = (complete_checklist_steps,)


def react(store: Store, event: dict) -> list[str]:
    notes: list[str] = []
    for reaction in (*REACTIONS.get(event["kind"], ()), *EVERY_EVENT):
        notes.extend(reaction(store, event))
    return notes
