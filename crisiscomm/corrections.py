"""Corrections: channels whose latest post carries an old fact value.

One is opened when a fact changes (or a post goes out with an old value) and
stays open, on the dashboard and in the timeline, until a newer post on that
channel agrees, the fact returns to the posted value, or someone dismisses it
with a reason.
"""

from __future__ import annotations

from crisiscomm import facts, incidents, posts, timeline
from crisiscomm.clock import utc_now_iso
from crisiscomm.correction_texts import channel_correction
from crisiscomm.consistency import (
    BAD_STATES,
    CORRECTION_STATES,
    Judgement,
    SheetFact,
    list_corrections,
    load_sheet,
    matrix,
    review_text,
)
from crisiscomm.errors import CrisisError, NotFound
from crisiscomm.fact_names import canonical_key, display_name
from crisiscomm.i18n import get_lang, register, t
from crisiscomm.posts import channel_name
from crisiscomm.store import Store
from crisiscomm.text.grammar import lower_first

STATES = CORRECTION_STATES


register({
    "correction.needed": {
        "tr": "Düzeltme gerekli — {channel}: {fact} hâlâ {value} (güncel: {expected})",
        "en": "Correction needed — {channel}: {fact} still {value} (now {expected})",
    },
    "correction.resolved": {
        "tr": "Düzeltme kapandı — {channel}: {fact} artık bilgi föyüyle uyumlu",
        "en": "Correction resolved — {channel} now agrees on {fact}",
    },
})


def _open_correction(store: Store, incident_id: int, channel: str, fact: str) -> dict | None:
    return store.one(
        "SELECT * FROM corrections WHERE incident_id = ? AND channel = ? AND fact = ? AND state = 'open'",
        (incident_id, channel, fact),
    )


def _open(store: Store, incident_id: int, post: dict, fact: SheetFact, judgement: Judgement, operator: str) -> str | None:
    if _open_correction(store, incident_id, post["channel"], fact.key) is not None:
        return None
    value = judgement.item.display if judgement.item else ""
    cur = store.execute(
        "INSERT INTO corrections (incident_id, channel, fact, post_id, value, expected, fact_version, opened_by, opened_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (incident_id, post["channel"], fact.key, post["id"], value, fact.value, fact.version, operator, utc_now_iso()),
    )
    timeline.append(
        store, "consistency.correction_needed",
        {"correction": cur.lastrowid, "channel": post["channel"], "fact": fact.key, "post": post["id"],
         "value": value, "expected": fact.value, "fact_version": fact.version},
        operator=operator, incident_id=incident_id,
    )
    return t("correction.needed", channel=channel_name(post["channel"]), fact=lower_first(display_name(fact.key)),
             value=value, expected=fact.value)


def _close(store: Store, correction: dict, state: str, *, operator: str, reason: str, post_id: int | None = None) -> None:
    store.execute(
        "UPDATE corrections SET state = ?, closed_by = ?, closed_at = ?, reason = ?, resolution_post_id = ? WHERE id = ?",
        (state, operator, utc_now_iso(), reason, post_id, correction["id"]),
    )
    timeline.append(
        store, f"consistency.correction_{state}",
        {"correction": correction["id"], "channel": correction["channel"], "fact": correction["fact"],
         "post": correction["post_id"], "resolution_post": post_id, "reason": reason},
        operator=operator, incident_id=correction["incident_id"],
    )


def after_fact_change(store: Store, incident_id: int, key: str, *, operator: str) -> list[str]:
    """Open a correction for every channel whose latest post carries an old value of `key`;
    close those whose post the fact now matches again."""
    notes: list[str] = []
    with store.write():
        sheet, vocab = load_sheet(store, incident_id)
        fact = sheet.get(key)
        if fact is None:
            return notes
        for channel, post in posts.latest_per_channel(store, incident_id).items():
            judgement = review_text(post["text"], sheet, vocab)[0][key]
            if judgement.state == "stale":
                note = _open(store, incident_id, post, fact, judgement, operator)
                notes.extend([note] if note else [])
            elif judgement.state == "agrees":
                correction = _open_correction(store, incident_id, channel, key)
                if correction is not None:
                    _close(store, correction, "resolved", operator=operator, reason="the fact sheet matches the post again")
                    notes.append(t("correction.resolved", channel=channel_name(channel),
                                   fact=lower_first(display_name(key))))
    return notes


def after_post(store: Store, post: dict, *, operator: str) -> list[str]:
    """A new post on a channel: close the corrections it answers, open those for old values it carries."""
    notes: list[str] = []
    with store.write():
        sheet, vocab = load_sheet(store, post["incident_id"])
        judgements, _ = review_text(post["text"], sheet, vocab)
        for correction in list_corrections(store, post["incident_id"], state="open"):
            judgement = judgements.get(correction["fact"])
            if correction["channel"] == post["channel"] and judgement is not None and judgement.state == "agrees":
                _close(store, correction, "resolved", operator=operator, reason="a newer post agrees", post_id=post["id"])
                notes.append(t("correction.resolved", channel=channel_name(post["channel"]),
                               fact=lower_first(display_name(correction["fact"]))))
        for key, judgement in judgements.items():
            if judgement.state == "stale":
                note = _open(store, post["incident_id"], post, sheet[key], judgement, operator)
                notes.extend([note] if note else [])
    return notes


def link_draft(store: Store, incident_id: int, channel: str, statement_id: int, *, operator: str) -> list[int]:
    """Note `statement_id` as the draft answering the channel's open corrections; returns their ids."""
    open_ids = [c["id"] for c in list_corrections(store, incident_id, state="open") if c["channel"] == channel]
    if open_ids:
        store.execute(
            f"UPDATE corrections SET draft_statement_id = ? WHERE id IN ({','.join('?' * len(open_ids))})",
            (statement_id, *open_ids),
        )
    timeline.append(
        store, "consistency.correction_drafted",
        {"statement": statement_id, "channel": channel, "corrections": open_ids},
        operator=operator, incident_id=incident_id,
    )
    return open_ids


def dismiss(store: Store, incident_id: int, channel: str, fact: str, *, operator: str, reason: str) -> dict:
    """Close an open correction without a new post; the reason is kept in the timeline."""
    reason = reason.strip()
    if not reason:
        raise CrisisError(t("error.correction.reason"))
    channel = channel.strip().lower()
    with store.write():
        incidents.get(store, incident_id)
        fact = canonical_key(fact, facts.current(store, incident_id))
        correction = _open_correction(store, incident_id, channel, fact)
        if correction is None:
            raise NotFound(t("error.correction.not_open", channel=channel, fact=display_name(fact), incident=incident_id))
        _close(store, correction, "dismissed", operator=operator, reason=reason)
    return store.one("SELECT * FROM corrections WHERE id = ?", (correction["id"],))


register({"correction.title": {"tr": "Düzeltme: {channel}", "en": "Correction: {channel}"}})


def correction_texts(store: Store, incident_id: int, channel: str, lang: str | None = None) -> tuple[str, str]:
    """(body, short form) of the correction `channel` needs: prose with the current facts it got
    wrong (contradicted or stale), fitted to the channel (crisiscomm/correction_texts.py)."""
    result = matrix(store, incident_id)
    cells = [c for c in result["cells"] if c["channel"] == channel]
    wrong = list(dict.fromkeys(c["fact"] for c in cells if c["state"] in BAD_STATES))
    missing = [c["fact"] for c in cells if c["state"] == "missing"]
    return channel_correction(facts.current(store, incident_id), wrong, channel, lang or get_lang(),
                              missing=missing, exercise=result["mode"] == "exercise")
