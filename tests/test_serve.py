"""`crisiscomm serve`: loopback only unless asked, guarded against other sites, and the dashboard and
the wall in Debian's Chromium driven by Playwright (never a downloaded browser; nothing leaves loopback)."""

from __future__ import annotations

import base64
import contextlib
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from conftest import run_cli_process

from crisiscomm import facts, incidents
from crisiscomm.store import Store
from crisiscomm.tui.serve import app_command, check_host, is_loopback

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(db_path, *args):
    port = free_port()
    env = dict(os.environ, CRISISCOMM_OPERATOR="duvar", CRISISCOMM_LANG="en")
    proc = subprocess.Popen([sys.executable, "-m", "crisiscomm", "--db", str(db_path), "serve", "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=2).read()
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read().decode()
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def test_hosts():
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "10.0.0.5", "oda.kurum.gov.tr", "::"))
    check_host("0.0.0.0", allow_remote=True)
    command = app_command("/tmp/a b'; rm -rf ~.db", operator="ay$e", lang="tr", wall=True, incident_id=3)
    assert "'/tmp/a b'\"'\"'; rm -rf ~.db'" in command and command.endswith("wall --incident 3")
    assert command.startswith("exec ") and "crisiscomm.tui.served_app" in command


def test_non_loopback_host_is_refused_without_allow_remote(db_path):
    result = run_cli_process(db_path, "serve", "--host", "0.0.0.0", "--port", str(free_port()), timeout=30)
    assert result.returncode == 1 and "reverse proxy" in result.stderr and "Traceback" not in result.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = run_cli_process(db_path, "serve", "--port", str(busy.getsockname()[1]), timeout=30)
    assert taken.returncode == 1 and "cannot listen" in taken.stderr and "Traceback" not in taken.stderr
    odd = run_cli_process(db_path, "serve", "--public-url", "javascript:alert(1)", timeout=30)
    assert odd.returncode == 2 and "--public-url" in odd.stderr


def app_processes(db_path) -> list[int]:
    """Processes whose command line names this database (the apps the server started)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    if str(db_path).encode() in f.read() and int(entry) != os.getpid():
                        found.append(int(entry))
            except OSError:
                continue
    return found


def _status(url: str, headers: dict) -> int:
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_other_sites_cannot_reach_or_drive_it(db_path):
    with served(db_path) as url:
        page = urllib.request.urlopen(url + "/", timeout=5)
        html = page.read().decode()
        assert "<html" in html.lower() and "googleapis" not in html and "https://" not in html
        assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
        port = url.rsplit(":", 1)[1]
        assert _status(url + "/", {"Host": f"evil.example:{port}"}) == 403  # DNS rebinding
        assert _ws_status(int(port), "https://evil.example") == 403  # a page elsewhere cannot drive it
        assert _ws_status(int(port), f"http://localhost:{port}") == 101


def _ws_status(port: int, origin: str) -> int:
    """The status of a websocket handshake to /ws with this Origin (a raw socket: urllib cannot upgrade)."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET /ws?width=80&height=24 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: Upgrade\r\n"
               f"Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: {key}\r\nOrigin: {origin}\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request.encode())
        return int(conn.recv(1024).split(b" ", 2)[1])


@pytest.fixture
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


def open_page(browser, url: str, *, width=1920, height=1080):
    page = browser.new_page(viewport={"width": width, "height": height})
    outside: list[str] = []

    def only_loopback(route):  # no test reaches the internet, whatever the page asks for
        if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.goto(url + "/")
    page.wait_for_selector("body.-first-byte", state="attached", timeout=30_000)
    page.outside = outside
    return page


