"""Timeline events as sentences a person reads, in the UI language.

`sentence(event)` turns `fact.set {key: injured, value: 120, previous: 112}` by
ayse into "ayse 'Yaralı sayısı' bilgisini 112'den 120'ye güncelledi" (or "ayse
changed 'Number of injured' from 112 to 120"). The dashboard's timeline and the report
use it; the raw event stays one key away. A kind without a sentence of its
own is still told plainly ("ayse: export.done"), never dropped. Values from
outside (titles, notes, feed text) are quoted as they are; the caller keeps
them out of markup.
"""

from __future__ import annotations

from collections.abc import Callable

from crisiscomm import i18n
from crisiscomm.clock import format_clock, format_offset
from crisiscomm.playbooks import shown_name
from crisiscomm.fact_names import display_name
from crisiscomm.feeds.intake import shown_feed_name
from crisiscomm.review import sentence_strings  # noqa: F401  (registers the sentences)
from crisiscomm.text.grammar import ABLATIVE, ACCUSATIVE, DATIVE, GENITIVE, with_case

QUOTE_CAP = 120


def quote(text: object, cap: int = QUOTE_CAP) -> str:
    """“text” on one line, cut to `cap` characters."""
    one = " ".join(str(text or "").split())
    return f"“{one if len(one) <= cap else one[: cap - 1] + '…'}”"


def case(value: object, suffix: str) -> str:
    """The value with its Turkish case suffix (`112'den`), or as it is in English."""
    return with_case(str(value), suffix) if i18n.get_lang() == "tr" else str(value)


def _ids(values: object) -> str:
    items = values if isinstance(values, list) else [values]
    shown = ", ".join(f"#{v}" for v in items[:6])
    return shown + (" …" if len(items) > 6 else "")


def _word(prefix: str, value: object) -> str:
    """A state or status in the UI language (the key itself when there is no translation)."""
    return i18n.t(f"{prefix}.{value}") if value is not None else ""


def _fact_name(key: object) -> str:
    """`injured` → `Yaralı sayısı` (English `Number of injured`); a key without a name as typed."""
    return display_name(str(key)) if key else ""


def _fact(p: dict) -> dict:
    key = "sentence.fact.changed" if p.get("previous") not in (None, p.get("value")) else "sentence.fact.set"
    unconfirmed = i18n.t("sentence.unconfirmed") if p.get("status") == "unconfirmed" else ""
    source = i18n.t("sentence.source", source=p["source"]) if p.get("source") else ""
    return {"_key": key, "fact": _fact_name(p.get("key")), "from_": case(p.get("previous"), ABLATIVE),
            "to": case(p.get("value"), DATIVE), "value": p.get("value"), "extra": unconfirmed + source}


def _checklist(p: dict) -> dict:
    late = i18n.t("sentence.late") if p.get("late") else ""
    note = i18n.t("sentence.note", note=quote(p["note"])) if p.get("note") else ""
    return {"step": quote(p.get("title") or p.get("step_id")), "extra": late + note}


def _statement(p: dict) -> dict:
    counts = ""
    if "errors" in p:
        counts = i18n.t("sentence.lint", errors=p.get("errors", 0), warnings=p.get("warnings", 0))
    return {"st": p.get("statement"), "version": p.get("version"), "title": quote(p.get("title")) if p.get("title") else "",
            "author": p.get("author", ""), "author_gen": case(p.get("author", ""), GENITIVE), "reason": quote(p.get("reason")),
            "channel": p.get("channel", ""), "extra": counts,
            "sim": i18n.t("sentence.simulated") if p.get("simulated") else ""}


def _incident(p: dict) -> dict:
    mode = i18n.t("sentence.exercise") if p.get("mode") == "exercise" else ""
    return {"title": quote(p.get("title")), "playbook": shown_name(p.get("playbook", "")), "severity": p.get("severity", ""),
            "extra": mode, "keywords": ", ".join(p.get("keywords") or []) or "-"}


def _mentions(p: dict) -> dict:
    fields = {"count": p.get("count", len(p.get("ids") or [])), "new": p.get("new", 0),
              "state": quote(_word("sentence.mstate", p.get("state")), 40),
              "ids": _ids(p.get("ids") or p.get("mention") or []), "reason": quote(p.get("reason")),
              "feed": shown_feed_name(p.get("feed")), "feed_abl": case(shown_feed_name(p.get("feed")), ABLATIVE),
            "first": p.get("first_id", ""),
              "minute": p.get("minute", ""), "baseline": p.get("baseline", "")}
    if "new" in p and not p.get("feed"):  # a drill's own inject: no feed
        fields["_key"] = "sentence.mentions.from_scenario"
    return fields


def _claim(p: dict) -> dict:
    from crisiscomm.claims import status_label  # the claims area names its statuses

    extra = i18n.t("sentence.source", source=p["source"]) if p.get("source") else ""
    if p.get("note"):
        extra += i18n.t("sentence.note", note=quote(p["note"]))
    return {"claim": p.get("claim"), "text": quote(p.get("text")), "count": len(p.get("mentions") or []),
            "status": quote(status_label(p["to"]) if p.get("to") else "", 40), "extra": extra,
            "statement": p.get("statement")}


