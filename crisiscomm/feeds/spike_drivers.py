"""What drives a spike: the words that rose, the feeds it came through, authors new to the
incident, the reach the sources report, and the same hour a day and a week before.

`explain` reads the mentions of the spike's minute and of the window before it
(the baseline). A term drives the spike when a larger share of the spike's
mentions carries it than of the baseline's. Terms are compared Turkish-folded
(`Kızılay`, `KIZILAY'ın`, `kizilay` are one term) and shown as most often
written. The same hour of the previous day and week is compared only when the
database was already collecting then (an actual incident; a drill has no
yesterday).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from crisiscomm import i18n
from crisiscomm.clock import iso, parse_iso
from crisiscomm.store import Store
from crisiscomm.text.fold import fold, tr_lower

TOP_TERMS = 5
TOP_FEEDS = 3
TOP_AUTHORS = 3
MIN_TERM = 3
_WORD = re.compile(r"#?[^\W\d_][^\W_]*")
_STOPWORDS = frozenset(fold(w) for w in (
    "ve ile bir bu şu o için gibi çok daha ama fakat veya ya ise ki mi mı mu mü ne her olan olarak diye kadar "
    "sonra önce şimdi artık hem değil var yok de da den dan ben sen biz siz onlar bunu şunu diyor dedi oldu "
    "olduğu olan ediyor edildi the and for are was were that this with from has have not will its you all "
    "but our they their them what when who how rt via http https www com"
).split())


i18n.register({
    "spike.drivers.feed": {"tr": "{feed} %{share}", "en": "{feed} {share}%"},
    "spike.drivers.new_authors": {"tr": "{count} yeni hesap", "en": "{count} new authors"},
    "spike.drivers.reach": {"tr": "erişim {reach}", "en": "reach {reach}"},
    "spike.drivers.day_before": {"tr": "dün bu saatte {rate}/dk", "en": "this hour yesterday {rate}/min"},
    "spike.drivers.week_before": {"tr": "geçen hafta bu saatte {rate}/dk", "en": "this hour last week {rate}/min"},
})


def _words(text: str) -> dict[str, str]:
    """folded term -> the form written (each term once per text)."""
    found: dict[str, str] = {}
    for match in _WORD.finditer(text or ""):
        written = tr_lower(match.group(0)).split("'")[0].split("’")[0]
        key = fold(written)
        if len(key.lstrip("#")) >= MIN_TERM and key.lstrip("#") not in _STOPWORDS:
            found.setdefault(key, written)
    return found


def top_terms(spike: list[dict], baseline: list[dict], limit: int = TOP_TERMS) -> list[dict]:
    """Terms carried by a larger share of the spike's mentions than of the baseline's."""
    spike_df: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    for row in spike:
        for key, form in _words(f"{row.get('title') or ''} {row.get('text') or ''}").items():
            spike_df[key] += 1
            written.setdefault(key, Counter())[form] += 1
    base_df: Counter[str] = Counter()
    for row in baseline:
        base_df.update(_words(f"{row.get('title') or ''} {row.get('text') or ''}").keys())
    floor = 2 if len(spike) >= 4 else 1
    scored = []
    for key, count in spike_df.items():
        if count < floor:
            continue
        lift = count / len(spike) - (base_df[key] / len(baseline) if baseline else 0.0)
        if lift > 0:
            scored.append((lift, count, key))
    scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
    return [{"term": written[key].most_common(1)[0][0], "mentions": count,
             "baseline_share": round(base_df[key] / len(baseline), 3) if baseline else 0.0}
            for _lift, count, key in scored[:limit]]


def _who(row: dict) -> str | None:
    return (row.get("handle") or row.get("author") or "").strip() or None


def new_authors(store: Store, spike: list[dict], scope: tuple[str, list], before: str) -> dict:
    """Authors of the spike's mentions with no earlier mention in the incident."""
    counts = Counter(w for w in map(_who, spike) if w)
    if not counts:
        return {"count": 0, "top": []}
    where, params = scope
    names = list(counts)
    marks = ",".join("?" * len(names))
    seen = {r["who"] for r in store.all(
        f"SELECT DISTINCT coalesce(nullif(trim(m.handle), ''), trim(m.author)) AS who FROM mentions m"
        f" WHERE {where} AND m.fetched_at < ? AND coalesce(nullif(trim(m.handle), ''), trim(m.author)) IN ({marks})",
        [*params, before, *names])}
    fresh = Counter({name: n for name, n in counts.items() if name not in seen})
    return {"count": len(fresh), "top": [{"author": a, "mentions": n} for a, n in fresh.most_common(TOP_AUTHORS)]}


