"""The checklist pane: live deadlines, keys for start/done/skip/note, blocked steps, a snapshot."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from crisiscomm import checklist, incidents, timeline
from crisiscomm.store import Store
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.checklist import ChecklistPane, TextPrompt


def open_paused(store, playbook="general", seconds=12 * 60, exercise=False) -> int:
    inc = incidents.open_incident(store, "Baraj taşkını", playbook, operator="ayse", exercise=exercise)
    incidents.set_clock(store, inc.id, operator="ayse", paused=True, seconds=seconds)
    return inc.id


async def settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def rows(app) -> list[str]:
    options = app.query_one("#checklist-list", OptionList)
    return [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]


def row_of(app, step_title: str) -> str:
    return next(r for r in rows(app) if step_title in r)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def show_checklist(pilot) -> ChecklistPane:
    await pilot.press("f2")
    await settle(pilot)
    return pilot.app.query_one(ChecklistPane)


async def test_steps_by_phase_with_live_deadlines_at_80x24(store, db_path):
    incident_id = open_paused(store)
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=incident_id, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await show_checklist(pilot)
        assert pane.has_class("-active")
        shown = rows(app)
        assert shown[0].startswith("━━ First response") and any(r.startswith("━━ First hours") for r in shown)
        convene = row_of(app, "Convene the crisis team")
        assert "T+10m" in convene and "OVERDUE 2 min" in convene and "Spokesperson" in convene
        assert "in 3 min" in row_of(app, "Hold scheduled posts")
        assert "BLOCKED" in row_of(app, "Build the fact sheet")
        summary = text_of(app, "#checklist-summary")
        assert "0/13 done" in summary and "2 overdue" in summary and "updates every 1 h" in summary
        assert app.query_one("#checklist-summary").has_class("-overdue")
        assert "OVERDUE" in text_of(app, "#header-next")
        # the highlighted step's guidance and owner are below the list
        detail = text_of(app, "#checklist-detail")
        assert "Convene the crisis team" in detail and "Owner: Spokesperson" in detail and "two-person rule" in detail


async def test_keys_start_done_skip_and_note(store, db_path):
    incident_id = open_paused(store)
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=incident_id, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_checklist(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert checklist.checklist(store, incident_id)[0]["state"] == "doing"
        await pilot.press("d")
        await settle(pilot)
        first = checklist.checklist(store, incident_id)[0]
        assert first["step_id"] == "convene" and first["state"] == "done" and first["operator"] == "mehmet"
        assert "done (late)" in row_of(app, "Convene the crisis team")
        await pilot.press("down", "x")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        assert text_of(app, "#prompt-question") == "Why skip 'Start monitoring'?"
        await pilot.press("enter")  # an empty reason is refused in the modal
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt) and "reason" in text_of(app, "#prompt-error")
        await pilot.press(*"ekip ayni odada", "enter")
        await settle(pilot)
        skipped = next(i for i in checklist.checklist(store, incident_id) if i["state"] == "skipped")
        assert skipped["note"] == "ekip ayni odada" and skipped["operator"] == "mehmet"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"[bold red]not[/]", "enter")
        await settle(pilot)
        assert "Note: [bold red]not[/]" in text_of(app, "#checklist-detail")  # typed text stays text
        kinds = [e["kind"] for e in timeline.events(store, incident_id) if e["operator"] == "mehmet"]
        assert kinds == ["checklist.started", "checklist.done", "checklist.skipped", "checklist.note"]


async def test_escape_cancels_and_blocked_steps_are_refused(store, db_path):
    incident_id = open_paused(store, seconds=60)
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=incident_id, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_checklist(pilot)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TextPrompt)
        # move to "Build the fact sheet" (waits on convene) and try to finish it
        options = app.query_one("#checklist-list", OptionList)
        while "Build the fact sheet" not in options.highlighted_option.prompt.plain:
            await pilot.press("down")
        await pilot.press("d")
        await settle(pilot)
        assert all(i["state"] == "todo" for i in checklist.checklist(store, incident_id))
        messages = [n.text for n in app.notices]
        assert any("waits on convene" in m for m in messages)


async def test_tiles_at_160x50_in_turkish_exercise(store, db_path):
    incident_id = open_paused(store, "data-breach", seconds=73 * 3600, exercise=True)
    app = DashboardApp(db_path, operator="mehmet", lang="tr", incident_id=incident_id, poll=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        pane = app.query_one(ChecklistPane)
        assert pane.region.width < 80  # a tile
        board = row_of(app, "Kişisel Veril")
        assert "T+72 sa" in board and "GECİKTİ 1 sa" in board
        assert len(board) <= app.query_one("#checklist-list").size.width
        assert "İhlal kaydını tut" in " ".join(rows(app))


async def test_no_incident_and_a_missing_playbook(store, db_path):
    app = DashboardApp(db_path, operator="mehmet", lang="en", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.pop_screen()
        await show_checklist(pilot)
        assert "No incident selected" in text_of(app, "#checklist-summary")
        with Store(db_path) as bare:  # no session: the checklist is not created (frozen) at opening
            inc = incidents.open_incident(bare, "Eski", "general", operator="ayse")
        store.execute("UPDATE incidents SET playbook = 'retired' WHERE id = ?", (inc.id,))
        app.select_incident(inc.id)
        await settle(pilot)
        assert "unknown playbook 'retired'" in text_of(app, "#checklist-summary")


async def test_palette_commands_name_the_highlighted_step(store, db_path):
    incident_id = open_paused(store)
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=incident_id, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await show_checklist(pilot)
        names = [name for name, _, _ in pane.commands()]
        assert "Done — Convene the crisis team" in names
        dict((n, cb) for n, _, cb in pane.commands())["Start — Convene the crisis team"]()
        await settle(pilot)
        assert checklist.checklist(store, incident_id)[0]["state"] == "doing"


def test_snapshot(store, db_path, snap_compare, fixed_now):
    incident_id = open_paused(store, "natural-disaster", seconds=9 * 60)
    checklist.set_step(store, incident_id, "official-sources", "done", operator="ayse")
    checklist.set_step(store, incident_id, "monitor", "skipped", operator="ayse", note="izleme merkezde")
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=incident_id, poll=False)

    async def run_before(pilot) -> None:
        await show_checklist(pilot)
        await pilot.press("down")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
