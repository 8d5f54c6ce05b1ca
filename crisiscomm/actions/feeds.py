"""Registering sources and polling them.

A poll is not one transaction: every feed's batch is its own (an interrupted
ingest leaves whole batches), so `poll` and `ingest_path` are not `@action`s;
the reactions to each batch (spike logging) still run through the session.
"""

from __future__ import annotations

from collections.abc import Callable

from crisiscomm.actions.session import Session, action
from crisiscomm.feeds import ingest, registry
from crisiscomm.feeds.ingest import FeedResult


@action()
def add_feed(session: Session, source: str, *, name: str | None = None, trust: str = "social",
             interval_s: int = 120, kind: str | None = None, options: dict | None = None) -> dict:
    """Register a source (RSS/Atom, Mastodon, Telegram, Bluesky Jetstream…; the kind from the address unless named)."""
    return registry.add_feed(session.store, source, operator=session.operator, name=name, trust=trust,
                             interval_s=interval_s, kind=kind, options=options)


@action()
def feed_for_source(session: Session, source: str, *, polled: bool = True) -> dict:
    """The registered feed of a URL or file, registering it when new."""
    return registry.feed_for_source(session.store, source, operator=session.operator, polled=polled)


def poll(session: Session, feeds: list[dict], *, incident_id: int | None = None,
         on_result: Callable[[FeedResult], None] | None = None) -> list[FeedResult]:
    """Poll these registered feeds once (one transaction per feed batch); with `incident_id`
    the items belong to that incident only (a drill replaying a feed)."""
    session.require("feeds.poll")
    return ingest.poll_feeds(session.store, feeds, operator=session.operator, incident_id=incident_id,
                             on_result=on_result)


@action()
def import_rows(session: Session, plan, *, trust: str, incident_id: int | None = None,
                on_row: Callable[[int], None] | None = None):
    """Store a monitoring service's export (crisiscomm.feeds.imports.plan_import) as mentions; the good rows
    land together, the problems are in the result."""
    from crisiscomm.feeds.imports import store_import

    return store_import(session.store, plan, operator=session.operator, trust=trust, incident_id=incident_id,
                        on_row=on_row)
