"""The mentions pane: paged list, triage keys, search box, health view, untrusted text."""

from __future__ import annotations

import html
import pathlib
import re
import shutil

import pytest
from conftest import wait_until

from crisiscomm import i18n, incidents, mentions, timeline
from crisiscomm.feeds import registry
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.claims import ClaimsPane
from crisiscomm.tui.panes.mentions import KEYWORD_STYLE, MentionsPane, render_mention
from crisiscomm.tui.screens.feeds import FeedsScreen
from crisiscomm.tui.widgets.paged_list import PagedList

HOSTILE_FEEDS = pathlib.Path(__file__).parent.parent / "crisiscomm" / "data" / "sample_feeds" / "hostile"

HOSTILE = "[bold red]SAHTE[/] haber [@click=app.quit]tıkla[/]"
FIXED = "2026-11-23T01:30:00+00:00"


def _prepare(store) -> int:
    inc = incidents.open_incident(store, "Malatya depremi", "general", operator="t",
                                  keywords=["deprem", "kizilay"])
    incidents.set_clock(store, inc.id, operator="t", paused=True, seconds=600)
    feed = registry.add_feed(store, "https://social.example/rss", operator="t", name="mastodon")
    items = [
        {"guid": "1", "title": "Kızılay'ın çadırları kuruldu", "text": "İnönü kampüsü", "published_at": "2026-11-23T01:20:00+00:00"},
        {"guid": "2", "title": HOSTILE, "text": "markup", "published_at": "2026-11-23T01:21:00+00:00"},
        {"guid": "3", "title": "DEPREMDEN sonra elektrik kesintisi", "text": "Yeşilyurt", "published_at": "2026-11-23T01:22:00+00:00"},
        {"guid": "4", "title": "Karakaya Barajı çatladı iddiası", "text": "asılsız", "published_at": "2026-11-23T01:23:00+00:00"},
    ]
    mentions.add_mentions(store, items, operator="t", feed_id=feed["id"], incident_id=inc.id, fetched_at=FIXED)
    return inc.id


def _line(paged: PagedList, y: int) -> str:
    return "".join(segment.text for segment in paged.render_line(y))


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_list_shows_untrusted_text_literally(store, db_path, size):
    incident_id = _prepare(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False)
    async with app.run_test(size=size) as pilot:
        await _settle(app, pilot)
        paged = app.query_one(MentionsPane).paged
        assert paged.row_count == 4
        lines = [_line(paged, y) for y in range(4)]
        assert "Karakaya" in lines[0]  # newest first
        assert any("[bold red]SAHTE[/]" in line for line in lines)
        assert app.is_running  # the [@click=app.quit] did nothing


