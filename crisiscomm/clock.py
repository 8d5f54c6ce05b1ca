"""Wall time in UTC, the incident clock and its formatting.

Times are stored in UTC (ISO 8601 with the offset, what --json shows); people read
them in the institution's time zone (`CRISISCOMM_TZ`, Europe/Istanbul by default)
and in the UI language: `local_text` gives `28 Kasım 2026 14.30`, `format_offset`
gives `8 dk 15 sn` in Turkish (never `8m15s`, and never `56s`, which reads as 56 hours).
"""

from __future__ import annotations

import datetime as dt
import re

from crisiscomm import config, i18n
from crisiscomm.models import Incident
from crisiscomm.text import grammar


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def utc_now_iso() -> str:
    return iso(utc_now())


def iso(moment: dt.datetime) -> str:
    """ISO 8601 with a UTC offset, to the microsecond so that order is kept."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")


def parse_iso(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment


def format_clock(seconds: float | None) -> str:
    """`T+hh:mm:ss` (or `T-…` before the start)."""
    if seconds is None:
        return "T+--:--:--"
    sign = "-" if seconds < 0 else "+"
    total = int(abs(seconds))
    return f"T{sign}{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def format_offset(seconds: float) -> str:
    """A short duration in the UI language: `15 dk`, `1 sa 30 dk`, `45 sn` (English `15 min`,
    `1 h 30 min`, `45 s`; never `1h30m`, which the glossary rules out)."""
    return grammar.duration(seconds, i18n.get_lang())


MAX_CLOCK_SECONDS = 10 * 365 * 86400.0  # no incident clock reads beyond ten years


def clock_at(incident: Incident, now: dt.datetime | None = None) -> float:
    """Seconds on the incident clock (drill clocks may run faster or be paused)."""
    if incident.is_closed and incident.closed_at and incident.clock_speed == 1:
        now = min(now or utc_now(), parse_iso(incident.closed_at))
    if incident.clock_paused:
        return incident.clock_base_seconds
    elapsed = ((now or utc_now()) - parse_iso(incident.clock_base_wall)).total_seconds()
    clock = incident.clock_base_seconds + elapsed * incident.clock_speed
    return min(max(clock, -MAX_CLOCK_SECONDS), MAX_CLOCK_SECONDS)


def world_at(incident: Incident, starts_at: str | dt.datetime | None, now: dt.datetime | None = None) -> dt.datetime:
    """The incident's "now" for ages and countdowns.

    An exercise whose scenario sets `starts_at` lives in the scenario's time: `starts_at` plus the
    incident clock (a drill at ×5 moves five minutes a minute, a paused one stands still, a closed
    one stops at its closing). Everything else lives in real time: `now` (the wall clock)."""
    now = now or utc_now()
    if not (incident.is_exercise and starts_at):
        return now
    start = parse_iso(starts_at) if isinstance(starts_at, str) else starts_at
    if incident.is_closed and incident.closed_at:
        now = min(now, parse_iso(incident.closed_at))
    return start + dt.timedelta(seconds=clock_at(incident, now))


_TR_UNITS = {"d": "gün", "h": "sa", "m": "dk", "s": "sn"}


def written_duration(written: str, lang: str | None = None) -> str:
    """A duration as a playbook writes it (`72h`, `1h30m`) in the UI language, in the writer's own
    units: Turkish `72 sa`, `1 sa 30 dk` (72 hours stay 72 hours: KVKK counts in hours)."""
    if (lang or i18n.get_lang()) != "tr":
        return written
    parts = re.findall(r"(\d+)\s*([dhms])", written)
    return " ".join(f"{amount} {_TR_UNITS[unit]}" for amount, unit in parts) or written


def local_text(value: str | dt.datetime | None, *, zone: bool = False, lang: str | None = None) -> str:
    """A stored time as a person reads it, in the institution's time zone: `28 Kasım 2026 14.30`
    (`zone`: `… (TSİ)`); English `28 November 2026, 14:30`. `—` for none, the text itself when
    it is not a time."""
    if value is None or value == "":
        return "—"
    try:
        moment = parse_iso(value) if isinstance(value, str) else value
    except ValueError:
        return str(value)
    return grammar.date_time(moment, lang or i18n.get_lang(), config.current().tz, zone=zone)


def local_clock_time(value: str | dt.datetime, *, lang: str | None = None, seconds: bool = False) -> str:
    """The local time of day alone: `14.30` (English `14:30`; `seconds`: `14.30.05`)."""
    moment = parse_iso(value) if isinstance(value, str) else value
    return grammar.clock_time(moment, lang or i18n.get_lang(), config.current().tz, seconds=seconds)
