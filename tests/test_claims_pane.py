"""Pilot tests of the claims pane: list by spread, detail, keys to add, link, judge and correct."""

from __future__ import annotations

import pytest
from conftest import publish, settle
from test_claims import CLAIM, add_mention
from textual.widgets import Input, OptionList, Static

from crisiscomm import claims, incidents
from crisiscomm.statements import workflow
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.claims import ClaimsPane
from crisiscomm.tui.screens.claim_dialogs import (
    StatusScreen,
    SuggestionsScreen,
    TextPrompt,
)

HOSTILE = "[bold red]YALAN[/] [@click=app.quit]tıkla[/] \x1b[2J"


@pytest.fixture
def incident(store):
    incident_id = incidents.open_incident(store, "Baraj", "general", operator="ayse").id
    incidents.set_clock(store, incident_id, operator="ayse", paused=True, seconds=600)
    return incident_id


def make_app(db_path, incident):
    return DashboardApp(db_path, operator="ayse", lang="en", incident_id=incident, poll=False)


async def open_pane(pilot) -> ClaimsPane:
    await pilot.press("f5")
    await settle(pilot)
    pane = pilot.app.query_one(ClaimsPane)
    assert pane.has_class("-active")
    return pane


def listed_ids(pane: ClaimsPane) -> list[int]:
    options = pane.query_one("#claims-list", OptionList)
    return [int(options.get_option_at_index(i).id) for i in range(options.option_count)]


def detail_text(pane: ClaimsPane) -> str:
    return str(pane.query_one("#claims-detail-text", Static).content)


def seed(store, incident) -> tuple[int, int]:
    slow = claims.add_claim(store, incident, "Okullar bir ay kapalı kalacak", operator="ayse")["id"]
    fast = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    ids = [add_mention(store, f"BARAJ ÇÖKTÜ {i}", title=f"paylaşım {i}", feed="X arama") for i in range(3)]
    claims.link_mentions(store, fast, ids, operator="ayse")
    claims.set_status(store, fast, "verifying", operator="fatma", source="DSİ çağrı merkezi", note="arandı")
    return slow, fast


async def test_claims_by_spread_with_their_detail(db_path, store, incident):
    slow, fast = seed(store, incident)
    async with make_app(db_path, incident).run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        assert listed_ids(pane) == [fast, slow]
        text = detail_text(pane)
        assert CLAIM in text and "DSİ çağrı merkezi" in text and "paylaşım 2" in text
        assert "unverified → verifying" in text and "3 mentions" in text
        pane.query_one("#claims-list", OptionList).focus()
        await pilot.press("down")
        await settle(pilot)
        assert "Okullar" in detail_text(pane)


async def test_typed_claim_then_verdict_with_evidence_from_the_keyboard(db_path, store, incident):
    add_mention(store, "Baraj gövdesi sağlam", title="DSİ açıklaması", feed="DSİ", trust="official")
    async with make_app(db_path, incident).run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        assert "No claims yet" in str(pane.query_one("#claims-empty", Static).content)
        pane.focus()
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TextPrompt)
        pilot.app.screen.query_one(Input).value = CLAIM
        await pilot.press("enter")
        await settle(pilot)
        [claim] = claims.list_claims(store, incident)
        assert claim["text"] == CLAIM and listed_ids(pane) == [claim["id"]]
        await pilot.press("v")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, StatusScreen)
        # keyboard only: status list → source → note → official sources
        await pilot.press("down", "down", "tab", "tab", *"sagnam", "enter")
        assert "source and a note" in str(screen.query_one("#status-error", Static).content)
        await pilot.press("tab", "down", "enter")
        assert screen.query_one("#status-source", Input).value == "DSİ: DSİ açıklaması"
        assert screen.focused is screen.query_one("#status-note", Input)
        await pilot.press("enter")
        await settle(pilot)
        row = claims.get_claim(store, claim["id"])
        assert row["status"] == "false"
        evidence = claims.evidence(store, claim["id"])
        assert [(e["status"], e["source"], e["note"]) for e in evidence] == [("false", "DSİ: DSİ açıklaması", "sagnam")]
        assert "press c to start the correction" in detail_text(pane)
        await pilot.press("c")
        await settle(pilot)
        statement = claims.get_claim(store, claim["id"])["correction_statement_id"]
        assert statement is not None
        assert f"Correction statement #{statement}: not published yet" in detail_text(pane)
        # the statements workflow takes it through review to publication
        workflow.submit(store, statement, operator="ayse")
        workflow.approve(store, statement, operator="mehmet", acknowledge_warnings=True)
        publish(store, statement, "website", operator="ayse")
        pilot.app.refresh_panes()
        await settle(pilot)
        assert f"Correction statement #{statement}: published" in detail_text(pane)
        assert "to correction" in detail_text(pane)


