"""Markdown and HTML rendering of a report through Jinja2 templates.

HTML: an autoescaping environment; links only for http/https; the embedded
JSON cannot close its <script> element; a Content-Security-Policy forbids
scripts anyway. Markdown: every `{{ value }}` is escaped by `finalize`
(markdown punctuation, raw HTML, line breaks) unless wrapped in `MdRaw`.
"""

from __future__ import annotations

import functools
import json
import pathlib
import re
import urllib.parse

import jinja2
from markupsafe import Markup

from crisiscomm.fact_names import display_name
from crisiscomm import i18n
from crisiscomm.clock import format_clock, format_offset, local_text
from crisiscomm.errors import CrisisError
from crisiscomm.playbooks import load_playbook, shown_name
from crisiscomm.posts import channel_name
from crisiscomm.printable import one_line
from crisiscomm.review import charts
from crisiscomm.review.events import shorten, summary
from crisiscomm.review.sentences import sentence

TEMPLATES = pathlib.Path(__file__).parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_URL_BAD = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


class MdRaw(str):
    """Markdown the template may emit as it is (built from escaped parts only)."""


def safe_url(url) -> str | None:
    """The URL when it is a plain http(s) address, else None (shown as text, never a link)."""
    if not isinstance(url, str) or not url or _URL_BAD.search(url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def duration(seconds) -> str:
    if seconds is None:
        return "—"
    return format_offset(seconds)


def local(stamp) -> str:
    """A stored time as the reader's clock shows it: `28 Kasım 2026 14.30 (TSİ)`, never ISO UTC."""
    return local_text(stamp, zone=True) if stamp else "—"


def clock(seconds) -> str:
    return format_clock(seconds) if seconds is not None else "—"


# Where the words for a stored value live: `claim.status.*` belongs to the claims area.
WORD_KEYS = {"statement": "review.state.", "mention": "review.mstate.", "fact": "review.fstatus.", "claim": "claim.status.", "update": "cadence.outcome."}


def word(value, group: str) -> str:
    """A stored state or status in the report's language (the value itself when it has no word)."""
    if value is None:
        return "—"
    key = WORD_KEYS[group] + str(value)
    text = i18n.t(key)
    return str(value) if text == key else text


def fact_name(key) -> str:
    """A fact's name in the report's language (`injured` → `Yaralı sayısı`)."""
    return display_name(str(key)) if key else "—"


def hour_range(hour) -> str:
    """Hour N of the incident clock as `T+0N:00:00–T+0N+1:00:00`."""
    return f"{format_clock(hour * 3600)}–{format_clock((hour + 1) * 3600)}"


def md_escape(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, MdRaw):
        return value
    text = one_line(str(value))  # no escape sequence survives into a file someone will `cat`
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_link(text, url) -> MdRaw:
    """[text](url) for an http(s) URL; otherwise the escaped text and the URL as text."""
    good = safe_url(url)
    label = md_escape(text if text else url)
    if good is None:
        return MdRaw(f"{label} ({md_escape(url)})" if text and url else label)
    return MdRaw(f"[{label}](<{good}>)")


def embedded_json(data) -> Markup:
    """JSON for a <script type="application/json"> element that no string can close."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return Markup(text)


@jinja2.pass_context
def role_title(context, role_id) -> str:
    """A checklist owner by the incident's playbook's title for it (`fact-checker` → `Teyit sorumlusu`)."""
    if not role_id:
        return "—"
    try:
        return load_playbook(context["r"]["incident"]["playbook"], i18n.get_lang()).role_title(str(role_id))
    except (CrisisError, KeyError, TypeError):
        return str(role_id)


def _common(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(duration=duration, clock=clock, shorten=shorten, summary=summary, safe_url=safe_url,
                       word=word, hour_range=hour_range, fact=fact_name, local=local, channel=channel_name, sentence=sentence,
                       playbook=shown_name, role=role_title)
    env.globals.update(t=i18n.t)
    return env


@functools.cache
def _html_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    return _common(env)


@functools.cache
def _md_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, finalize=md_escape, keep_trailing_newline=True,
    )
    env.globals.update(link=md_link)
    return _common(env)


def _context(report: dict) -> dict:
    m = report["metrics"]
    return {"r": report, "m": m, "mark": report.get("exercise_mark"), "lang": i18n.get_lang()}


def markdown(report: dict) -> str:
    text = _md_env().get_template("report.md.j2").render(**_context(report))
    return re.sub(r"\n{3,}", "\n\n", text)


def html(report: dict) -> str:
    m = report["metrics"]
    volume = gantt = None
    if m["mentions"]["available"]:
        volume = charts.mention_volume(m["mentions"]["series"], m["mentions"]["spikes"])
    if m["checklist"]["available"]:
        gantt = charts.checklist_gantt(m["checklist"]["steps"], m["clock_now_s"] or 0.0)
    summary_data = {k: report[k] for k in ("schema", "incident", "exercise", "redacted", "metrics", "chain")}
    return _html_env().get_template("report.html.j2").render(
        **_context(report), volume=volume, gantt=gantt, data=embedded_json(summary_data),
    )
