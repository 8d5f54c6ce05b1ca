"""Triage (per incident), manual intake and erasure of mentions."""

from __future__ import annotations

from collections.abc import Iterable

from crisiscomm import erasure, mentions
from crisiscomm.feeds import intake
from crisiscomm.actions.session import Done, Session, action
from crisiscomm.models import Erasure, Triage


@action()
def triage(session: Session, mention_ids: Iterable[int], state: str, *, incident_id: int | None = None) -> Triage:
    """Move mentions to a triage state in one incident (the only one they count for, unless named)."""
    incident, changed = mentions.set_state(session.store, mention_ids, state, operator=session.operator,
                                           incident_id=incident_id)
    return Triage(incident, state, tuple(changed))


@action()
def report(session: Session, incident_id: int, text: str, *, source: str, author: str | None = None,
           link: str | None = None) -> int:
    """What was phoned in, written in or reported from the field, as a mention of the incident; its id."""
    return intake.add_report(session.store, incident_id, text, source=source, operator=session.operator,
                             author=author, link=link)


@action("mentions.erase")
def _erase(session: Session, mention_id: int, reason: str) -> int:
    erasure.erase_mention(session.store, mention_id, operator=session.operator, reason=reason)
    return mention_id


def erase(session: Session, mention_id: int, *, reason: str) -> Done[Erasure]:
    """Erase a mention and every copy of its text; the WAL is truncated once the transaction is in."""
    done = _erase(session, mention_id, reason)
    return Done(Erasure(mention_id, erasure.truncate_wal(session.store)), done.events, done.notes)
