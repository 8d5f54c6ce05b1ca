"""The dashboard's bridge to the core's user actions, until `crisiscomm.actions` lands.

Shaped like the action layer (issue 12): a `Session` (a store of its own and
the operator), one function per user action called as
`core_actions.<area>.<verb>(session, …)`, each returning `Done(value, events,
notes)`. The bodies call today's core functions; when an action exists in
`crisiscomm.actions`, its entry here is replaced by it, and callers do not
change. Nothing here touches Textual: it runs in the write path's worker.

`Done.events` stays empty here: the change watcher reads the new events
from the timeline (this process's and every other's) and announces them once.
"""

from __future__ import annotations

import os
import pathlib
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from crisiscomm.store import Store


@dataclass
class Session:
    """A store of its own (never the UI thread's) and the operator acting through it."""

    store: Store
    operator: str

    @classmethod
    def open(cls, db_path: str | os.PathLike, *, operator: str) -> Session:
        return cls(Store(db_path, migrate=False), operator)

    @property
    def db_path(self) -> pathlib.Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()


@dataclass(frozen=True)
class Done:
    value: Any = None
    events: tuple = ()
    notes: tuple[str, ...] = field(default_factory=tuple)


# -- incidents ---------------------------------------------------------------------------

def _open_incident(session: Session, title: str, playbook: str, *, severity: int = 2, exercise: bool = False,
                   keywords: list[str] | None = None) -> Done:
    from crisiscomm.incident_setup import prepare_incident
    from crisiscomm.incidents import open_incident

    incident = open_incident(session.store, title, playbook, operator=session.operator, severity=severity,
                             exercise=exercise, keywords=keywords)
    notes = prepare_incident(session.store, incident["id"], operator=session.operator)
    return Done(incident, notes=tuple(notes))


def _set_status(session: Session, incident_id: int, status: str) -> Done:
    from crisiscomm.incidents import set_status

    return Done(set_status(session.store, incident_id, status, operator=session.operator))


def _set_keywords(session: Session, incident_id: int, keywords: list[str]) -> Done:
    from crisiscomm.incidents import set_keywords

    return Done(set_keywords(session.store, incident_id, keywords, operator=session.operator))


incidents = SimpleNamespace(open_incident=_open_incident, set_status=_set_status, set_keywords=_set_keywords)


# -- mentions ------------------------------------------------------------------------------

def _triage(session: Session, incident_id: int | None, mention_ids: list[int], state: str) -> Done:
    from crisiscomm.mentions import set_state

    return Done(set_state(session.store, mention_ids, state, operator=session.operator, incident_id=incident_id))


def _erase(session: Session, mention_id: int, *, reason: str) -> Done:
    from crisiscomm.erasure import erase_mention

    return Done(erase_mention(session.store, mention_id, operator=session.operator, reason=reason))


def _report(session: Session, incident_id: int, text: str, *, source: str, author: str | None = None,
            link: str | None = None) -> Done:
    from crisiscomm.feeds.intake import add_report

    return Done(add_report(session.store, incident_id, text, source=source, operator=session.operator,
                           author=author, link=link))


mentions = SimpleNamespace(triage=_triage, erase=_erase, report=_report)


# -- checklist -------------------------------------------------------------------------------

def _set_step(session: Session, incident_id: int, step_id: str, state: str, *, note: str = "") -> Done:
    from crisiscomm.checklist import set_step

    return Done(set_step(session.store, incident_id, step_id, state, operator=session.operator, note=note))


def _add_note(session: Session, incident_id: int, step_id: str, note: str) -> Done:
    from crisiscomm.checklist import add_note

    return Done(add_note(session.store, incident_id, step_id, note, operator=session.operator))


checklist = SimpleNamespace(set_step=_set_step, add_note=_add_note)


# -- statements --------------------------------------------------------------------------------

def _draft(session: Session, incident_id: int, *, body: str | None = None, template_id: str | None = None,
           language: str | None = None, title: str | None = None) -> Done:
    from crisiscomm.statements.workflow import draft

    kwargs = {k: v for k, v in (("body", body), ("template_id", template_id), ("language", language),
                                ("title", title)) if v is not None}
    return Done(draft(session.store, incident_id, operator=session.operator, **kwargs))