def _correction(p: dict) -> dict:
    return {"channel": p.get("channel", ""), "channel_gen": case(p.get("channel", ""), GENITIVE), "fact": _fact_name(p.get("fact")),
            "statement": p.get("statement"),
            "value": p.get("value", ""), "expected": p.get("expected", ""), "reason": quote(p.get("reason")),
            "post": p.get("resolution_post") or p.get("post")}


def _clock(p: dict) -> dict:
    return {"clock": format_clock(p.get("seconds")), "speed": f"{float(p.get('speed') or 1):g}",
            "_key": "sentence.clock.paused" if p.get("paused") else "sentence.clock.running"}


def _drill(p: dict) -> dict:
    sender = " · ".join(str(x) for x in (p.get("from"), p.get("outlet"), p.get("channel"), p.get("account"),
                                          p.get("feed")) if x)
    kind = p.get("type", "")
    told = f"{_fact_name(p['key'])}: {p.get('value', '')}" if kind == "fact_change" and p.get("key") else p.get("content")
    return {"scenario": quote(p.get("scenario")), "speed": f"{float(p.get('speed') or 1):g}", "injects": p.get("injects", 0),
            "what": _word("sentence.inject", kind) if kind else "", "sender": f" ({sender})" if sender else "",
            "content": f": {quote(told)}" if told else "",
            "met": p.get("met", 0), "late": p.get("late", 0), "missed": p.get("missed", 0), "expected": p.get("expected", 0),
            "percent": p.get("percent", 0), "inject": p.get("inject", "")}


def _other(p: dict) -> dict:
    return {"name": p.get("name") or p.get("handle") or "", "channel": p.get("channel", ""),
            "trust": p.get("trust", ""), "posts": _ids(p.get("posts") or []), "text": quote(p.get("text")),
            "handle_acc": case(p.get("handle", ""), ACCUSATIVE), "name_acc": case(p.get("name", ""), ACCUSATIVE)}


def _update(p: dict) -> dict:
    from crisiscomm.cadence import promise_label  # cadence reads the timeline; sentences only name its words

    late = float(p.get("late_s") or 0)
    promised = " ".join(promise_label(str(p.get("promised") or ""), p.get("source")).split())
    return {"promised": promised[:40],
            "late": i18n.t("sentence.late_by", duration=format_offset(late)) if late >= 1 else ""}


def _record(p: dict) -> dict:
    """The record's own events: sealing, a restore, a change of the lint rules."""
    source = p.get("source")
    return {"backup": quote(p.get("backup")), "events": p.get("events", 0), "rows": p.get("rows", 0),
            "source": i18n.t("sentence.lint.bundled") if source == "bundled" else quote(source)}


def _who(operator: str) -> str:
    """The operator's name; the product's own actors (`drill-control`) in words."""
    key = "sentence.who." + operator.replace("-", "_")
    return i18n.t(key) if i18n.entry(key) else operator


# kind (or kind prefix ending in ".") → the fields its sentence needs
FIELDS: dict[str, Callable[[dict], dict]] = {
    "incident.": _incident, "clock.changed": _clock,
    "checklist.created": lambda p: {"playbook": shown_name(p.get("playbook", "")), "steps": p.get("steps", 0)},
    "checklist.": _checklist, "statement.": _statement,
    "post.added": lambda p: {"channel": p.get("channel", ""), "text": quote(p.get("text")),
                             "sim": i18n.t("sentence.simulated") if p.get("simulated") else ""},
    "fact.set": _fact, "consistency.": _correction, "claim.": _claim, "mention.": _mentions, "mentions.": _mentions,
    "drill.": _drill, "feed.": _other, "account.": _other, "calendar.": _other, "update.": _update,
    "record.": _record, "database.": _record, "lint.": _record,
}



def _fields(kind: str, payload: dict) -> dict:
    for prefix, build in FIELDS.items():
        if kind == prefix or (prefix.endswith(".") and kind.startswith(prefix)):
            return build(payload)
    return {}


def sentence(event: dict) -> str:
    """The event as one sentence in the UI language (its operator, what they did, to what)."""
    kind, payload = event.get("kind", ""), event.get("payload")
    payload = payload if isinstance(payload, dict) else {}
    try:
        fields = _fields(kind, payload)
    except (TypeError, ValueError, KeyError):  # a payload of an unexpected shape is told plainly
        fields = {}
    key = fields.pop("_key", f"sentence.{kind}")
    who = _who(str(event.get("operator", "")))
    if key not in sentence_strings.KEYS:
        return i18n.t("sentence.unknown", who=who, kind=kind)
    try:
        text = i18n.t(key, who=who, **fields)
    except (KeyError, IndexError, ValueError):
        return i18n.t("sentence.unknown", who=who, kind=kind)
    return " ".join(text.split())
