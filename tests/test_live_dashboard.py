"""The dashboard under live pressure (issue 17): the cursor is an item, typing is never a command,
typed text is never lost, every key is findable, every dialog fits 80×24."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.app import App
from textual.widgets import Button, Input, Select, TextArea

from conftest import open_incident, run_cli_process, settle, wait_until
from crisiscomm import mentions, timeline
from crisiscomm.statements import workflow
from crisiscomm.store import Store
from crisiscomm.tui.app import DashboardApp
from crisiscomm.tui.panes.mentions import MentionsPane
from crisiscomm.tui.panes.statements import StatementsPane
from crisiscomm.tui.screens.dialog import Question
from crisiscomm.tui.screens.help import HelpScreen
from test_lint import GOOD


def rss(first: int, last: int) -> str:
    items = "".join(f"<item><guid>g{n}</guid><title>Deprem haberi {n}</title><link>http://e.org/{n}</link>"
                    f"<description>ayrıntı {n}</description></item>" for n in range(first, last))
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            f"<link>http://e.org/</link><description>d</description>{items}</channel></rss>")


@pytest.fixture
def live_incident(db_path, tmp_path) -> int:
    with Store(db_path) as store:
        incident = open_incident(store, "Canlı", "general", operator="lead", keywords=["deprem"])
    (tmp_path / "a.xml").write_text(rss(1, 41), encoding="utf-8")
    assert run_cli_process(db_path, "ingest", str(tmp_path / "a.xml")).returncode == 0
    return incident.id


def states(db_path, incident_id: int) -> dict[int, str]:
    with Store(db_path) as store:
        return {m["id"]: m["state"] for m in mentions.incident_mentions(store, incident_id)}


async def test_the_cursor_stays_on_its_mention_while_another_process_ingests(db_path, tmp_path, live_incident):
    app = DashboardApp(db_path, operator="izleyici", lang="en", incident_id=live_incident)  # polls like the real one
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = app.query_one(MentionsPane)
        assert pane.paged.row_count == 40
        await pilot.press("down", "down", "down")
        await settle(pilot)
        chosen = pane.paged.cursor_key
        assert f"#{chosen} " in str(pane.query_one("#mentions-detail").render())
        (tmp_path / "b.xml").write_text(rss(41, 44), encoding="utf-8")
        assert run_cli_process(db_path, "ingest", str(tmp_path / "b.xml")).returncode == 0
        await wait_until(pilot, lambda: pane.paged.row_count == 43)
        await settle(pilot)
        # the same mention under the cursor and in the detail; the new ones are announced above it
        assert pane.paged.cursor_key == chosen and pane.paged.current_row["id"] == chosen
        assert f"#{chosen} " in str(pane.query_one("#mentions-detail").render())
        assert pane.paged.new_hidden == 3 and "3 new" in str(pane.paged.render_line(0).text)
        await pilot.press("f")
        await settle(pilot)
        assert [k for k, v in states(db_path, live_incident).items() if v == "flagged"] == [chosen]
        await pilot.press("home")
        await settle(pilot)
        assert pane.paged.new_hidden == 0 and pane.paged.cursor == 0


async def test_a_bulk_selection_survives_arrivals_and_a_filter_keeps_the_item(db_path, tmp_path, live_incident):
    app = DashboardApp(db_path, operator="izleyici", lang="en", incident_id=live_incident, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        paged = app.query_one(MentionsPane).paged
        await pilot.press("down", "space", "space")  # two selected: rows 1 and 2
        selected = set(paged.selected)
        assert len(selected) == 2
        (tmp_path / "b.xml").write_text(rss(41, 44), encoding="utf-8")
        run_cli_process(db_path, "ingest", str(tmp_path / "b.xml"))
        app.watcher.check()
        await wait_until(pilot, lambda: paged.row_count == 43)
        assert paged.selected == selected
        await pilot.press("s")
        await settle(pilot)
        assert {k for k, v in states(db_path, live_incident).items() if v == "seen"} == selected
        # re-sorting and filtering keep the cursor on its mention
        key = paged.cursor_key
        await pilot.press("o")
        await settle(pilot)
        assert app.query_one(MentionsPane).order == "published" and paged.cursor_key == key
        assert "order: published" in str(app.query_one("#mentions-rate").render())
        await pilot.press("slash", *"haberi", "enter")
        await settle(pilot)
        assert paged.current_row["id"] == key


async def test_no_single_letter_fires_while_editing_and_the_footer_says_so(db_path):
    with Store(db_path) as store:
        inc = open_incident(store, "Kesinti", "general", operator="lead").id
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("n")  # the editor, with the cursor in it; nothing saved yet
        pane = app.query_one(StatementsPane)
        assert app.focused is pane.editor
        await pilot.press(*"sat ta sa vyrept")  # every letter here is a command on the list
        await settle(pilot)
        assert pane.editor.text == "sat ta sa vyrept"
        assert len(app.screen_stack) == 1  # no template, reason or publish dialog opened
        with Store(db_path) as store:
            assert workflow.list_statements(store, inc) == []
            assert not [e for e in timeline.events(store, inc) if e["kind"].startswith("statement.")]
        shown = {b.binding.action for b in app.active_bindings.values() if b.binding.show}
        assert {"save", "to_list"} <= shown and not {"submit", "approve", "new", "from_template"} & shown
        await pilot.press("ctrl+s")
        await settle(pilot)
        with Store(db_path) as store:
            assert [s["body"] for s in workflow.list_statements(store, inc)] == ["sat ta sa vyrept"]


def type_ahead(app, *keys: str) -> None:
    """Keys that reach the dashboard together (typed while it was busy): all queued before the first is handled."""
    for key in keys:  # as Pilot.press sends them, without waiting for each to be handled
        event = events.Key(key, key if len(key) == 1 else {"space": " ", "slash": "/"}.get(key))
        event.set_sender(app)
        app._driver.send_message(event)


async def test_keys_typed_ahead_go_where_the_operator_sent_them(db_path, live_incident):
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=live_incident, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # "/" then a search word at once: the letters are the search, never triage keys on the mention
        type_ahead(app, "slash", *"flex")
        await settle(pilot)
        assert app.query_one("#mentions-filter", Input).value == "flex"
        assert set(states(db_path, live_incident).values()) == {"new"}  # no f(lag), e(scalate) or x (ignore)
        await pilot.press("escape")
        # F3, n and a sentence at once: all of it in the new statement's editor
        type_ahead(app, "f3", "n", *"Su kesintisi", "space", *"var")
        await settle(pilot)
        assert app.query_one(StatementsPane).editor.text == "Su kesintisi var"
        assert app.focused is app.query_one(StatementsPane).editor


async def test_a_reload_landing_between_a_key_and_its_change_keeps_the_text(db_path):
    with Store(db_path) as store:
        inc = open_incident(store, "Kesinti", "general", operator="lead").id
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "n")
        await settle(pilot)
        pane = app.query_one(StatementsPane)
        pane.editor.insert("Su kesintisi")  # its Changed message is still queued when…
        pane._show_list(inc, pane._rows)  # …another operator's change reloads the list
        await settle(pilot)
        assert pane.editor.text == "Su kesintisi" and pane.has_unsaved()


async def test_quitting_with_unsaved_text_asks_and_saving_keeps_it(db_path):
    with Store(db_path) as store:
        inc = open_incident(store, "Kesinti", "general", operator="lead").id
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "n", *"Su kesintisi")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, Question) and app.is_running
        await pilot.press("escape")  # stay: the text is still there
        assert app.is_running and app.query_one(StatementsPane).editor.text == "Su kesintisi"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("s")  # save, then quit
        await wait_until(pilot, lambda: not app.is_running)
    with Store(db_path) as store:
        assert [s["body"] for s in workflow.list_statements(store, inc)] == ["Su kesintisi"]


async def test_escape_and_switching_incidents_ask_before_losing_text(db_path):
    with Store(db_path) as store:
        inc = open_incident(store, "Bir", "general", operator="lead").id
        other = open_incident(store, "İki", "general", operator="lead").id
        st = workflow.draft(store, inc, operator="ayse", body=GOOD)
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await at_the_end(pilot)
        await pilot.press(*" Ek bilgi.")
        await pilot.press("escape")
        assert isinstance(app.screen, Question)
        await pilot.press("d")  # discard: back to the saved text, keys on the list
        await settle(pilot)
        pane = app.query_one(StatementsPane)
        assert pane.editor.text == GOOD and app.focused is pane.primary()
        await at_the_end(pilot)
        await pilot.press(*" Ek bilgi.")
        app.post_message(incidents_selected(other))
        await settle(pilot)
        assert isinstance(app.screen, Question) and app.incident_id == inc
        await pilot.press("s")  # save, then show the other incident
        await wait_until(pilot, lambda: app.incident_id == other)
    with Store(db_path) as store:
        assert workflow.get_statement(store, st["id"])["body"] == GOOD + " Ek bilgi."


async def at_the_end(pilot) -> None:
    """`e`: the editor has the keys; the cursor at the end of the text."""
    await pilot.press("e")
    editor = pilot.app.query_one(StatementsPane).editor
    editor.move_cursor(editor.document.end)


def incidents_selected(incident_id: int):
    from crisiscomm.tui.messages import IncidentSelected

    return IncidentSelected(incident_id)


async def test_a_draft_is_saved_by_itself_and_an_older_version_comes_back(db_path, monkeypatch):
    from crisiscomm.tui.panes import statements_editing as statements_pane

    monkeypatch.setattr(statements_pane, "AUTOSAVE_S", 0.3)
    with Store(db_path) as store:
        inc = open_incident(store, "Kesinti", "general", operator="lead").id
        workflow.draft(store, inc, operator="ayse", body="İlk metin.")
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        await at_the_end(pilot)
        await pilot.press(*" İkinci.")

        def newest_body() -> str:
            with Store(db_path) as store:
                return workflow.get_statement(store, 1)["versions"][-1]["body"]

        await wait_until(pilot, lambda: newest_body() == "İlk metin. İkinci.")  # the autosave timer, under any load
        await settle(pilot)
        await pilot.press("escape", "v")
        await settle(pilot)
        await pilot.press("down", "enter")  # the versions, newest first: v1
        await settle(pilot)
        pane = app.query_one(StatementsPane)
        assert pane.editor.text == "İlk metin." and app.focused is pane.editor


async def test_the_help_screen_lists_every_key_of_each_pane(db_path):
    with Store(db_path) as store:
        open_incident(store, "Sel", "general", operator="lead")
    app = DashboardApp(db_path, operator="ayse", lang="tr", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for pane_key in ("f1", "f2", "f3", "f4", "f5", "f6"):
            await pilot.press(pane_key)
            await settle(pilot, rounds=1)
            pane = app.pane(app.active_pane_id)
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-text").render())
            for bindings in pane._bindings.key_to_bindings.values():
                for binding in bindings:
                    assert binding.description in text, (pane_key, binding)
            assert "Yardım" in text and "Komut paleti" in text
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)
    from crisiscomm import i18n

    i18n.set_lang("en")


async def test_escape_always_brings_the_keys_back_to_the_list(db_path, live_incident):
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=live_incident, poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.query_one(MentionsPane)
        await pilot.press("slash", *"dep")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        assert app.focused is pane.paged
        await pilot.press("h")  # the feeds screen, then back: nothing typed anywhere
        await settle(pilot)
        await pilot.press("escape", "h", "escape")
        assert app.focused is pane.paged and pane.query_one("#mentions-filter", Input).value == "dep"


def dialogs():
    """Every dialog the dashboard opens, as (name, factory)."""
    from crisiscomm.drills.scenario import Expectation, Inject
    from crisiscomm.tui.inject_card import InjectCard
    from crisiscomm.tui.notices import NoticesScreen
    from crisiscomm.tui.panes.statements_dialogs import PublishScreen, ReasonScreen, TemplateScreen, VersionsScreen
    from crisiscomm.tui.screens.claim_dialogs import StatusScreen
    from crisiscomm.tui.screens.consistency_forms import FactForm, PostForm, ReasonForm
    from crisiscomm.tui.screens.dialog import TextPrompt
    from crisiscomm.tui.screens.feeds import AddFeedForm
    from crisiscomm.tui.screens.intake import ReportDialog
    from crisiscomm.tui.screens.mention_view import MentionView
    from crisiscomm.tui.screens.open_incident import OpenIncidentScreen
    from crisiscomm.tui.screens.registers import AccountForm, PlanForm
    from crisiscomm.tui.writes import ErrorDialog

    long = "Uzun bir metin satırı, " * 40
    claim = {"id": 1, "text": long, "status": "unverified"}
    sources = [{"source": f"AFAD duyuru {n}"} for n in range(8)]
    statement = {"id": 1, "versions": [{"version": n, "state": "superseded", "author": "ayse", "body": long,
                                        "created_at": "2026-11-23T01:00:00+00:00"} for n in range(1, 9)]}
    inject = Inject("call", 720, "journalist_request", {"content": long, "from": "Muhabir", "outlet": "AA"},
                    Expectation("statement.approved", 900, "Onaylı bir açıklama yayımlayın"))
    mention = {"id": 4, "title": long, "text": long * 3, "link": "https://e.org/4", "author": "a", "state": "new",
               "fetched_at": "2026-11-23T01:30:00+00:00", "published_at": None, "feed": "afad", "keywords": []}
    return {
        "open incident": OpenIncidentScreen, "fact": lambda: FactForm(lambda *a: None), "post": lambda: PostForm(lambda *a: None),
        "reason": lambda: ReasonForm(long, lambda *a: None), "claim status": lambda: StatusScreen(claim, sources),
        "publish": lambda: PublishScreen("x", True), "reject": ReasonScreen,
        "template": lambda: TemplateScreen([{"id": f"t{n}", "title": long} for n in range(12)]),
        "versions": lambda: VersionsScreen(statement), "prompt": lambda: TextPrompt(long, hint=long),
        "question": lambda: Question(long, [("save", "guard.save", "s"), ("stay", "guard.stay", "escape")]),
        "feed": AddFeedForm, "account": AccountForm, "plan": PlanForm, "card": lambda: InjectCard(inject),
        "error": lambda: ErrorDialog("Boom", long * 5), "mention": lambda: MentionView(mention),
        "notices": NoticesScreen, "report": ReportDialog,
    }


class DialogHost(App):
    """Only the dialog (the dashboard behind it does not change what fits on the screen)."""

    def __init__(self, db_path) -> None:
        from crisiscomm import i18n

        i18n.set_lang("tr")
        super().__init__()
        self.db_path = db_path


@pytest.mark.parametrize("name", list(dialogs()))
async def test_every_dialog_is_usable_at_80x24(db_path, name):
    """Each field and button can be reached and is on screen when it has the keys."""
    app = DialogHost(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(dialogs()[name]())
        await settle(pilot)
        screen = app.screen
        screen_region = screen.region
        focusable = [w for w in screen.query("*") if w.focusable]
        assert focusable, "the dialog takes the keys somewhere"
        for widget in focusable:
            widget.focus()
            await pilot.wait_for_scheduled_animations()
            assert screen_region.contains_region(widget.region), (name, widget, widget.region)
        for button in screen.query(Button):
            button.focus()
            await pilot.wait_for_scheduled_animations()
            assert screen_region.contains_region(button.region) and button.region.height > 0
    from crisiscomm import i18n

    i18n.set_lang("en")


async def test_a_fresh_database_guides_the_first_steps(db_path, tmp_path):
    from crisiscomm.tui.screens.start import StartScreen

    feed = tmp_path / "f.xml"
    feed.write_text(rss(1, 3), encoding="utf-8")
    app = DashboardApp(db_path, operator="ayse", lang="en", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        text = str(app.screen.query_one("#start-steps").render())
        assert "1. Add a feed (a)" in text and "2. Register" in text and "3. Open an incident (n)" in text
        assert "demo drill (d)" in text
        assert "No accounts registered" in str(app.screen.query_one("#start-readiness").render())
        await pilot.press("a")  # add a feed from the dashboard
        await settle(pilot)
        await pilot.press(*str(feed), "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "✓" in str(app.screen.query_one("#start-steps").render()))
        assert "1 feed(s) registered" in str(app.screen.query_one("#start-steps").render())
        await pilot.press("k")  # the accounts register
        await settle(pilot)
        assert "No accounts registered" in str(app.screen.query_one(".reg-empty").render())
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"@kurum")
        app.screen.query_one("#account-owners", Input).value = "ayse, mehmet"
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: app.screen.query_one("DataTable").row_count == 1)


async def test_the_timeline_pane_reads_as_sentences_with_the_raw_event_one_key_away(db_path):
    from crisiscomm import facts
    from crisiscomm.tui.panes.timeline import TimelinePane

    with Store(db_path) as store:
        inc = open_incident(store, "Deprem", "general", operator="lead").id
        facts.set_fact(store, inc, "yaralı", "112", operator="Ayşe")
        facts.set_fact(store, inc, "yaralı", "120", operator="Ayşe")
    app = DashboardApp(db_path, operator="ayse", lang="tr", incident_id=inc, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        pane = app.query_one(TimelinePane)
        first = str(pane.paged.render_line(0).text)
        assert "Ayşe 'Yaralı sayısı' bilgisini 112'den 120'ye güncelledi" in first
        detail = pane.query_one("#timeline-detail")
        assert "120'ye güncelledi" in str(detail.render()) and "fact.set" not in str(detail.render())  # told in full
        await pilot.press("r")
        assert "fact.set" in str(pane.paged.render_line(0).text)
        assert "fact.set" in str(detail.render())  # the raw event under the list too
    from crisiscomm import i18n

    i18n.set_lang("en")


async def test_messages_take_their_own_line_and_stay_in_the_history(db_path):
    from textual.widgets._toast import Toast

    from crisiscomm.tui.notices import NoticesScreen

    app = DashboardApp(db_path, operator="ayse", lang="en", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.notify("first line\nsecond line of a long message", severity="warning")
        app.notify("\x1b[31mred\x1b[0m [b]markup[/b]")
        await pilot.pause(0.1)
        assert not app.screen.query(Toast)
        assert "[b]markup[/b]" in str(app.screen.query_one("NoticeBar").render())
        assert "\x1b" not in app.notices[-1].text
        await pilot.press("ctrl+n")
        assert isinstance(app.screen, NoticesScreen)
        text = str(app.screen.query_one("#notices-text").render())
        assert "second line of a long message" in text and text.index("markup") < text.index("first line")


async def test_an_inject_card_waits_until_the_operator_stops_typing(db_path, tmp_path):
    from crisiscomm.drills.player import DrillPlayer, start_drill
    from crisiscomm.drills.scenario_files import load_scenario
    from crisiscomm.tui.inject_card import InjectCard
    from test_demo import TINY

    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    with Store(db_path) as store:
        inc = start_drill(store, load_scenario(path), operator="fac", paused=True)["incident_id"]
    app = DashboardApp(db_path, operator="ayse", lang="en", incident_id=inc)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3", "n", *"Yazıyorum")
        with Store(db_path) as other:
            DrillPlayer.load(other, inc).skip(other, operator="fac")
        await wait_until(pilot, lambda: any("waiting" in n.text for n in app.notices))
        assert not isinstance(app.screen, InjectCard) and app.query_one(StatementsPane).editor.text == "Yazıyorum"
        await pilot.press("escape")  # leaving the editor (unsaved: the question first)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, InjectCard))


def test_the_demo_pace_is_for_a_newcomer():
    from crisiscomm.drills.demo import DEMO_SPEED
    from crisiscomm.tui.demo import DEMO_PACES

    assert DEMO_SPEED <= 5 and all(float(p) <= 5 for p in DEMO_PACES)


async def test_select_lists_read_as_words(db_path):
    """Dialogs show channels and trust levels as words in the UI language (never raw markup)."""
    from crisiscomm.tui.screens.feeds import AddFeedForm

    app = DashboardApp(db_path, operator="ayse", lang="en", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(AddFeedForm())
        await settle(pilot)
        trust = app.screen.query_one("#feed-trust", Select)
        assert trust.value == "social"
        await asyncio.sleep(0)
        assert isinstance(app.screen.query_one("#feed-source"), Input)
        assert not app.screen.query(TextArea)


async def test_items_from_before_the_incident_are_one_key_away(db_path, tmp_path):
    # a newcomer adds a feed (its items arrive at once), then opens the incident: none of them count
    (tmp_path / "a.xml").write_text(rss(1, 6), encoding="utf-8")
    assert run_cli_process(db_path, "ingest", str(tmp_path / "a.xml")).returncode == 0
    with Store(db_path) as store:
        incident_id = open_incident(store, "Sonra açılan", "general", operator="lead").id
    app = DashboardApp(db_path, operator="izleyici", lang="en", incident_id=incident_id, poll=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        pane = app.query_one(MentionsPane)
        assert pane.paged.row_count == 0
        assert "b shows them too" in str(pane.query_one("#mentions-detail").render())  # says why, and the way
        await pilot.press("b")
        await wait_until(pilot, lambda: pane.paged.row_count == 5)
        await settle(pilot)
        assert "earlier included" in str(pane.query_one("#mentions-rate").render())
        await pilot.press("b")
        await wait_until(pilot, lambda: pane.paged.row_count == 0)
