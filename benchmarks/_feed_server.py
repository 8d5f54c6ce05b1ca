"""A keep-alive static file server with ETag and Last-Modified, run as its own process:
`python _feed_server.py PORT FOLDER`. (Python's stock http.server speaks HTTP/1.0 and
opens a connection per request, which would measure the server, not the client.)
`/api/v1/timelines/tag/TAG` answers like Mastodon from FOLDER/mastodon/TAG.json
(`limit`, `min_id`: the statuses after the cursor, newest first)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import sys
import urllib.parse


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # headers and a small body go out as two writes: without TCP_NODELAY the second waits for the
    # client's delayed ACK (~40 ms), which would measure the server, not the client
    disable_nagle_algorithm = True

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        parts = urllib.parse.urlsplit(self.path)
        if not parts.path.startswith("/api/v1/timelines/tag/"):
            return super().do_GET()
        tag = parts.path.rsplit("/", 1)[-1]
        try:
            with open(os.path.join(self.directory, "mastodon", f"{os.path.basename(tag)}.json"), encoding="utf-8") as fh:
                statuses = json.load(fh)
        except OSError:
            statuses = []
        query = dict(urllib.parse.parse_qsl(parts.query))
        limit = min(int(query.get("limit", 20)), 40)
        if "min_id" in query:
            statuses = [s for s in statuses if int(s["id"]) > int(query["min_id"])][:limit]
        else:
            statuses = statuses[-limit:]
        body = json.dumps(statuses[::-1]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def send_head(self):
        if self.path.startswith("/s/"):  # Telegram previews carry no validators: the body hash decides
            return super().send_head()
        path = self.translate_path(self.path)
        try:
            st = os.stat(path)
        except OSError:
            return super().send_head()
        etag = f'"{st.st_mtime_ns:x}-{st.st_size:x}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        self._etag = etag
        return super().send_head()

    def end_headers(self) -> None:
        etag = getattr(self, "_etag", None)
        if etag:
            self.send_header("ETag", etag)
            self._etag = None
        super().end_headers()


if __name__ == "__main__":
    port, folder = int(sys.argv[1]), sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder))
    server.serve_forever()
