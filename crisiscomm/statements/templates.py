"""Statement templates (from the playbooks) and their `{slot}` filling from the fact sheet.

A slot may carry the Turkish case suffix the sentence needs: `{when'de}` →
`04.17'de`, `{where'de}` → `Malatya'da`, `{next_update'e}` → `16.00'ya`; the suffix
follows the value as it is read aloud (crisiscomm/text/grammar.py), so the template
stays right whatever the value.
"""

from __future__ import annotations

import re

from crisiscomm.errors import NotFound
from crisiscomm.text.grammar import suffix_case, with_case
from crisiscomm.error_strings import t

SLOT_RE = re.compile(r"\{([^\W\d][\w-]*)(?:['’](\w+))?\}")


def unfilled_slots(text: str) -> list[tuple[str, int, int]]:
    """(slot, start, end) of every `{slot}` still in the text."""
    return [(m.group(1), m.start(), m.end()) for m in SLOT_RE.finditer(text)]


def slot_names(body: str) -> list[str]:
    """The slot names of a body, in order, without repeats (`{when'de}` is `when`)."""
    return list(dict.fromkeys(m.group(1) for m in SLOT_RE.finditer(body)))


def fill(body: str, facts: dict) -> tuple[str, list[str]]:
    """Replace each `{key}` with the fact's value (inflected for `{key'suffix}`); return the
    text and the slots left unfilled."""
    missing: list[str] = []

    def value(m: re.Match) -> str:
        row = facts.get(m.group(1))
        if row is None:
            if m.group(1) not in missing:
                missing.append(m.group(1))
            return m.group(0)
        text = str(row["value"] if isinstance(row, dict) else row)
        return with_case(text, suffix_case(m.group(2))) if m.group(2) else text

    return SLOT_RE.sub(value, body), missing


def templates_for(playbook_id: str) -> list[dict]:
    """The playbook's statement templates (dicts: id, language, title, body, short, slots)."""
    from crisiscomm import playbooks

    return list(playbooks.templates(playbook_id))


def find_template(playbook_id: str, template_id: str, language: str | None = None) -> dict:
    """The incident playbook's template first, then the general playbook's; language breaks ties."""
    for pid in dict.fromkeys([playbook_id, "general"]):
        matches = [t for t in templates_for(pid) if t["id"] == template_id]
        if matches:
            chosen = [t for t in matches if language and t.get("language") == language]
            return (chosen or matches)[0]
    known = ", ".join(sorted({t["id"] for t in templates_for(playbook_id)})) or "none"
    raise NotFound(t("error.template.not_found", template_id=template_id, playbook_id=playbook_id, known=known))
