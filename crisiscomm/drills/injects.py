"""What each inject does, through the core APIs of the other areas.

Mentions and rumours become mentions of the drill's incident, bursts are
ingested from a feed file, fact changes go to the fact sheet, and requests
and alerts (a journalist calling, an account-compromise alert) are timeline
events the dashboard shows. Every inject also appends a `drill.inject`
event, recorded by the control cell (`CONTROL_OPERATOR`), never by a player.
"""

from __future__ import annotations

import datetime as dt
import json
import pathlib
from collections.abc import Callable

from crisiscomm import i18n, timeline
from crisiscomm.clock import format_clock, iso, parse_iso
from crisiscomm.drills.scenario import Inject
from crisiscomm.drills.scoring import CONTROL_OPERATOR
from crisiscomm.errors import Refused
from crisiscomm.fact_names import display_name
from crisiscomm.incidents import EXERCISE_MARK
from crisiscomm.incidents import get as get_incident
from crisiscomm.printable import one_line
from crisiscomm.store import Store
from crisiscomm.drills.strings import t

# Source recorded for facts the scenario changes.
SCENARIO_SOURCE = "tatbikat senaryosu / drill scenario"

i18n.register({
    "drill.inject.mention": {"tr": "İçerik ({author}): {content}", "en": "Mention ({author}): {content}"},
    "drill.inject.rumour": {"tr": "Yayılan söylenti ({author}): {content}", "en": "Rumour spreading ({author}): {content}"},
    "drill.inject.mention_burst": {"tr": "{feed} kaynağından {count} yeni içerik{error}",
                                   "en": "{count} new mentions from {feed}{error}"},
    "drill.inject.fact_change": {"tr": "Bilgi değişti — {fact}: {value}", "en": "Fact changed — {fact}: {value}"},
    "drill.inject.journalist_request": {"tr": "Gazeteci talebi ({sender}): {content}",
                                        "en": "Journalist request ({sender}): {content}"},
    "drill.inject.phone_request": {"tr": "Telefon ({sender}): {content}", "en": "Phone call ({sender}): {content}"},
    "drill.inject.account_alert": {"tr": "HESAP GÜVENLİĞİ UYARISI ({account}): {content}",
                                   "en": "ACCOUNT SECURITY ALERT ({account}): {content}"},
    "drill.inject.dropped": {"tr": "{inject}: gerek kalmadı (ekip zamanında yanıt verdi)",
                             "en": "{inject}: not needed (the team had answered)"},
    "drill.inject.unknown_sender": {"tr": "bilinmiyor", "en": "unknown"},
})


def _new_mentions(store: Store, incident_id: int, before: int) -> list[int]:
    rows = store.all("SELECT id FROM mentions WHERE id > ? AND incident_id = ? ORDER BY id", (before, incident_id))
    return [r["id"] for r in rows]


def _last_mention_id(store: Store) -> int:
    return store.scalar("SELECT coalesce(max(id), 0) FROM mentions")


def scenario_time(store: Store, drill: dict, offset: float) -> str:
    """The scenario's own time at an offset: its `starts_at` (else the incident's real start) plus the offset."""
    starts_at = json.loads(drill["scenario_json"]).get("starts_at")
    start = parse_iso(starts_at or get_incident(store, drill["incident_id"]).started_at)
    return iso(start + dt.timedelta(seconds=offset))


def _mention(store: Store, drill: dict, inject: Inject) -> dict:
    """One mention, published at the inject's scenario time (a burst's items keep their feed's times)."""
    from crisiscomm.mentions import add_mentions

    item = {
        "guid": f"drill-{drill['id']}-{inject.id}",
        "title": inject.fields.get("title", ""),
        "text": inject.content,
        "link": inject.fields.get("link"),
        "author": inject.fields.get("author", ""),
        "published_at": scenario_time(store, drill, inject.at),
        "plain": True,
    }
    before = _last_mention_id(store)
    add_mentions(store, [item], operator=CONTROL_OPERATOR, incident_id=drill["incident_id"])
    return {"mentions": _new_mentions(store, drill["incident_id"], before)}


def _rumour(store: Store, drill: dict, inject: Inject) -> dict:
    outcome = _mention(store, drill, inject)
    if inject.fields.get("register_claim"):
        from crisiscomm.claims import add_claim

        first = outcome["mentions"][0] if outcome["mentions"] else None
        claim = add_claim(store, drill["incident_id"], inject.content, operator=CONTROL_OPERATOR, mention_id=first)
        outcome["claim"] = claim["id"]
    return outcome


