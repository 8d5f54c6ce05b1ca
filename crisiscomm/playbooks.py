"""Where playbooks are found: the catalog of every usable playbook by id.

Playbooks are looked up in `$CRISISCOMM_PLAYBOOKS`, then in `playbooks/`
beside the database, then among the bundled ones; the first file with an id
wins, and files that fail validation are skipped (and reported). The model
is in `playbook_model`, the validation of one file in `playbook_check`.
"""

from __future__ import annotations

import pathlib

from crisiscomm import config, i18n
from crisiscomm.errors import CrisisError, os_reason
from crisiscomm.file_strings import t
from crisiscomm.playbook_check import load_file
from crisiscomm.playbook_model import Playbook, Problem, playbook_files

BUNDLED_DIR = config.BUNDLED_PLAYBOOKS
BUNDLED_IDS = ("general", "natural-disaster", "disinformation", "account-compromise", "data-breach", "service-outage")
ENV_DIR = config.ENV_PLAYBOOKS


def search_dirs() -> list[pathlib.Path]:
    """$CRISISCOMM_PLAYBOOKS, playbooks/ beside the database, the bundled folder (see crisiscomm.config)."""
    unique: list[pathlib.Path] = []
    for folder in config.current().playbook_dirs:
        if folder.is_dir() and all(folder.resolve() != seen.resolve() for seen in unique):
            unique.append(folder)
    return unique


_file_cache: dict[tuple[str, int, int], tuple[Playbook | None, list[Problem]]] = {}


def _load_cached(path: pathlib.Path) -> tuple[Playbook | None, list[Problem]]:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _file_cache:
        _file_cache[key] = load_file(path)
    return _file_cache[key]


def catalog() -> tuple[dict[str, Playbook], list[Problem]]:
    """Every usable playbook by id (earlier folders win) and the problems of broken files."""
    found: dict[str, Playbook] = {}
    problems: list[Problem] = []
    for folder in search_dirs():
        for file in playbook_files(folder):
            try:
                playbook, errors = _load_cached(file)
            except OSError as exc:
                problems.append(Problem(str(file), 1, t("file.read.os", reason=os_reason(exc))))
                continue
            problems.extend(errors)
            if playbook is not None and playbook.id not in found:
                found[playbook.id] = playbook
    return found, problems


def _ordered(ids: list[str]) -> list[str]:
    bundled = [pid for pid in BUNDLED_IDS if pid in ids]
    return bundled + sorted(pid for pid in ids if pid not in BUNDLED_IDS)


def available_playbooks() -> list[tuple[str, str]]:
    """(id, title in the UI language) of every usable playbook."""
    found, _ = catalog()
    return [(pid, found[pid].with_lang(None).text(found[pid].title)) for pid in _ordered(list(found))]


def require_playbook(playbook_id: str) -> Playbook:
    """The playbook with this id, or a CrisisError naming the known ids."""
    found, _ = catalog()
    if playbook_id not in found:
        raise CrisisError(i18n.t("error.playbook.unknown", id=playbook_id, known=", ".join(_ordered(list(found)))))
    return found[playbook_id]


def load_playbook(playbook_id: str, lang: str | None = None) -> Playbook:
    """The playbook in `lang` (default: the UI language, else its first language)."""
    return require_playbook(playbook_id).with_lang(lang)


def shown_name(playbook_id: str) -> str:
    """How a screen names a playbook: its title on a Turkish screen (ids never show there), the id
    one types (`--playbook`) on an English one; the id when the playbook cannot be read any more."""
    if i18n.get_lang() != "tr":
        return playbook_id
    try:
        playbook = load_playbook(playbook_id, "tr")
    except CrisisError:
        return playbook_id
    return playbook.text(playbook.title)


def templates(playbook_id: str) -> list[dict]:
    """Every statement template in every language: id, language, title, body, short (the short
    form for X, Bluesky and SMS, or None), slots."""
    playbook = require_playbook(playbook_id)
    return [
        {"id": tpl.id, "language": lang, "title": tpl.title[lang], "body": tpl.body[lang],
         "short": tpl.short.get(lang), "slots": tpl.slots(lang)}
        for tpl in playbook.templates
        for lang in playbook.languages
    ]
