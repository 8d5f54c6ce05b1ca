"""One hard deadline per fetch: a slow or silent server costs its own feed at most that
deadline and never delays the other feeds (fetch, poll scheduler, the CLI, the dashboard)."""

from __future__ import annotations

import json
import threading
import time

import pytest
from conftest import run_cli_process
from loopback import RawServer, drip_headers, respond, silent

from crisiscomm.feeds import budget, registry
from crisiscomm.feeds.fetch import fetch
from crisiscomm.feeds.poller import PollScheduler

RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
       '<item><guid>ok1</guid><title>Deprem sonrası ilk açıklama</title><link>http://haber.example.org/1</link>'
       '</item></channel></rss>')


@pytest.fixture
def servers():
    started: list[RawServer] = []

    def start(handler) -> RawServer:
        srv = RawServer(handler)
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.close()


def test_headers_sent_a_byte_at_a_time_end_at_the_deadline(servers):
    srv = servers(drip_headers(0.1))
    started = time.monotonic()
    result = fetch(f"{srv.url}/feed.xml", timeout=1.5)
    elapsed = time.monotonic() - started
    assert result.status == "error" and result.error == "no response headers after 1.5 s"
    assert elapsed < 3.5  # the deadline, and slack for a loaded machine


def test_a_silent_server_ends_at_the_deadline_with_the_reason(servers):
    srv = servers(silent())
    started = time.monotonic()
    result = fetch(f"{srv.url}/feed.xml", timeout=1)
    assert result.error == "no response headers after 1 s" and time.monotonic() - started < 2


def test_the_deadline_covers_the_wait_for_a_host_connection(servers):
    srv = servers(silent())
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(fetch(f"{srv.url}/f{i}.xml", timeout=1.2)))
               for i in range(4)]  # two more than the per-host connections
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert time.monotonic() - started < 3, [r.error for r in results]
    assert len(results) == 4 and all(r.status == "error" for r in results)
    assert all(r.error == "no response headers after 1.2 s" or r.error.startswith("no free connection to 127.0.0.1")
               for r in results), [r.error for r in results]


def test_reason_phrases_are_standard_and_rate_limits_are_named(servers):
    hostile = servers(respond("503 \x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31mREASON", {}))
    result = fetch(f"{hostile.url}/feed.xml", timeout=2)
    assert result.error == "HTTP 503 Service Unavailable (service unavailable)"
    budget.reset()
    for status, expected in (
        ("401 Nope", "HTTP 401 Unauthorized (login required)"),
        ("403 Nope", "HTTP 403 Forbidden (access refused)"),
        ("404 Nope", "HTTP 404 Not Found (not found)"),
        ("599 \x1b[31mOdd", "HTTP 599 [31mOdd"),
    ):
        srv = servers(respond(status, {}))
        assert fetch(f"{srv.url}/x", timeout=2).error == expected
    limited = servers(respond("429 Slow down", {"Retry-After": "120"}))
    first = fetch(f"{limited.url}/x", timeout=2)
    assert first.error == "HTTP 429 Too Many Requests (rate limited; retry after 120 s)"
    assert first.retry_after == 120 and first.http_status == 429
    again = fetch(f"{limited.url}/y", timeout=2)  # the host is closed for 120 s: no request is sent
    assert "asked to wait (Retry-After)" in again.error and limited.connections == 1


def test_retry_after_as_an_http_date_and_garbage():
    import datetime as dt

    now = dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.timezone.utc)
    assert budget.retry_after_seconds("Sat, 28 Nov 2026 12:02:00 GMT", now) == 120
    assert budget.retry_after_seconds("99999999999999", now) == budget.MAX_RETRY_AFTER_S
    assert budget.retry_after_seconds("soon", now) is None
    assert budget.retry_after_seconds("Sat, 28 Nov 2026 11:00:00 GMT", now) == 0


def test_a_host_budget_spreads_requests_and_says_when_it_is_spent():
    tight = budget.Budget(2, 60.0)
    deadline = time.monotonic() + 0.3
    budget.take("h.example", tight, deadline)
    budget.take("h.example", tight, deadline)
    with pytest.raises(budget.BudgetSpent, match=r"request budget for h.example spent \(2 requests per 60 s\)"):
        budget.take("h.example", tight, deadline)


def test_the_scheduler_polls_other_feeds_while_a_slow_one_is_in_flight(store, servers, tmp_path, monkeypatch):
    monkeypatch.setenv("CRISISCOMM_FETCH_TIMEOUT", "8")
    slow = servers(drip_headers(0.2))
    ok = tmp_path / "ok.xml"
    ok.write_text(RSS, encoding="utf-8")
    registry.add_feed(store, f"{slow.url}/slow.xml", operator="t", name="slow")
    registry.add_feed(store, str(ok), operator="t", name="ok")
    scheduler = PollScheduler()
    first = threading.Thread(target=lambda: scheduler.poll_due(store.clone(), operator="t"))
    first.start()
    slow_id, ok_id = registry.get_feed(store, "slow")["id"], registry.get_feed(store, "ok")["id"]
    end = time.monotonic() + 6
    while ok_id in scheduler.in_flight or not scheduler.in_flight:  # the quick feed is done, the slow one not
        assert time.monotonic() < end
        time.sleep(0.05)
    assert slow_id in scheduler.in_flight
    started = time.monotonic()
    again = scheduler.poll_due(store.clone(), operator="t", due_only=False)  # "poll now" meanwhile
    assert [r.name for r in again] == ["ok"] and time.monotonic() - started < 3
    assert slow_id in scheduler.in_flight  # still waiting for its headers
    first.join(timeout=15)
    assert registry.get_feed(store, "slow")["last_error"] == "no response headers after 8 s"
    assert not scheduler.in_flight


def test_cli_ingest_with_a_slow_header_server_costs_only_its_deadline(tmp_path, servers, monkeypatch):
    slow = servers(drip_headers(0.5))
    ok = tmp_path / "ok.xml"
    ok.write_text(RSS, encoding="utf-8")
    db = tmp_path / "cc.db"
    run_cli_process(db, "feeds", "add", f"{slow.url}/slow.xml", "--name", "yavas")
    run_cli_process(db, "feeds", "add", str(ok), "--name", "normal")
    started = time.monotonic()
    monkeypatch.setenv("CRISISCOMM_FETCH_TIMEOUT", "2")
    result = run_cli_process(db, "ingest")
    assert time.monotonic() - started < 8
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "no response headers after 2 s" in result.stdout
    feeds = {f["name"]: f for f in json.loads(run_cli_process(db, "feeds", "list", "--json").stdout)}
    assert feeds["yavas"]["last_error"] == "no response headers after 2 s"
    assert feeds["normal"]["status"] == "ok" and feeds["normal"]["last_new"] == 1


def test_cli_prints_no_escape_from_a_reason_phrase(tmp_path, servers):
    bad = servers(respond("503 \x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b[31mREASON", {}))
    result = run_cli_process(tmp_path / "cc.db", "ingest", f"{bad.url}/feed.xml")
    assert result.returncode == 1 and "\x1b" not in result.stdout + result.stderr
    assert "HTTP 503 Service Unavailable" in result.stdout
