"""The use-case layer: one path per action, reactions wired by event kind, no import cycles."""

from __future__ import annotations

import ast
import pathlib

import pytest
from conftest import open_incident, session_as

from crisiscomm import actions, checklist, incidents, mentions, playbook_model, timeline
from crisiscomm.actions import reactions
from crisiscomm.errors import CrisisError, Refused
from crisiscomm.models import Incident, Statement

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "crisiscomm"
TEXT = ("Malatya'da saat 04.17'de deprem meydana gelmiştir. Ekiplerimiz bölgede çalışmalarını sürdürmektedir. "
        "Bir sonraki bilgilendirme saat 16.00'da yapılacaktır.")


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Core module -> core modules it imports, anywhere in the file (inside functions too)."""
    files = {module_name(f): f for f in PACKAGE.rglob("*.py") if not {"cli", "tui"} & set(f.relative_to(PACKAGE).parts)}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.dump(node.test)
                       for sub in node.body for n in ast.walk(sub)}
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            graph[name] |= {t for t in targets if t in files and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (a package importing its own modules aside)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            component.sort()
            if len(component) > 1 and not all(m == component[0] or m.startswith(component[0] + ".") for m in component):
                found.append(component)

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_core_has_no_import_cycles_counting_imports_inside_functions():
    assert cycles(import_graph()) == []


def test_cycle_finder_sees_a_cycle_hidden_in_a_function():
    assert cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]


def test_command_line_and_dashboard_hold_no_sql():
    sql = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "PRAGMA ", ".write()", "BEGIN")
    for layer in ("cli", "tui"):
        for path in (PACKAGE / layer).rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                quoted = [q for q in line.split('"')[1::2] + line.split("'")[1::2]]
                assert not any(q.lstrip().startswith(s) for q in quoted for s in sql if s[0].isupper()), f"{path}:{number}"
                assert ".write()" not in line, f"{path}:{number}"


def test_an_action_returns_typed_results_its_events_and_its_notes(store):
    done = actions.incidents.open_incident(session_as(store, "ayse"), "Deprem", "natural-disaster", exercise=True)
    assert isinstance(done.value, Incident) and done.value.is_exercise
    assert done.kinds[0] == "incident.opened" and "checklist.created" in done.kinds
    assert any("checklist" in note for note in done.notes)
    assert [e.id for e in done.events] == sorted(e.id for e in done.events)
    drafted = actions.statements.draft(session_as(store, "ayse"), done.value.id, body=TEXT)
    assert isinstance(drafted.value, Statement) and drafted.value.newest.state == "draft"


def test_an_action_is_one_transaction(store, monkeypatch):
    """A reaction that fails takes the whole action back: no half-done incident."""
    def broken(store, event):
        raise CrisisError("calendar unavailable")

    monkeypatch.setitem(reactions.REACTIONS, "incident.opened", (reactions.prepare_incident, broken))
    with pytest.raises(CrisisError, match="calendar unavailable"):
        open_incident(store, "Yarım", "general")
    assert incidents.list_incidents(store) == []
    assert timeline.events(store) == []


def test_a_reaction_for_a_new_kind_fires_for_every_caller(store, cli, monkeypatch):
    seen: list[tuple[str, str]] = []

    def note_it(store, event):
        seen.append((event["kind"], event["operator"]))
        return [f"saw {event['kind']}"]

    monkeypatch.setitem(reactions.REACTIONS, "claim.added", (note_it,))
    incident = open_incident(store, "Söylenti", "disinformation")
    done = actions.claims.add(session_as(store, "ayse"), incident.id, "Baraj çöktü")
    assert "saw claim.added" in done.notes
    result = cli("claim", "add", str(incident.id), "Köprü yıkıldı", operator="mehmet")
    assert result.exit_code == 0 and "saw claim.added" in result.output
    assert seen == [("claim.added", "ayse"), ("claim.added", "mehmet")]


def test_checklist_steps_follow_any_event_kind_they_name(store, db_path, monkeypatch):
    """`done_when` is a reaction to every event: a kind newly allowed in playbooks fires with no caller changed."""
    monkeypatch.setitem(playbook_model.DONE_WHEN_EVENTS, "post.added", {"channel": None})
    folder = db_path.parent / "playbooks"
    folder.mkdir()
    source = (PACKAGE / "data" / "playbooks" / "general.toml").read_text(encoding="utf-8")
    source = source.replace('id = "general"', 'id = "custom-general"', 1)
    source = source.replace('[[steps]]', '[[steps]]\nid = "feed-check"\nphase = "first-response"\nowner = "monitor"\n'
                            'due = "30m"\nprinciple = "speed"\ndone_when = "post.added channel=website"\n'
                            'title.tr = "Siteye koy"\ntitle.en = "Put it on the website"\n'
                            'guidance.tr = "Duyuruyu sitede yayımla."\nguidance.en = "Publish it on the website."\n\n[[steps]]', 1)
    (folder / "custom.toml").write_text(source, encoding="utf-8")
    incident = open_incident(store, "Özel", "custom-general")
    actions.posts.add_post(session_as(store, "can"), incident.id, "x", "Bir paylaşım")
    step = next(i for i in checklist.checklist(store, incident.id) if i["step_id"] == "feed-check")
    assert step["state"] == "todo"
    actions.posts.add_post(session_as(store, "can"), incident.id, "website", "Web duyurusu")
    step = next(i for i in checklist.checklist(store, incident.id) if i["step_id"] == "feed-check")
    assert step["state"] == "done" and step["operator"] == "can"


def test_triage_is_per_incident(store, cli):
    first = open_incident(store, "A", "general", keywords=["deprem"])
    second = open_incident(store, "B", "general", keywords=["deprem"])
    mentions.add_mentions(store, [{"title": "Malatya deprem son durum", "guid": "a1"}], operator="t")
    (mention_id,) = [m["id"] for m in mentions.incident_mentions(store, first.id)]
    done = actions.mentions.triage(session_as(store, "can"), [mention_id], "flagged", incident_id=first.id)
    assert done.value.changed == (mention_id,) and done.events[0].incident_id == first.id
    assert [m["state"] for m in mentions.incident_mentions(store, first.id)] == ["flagged"]
    assert [m["state"] for m in mentions.incident_mentions(store, second.id)] == ["new"]
    assert [m["id"] for m in mentions.incident_mentions(store, second.id, state="new")] == [mention_id]
    assert mentions.incident_mentions(store, second.id, state="flagged") == []
    result = cli("mention", "set", str(mention_id), "seen")
    assert result.exit_code == 1 and "--incident" in result.output
    with pytest.raises(Refused, match="--incident"):
        actions.mentions.triage(session_as(store, "can"), [mention_id], "seen")
    assert cli("mention", "set", str(mention_id), "seen", "--incident", str(second.id)).exit_code == 0
    assert [m["state"] for m in mentions.incident_mentions(store, second.id)] == ["seen"]
    assert [m["state"] for m in mentions.incident_mentions(store, first.id)] == ["flagged"]


def test_a_lone_incident_is_the_triage_default(store):
    incident = open_incident(store, "A", "general")
    mentions.add_mentions(store, [{"title": "x", "guid": "g"}], operator="t")
    (mention_id,) = [m["id"] for m in mentions.incident_mentions(store, incident.id)]
    done = actions.mentions.triage(session_as(store, "can"), [mention_id], "seen")
    assert done.value.incident_id == incident.id
    assert timeline.events(store, incident.id)[-1]["kind"] == "mention.triaged"


def test_a_bad_team_file_is_a_clear_error(store, cli, db_path):
    incident = open_incident(store, "T", "general", operator="ayse")
    statement = actions.statements.draft(session_as(store, "ayse"), incident.id, body=TEXT).value
    actions.statements.submit(session_as(store, "ayse"), statement.id)
    (db_path.parent / "team.toml").write_text('[[operator]]\nname = "mehmet"\nroles = ["approver", "chief"]\n')
    result = cli("statement", "approve", str(statement.id), "--ack-warnings", operator="mehmet")
    assert result.exit_code == 1 and "team.toml" in result.output and "chief" in result.output


def test_roles_are_checked_before_anything_is_written(store, db_path):
    incident = open_incident(store, "T", "general", operator="ayse")
    (db_path.parent / "team.toml").write_text('[[operator]]\nname = "can"\nroles = ["monitor"]\n')
    before = len(timeline.events(store))
    with pytest.raises(Refused, match="editor or approver"):
        actions.facts.set_fact(session_as(store, "can"), incident.id, "injured", "20")
    assert len(timeline.events(store)) == before


def test_consistency_draft_on_the_command_line(store, cli):
    incident = open_incident(store, "Sel", "general")
    actions.facts.set_fact(session_as(store, "ayse"), incident.id, "injured", "15")
    actions.posts.add_post(session_as(store, "ayse"), incident.id, "x", "Selde 15 yaralı var.")
    actions.facts.set_fact(session_as(store, "ayse"), incident.id, "injured", "18")
    result = cli("consistency", "draft", str(incident.id), "x", operator="ayse")
    assert result.exit_code == 0, result.output
    statement_id = int(result.output.split()[0])
    drafted = [e for e in timeline.events(store, incident.id) if e["kind"] == "consistency.correction_drafted"]
    assert drafted[0]["payload"]["statement"] == statement_id and drafted[0]["payload"]["corrections"]
    row = store.one("SELECT draft_statement_id FROM corrections WHERE incident_id = ? AND channel = 'x'", (incident.id,))
    assert row["draft_statement_id"] == statement_id


def test_the_lint_configuration_that_judged_a_version_is_on_record(store, db_path):
    incident = open_incident(store)
    session = session_as(store, "ayse")
    actions.statements.draft(session, incident.id, body="İlk taslak.")
    lint_events = lambda: [e for e in timeline.events(store) if e["kind"] == "lint.config_changed"]  # noqa: E731
    assert lint_events() == []  # the bundled lists, on record by default
    (db_path.parent / "lint.toml").write_text('[rules]\n"accuracy.hearsay" = "off"\n', encoding="utf-8")
    done = actions.statements.draft(session, incident.id, body="İkinci taslak.")
    assert done.kinds == ("statement.drafted", "lint.config_changed")
    [event] = lint_events()
    assert event["payload"]["rules"] == {"accuracy.hearsay": "off"} and event["incident_id"] == incident.id
    actions.statements.draft(session, incident.id, body="Üçüncü taslak.")
    assert len(lint_events()) == 1  # unchanged since: nothing new