@needs_chromium
def test_dashboard_in_chromium_takes_keys(db_path, browser):
    Store(db_path).close()
    with served(db_path) as url:
        page = open_page(browser, url, width=1280, height=800)
        shown = settle(page, b"")  # the start screen (no incident yet) is up
        page.click(".xterm-screen", position={"x": 4, "y": 4})  # a corner: the middle may be a button
        page.keyboard.press("n")
        settle(page, shown)  # the form to open an incident
        page.keyboard.type("Sel baskını")
        page.keyboard.press("Enter")
        found = None
        for _ in range(100):
            with Store(db_path) as store:
                found = incidents.current_incident(store)
            if found:
                break
            time.sleep(0.1)
        assert found and found.title == "Sel baskını" and found.created_by == "duvar"
        assert page.outside == []
        assert app_processes(db_path)  # the tab's dashboard runs …
    for _ in range(100):  # … and ends with the server
        if not app_processes(db_path):
            break
        time.sleep(0.1)
    assert app_processes(db_path) == []


def settle(page, before: bytes, timeout: float = 60.0) -> bytes:
    """Wait until the page shows something other than `before` and then holds still for a moment
    (text is drawn on a canvas: screenshots are what can be compared)."""
    end = time.monotonic() + timeout
    last = page.screenshot()
    while time.monotonic() < end:
        time.sleep(0.4)
        now = page.screenshot()
        if now == last and now != before:
            return now
        last = now
    raise AssertionError("the page did not settle")


def _grab(page, clip) -> bytes:
    return page.screenshot(clip=clip)


@needs_chromium
def test_wall_in_chromium_shows_another_process_change_within_two_seconds(db_path, browser, tmp_path):
    from PIL import Image

    with Store(db_path) as store:
        iid = incidents.open_incident(store, "Malatya depremi", "natural-disaster", operator="ayse", exercise=True).id
        facts.set_fact(store, iid, "injured", "112", operator="ayse")
    with served(db_path, "--wall") as url:
        page = open_page(browser, url)
        time.sleep(2)
        shot = page.screenshot(path=str(tmp_path / "wall.png"))
        image = Image.open(io.BytesIO(shot)).convert("RGB")
        assert image.size == (1920, 1080)
        # the exercise banner across the top in high-contrast yellow, the wall itself black
        assert image.getpixel((960, 8)) == (255, 215, 0)
        assert image.getpixel((960, 1070)) == (0, 0, 0)
        # the fact sheet is the right-hand column under the clocks; only a fact change redraws it
        facts_box = {"x": 1300, "y": 320, "width": 600, "height": 400}
        before = _grab(page, facts_box)
        assert _grab(page, facts_box) == before
        subprocess.run([sys.executable, "-c", "import sys\nfrom crisiscomm.store import Store\nfrom crisiscomm import facts\n"
                        "facts.set_fact(Store(sys.argv[1]), 1, 'injured', '140', operator='mehmet')", str(db_path)],
                       check=True, timeout=60)
        written = time.monotonic()
        while _grab(page, facts_box) == before and time.monotonic() - written < 4:
            time.sleep(0.05)
        took = time.monotonic() - written
        assert _grab(page, facts_box) != before
        assert took <= 2.0, took
        # the wall is read-only: q ends the session (its process), and the page says so
        page.click(".xterm-screen", position={"x": 4, "y": 4})  # a corner: the middle may be a button
        page.keyboard.press("q")
        page.wait_for_selector("text=Session ended.", timeout=10_000)
        assert page.outside == []


def test_behind_a_reverse_proxy_the_page_uses_the_public_address(db_path):
    with served(db_path, "--wall", "--public-url", "https://oda.kurum.gov.tr") as url:
        port = int(url.rsplit(":", 1)[1])
        html = urllib.request.urlopen(urllib.request.Request(url + "/", headers={"Host": "oda.kurum.gov.tr"}),
                                      timeout=5).read().decode()
        assert 'data-session-websocket-url="wss://oda.kurum.gov.tr/ws"' in html
        assert 'data-font-size="24"' in html  # the wall's larger type
        assert _ws_status(port, "https://oda.kurum.gov.tr") == 101
        assert _ws_status(port, "https://oda.kurum.gov.tr.evil.example") == 403
