"""Chart geometry for the HTML report: numbers in, rectangles and ticks out.

The template draws the SVG from these dicts (so every label passes through
its autoescaping); nothing here builds markup.
"""

from __future__ import annotations

from crisiscomm.clock import format_clock

WIDTH = 760
PLOT_LEFT = 48
PLOT_RIGHT = 40
FAR_DEADLINE = 1.5
VOLUME_HEIGHT = 220
GANTT_ROW = 22
GANTT_LABEL = 220
GANTT_RIGHT = 90
GANTT_OUTCOMES = ("met", "late", "missed", "pending", "no_deadline", "skipped")
GANTT_LEGEND_LEFT = 4
LEGEND_HEIGHT = 22
LEGEND_STEP = 120


def _ticks(low: float, high: float, count: int = 6) -> list[float]:
    span = max(high - low, 1.0)
    step = next((s for s in (60, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400) if span / s <= count), 86400 * 7)
    first = int(low // step) * step
    return [t for t in range(int(first), int(high) + step, step) if low <= t <= high]


def mention_volume(series: dict, spikes: list[dict]) -> dict | None:
    """Bars of mention counts per bucket of the incident clock, with spike markers."""
    counts = series.get("counts") or []
    if not counts:
        return None
    bucket, first = series["bucket_s"], series["first_bucket"]
    low, high = first * bucket, (first + len(counts)) * bucket
    plot_w = WIDTH - PLOT_LEFT - PLOT_RIGHT
    plot_h = VOLUME_HEIGHT - 40
    top = max(counts) or 1
    bar_w = plot_w / len(counts)

    def x_of(clock: float) -> float:
        return round(PLOT_LEFT + (clock - low) / (high - low) * plot_w, 2)

    bars = []
    for i, n in enumerate(counts):
        h = round(n / top * plot_h, 2)
        start = (first + i) * bucket
        bars.append({"x": round(PLOT_LEFT + i * bar_w, 2), "y": round(10 + plot_h - h, 2), "w": round(max(bar_w - 1, 1), 2),
                     "h": h, "count": n, "label": f"{format_clock(start)} – {format_clock(start + bucket)}: {n}"})
    marks = [{"x": x_of(s["clock_s"]), "label": f"{format_clock(s['clock_s'])}"}
             for s in spikes if s.get("clock_s") is not None and low <= s["clock_s"] <= high]
    return {
        "width": WIDTH, "height": VOLUME_HEIGHT, "plot_top": 10, "plot_bottom": 10 + plot_h,
        "plot_left": PLOT_LEFT, "plot_right": WIDTH - PLOT_RIGHT, "max_count": top,
        "bars": bars, "spikes": marks, "bucket_s": bucket,
        "ticks": [{"x": x_of(t), "label": format_clock(t)} for t in _ticks(low, high)],
    }


def checklist_gantt(steps: list[dict], now: float) -> dict | None:
    """One row per step: work from its first event to done (or now), and its deadline."""
    if not steps:
        return None
    done = [s["done_s"] for s in steps if s.get("done_s") is not None]
    dues = [s["due_s"] for s in steps if s.get("due_s") is not None]
    high = max([now, *done, min(dues, default=60.0), 60.0])
    # Deadlines a little past the work still fit; far-off ones (a review due at T+72h) sit at the edge.
    high = max([high, *(d for d in dues if d <= high * FAR_DEADLINE)])
    plot_left = GANTT_LABEL
    plot_w = WIDTH - plot_left - GANTT_RIGHT

    def x_of(clock: float) -> float:
        return round(plot_left + max(0.0, min(clock, high)) / high * plot_w, 2)

    rows = []
    for i, s in enumerate(steps):
        end = s["done_s"] if s.get("done_s") is not None else (None if s["state"] == "skipped" else now)
        start = s.get("started_s") or 0.0
        if end is not None and start > end:
            start = end
        y = 24 + i * GANTT_ROW
        rows.append({
            "y": y, "label_y": y + 13, "title": s.get("title") or s.get("step_id") or "", "outcome": s["outcome"],
            "bar_x": x_of(start), "bar_w": max(round(x_of(end) - x_of(start), 2), 2) if end is not None else 0,
            "deadline_x": x_of(s["due_s"]) if s.get("due_s") is not None else None,
            "deadline_beyond": format_clock(s["due_s"]) if s.get("due_s") is not None and s["due_s"] > high else None,
        })
    height = 24 + len(steps) * GANTT_ROW + 24 + LEGEND_HEIGHT
    present = {r["outcome"] for r in rows}
    outcomes = [o for o in GANTT_OUTCOMES if o in present]
    legend = [{"outcome": o, "x": GANTT_LEGEND_LEFT + i * LEGEND_STEP} for i, o in enumerate(outcomes)]
    return {
        "width": WIDTH, "height": height, "plot_left": plot_left, "plot_right": WIDTH - GANTT_RIGHT,
        "rows": rows, "axis_y": height - 20 - LEGEND_HEIGHT, "now_x": x_of(now),
        "legend": legend, "legend_y": height - 8,
        "legend_deadline_x": GANTT_LEGEND_LEFT + len(outcomes) * LEGEND_STEP,
        "ticks": [{"x": x_of(t), "label": format_clock(t)} for t in _ticks(0, high)],
    }