def feeds(spike: list[dict]) -> list[dict]:
    counts = Counter(row.get("feed") or row.get("source") or "—" for row in spike)
    return [{"feed": name, "mentions": n, "share": round(n / len(spike), 2)} for name, n in counts.most_common(TOP_FEEDS)]


def reach(spike: list[dict]) -> dict | None:
    """Followers or subscribers the sources report, summed; the widest post. None when no source says."""
    reported = [r for r in spike if isinstance(r.get("reach"), int) and r["reach"] >= 0]
    if not reported:
        return None
    widest = max(reported, key=lambda r: r["reach"])
    return {"total": sum(r["reach"] for r in reported), "reported_by": len(reported),
            "widest": {"author": _who(widest), "reach": widest["reach"], "mention": widest.get("id")}}


def same_hour_before(store: Store, minute_start: dt.datetime) -> dict:
    """Mentions per minute in this hour a day and a week before, where the database has that hour."""
    earliest = store.scalar("SELECT min(fetched_at) FROM mentions")
    hour = minute_start.replace(minute=0, second=0, microsecond=0)
    out: dict[str, float | None] = {}
    for name, back in (("day_before", dt.timedelta(days=1)), ("week_before", dt.timedelta(days=7))):
        start = hour - back
        if earliest is None or parse_iso(earliest) > start:
            out[name] = None  # nothing was being collected then
            continue
        n = store.scalar("SELECT count(*) FROM mentions WHERE fetched_at >= ? AND fetched_at < ?",
                         (iso(start), iso(start + dt.timedelta(hours=1))))
        out[name] = round(n / 60, 2)
    return out


def explain(store: Store, spike: list[dict], baseline: list[dict], *, scope: tuple[str, list],
            minute_start: dt.datetime, actual: bool) -> dict:
    """The drivers of a spike whose mentions are `spike` (and the window before it `baseline`)."""
    if not spike:
        return {}
    drivers = {
        "terms": top_terms(spike, baseline),
        "feeds": feeds(spike),
        "new_authors": new_authors(store, spike, scope, iso(minute_start)),
        "reach": reach(spike),
    }
    if actual:
        drivers["same_hour"] = same_hour_before(store, minute_start)
    return drivers


def summary(drivers: dict) -> str:
    """One line for a wall, an alert or a report: the terms, the main feed, new authors, reach."""
    t = i18n.t
    parts = []
    if drivers.get("terms"):
        parts.append(", ".join(term["term"] for term in drivers["terms"]))
    if drivers.get("feeds"):
        top = drivers["feeds"][0]
        parts.append(t("spike.drivers.feed", feed=top["feed"], share=round(top["share"] * 100)))
    authors = drivers.get("new_authors") or {}
    if authors.get("count"):
        parts.append(t("spike.drivers.new_authors", count=authors["count"]))
    if drivers.get("reach"):
        parts.append(t("spike.drivers.reach", reach=_human(drivers["reach"]["total"])))
    same = drivers.get("same_hour") or {}
    for name in ("day_before", "week_before"):
        if same.get(name) is not None:
            parts.append(t(f"spike.drivers.{name}", rate=same[name]))
    return " · ".join(parts)


def _human(n: int) -> str:
    for size, unit in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
        if n >= size:
            return f"{n / size:.1f}".rstrip("0").rstrip(".") + unit
    return str(n)
