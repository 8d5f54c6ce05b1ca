"""The UI catalogue: every key in both languages, the same placeholders, and no Turkish calque.

The glossary (docs/glossary.md) fixes the words; `i18n.FORBIDDEN_TR` lists the ones it replaced.
Every module is imported so that every area's table is registered before the walk.
"""

from __future__ import annotations

import importlib
import pathlib
import pkgutil
import re
import string
import tomllib

import pytest

import crisiscomm
from crisiscomm import i18n

ROOT = pathlib.Path(crisiscomm.__file__).parent
# the checkout, not the installed package: CI installs without -e
DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
PLAYBOOKS = ROOT / "data" / "playbooks"
FORBIDDEN = [(re.compile(pattern), use) for pattern, use in i18n.FORBIDDEN_TR.items()]


def _load_every_module() -> None:
    for info in pkgutil.walk_packages(crisiscomm.__path__, "crisiscomm."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)


_load_every_module()
KEYS = sorted(i18n.keys())


def _forms(text: i18n.Text) -> list[str]:
    return list(text.values()) if isinstance(text, dict) else [text]


def _fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


def _bases(names: set[str], other: set[str]) -> set[str]:
    """Placeholders with a suffixed form (`channel_gen`) counted as the value they inflect (`channel`)."""
    return {name if name in other else name.rsplit("_", 1)[0] for name in names}


def calques(text: str) -> list[str]:
    """The forbidden terms in a Turkish text (placeholders and quoted ids left out)."""
    words = re.sub(r"\{[^{}]*\}", " ", text).replace("İ", "i").replace("I", "ı").lower()
    return [f"{pattern.pattern} → {use}" for pattern, use in FORBIDDEN if pattern.search(words)]


def test_the_catalogue_is_loaded():
    assert len(KEYS) > 600 and "cli.incident.opened" in KEYS and "error.incident.not_found" in KEYS


@pytest.mark.parametrize("key", KEYS)
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    entry = i18n.entry(key)
    assert set(entry) == set(i18n.LANGS), f"{key}: languages {sorted(entry)}"
    fields = {}
    for lang in i18n.LANGS:
        forms = _forms(entry[lang])
        assert forms and all(isinstance(f, str) and f.strip() for f in forms), f"{key}: empty {lang} text"
        if isinstance(entry[lang], dict):
            assert set(entry[lang]) == set(i18n.PLURAL_FORMS), f"{key}: plural forms {sorted(entry[lang])}"
        fields[lang] = set().union(*(_fields(f) for f in forms))
    # Turkish may take a value with its case suffix (`{channel_gen}`, `{time_at}` for `{channel}`, `{time}`)
    assert _bases(fields["tr"], fields["en"]) == _bases(fields["en"], fields["tr"]), f"{key}: placeholders differ {fields}"
    # one scheme: `area.name`, or a binding keyed by Textual's English description ("Cursor down")
    assert i18n.KEY_SCHEME.match(key) or key[:1].isupper(), f"{key}: not an area.name key"


def test_no_turkish_string_uses_a_word_the_glossary_replaced():
    found = {key: calques(form) for key in KEYS for form in _forms(i18n.entry(key)["tr"]) if calques(form)}
    assert not found, found


def test_plural_forms_follow_the_count():
    assert i18n.t_in("en", "lint.errors", count=1) == "1 error"
    assert i18n.t_in("en", "lint.errors", count=2) == "2 errors"
    assert i18n.t_in("tr", "lint.errors", count=2) == "2 hata"
    assert i18n.t_in("en", "lint.errors", count=0) == "0 errors"


def test_a_key_registered_twice_with_other_words_is_refused():
    i18n.register({"test.twice": {"tr": "bir", "en": "one"}})
    i18n.register({"test.twice": {"tr": "bir", "en": "one"}})  # the same again: a module reloaded
    with pytest.raises(ValueError, match="test.twice"):
        i18n.register({"test.twice": {"tr": "iki", "en": "two"}})


def _turkish_texts(node, path=(), turkish_file=False):
    """(where, text) of every Turkish string of a playbook or scenario table."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _turkish_texts(value, (*path, str(key)), turkish_file)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _turkish_texts(value, (*path, str(i)), turkish_file)
    elif isinstance(node, str) and (turkish_file or "tr" in path):
        yield ".".join(path), node


PLAYBOOK_FILES = sorted(PLAYBOOKS.glob("*.toml")) + sorted((PLAYBOOKS / "drills").glob("*.tr.toml"))


@pytest.mark.parametrize("path", PLAYBOOK_FILES, ids=lambda p: p.name)
def test_bundled_playbooks_and_drills_use_the_glossary(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = {where: calques(text) for where, text in _turkish_texts(data, turkish_file=path.name.endswith(".tr.toml"))
             if calques(text)}
    assert not found, found


def test_report_templates_hold_no_turkish_of_their_own():
    """The report's words come from the catalogue: a template with Turkish text would escape the checks."""
    for template in (ROOT / "review" / "templates").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"[çğışöüÇĞİŞÖÜ]", re.sub(r"TATBİKAT", "", text)), template.name


def test_the_glossary_names_every_replaced_word():
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8")
    for use in set(i18n.FORBIDDEN_TR.values()):
        assert use in glossary, use
