"""A statement version's text per channel (SPEC §6): the full body, and the short form that X,
Bluesky and SMS need, filled from the same fact sheet and approved by the same approval.

A version stores `channel_texts` ({channel: text}) beside its body; a channel not in it
gets the body. A template's `short` form goes to X, Bluesky and SMS, and to any other
channel whose limit the body exceeds (Mastodon's 500 for a long body).
"""

from __future__ import annotations

import dataclasses
import json

from crisiscomm.posts import CHANNELS, channel_name
from crisiscomm.statements import channels
from crisiscomm.statements.findings import Finding

SHORT_CHANNELS = ("x", "bluesky", "sms")


def forms_for(body: str, short: str | None) -> dict[str, str]:
    """The channel texts a version keeps beside `body` when it has a short form."""
    if not short or not short.strip():
        return {}
    forms = dict.fromkeys(SHORT_CHANNELS, short)
    for channel in CHANNELS:
        if channel not in forms and channels.measure(channels.channel_text(body, channel), channel).over:
            forms[channel] = short
    return forms


def parsed(value: object) -> dict[str, str]:
    """A version row's `channel_texts` (JSON in the database, a dict in a view)."""
    if isinstance(value, dict):
        return dict(value)
    return json.loads(value or "{}") if isinstance(value, str) else {}


def text_of(version: dict, channel: str) -> str:
    """The version's text for `channel` as written (before the channel's tidying)."""
    return parsed(version.get("channel_texts")).get(channel) or version["body"]


def posted_text(version: dict, channel: str, *, exercise: bool = False) -> str:
    """What goes out on `channel`: its own text or the body, tidied, with the drill mark."""
    return channels.channel_text(text_of(version, channel), channel, exercise=exercise)


def signed_text(version: dict) -> str:
    """What one approval covers and a signed approval hashes: the body, and the channel texts when
    the version has any (a version without them hashes its body alone, as before)."""
    forms = parsed(version.get("channel_texts"))
    if not forms:
        return version["body"]
    return version["body"] + "\n\x1e" + json.dumps(forms, ensure_ascii=False, sort_keys=True)


def measure_version(version: dict, *, exercise: bool = False) -> list[channels.Measure]:
    """Every channel's length for the version, each channel measuring its own text."""
    forms = parsed(version.get("channel_texts"))
    if not forms:
        return channels.measure_all(version["body"], exercise=exercise)
    order = [*channels.MEASURE_ORDER, *(ch for ch in CHANNELS if ch not in channels.MEASURE_ORDER)]
    return [channels.measure(posted_text(version, ch, exercise=exercise), ch) for ch in order]


def lint_forms(body_findings: list[Finding], forms: dict[str, str], lint_one) -> list[Finding]:
    """The body's findings, and those of each channel text linted against its channels
    (`lint_one(text, channel)`), named by the channels; repeats of the body's are left out."""
    found = list(body_findings)
    seen = {(f.rule, f.message) for f in found}
    by_text: dict[str, list[str]] = {}
    for channel, text in forms.items():
        by_text.setdefault(text, []).append(channel)
    for text, chosen in by_text.items():
        names = ", ".join(channel_name(ch) for ch in chosen)
        for channel in chosen:
            for f in lint_one(text, channel):
                if (f.rule, f.message) in seen:
                    continue
                seen.add((f.rule, f.message))
                found.append(dataclasses.replace(f, message=f"[{names}] {f.message}", start=None, end=None))
    return found
