"""What people phone in: hotline calls, citizens' messages (CİMER, e-mail), field teams'
reports, entered by hand as mentions of one incident.

Each report is stored as it was told (a person's report is never a duplicate: one
about a page already seen is linked to it, not dropped), under a source of kind
`intake` named after where it came from, and triaged like any other mention.
Runs inside the caller's transaction when one is open.
"""

from __future__ import annotations

import uuid

from crisiscomm import i18n
from crisiscomm.errors import CrisisError
from crisiscomm.feeds import registry
from crisiscomm.feeds.links import norm_link
from crisiscomm.mentions import add_mentions
from crisiscomm.store import Store
from crisiscomm.text import clean_field
from crisiscomm.feeds.strings import t

INTAKE_SOURCES = ("phone", "citizen", "email", "field", "other")
# Field teams are the institution's own people; the others are what the public says.
_TRUST = {"field": "official"}
FEED_PREFIX = "intake-"  # an intake source's register name: `intake-phone`

i18n.register({
    "intake.source.phone": {"tr": "Telefon (çağrı hattı)", "en": "Phone (hotline)"},
    "intake.source.citizen": {"tr": "Vatandaş başvurusu (CİMER)", "en": "Citizen's message (CİMER)"},
    "intake.source.email": {"tr": "E-posta", "en": "E-mail"},
    "intake.source.field": {"tr": "Saha ekibi", "en": "Field team"},
    "intake.source.other": {"tr": "Diğer", "en": "Other"},
})


def shown_feed_name(name: str | None) -> str:
    """A feed's name as people read it: an intake source in words (`intake-phone` → Telefon (çağrı hattı))."""
    name = name or ""
    source = name[len(FEED_PREFIX):] if name.startswith(FEED_PREFIX) else None
    return i18n.t(f"intake.source.{source}") if source in INTAKE_SOURCES else name


def intake_feed(store: Store, source: str, *, operator: str) -> dict:
    """The register entry for one intake source (created on first use)."""
    url = f"intake:{source}"
    row = store.one("SELECT * FROM feeds WHERE url = ?", (url,))
    if row is not None:
        return row
    return registry.add_internal(store, url, kind="intake", name=f"{FEED_PREFIX}{source}",
                                 trust=_TRUST.get(source, "social"), operator=operator)


def add_report(
    store: Store,
    incident_id: int,
    text: str,
    *,
    source: str,
    operator: str,
    author: str | None = None,
    link: str | None = None,
) -> int:
    """Store one report as a mention of the incident; returns its id."""
    from crisiscomm import incidents

    if source not in INTAKE_SOURCES:
        raise CrisisError(t("feed.intake.source", sources=', '.join(INTAKE_SOURCES)))
    body = clean_field(text, "text").strip()
    if not body:
        raise CrisisError(t("feed.intake.no_text"))
    if link and norm_link(link.strip()) is None:
        raise CrisisError(t("feed.intake.link"))
    with store.write():
        incident = incidents.get(store, incident_id)
        if incident.is_closed:
            raise CrisisError(t("feed.intake.closed", incident_id=incident_id))
        feed = intake_feed(store, source, operator=operator)
        before = store.scalar("SELECT coalesce(max(id), 0) FROM mentions")
        item = {"guid": f"intake-{uuid.uuid4()}", "title": "", "text": body, "author": author or "",
                "link": (link or "").strip(), "plain": True}
        new, _dup = add_mentions(store, [item], operator=operator, feed_id=feed["id"], incident_id=incident_id,
                                 keep_linked=True, event="mention.reported")
        if not new:  # cannot happen with a fresh guid; a silent loss would be worse than an error
            raise CrisisError(t("feed.intake.not_stored"))
        return store.scalar("SELECT id FROM mentions WHERE id > ? AND feed_id = ?", (before, feed["id"]))
