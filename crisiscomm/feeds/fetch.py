"""Fetching feed bytes safely: HTTP(S) with httpx, or local files.

Limits: one hard deadline per fetch covering the wait for a host slot, connect,
response headers and body (deadline.py), caps on the compressed and the
decompressed body (we decompress ourselves, chunk by chunk, so a gzip bomb
never inflates past the cap), http/https only on every redirect hop, a bounded
number of redirects, a per-host concurrency limit and request budget, and
`Retry-After` honoured (budget.py). Conditional GET (ETag, Last-Modified) and a
body hash let an unchanged feed skip parsing entirely. Errors name what went
wrong ("no response headers after 10 s", "HTTP 429 Too Many Requests (rate
limited; retry after 120 s)").
"""

from __future__ import annotations

import contextlib
import hashlib
import http
import os
import pathlib
import threading
import time
import urllib.parse
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crisiscomm import files
from crisiscomm.feeds import budget as budgets
from crisiscomm.text import strip_controls
from crisiscomm.feeds.strings import t

if TYPE_CHECKING:  # httpx is imported when a URL is fetched: it costs the dashboard's start ~50 ms
    import httpx

TIMEOUT_S = 10.0
MAX_COMPRESSED = 5 * 1024 * 1024
MAX_DECOMPRESSED = 10 * 1024 * 1024
MAX_REDIRECTS = 5
PER_HOST = 2
_REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "crisiscomm/0.1 (crisis-communication feed monitor)"
ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"

