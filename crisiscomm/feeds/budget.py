"""Per-host request budgets and `Retry-After`, shared by every feed of one process.

A budget is a token bucket: `requests` per `per_s` seconds, at most `requests`
at once. Services publish theirs (Mastodon: 300 requests per 5 minutes per
address); others get a polite default. A server's `Retry-After` closes its
host until then, for every feed on it.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from crisiscomm.feeds.strings import t

MAX_RETRY_AFTER_S = 6 * 3600  # a server asking for more is read as "much later", not as days


@dataclass(frozen=True)
class Budget:
    requests: int
    per_s: float

    def describe(self) -> str:
        return f"{self.requests} requests per {self.per_s:g} s"


DEFAULT = Budget(60, 60.0)


class BudgetSpent(Exception):
    """No request may go to this host before the deadline; the message is for health."""


class _Bucket:
    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.tokens = float(budget.requests)
        self.stamp = time.monotonic()

    def wait_for(self, now: float) -> float:
        """Seconds until a request may go (0: now)."""
        rate = self.budget.requests / self.budget.per_s
        self.tokens = min(float(self.budget.requests), self.tokens + (now - self.stamp) * rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / rate


_buckets: dict[tuple[str, Budget], _Bucket] = {}
_closed_until: dict[str, float] = {}  # host -> monotonic time before which nothing is sent (Retry-After)
_lock = threading.Lock()


def take(host: str, budget: Budget, deadline: float) -> None:
    """Spend one request of `host`'s budget, waiting for it while the deadline allows."""
    while True:
        with _lock:
            bucket = _buckets.get((host, budget))
            if bucket is None:
                bucket = _buckets[(host, budget)] = _Bucket(budget)
            now = time.monotonic()
            closed = _closed_until.get(host, 0.0) - now
            wait = closed if closed > 0 else bucket.wait_for(now)
            if wait == 0:
                bucket.tokens -= 1
                return
        if now + wait > deadline:
            if closed > 0:
                raise BudgetSpent(t("feed.budget.retry_after", host=host, wait=wait))
            raise BudgetSpent(t("feed.budget.spent", host=host, requests=budget.requests, per_s=budget.per_s, wait=wait))
        time.sleep(min(wait, 0.5))


def close_host(host: str, seconds: float) -> None:
    """Honour a Retry-After: nothing goes to this host for `seconds`."""
    with _lock:
        until = time.monotonic() + min(seconds, MAX_RETRY_AFTER_S)
        _closed_until[host] = max(_closed_until.get(host, 0.0), until)


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """A `Retry-After` header (seconds or an HTTP date) as seconds from now; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(min(int(value[:12]), MAX_RETRY_AFTER_S))
    import email.utils

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    seconds = (when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds()
    return float(min(max(seconds, 0.0), MAX_RETRY_AFTER_S))


def reset() -> None:
    """Forget every bucket (tests)."""
    with _lock:
        _buckets.clear()
        _closed_until.clear()
