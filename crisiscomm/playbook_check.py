"""Validation of playbook files: every problem as `FILE:LINE: message`.

A TOML parser gives values without lines; `toml_lines` finds the line of each
key or table so that a message points at the field it is about. See
docs/playbook-format.md for the rules checked here.
"""

from __future__ import annotations

import difflib
import os
import pathlib
import re
import string
from typing import Any

from crisiscomm import files, i18n
from crisiscomm.errors import CrisisError
from crisiscomm.text.grammar import suffix_case
from crisiscomm.playbook_model import (
    MAX_OFFSET, PRINCIPLES, Playbook, Problem, languages_of, build, done_when_list, parse_done_when, parse_offset,
    playbook_files,
)
from crisiscomm.toml_lines import key_lines, line_of
from crisiscomm.error_strings import t

TOP_KEYS = {"id", "title", "language", "description", "update_every", "keywords", "roles", "phases", "steps", "templates"}
ROLE_KEYS = {"id", "title"}
PHASE_KEYS = {"id", "title"}
STEP_KEYS = {"id", "title", "guidance", "phase", "owner", "due", "depends_on", "principle", "done_when"}
TEMPLATE_KEYS = {"id", "title", "body", "short"}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SLOT = re.compile(r"^[a-z_][a-z0-9_]*$")


