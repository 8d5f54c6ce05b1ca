"""Feed bytes to UTF-8 before parsing.

A byte-order mark decides; without one, the first bytes of an XML document
tell UTF-16 and UTF-32 (big or little endian) apart (XML 1.0, appendix F);
otherwise the declared charset (XML declaration, then HTTP), then UTF-8, then
cp1254: a Turkish feed that says UTF-8 but is cp1254, or says Latin-1 but is
ISO-8859-9, reads as its authors wrote it.
"""

from __future__ import annotations

import re

_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"'][^>]*\?>")
_LATIN1_NAMES = {"iso-8859-1", "latin-1", "latin1", "l1", "cp1252", "windows-1252", "us-ascii", "ascii"}
# Bytes that are Turkish letters in ISO-8859-9/cp1254 but Icelandic in Latin-1
# (Ğ İ Ş ğ ı ş / Ð Ý Þ ð ý þ): a Turkish feed declared Latin-1 carries them.
_TURKISH_IN_LATIN1 = re.compile(rb"[\xd0\xdd\xde\xf0\xfd\xfe]")
_WIDE_NAMES = ("utf-16", "utf-32", "ucs-2", "ucs-4", "utf16", "utf32", "ucs2", "ucs4")

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# Tried in this order on the first bytes of a document without a mark: a UTF-16 text
# never decodes as UTF-32 (its code points would pass U+10FFFF), the reverse may.
_WIDE = ("utf-32-be", "utf-32-le", "utf-16-be", "utf-16-le")


def _encoding_name(name: str) -> str:
    return name.strip().lower().replace("_", "-")


def _declare_utf8(body: bytes) -> bytes:
    match = _XML_DECL.match(body)
    return body[: match.start(1)] + b"utf-8" + body[match.end(1):] if match else body


def _wide_encoding(body: bytes) -> tuple[str, int] | None:
    """(codec, bytes to skip) when a byte-order mark or the first characters say which."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name, len(bom)
    if b"\x00" not in body[:4]:
        return None
    for name in _WIDE:
        try:
            head = body[:64].decode(name)
        except UnicodeDecodeError:
            continue
        if head.lstrip(" \t\r\n").startswith("<"):
            return name, 0
    return None


def normalise_feed_encoding(body: bytes, http_charset: str | None = None) -> bytes:
    """Feed bytes as UTF-8 with a matching XML declaration (unreadable bytes are left as they are)."""
    wide = _wide_encoding(body)
    if wide:
        name, skip = wide
        try:
            text = body[skip:].decode(name)
        except UnicodeDecodeError:
            text = body[skip:].decode(name, "replace")  # a mark that lies about a few bytes
        return _declare_utf8(text.lstrip("\ufeff").encode("utf-8"))
    match = _XML_DECL.match(body)
    declared = _encoding_name(match.group(1).decode("ascii")) if match else None
    if declared and declared.startswith(_WIDE_NAMES):
        declared = None  # the bytes are not wide (checked above): the declaration is wrong
    candidates = [c for c in (declared, _encoding_name(http_charset) if http_charset else None) if c]
    if not candidates or candidates[0] in ("utf-8", "utf8"):
        try:
            body.decode("utf-8")
            return body
        except UnicodeDecodeError:
            pass
    for name in candidates + ["utf-8", "cp1254"]:
        if name in _LATIN1_NAMES and _TURKISH_IN_LATIN1.search(body):
            name = "cp1254"
        if name.startswith(_WIDE_NAMES):
            continue
        try:
            text = body.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        return _declare_utf8(text.encode("utf-8"))
    return body