async def test_link_the_mention_selected_in_the_mentions_pane(db_path, store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    seen = add_mention(store, "Baraj çöktü diyorlar", title="ilk görülme")
    async with make_app(db_path, incident).run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        pane.focus()
        await pilot.press("l")  # the mention under the mentions pane's cursor is offered
        await settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt) and prompt.query_one(Input).value == str(seen)
        await pilot.press("enter")
        await settle(pilot)
        assert [m["id"] for m in claims.linked_mentions(store, claim)] == [seen]
        await pilot.press("a")
        await settle(pilot)
        prompt = pilot.app.screen
        assert isinstance(prompt, TextPrompt) and prompt.query_one(Input).value == "Baraj çöktü diyorlar"
        await pilot.press("enter")
        await settle(pilot)
        newest = claims.list_claims(store, incident)[-1]
        assert newest["first_mention_id"] == seen and newest["mentions"] == [seen]


async def test_link_typed_ids_and_similar_mentions(db_path, store, incident):
    claim = claims.add_claim(store, incident, CLAIM, operator="ayse")["id"]
    typed = add_mention(store, "başka bir paylaşım")
    echo = add_mention(store, "BARAJ ÇÖKTÜ!!! şehir sular altında kalacakmış")
    async with make_app(db_path, incident).run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        pane.focus()
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TextPrompt)
        await pilot.press("ctrl+u", *str(typed), "x", "enter")  # offered ids replaced; digits only
        await settle(pilot)
        assert [m["id"] for m in claims.linked_mentions(store, claim)] == [typed]
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SuggestionsScreen)
        await pilot.press("space", "enter")
        await settle(pilot)
        assert {m["id"] for m in claims.linked_mentions(store, claim)} == {typed, echo}
        await pilot.press("s")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, SuggestionsScreen)


async def test_untrusted_text_is_shown_literally(db_path, store, incident):
    claim = claims.add_claim(store, incident, HOSTILE, operator="ayse")["id"]
    claims.link_mention(store, claim, add_mention(store, HOSTILE, title=HOSTILE), operator="ayse")
    claims.set_status(store, claim, "verifying", operator="a", source="[b]kaynak[/b]", note="[i]not[/i]")
    async with make_app(db_path, incident).run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        assert "[bold red]YALAN[/] [@click=app.quit]tıkla[/]" in detail_text(pane)
        assert "[b]kaynak[/b] — [i]not[/i]" in detail_text(pane)
        assert "\x1b" not in detail_text(pane)
        row = pane.query_one("#claims-list", OptionList).get_option_at_index(0).prompt
        assert "[bold red]YALAN[/]" in str(row)


async def test_refusal_is_shown_not_raised(db_path, store, incident):
    claims.add_claim(store, incident, CLAIM, operator="ayse")
    async with make_app(db_path, incident).run_test(size=(80, 24)) as pilot:
        pane = await open_pane(pilot)
        pane.focus()
        await pilot.press("c")
        await settle(pilot)
        assert any("false or misleading" in n.text for n in pilot.app.notices)
        assert claims.get_claim(store, 1)["correction_statement_id"] is None


async def test_pane_tiles_on_a_large_terminal(db_path, store, incident):
    slow, fast = seed(store, incident)
    async with make_app(db_path, incident).run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        pane = pilot.app.query_one(ClaimsPane)
        assert pane.display and pane.region.width < 80 and pane.region.height > 10
        assert listed_ids(pane) == [fast, slow] and CLAIM in detail_text(pane)


def test_claims_pane_snapshot(db_path, store, incident, snap_compare, fixed_now):
    seed(store, incident)
    with store.write():  # fixed times, so that the frame does not depend on today's clock
        store.execute("UPDATE claims SET created_at = '2025-03-01T09:00:00+00:00', first_seen_at = '2025-03-01T09:00:00+00:00'")
        store.execute("UPDATE claim_evidence SET at = '2025-03-01T09:20:00+00:00'")
        store.execute("UPDATE mentions SET fetched_at = '2025-03-01T09:' || printf('%02d', id * 10) || ':00+00:00',"
                      " published_at = NULL")

    async def show(pilot):
        await pilot.press("f5")
        await settle(pilot)

    assert snap_compare(make_app(db_path, incident), terminal_size=(80, 24), run_before=show)
