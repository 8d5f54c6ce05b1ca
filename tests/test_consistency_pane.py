"""Pilot tests of the consistency pane: the matrix, the fact sheet editor, posts, corrections."""

from __future__ import annotations

import pytest
from conftest import settle
from textual.widgets import DataTable, Input, Static, TextArea

from crisiscomm import corrections, facts, incidents, posts
from crisiscomm.actions.session import Session
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.consistency import ConsistencyPane, detail_text
from crisiscomm.tui.screens.consistency_forms import (
    FactForm,
    PostForm,
    PostView,
    ReasonForm,
)
from crisiscomm.tui.widgets.matrix_grid import MatrixGrid

HOSTILE = "[bold red]YALAN[/] [@click=app.quit]tıkla[/]"


def set_fact(store, incident_id: int, key: str, value: str, **kw) -> None:
    facts.set_fact(store, incident_id, key, value, operator="ayse", **kw)


@pytest.fixture
def incident(store) -> int:
    """Three channels; injured changed 15 → 18 after x and facebook posted."""
    incident_id = incidents.open_incident(store, "Sel", "general", operator="ayse").id
    set_fact(store, incident_id, "injured", "15", source="Valilik")
    set_fact(store, incident_id, "hotline", "0 800 123 45 67")
    set_fact(store, incident_id, "next_update", "16:00", status="unconfirmed")
    set_fact(store, incident_id, "cause", "şiddetli yağış")
    posts.add_post(store, incident_id, "x", "Selde 15 yaralı var. Bilgi hattı: 0 800 123 45 67. Sonraki açıklama 16:00.",
                   operator="mehmet")
    posts.add_post(store, incident_id, "facebook", "Sel felaketinde yaralı sayısı 15. Yardım için 0 800 123 45 67.",
                   operator="mehmet")
    posts.add_post(store, incident_id, "website", "Sel nedeniyle 12 vatandaşımız yaralandı. " + HOSTILE, operator="mehmet")
    set_fact(store, incident_id, "injured", "18", source="Valilik")
    incidents.set_clock(store, incident_id, operator="ayse", paused=True, seconds=600)
    return incident_id


def make_app(db_path, incident_id: int, *, poll: bool = False) -> DashboardApp:
    return DashboardApp(db_path, operator="ayse", lang="en", incident_id=incident_id, poll=poll)


async def open_pane(pilot) -> ConsistencyPane:
    await pilot.press("f4")
    await settle(pilot)
    pane = pilot.app.query_one(ConsistencyPane)
    assert pane.has_class("-active")
    return pane


def grid_of(pilot) -> MatrixGrid:
    return pilot.app.query_one(MatrixGrid)


def shown(pilot, selector: str) -> str:
    return str(pilot.app.query_one(selector, Static).render())


async def test_matrix_at_80x24_shows_states_and_the_cursor_cell(db_path, incident) -> None:
    app = make_app(db_path, incident)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        grid = grid_of(pilot)
        assert grid.has_focus
        assert grid.channels == ["x", "facebook", "website"]
        assert grid.facts == ["hotline", "injured", "next_update"]
        lines = grid.render().plain.splitlines()
        assert lines[1].startswith("x") and "S 15" in lines[1]
        assert "C 12" in lines[3]
        await pilot.press("n")
        assert grid.current_cell["channel"] == "x" and grid.current_cell["fact"] == "injured"
        detail = shown(pilot, "#cons-detail")
        assert "x · Number of injured: says “15” — fact sheet: 18" in detail and "old value (version 1)" in detail
        await pilot.press("n", "n")
        assert (grid.current_cell["channel"], grid.current_cell["state"]) == ("website", "contradicts")
        assert "x/Number of injured, facebook/Number of injured" in shown(pilot, "#cons-corrections")
        assert "3 problems · 2 corrections" in str(pilot.app.query_one(ConsistencyPane).border_title)
        table = pilot.app.query_one("#cons-facts", DataTable)
        assert table.row_count == 4
        assert str(table.get_row("next_update")[1]) == "16:00 ?"


async def test_tiled_at_160x50_stacks_the_fact_sheet_under_the_matrix(db_path, incident) -> None:
    app = make_app(db_path, incident)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        pane = pilot.app.query_one(ConsistencyPane)
        assert pane.display and pane.has_class("-narrow")
        grid = grid_of(pilot)
        assert len(grid.channels) == 3
        assert "S 15" in grid.render().plain


async def test_a_fact_change_in_another_process_is_flagged_within_one_refresh(db_path, store, incident) -> None:
    app = make_app(db_path, incident, poll=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        grid = grid_of(pilot)
        assert grid.cells[("x", "hotline")]["state"] == "agrees"
        with Session.open(db_path, operator="mehmet") as other:  # another process: its own connection and session
            set_fact(other.store, incident, "hotline", "0 800 999 99 99")
        for _ in range(30):
            await pilot.pause(0.1)
            if grid.cells[("x", "hotline")]["state"] == "stale":
                break
        assert grid.cells[("x", "hotline")]["state"] == "stale"
        assert grid.cells[("facebook", "hotline")]["state"] == "stale"
        assert "x/Information line" in shown(pilot, "#cons-corrections")


async def test_editing_a_fact_from_the_pane_flags_the_channels(db_path, store, incident) -> None:
    app = make_app(db_path, incident)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        grid = grid_of(pilot)
        grid.select("x", "hotline")
        await pilot.press("f")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, FactForm)
        assert form.query_one("#fact-key", Input).value == "Information line"
        value = form.query_one("#fact-value", Input)
        value.value = ""
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is form, "a refused value keeps the form open"
        assert "a fact needs a key and a value" in str(form.query_one(".form-error", Static).render())
        value.value = "0 800 555 55 55"
        await pilot.click("#form-save")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FactForm)
        assert facts.current(store, incident)["hotline"]["version"] == 2
        assert grid.cells[("x", "hotline")]["state"] == "stale"
        assert any(c["channel"] == "x" and c["fact"] == "hotline" for c in corrections.list_corrections(store, incident, state="open"))