# -- validation ----------------------------------------------------------------
class _Checker:
    """Collects problems with the line of the key (or table) they concern."""

    def __init__(self, file: str, source: str, data: dict):
        self.file = file
        self.lines = key_lines(source)
        self.data = data
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("tr", "en")

    def err(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.file, line_of(self.lines, path), message))

    def run(self) -> list[Problem]:
        data = self.data
        self.unknown_keys((), data, TOP_KEYS, t("playbook.check.the_playbook"))
        self.check_languages(data.get("language"))
        self.check_id((), data.get("id"), t("playbook.check.the_playbook"))
        self.text(("title",), data.get("title"), t("playbook.check.title"))
        if "description" in data:
            self.text(("description",), data["description"], t("playbook.check.description"))
        if "update_every" in data:
            self.offset(("update_every",), data["update_every"], "update_every")
        if "keywords" in data:
            self.check_keywords(data["keywords"])
        roles = self.named_tables("roles", ROLE_KEYS, t("playbook.check.role"))
        phases = self.named_tables("phases", PHASE_KEYS, t("playbook.check.phase"))
        self.check_steps(roles, phases)
        self.check_templates()
        return sorted(self.problems, key=lambda p: p.line)

    # generic checks
    def unknown_keys(self, path: tuple, table: dict, known: set[str], what: str) -> None:
        for key in table:
            if key not in known:
                near = difflib.get_close_matches(key, sorted(known), n=1)
                hint = (t("playbook.check.did_you_mean", near=near[0]) if near
                        else t("playbook.check.known", known=", ".join(sorted(known))))
                self.err(path + (key,), t("playbook.check.unknown_key", what=what, key=key, hint=hint))

    def check_id(self, path: tuple, value: Any, what: str) -> bool:
        if value is None:
            self.err(path, t("playbook.check.no_id", what=what))
            return False
        if not isinstance(value, str) or not _ID.match(value):
            self.err(path + ("id",), t("playbook.check.bad_id", what=what, value=value))
            return False
        return True

    def check_languages(self, value: Any) -> None:
        if value is None:
            self.err((), t("playbook.check.no_language"))
            return
        langs = languages_of(value) if isinstance(value, (str, list)) else ()
        if not langs or not all(isinstance(x, str) for x in langs):
            self.err(("language",), t("playbook.check.language_list"))
            return
        unknown = [x for x in langs if x not in i18n.LANGS]
        if unknown:
            self.err(("language",), t("playbook.check.unknown_language", language=unknown[0], languages=', '.join(i18n.LANGS)))
            return
        if len(set(langs)) != len(langs):
            self.err(("language",), t("playbook.check.language_twice"))
        self.languages = langs

    def text(self, path: tuple, value: Any, what: str) -> None:
        """A localized text: a table with one non-empty string per language."""
        if value is None:
            self.err(path[:-1], t("playbook.check.missing", what=what))
        elif isinstance(value, str):
            if len(self.languages) > 1:
                self.err(path, t("playbook.check.one_string", what=what, table=self._lang_table()))
            elif not value.strip():
                self.err(path, t("playbook.check.empty", what=what))
        elif isinstance(value, dict):
            for lang in value:
                if lang not in self.languages:
                    self.err(path + (lang,), t("playbook.check.extra_language", what=what, lang=lang, languages=', '.join(self.languages)))
            for lang in self.languages:
                text = value.get(lang)
                if not isinstance(text, str) or not text.strip():
                    self.err(path, t("playbook.check.no_translation", what=what, lang=lang))
        else:
            self.err(path, t("playbook.check.text", what=what, table=self._lang_table()))

    def _lang_table(self) -> str:
        return "{" + ", ".join(f'{lang} = "..."' for lang in self.languages) + "}"

    def offset(self, path: tuple, value: Any, what: str) -> int | None:
        seconds = parse_offset(value) if isinstance(value, str) else None
        if seconds is None:
            self.err(path, t("playbook.check.bad_offset", what=what, value=value))
        elif not 0 < seconds <= MAX_OFFSET:
            self.err(path, t("playbook.check.offset_range", what=what, value=value))
            return None
        return seconds

    def array_of_tables(self, key: str) -> list[dict]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            self.err((key,), t("playbook.check.tables", key=key))
            return []
        return value

    def named_tables(self, key: str, known: set[str], what: str) -> set[str]:
        """[[roles]] / [[phases]]: id and title; returns the ids."""
        ids: set[str] = set()
        for i, table in enumerate(self.array_of_tables(key)):
            path = (key, i)
            self.unknown_keys(path, table, known, t("playbook.check.numbered", what=what, number=i + 1))
            if self.check_id(path, table.get("id"), t("playbook.check.numbered", what=what, number=i + 1)):
                if table["id"] in ids:
                    self.err(path + ("id",), t("playbook.check.duplicate_id", what=what, id=table['id']))
                ids.add(table["id"])
                self.text(path + ("title",), table.get("title"), t("playbook.check.named_title", what=what, id=table["id"]))
        return ids

    def check_keywords(self, value: Any) -> None:
        table = {self.languages[0]: value} if isinstance(value, list) and len(self.languages) == 1 else value
        if not isinstance(table, dict):
            self.err(("keywords",), t("playbook.check.keywords_table", example=', '.join(f'{lang} = [...]' for lang in self.languages)))
            return
        for lang in table:
            if lang not in self.languages:
                self.err(("keywords", lang), t("playbook.check.keywords_language", lang=lang, languages=', '.join(self.languages)))
        for lang in self.languages:
            words = table.get(lang)
            if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
                self.err(("keywords",), t("playbook.check.keywords_missing", lang=lang))

    # steps
    def check_steps(self, roles: set[str], phases: set[str]) -> None:
        tables = self.array_of_tables("steps")
        if not tables and "steps" not in self.data:
            self.err((), t("playbook.check.no_steps"))
        steps: dict[str, tuple[int, dict]] = {}
        for i, step in enumerate(tables):
            path = ("steps", i)
            name = (t("playbook.check.step", id=step["id"]) if isinstance(step.get("id"), str)
                    else t("playbook.check.step_number", number=i + 1))
            self.unknown_keys(path, step, STEP_KEYS, name)
            if self.check_id(path, step.get("id"), name):
                if step["id"] in steps:
                    self.err(path + ("id",), t("playbook.check.duplicate_step", id=step['id']))
                else:
                    steps[step["id"]] = (i, step)
            for key in ("title", "guidance"):
                self.text(path + (key,), step.get(key), t("playbook.check.field", name=name, field=key))
            self.reference(path, step, "owner", roles, name, t("playbook.check.role"), "[[roles]]")
            self.reference(path, step, "phase", phases, name, t("playbook.check.phase"), "[[phases]]")
            self.reference(path, step, "principle", set(PRINCIPLES), name, t("playbook.check.principle"), "")
            if "due" not in step:
                self.err(path, t("playbook.check.no_due", name=name))
            else:
                self.offset(path + ("due",), step["due"], t("playbook.check.field", name=name, field="due"))
            deps = step.get("depends_on", [])
            if not isinstance(deps, list) or not all(isinstance(d, str) for d in deps):
                self.err(path + ("depends_on",), t("playbook.check.depends_list", name=name))
                step["depends_on"] = []
            if "done_when" in step:
                self.check_done_when(path + ("done_when",), step["done_when"], name)
        self.check_dependencies(steps)

    def check_done_when(self, path: tuple, value: Any, name: str) -> None:
        if not isinstance(value, (str, list)) or not value or not all(isinstance(v, str) for v in done_when_list(value)):
            self.err(path, t("playbook.check.done_when", name=name))
            return
        for trigger in done_when_list(value):
            try:
                parse_done_when(trigger)
            except CrisisError as exc:
                self.err(path, t("playbook.check.problem", name=name, exc=exc))

    def reference(self, path: tuple, table: dict, key: str, known: set[str], name: str, what: str, where: str) -> None:
        value = table.get(key)
        if value is None:
            self.err(path, t("playbook.check.no_key", name=name, key=key))
        elif value not in known:
            listing = ", ".join(sorted(known)) or (t("playbook.check.none_in", where=where) if where
                                                    else t("playbook.check.none"))
            self.err(path + (key,), t("playbook.check.unknown_ref", name=name, what=what, value=value, listing=listing))

    def check_dependencies(self, steps: dict[str, tuple[int, dict]]) -> None:
        for step_id, (i, step) in steps.items():
            path = ("steps", i, "depends_on")
            for dep in step.get("depends_on", []):
                if dep == step_id:
                    self.err(path, t("playbook.check.self_dependency", step_id=step_id))
                elif dep not in steps:
                    self.err(path, t("playbook.check.unknown_dependency", step_id=step_id, dep=dep))
                else:
                    mine, theirs = parse_offset(str(step.get("due", ""))), parse_offset(str(steps[dep][1].get("due", "")))
                    if mine is not None and theirs is not None and theirs > mine:
                        self.err(path, t("playbook.check.later_dependency", step_id=step_id, dep=dep, due=step['due'], dep_due=steps[dep][1]['due']))
        cycle = _find_cycle({sid: [d for d in s.get("depends_on", []) if d in steps and d != sid] for sid, (_, s) in steps.items()})
        if cycle:
            self.err(("steps", steps[cycle[0]][0], "depends_on"), "dependency cycle: " + " → ".join(cycle + [cycle[0]]))

    # templates
    def check_templates(self) -> None:
        ids: set[str] = set()
        for i, tpl in enumerate(self.array_of_tables("templates")):
            path = ("templates", i)
            name = (t("playbook.check.template", id=tpl["id"]) if isinstance(tpl.get("id"), str)
                    else t("playbook.check.template_number", number=i + 1))
            self.unknown_keys(path, tpl, TEMPLATE_KEYS, name)
            if self.check_id(path, tpl.get("id"), name):
                if tpl["id"] in ids:
                    self.err(path + ("id",), t("playbook.check.duplicate_template", id=tpl['id']))
                ids.add(tpl["id"])
            self.text(path + ("title",), tpl.get("title"), t("playbook.check.field", name=name, field="title"))
            self.text(path + ("body",), tpl.get("body"), t("playbook.check.field", name=name, field="body"))
            if "short" in tpl:
                self.text(path + ("short",), tpl.get("short"), t("playbook.check.short", name=name))
            for part in ("body", "short"):
                bodies = tpl.get(part)
                if isinstance(bodies, str):
                    bodies = {self.languages[0]: bodies}
                if isinstance(bodies, dict):
                    self.check_slots(path + (part,), name, {k: v for k, v in bodies.items() if isinstance(v, str)})

    def check_slots(self, path: tuple, name: str, bodies: dict[str, str]) -> None:
        found: dict[str, set[str]] = {}
        for lang, body in bodies.items():
            try:
                parsed = list(string.Formatter().parse(body))
            except ValueError as exc:
                self.err(path + (lang,), t("playbook.check.braces", name=name, lang=lang, exc=exc))
                continue
            names = set()
            for _, slot, spec, conversion in parsed:
                if slot is None:
                    continue
                slot, _, suffix = slot.replace("’", "'").partition("'")
                if suffix and not _known_suffix(suffix):
                    self.err(path + (lang,), t("playbook.check.suffix", name=name, lang=lang, slot=slot, suffix=suffix))
                    continue
                if not _SLOT.match(slot) or spec or conversion:
                    self.err(path + (lang,), t("playbook.check.bad_slot", name=name, lang=lang, slot=slot, conversion='!' + conversion if conversion else '', spec=':' + spec if spec else ''))
                    continue
                names.add(slot)
            found[lang] = names
        if len(found) > 1:
            union = set().union(*found.values())
            for lang, names in found.items():
                if names != union:
                    self.err(path + (lang,), t("playbook.check.slots_differ", name=name, lang=lang, slots=', '.join('{' + s + '}' for s in sorted(union - names))))


