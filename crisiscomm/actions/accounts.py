"""The account register and the content calendar (readiness between incidents)."""

from __future__ import annotations

import datetime as dt

from crisiscomm import accounts, content_calendar
from crisiscomm.actions.session import Session, action


@action()
def add_account(session: Session, channel: str, handle: str, *, owners: list[str], twofa: bool) -> dict:
    return accounts.add_account(session.store, channel, handle, owners=owners, twofa=twofa, operator=session.operator)


@action()
def review_account(session: Session, handle: str, *, channel: str | None = None, twofa: bool | None = None,
                   owners: list[str] | None = None) -> dict:
    return accounts.review_account(session.store, handle, operator=session.operator, channel=channel,
                                   twofa=twofa, owners=owners)


@action()
def plan_post(session: Session, channel: str, when: dt.datetime | str, text: str) -> dict:
    return content_calendar.add_planned(session.store, channel, when, text, operator=session.operator)


@action()
def hold_post(session: Session, post_id: int) -> dict:
    return content_calendar.hold(session.store, post_id, operator=session.operator)


@action()
def release_post(session: Session, post_id: int) -> dict:
    return content_calendar.release(session.store, post_id, operator=session.operator)


@action()
def cancel_post(session: Session, post_id: int) -> dict:
    return content_calendar.cancel(session.store, post_id, operator=session.operator)
