"""Account register: readiness rules, reviews, the CLI, and the start screen's warnings."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import run_cli_process

from crisiscomm import accounts, i18n, timeline
from crisiscomm.clock import iso, utc_now
from crisiscomm.errors import CrisisError, NotFound


@pytest.fixture
def english():
    i18n.set_lang("en")
    yield
    i18n.set_lang("en")


def add(store, handle="@valilik", owners=("ayse", "mehmet"), twofa=True, channel="x"):
    return accounts.add_account(store, channel, handle, owners=list(owners), twofa=twofa, operator="ayse")


def age_review(store, handle, days):
    with store.write():
        store.execute("UPDATE accounts SET last_review = ? WHERE handle = ?",
                      (iso(utc_now() - dt.timedelta(days=days)), handle))


def test_a_new_account_counts_as_reviewed_today(store, english):
    row = add(store)
    assert row["owners"] == ["ayse", "mehmet"] and row["twofa"] is True
    assert row["last_review"][:10] == utc_now().date().isoformat()
    assert accounts.account_warnings(row) == []
    event = timeline.events(store)[-1]
    assert event["kind"] == "account.added" and event["incident_id"] is None


@pytest.mark.parametrize("lang, expected", [("en", "2FA is off"), ("tr", "2FA kapalı")])
def test_two_factor_off_is_named_in_both_languages(store, lang, expected):
    add(store, twofa=False)
    i18n.set_lang(lang)
    try:
        assert accounts.readiness_warnings(store) == [f"x @valilik: {expected}"]
    finally:
        i18n.set_lang("en")


@pytest.mark.parametrize("owners, warned", [
    (["ayse"], "1 named owner"), (["a", "b"], None), (["a", "b", "c", "d", "e"], None),
    (["a", "b", "c", "d", "e", "f"], "6 named owners"),
])
def test_owner_count_limits(store, english, owners, warned):
    warnings = accounts.account_warnings(add(store, owners=owners))
    assert (warnings == []) if warned is None else (len(warnings) == 1 and warned in warnings[0])


def test_review_older_than_ninety_days_is_warned_until_reviewed(store, english):
    add(store)
    age_review(store, "@valilik", 90)
    assert accounts.readiness_warnings(store) == []
    age_review(store, "@valilik", 91)
    assert accounts.readiness_warnings(store) == ["x @valilik: last security review 91 days ago (due every 90 days)"]
    accounts.review_account(store, "@valilik", operator="mehmet")
    assert accounts.readiness_warnings(store) == []
    event = timeline.events(store)[-1]
    assert event["kind"] == "account.reviewed" and event["operator"] == "mehmet" and event["incident_id"] is None


def test_a_review_records_what_it_found(store, english):
    add(store, twofa=True)
    row = accounts.review_account(store, "@valilik", operator="a", twofa=False, owners=["ayse", "ayse", " "])
    assert row["twofa"] is False and row["owners"] == ["ayse"]
    assert len(accounts.account_warnings(row)) == 2
    with pytest.raises(CrisisError):
        accounts.review_account(store, "@valilik", operator="a", owners=["  "])


def test_same_handle_on_two_channels_needs_the_channel_to_review(store):
    add(store, channel="x")
    add(store, channel="instagram")
    with pytest.raises(CrisisError, match="instagram, x"):
        accounts.review_account(store, "@valilik", operator="a")
    assert accounts.review_account(store, "@valilik", operator="a", channel="X")["channel"] == "x"
    with pytest.raises(NotFound):
        accounts.review_account(store, "@yok", operator="a")


@pytest.mark.parametrize("channel, handle, owners", [("x", "@valilik", []), ("", "@v", ["a"]), ("x", "@va lilik", ["a"])])
def test_bad_accounts_are_refused(store, channel, handle, owners):
    with pytest.raises(CrisisError):
        accounts.add_account(store, channel, handle, owners=owners, twofa=True, operator="a")
    assert store.scalar("SELECT count(*) FROM accounts") == 0


def test_duplicate_account_is_refused(store):
    add(store)
    with pytest.raises(CrisisError, match="already registered"):
        add(store)


def test_cli_accounts_add_review_list(cli):
    weak = cli("accounts", "add", "x", "@valilik", "--owner", "ayse")
    assert weak.exit_code == 0 and "2FA is off" in weak.output
    assert cli("accounts", "add", "instagram", "@ig", "--owner", "ayse", "--owner", "mehmet", "--2fa").exit_code == 0
    listed = json.loads(cli("accounts", "list", "--json").output)
    by_handle = {a["handle"]: a for a in listed}
    assert set(by_handle["@valilik"]) >= {"channel", "handle", "owners", "twofa", "last_review", "warnings"}
    assert by_handle["@ig"]["warnings"] == [] and by_handle["@ig"]["twofa"] is True
    assert len(by_handle["@valilik"]["warnings"]) == 2
    reviewed = cli("accounts", "review", "@valilik", "--2fa", "--owner", "ayse", "--owner", "fatma")
    assert reviewed.exit_code == 0 and "!" not in reviewed.output
    assert json.loads(cli("accounts", "list", "--json").output)[1]["warnings"] == []


def test_cli_account_errors_are_clear(cli, db_path):
    missing_owner = cli("accounts", "add", "x", "@valilik")
    assert missing_owner.exit_code == 2 and "--owner" in missing_owner.output
    assert cli("accounts", "add", "x", "@valilik", "--owner", "a").exit_code == 0
    for args in (("accounts", "add", "x", "@valilik", "--owner", "a"), ("accounts", "review", "@yok")):
        result = run_cli_process(db_path, *args)
        assert result.returncode == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr


async def test_start_screen_warns_before_an_incident(db_path, store, english):
    from textual.widgets import Static

    from crisiscomm.tui.app import DashboardApp

    add(store, handle="@zayif", owners=["ayse"], twofa=False)
    add(store, handle="@saglam")
    app = DashboardApp(db_path, operator="ayse", lang="en", poll=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#start-readiness", Static).render())
        assert "x @zayif: 2FA is off" in text and "1 named owner" in text and "@saglam" not in text
