"""Wall time in UTC and the incident clock's formatting."""

from __future__ import annotations

import datetime as dt


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
    """A short duration: `15m`, `1h30m`, `45s`."""
    total = int(round(abs(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if secs and not hours:
        parts.append(f"{secs}s")
    return ("-" if seconds < 0 else "") + ("".join(parts) or "0m")