def _known_suffix(written: str) -> bool:
    try:
        suffix_case(written)
    except ValueError:
        return False
    return True


def _find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One dependency cycle as a list of step ids, or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in graph:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def load_file(path: str | os.PathLike, display: str | None = None) -> tuple[Playbook | None, list[Problem]]:
    """Read and validate one playbook file: (playbook or None, problems)."""
    name = display or str(path)
    try:
        source = files.read_text(path)
        data = files.parse_toml(source, name)
    except files.FileRefused as exc:
        return None, [Problem(name, exc.line or 1, exc.reason)]
    problems = _Checker(name, source, data).run()
    return (None if problems else build(data, str(path))), problems


def check_path(path: str | os.PathLike) -> tuple[list[Playbook], list[Problem]]:
    """Validate a file or every *.toml directly in a folder; ids must be unique."""
    target = pathlib.Path(path)
    paths = playbook_files(target) if target.is_dir() else [target]
    if target.is_dir() and not paths:
        raise CrisisError(t("playbook.check.no_files", target=target))
    good: list[Playbook] = []
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for file in paths:
        display = str(file) if target.is_dir() else str(path)
        playbook, found = load_file(file, display)
        problems.extend(found)
        if playbook is None:
            continue
        if playbook.id in first_seen:
            lines = key_lines(files.read_text(file))
            problems.append(Problem(display, line_of(lines, ("id",)), f"playbook id '{playbook.id}' is also used by {first_seen[playbook.id]}"))
            continue
        first_seen[playbook.id] = display
        good.append(playbook)
    return good, problems
