"""The demo and a drill in the dashboard: injects arrive, drill keys, the score screen."""

from __future__ import annotations

import html
import re

from conftest import wait_until
from textual.app import App

from crisiscomm import i18n, incidents
from crisiscomm.actions.drills import start_demo
from crisiscomm.actions.session import Session
from crisiscomm.drills.player import DrillPlayer, start_drill
from crisiscomm.drills.scenario_files import load_scenario
from crisiscomm.store import Store
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.drill import DrillBar, ScoreScreen
from crisiscomm.tui.inject_card import InjectCard
from crisiscomm.tui.screens.start import StartScreen

MARK = incidents.EXERCISE_MARK
TINY = """\
[exercise]
name = "Tiny [bold red]drill[/]"
playbook = "general"
language = "en"

[[inject]]
id = "call"
at = "10s"
type = "journalist_request"
from = "[link=https://evil.example]Reporter[/link]"
content = "Any comment? [blink]now[/blink]"
expect = { action = "statement.approved", deadline = "20s", description = "Approve [b]a[/b] statement" }
"""


def screen_text(app) -> str:
    svg = app.export_screenshot()
    return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S))).replace("\xa0", " ")


def fired_count(db_path) -> int:
    with Store(db_path) as store:
        return store.scalar("SELECT count(*) FROM drill_injects WHERE state != 'pending'")


def notes(app) -> list[str]:
    return [n.text for n in app.notices]


async def test_demo_brings_the_dashboard_to_life(db_path):
    with Session.open(db_path, operator="demo-user") as session:
        incident_id = start_demo(session, speed=600, lang="en").value.incident_id
    app = DashboardApp(db_path, operator="demo-user", lang="en", incident_id=incident_id)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: fired_count(db_path) >= 6, seconds=20)

        def told() -> bool:  # the injects' notices come from the drill's worker, after the database has them
            messages = notes(app)
            return ("6 new mentions from feeds/quake-first-posts.en.xml" in messages
                    and any(m.startswith("Mention (@malatyanews44): A 4-storey building") for m in messages)
                    and "Fact changed — Number of injured: 87" in messages)

        await wait_until(pilot, told, seconds=20)
        bar = app.query_one(DrillBar)
        # clock and speed first (they must survive 80 columns), the scenario's name last
        assert str(bar.render()).startswith(f"{MARK} · clock T+")
        assert "×600" in str(bar.render()) and str(bar.render()).endswith("Malatya earthquake: casualty-count rumour")
        text = ""
        for _ in range(30):  # injects that ask for a response open as cards over the dashboard: close them
            if len(app.screen_stack) == 1 and "Scenario — " in (text := screen_text(app)):
                break
            await pilot.press("escape")
            await pilot.pause(0.1)
        assert MARK in text and "Scenario — " in text  # the header banner and the timeline pane's sentences
        with Store(db_path) as store:
            assert store.scalar("SELECT count(*) FROM mentions WHERE incident_id = ?", (incident_id,)) >= 11
            assert incidents.get(store, incident_id).mode == "exercise"


