"""Parsing in long-lived worker processes, so a hostile feed costs the app
neither memory nor responsiveness.

Each worker (`python -m crisiscomm.feeds.parse_worker`) runs under an address
space limit (RLIMIT_AS) and answers one request at a time over its pipes:
request = 8-byte header (meta length, body length) + JSON meta + body;
reply = 4-byte length + JSON. The parent enforces a wall-clock timeout and
kills a worker that overruns, dies or runs out of memory; the next request
starts a fresh one. Workers are reused across feeds (startup is paid once).
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import select
import struct
import subprocess
import sys
import threading
import time

from crisiscomm.feeds.strings import t

MEMORY_LIMIT = 512 * 1024 * 1024
PARSE_TIMEOUT_S = 20.0
POOL_SIZE = max(1, min(2, os.cpu_count() or 1))
_REQUEST = struct.Struct("!II")
_REPLY = struct.Struct("!I")
EXIT_AFTER_MEMORY_ERROR = 3


class ParseFailed(Exception):
    """Parsing refused or failed; the message is for the feed's health."""


# -- the worker process -------------------------------------------------------------

def _read_exact_stream(stream, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = stream.read(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def worker_main() -> None:
    import resource

    limit = int(os.environ.get("CRISISCOMM_PARSE_MEMORY", MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from crisiscomm.feeds.parse import ParseError
    from crisiscomm.feeds.social import parse_source

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = _read_exact_stream(stdin, _REQUEST.size)
        if header is None:
            return
        meta_len, body_len = _REQUEST.unpack(header)
        meta = json.loads(_read_exact_stream(stdin, meta_len) or b"{}")
        body = _read_exact_stream(stdin, body_len) or b""
        exit_code = None
        try:
            reply = {"ok": True, **parse_source(meta.get("kind", "rss"), body, meta.get("charset"), meta.get("context", ""))}
        except ParseError as exc:
            reply = {"ok": False, "error": str(exc)}
        except MemoryError:
            reply, exit_code = {"ok": False, "error": "refused: parsing needed more than the memory limit"}, EXIT_AFTER_MEMORY_ERROR
        except RecursionError:
            reply = {"ok": False, "error": "refused: the feed is nested too deeply"}
        except Exception as exc:  # feedparser on hostile input: report, never die silently
            reply = {"ok": False, "error": f"parse failed: {type(exc).__name__}: {exc}"[:300]}
        del body
        data = json.dumps(reply, ensure_ascii=False).encode("utf-8", "surrogatepass")
        stdout.write(_REPLY.pack(len(data)) + data)
        stdout.flush()
        if exit_code is not None:
            sys.exit(exit_code)


# -- the parent side ------------------------------------------------------------------

class _Worker:
    def __init__(self) -> None:
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "crisiscomm.feeds.parse_worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            bufsize=0, env=env, close_fds=True,
        )

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def _read_exact(self, n: int, deadline: float) -> bytes:
        fd = self.proc.stdout.fileno()
        buf = bytearray()
        while len(buf) < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                raise TimeoutError
            chunk = os.read(fd, min(n - len(buf), 1 << 20))
            if not chunk:
                raise EOFError
            buf += chunk
        return bytes(buf)

    def request(self, body: bytes, meta: dict, timeout: float) -> dict:
        meta = json.dumps(meta).encode()
        self.proc.stdin.write(_REQUEST.pack(len(meta), len(body)) + meta + body)
        deadline = time.monotonic() + timeout
        (size,) = _REPLY.unpack(self._read_exact(_REPLY.size, deadline))
        return json.loads(self._read_exact(size, deadline))

    def kill(self) -> None:
        if self.alive:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class ParserPool:
    """Up to `size` worker processes, started on demand and reused."""

    def __init__(self, size: int = POOL_SIZE) -> None:
        self.size = size
        self._idle: queue.LifoQueue[_Worker | None] = queue.LifoQueue()
        for _ in range(size):
            self._idle.put(None)  # a slot; the worker starts when first needed
        self._all: list[_Worker] = []
        self._lock = threading.Lock()

    def _spawn(self) -> _Worker:
        worker = _Worker()
        with self._lock:
            self._all.append(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)

    def warm(self) -> None:
        """Start every worker now (benchmarks; a dashboard about to poll)."""
        slots = [self._idle.get() for _ in range(self.size)]
        slots = [w if w is not None and w.alive else self._spawn() for w in slots]
        for w in slots:
            self._idle.put(w)

    def parse(self, body: bytes, charset: str | None = None, *, kind: str = "rss", context: str = "",
              timeout: float = PARSE_TIMEOUT_S) -> dict:
        """Parse in a worker; returns {"title", "version", "items", "warning", …} or raises ParseFailed."""
        worker = self._idle.get()
        try:
            if worker is None or not worker.alive:
                if worker is not None:
                    self._retire(worker)
                worker = self._spawn()
            try:
                reply = worker.request(body, {"charset": charset, "kind": kind, "context": context}, timeout)
            except TimeoutError:
                self._retire(worker)
                worker = None
                raise ParseFailed(t("feed.parse.slow", timeout=timeout)) from None
            except (EOFError, BrokenPipeError, OSError, ValueError):
                code = worker.proc.poll()
                self._retire(worker)
                worker = None
                raise ParseFailed(t("feed.parse.stopped", code=code)) from None
            if not reply.get("ok"):
                raise ParseFailed(reply.get("error") or "parse failed")
            return reply
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        with self._lock:
            workers, self._all = list(self._all), []
        for w in workers:
            w.close()


_pool: ParserPool | None = None
_pool_lock = threading.Lock()


def pool() -> ParserPool:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ParserPool()
            atexit.register(_pool.close)
        return _pool


if __name__ == "__main__":
    worker_main()