def _burst(store: Store, drill: dict, inject: Inject) -> dict:
    from crisiscomm.feeds.ingest import ingest_path

    path = inject.fields["feed_path"]
    # registered once per file under a name that says it is drill material, if that name is free
    name = f"tatbikat-{pathlib.PurePath(path).stem}"
    taken = store.one("SELECT url FROM feeds WHERE name = ?", (name,))
    before = _last_mention_id(store)
    results = ingest_path(store, path, operator=CONTROL_OPERATOR, incident_id=drill["incident_id"],
                          name=None if taken else name)
    outcome: dict = {"mentions": _new_mentions(store, drill["incident_id"], before)}
    errors = [r.error for r in results if r.error]
    if errors:
        outcome["errors"] = errors
    return outcome


def _fact_change(store: Store, drill: dict, inject: Inject) -> dict:
    return set_scenario_fact(
        store, drill["incident_id"], inject.fields["key"], inject.fields["value"],
        status=inject.fields.get("status", "confirmed"), source=inject.fields.get("source", ""),
    )


def set_scenario_fact(store: Store, incident_id: int, key: str, value: str, *, status: str, source: str) -> dict:
    """A fact the scenario states (at the start or as an inject); corrections follow as reactions."""
    from crisiscomm.facts import set_fact

    row = set_fact(store, incident_id, key, value, operator=CONTROL_OPERATOR, status=status,
                   source=source or SCENARIO_SOURCE)
    return {"fact": key, "value": row["value"], "version": row["version"]}


def _message_only(store: Store, drill: dict, inject: Inject) -> dict:
    """Requests and alerts exist only as the `drill.inject` event the dashboard shows."""
    return {}


HANDLERS: dict[str, Callable[[Store, dict, Inject], dict]] = {
    "mention": _mention,
    "rumour": _rumour,
    "mention_burst": _burst,
    "fact_change": _fact_change,
    "journalist_request": _message_only,
    "phone_request": _message_only,
    "account_alert": _message_only,
}


def apply_inject(store: Store, drill: dict, inject: Inject) -> dict:
    """Play one inject inside the caller's transaction; returns what it created.

    Its `drill.inject` event comes after what the inject created, on the clock
    of that moment, so the timeline stays in clock order even at high speed.
    """
    with store.write():
        incident = get_incident(store, drill["incident_id"])
        if not incident.is_exercise:
            raise Refused(t("drill.not_exercise", id=incident.id))
        outcome = HANDLERS[inject.type](store, drill, inject)
        details = {k: v for k, v in inject.fields.items() if k not in ("feed_path", "register_claim")}
        timeline.append(
            store, "drill.inject",
            {"drill": drill["id"], "inject": inject.id, "type": inject.type, **details,
             "contingency_of": inject.contingency_of, "outcome": outcome, "mark": EXERCISE_MARK},
            operator=CONTROL_OPERATOR, incident_id=incident.id,
        )
    return outcome


def describe(inject: Inject, outcome: dict, *, dropped: bool = False) -> str:
    """One line a facilitator or player reads: what just happened in the scenario."""
    if dropped:
        return i18n.t("drill.inject.dropped", inject=inject.id)
    fields = inject.fields
    unknown = i18n.t("drill.inject.unknown_sender")
    # one printable line: a scenario stored before its text was cleaned may still carry escapes
    return one_line(i18n.t(
        f"drill.inject.{inject.type}",
        content=inject.content,
        author=fields.get("author") or unknown,
        sender=" · ".join(x for x in (fields.get("from"), fields.get("outlet")) if x) or unknown,
        account=" · ".join(x for x in (fields.get("channel"), fields.get("account")) if x) or unknown,
        feed=fields.get("feed", ""),
        count=len(outcome.get("mentions", [])),
        error="".join(f" ({e})" for e in outcome.get("errors", [])),
        fact=display_name(fields["key"]) if fields.get("key") else "",
        value=fields.get("value", ""),
    ))


def inject_line(inject: Inject, outcome: dict, *, dropped: bool = False) -> str:
    """`T+00:05:00  [TATBİKAT / EXERCISE]  Fact changed — Number of injured: 15` (at the inject's scenario time)."""
    return f"{format_clock(inject.at)}  [{EXERCISE_MARK}]  {describe(inject, outcome, dropped=dropped)}"
