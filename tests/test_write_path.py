"""The dashboard's one write path and its one change signal."""

from __future__ import annotations

from test_lint import GOOD
from textual.widgets import DataTable

from crisiscomm import incidents
from crisiscomm.statements import workflow
from crisiscomm.store import Store
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.base import Pane
from crisiscomm.tui.writes import ErrorDialog


async def settle(pilot, rounds: int = 4) -> None:
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


def in_review(db_path) -> int:
    with Store(db_path) as store:
        inc = incidents.open_incident(store, "Deprem", "general", operator="lead").id
        st = workflow.draft(store, inc, operator="ayse", body=GOOD, title="İlk")
        workflow.submit(store, st["id"], operator="ayse")
    return inc


def shown_errors(app) -> str:
    texts = [n.text for n in app.notices]
    if isinstance(app.screen, ErrorDialog):
        texts.append(app.screen.summary)
    return "\n".join(texts)


async def test_a_bad_team_file_shows_an_error_instead_of_ending_the_dashboard(db_path):
    inc = in_review(db_path)
    (db_path.parent / "team.toml").write_text('[[operator]]\nname = "mehmet"\nroles = ["approver", "chief"]\n',
                                              encoding="utf-8")
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        assert pilot.app.query_one("#st-list", DataTable).row_count == 1
        await pilot.press("a")
        await settle(pilot)
        assert app.is_running
        assert "team.toml" in shown_errors(app) and "chief" in shown_errors(app)
        await pilot.press("escape")  # the dialog (if it was one) closes; the dashboard goes on
        await pilot.press("f1")
        assert app.is_running
    with Store(db_path) as store:
        assert workflow.get_statement(store, 1)["state"] == "in_review"


async def test_one_approval_reloads_only_the_panes_that_show_it_once(db_path):
    inc = in_review(db_path)
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        reloads: dict[str, int] = {}
        for pane in app.query(Pane):
            original = pane.refresh_data

            def counted(pane=pane, original=original) -> None:
                reloads[pane.PANE_ID] = reloads.get(pane.PANE_ID, 0) + 1
                original()

            pane.refresh_data = counted
        await pilot.press("f3", "a")
        await settle(pilot)
        app.watcher.check()  # what the one-second look would find now: nothing more
        await settle(pilot)
    with Store(db_path) as store:
        assert workflow.get_statement(store, 1)["state"] == "approved"
    assert reloads.get("statements") == 1 and reloads.get("timeline") == 1
    assert "mentions" not in reloads and "claims" not in reloads and "consistency" not in reloads


async def test_a_refusal_is_told_and_nothing_else_happens(db_path):
    inc = in_review(db_path)
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("a")  # ayse wrote it: the two-person rule refuses
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, ErrorDialog)
        assert any("approve" in n.text.lower() for n in app.notices)


async def test_an_unexpected_error_opens_the_error_dialog(db_path):
    inc = in_review(db_path)
    app = DashboardApp(db_path, operator="mehmet", lang="en", incident_id=inc, poll=False)

    def broken(session):
        raise ZeroDivisionError("\x1b[31mred\x1b[0m division")

    async with app.run_test(size=(80, 24)) as pilot:
        app.act(broken)
        await settle(pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "ZeroDivisionError" in app.screen.summary and "\x1b" not in app.screen.summary
        await pilot.press("enter")
        assert not isinstance(app.screen, ErrorDialog) and app.is_running


async def test_actions_run_one_at_a_time_in_the_order_they_were_given(db_path):
    """A slow first action (a locked database, a big query) never lets the second overtake it."""
    import time

    from crisiscomm import actions, facts

    with Store(db_path) as store:
        inc = incidents.open_incident(store, "Deprem", "general", operator="lead").id
    running: list[str] = []

    def set_injured(value: str, pause: float):
        def call(session):
            running.append(f"start {value}")
            time.sleep(pause)
            result = actions.facts.set_fact(session, inc, "injured", value)
            running.append(f"end {value}")
            return result
        return call

    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.act(set_injured("12", 0.4))
        app.act(set_injured("15", 0.0))
        await settle(pilot)
    assert running == ["start 12", "end 12", "start 15", "end 15"]
    with Store(db_path) as store:
        assert facts.current(store, inc)["injured"]["value"] == "15"  # the later word stands
