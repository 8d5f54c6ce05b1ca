"""Loopback servers that misbehave on purpose (raw sockets, so nothing helps them behave)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable


class RawServer:
    """A TCP server on 127.0.0.1 whose every connection runs `handler(conn)` in a thread.

    Stops accepting after `lifetime` seconds at the latest, and on `close()`."""

    def __init__(self, handler: Callable[[socket.socket], None], lifetime: float = 60.0) -> None:
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.handler = handler
        self.connections = 0
        self._end = time.monotonic() + lifetime
        self._stop = threading.Event()
        threading.Thread(target=self._loop, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _loop(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._end:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            threading.Thread(target=self._run, args=(conn,), daemon=True).start()
        self.sock.close()

    def _run(self, conn: socket.socket) -> None:
        try:
            self.handler(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self._stop.set()


def read_request(conn: socket.socket) -> bytes:
    conn.settimeout(5)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def drip_headers(interval: float = 0.25, stop_after: float = 30.0):
    """A handler sending a valid status line and headers one byte every `interval` seconds."""
    def handler(conn: socket.socket) -> None:
        read_request(conn)
        end = time.monotonic() + stop_after
        for ch in b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n" * 50:
            if time.monotonic() > end:
                return
            conn.sendall(bytes([ch]))
            time.sleep(interval)
    return handler


def silent(hold: float = 30.0):
    """A handler that accepts, reads the request and never answers."""
    def handler(conn: socket.socket) -> None:
        read_request(conn)
        time.sleep(hold)
    return handler


def respond(status: str, headers: dict[str, str], body: bytes = b""):
    """A handler answering every request with this raw response (the reason phrase is sent as given)."""
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    raw = head.encode("latin-1") + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode() + body

    def handler(conn: socket.socket) -> None:
        read_request(conn)
        conn.sendall(raw)
    return handler
