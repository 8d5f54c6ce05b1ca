"""Claims register: rumours seen in mentions, their verification and correction.

A claim is created from a mention (or typed), later mentions are linked to it
(their number per hour is its spread), each status change carries evidence
(source and note), and a false or misleading claim starts a correction
statement through the normal statement workflow. The times from first
sighting to verdict and to the published correction feed the review report.

Mentions live in the feeds area's `mentions` table; this module reads the few
columns it needs and keeps its links in `claim_mentions` (and the mention's
`claim_id`, the claim it was last linked to).
"""

from __future__ import annotations

import datetime as dt
import re

from crisiscomm import facts, i18n, timeline
from crisiscomm.world_time import World
from crisiscomm.clock import iso, parse_iso, utc_now_iso
from crisiscomm.correction_texts import claim_correction
from crisiscomm.errors import CrisisError, NotFound, Refused
from crisiscomm.incidents import get as get_incident
from crisiscomm.models import Incident
from crisiscomm.store import Store
from crisiscomm.text import fold, strip_controls, tr_lower
from crisiscomm.text.suffixes import canonical_stem, stem_candidates

STATUSES = ("unverified", "verifying", "true", "false", "misleading", "inconclusive")
VERDICTS = ("true", "false", "misleading", "inconclusive")
NEEDS_CORRECTION = ("false", "misleading")
MAX_TEXT = 2000
MAX_EVIDENCE = 1000
SUGGEST_POOL = 5000  # newest mentions of the incident compared with a claim
STEM_LENGTH = 5  # Turkish adds suffixes: compare word prefixes

i18n.register(
    {
        "claim.status.unverified": {"tr": "teyit bekliyor", "en": "unverified"},
        "claim.status.verifying": {"tr": "teyit ediliyor", "en": "verifying"},
        "claim.status.true": {"tr": "doğru", "en": "true"},
        "claim.status.false": {"tr": "yanlış", "en": "false"},
        "claim.status.misleading": {"tr": "yanıltıcı", "en": "misleading"},
        "claim.status.inconclusive": {"tr": "teyit edilemedi", "en": "inconclusive"},
        "claim.correction.title": {"tr": "Düzeltme: iddia #{id}", "en": "Correction: claim #{id}"},
    }
)


def status_label(status: str) -> str:
    return i18n.t(f"claim.status.{status}")


# -- reading ------------------------------------------------------------------
def get_claim(store: Store, claim_id: int) -> dict:
    row = store.one("SELECT * FROM claims WHERE id = ?", (claim_id,))
    if row is None:
        raise NotFound(i18n.t("error.claim.not_found", id=claim_id))
    return row


def evidence(store: Store, claim_id: int) -> list[dict]:
    return store.all(
        "SELECT status, previous_status, source, note, operator, at FROM claim_evidence"
        " WHERE claim_id = ? ORDER BY id", (claim_id,),
    )


def linked_mentions(store: Store, claim_id: int, *, limit: int | None = None) -> list[dict]:
    """The claim's mentions, newest link first."""
    return store.all(
        "SELECT m.id, m.title, m.text, m.link, m.author, m.published_at, m.fetched_at, m.state,"
        " f.name AS feed, f.trust AS trust, cm.linked_at, cm.operator AS linked_by"
        " FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id"
        " LEFT JOIN feeds f ON f.id = m.feed_id WHERE cm.claim_id = ?"
        " ORDER BY cm.linked_at DESC, m.id DESC LIMIT ?",
        (claim_id, -1 if limit is None else limit),
    )


def mention_brief(store: Store, mention_id: int) -> dict:
    """The mention (the feeds area's view of it): id, title, text, fetched_at, feed, ..."""
    from crisiscomm.mentions import get_mention

    return get_mention(store, mention_id)


def _mention_time(published_at: str | None, fetched: dt.datetime) -> dt.datetime:
    """When a mention appeared: its published time, unless missing, unreadable or in its future."""
    if published_at:
        try:
            published = parse_iso(published_at)
        except ValueError:
            return fetched
        return min(published, fetched)
    return fetched


