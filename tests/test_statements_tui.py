"""The statements pane: live lint in the editor, saving versions, the approval flow, a snapshot."""

from __future__ import annotations

from conftest import settle as shared_settle
from test_lint import GOOD
from test_pii import VALID_TC
from textual.widgets import DataTable, Static, TextArea

from crisiscomm import incidents, timeline
from crisiscomm.statements import workflow
from crisiscomm.store import Store
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.statements import StatementsPane


def prepared(db_path, *, exercise=False, in_review=True):
    with Store(db_path) as store:
        inc = incidents.open_incident(store, "Deprem", "general", operator="lead", exercise=exercise).id
        incidents.set_clock(store, inc, operator="lead", paused=True, seconds=600)
        st = workflow.draft(store, inc, operator="ayse", body=GOOD, title="İlk açıklama")
        if in_review:
            workflow.submit(store, st["id"], operator="ayse")
    return inc


async def open_pane(pilot) -> StatementsPane:
    await pilot.press("f3")
    pane = pilot.app.query_one(StatementsPane)
    await settle(pilot)
    assert pane.query_one("#st-list", DataTable).has_focus  # F3 alone makes the pane's keys work
    return pane


async def settle(pilot) -> None:
    """Longer than conftest's: the live lint starts 0.4 s after the last key."""
    await shared_settle(pilot, rounds=6, pause=0.1)


def findings_shown(pane) -> str:
    return str(pane.query_one("#st-findings", Static).render())


async def test_approve_from_the_pane_and_the_two_person_rule(db_path):
    inc = prepared(db_path)
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        assert pane.query_one("#st-list", DataTable).row_count == 1
        await pilot.press("a")
        await settle(pilot)
        with Store(db_path) as store:
            assert workflow.get_statement(store, 1)["state"] == "in_review"  # ayse wrote it
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(160, 50)) as pilot:
        pane = await open_pane(pilot)
        await pilot.press("a")
        await settle(pilot)
        with Store(db_path) as store:
            assert workflow.get_statement(store, 1)["state"] == "approved"
        assert "approved by mehmet" in str(pane.query_one("#st-status", Static).render())


async def test_reject_asks_for_a_reason(db_path):
    inc = prepared(db_path)
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_pane(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")  # an empty reason is not accepted
        await pilot.pause()
        assert app.screen.__class__.__name__ == "ReasonScreen"
        dialog = app.screen.query_one(".dialog").region
        assert dialog.width == 76 and dialog.x == 2 and dialog.y > 0  # styled and centred
        assert "Write a reason" in str(app.screen.query_one("#st-dialog-error", Static).render())
        for ch in "Saat yok":
            await pilot.press("space" if ch == " " else ch)
        await pilot.press("enter")
        await settle(pilot)
        with Store(db_path) as store:
            st = workflow.get_statement(store, 1)
        assert st["state"] == "rejected" and st["versions"][-1]["reason"] == "Saat yok"


async def test_editor_lints_live_and_saves_a_new_version(db_path):
    inc = prepared(db_path, in_review=False)
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        editor = pane.query_one("#st-editor", TextArea)
        assert editor.text == GOOD
        assert "No findings" in findings_shown(pane)
        await pilot.press("e")
        editor.move_cursor(editor.document.end)
        editor.insert(f" TC {VALID_TC} [bold]x[/bold]")
        await pilot.pause(0.6)
        await settle(pilot)
        assert "personal_data.tc_kimlik" in findings_shown(pane)
        assert "[bold]x[/bold]" in editor.text  # markup-looking text stays text
        assert "unsaved" in str(pane.query_one("#st-status", Static).render())
        x_row = pane.query_one("#st-channels", DataTable).get_row("x")
        assert str(x_row[1]).startswith(f"{len(editor.text)}/280")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with Store(db_path) as store:
            st = workflow.get_statement(store, 1)
            assert st["version"] == 2 and VALID_TC in st["body"]
            assert [e["kind"] for e in timeline.events(store, inc)][-1] == "statement.revised"
        await pilot.press("escape", "y")
        assert app.clipboard == st["body"]


async def test_new_blank_draft_then_submit(db_path):
    with Store(db_path) as store:
        inc = incidents.open_incident(store, "Kesinti", "general", operator="lead").id
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        assert "No statements" in str(pane.query_one("#st-status", Static).render())
        pane.query_one("#st-editor", TextArea).load_text(GOOD)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        with Store(db_path) as store:
            assert [(s["id"], s["state"]) for s in workflow.list_statements(store, inc)] == [(1, "in_review")]


async def test_exercise_publish_is_simulated_from_the_pane(db_path):
    inc = prepared(db_path, exercise=True)
    with Store(db_path) as store:
        workflow.approve(store, 1, operator="mehmet")
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        assert pane.query_one("#st-editor", TextArea).text.startswith("TATBİKAT / EXERCISE")
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "PublishScreen"
        assert not app.screen.query("#st-url")  # no live URL in a drill
        await pilot.click("#st-ok")
        await settle(pilot)
        with Store(db_path) as store:
            event = timeline.events(store, inc)[-1]
        assert event["kind"] == "statement.published" and event["payload"]["simulated"] is True


def test_statements_pane_snapshot(snap_compare, db_path, fixed_now):
    inc = prepared(db_path)

    async def run_before(pilot):
        await open_pane(pilot)

    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=inc, poll=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_a_channel_text_is_edited_in_its_preview_and_saved_as_a_version(db_path):
    from crisiscomm.tui.panes.statements_dialogs import PreviewScreen

    inc = prepared(db_path, in_review=False)
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(160, 50)) as pilot:
        pane = await open_pane(pilot)
        table = pane.query_one("#st-channels", DataTable)
        table.focus()
        table.move_cursor(row=0)  # X, the tightest channel first
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, PreviewScreen)
        pilot.app.screen.query_one("#st-preview-text", TextArea).text = "Kısa metin: deprem, ekipler sahada."
        await pilot.click("#st-save-channel")
        await settle(pilot)
        with Store(db_path) as store:
            st = workflow.get_statement(store, 1)
        assert st["version"] == 2 and st["channel_texts"] == {"x": "Kısa metin: deprem, ekipler sahada."}
        assert st["body"] == GOOD.strip()
