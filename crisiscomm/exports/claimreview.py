"""A claim with a verdict as schema.org ClaimReview (JSON-LD), for fact-checking partners.

`reviewRating` puts the verdict on a 1–5 scale (false 1, misleading 2,
inconclusive 3, true 5) and names it in `alternateName` (Turkish, with the
English beside it). `itemReviewed` is the Claim: where it first appeared,
where else (the linked mentions' http(s) addresses), who said it. Authors of
posts from social feeds are private persons: unless `redact=False` the Claim
names the feed they came through, and personal data in texts is redacted.
An exercise claim says `TATBİKAT / EXERCISE` in `name`, `reviewBody` and
`creativeWorkStatus`.
"""

from __future__ import annotations

import json
import re

from crisiscomm import claims as register
from crisiscomm import i18n
from crisiscomm.errors import Refused
from crisiscomm.exports import local_seconds
from crisiscomm.incidents import EXERCISE_MARK
from crisiscomm.incidents import get as get_incident
from crisiscomm.store import Store
from crisiscomm.error_strings import t

RATING = {"false": 1, "misleading": 2, "inconclusive": 3, "true": 5}
BEST, WORST = 5, 1
MAX_APPEARANCES = 100
PUBLIC_TRUST = ("official", "media")
_HTTP = re.compile(r"^https?://", re.IGNORECASE)


def _redactor(enabled: bool):
    if not enabled:
        return lambda text: text
    from crisiscomm.pii import redact

    return redact


def _work(mention: dict, scrub, keep_people: bool) -> dict:
    work: dict = {"@type": "CreativeWork"}
    if mention.get("link") and _HTTP.match(mention["link"]):
        work["url"] = mention["link"]
    when = mention.get("published_at") or mention.get("fetched_at")
    if when:
        work["datePublished"] = local_seconds(when)
    author = _author(mention, scrub, keep_people)
    if author:
        work["author"] = author
    return work


def _author(mention: dict, scrub, keep_people: bool) -> dict | None:
    """The post's author when the source is public (or when not redacting), else the feed it came through."""
    name = mention.get("author") or ""
    if name and (keep_people or mention.get("trust") in PUBLIC_TRUST):
        return {"@type": "Organization" if mention.get("trust") == "official" else "Person", "name": scrub(name)}
    if mention.get("feed"):
        return {"@type": "Organization", "name": mention["feed"]}
    return None


def _mentions(store: Store, claim: dict) -> tuple[dict | None, list[dict]]:
    linked = sorted(register.linked_mentions(store, claim["id"], limit=MAX_APPEARANCES),
                    key=lambda m: (m.get("published_at") or m["fetched_at"], m["id"]))
    first = next((m for m in linked if m["id"] == claim["first_mention_id"]), linked[0] if linked else None)
    return first, linked


def build(store: Store, claim_id: int, *, org: str | None = None, redact: bool = True) -> dict:
    """The ClaimReview as a JSON-LD object."""
    scrub = _redactor(redact)
    with store.snapshot():
        claim = register.get_claim(store, claim_id)
        if claim["status"] not in RATING:
            raise Refused(t("error.claimreview.no_verdict", claim_id=claim_id, status=claim['status']))
        incident = get_incident(store, claim["incident_id"])
        evidence = [e for e in register.evidence(store, claim_id) if e["status"] == claim["status"]]
        first, linked = _mentions(store, claim)
        verdict_by = evidence[-1]["operator"] if evidence else claim["created_by"]
    exercise = incident.is_exercise
    mark = f"{EXERCISE_MARK}: " if exercise else ""
    label_tr = i18n.t_in("tr", f"claim.status.{claim['status']}")
    label_en = i18n.t_in("en", f"claim.status.{claim['status']}")
    item: dict = {"@type": "Claim", "datePublished": local_seconds(claim["first_seen_at"])}
    if first is not None:
        first_work = _work(first, scrub, not redact)
        item["firstAppearance"] = first_work
        if "author" in first_work:
            item["author"] = first_work["author"]
    appearances = [_work(m, scrub, not redact) for m in linked if m.get("link") and _HTTP.match(m["link"])]
    if appearances:
        item["appearance"] = appearances
    review_body = " ".join(f"{e['source']}: {e['note']}" for e in evidence[-1:])
    doc: dict = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "name": f"{mark}{label_tr} / {label_en}: {scrub(claim['text'])}"[:300],
        "claimReviewed": scrub(claim["text"]),
        "datePublished": local_seconds(claim["verdict_at"] or evidence[-1]["at"]),
        "inLanguage": "tr",
        "author": {"@type": "Organization", "name": org} if org else {"@type": "Person", "name": verdict_by},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": RATING[claim["status"]],
            "bestRating": BEST,
            "worstRating": WORST,
            "alternateName": f"{label_tr} / {label_en}",
        },
        "itemReviewed": item,
        "reviewBody": mark + scrub(review_body),
    }
    if exercise:
        doc["creativeWorkStatus"] = EXERCISE_MARK
    url = _correction_url(store, claim, exercise)
    if url:
        doc["url"] = url
    return doc


def _correction_url(store: Store, claim: dict, exercise: bool) -> str | None:
    if exercise or claim["correction_statement_id"] is None:
        return None
    return store.scalar("SELECT url FROM posts WHERE statement_id = ? AND url LIKE 'http%' ORDER BY id LIMIT 1",
                        (claim["correction_statement_id"],))


def render(doc: dict) -> str:
    """JSON-LD text; `</` is escaped so the document can be embedded in a <script> block as is."""
    return json.dumps(doc, ensure_ascii=False, indent=2).replace("</", "<\\/") + "\n"


def default_name(claim_id: int) -> str:
    return f"crisiscomm-claim-{claim_id}.claimreview.json"
