"""One hard deadline per fetch, enforced on every socket operation.

httpx's timeouts are per operation: a server that sends its status line one
byte every half second never trips a read timeout. Here every connect, read
and write of the calling thread is given at most the time left until that
thread's deadline, so a fetch ends when its deadline passes, whatever the
server does. (httpx has no total timeout; the network backend is the one
place every byte goes through.)
"""

from __future__ import annotations

import contextlib
import threading
import time

import httpcore

_local = threading.local()


@contextlib.contextmanager
def deadline(at: float):
    """Network operations of this thread end by `at` (time.monotonic())."""
    previous = getattr(_local, "at", None)
    _local.at = at
    try:
        yield
    finally:
        _local.at = previous


def _clamp(timeout: float | None, exc: type[Exception]) -> float | None:
    at = getattr(_local, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise exc("deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, _clamp(timeout, httpcore.ConnectTimeout), local_address, socket_options)
        return _Stream(stream)

    def connect_unix_socket(self, path, timeout=None, socket_options=None) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, _clamp(timeout, httpcore.ConnectTimeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def install(client) -> None:
    """Make every connection of an httpx client (proxied ones included) obey the deadline.

    httpx builds its connection pools without a backend parameter, so the backend is set
    on each pool it built; a test fails loudly if a new httpx moves it."""
    transports = [client._transport, *(t for t in client._mounts.values() if t is not None)]
    for t in transports:
        pool = getattr(t, "_pool", None)
        if pool is None or not hasattr(pool, "_network_backend"):
            raise RuntimeError("httpx's transport changed: the fetch deadline cannot be installed")
        pool._network_backend = DeadlineBackend()