def _revise(session: Session, statement_id: int, body: str) -> Done:
    from crisiscomm.statements.workflow import revise

    return Done(revise(session.store, statement_id, body, operator=session.operator))


def _submit(session: Session, statement_id: int) -> Done:
    from crisiscomm.statements.workflow import submit

    return Done(submit(session.store, statement_id, operator=session.operator))


def _approve(session: Session, statement_id: int, *, acknowledge_warnings: bool = False) -> Done:
    from crisiscomm.statements.workflow import approve

    return Done(approve(session.store, statement_id, operator=session.operator, db_path=session.db_path,
                        acknowledge_warnings=acknowledge_warnings))


def _reject(session: Session, statement_id: int, *, reason: str) -> Done:
    from crisiscomm.statements.workflow import reject

    return Done(reject(session.store, statement_id, operator=session.operator, reason=reason, db_path=session.db_path))


def _publish(session: Session, statement_id: int, channel: str, *, url: str | None = None) -> Done:
    from crisiscomm.statements.workflow import publish

    return Done(publish(session.store, statement_id, channel, operator=session.operator, url=url))


statements = SimpleNamespace(draft=_draft, revise=_revise, submit=_submit, approve=_approve, reject=_reject,
                             publish=_publish)


# -- facts, posts, consistency -------------------------------------------------------------------

def _set_fact(session: Session, incident_id: int, key: str, value: str, *, status: str = "confirmed",
              source: str = "") -> Done:
    from crisiscomm.fact_effects import set_fact_with_effects

    row, notes = set_fact_with_effects(session.store, incident_id, key, value, operator=session.operator,
                                       status=status, source=source)
    return Done(row, notes=tuple(notes))


facts = SimpleNamespace(set_fact=_set_fact)


def _add_post(session: Session, incident_id: int, channel: str, text: str, *, url: str | None = None) -> Done:
    from crisiscomm.posts import add_post

    post = add_post(session.store, incident_id, channel, text, operator=session.operator, url=url)
    return Done(post, notes=tuple(post.get("notes", ())))


posts = SimpleNamespace(add_post=_add_post)


def _draft_correction(session: Session, incident_id: int, channel: str) -> Done:
    from crisiscomm.corrections import correction_body
    from crisiscomm.i18n import t
    from crisiscomm.statements.workflow import draft

    body = correction_body(session.store, incident_id, channel)
    return Done(draft(session.store, incident_id, operator=session.operator, body=body,
                      title=t("correction.title", channel=channel)))


def _dismiss(session: Session, incident_id: int, channel: str, fact: str, *, reason: str) -> Done:
    from crisiscomm.corrections import dismiss

    return Done(dismiss(session.store, incident_id, channel, fact, operator=session.operator, reason=reason))


consistency = SimpleNamespace(draft_correction=_draft_correction, dismiss=_dismiss)


# -- claims ------------------------------------------------------------------------------------------

def _add_claim(session: Session, incident_id: int, text: str, *, mention_id: int | None = None) -> Done:
    from crisiscomm.claims import add_claim

    return Done(add_claim(session.store, incident_id, text, operator=session.operator, mention_id=mention_id))


def _link(session: Session, claim_id: int, mention_ids: list[int]) -> Done:
    from crisiscomm.claims import link_mentions

    return Done(link_mentions(session.store, claim_id, mention_ids, operator=session.operator))


def _claim_status(session: Session, claim_id: int, status: str, *, source: str, note: str) -> Done:
    from crisiscomm.claims import set_status

    return Done(set_status(session.store, claim_id, status, operator=session.operator, source=source, note=note))


def _start_correction(session: Session, claim_id: int) -> Done:
    from crisiscomm.claims import start_correction

    return Done(start_correction(session.store, claim_id, operator=session.operator))


claims = SimpleNamespace(add=_add_claim, link=_link, set_status=_claim_status, start_correction=_start_correction)