async def test_triage_keys_on_one_and_many(store, db_path):
    incident_id = _prepare(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        paged = app.query_one(MentionsPane).paged
        paged.focus()
        await pilot.press("f")
        await _settle(app, pilot)
        assert [m["state"] for m in mentions.incident_mentions(store, incident_id, limit=1)] == ["flagged"]
        await pilot.press("down", "space", "space", "e")
        await _settle(app, pilot)
        states = [m["state"] for m in mentions.incident_mentions(store, incident_id)]
        assert states == ["flagged", "escalated", "escalated", "new"]
        assert not paged.selected
        kinds = [e["kind"] for e in timeline.events(store, incident_id)]
        assert kinds.count("mention.triaged") == 2
        triaged = [e for e in timeline.events(store, incident_id) if e["kind"] == "mention.triaged"]
        assert triaged[-1]["operator"] == "ayse" and triaged[-1]["payload"]["count"] == 2


async def test_search_box_filters_with_turkish_folding(store, db_path):
    incident_id = _prepare(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        pane = app.query_one(MentionsPane)
        pane.paged.focus()
        await pilot.press("slash")
        await pilot.press(*"KIZILAY", "enter")
        await _settle(app, pilot)
        assert pane.paged.row_count == 1
        assert "Kızılay'ın" in _line(pane.paged, 0)
        assert app.focused is pane.paged
        await pilot.press("slash", "ctrl+u", *'deprem" OR (', "enter")
        await _settle(app, pilot)
        assert pane.paged.row_count == 0  # "or" is a word to find, never FTS syntax


async def test_state_filter_and_health_view(store, db_path):
    incident_id = _prepare(store)
    registry.record_poll(store, 1, status="error", error="timed out after 10 s")
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await _settle(app, pilot)
        pane = app.query_one(MentionsPane)
        pane.paged.focus()
        await pilot.press("v")  # all -> new
        await _settle(app, pilot)
        assert pane.state_filter == "new" and pane.paged.row_count == 4
        await pilot.press("v")  # new -> seen
        await _settle(app, pilot)
        assert pane.paged.row_count == 0
        await pilot.press("h")  # the feeds screen: health of every feed
        await _settle(app, pilot)
        assert isinstance(app.screen, FeedsScreen)
        table = app.screen.query_one("#feeds-table")
        assert table.row_count == 1
        assert str(table.get_row_at(0)[5]) == "1× timed out after 10 s"
        await pilot.press("escape")  # back to the list: keys are the list's again, nothing typed anywhere
        await pilot.press("h")
        await pilot.press("escape")
        assert app.focused is pane.paged and pane.query_one("#mentions-filter").value == ""


def test_mentions_pane_snapshot(store, db_path, snap_compare, fixed_now):
    incident_id = _prepare(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False, lang="en")

    async def settle(pilot):
        await _settle(pilot.app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


@pytest.fixture
def turkish():
    yield
    i18n.set_lang("en")


async def test_f1_puts_the_keys_in_the_list_with_turkish_labels(store, db_path, turkish):
    incident_id = _prepare(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False, lang="tr")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        await pilot.press("f5", "f1")  # from the claims pane back: its keys must not stay active
        pane = app.query_one(MentionsPane)
        assert app.focused is pane.paged
        labels = {b.binding.key: b.binding.description for b in app.active_bindings.values() if b.binding.show}
        assert labels["s"] == "Görüldü" and labels["f"] == "İşaretle" and labels["space"] == "Seç"
        assert labels["h"] == "Akışlar" and labels["slash"] == "Ara"
        await pilot.press("space", "space")
        await _settle(app, pilot)
        assert "2 seçili" in str(pane.query_one("#mentions-detail").render())
        await pilot.press("x")
        await _settle(app, pilot)
        assert [m["state"] for m in mentions.incident_mentions(store, incident_id)] == ["ignored", "ignored", "new", "new"]
        assert not app.query_one(ClaimsPane).has_class("-active")


def test_matched_keywords_are_highlighted_as_data():
    row = {"id": 1, "feed": "mastodon", "state": "new", "published_at": "2026-11-23T01:20:00+00:00",
           "title": "[b]Kızılay'ın[/b] DEPREMDEN sonra \x1b[31m", "keywords": ["kizilay", "deprem"]}
    line = render_mention(row, 120)
    assert "[b]Kızılay'ın[/b]" in line.plain  # the markup is text
    marked = {line.plain[span.start:span.end] for span in line.spans if span.style == KEYWORD_STYLE}
    assert marked == {"Kızılay'ın", "DEPREMDEN"}  # the whole inflected word


async def test_background_polling_of_hostile_feeds_keeps_the_app_alive(store, db_path, tmp_path):
    incident_id = _prepare(store)
    for name in ("billion-laughs.xml", "binary-garbage.xml", "html-page.xml", "markup-and-escapes.xml"):
        shutil.copy(HOSTILE_FEEDS / name, tmp_path / name)
        registry.add_feed(store, str(tmp_path / name), operator="t")
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        pane = app.query_one(MentionsPane)
        pane.focus()
        await pilot.press("h")
        app.feeds._tick()  # what the feed service's timer runs: every feed is due
        await _settle(app, pilot)
        await _settle(app, pilot)
        assert app.is_running and not app.feeds.busy
        table = app.screen.query_one("#feeds-table")
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert str(rows["billion-laughs"][2]) == "error" and "DOCTYPE" in str(rows["billion-laughs"][5])
        assert str(rows["html-page"][5]).endswith("not a feed: HTML page")
        assert str(rows["binary-garbage"][2]) == "error"
        assert str(rows["markup-and-escapes"][2]) == "ok"
        await pilot.press("escape")
        await _settle(app, pilot)
        assert pane.paged.row_count > 4  # the readable feed's items arrived; the list is alive


async def test_a_filter_that_hides_the_chosen_mention_gives_it_back_when_widened(store, db_path):
    """Typing a search letter by letter passes through filters that hide the mention the operator is on:
    the cursor goes elsewhere meanwhile (never acting on a hidden item) and comes back to it after."""
    incident_id = _prepare(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        pane = app.query_one(MentionsPane)
        paged = pane.paged
        paged.focus()
        await pilot.press("down", "down")  # newest first: the third row is guid 2 (the markup one)
        chosen = paged.cursor_key
        assert "SAHTE" in paged.current_row["title"]
        pane._apply_filter("kızılay")  # hides it
        await _settle(app, pilot)
        assert paged.row_count == 1 and paged.cursor_key != chosen
        assert paged.target_keys() == [paged.current_row["id"]]  # acts only on what is shown
        pane._apply_filter("")
        await _settle(app, pilot)
        assert paged.cursor_key == chosen and paged.current_row["id"] == chosen
        # a move while filtered is a new choice
        pane._apply_filter("deprem")
        await _settle(app, pilot)
        await pilot.press("home")
        moved_to = paged.cursor_key
        pane._apply_filter("")
        await _settle(app, pilot)
        assert paged.cursor_key == moved_to != chosen


async def test_ages_count_on_while_the_list_is_quiet(store, db_path, fixed_now, monkeypatch):
    import datetime as dt

    from crisiscomm.tui import when
    from crisiscomm.tui.panes import mentions as mentions_pane

    pass
    incident_id = _prepare(store)
    app = DashboardApp(db_path, operator="ayse", incident_id=incident_id, poll=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(app, pilot)
        detail = app.query_one("#mentions-detail")

        def screen() -> str:  # what the terminal shows, not a line drawn on demand
            svg = app.export_screenshot()
            return html.unescape("".join(re.findall(r"<text[^>]*>(.*?)</text>", svg))).replace("\xa0", " ")

        assert "17m 04:23" in screen()
        assert "published 17m" in str(detail.render())
        # seven minutes pass and nothing arrives: no reload, yet the ages move on
        monkeypatch.setattr(when, "now", lambda: fixed_now + dt.timedelta(minutes=7))
        await wait_until(pilot, lambda: "published 24m" in str(detail.render()))
        await pilot.pause(0.1)
        shown = screen()
        assert "24m 04:23" in shown and "27m 04:20" in shown and "20m 04:20" not in shown, shown
