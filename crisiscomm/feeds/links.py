"""Links as dedupe keys: the same page however it was shared.

Scheme, `www.`/`m.`/`amp.` host prefixes, default ports, fragments, a trailing
slash, the order of query parameters and tracking parameters (`utm_*`,
`fbclid`, `gclid`, …) do not count. Both the stored and the incoming link go
through the same function, so a shared copy and the original meet.
"""

from __future__ import annotations

import urllib.parse

# Parameters that say who shared or clicked, never which page: removed.
TRACKING_PREFIXES = ("utm_", "hsa_", "pk_", "mtm_", "_hs", "oly_")
TRACKING_NAMES = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "gclsrc", "msclkid", "yclid", "ysclid", "twclid",
    "ttclid", "igshid", "igsh", "li_fat_id", "mc_cid", "mc_eid", "mkt_tok", "ref_src", "ref_url",
    "_ga", "_gl", "_openstat", "s_cid", "spm", "scid", "wickedid", "rb_clickid", "vero_id", "vero_conv",
    "cmpid", "ncid", "sr_share", "xtor", "at_medium", "at_campaign", "si", "feature",
})
_HOST_PREFIXES = ("www.", "m.", "mobile.", "amp.")


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_NAMES or name.startswith(TRACKING_PREFIXES)


def norm_link(link: str | None) -> str | None:
    """A link as a dedupe key (host, path, query without tracking); None when it is no http(s) link."""
    if not link:
        return None
    try:
        parts = urllib.parse.urlsplit(link.strip())
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    host = host.lower().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix):]
            break
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)
    )
    path = urllib.parse.quote(urllib.parse.unquote(parts.path), safe="/:@!$&'()*+,;=-._~%").rstrip("/")
    tail = "?" + urllib.parse.urlencode(query) if query else ""
    return f"{host}{path}{tail}"