# -- feeds, accounts, calendar -------------------------------------------------------------------------

def _add_feed(session: Session, source: str, *, name: str | None = None, trust: str = "social") -> Done:
    from crisiscomm.feeds.registry import add_feed

    return Done(add_feed(session.store, source, operator=session.operator, name=name or None, trust=trust))


feeds = SimpleNamespace(add=_add_feed)


def _add_account(session: Session, channel: str, handle: str, *, owners: list[str], twofa: bool) -> Done:
    from crisiscomm.accounts import add_account

    return Done(add_account(session.store, channel, handle, owners=owners, twofa=twofa, operator=session.operator))


def _review_account(session: Session, handle: str, *, channel: str | None = None, twofa: bool | None = None) -> Done:
    from crisiscomm.accounts import review_account

    return Done(review_account(session.store, handle, operator=session.operator, channel=channel, twofa=twofa))


accounts = SimpleNamespace(add=_add_account, review=_review_account)


def _plan(session: Session, channel: str, when: str, text: str) -> Done:
    from crisiscomm.content_calendar import add_planned

    return Done(add_planned(session.store, channel, when, text, operator=session.operator))


def _calendar_move(verb: str):
    def move(session: Session, post_id: int) -> Done:
        from crisiscomm import content_calendar

        return Done(getattr(content_calendar, verb)(session.store, post_id, operator=session.operator))

    return move


calendar = SimpleNamespace(add=_plan, hold=_calendar_move("hold"), release=_calendar_move("release"),
                           cancel=_calendar_move("cancel"))


# -- drills ------------------------------------------------------------------------------------------------

def _player(session: Session, incident_id: int):
    from crisiscomm.drills.player import DrillPlayer

    return DrillPlayer.load(session.store, incident_id)


def _tick(session: Session, incident_id: int) -> Done:
    """Play what is due; finish (and score) a drill that is over. The value is the drill's status."""
    player = _player(session, incident_id)
    player.fire_due(session.store)
    if not player.is_finished(session.store) and player.is_over(session.store):
        player.finish(session.store, operator=session.operator)
    return Done(player.status(session.store))


def _toggle_pause(session: Session, incident_id: int) -> Done:
    return Done(_player(session, incident_id).toggle_pause(session.store, operator=session.operator))


def _skip(session: Session, incident_id: int) -> Done:
    return Done(_player(session, incident_id).skip(session.store, operator=session.operator))


def _set_speed(session: Session, incident_id: int, speed: float) -> Done:
    return Done(_player(session, incident_id).set_speed(session.store, speed, operator=session.operator))


def _step_speed(session: Session, incident_id: int, speeds: tuple[float, ...]) -> Done:
    return Done(_player(session, incident_id).step_speed(session.store, speeds, operator=session.operator))


def _finish(session: Session, incident_id: int) -> Done:
    return Done(_player(session, incident_id).finish(session.store, operator=session.operator))


def _start_demo(session: Session, *, speed: float, lang: str | None = None) -> Done:
    from crisiscomm.drills.demo import start_demo

    return Done(start_demo(session.store, operator=session.operator, speed=speed, lang=lang))


drills = SimpleNamespace(tick=_tick, toggle_pause=_toggle_pause, skip=_skip, set_speed=_set_speed,
                         step_speed=_step_speed, finish=_finish, start_demo=_start_demo)


# -- the room: update cadence, alert preferences ---------------------------------------------

def _check_cadence(session: Session, incident_id: int) -> Done:
    """Record `update.overdue` / `update.met` when they happen (crisiscomm.cadence)."""
    from crisiscomm import cadence
    from crisiscomm.incidents import get

    return Done(cadence.check(session.store, get(session.store, incident_id), operator=session.operator))


def _set_alert(session: Session, kind: str, enabled: bool) -> Done:
    from crisiscomm import alerts as alert_kinds

    return Done(alert_kinds.set_enabled(session.store, session.operator, kind, enabled))


cadence = SimpleNamespace(check=_check_cadence)
alerts = SimpleNamespace(set_enabled=_set_alert)