def spread(store: Store, claim_id: int, *, now: dt.datetime | None = None, hours: int = 12,
           world: World | None = None) -> dict:
    """Mentions per hour while the claim spread, the last hour's count, and an hourly series.

    The rate is the linked mentions over the span from the first to the last
    of them, at least one hour (so that three mentions in a minute read as
    three per hour, not 180). Counted in the incident's time (`world`: a drill's
    scenario time; default real time), where its mentions' published times are.
    """
    world = world or World()
    rows = store.all(
        "SELECT m.published_at, m.fetched_at FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id"
        " WHERE cm.claim_id = ?", (claim_id,),
    )
    times = sorted(_mention_time(r["published_at"], world.recorded(r["fetched_at"])) for r in rows)
    now = now or world.now()
    series = [0] * hours
    for moment in times:
        age_hours = int((now - moment).total_seconds() // 3600)
        if 0 <= age_hours < hours:
            series[hours - 1 - age_hours] += 1
    if not times:
        return {"count": 0, "per_hour": 0.0, "last_hour": 0, "series": series}
    span_hours = max(1.0, (times[-1] - times[0]).total_seconds() / 3600)
    return {
        "count": len(times),
        "per_hour": round(len(times) / span_hours, 2),
        "last_hour": series[-1],
        "series": series,
    }


def _published_at(store: Store, statement_id: int | None) -> str | None:
    """When the correction statement was first published (its state, or its channel posts)."""
    if statement_id is None:
        return None
    return store.scalar(
        "SELECT min(t) FROM (SELECT published_at AS t FROM statement_versions"
        " WHERE statement_id = ? AND published_at IS NOT NULL"
        " UNION ALL SELECT posted_at FROM posts WHERE statement_id = ?)",
        (statement_id, statement_id),
    )


def _seconds_between(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    return round((parse_iso(end) - parse_iso(start)).total_seconds(), 3)


def correction_times(store: Store, claim_id: int) -> dict:
    """First sighting, verdict and correction times, and the durations between them."""
    claim = get_claim(store, claim_id)
    corrected_at = _published_at(store, claim["correction_statement_id"])
    return {
        "first_seen_at": claim["first_seen_at"],
        "verdict_at": claim["verdict_at"],
        "correction_started_at": claim["correction_started_at"],
        "corrected_at": corrected_at,
        "time_to_verdict_s": _seconds_between(claim["first_seen_at"], claim["verdict_at"]),
        "time_to_correction_s": _seconds_between(claim["first_seen_at"], corrected_at),
    }


def public_view(store: Store, claim: dict, *, now: dt.datetime | None = None, world: World | None = None) -> dict:
    """The documented JSON fields (SPEC §11) and the review's times."""
    rate = spread(store, claim["id"], now=now, world=world)
    mention_ids = [r["mention_id"] for r in store.all(
        "SELECT mention_id FROM claim_mentions WHERE claim_id = ? ORDER BY mention_id", (claim["id"],))]
    return {
        "id": claim["id"],
        "incident_id": claim["incident_id"],
        "text": claim["text"],
        "status": claim["status"],
        "evidence": [
            {k: e[k] for k in ("status", "source", "note", "operator", "at")} | {"from": e["previous_status"]}
            for e in evidence(store, claim["id"])
        ],
        "mentions": mention_ids,
        "first_mention_id": claim["first_mention_id"],
        "spread_per_hour": rate["per_hour"],
        "mentions_last_hour": rate["last_hour"],
        "spread_series": rate["series"],
        "correction_statement": claim["correction_statement_id"],
        "created_by": claim["created_by"],
        "created_at": claim["created_at"],
    } | correction_times(store, claim["id"])


def list_claims(store: Store, incident_id: int, *, order: str = "id") -> list[dict]:
    """The incident's claims as public views; `order="spread"` puts the fastest-spreading first."""
    world = World.load(store, get_incident(store, incident_id))
    now = world.now()
    rows = store.all("SELECT * FROM claims WHERE incident_id = ? ORDER BY id", (incident_id,))
    views = [public_view(store, row, now=now, world=world) for row in rows]
    if order == "spread":
        open_first = {s: i for i, s in enumerate(("unverified", "verifying", "false", "misleading", "inconclusive", "true"))}
        views.sort(key=lambda v: (-v["spread_per_hour"], -len(v["mentions"]), open_first[v["status"]], v["id"]))
    return views


# -- writing ------------------------------------------------------------------
def _clean(text: str, limit: int) -> str:
    return strip_controls(text or "").strip()[:limit]


def add_claim(store: Store, incident_id: int, text: str, *, operator: str, mention_id: int | None = None) -> dict:
    """Register a claim (typed, or seen in `mention_id`, which is linked to it)."""
    text = _clean(text, MAX_TEXT)
    if not text:
        raise CrisisError(i18n.t("error.claim.no_text"))
    now = utc_now_iso()
    with store.write():
        get_incident(store, incident_id)
        if mention_id is not None:
            mention_brief(store, mention_id)
        cur = store.execute(
            "INSERT INTO claims (incident_id, text, first_mention_id, created_by, created_at, first_seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (incident_id, text, mention_id, operator, now, now),
        )
        claim_id = cur.lastrowid
        timeline.append(
            store, "claim.added", {"claim": claim_id, "text": text, "mention": mention_id},
            operator=operator, incident_id=incident_id,
        )
        if mention_id is not None:
            link_mentions(store, claim_id, [mention_id], operator=operator)
    return get_claim(store, claim_id)


def link_mentions(store: Store, claim_id: int, mention_ids: list[int], *, operator: str) -> list[int]:
    """Link mentions to a claim (all or none); returns the ids that were not linked before."""
    if not mention_ids:
        raise CrisisError(i18n.t("error.claim.no_mentions"))
    now = utc_now_iso()
    added: list[int] = []
    with store.write():
        claim = get_claim(store, claim_id)
        for mention_id in dict.fromkeys(mention_ids):
            mention = mention_brief(store, mention_id)
            cur = store.execute(
                "INSERT OR IGNORE INTO claim_mentions (claim_id, mention_id, linked_at, operator) VALUES (?, ?, ?, ?)",
                (claim_id, mention_id, now, operator),
            )
            if cur.rowcount:
                added.append(mention_id)
                store.execute("UPDATE mentions SET claim_id = ? WHERE id = ?", (claim_id, mention_id))
                # first sighting: when the earliest of its mentions reached the room
                store.execute(
                    "UPDATE claims SET first_seen_at = min(first_seen_at, ?) WHERE id = ?",
                    (iso(parse_iso(mention["fetched_at"])), claim_id),
                )
        if added:
            timeline.append(
                store, "claim.linked", {"claim": claim_id, "mentions": added},
                operator=operator, incident_id=claim["incident_id"],
            )
    return added


def link_mention(store: Store, claim_id: int, mention_id: int, *, operator: str) -> list[int]:
    return link_mentions(store, claim_id, [mention_id], operator=operator)


def set_status(store: Store, claim_id: int, status: str, *, operator: str, source: str, note: str) -> dict:
    """Move a claim to a new status; the evidence (source and note) is required and kept."""
    if status not in STATUSES:
        raise CrisisError(i18n.t("error.claim.status", states=", ".join(STATUSES)))
    source, note = _clean(source, MAX_EVIDENCE), _clean(note, MAX_EVIDENCE)
    if not source or not note:
        raise CrisisError(i18n.t("error.claim.evidence"))
    now = utc_now_iso()
    with store.write():
        claim = get_claim(store, claim_id)
        previous = claim["status"]
        if status == previous:
            raise Refused(i18n.t("error.claim.already", id=claim_id, status=i18n.word("claim.status", status)))
        if status == "unverified":
            raise Refused(i18n.t("error.claim.back_to_unverified"))
        if status in VERDICTS:
            verdict_at = claim["verdict_at"] if previous in VERDICTS else now
        else:
            verdict_at = None
        store.execute("UPDATE claims SET status = ?, verdict_at = ? WHERE id = ?", (status, verdict_at, claim_id))
        store.execute(
            "INSERT INTO claim_evidence (claim_id, status, previous_status, source, note, operator, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (claim_id, status, previous, source, note, operator, now),
        )
        timeline.append(
            store, "claim.status",
            {"claim": claim_id, "from": previous, "to": status, "source": source, "note": note},
            operator=operator, incident_id=claim["incident_id"],
        )
    return get_claim(store, claim_id)


def correction_texts(store: Store, claim: dict, latest_evidence: dict) -> tuple[str, str]:
    """(body, short form): the verified information first, the claim named wrong without its
    wording or numbers, then where to check and the next update (crisiscomm/correction_texts.py)."""
    incident = get_incident(store, claim["incident_id"])
    return claim_correction(
        claim["status"], latest_evidence["source"], latest_evidence["note"], facts.current(store, incident.id),
        i18n.get_lang(), exercise=incident.is_exercise)


def correction_draft(store: Store, claim_id: int) -> dict:
    """What the correction statement of a false or misleading claim starts from: incident_id, title, body, short."""
    claim = get_claim(store, claim_id)
    if claim["status"] not in NEEDS_CORRECTION:
        raise Refused(i18n.t("error.claim.not_correctable", id=claim_id,
                             status=i18n.word("claim.status", claim["status"])))
    if claim["correction_statement_id"] is not None:
        raise Refused(i18n.t("error.claim.has_correction", id=claim_id, statement=claim["correction_statement_id"]))
    latest = evidence(store, claim_id)[-1]
    body, short = correction_texts(store, claim, latest)
    return {"incident_id": claim["incident_id"], "title": i18n.t("claim.correction.title", id=claim_id),
            "body": body, "short": short}


def record_correction(store: Store, claim_id: int, statement_id: int, *, operator: str) -> None:
    """The claim is answered by `statement_id` (inside the caller's transaction)."""
    claim = get_claim(store, claim_id)
    store.execute(
        "UPDATE claims SET correction_statement_id = ?, correction_started_at = ? WHERE id = ?",
        (statement_id, utc_now_iso(), claim_id),
    )
    timeline.append(
        store, "claim.correction_started", {"claim": claim_id, "statement": statement_id},
        operator=operator, incident_id=claim["incident_id"],
    )


# -- evidence sources ---------------------------------------------------------
def official_sources(store: Store, *, limit: int = 10) -> list[dict]:
    """Official-trust feeds and their latest items, offered as evidence sources."""
    feeds = store.all("SELECT id, name, url FROM feeds WHERE trust = 'official' ORDER BY name")
    sources: list[dict] = []
    for feed in feeds:
        sources.append({"source": feed["name"], "feed": feed["name"], "title": "", "link": feed["url"]})
        for item in store.all(
            "SELECT title, link FROM mentions WHERE feed_id = ? ORDER BY id DESC LIMIT ?", (feed["id"], limit)
        ):
            label = f"{feed['name']}: {item['title']}".strip()
            if item["link"]:
                label += f" <{item['link']}>"
            sources.append({"source": label[:MAX_EVIDENCE], "feed": feed["name"], "title": item["title"], "link": item["link"]})
    return sources


# -- similarity ---------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+")
_STOPWORDS = frozenset(
    "ve ile bir bu şu için gibi çok daha ama fakat veya ise ki mi mı mu mü ne her olan olarak diye kadar sonra "
    "önce şimdi artık hem değil var yok den dan the and for are was were that this with from has have not "
    "will its you all but".split()
)
_STOP_STEMS = frozenset(fold(w) for w in _STOPWORDS) - {"su"}


def word_stems(text: str) -> list[frozenset[str]]:
    """For each content word, the stems it can be read as (the Turkish suffix grammar, softening
    undone: `yurdu` → yurt, `kaybı` → kayıp), plus its first STEM_LENGTH letters for verb forms
    (`çöktüğü` and `çöktü`). Numbers are kept whole."""
    words = []
    for lowered in _WORD.findall(tr_lower(text)):
        word = fold(lowered)
        if word.isdigit():
            if len(word) >= 2:
                words.append(frozenset({word}))
            continue
        if lowered in _STOPWORDS or len(word) < 2:
            continue
        found = {canonical_stem(c) for c in stem_candidates(word) if len(c) >= 2 and c not in _STOP_STEMS}
        if len(word) > STEM_LENGTH:
            found.add(word[:STEM_LENGTH])
        if found:
            words.append(frozenset(found))
    return words


def stems(text: str) -> set[str]:
    """Every stem any word of `text` can be read as."""
    return set().union(*word_stems(text))


def similarity(claim_words: list[frozenset[str]], text: str) -> float:
    """Share of the claim's words (`word_stems`) found in the text (0–1); two at least."""
    if not claim_words:
        return 0.0
    found = stems(text)
    shared = sum(1 for candidates in claim_words if candidates & found)
    if shared < min(2, len(claim_words)):
        return 0.0
    return shared / len(claim_words)


def _incident_candidates(store: Store, incident: Incident, claim_id: int) -> list[dict]:
    """The incident's newest mentions (as the feeds area scopes them) not linked to the claim yet."""
    from crisiscomm.mentions import scope_sql

    where, params = scope_sql(incident)
    return store.all(
        "SELECT m.id, m.title, m.text, m.link, m.author, m.published_at, m.fetched_at, m.state, f.name AS feed"
        f" FROM mentions m LEFT JOIN feeds f ON f.id = m.feed_id WHERE {where}"
        " AND m.id NOT IN (SELECT mention_id FROM claim_mentions WHERE claim_id = ?)"
        " ORDER BY m.id DESC LIMIT ?",
        (*params, claim_id, SUGGEST_POOL),
    )


def suggest_mentions(store: Store, claim_id: int, *, limit: int = 20, min_score: float = 0.3) -> list[dict]:
    """Unlinked mentions of the claim's incident that say much the same, best first."""
    claim = get_claim(store, claim_id)
    incident = get_incident(store, claim["incident_id"])
    claim_words = word_stems(claim["text"])
    scored = []
    for mention in _incident_candidates(store, incident, claim_id):
        score = similarity(claim_words, f"{mention['title']} {mention['text']}")
        if score >= min_score:
            scored.append(mention | {"score": round(score, 2)})
    scored.sort(key=lambda m: (-m["score"], -m["id"]))
    return scored[:limit]