async def test_recording_a_post_resolves_the_correction(db_path, store, incident) -> None:
    app = make_app(db_path, incident)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        await pilot.press("a")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, PostForm)
        form.query_one("#post-text", TextArea).text = "Güncel yaralı sayısı 18."
        form.query_one("#post-url", Input).value = "javascript:alert(1)"
        await pilot.click("#form-save")
        await settle(pilot)
        assert "http(s) address" in str(form.query_one(".form-error", Static).render())
        assert form.query_one("#post-text", TextArea).text == "Güncel yaralı sayısı 18."
        form.query_one("#post-url", Input).value = "https://x.com/valilik/status/2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PostForm)
        latest = posts.latest_per_channel(store, incident)["x"]
        assert latest["url"] == "https://x.com/valilik/status/2"
        assert grid_of(pilot).cells[("x", "injured")]["state"] == "agrees"
        assert "x/injured" not in shown(pilot, "#cons-corrections")


async def test_jump_to_the_post_and_draft_the_correction(db_path, store, incident) -> None:
    app = make_app(db_path, incident)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        grid = grid_of(pilot)
        grid.select("website", "injured")
        await pilot.press("enter")
        await settle(pilot)
        view = pilot.app.screen
        assert isinstance(view, PostView)
        body = view.query_one("#post-body", Static).render()
        assert HOSTILE in str(body), "post text is shown literally, never as markup"
        await pilot.press("c")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, PostView)
        rows = store.all("SELECT s.title, v.body FROM statements s JOIN statement_versions v ON v.statement_id = s.id")
        assert len(rows) == 1 and rows[0]["title"] == "Correction: website"
        assert rows[0]["body"].startswith("According to current figures, 18 people have been injured.")
        assert "on our website" in rows[0]["body"] and "12" not in rows[0]["body"]


async def test_dismissing_a_correction_from_the_pane(db_path, store, incident) -> None:
    app = make_app(db_path, incident)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        grid = grid_of(pilot)
        grid.select("website", "injured")
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, ReasonForm), "website's 12 never was a value: no correction to dismiss"
        grid.select("facebook", "injured")
        await pilot.press("d")
        await settle(pilot)
        form = pilot.app.screen
        assert isinstance(form, ReasonForm)
        await pilot.press("enter")
        await settle(pilot)
        assert "needs a reason" in str(form.query_one(".form-error", Static).render())
        form.query_one("#reason", Input).value = "gönderi silindi"
        await pilot.press("enter")
        await settle(pilot)
        states = {(c["channel"], c["state"]) for c in corrections.list_corrections(store, incident)}
        assert ("facebook", "dismissed") in states and ("x", "open") in states
        assert "facebook/injured" not in shown(pilot, "#cons-corrections")


async def test_empty_incident_and_palette_commands(db_path, store) -> None:
    incident_id = incidents.open_incident(store, "Boş", "general", operator="ayse").id
    app = make_app(db_path, incident_id)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        assert "No channel posts yet" in grid_of(pilot).render().plain
        assert "No open corrections" in shown(pilot, "#cons-corrections")
        names = {name: callback for name, _, callback in pane.commands()}
        assert {"Set fact", "Record post", "Next conflict", "Draft correction"} <= set(names)
        names["Set fact"]()
        await settle(pilot)
        assert isinstance(pilot.app.screen, FactForm)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FactForm)


def test_detail_text_is_plain_text() -> None:
    cell = {"channel": "x", "fact": "injured", "fact_name": "[b]injured[/b]", "state": "contradicts", "value": "[red]12", "expected": "15",
            "text": "[red]12 yaralı", "post": 1, "old_version": None, "superseded": False, "reason": ""}
    plain = detail_text(cell).plain
    assert "[b]injured[/b]" in plain and "[red]12" in plain


def test_snapshot(db_path, incident, snap_compare, monkeypatch, fixed_now) -> None:
    import datetime as dt

    from crisiscomm import cadence

    # the header counts down to next_update (16:00): due two hours after it was set, whatever the time of day
    monkeypatch.setattr(cadence, "promised_moment", lambda value, made_at, zone=None: made_at + dt.timedelta(hours=2))
    app = make_app(db_path, incident)

    async def run_before(pilot) -> None:
        await open_pane(pilot)
        await pilot.press("n")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_the_fact_sheet_cursor_stays_on_its_fact_when_one_is_set_above_it(db_path, store, incident) -> None:
    app = make_app(db_path, incident)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_pane(pilot)
        table = app.query_one("#cons-facts", DataTable)
        keys = [k.value for k in table.rows]
        table.move_cursor(row=keys.index("next_update"))
        set_fact(store, incident, "aaa_shelters", "3")  # sorts above the highlighted fact
        app.watcher.check()
        await settle(pilot)
        assert table.row_count == len(keys) + 1
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "next_update"