_host_slots: dict[str, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()
_client: httpx.Client | None = None
_client_lock = threading.Lock()


# What a feed's health adds to the status line of these answers.
_MEANING = {
    401: "login required", 403: "access refused", 404: "not found", 410: "gone for good",
    429: "rate limited", 451: "unavailable for legal reasons", 503: "service unavailable",
}


class FetchError(Exception):
    """A fetch that failed, with a message for the feed's health."""

    def __init__(self, message: str, *, http_status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.http_status = http_status
        self.retry_after = retry_after


@dataclass
class Fetched:
    status: str  # "ok" | "unchanged" | "error"
    body: bytes = b""
    error: str = ""
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    content_type: str = ""
    charset: str | None = None
    http_status: int | None = None
    final_url: str = ""
    headers: dict = field(default_factory=dict)
    retry_after: float | None = None  # seconds, from a 429/503 answer


def fetch_timeout() -> float:
    """The deadline of one fetch: CRISISCOMM_FETCH_TIMEOUT seconds (0.5–120) or TIMEOUT_S."""
    try:
        value = float(os.environ.get("CRISISCOMM_FETCH_TIMEOUT", ""))
    except ValueError:
        return TIMEOUT_S
    return min(max(value, 0.5), 120.0) if value == value else TIMEOUT_S


def is_url(source: str) -> bool:
    return "://" in source[:12]


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB"


def _client_instance() -> httpx.Client:
    import httpx

    from crisiscomm.feeds import deadline

    global _client
    with _client_lock:
        if _client is None:
            _client = httpx.Client(
                follow_redirects=False,
                headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
                limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
            )
            deadline.install(_client)
        return _client


@contextlib.contextmanager
def _host_slot(host: str, deadline: float, timeout: float):
    """One of the host's PER_HOST connections, waited for until the fetch's deadline."""
    with _slots_lock:
        slot = _host_slots.setdefault(host, threading.BoundedSemaphore(PER_HOST))
    if not slot.acquire(timeout=max(0.0, deadline - time.monotonic())):
        raise FetchError(t("feed.fetch.no_connection", host=host, timeout=timeout))
    if deadline - time.monotonic() < 0.05:  # got one, but no time is left to use it
        slot.release()
        raise FetchError(t("feed.fetch.no_connection", host=host, timeout=timeout))
    try:
        yield
    finally:
        slot.release()


def status_error(code: int, reason: str = "", retry_after: str | None = None) -> FetchError:
    """An HTTP error answer as health reads it: standard reason phrase, meaning, Retry-After."""
    try:
        phrase = http.HTTPStatus(code).phrase
    except ValueError:
        phrase = " ".join(strip_controls(reason).split())[:60]  # the server's own words, made inert
    message = f"HTTP {code} {phrase}".strip()
    meaning = _MEANING.get(code)
    wait = budgets.retry_after_seconds(retry_after) if code in (429, 503) or retry_after else None
    details = [d for d in (meaning, f"retry after {wait:.0f} s" if wait is not None else "") if d]
    if details:
        message += f" ({'; '.join(details)})"
    return FetchError(message, http_status=code, retry_after=wait)


def _decoder(encoding: str):
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or gzip header, auto-detected
    raise FetchError(t("feed.fetch.encoding", encoding=encoding[:40]))


def _read_capped(resp: httpx.Response, deadline: float, timeout: float, max_compressed: int, max_decompressed: int) -> bytes:
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_compressed:
        raise FetchError(t("feed.fetch.too_large", limit=_mb(max_compressed)))
    decoder = _decoder(resp.headers.get("content-encoding", ""))
    raw_total = 0
    parts: list[bytes] = []
    size = 0
    for chunk in resp.iter_raw():  # as received: a chunk size would wait to fill it
        raw_total += len(chunk)
        if raw_total > max_compressed:
            raise FetchError(t("feed.fetch.too_large", limit=_mb(max_compressed)))
        if time.monotonic() > deadline:
            raise FetchError(t("feed.fetch.timeout", timeout=timeout))
        data = chunk
        while data:
            if decoder is None:
                out, data = data, b""
            else:
                out = decoder.decompress(data, max_decompressed - size + 1)
                data = decoder.unconsumed_tail
            size += len(out)
            if size > max_decompressed:
                raise FetchError(t("feed.fetch.too_large_unpacked", limit=_mb(max_decompressed)))
            parts.append(out)
    return b"".join(parts)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def fetch_url(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT_S,
    max_compressed: int = MAX_COMPRESSED,
    max_decompressed: int = MAX_DECOMPRESSED,
    max_redirects: int = MAX_REDIRECTS,
    budget: budgets.Budget = budgets.DEFAULT,
    accept: str = ACCEPT,
) -> Fetched:
    """GET a URL within one deadline of `timeout` seconds; FetchError says why not."""
    import httpx

    from crisiscomm.feeds.deadline import deadline as within

    deadline = time.monotonic() + timeout
    headers = {"Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    client = _client_instance()
    for _hop in range(max_redirects + 1):
        host = _http_host(url)
        try:
            budgets.take(host, budget, deadline)
        except budgets.BudgetSpent as exc:
            raise FetchError(str(exc)) from None
        headers_in = False
        try:
            with within(deadline), _host_slot(host, deadline, timeout), client.stream(
                "GET", url, headers=headers, timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0))
            ) as resp:
                headers_in = True
                if resp.status_code == 304:
                    resp.read()  # no body by definition; reading it keeps the connection for reuse
                    return Fetched("unchanged", etag=etag, last_modified=last_modified, http_status=304, final_url=url)
                if resp.status_code in _REDIRECTS:
                    location = resp.headers.get("location")
                    if not location:
                        raise FetchError(t("feed.fetch.redirect_no_location", status_code=resp.status_code))
                    url = urllib.parse.urljoin(url, location)
                    continue
                if resp.status_code >= 400 or resp.status_code < 200:
                    error = status_error(resp.status_code, resp.reason_phrase, resp.headers.get("retry-after"))
                    if error.retry_after:
                        budgets.close_host(host, error.retry_after)
                    raise error
                body = _read_capped(resp, deadline, timeout, max_compressed, max_decompressed)
                content_type = resp.headers.get("content-type", "")
                return Fetched(
                    "ok", body=body,
                    etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"),
                    content_type=content_type, charset=_charset(content_type),
                    http_status=resp.status_code, final_url=url,
                )
        except httpx.ConnectTimeout:
            raise FetchError(t("feed.fetch.no_answer", host=host, wait=min(timeout, 5.0))) from None
        except httpx.TimeoutException:
            if not headers_in:
                raise FetchError(t("feed.fetch.no_headers", timeout=timeout)) from None
            raise FetchError(t("feed.fetch.timeout", timeout=timeout)) from None
    raise FetchError(t("feed.fetch.redirects", max_redirects=max_redirects))


def _http_host(url: str) -> str:
    """The host (and port, when not the default) of an http(s) URL, lower-cased: the key of its
    connection slots and request budget; FetchError for anything else or a malformed URL."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError:
        raise FetchError(t("feed.fetch.bad_url", url=strip_controls(url)[:80])) from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise FetchError(t("feed.fetch.scheme", url=strip_controls(url)[:80]))
    return host.lower() + (f":{port}" if port and port not in (80, 443) else "")


def fetch_file(path: str | os.PathLike, *, max_bytes: int = MAX_DECOMPRESSED) -> Fetched:
    p = pathlib.Path(path)
    try:  # a regular file only: a FIFO would block the poll forever, /dev/zero never end
        body = files.read_bytes(p, limit=max_bytes)
    except files.FileTooLarge as exc:
        raise FetchError(t("feed.fetch.too_large", limit=_mb(max_bytes))) from exc
    except files.FileRefused as exc:
        if isinstance(exc.__cause__, FileNotFoundError):
            raise FetchError(t("feed.fetch.no_file", p=p)) from exc
        raise FetchError(f"{exc.reason}: {p}") from exc
    return Fetched("ok", body=body, final_url=str(p))


def fetch(
    source: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    body_hash: str | None = None,
    timeout: float | None = None,
    budget: budgets.Budget = budgets.DEFAULT,
    accept: str = ACCEPT,
) -> Fetched:
    """Fetch a URL or a file; status `unchanged` when a 304 or the same body hash says so.

    Never raises for a bad source: the problem is in `error`, for the feed's health.
    """
    import httpx

    timeout = timeout or fetch_timeout()
    try:
        if is_url(source):
            result = fetch_url(source, etag=etag, last_modified=last_modified, timeout=timeout,
                               budget=budget, accept=accept)
        else:
            result = fetch_file(source)
    except FetchError as exc:
        return Fetched("error", error=str(exc), http_status=exc.http_status, retry_after=exc.retry_after)
    except httpx.TimeoutException:
        return Fetched("error", error=f"timed out after {timeout:g} s")
    except httpx.ConnectError as exc:
        return Fetched("error", error=f"cannot connect: {exc}"[:300])
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        return Fetched("error", error=f"fetch failed: {type(exc).__name__}: {exc}"[:300])
    except zlib.error:
        return Fetched("error", error="corrupt compressed body")
    if result.status == "ok":
        result.body_hash = hashlib.sha256(result.body).hexdigest()
        if body_hash and result.body_hash == body_hash:
            result.status = "unchanged"
            result.body = b""
    return result
