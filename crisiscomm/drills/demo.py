"""The demo: a database where the earthquake drill runs fast enough to watch.

`crisiscomm demo` (and the start screen's demo button) runs the `start_demo` action:
the sample feeds that the drill does not replay are registered (official and
media sources, so the feeds have health and can be polled), the earthquake
drill in the UI language starts at the chosen pace (DEMO_SPEED by default), and a colleague's holding
statement from the playbook's template waits for review, so that the
statements pane and the two-person rule can be tried at once.
"""

from __future__ import annotations

from crisiscomm.drills.scenario import SAMPLE_FEEDS_DIR
from crisiscomm.errors import CrisisError
from crisiscomm.store import Store

# A pace a newcomer can follow: at ×5 the first injects come after a minute or two and the
# two-hour scenario plays in about 25 minutes (the dashboard and `demo` ask; ×5 at most).
DEMO_SPEED = 5.0
DEMO_SCENARIO = {"tr": "earthquake-casualty-rumour.tr", "en": "earthquake-casualty-rumour.en"}
# The demo's colleague: drafted the first statement, so the operator may approve it.
DEMO_COLLEAGUE = "ayse"
# Sample feeds to register, with their trust; the drill replays the others itself.
DEMO_FEEDS = {
    "afad-sim-duyurular.rss": "official",
    "kizilay-sim-haberler.atom": "official",
    "youtube-malatya-haber.atom": "media",
}


def register_sample_feeds(store: Store, *, operator: str) -> list[str]:
    """Register the demo's sample feeds (once); returns their names."""
    from crisiscomm.feeds.registry import add_feed, feed_for_source

    names = []
    for file, trust in DEMO_FEEDS.items():
        path = SAMPLE_FEEDS_DIR / file
        if not path.is_file():
            continue
        try:
            feed = add_feed(store, str(path), operator=operator, trust=trust)
        except CrisisError:  # registered already (a second demo in the same database)
            feed = feed_for_source(store, str(path), operator=operator)
        names.append(feed["name"])
    return names


def seed_statement(store: Store, incident_id: int, language: str) -> None:
    """A holding statement from the template, drafted and submitted by the demo colleague."""
    from crisiscomm.statements.workflow import draft, submit

    statement = draft(store, incident_id, operator=DEMO_COLLEAGUE, template_id="holding", language=language)
    submit(store, statement["id"], operator=DEMO_COLLEAGUE)
