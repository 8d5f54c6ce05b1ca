"""Channel posts: recording what was posted, from the core and the command line."""

from __future__ import annotations

import json

import pytest

from crisiscomm import incidents, posts, timeline
from crisiscomm.errors import CrisisError, NotFound


@pytest.fixture
def incident(store) -> int:
    return incidents.open_incident(store, "Sel", "general", operator="ayse").id


def test_add_post_records_text_who_when_url_and_logs_it(store, incident) -> None:
    row = posts.add_post(store, incident, " X ", "15 yaralı\x1b[31m var", operator="mehmet",
                         url="https://x.com/valilik/status/1")
    assert (row["channel"], row["text"], row["operator"], row["url"]) == (
        "x", "15 yaralı[31m var", "mehmet", "https://x.com/valilik/status/1")
    assert row["posted_at"].endswith("+00:00") and row["simulated"] == 0
    (event,) = [e for e in timeline.events(store, incident) if e["kind"] == "post.added"]
    assert event["payload"]["post"] == row["id"] and event["operator"] == "mehmet"
    assert posts.get_post(store, row["id"])["text"] == row["text"]


@pytest.mark.parametrize("channel, text, url, message", [
    ("tiktok", "15 yaralı", None, "unknown channel 'tiktok'"),
    ("x", "  \n ", None, "a post needs its text"),
    ("x", "15 yaralı", "javascript:alert(1)", r"http\(s\) address"),
    ("x", "15 yaralı", "ftp://files.example.org/a", r"http\(s\) address"),
    ("x", "a" * (posts.MAX_TEXT + 1), None, "limited to"),
])
def test_bad_posts_are_refused_and_nothing_is_stored(store, incident, channel, text, url, message) -> None:
    with pytest.raises(CrisisError, match=message):
        posts.add_post(store, incident, channel, text, operator="ayse", url=url)
    assert posts.list_posts(store, incident) == []


def test_unknown_incident_and_post(store) -> None:
    with pytest.raises(NotFound):
        posts.add_post(store, 42, "x", "15 yaralı", operator="ayse")
    with pytest.raises(NotFound):
        posts.get_post(store, 42)


def test_latest_per_channel_in_channel_order(store, incident) -> None:
    for channel, text in (("website", "a"), ("x", "b"), ("website", "c"), ("sms", "d")):
        posts.add_post(store, incident, channel, text, operator="ayse")
    latest = posts.latest_per_channel(store, incident)
    assert list(latest) == ["x", "website", "sms"]
    assert latest["website"]["text"] == "c"
    assert [p["text"] for p in posts.list_posts(store, incident, channel="website")] == ["a", "c"]


def test_cli_post_add_from_text_file_and_stdin(cli, tmp_path) -> None:
    cli("incident", "open", "Sel", "--playbook", "general")
    added = cli("post", "add", "1", "--channel", "x", "--text", "15 yaralı", "--url", "https://x.com/v/1")
    assert added.exit_code == 0 and added.output.startswith("1\tpost recorded on X")
    text_file = tmp_path / "post.txt"
    text_file.write_text("Sel nedeniyle 15 vatandaşımız yaralandı.\n", encoding="utf-8")
    assert cli("post", "add", "1", "--channel", "website", "--file", str(text_file)).exit_code == 0
    assert cli("post", "add", "1", "--channel", "SMS", "--file", "-", input="Bilgi hattı 0 800 123 45 67").exit_code == 0
    rows = json.loads(cli("post", "list", "1", "--json").output)
    assert [(r["id"], r["channel"], r["text"]) for r in rows] == [
        (1, "x", "15 yaralı"), (2, "website", "Sel nedeniyle 15 vatandaşımız yaralandı."),
        (3, "sms", "Bilgi hattı 0 800 123 45 67")]
    assert set(rows[0]) >= {"id", "channel", "text", "url", "operator", "posted_at", "statement_id",
                            "version_id", "statement_version", "simulated"}
    listed = cli("post", "list", "1", "--channel", "x")
    assert listed.exit_code == 0 and "15 yaralı" in listed.output and "website" not in listed.output


def test_cli_post_add_bad_input(cli, tmp_path) -> None:
    cli("incident", "open", "Sel", "--playbook", "general")
    both = cli("post", "add", "1", "--channel", "x", "--text", "a", "--file", "-", input="b")
    assert both.exit_code == 2 and "exactly one of --text or --file" in both.output
    assert cli("post", "add", "1", "--channel", "x").exit_code == 2
    assert cli("post", "add", "1", "--channel", "tiktok", "--text", "a").exit_code == 2
    assert cli("post", "add", "1", "--channel", "x", "--file", str(tmp_path / "none.txt")).exit_code == 2
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe\x00yaral\xc4")
    bad = cli("post", "add", "1", "--channel", "x", "--file", str(binary))
    assert bad.exit_code == 1 and "not UTF-8 text" in bad.output
    url = cli("post", "add", "1", "--channel", "x", "--text", "a", "--url", "file:///etc/passwd")
    assert url.exit_code == 1 and "error: a post's URL must be an http(s) address" in url.output
    missing = cli("post", "add", "7", "--channel", "x", "--text", "a")
    assert missing.exit_code == 1 and "error: no incident 7" in missing.output
    assert cli("post", "list", "7").exit_code == 1
    assert json.loads(cli("post", "list", "1", "--json").output) == []


def test_cli_exercise_post_says_simulated(cli) -> None:
    cli("incident", "open", "Tatbikat", "--playbook", "general", "--exercise")
    added = cli("post", "add", "1", "--channel", "x", "--text", "15 yaralı")
    assert "simulated: exercise" in added.output
    (row,) = json.loads(cli("post", "list", "1", "--json").output)
    assert row["simulated"] is True and row["text"] == f"{incidents.EXERCISE_MARK}\n15 yaralı"


def test_an_exercise_post_cannot_carry_a_live_url(store):
    from crisiscomm import incidents, posts
    from crisiscomm.errors import Refused

    inc = incidents.open_incident(store, "Tatbikat", "general", operator="a", exercise=True)
    with pytest.raises(Refused, match="exercise"):
        posts.add_post(store, inc.id, "x", "15 yaralı", operator="a", url="https://x.com/valilik/1")
    assert store.scalar("SELECT count(*) FROM posts") == 0
    post = posts.add_post(store, inc.id, "x", "15 yaralı", operator="a")
    assert post["simulated"] and post["text"].startswith("TATBİKAT / EXERCISE")
