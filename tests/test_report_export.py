"""Export safety: no overwrite without --force, no planted symlink followed, no
escape from the chosen directory, CSV cells that cannot become formulas; and the
`timeline` command's filters."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from crisiscomm import incidents, timeline
from crisiscomm.errors import CrisisError
from crisiscomm.review import export


@pytest.fixture
def incident(store):
    iid = incidents.open_incident(store, "Deprem", "general", operator="ali").id
    timeline.append(store, "statement.approved", {"statement": 1, "note": "=HYPERLINK(\"http://evil\",\"tıkla\")"},
                    operator="ayse", incident_id=iid)
    timeline.append(store, "claim.status", {"claim": 2, "status": "false", "note": "+1-1 @SUM(A1) Kızılay'ın açıklaması"},
                    operator="mehmet", incident_id=iid)
    timeline.append(store, "mention.triaged", {"ids": [5, 6], "state": "flagged"}, operator="ali", incident_id=iid)
    return iid


def test_existing_file_is_not_overwritten_without_force(cli, tmp_path, incident):
    out = tmp_path / "r.md"
    out.write_text("keep me")
    refused = cli("report", str(incident), "-o", str(out))
    assert refused.exit_code == 1 and "already exists; use --force" in refused.output
    assert out.read_text() == "keep me"
    forced = cli("report", str(incident), "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text().startswith("# Post-incident review")


def test_planted_symlink_is_refused_even_with_force(cli, tmp_path, incident):
    target = tmp_path / "victim.txt"
    target.write_text("secret config")
    link = tmp_path / "r.html"
    link.symlink_to(target)
    for extra in ((), ("--force",)):
        result = cli("report", str(incident), "--format", "html", "-o", str(link), *extra)
        assert result.exit_code == 1 and "symbolic link" in result.output
    assert target.read_text() == "secret config" and link.is_symlink()
    dangling = tmp_path / "d.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    result = cli("report", str(incident), "-o", str(dangling), "--force")
    assert result.exit_code == 1 and not (tmp_path / "nowhere.md").exists()


def test_file_names_cannot_leave_the_directory(tmp_path):
    for name in ("../escape.md", "a/b.md", "..", ".", "", "x\x00y"):
        with pytest.raises(CrisisError):
            export.write_file(tmp_path, name, "x")
    assert not (tmp_path.parent / "escape.md").exists()


def test_directory_output_gets_the_incident_name_private_and_atomic(cli, tmp_path, incident):
    result = cli("report", str(incident), "--format", "json", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    written = tmp_path / f"crisiscomm-incident-{incident}-report.json"
    assert json.loads(written.read_text())["incident"]["id"] == incident
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left behind


def test_missing_directory_is_a_clear_error(cli, tmp_path, incident):
    result = cli("report", str(incident), "-o", str(tmp_path / "no" / "such" / "r.md"))
    assert result.exit_code == 1 and "error: no such directory" in result.output


def test_csv_cells_cannot_become_formulas():
    for hostile in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", " =1", "＝1"):
        assert export.csv_cell(hostile).startswith("'"), hostile
    assert export.csv_cell("Kızılay") == "Kızılay" and export.csv_cell(None) == "" and export.csv_cell(12) == "12"


def test_timeline_csv_export_neutralises_formulas(cli, tmp_path, incident):
    out = tmp_path / "t.csv"
    result = cli("timeline", str(incident), "--csv", "-o", str(out))
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0] == ["id", "wall_time", "clock", "operator", "kind", "payload", "hash"]
    for row in rows[1:]:
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@")), cell
    refused = cli("timeline", str(incident), "--csv", "-o", str(out))
    assert refused.exit_code == 1 and "already exists" in refused.output


def test_timeline_filters_by_kind_operator_and_search(cli, incident):
    every = json.loads(cli("timeline", str(incident), "--json").output)
    kinds = [e["kind"] for e in every if not e["kind"].startswith("checklist.")]  # steps ticked by the reactions
    assert kinds[:3] == ["mention.triaged", "claim.status", "statement.approved"]  # newest first
    oldest = json.loads(cli("timeline", str(incident), "--json", "--oldest-first").output)
    assert oldest[0]["kind"] == "incident.opened"
    by_area = json.loads(cli("timeline", str(incident), "--json", "--kind", "statement").output)
    assert [e["kind"] for e in by_area] == ["statement.approved"]
    by_operator = json.loads(cli("timeline", str(incident), "--json", "--operator", "mehmet").output)
    assert [e["operator"] for e in by_operator] == ["mehmet"]
    folded = json.loads(cli("timeline", str(incident), "--json", "--search", "KIZILAY").output)
    assert [e["kind"] for e in folded] == ["claim.status"]
    limited = json.loads(cli("timeline", str(incident), "--json", "--limit", "1").output)
    assert len(limited) == 1
    text = cli("timeline", str(incident), "--kind", "claim")
    assert text.exit_code == 0 and "judged claim #" in text.output and text.output.rstrip().endswith("1 event")
    assert cli("timeline", str(incident), "--json", "--csv").exit_code == 2
    assert cli("timeline", "99").exit_code == 1


def test_timeline_text_strips_terminal_control_sequences(cli, store, incident):
    timeline.append(store, "fact.set", {"key": "k", "value": "\x1b[2J\x1b]0;pwned\x07x"}, operator="ali", incident_id=incident)
    out = cli("timeline", str(incident), "--kind", "fact").output
    assert "\x1b" not in out and "\x07" not in out


def test_a_directory_that_refuses_files_is_a_clear_error(cli):
    import pathlib

    if not pathlib.Path("/proc/self").exists():
        pytest.skip("needs Linux /proc")
    cli("incident", "open", "Deprem", "--playbook", "general")
    r = cli("report", "1", "--format", "md", "-o", "/proc/report.md")
    assert r.exit_code == 1 and "cannot write in /proc" in r.output
