"""The post-incident report: one data structure, rendered as JSON, Markdown or HTML.

`build()` assembles the report (its shape is documented in docs/report-schema.md
and is stable); `render()` turns it into text. Personal data is redacted by
default through `crisiscomm.pii.redact`. Every format carries the chain head,
and an exercise report says so at its top and bottom.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable

from crisiscomm import audit, consistency, facts, incidents, posts, timeline
from crisiscomm.clock import utc_now_iso
from crisiscomm.errors import CrisisError
from crisiscomm.printable import json_printable, printable
from crisiscomm.review import events as review_events
from crisiscomm.review import strings  # noqa: F401  (registers the report's strings)
from crisiscomm.review.metrics import IncidentMetrics, across_incidents
from crisiscomm.store import Store
from crisiscomm.error_strings import t

SCHEMA = "crisiscomm.report/1"
FORMATS = ("md", "html", "json")
TIMELINE_CAP = 1000  # events listed in Markdown and HTML; JSON carries all of them
FLAGGED_STATES = ("flagged", "escalated", "answered")
MENTION_FIELDS = ("id", "feed", "feed_id", "title", "text", "link", "author", "published_at", "fetched_at", "state", "claim_id")
POST_FIELDS = ("id", "channel", "text", "url", "statement_id", "version_id", "operator", "posted_at", "clock")
# Never passed through redaction: hashes and times are not personal data, and must stay exact.
UNREDACTED_KEYS = frozenset({"schema", "chain", "hash", "wall_time", "generated_at"})

Progress = Callable[[str], None]


def redactor(enabled: bool) -> Callable[[str], str] | None:
    if not enabled:
        return None
    try:
        from crisiscomm.pii import redact
    except ImportError:
        raise CrisisError(
            t("error.report.no_redaction")
        ) from None
    return redact


def scrub(obj, redact: Callable[[str], str], seen: dict[str, str] | None = None):
    """Redact every string in a report tree, except the keys in UNREDACTED_KEYS.

    `seen` remembers each distinct string's redaction: a long timeline repeats
    the same kinds, operators and states many thousand times.
    """
    seen = {} if seen is None else seen
    if isinstance(obj, str):
        if obj not in seen:
            seen[obj] = redact(obj)
        return seen[obj]
    if isinstance(obj, dict):
        return {k: (v if k in UNREDACTED_KEYS else scrub(v, redact, seen)) for k, v in obj.items()}
    if isinstance(obj, list):
        return [scrub(v, redact, seen) for v in obj]
    return obj


def build(
    store: Store, incident_id: int, *, redact: bool = True, full_timeline: bool = False,
    progress: Progress | None = None,
) -> dict:
    """The report of one incident (see docs/report-schema.md)."""
    step = progress or (lambda name: None)
    redact_fn = redactor(redact)
    measure = IncidentMetrics(store, incident_id)
    incident = measure.incident
    exercise = incident.is_exercise
    step("metrics")
    metrics = measure.all()
    step("timeline")
    now = _consistency_now(store, incident_id)
    report = {
        "schema": SCHEMA,
        "generated_at": utc_now_iso(),
        "exercise": exercise,
        "exercise_mark": incidents.EXERCISE_MARK if exercise else None,
        "redacted": redact,
        "incident": incidents.public_view(incident),
        "metrics": metrics,
        "across_incidents": across_incidents(store),
        "facts": [facts.public_view(f) for f in facts.current(store, incident_id).values()],
        "consistency_now": now,
        "statements_per_channel": _posts_per_channel(store, incident_id, now["contradictions"]),
        "mentions_flagged": _flagged(measure.incident_mentions(FLAGGED_STATES)),
    }
    clean: Callable[[dict], dict] = lambda event: event  # noqa: E731
    if redact_fn is not None:
        step("redaction")
        seen: dict[str, str] = {}
        report = scrub(report, redact_fn, seen)
        clean = lambda event: scrub(event, redact_fn, seen)  # noqa: E731
    # Events are redacted one by one as they are read: a second copy of 100,000 of them costs ~100 MB.
    report["timeline"] = _timeline(store, incident_id, full=full_timeline, clean=clean)
    report["chain"] = chain_head(store, incident_id)
    return report


def chain_head(store: Store, incident_id: int) -> dict:
    count, head = timeline.head(store)
    check = audit.verify(store, head)
    return {
        "events": count, "hash": head, "incident_events": store.scalar(
            "SELECT count(*) FROM events WHERE incident_id = ?", (incident_id,)),
        "verified": check.ok, "problem": check.describe() if not check.ok else None,
        "state_rows": check.rows,
        "signed": [{"statement": c.statement, "version": c.version, "approver": c.approver, "key": c.key,
                    "event": c.event} for c in check.signed],
        "verify_command": f"crisiscomm verify --head {head}",
    }


def _consistency_now(store: Store, incident_id: int) -> dict:
    """What `crisiscomm consistency` says now: the posts that contradict the fact sheet (or say an
    old value) and the corrections still open, so the report never disagrees with the grid."""
    grid = consistency.matrix(store, incident_id)
    bad = [{k: cell.get(k) for k in ("channel", "fact", "fact_name", "state", "value", "expected", "post", "old_version")}
           for cell in grid["cells"] if cell["state"] in consistency.BAD_STATES]
    return {"contradictions": bad, "open_corrections": sum(1 for c in grid["corrections"] if c["state"] == "open")}


def _posts_per_channel(store: Store, incident_id: int, contradictions: list[dict]) -> list[dict]:
    channels: dict[str, list[dict]] = {}
    wrong: dict[int, list[dict]] = {}
    for cell in contradictions:
        wrong.setdefault(cell["post"], []).append(cell)
    for post in posts.list_posts(store, incident_id):
        row = {k: post.get(k) for k in POST_FIELDS}
        row["contradicts"] = wrong.get(post["id"], [])
        channels.setdefault(post["channel"], []).append(row)
    return [{"channel": ch, "posts": rows, "latest": rows[-1]} for ch, rows in sorted(channels.items())]


def _flagged(mentions: list[dict] | None) -> list[dict] | None:
    if mentions is None:
        return None
    return [{k: m.get(k) for k in MENTION_FIELDS} for m in mentions]


def _public_event(row: dict) -> dict:
    return {k: row[k] for k in ("id", "wall_time", "clock", "operator", "kind", "payload", "hash")}


def _timeline(store: Store, incident_id: int, *, full: bool, clean: Callable[[dict], dict]) -> dict:
    """All events (JSON), or up to TIMELINE_CAP with the most frequent kinds only counted."""
    kinds = review_events.kinds(store, incident_id)
    total = sum(n for _, n in kinds)
    bulk = [] if full or total <= TIMELINE_CAP else [k for k, n in kinds if n > TIMELINE_CAP // 5]
    if full:
        query = review_events.EventQuery(store, review_events.EventFilter(incident_id, newest_first=False))
        rows = query.iterate()
    else:
        marks = ",".join("?" * len(bulk))
        rows = store.all(
            "SELECT id, wall_time, clock, operator, kind, payload, hash FROM events WHERE incident_id = ?"
            + (f" AND kind NOT IN ({marks})" if bulk else "") + " ORDER BY id LIMIT ?",
            (incident_id, *bulk, TIMELINE_CAP),
        )
        rows = [review_events.decode(r) for r in rows]
    events = [clean(_public_event(r)) for r in rows]
    return {
        "total": total, "shown": len(events), "capped": len(events) < total,
        "kinds": [{"kind": k, "count": n} for k, n in kinds],
        "counted_only": [{"kind": k, "count": n} for k, n in kinds if k in bulk],
        "events": events,
    }


def render(report: dict, fmt: str) -> str:
    """The report as text with no control sequence in it (a report is read with `cat` too)."""
    if fmt == "json":
        return json_printable(render_json(report))
    from crisiscomm.review import render as templates

    if fmt == "md":
        return printable(templates.markdown(report))
    if fmt == "html":
        return printable(templates.html(report))
    raise CrisisError(t("error.report.format", fmt=fmt, formats=', '.join(FORMATS)))


def render_json(data: dict | list) -> str:
    """Indented JSON, with each timeline event compact on a line of its own.

    Indenting makes `json` use its pure-Python encoder: at 100,000 events that
    took seconds and a quarter more bytes. Events are encoded by the C encoder
    and put where a marker (a random string no data can contain) stood.
    """
    if isinstance(data, list):
        return _json_list(data, "") + "\n"
    timeline_part = data.get("timeline")
    if not isinstance(timeline_part, dict) or not timeline_part.get("events"):
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    marker = f"events-{secrets.token_hex(16)}"
    shell = {**data, "timeline": {**timeline_part, "events": marker}}
    text = json.dumps(shell, ensure_ascii=False, indent=2)
    return text.replace(json.dumps(marker), _json_list(timeline_part["events"], "    "), 1) + "\n"


def _json_list(items: list, indent: str) -> str:
    if not items:
        return "[]"
    inner = indent + "  "
    lines = (inner + json.dumps(item, ensure_ascii=False, separators=(", ", ": ")) for item in items)
    return "[\n" + ",\n".join(lines) + "\n" + indent + "]"


def default_name(incident_id: int, fmt: str) -> str:
    return f"crisiscomm-incident-{int(incident_id)}-report.{fmt}"
