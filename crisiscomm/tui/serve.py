"""The dashboard and the wall served to browsers with textual-serve (each tab its own process).

textual-serve has no login, so this server is careful with who may reach it:
- it listens on loopback unless the operator asks for more (`allow_remote`);
- a request must name a host this server answers for (loopback names, the
  public URL's host): a web page elsewhere cannot reach it by DNS rebinding;
- the websocket that drives the app accepts only a page of this server as its
  origin: a web page elsewhere cannot drive the dashboard from the operator's
  browser;
- the page loads nothing from other sites (textual-serve's page asks a public
  font service for a font; the page is served without that link) and says so
  in its Content-Security-Policy, and may not be framed.
Authentication belongs in a reverse proxy in front of it (see the README).
"""

from __future__ import annotations

import ipaddress
import re
import shlex
import sys
import urllib.parse

from aiohttp import web
from textual_serve.server import Server

from crisiscomm.error_strings import t
from crisiscomm.errors import CrisisError, Refused

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_FONT_SIZE = {"dashboard": 16, "wall": 24}
_EXTERNAL_LINK = re.compile(r"<link[^>]+href=\"https://[^\"]+\"[^>]*/?>\s*", re.IGNORECASE)


class ServeError(CrisisError):
    pass


def is_loopback(host: str) -> bool:
    name = host.strip("[]")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_host(host: str, allow_remote: bool) -> None:
    if not is_loopback(host) and not allow_remote:
        raise Refused(t("error.serve.remote", host=host))


def app_command(db_path, *, operator: str, lang: str, wall: bool, incident_id: int | None) -> str:
    """The shell command textual-serve starts for each browser tab (`exec`: the app is the server's child,
    and ends with it, see crisiscomm/tui/served_app.py)."""
    args = [sys.executable, "-m", "crisiscomm.tui.served_app", "--db", str(db_path), "--operator", operator,
            "--lang", lang]
    if wall:
        args.append("wall")
        if incident_id is not None:
            args += ["--incident", str(incident_id)]
    return "exec " + shlex.join(args)


class RoomServer(Server):
    def __init__(self, command: str, *, host: str, port: int, allow_remote: bool, public_url: str | None,
                 font_size: int, title: str) -> None:
        check_host(host, allow_remote)
        self.explicit_url = public_url
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.font_size = font_size
        self.allowed_hosts: set[str] | None = {f"{name}:{port}" for name in LOOPBACK_NAMES}
        if is_loopback(host) or public_url:
            self.allowed_hosts.add(f"{host}:{port}" if ":" not in host else f"[{host}]:{port}")
            if public_url:
                self.allowed_hosts.add(urllib.parse.urlsplit(public_url).netloc)
        else:
            self.allowed_hosts = None  # --allow-remote without a public URL: any name the network uses

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    def _host_allowed(self, netloc: str) -> bool:
        return self.allowed_hosts is None or netloc in self.allowed_hosts

    @web.middleware
    async def _guard(self, request: web.Request, handler):
        if not self._host_allowed(request.host):
            return web.Response(status=403, text="unknown host\n")
        if request.path == "/ws":
            origin = request.headers.get("Origin")
            if origin is not None:
                netloc = urllib.parse.urlsplit(origin).netloc
                if not (self._host_allowed(netloc) and (self.allowed_hosts is not None or netloc == request.host)):
                    return web.Response(status=403, text="cross-site connection refused\n")
        response = await handler(request)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    async def handle_index(self, request: web.Request) -> web.Response:
        response = await super().handle_index(request)
        text = _EXTERNAL_LINK.sub("", response.text)
        if "fontsize" not in request.query:
            text = text.replace('data-font-size="16"', f'data-font-size="{self.font_size}"')
        if not self.explicit_url:  # the page reaches back by the name the browser used
            origin = f"http://{request.host}"
            text = text.replace(f"ws:{self.public_url.split(':', 1)[1]}", f"ws://{request.host}")
            text = text.replace(self.public_url, origin)
        response.text = text
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
        return response

    async def on_startup(self, app: web.Application) -> None:
        print(f"serving {self.title} on {self.public_url} (Ctrl+C to stop)", flush=True)

    def initialize_logging(self) -> None:
        pass  # one line at start-up; textual-serve's banner and request log are not for the room

    def run(self) -> None:
        try:
            self.serve()
        except OSError as exc:
            raise ServeError(t("error.serve.listen", host=self.host, port=self.port, reason=exc.strerror or exc)) from None