async def test_drill_keys_pause_skip_and_speed_at_80x24(db_path, tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    with Store(db_path) as store:
        incident_id = start_drill(store, load_scenario(path), operator="fac", speed=1)["incident_id"]
    app = DashboardApp(db_path, operator="fac", lang="en", incident_id=incident_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        assert app.drill is not None and app.query_one(DrillBar).region.height == 1
        await pilot.press("f7")
        await wait_until(pilot, lambda: incidents.get(app.store, incident_id).clock_paused == 1)
        await pilot.press("f9")
        await wait_until(pilot, lambda: incidents.get(app.store, incident_id).clock_speed == 2)
        await pilot.press("f8")
        await wait_until(pilot, lambda: fired_count(db_path) == 1)
        # text from the scenario file is shown as typed, never parsed as markup, and in full
        await wait_until(pilot, lambda: any("[link=https://evil.example]Reporter[/link]): Any comment? [blink]now[/blink]" in m
                                          for m in notes(app)))
        # a journalist's request opens as a card: the whole text, what is expected, by when
        await wait_until(pilot, lambda: isinstance(app.screen, InjectCard) and app.screen.query("#inject-card-text"))
        card = str(app.screen.query_one("#inject-card-text").render())
        assert "Any comment? [blink]now[/blink]" in card and "Approve [b]a[/b] statement" in card and "T+00:00:30" in card
        await pilot.press("enter")
        assert "Drill clock skipped to T+00:00:10" in notes(app)
        # at 80 columns the bar's visible part still shows the clock and the pause
        visible = str(app.query_one(DrillBar).render())[:78]
        assert "clock T+00:00:10" in visible and "PAUSED" in visible
        assert incidents.clock_at(incidents.get(app.store, incident_id)) == 10
        for speed in (5, 10, 30):
            await pilot.press("f9")
            await wait_until(pilot, lambda speed=speed: incidents.get(app.store, incident_id).clock_speed == speed)
        await pilot.press("f7")  # resume: at ×30 the 20 s deadline passes within a second
        # the screen is pushed before its widgets are mounted: wait for the score text itself
        await wait_until(pilot, lambda: isinstance(app.screen, ScoreScreen) and bool(app.screen.query("#drill-score-text")))
        score_text = str(app.screen.query_one("#drill-score-text").render())
        assert "missed" in score_text and "Approve [b]a[/b] statement" in score_text
        assert "0 met, 0 late, 1 missed, 0 pending — score 0%" in score_text
        await pilot.press("escape")
        assert not isinstance(app.screen, ScoreScreen)
        assert "drill finished" in str(app.query_one(DrillBar).render())


async def test_demo_button_on_the_start_screen_and_the_palette(db_path):
    app = DashboardApp(db_path, operator="demo-user", lang="en", poll=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        await pilot.press("d")  # the pace first: ×5 at most for a newcomer
        await pilot.pause(0.2)
        assert [value for value, _label, _key in app.screen.answers][:3] == ["5", "2", "1"]
        await pilot.press("5")
        await wait_until(pilot, lambda: app.incident_id == 1 and app.drill is not None)
        assert incidents.get(app.store, 1).clock_speed == 5
        assert incidents.get(app.store, 1).mode == "exercise"
        commands = [name for name, _help, _cb in app.drill.commands()]
        assert "Drill: skip to the next inject" in commands and "Drill: speed ×10" in commands
        await pilot.press("ctrl+p")
        await pilot.press(*"skip to the next")
        await pilot.press("enter")
        await wait_until(pilot, lambda: fired_count(db_path) >= 1)


async def test_no_drill_keys_without_a_drill(db_path):
    with Store(db_path) as store:
        incidents.open_incident(store, "Real", "general", operator="a")
    app = DashboardApp(db_path, operator="a", lang="en", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.drill is None and not app.query(DrillBar)
        assert app.check_action("drill", ("toggle",)) is False
        await pilot.press("f7")
        assert incidents.get(app.store, 1).clock_paused == 0


class ScoreApp(App):
    """Only the score screen, so that the snapshot does not change with the panes behind it."""

    def __init__(self, score: dict) -> None:
        i18n.set_lang("en")
        super().__init__()
        self.score = score

    def on_mount(self) -> None:
        self.push_screen(ScoreScreen(self.score))


def test_score_screen_snapshot(snap_compare, db_path, tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    with Store(db_path) as store:
        incident_id = start_drill(store, load_scenario(path), operator="fac", paused=True)["incident_id"]
        player = DrillPlayer.load(store, incident_id)
        player.skip(store, operator="fac")
        score = player.finish(store, operator="fac")
    assert snap_compare(ScoreApp(score), terminal_size=(100, 20))


async def test_injects_played_by_another_terminal_are_announced(db_path, tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    with Store(db_path) as store:
        incident_id = start_drill(store, load_scenario(path), operator="fac", paused=True)["incident_id"]
    app = DashboardApp(db_path, operator="watcher", lang="en", incident_id=incident_id)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_until(pilot, lambda: app.drill is not None and app.drill.status is not None)
        with Store(db_path) as other:  # `crisiscomm drill skip` from the facilitator's terminal
            DrillPlayer.load(other, incident_id).skip(other, operator="fac")
        await wait_until(pilot, lambda: any(m.startswith("Journalist request (") for m in notes(app)))
        await wait_until(pilot, lambda: "T+00:00:10" in str(app.query_one(DrillBar).render()))
