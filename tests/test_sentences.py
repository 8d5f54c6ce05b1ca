"""Timeline events as sentences (UI-free), ages on screen."""

from __future__ import annotations

import datetime as dt

import pytest

from crisiscomm import i18n
from crisiscomm.review.sentences import sentence


@pytest.fixture
def turkish():
    i18n.set_lang("tr")
    yield
    i18n.set_lang("en")


def event(kind: str, payload: dict, operator: str = "Ayşe") -> dict:
    return {"id": 1, "kind": kind, "payload": payload, "operator": operator, "clock": 60.0}


def test_a_fact_change_reads_as_the_issue_asks(turkish):
    changed = event("fact.set", {"key": "injured", "value": "120", "previous": "112", "status": "confirmed", "source": ""})
    assert sentence(changed) == "Ayşe 'Yaralı sayısı' bilgisini 112'den 120'ye güncelledi"  # the fact's name, not its key
    first = event("fact.set", {"key": "yaralı", "value": "112", "previous": None, "status": "unconfirmed", "source": "AFAD"})
    assert sentence(first) == "Ayşe 'yaralı' bilgisini 112 olarak girdi (doğrulanmadı) — kaynak: AFAD"


def test_sentences_in_english_and_every_kind_told():
    i18n.set_lang("en")
    approved = event("statement.approved", {"statement": 3, "version": 2, "author": "mehmet"})
    assert sentence(approved) == "Ayşe approved statement #3 (version 2) written by mehmet"
    triaged = event("mention.triaged", {"ids": [4, 5], "state": "flagged", "count": 2, "from": ["new"]})
    assert sentence(triaged) == "Ayşe marked 2 mention(s) “flagged” (#4, #5)"
    # a kind without a sentence of its own, or an odd payload, is still told plainly
    assert sentence(event("export.cap", {"file": "x"})) == "Ayşe: export.cap"
    assert sentence(event("fact.set", "not a dict")) .startswith("Ayşe")


def test_turkish_statement_approval_names_the_author_in_the_genitive(turkish):
    approved = event("statement.approved", {"statement": 3, "version": 2, "author": "Mehmet"})
    assert sentence(approved) == "Ayşe Mehmet'in yazdığı #3 numaralı açıklamayı (2. sürüm) onayladı"
    ingested = event("mentions.ingested", {"feed": "AFAD", "new": 6}, operator="poller")
    assert sentence(ingested) == "AFAD'dan 6 yeni içerik geldi"


def test_untrusted_values_stay_quoted_text():
    i18n.set_lang("en")
    added = event("claim.added", {"claim": 1, "text": "[bold]x[/bold] {who} {0}", "mention": None})
    assert sentence(added) == "Ayşe registered claim #1: “[bold]x[/bold] {who} {0}”"


def test_ages_and_local_times(monkeypatch):
    """Ages, and times of day in the institution's zone (CRISISCOMM_TZ, Istanbul by default; never the
    machine's, which is UTC here), written 17.07 in Turkish and 17:07 in English."""
    from crisiscomm import config
    from crisiscomm.tui import when

    now = dt.datetime(2026, 11, 23, 14, 10, tzinfo=dt.timezone.utc)
    monkeypatch.delenv("CRISISCOMM_TZ", raising=False)
    config.configure(None)
    i18n.set_lang("tr")
    try:
        assert when.age_and_time("2026-11-23T14:07:00+00:00", now) == "3dk 17.07"
        assert when.age_and_time("2026-11-18T02:08:00+00:00", now) == "5g 18 Kas 05.08"
        assert when.age_and_time("2025-11-18T02:08:00+00:00", now) == "370g 18 Kas 2025"
        assert when.age_and_time("2026-11-18T02:08:00+00:00", now, width=10) == "5g 18 Kas"
        assert when.age_and_time("2026-11-18T02:08:00+00:00", now, width=4) == "5g"
        assert when.age_and_time(None, now) == "--:--" and when.age_and_time("yesterday", now) == "--:--"
        assert when.age_and_time("2026-11-23T22:00:00+00:00", dt.datetime(2026, 11, 23, 22, 30, tzinfo=dt.timezone.utc)) \
            == "30dk 01.00"  # already the 24th in Istanbul: today there, not "23 Kas"
    finally:
        i18n.set_lang("en")
    assert when.age_and_time("2026-11-23T12:10:00+00:00", now) == "2h 15:10"
    monkeypatch.setenv("CRISISCOMM_TZ", "UTC")
    config.configure(None)
    try:
        assert when.age_and_time("2026-11-23T12:10:00+00:00", now) == "2h 12:10"  # the configured zone
    finally:
        monkeypatch.delenv("CRISISCOMM_TZ")
        config.configure(None)


