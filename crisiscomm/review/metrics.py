"""Post-incident metrics, read from the timeline and the area tables.

Each section returns a dict with `available`; when the capability behind it
has no data the section says so (`available: false` and a `reason` code)
rather than inventing numbers. Durations are seconds on the incident clock
(drill-aware, see `clockmap`). Exercise incidents never enter the figures
across incidents (`across_incidents`).
"""

from __future__ import annotations

import importlib
import json
import statistics
from collections import Counter

from crisiscomm import incidents
from crisiscomm.review.clockmap import ClockMap
from crisiscomm.store import Store

SPIKE_KINDS = ("mentions.spike", "mention.spike")
CORRECTION_OPENED = "consistency.correction_needed"
CORRECTION_CLOSED = {"consistency.correction_resolved": "resolved", "consistency.correction_dismissed": "dismissed"}
# Payload fields that identify one correction (an id, or the post and fact it is about).
CORRECTION_IDENTITY = ("correction", "correction_id", "post", "post_id", "channel", "key", "fact")
CHART_BUCKETS = (60, 300, 600, 900, 1800, 3600, 7200, 21600, 86400)
MAX_CHART_BARS = 60


def unavailable(reason: str) -> dict:
    return {"available": False, "reason": reason}


def capability(module: str, name: str):
    """A function of another area, or None while that area has not landed it."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 3) if values else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _since(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 3)


class IncidentMetrics:
    """Every metric of one incident; `all()` is the `metrics` block of the report."""

    def __init__(self, store: Store, incident_id: int):
        self.store = store
        self.incident = incidents.get(store, incident_id)
        self.id = incident_id
        self.clock = ClockMap.load(store, self.incident)
        self.now = incidents.clock_at(self.incident)

    def all(self) -> dict:
        out = {
            "clock_now_s": _round(self.now),
            "first_statement": self.first_statement(),
            "approval_latency": self.approval_latency(),
            "checklist": self.checklist(),
            "mentions": self.mentions(),
            "consistency": self.consistency(),
            "claims": self.claims(),
            "update_cadence": self.update_cadence(),
        }
        if self.incident.is_exercise:
            out["drill"] = self.drill()
        return out

    # -- statements -------------------------------------------------------------
    def _versions(self) -> list[dict]:
        return self.store.all(
            "SELECT v.*, s.title AS statement_title FROM statement_versions v JOIN statements s"
            " ON s.id = v.statement_id WHERE s.incident_id = ? ORDER BY v.id",
            (self.id,),
        )

    def first_statement(self) -> dict:
        """Time from the start to the first approved and the first published holding statement."""
        versions = self._versions()
        if not versions:
            return unavailable("no_statements")
        approved = [(self.clock.at(v["approved_at"]), v) for v in versions if v["approved_at"]]
        published = [(self.clock.at(v["published_at"]), v) for v in versions if v["published_at"]]
        posted = self.store.all(
            "SELECT statement_id, posted_at, channel FROM posts WHERE incident_id = ? AND statement_id IS NOT NULL",
            (self.id,),
        )
        published += [(self.clock.at(p["posted_at"]), {"statement_id": p["statement_id"]}) for p in posted]
        first_a = min(approved, key=lambda x: x[0], default=None)
        first_p = min(published, key=lambda x: x[0], default=None)
        return {
            "available": True,
            "statements": len({v["statement_id"] for v in versions}),
            "approved_after_s": _round(first_a[0]) if first_a else None,
            "approved_statement_id": first_a[1]["statement_id"] if first_a else None,
            "published_after_s": _round(first_p[0]) if first_p else None,
            "published_statement_id": first_p[1]["statement_id"] if first_p else None,
        }

    def approval_latency(self) -> dict:
        """Submitted → approved, per version; waiting ones are counted until now."""
        versions = [v for v in self._versions() if v["submitted_at"]]
        if not versions:
            return unavailable("no_submissions")
        rows, done = [], []
        for v in versions:
            submitted = self.clock.at(v["submitted_at"])
            approved = self.clock.at(v["approved_at"])
            latency = _since(submitted, approved)
            if latency is not None:
                done.append(latency)
            rows.append({
                "statement_id": v["statement_id"], "version": v["version"], "state": v["state"],
                "submitted_s": _round(submitted), "approved_s": _round(approved), "approver": v["approver"],
                "latency_s": latency,
                "waiting_s": _since(submitted, self.now) if approved is None and v["state"] == "in_review" else None,
            })
        return {
            "available": True, "approved": len(done),
            "waiting": sum(1 for r in rows if r["waiting_s"] is not None),
            "rejected": sum(1 for v in versions if v["state"] == "rejected"),
            "median_s": _median(done), "max_s": _round(max(done)) if done else None,
            "versions": rows,
        }

    # -- checklist ----------------------------------------------------------------
    def checklist(self) -> dict:
        """Each step against its deadline: met, late (done after it), missed (still open after it)."""
        checklist_fn = capability("crisiscomm.checklist", "checklist")
        if checklist_fn is None:
            return unavailable("no_checklist_capability")
        steps = checklist_fn(self.store, self.id)
        if not steps:
            return unavailable("no_checklist_steps")
        table = {r["step_id"]: r for r in self.store.all("SELECT * FROM checklist WHERE incident_id = ?", (self.id,))}
        started = self._step_starts()
        rows = [self._step(step, table.get(step.get("step_id"), {}), started) for step in steps]
        outcomes = Counter(r["outcome"] for r in rows)
        late_by = [r["late_by_s"] for r in rows if r["late_by_s"] is not None]
        return {
            "available": True, "steps": rows,
            "met": outcomes["met"], "late": outcomes["late"], "missed": outcomes["missed"],
            "pending": outcomes["pending"], "skipped": outcomes["skipped"], "no_deadline": outcomes["no_deadline"],
            "deadlines_missed": outcomes["late"] + outcomes["missed"],
            "total_late_s": _round(sum(late_by)) if late_by else 0,
            "max_late_s": _round(max(late_by)) if late_by else None,
        }

    def _step_starts(self) -> dict[str, float]:
        """Clock of each step's first `checklist.started` event (when work on it began).

        Only an explicit start counts: a step ticked done at once was not "worked on" from
        its done event (the chart then measures it from the incident's start).
        """
        starts: dict[str, float] = {}
        for row in self.store.all(
            "SELECT clock, payload FROM events WHERE incident_id = ? AND kind = 'checklist.started' ORDER BY id", (self.id,)
        ):
            try:
                payload = json.loads(row["payload"])
            except ValueError:
                continue
            step = payload.get("step_id", payload.get("step")) if isinstance(payload, dict) else None
            if isinstance(step, str) and row["clock"] is not None:
                starts.setdefault(step, row["clock"])
        return starts

    def _step(self, step: dict, row: dict, started: dict[str, float]) -> dict:
        state = step.get("state") or row.get("state") or "todo"
        due = step.get("due_clock")
        done = step.get("done_clock", row.get("clock")) if state == "done" else None
        out = {
            "step_id": step.get("step_id"), "title": step.get("title") or step.get("step_id"),
            "owner": step.get("owner"), "state": state, "due_s": _round(due), "done_s": _round(done),
            "started_s": _round(started.get(step.get("step_id"))), "late_by_s": None, "margin_s": None,
        }
        if state == "skipped":
            out["outcome"] = "skipped"
        elif due is None:
            out["outcome"] = "no_deadline"
        elif state == "done" and done is not None:
            if done <= due:
                out["outcome"], out["margin_s"] = "met", _round(due - done)
            else:
                out["outcome"], out["late_by_s"] = "late", _round(done - due)
        elif self.now > due:
            out["outcome"], out["late_by_s"] = "missed", _round(self.now - due)
        else:
            out["outcome"] = "pending"
        return out

    # -- mentions -----------------------------------------------------------------
    def incident_mentions(self, states: tuple[str, ...]) -> list[dict] | None:
        """The incident's mentions in these triage states (None: no mention capability)."""
        fn = capability("crisiscomm.mentions", "incident_mentions")
        if fn is None:
            return None
        rows = [m for state in states for m in fn(self.store, self.id, state=state)]
        return sorted(rows, key=lambda m: m["id"])

    def mention_arrivals(self) -> list[str] | None:
        """When each of the incident's mentions arrived (the feeds area decides which are its)."""
        scope = capability("crisiscomm.mentions", "scope_sql")
        if scope is None:
            return None
        where, params = scope(self.incident)
        return [r[0] for r in self.store.rows(f"SELECT m.fetched_at FROM mentions m WHERE {where}", params)]

    def mentions(self) -> dict:
        """Mentions per hour of the incident clock (by arrival), the peak, and the logged spikes."""
        arrivals = self.mention_arrivals()
        if arrivals is None:
            return unavailable("no_mentions_capability")
        clocks = [c for c in map(self.clock.at, arrivals) if c is not None]
        spikes = self.spikes()
        if not clocks:
            return {"available": True, "total": 0, "per_hour": [], "peak": None, "average_per_hour": 0,
                    "spikes": spikes, "series": self._series(clocks)}
        hours = Counter(int(c // 3600) for c in clocks)
        per_hour = [{"hour": h, "count": hours.get(h, 0)} for h in range(min(hours), max(hours) + 1)]
        peak = max(per_hour, key=lambda r: r["count"])
        span_h = max(1.0, (max(self.now, *clocks) - min(0.0, *clocks)) / 3600)  # over the incident so far
        return {
            "available": True, "total": len(clocks), "per_hour": per_hour, "peak": peak,
            "average_per_hour": round(len(clocks) / span_h, 2), "spikes": spikes,
            "series": self._series(clocks),
        }

    def _series(self, clocks: list[float]) -> dict:
        """Counts in the smallest bucket that keeps the chart to MAX_CHART_BARS bars."""
        low = min([0.0, *clocks])
        high = max([60.0, self.now, *clocks])
        bucket = next((b for b in CHART_BUCKETS if (high - low) / b < MAX_CHART_BARS), CHART_BUCKETS[-1])
        first = int(low // bucket)
        counts = [0] * (int(high // bucket) - first + 1)
        for c in clocks:
            counts[int(c // bucket) - first] += 1
        return {"bucket_s": bucket, "first_bucket": first, "counts": counts}

    def spikes(self) -> list[dict]:
        rows = self.store.all(
            f"SELECT id, clock, wall_time, payload FROM events WHERE incident_id = ? AND kind IN"
            f" ({','.join('?' * len(SPIKE_KINDS))}) ORDER BY id",
            (self.id, *SPIKE_KINDS),
        )
        out = []
        for r in rows:
            try:
                payload = json.loads(r["payload"])
            except ValueError:
                payload = {}
            details = {k: v for k, v in payload.items() if isinstance(v, (int, float, str)) and not isinstance(v, bool)}
            drivers = payload.get("drivers") if isinstance(payload.get("drivers"), dict) else {}
            out.append({"event_id": r["id"], "clock_s": _round(r["clock"]), "wall_time": r["wall_time"], "details": details,
                        "drivers": drivers, "explained": _explained(drivers)})
        return out

    # -- consistency -------------------------------------------------------------
    def consistency(self) -> dict:
        """Each correction the fact sheet made necessary, and how long it stayed open."""
        kinds = (CORRECTION_OPENED, *CORRECTION_CLOSED)
        rows = self.store.all(
            f"SELECT id, clock, kind, payload FROM events WHERE incident_id = ? AND kind IN ({','.join('?' * len(kinds))})"
            " ORDER BY id",
            (self.id, *kinds),
        )
        if not rows and capability("crisiscomm.consistency", "matrix") is None:
            return unavailable("no_consistency_capability")
        corrections: list[dict] = []
        for r in rows:
            payload = json.loads(r["payload"]) if r["payload"] else {}
            ident = {k: payload[k] for k in CORRECTION_IDENTITY if k in payload}
            if r["kind"] == CORRECTION_OPENED:
                corrections.append({
                    "event_id": r["id"], "identity": ident, "opened_s": _round(r["clock"]),
                    "channel": payload.get("channel"), "fact": payload.get("key", payload.get("fact")),
                    "old_value": payload.get("old", payload.get("old_value", payload.get("value"))),
                    "new_value": payload.get("new", payload.get("new_value", payload.get("expected"))),
                    "closed_s": None, "outcome": "open",
                })
                continue
            match = next((c for c in corrections if c["outcome"] == "open" and _same_correction(c["identity"], ident)), None)
            if match is not None:
                match["closed_s"], match["outcome"] = _round(r["clock"]), CORRECTION_CLOSED[r["kind"]]
        for c in corrections:
            end = c["closed_s"] if c["closed_s"] is not None else self.now
            c["open_for_s"] = _since(c["opened_s"], end)
            c.pop("identity")
        closed = [c["open_for_s"] for c in corrections if c["outcome"] != "open" and c["open_for_s"] is not None]
        return {
            "available": True, "corrections": corrections, "total": len(corrections),
            "open": sum(1 for c in corrections if c["outcome"] == "open"),
            "resolved": sum(1 for c in corrections if c["outcome"] == "resolved"),
            "dismissed": sum(1 for c in corrections if c["outcome"] == "dismissed"),
            "median_open_s": _median(closed), "max_open_s": _round(max((c["open_for_s"] or 0) for c in corrections)) if corrections else None,
        }

    # -- claims -------------------------------------------------------------------
    def claims(self) -> dict:
        """Each claim: time from first sighting to verdict and to correction."""
        rows = self.store.all(
            "SELECT c.*, (SELECT count(*) FROM claim_mentions m WHERE m.claim_id = c.id) AS spread"
            " FROM claims c WHERE c.incident_id = ? ORDER BY c.id",
            (self.id,),
        )
        if not rows and capability("crisiscomm.claims", "add_claim") is None:
            return unavailable("no_claims_capability")
        times = capability("crisiscomm.claims", "correction_times")
        out = []
        for c in rows:
            # The claims area defines "corrected" (its correction statement published), when present.
            corrected_at = times(self.store, c["id"]).get("corrected_at") if times else c.get("corrected_at")
            seen = self.clock.at(c["first_seen_at"])
            out.append({
                "id": c["id"], "text": c["text"], "status": c["status"], "spread": c["spread"],
                "first_seen_s": _round(seen), "first_seen_at": c["first_seen_at"],
                "verdict_at": c.get("verdict_at"), "corrected_at": corrected_at,
                "to_verdict_s": _since(seen, self.clock.at(c.get("verdict_at"))),
                "to_correction_s": _since(seen, self.clock.at(corrected_at)),
                "correction_statement_id": c["correction_statement_id"],
            })
        verdicts = [c["to_verdict_s"] for c in out if c["to_verdict_s"] is not None]
        corrections = [c["to_correction_s"] for c in out if c["to_correction_s"] is not None]
        return {
            "available": True, "claims": out, "total": len(out),
            "by_status": dict(Counter(c["status"] for c in out)),
            "median_to_verdict_s": _median(verdicts), "median_to_correction_s": _median(corrections),
            "awaiting_verdict": sum(1 for c in out if c["status"] in ("unverified", "verifying")),
        }

    # -- drills -------------------------------------------------------------------
    def update_cadence(self) -> dict:
        """Promises of the next update and how they were kept (crisiscomm.cadence)."""
        from crisiscomm import cadence

        return cadence.metrics(self.store, self.incident)

    def drill(self) -> dict:
        row = self.store.one(
            "SELECT scenario, speed, started_at, finished_at, score FROM drills WHERE incident_id = ? ORDER BY id DESC LIMIT 1",
            (self.id,),
        )
        if row is None:
            return unavailable("no_drill")
        score = None
        if row["score"]:
            try:
                score = json.loads(row["score"])
            except ValueError:
                score = None
        return {"available": score is not None, "reason": None if score is not None else "no_drill_score",
                "scenario": row["scenario"], "speed": row["speed"], "started_at": row["started_at"],
                "finished_at": row["finished_at"], "score": score}


def _explained(drivers: dict) -> str:
    """What drove a spike, on one line (crisiscomm.feeds.spike_drivers)."""
    if not drivers:
        return ""
    from crisiscomm.feeds.spike_drivers import summary

    return summary(drivers)


def _same_correction(opened: dict, closing: dict) -> bool:
    """A closing event matches an open correction when every field both carry agrees."""
    common = set(opened) & set(closing)
    return bool(common) and all(opened[k] == closing[k] for k in common)


def across_incidents(store: Store) -> dict:
    """Medians over actual incidents only: exercises never count in these figures."""
    rows = store.all("SELECT id FROM incidents WHERE mode = 'actual' ORDER BY id")
    approved, published, latency, met, missed = [], [], [], 0, 0
    for row in rows:
        m = IncidentMetrics(store, row["id"])
        first = m.first_statement()
        if first["available"]:
            if first["approved_after_s"] is not None:
                approved.append(first["approved_after_s"])
            if first["published_after_s"] is not None:
                published.append(first["published_after_s"])
        lat = m.approval_latency()
        if lat["available"]:
            latency += [v["latency_s"] for v in lat["versions"] if v["latency_s"] is not None]
        steps = m.checklist()
        if steps["available"]:
            met += steps["met"]
            missed += steps["deadlines_missed"]
    exercises = store.scalar("SELECT count(*) FROM incidents WHERE mode = 'exercise'") or 0
    return {
        "incidents": len(rows), "exercises_excluded": exercises,
        "median_first_approved_s": _median(approved), "median_first_published_s": _median(published),
        "median_approval_latency_s": _median(latency),
        "deadlines_met": met, "deadlines_missed": missed,
    }
