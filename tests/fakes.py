"""Loopback servers that speak each source's shape: a Mastodon tag timeline API, a Telegram
channel preview. Fixtures are written here for the tests (no recorded traffic, no internet)."""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.parse


def status(n: int, text: str, *, acct: str = "ali", followers: int = 1200, boosts: int = 4,
           reply: bool = False, boost_of: dict | None = None, lang: str = "tr") -> dict:
    sid = str(113_000_000_000_000_000 + n)
    return {
        "id": sid, "created_at": f"2026-11-28T04:{n % 60:02d}:00.000Z", "uri": f"https://mastodon.example/users/{acct}/statuses/{sid}",
        "url": f"https://mastodon.example/@{acct}/{sid}", "content": f"<p>{text}</p>",
        "spoiler_text": "", "in_reply_to_id": "1" if reply else None, "reblog": boost_of, "language": lang,
        "reblogs_count": boosts, "favourites_count": 1, "replies_count": 0,
        "account": {"acct": acct, "username": acct, "display_name": acct.title(), "followers_count": followers},
    }


class MastodonHandler(http.server.BaseHTTPRequestHandler):
    """`/api/v1/timelines/tag/TAG`: newest first, `limit` and `min_id` as Mastodon reads them.

    `statuses` (oldest first) and `answers` (path prefix → (code, headers, body)) are set per test."""

    protocol_version = "HTTP/1.1"
    statuses: list[dict] = []
    answers: dict[str, tuple[int, dict, bytes]] = {}
    requests: list[str] = []

    def log_message(self, *args) -> None:
        pass

    def _send(self, code: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(code)
        for key, value in {"Content-Type": "application/json; charset=utf-8", **(headers or {})}.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        for prefix, (code, headers, body) in type(self).answers.items():
            if self.path.startswith(prefix):
                return self._send(code, body, headers)
        parts = urllib.parse.urlsplit(self.path)
        if not parts.path.startswith("/api/v1/timelines/tag/"):
            return self._send(404, b'{"error":"Record not found"}')
        query = dict(urllib.parse.parse_qsl(parts.query))
        limit = min(int(query.get("limit", 20)), 40)
        rows = type(self).statuses
        if "min_id" in query:
            after = [s for s in rows if int(s["id"]) > int(query["min_id"])]
            page = after[:limit]
        else:
            page = rows[-limit:]
        return self._send(200, json.dumps(list(reversed(page))).encode())


def telegram_page(channel: str, posts: list[dict], *, subscribers: str = "12.3K", preview: bool = True) -> str:
    """A channel preview page as t.me/s/CHANNEL serves it (the parts the parser reads)."""
    if not preview:  # owners who turn the preview off get the channel's card, without messages
        return f'<html><body><div class="tgme_page"><div class="tgme_page_title">{channel}</div></div></body></html>'
    messages = []
    for p in posts:
        extra = ""
        if p.get("forwarded"):
            extra += '<div class="tgme_widget_message_forwarded_from">Forwarded from <a>Başka Kanal</a></div>'
        if p.get("reply"):
            extra += '<a class="tgme_widget_message_reply"><div class="tgme_widget_message_text">alıntı</div></a>'
        messages.append(
            f'<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="{channel}/{p["id"]}">'
            f'<div class="tgme_widget_message_author"><a class="tgme_widget_message_owner_name"><span>{p.get("owner", "AFAD Sim")}</span></a></div>'
            f'{extra}<div class="tgme_widget_message_text js-message_text" dir="auto">{p["html"]}</div>'
            f'<span class="tgme_widget_message_views">{p.get("views", "1.2K")}</span>'
            f'<a class="tgme_widget_message_date" href="https://t.me/{channel}/{p["id"]}"><time datetime="{p["time"]}">04:40</time></a>'
            f'</div></div>')
    return ('<html><head><title>Telegram</title></head><body>'
            f'<div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span>AFAD Sim</span></div>'
            f'<div class="tgme_channel_info_counter"><span class="counter_value">{subscribers}</span>'
            '<span class="counter_type">subscribers</span></div></div>'
            f'<section class="tgme_channel_history js-message_history">{"".join(messages)}</section></body></html>')


class TelegramHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    pages: dict[str, str] = {}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        page = type(self).pages.get(path)
        body = (page or "<html>not found</html>").encode()
        self.send_response(200 if page is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(handler_cls) -> tuple[http.server.ThreadingHTTPServer, str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_cls)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, f"http://127.0.0.1:{srv.server_address[1]}"


# -- Bluesky Jetstream -------------------------------------------------------------------------

def jet_post(n: int, text: str, *, langs=("tr",), reply: bool = False, quote: bool = False,
             collection: str = "app.bsky.feed.post", operation: str = "create") -> dict:
    record = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-11-28T04:50:00.000Z",
              "langs": list(langs)}
    if reply:
        record["reply"] = {"root": {"uri": "at://did:plc:x/app.bsky.feed.post/1"}, "parent": {"uri": "at://x"}}
    if quote:
        record["embed"] = {"$type": "app.bsky.embed.record", "record": {"uri": "at://did:plc:x/app.bsky.feed.post/2"}}
    return {"did": f"did:plc:user{n % 7}", "time_us": 1_764_304_200_000_000 + n, "kind": "commit",
            "commit": {"rev": f"r{n}", "operation": operation, "collection": collection, "rkey": f"3kx{n:06d}",
                       "cid": f"bafy{n}", "record": record}}


class Jetstream:
    """A Jetstream on loopback (the websockets library's server): every connection gets the
    messages whose time_us is at or after its `cursor`, then optionally more, then is held or closed.

    `messages` (list of dict or raw str/bytes), `close_after` (messages per connection),
    `refuse` (an HTTP status for the handshake), `cursors` (the cursor of each connection)."""

    def __init__(self, messages: list | None = None, *, close_after: int | None = None, refuse: int | None = None,
                 hold: float = 30.0) -> None:
        from websockets.sync.server import serve as ws_serve

        self.messages = list(messages or [])
        self.close_after, self.refuse, self.hold = close_after, refuse, hold
        self.cursors: list[str | None] = []
        self.paths: list[str] = []
        self.sent_at: dict[int, float] = {}  # message index → when it was sent (monotonic)
        self._stop = threading.Event()
        self.server = ws_serve(self._handle, "127.0.0.1", 0, process_request=self._check, compression=None)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        port = self.server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}/subscribe?wantedCollections=app.bsky.feed.post"

    def _check(self, connection, request):
        if self.refuse:
            return connection.respond(self.refuse, "refused\n")
        return None

    def _handle(self, ws) -> None:
        """Send what is there, then whatever is appended later, until closed or `hold` passes."""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(ws.request.path).query))
        self.paths.append(ws.request.path)
        cursor = query.get("cursor")
        self.cursors.append(cursor)
        sent = index = 0
        end = time.monotonic() + self.hold
        while not self._stop.is_set() and time.monotonic() < end:
            if index >= len(self.messages):
                time.sleep(0.01)
                continue
            message = self.messages[index]
            index += 1
            if isinstance(message, dict) and cursor and message["time_us"] < int(cursor):
                continue
            ws.send(message if isinstance(message, (str, bytes)) else json.dumps(message))
            self.sent_at[index - 1] = time.monotonic()
            sent += 1
            if self.close_after and sent >= self.close_after:
                return

    def close(self) -> None:
        self._stop.set()
        self.server.shutdown()
