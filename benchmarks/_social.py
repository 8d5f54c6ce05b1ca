"""Synthetic social sources for the benchmarks: Mastodon tag timelines (JSON) and Telegram
channel previews (HTML) written to a folder that _feed_server.py serves, and Jetstream posts."""

from __future__ import annotations

import html
import json
import pathlib
import random

from _synthetic import sentence

KEYWORDS_50 = (
    "deprem artçı sarsıntı enkaz yaralı ölü kayıp tahliye çadır barınma Kızılay AFAD AKUT itfaiye ambulans "
    "hastane kan bağışı su baskını sel heyelan yangın orman tsunami fay Malatya Kahramanmaraş Hatay Adıyaman "
    "Gaziantep Elbistan Pazarcık toplanma alanı konteyner battaniye ısıtıcı erzak gönüllü arama kurtarma vali "
    "bakan açıklama yalanlama söylenti baraj köprü elektrik"
).split()


def mastodon_statuses(tag: str, count: int, rng: random.Random) -> list[dict]:
    base = 113_000_000_000_000_000
    return [{
        "id": str(base + n), "created_at": f"2026-11-28T04:{n % 60:02d}:00.000Z",
        "uri": f"https://bench.social/users/u{n % 9}/statuses/{tag}{n}", "url": f"https://bench.social/@u{n % 9}/{tag}{n}",
        "content": f"<p>{html.escape(sentence(rng, 30))} <a href=\"https://bench.social/tags/{tag}\">#{tag}</a></p>",
        "spoiler_text": "", "in_reply_to_id": None, "reblog": None, "language": "tr",
        "reblogs_count": n % 13, "favourites_count": n % 7, "replies_count": 0,
        "account": {"acct": f"u{n % 9}", "username": f"u{n % 9}", "display_name": f"Kullanıcı {n % 9}",
                    "followers_count": 100 * n},
    } for n in range(1, count + 1)]


def telegram_preview(channel: str, posts: int, rng: random.Random) -> str:
    messages = "".join(
        f'<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="{channel}/{n}">'
        f'<a class="tgme_widget_message_owner_name"><span>Kanal {channel}</span></a>'
        f'<div class="tgme_widget_message_text js-message_text">{html.escape(sentence(rng, 40))}<br>{html.escape(sentence(rng, 10))}</div>'
        f'<span class="tgme_widget_message_views">{n}.{n % 10}K</span>'
        f'<a class="tgme_widget_message_date" href="https://t.me/{channel}/{n}"><time datetime="2026-11-28T04:{n % 60:02d}:00+00:00">04:00</time></a>'
        '</div></div>' for n in range(1, posts + 1))
    return (f'<html><body><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span>{channel}</span></div>'
            '<div class="tgme_channel_info_counter"><span class="counter_value">45.6K</span><span class="counter_type">subscribers</span></div></div>'
            f'<section class="tgme_channel_history">{messages}</section></body></html>')


def write_social(folder: pathlib.Path, tags: int, channels: int, seed: int = 29) -> tuple[list[str], list[str]]:
    """Mastodon timelines under mastodon/TAG.json and Telegram previews under s/CHANNEL; their names."""
    rng = random.Random(seed)
    (folder / "mastodon").mkdir(parents=True, exist_ok=True)
    (folder / "s").mkdir(parents=True, exist_ok=True)
    tag_names = [f"deprem{n}" for n in range(tags)]
    for tag in tag_names:
        (folder / "mastodon" / f"{tag}.json").write_text(json.dumps(mastodon_statuses(tag, 40, rng)), encoding="utf-8")
    channel_names = [f"kanal{n:02d}" for n in range(channels)]
    for channel in channel_names:
        (folder / "s" / channel).write_text(telegram_preview(channel, 20, rng), encoding="utf-8")
    return tag_names, channel_names


def jetstream_messages(count: int, match_every: int, seed: int = 31, planted: tuple[str, ...] = ()) -> list[str]:
    """Jetstream commit messages as sent (JSON text); one in `match_every` names a watch keyword
    (with a suffix, so some are words a Turkish reader would not count), or one of `planted`."""
    rng = random.Random(seed)
    plain = "bugün hava güzel toplantı maç kahve trafik sınav konser kitap tatil alışveriş yemek".split()
    out = []
    for n in range(count):
        words = [rng.choice(plain) for _ in range(18)]
        if n % match_every == 0:
            word = rng.choice(planted) if planted else rng.choice(KEYWORDS_50) + rng.choice(["", "de", "'ın", "ler"])
            words.insert(rng.randrange(len(words)), word)
        out.append(json.dumps({
            "did": f"did:plc:bench{n % 997}", "time_us": 1_764_304_200_000_000 + n, "kind": "commit",
            "commit": {"rev": f"r{n}", "operation": "create", "collection": "app.bsky.feed.post", "rkey": f"3k{n:09d}",
                       "cid": f"bafy{n}", "record": {"$type": "app.bsky.feed.post", "text": " ".join(words).capitalize(),
                                                    "createdAt": "2026-11-28T04:50:00.000Z",
                                                    "langs": [rng.choice(["tr", "tr", "tr", "en"])]}},
        }, ensure_ascii=False))
    return out
