"""Fetching over real loopback HTTP: conditional GET, redirects, limits, hostile servers."""

from __future__ import annotations

import gzip
import http.server
import threading
import time

import pytest

from crisiscomm.feeds import registry
from crisiscomm.feeds.fetch import fetch
from crisiscomm.feeds.ingest import poll_feeds

FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        '<item><guid>a1</guid><title>Malatya depremi</title><link>http://x.example/a1</link>'
        '<description>&lt;p&gt;Kızılay çadır kurdu&lt;/p&gt;</description></item></channel></rss>').encode()
CP1254_FEED = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
               '<item><guid>c1</guid><title>Şanlıurfa ve Iğdır</title></item></channel></rss>').encode("cp1254")
BOMB = gzip.compress(b"<rss>" + b" " * (30 * 1024 * 1024), compresslevel=9)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: dict[str, int] = {}

    def log_message(self, *args) -> None:
        pass

    def _send(self, code: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 (a route table)
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        route = self.path
        if route == "/feed":
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304, headers={"ETag": '"v1"'})
            return self._send(200, FEED, {"ETag": '"v1"', "Content-Type": "application/rss+xml"})
        if route == "/no-validators":
            return self._send(200, FEED, {"Content-Type": "application/rss+xml"})
        if route == "/gzip":
            return self._send(200, gzip.compress(FEED), {"Content-Encoding": "gzip"})
        if route == "/redirect":
            return self._send(302, headers={"Location": "/feed"})
        if route == "/loop":
            return self._send(302, headers={"Location": "/loop"})
        if route == "/to-file":
            return self._send(302, headers={"Location": "file:///etc/passwd"})
        if route == "/bomb":
            return self._send(200, BOMB, {"Content-Encoding": "gzip"})
        if route == "/big":
            return self._send(200, b"<rss>" + b"x" * (6 * 1024 * 1024))
        if route == "/big-undeclared":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(7):
                self.wfile.write(b"x" * (1024 * 1024))
            return None
        if route == "/html":
            return self._send(200, b"<!DOCTYPE html><html><body><h1>Login</h1></body></html>", {"Content-Type": "text/html"})
        if route == "/empty":
            return self._send(200, b"")
        if route == "/cp1254":
            return self._send(200, CP1254_FEED)
        if route == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
            return None
        if route == "/silent":
            time.sleep(4)
            return None
        if route == "/500":
            return self._send(500, b"oops")
        return self._send(404, b"not found")


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # clients hanging up on hostile responses is the point of these tests


@pytest.fixture
def server():
    srv = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    Handler.hits.clear()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_conditional_get_gives_unchanged(server):
    first = fetch(f"{server}/feed")
    assert first.status == "ok" and first.etag == '"v1"' and first.body == FEED
    again = fetch(f"{server}/feed", etag=first.etag)
    assert again.status == "unchanged" and again.http_status == 304


def test_body_hash_skips_servers_without_validators(server):
    first = fetch(f"{server}/no-validators")
    again = fetch(f"{server}/no-validators", body_hash=first.body_hash)
    assert again.status == "unchanged" and again.body == b""


def test_gzip_is_decoded(server):
    assert fetch(f"{server}/gzip").body == FEED


def test_redirects_are_followed_and_bounded(server):
    assert fetch(f"{server}/redirect").body == FEED
    assert fetch(f"{server}/loop").error == "too many redirects (over 5)"
    assert Handler.hits["/loop"] == 6
    refused = fetch(f"{server}/to-file")
    assert refused.status == "error" and "only http and https" in refused.error


@pytest.mark.parametrize("route, message", [
    ("/bomb", "too large: over 10 MB decompressed"),
    ("/big", "too large: over 5 MB"),
    ("/big-undeclared", "too large: over 5 MB"),
    ("/500", "HTTP 500 Internal Server Error"),
])
def test_limits_and_errors(server, route, message):
    result = fetch(f"{server}{route}")
    assert result.status == "error"
    assert result.error == message


def test_slow_and_silent_servers_time_out(server):
    for route, message in (("/slow", "timed out after 1 s"), ("/silent", "no response headers after 1 s")):
        started = time.monotonic()
        result = fetch(f"{server}{route}", timeout=1.0)
        assert result.status == "error" and result.error == message
        assert time.monotonic() - started < 2.5


def test_unsupported_scheme_and_refused_connection():
    assert "only http and https" in fetch("ftp://example.org/feed").error
    assert fetch("http://127.0.0.1:9/feed", timeout=2).error.startswith("cannot connect")


def _poll(store, server, route, name):
    feed = registry.add_feed(store, f"{server}{route}", operator="tester", name=name)
    return poll_feeds(store, [feed], operator="tester")[0]


def test_hostile_and_broken_feeds_end_with_a_clear_status(store, server):
    expected = {
        "/html": "not a feed: HTML page",
        "/empty": "empty body",
        "/bomb": "too large: over 10 MB decompressed",
        "/big": "too large: over 5 MB",
    }
    for route, message in expected.items():
        result = _poll(store, server, route, route.strip("/"))
        assert (result.status, result.error) == ("error", message)
        feed = registry.get_feed(store, route.strip("/"))
        assert feed["status"] == "error" and feed["last_error"] == message and feed["failures"] == 1
    assert store.scalar("SELECT count(*) FROM mentions") == 0


def test_wrong_charset_feed_reads_as_turkish(store, server):
    result = _poll(store, server, "/cp1254", "cp")
    assert result.status == "ok" and result.new == 1
    assert store.scalar("SELECT title FROM mentions") == "Şanlıurfa ve Iğdır"


def test_repoll_over_http_is_unchanged_and_keeps_health(store, server):
    assert _poll(store, server, "/feed", "f").new == 1
    feed = registry.get_feed(store, "f")
    assert feed["etag"] == '"v1"' and feed["status"] == "ok"
    again = poll_feeds(store, [feed], operator="tester")[0]
    assert again.status == "unchanged"
    assert registry.get_feed(store, "f")["status"] == "unchanged"
    assert store.scalar("SELECT count(*) FROM mentions") == 1
    assert store.scalar("SELECT text FROM mentions") == "Kızılay çadır kurdu"
