"""The dashboard's refresh when a change is noticed during shutdown."""

from __future__ import annotations

from crisiscomm import incidents


async def test_a_change_noticed_while_the_dashboard_shuts_down_is_ignored(store, db_path):
    """The dashboard's change poll may deliver DataChanged after the screen's widgets are gone
    (it crashed test_demo under load): refreshing then must not raise."""
    from crisiscomm.tui.app import DashboardApp
    from crisiscomm.tui.header import IncidentHeader
    from crisiscomm.tui.panes.base import Pane

    incidents.open_incident(store, "Deprem", "general", operator="ayse")
    app = DashboardApp(db_path, operator="ayse", lang="en", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.query_one(IncidentHeader).remove()
        await app.query(Pane).remove()
        app.refresh_panes()