def _appended_kinds() -> set[str]:
    """Every event kind the product's code appends: `append(store, "kind", …)`, both sides of a
    conditional, an `event="kind"` argument, a module constant, and f-string families by prefix."""
    import ast
    import pathlib
    import re

    package = pathlib.Path(__file__).resolve().parent.parent / "crisiscomm"
    kinds: set[str] = set()
    kind_like = re.compile(r"^[a-z_]+\.[a-z_.{}]+$")

    def strings(node: ast.AST, constants: dict) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return strings(node.body, constants) + strings(node.orelse, constants)
        if isinstance(node, ast.JoinedStr):  # f"incident.{status}": the family's prefix, marked
            head = node.values[0]
            return [f"{head.value}*"] if isinstance(head, ast.Constant) else []
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            table = constants.get(node.value.id)
            return [v.value for v in getattr(table, "values", []) if isinstance(v, ast.Constant)]
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
        return strings(constants[name], constants) if name in constants else []

    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in package.rglob("*.py")}
    everywhere: dict = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                everywhere.update((t.id, node.value) for t in node.targets if isinstance(t, ast.Name))
    kind_params = ("kind", "event")
    for tree in trees.values():
        constants = dict(everywhere)  # the module's own names first
        functions = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                constants.update((t.id, node.value) for t in node.targets if isinstance(t, ast.Name))
            if isinstance(node, ast.FunctionDef):
                functions[node.name] = [a.arg for a in node.args.args]
                args = node.args
                for arg, default in zip(args.args[len(args.args) - len(args.defaults):], args.defaults):
                    if arg.arg in kind_params:
                        kinds.update(s for s in strings(default, constants) if kind_like.match(s))
                for arg, default in zip(args.kwonlyargs, args.kw_defaults):
                    if arg.arg in kind_params and default is not None:
                        kinds.update(s for s in strings(default, constants) if kind_like.match(s))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            found = []
            if name == "append" and len(node.args) >= 2:
                found += strings(node.args[1], constants)
            found += [s for kw in node.keywords if kw.arg in kind_params for s in strings(kw.value, constants)]
            params = functions.get(name, [])  # a helper of the module taking the kind: `_move(…, "calendar.x")`
            found += [s for param, arg in zip(params, node.args) if param in kind_params for s in strings(arg, constants)]
            kinds.update(s for s in found if kind_like.match(s.rstrip("*")))
    return kinds


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_event_kind_the_product_appends_is_told_in_words(lang):
    """A kind without a sentence showed as `drill-control: record.sealed` on a Turkish screen."""
    from crisiscomm.review import sentence_strings

    kinds = _appended_kinds()
    assert {"record.sealed", "database.restored", "update.overdue", "mention.reported"} <= kinds  # the scan sees them
    told = {key.removeprefix("sentence.") for key in sentence_strings.KEYS}
    missing = set()
    for kind in kinds:
        if kind.endswith("*"):
            if not any(k.startswith(kind[:-1]) for k in told):
                missing.add(kind)
        elif kind not in told and kind != "clock.changed":  # clock.changed reads as paused or running
            missing.add(kind)
    assert not missing, sorted(missing)
    i18n.set_lang(lang)
    try:
        for kind in sorted(k for k in kinds if not k.endswith("*")):
            said = sentence(event(kind, {}, operator="drill-control"))
            assert kind not in said and "drill-control" not in said, said
    finally:
        i18n.set_lang("en")


def test_notices_show_the_institutions_time_in_its_writing(monkeypatch):
    """The message line's times: the institution's zone (not the machine's), `13.00.05` in Turkish."""
    from crisiscomm import config
    from crisiscomm.tui.notices import Notice

    monkeypatch.setenv("CRISISCOMM_TZ", "Europe/Istanbul")
    monkeypatch.setenv("TZ", "UTC")
    config.configure(None)
    at = dt.datetime(2026, 11, 23, 10, 0, 5, tzinfo=dt.timezone.utc)
    i18n.set_lang("tr")
    try:
        assert str(Notice(at, "Yeni içerik").line()).startswith("13.00.05 Yeni içerik")
    finally:
        i18n.set_lang("en")
    assert str(Notice(at, "New mention").line()).startswith("13:00:05 New mention")
