"""The dashboard frame: header, tabs vs tiles, start screen, live timeline across processes."""

import subprocess
import sys
import textwrap

from textual.widgets import Static, Tabs

from crisiscomm import incidents
from crisiscomm.store import Store
from crisiscomm.tui.app import PANE_CLASSES, DashboardApp
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.panes.timeline import TimelinePane
from crisiscomm.tui.screens.start import StartScreen
from conftest import settle


def _header_text(app) -> str:
    return " ".join(str(app.query_one(f"#header-{part}", Static).render()) for part in ("title", "banner", "clock"))


async def test_tabs_at_80x24_and_header(store, db_path):
    incidents.open_incident(store, "Deprem [bold red]x[/] Malatya", "general", operator="a", severity=3, exercise=True)
    app = DashboardApp(db_path, operator="a", lang="tr", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.has_class("-wide")
        assert app.query_one("#pane-tabs", Tabs).display
        shown = [p for p in app.query(Pane) if p.display and p.has_class("-active")]
        assert [p.PANE_ID for p in shown] == [PANE_CLASSES[0].PANE_ID]
        header = _header_text(app)
        assert "Deprem [bold red]x[/] Malatya" in header  # user text shown as typed, not as markup
        assert "TATBİKAT / EXERCISE" in header and "T+00:00:0" in header and "S3" in header  # Seviye, short at 80
        await pilot.press("f6")
        assert app.query_one("#pane-timeline").has_class("-active")
        await pilot.press("ctrl+right")
        assert app.query_one(f"#pane-{PANE_CLASSES[0].PANE_ID}").has_class("-active")


async def test_tiles_on_a_large_terminal(store, db_path):
    incidents.open_incident(store, "Sel", "general", operator="a")
    app = DashboardApp(db_path, operator="a", lang="en", poll=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-wide")
        assert not app.query_one("#pane-tabs", Tabs).display
        for _ in range(100):  # the panes after the first mount right after the first frame (later under load)
            visible = [p for p in app.query(Pane) if p.region.area > 0]
            if len(visible) == len(PANE_CLASSES):
                break
            await pilot.pause(0.05)
        assert len(visible) == len(PANE_CLASSES)
        assert "TATBİKAT" not in _header_text(app)


async def test_start_screen_opens_an_incident(db_path):
    app = DashboardApp(db_path, operator="ayse", lang="en", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#open-title")
        await pilot.press(*"Baraj", "enter")
        await pilot.pause()
        assert app.incident_id == 1
        assert not isinstance(app.screen, StartScreen)
        assert "#1 Baraj" in _header_text(app)
    assert incidents.get(Store(db_path), 1).created_by == "ayse"


WRITER = textwrap.dedent(
    """
    import sys
    from crisiscomm.store import Store
    from crisiscomm import facts
    facts.set_fact(Store(sys.argv[1]), 1, "injured", "15", operator="mehmet", source="AFAD")
    """
)


async def test_other_process_changes_show_within_two_seconds(store, db_path):
    incidents.open_incident(store, "Deprem", "general", operator="a")
    app = DashboardApp(db_path, operator="a", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f6")
        await pilot.pause(0.3)
        subprocess.run([sys.executable, "-c", WRITER, str(db_path)], check=True, timeout=60)
        pane = app.query_one(TimelinePane)

        def shown() -> str:
            return "\n".join(str(pane.paged.render_line(y).text) for y in range(3))

        for _ in range(20):
            await pilot.pause(0.1)
            if "injured" in shown():
                break
        assert "mehmet set 'Number of injured' to 15" in shown()  # a sentence with the fact's name, not a log line


async def test_command_palette_closes_the_incident(store, db_path):
    incidents.open_incident(store, "Deprem", "general", operator="a")
    app = DashboardApp(db_path, operator="ayse", lang="en", poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Close incident")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause(0.1)
            if incidents.get(store, 1).status == "closed":
                break
    closed = incidents.get(store, 1)
    assert closed.status == "closed"
    assert store.one("SELECT operator FROM events WHERE kind = 'incident.closed'")["operator"] == "ayse"
