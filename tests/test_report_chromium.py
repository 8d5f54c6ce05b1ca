"""The HTML report rendered by a real browser (headless Chromium): the charts are in
the DOM, and no script ran. Skipped when Chromium is not installed."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from crisiscomm import incidents, posts
from crisiscomm.mentions import add_mentions, set_state
from crisiscomm.review import report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def dump_dom(path, profile) -> str:
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--dump-dom", path.as_uri()],
        capture_output=True, text=True, timeout=90,
    )
    assert result.returncode == 0, result.stderr[-500:]
    return result.stdout


def test_charts_render_and_hostile_text_stays_text(store, tmp_path):
    iid = incidents.open_incident(store, "Deprem", "general", operator="ali").id
    add_mentions(store, [{"title": "&lt;img src=x onerror=document.title='pwned'&gt;", "text": f"metin {n}",
                          "link": f"https://news.example/{n}", "author": "a", "guid": str(n), "published_at": None} for n in range(5)],
                 operator="ali", incident_id=iid)
    set_state(store, [1], "flagged", operator="ali", incident_id=iid)
    posts.add_post(store, iid, "website", "<script>document.title='pwned'</script> Açıklama", operator="ali")
    page = tmp_path / "report.html"
    page.write_text(report.render(report.build(store, iid), "html"), encoding="utf-8")
    dom = dump_dom(page, tmp_path / "profile")
    assert '<svg id="chart-mentions"' in dom and '<rect class="bar"' in dom
    assert '<svg id="chart-checklist"' in dom and 'class="deadline"' in dom
    assert "pwned</title>" not in dom and "<img src" not in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
