"""Column profiles for monitoring-service exports: which header means which mention field.

A profile maps header names (compared case-, accent- and spacing-blind) to the
fields of a mention. `generic` knows common Turkish and English headers; the
others follow the exports of services many institutions pay for. Without
`--profile`, the profile whose headers the file matches best is used; `--map
COLUMN=FIELD` adds to or overrides any of them.
"""

from __future__ import annotations

import re

from crisiscomm.text import fold

FIELDS = ("title", "text", "link", "author", "outlet", "handle", "published_at", "reach", "shares", "lang", "guid")
FIELD_HELP = {
    "title": "headline", "text": "body or snippet", "link": "address of the item", "author": "who wrote it",
    "outlet": "the publication or site", "handle": "@account", "published_at": "date and time",
    "reach": "followers, readers or audience", "shares": "reposts or shares", "lang": "language code",
    "guid": "the service's own id of the item (dedupe)",
}

_GENERIC = {
    "title": ["title", "headline", "baslik", "haber basligi", "subject", "konu"],
    "text": ["text", "content", "body", "snippet", "summary", "description", "metin", "icerik", "ozet", "aciklama",
             "mesaj", "message", "full text", "tam metin"],
    "link": ["url", "link", "permalink", "baglanti", "adres", "haber linki", "kaynak linki"],
    "author": ["author", "yazar", "name", "full name", "ad soyad", "kullanici", "user", "muhabir"],
    "outlet": ["source", "source name", "kaynak", "medya", "yayin", "yayin adi", "site", "domain", "outlet",
               "publication", "mecra"],
    "handle": ["handle", "screen name", "username", "kullanici adi", "hesap"],
    "published_at": ["date", "published", "published at", "publish date", "created at", "time", "tarih",
                     "yayin tarihi", "tarih saat", "zaman", "datetime"],
    "reach": ["reach", "erisim", "followers", "takipci", "takipci sayisi", "audience", "impressions", "gosterim",
              "tiraj", "circulation"],
    "shares": ["shares", "paylasim", "retweets", "reposts", "boosts"],
    "lang": ["language", "lang", "dil"],
    "guid": ["id", "item id", "document id", "kimlik", "haber id"],
}

PROFILES: dict[str, dict[str, list[str]]] = {
    "generic": _GENERIC,
    # Meltwater's media and social exports
    "meltwater": {
        "title": ["headline"], "text": ["opening text", "hit sentence"], "link": ["url"],
        "author": ["author", "influencer"], "outlet": ["source", "source name"], "handle": ["twitter screen name"],
        "published_at": ["date", "alternate date format"], "reach": ["reach", "twitter followers"],
        "shares": ["twitter social echo"], "lang": ["language"], "guid": ["document id", "tweet id"],
    },
    # Brandwatch Consumer Research mention exports
    "brandwatch": {
        "title": ["title"], "text": ["full text", "snippet"], "link": ["url"], "author": ["full name", "author"],
        "outlet": ["domain"], "handle": ["author"], "published_at": ["date"],
        "reach": ["reach (new)", "twitter followers", "reach"], "shares": ["twitter retweets"],
        "lang": ["language"], "guid": ["resource id", "mention id"],
    },
    # Talkwalker result exports
    "talkwalker": {
        "title": ["title"], "text": ["content", "title_snippet"], "link": ["url"],
        "author": ["extra_author_attributes.name", "author_name"], "outlet": ["extra_source_attributes.name"],
        "handle": ["extra_author_attributes.short_name"], "published_at": ["published"],
        "reach": ["reach"], "shares": ["engagement"], "lang": ["lang"], "guid": ["id"],
    },
}

_SPACES = re.compile(r"[\s_\-./()]+")


def header_key(name: str) -> str:
    """A header as compared: Turkish-folded, lower case, separators as one space."""
    return _SPACES.sub(" ", fold(str(name))).strip()


def column_map(headers: list[str], profile: str) -> dict[int, str]:
    """Column index → field for these headers under a profile (first matching column per field)."""
    wanted = PROFILES[profile]
    keys = [header_key(h) for h in headers]
    mapping: dict[int, str] = {}
    for field in FIELDS:
        for alias in wanted.get(field, []):
            alias_key = header_key(alias)
            index = next((i for i, k in enumerate(keys) if k == alias_key and i not in mapping), None)
            if index is not None:
                mapping[index] = field
                break
    return mapping


def best_profile(headers: list[str]) -> str:
    """The profile that recognises most columns (the named services win ties over generic)."""
    scores = {name: len(column_map(headers, name)) for name in PROFILES}
    return max(scores, key=lambda name: (scores[name], name != "generic"))
