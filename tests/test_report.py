"""`crisiscomm report`: each format, hostile text exported safely, redaction,
exercise marking, and the chain head that `verify --head` accepts."""

from __future__ import annotations

import json
import re

import pytest
from conftest import run_cli_process

from crisiscomm import facts, i18n, incidents, posts, timeline
from crisiscomm.mentions import add_mentions, set_state
from crisiscomm.review import report


def tckn(nine: str) -> str:
    d = [int(x) for x in nine]
    d10 = ((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10
    return nine + str(d10) + str((sum(d) + d10) % 10)


TC = tckn("234567891")
IBAN = "TR33 0006 1005 1978 6457 8413 26"


@pytest.fixture
def hostile(store):
    """An incident whose mentions, posts and notes carry script, javascript: links, formulas and personal data."""
    iid = incidents.open_incident(store, "Deprem <img src=x onerror=alert(9)>", "general", operator="ali").id
    add_mentions(store, [
        {"title": "&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(\"http://evil\") Baraj", "text": f"TC {TC} numaralı kişi paylaştı",
         "link": "https://news.example/a", "author": "ali.veli@example.com", "guid": "a", "published_at": None},
        {"title": "İhbar", "text": f"Bağış için {IBAN}, ara 0532 123 45 67", "link": "https://news.example/b",
         "author": "x", "guid": "b", "published_at": None},
        {"title": "Sıradan", "text": "önemsiz", "link": "https://news.example/c", "author": "y", "guid": "c", "published_at": None},
    ], operator="ali", incident_id=iid)
    set_state(store, [1], "flagged", operator="ali", incident_id=iid)
    set_state(store, [2], "escalated", operator="ali", incident_id=iid)
    posts.add_post(store, iid, "website", "<script>alert(1)</script></script> Açıklama: ekipler bölgede.", operator="ali")
    # Links that slipped past the areas' checks (an older version, another tool): the export must still not make them live.
    with store.write():
        store.execute("UPDATE mentions SET link = 'javascript:alert(2)' WHERE id = 2")
        store.execute("UPDATE posts SET url = 'javascript:alert(3)' WHERE channel = 'website'")
    posts.add_post(store, iid, "x", "Ekipler bölgede. Ayrıntı: https://afad.gov.tr/x", operator="ali", url="https://afad.gov.tr/x?a=1&b=2")
    facts.set_fact(store, iid, "injured", "12", operator="ali")
    return iid


def make(cli, tmp_path, iid, fmt, *extra):
    out = tmp_path / f"r-{fmt}.{fmt}"
    result = cli("report", str(iid), "--format", fmt, "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8"), result.output


def test_html_is_escaped_links_are_http_only_and_json_cannot_break_out(cli, tmp_path, hostile):
    html, _ = make(cli, tmp_path, hostile, "html")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(9)&gt;" in html
    hrefs = re.findall(r'href\s*=\s*"([^"]*)"', html)
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    assert "https://afad.gov.tr/x?a=1&amp;b=2" in hrefs
    assert "javascript:alert(3)" in html  # shown as text only
    assert len(re.findall(r"<script\b", html)) == 1  # only the JSON data block
    data = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S).group(1)
    assert "</" not in data and "<" not in data
    parsed = json.loads(data)
    assert parsed["incident"]["title"].startswith("Deprem <img")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert '<svg id="chart-mentions"' in html and '<svg id="chart-checklist"' in html


def test_markdown_escapes_html_and_link_syntax(cli, tmp_path, hostile):
    md, _ = make(cli, tmp_path, hostile, "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "](javascript" not in md and "(<javascript" not in md
    assert "[https://afad.gov.tr/x?a=1&b=2](<https://afad.gov.tr/x?a=1&b=2>)" in md
    assert "=HYPERLINK" in md  # harmless in Markdown; it stays readable


def test_every_format_redacts_personal_data_by_default(cli, tmp_path, hostile):
    for fmt in report.FORMATS:
        text, _ = make(cli, tmp_path, hostile, fmt)
        for secret in (TC, "0532 123 45 67", "ali.veli@example.com", IBAN):
            assert secret not in text, (fmt, secret)
        assert "numaralı kişi paylaştı" in text and "personal data" in text


def test_no_redact_keeps_personal_data_and_says_so(cli, tmp_path, hostile):
    md, _ = make(cli, tmp_path, hostile, "md", "--no-redact")
    assert TC in md and "ali.veli@example.com" in md
    assert "NOT redacted" in md


def test_json_report_follows_the_documented_schema(cli, tmp_path, hostile):
    text, _ = make(cli, tmp_path, hostile, "json")
    data = json.loads(text)
    assert data["schema"] == report.SCHEMA
    assert list(data)[-1] == "chain"  # the head is the last thing in the file
    assert set(data) >= {"generated_at", "exercise", "exercise_mark", "redacted", "incident", "metrics", "across_incidents",
                         "facts", "statements_per_channel", "mentions_flagged", "timeline", "chain"}
    assert [m["id"] for m in data["mentions_flagged"]] == [1, 2]
    assert {m["state"] for m in data["mentions_flagged"]} == {"flagged", "escalated"}
    assert [c["channel"] for c in data["statements_per_channel"]] == ["website", "x"]
    tl = data["timeline"]
    assert tl["capped"] is False and tl["shown"] == tl["total"] == len(tl["events"])
    assert [e["kind"] for e in tl["events"]][0] == "incident.opened"
    assert data["metrics"]["mentions"]["total"] == 3
    assert data["chain"]["verified"] is True and data["chain"]["events"] == timeline_count(cli)


def timeline_count(cli) -> int:
    from crisiscomm.store import Store

    with Store(cli.db_path) as s:
        return timeline.head(s)[0]


def test_the_reported_chain_head_verifies_and_a_later_truncation_is_caught(cli, tmp_path, hostile, db_path):
    md, output = make(cli, tmp_path, hostile, "md")
    head = re.search(r"last hash ([0-9a-f]{64})", output).group(1)
    assert f"last hash {head}" in md.splitlines()[-1] or f"verify --head {head}" in md
    ok = run_cli_process(db_path, "verify", "--head", head)
    assert ok.returncode == 0 and "is in the chain" in ok.stdout
    wrong = run_cli_process(db_path, "verify", "--head", "f" * 64)
    assert wrong.returncode == 1


def test_exercise_report_is_marked_top_and_bottom_and_carries_the_drill_score(cli, tmp_path, store):
    iid = incidents.open_incident(store, "Tatbikat", "general", operator="ali", exercise=True).id
    score = {"scenario": "Deprem tatbikatı", "met": 1, "late": 1, "missed": 0, "pending": 0, "percent": 75,
             "items": [{"inject": "i1", "action": "statement.approved", "description": "Bekleme açıklamasını onaylayın",
                        "at": 0, "due": 900, "status": "late", "done_clock": 1000, "operator": "ayse", "late_by": 100}]}
    with store.write():
        store.execute("INSERT INTO drills (incident_id, scenario, scenario_path, scenario_json, operator, started_at, score)"
                      " VALUES (?, 'Deprem tatbikatı', 'x.toml', '{}', 'ali', '2025-01-01T00:00:00+00:00', ?)", (iid, json.dumps(score)))
    md, output = make(cli, tmp_path, iid, "md")
    lines = [line for line in md.splitlines() if line.strip()]
    assert incidents.EXERCISE_MARK in lines[0] and incidents.EXERCISE_MARK in lines[-1]
    assert "1 met, 1 late, 0 missed, 0 pending — score 75%" in md and "Bekleme açıklamasını onaylayın" in md
    assert incidents.EXERCISE_MARK in output
    html, _ = make(cli, tmp_path, iid, "html")
    assert html.count(incidents.EXERCISE_MARK) >= 3  # title, top banner, bottom banner
    assert html.index('id="exercise-bottom"') > html.index('id="report-data"')
    data = json.loads(make(cli, tmp_path, iid, "json")[0])
    assert data["exercise"] is True and data["exercise_mark"] == incidents.EXERCISE_MARK
    assert data["metrics"]["drill"]["score"]["percent"] == 75


def test_markdown_to_stdout_and_a_missing_incident(cli, hostile):
    result = cli("report", str(hostile))
    assert result.exit_code == 0 and result.output.startswith("# Post-incident review")
    assert "chain head:" in result.output
    missing = cli("report", "42")
    assert missing.exit_code == 1 and "error: no incident 42" in missing.output
    bad = cli("report", str(hostile), "--format", "pdf")
    assert bad.exit_code == 2


def test_turkish_report(cli, hostile):
    result = cli("--lang", "tr", "report", str(hostile))
    assert "Olay sonrası değerlendirme raporu" in result.output and "zincir başı" in result.output


def test_capped_timeline_in_html_counts_the_bulk_kinds(store, hostile):
    with store.write():
        for n in range(report.TIMELINE_CAP + 50):
            timeline.append(store, "mention.triaged", {"ids": [3], "state": "seen"}, operator="bot", incident_id=hostile, clock=n)
    data = report.build(store, hostile, redact=False)
    i18n.set_lang("en")
    tl = data["timeline"]
    assert tl["capped"] and tl["counted_only"] == [{"kind": "mention.triaged", "count": report.TIMELINE_CAP + 50 + 2}]
    assert all(e["kind"] != "mention.triaged" for e in tl["events"])
    html = report.render(data, "html")
    assert f"of {tl['total']} events" in html
    full = report.build(store, hostile, redact=False, full_timeline=True)["timeline"]
    assert not full["capped"] and len(full["events"]) == full["total"]


def test_json_report_puts_each_event_on_one_line_and_reads_back_whole(store, hostile):
    """Indented JSON around compact events: the C encoder does the bulk, and every value survives."""
    with store.write():
        for n in range(30):
            timeline.append(store, "mention.triaged", {"ids": [3], "state": "seen", "note": '"events": []'},
                            operator="bot", incident_id=hostile, clock=n)
    data = report.build(store, hostile, redact=False, full_timeline=True)
    text = report.render(data, "json")
    assert json.loads(text) == json.loads(json.dumps(data))
    lines = text.splitlines()
    event_lines = [line for line in lines if line.startswith('      {"id": ')]
    assert len(event_lines) == data["timeline"]["total"]
    assert lines[1] == f'  "schema": "{report.SCHEMA}",'
    assert report.render_json([{"a": 1}, {"b": [2]}]) == '[\n  {"a": 1},\n  {"b": [2]}\n]\n'
    assert report.render_json([]) == "[]\n"


def test_turkish_report_words_states_and_hours_in_turkish(cli, tmp_path, hostile):
    texts = []
    for fmt in ("md", "html"):
        result = cli("--lang", "tr", "report", str(hostile), "--format", fmt)
        assert result.exit_code == 0, result.output
        texts.append(result.output)
    for text in texts:
        assert "işaretlendi" in text and "yetkiliye iletildi" in text  # mention states
        assert "teyitli" in text  # fact status
        assert "T+00:00:00–T+01:00:00" in text  # the busiest hour, as a clock range
        assert "T+0s" not in text


def test_checklist_chart_has_a_legend_of_the_outcomes_it_shows(store, hostile):
    i18n.set_lang("en")
    html = report.render(report.build(store, hostile), "html")
    chart = html[html.index('<svg id="chart-checklist"'):]
    chart = chart[: chart.index("</svg>")]
    legend = chart[chart.index('<g class="legend"'):]
    assert 'class="g-pending"' in legend and ">pending</text>" in legend and ">deadline</text>" in legend
    assert 'class="g-met"' not in legend  # nothing was met: no colour for it
