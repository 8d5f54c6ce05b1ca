"""Feeds: safe fetching (fetch), isolated parsing (parse, parse_worker), the feed
register (registry), ingest, search over a Turkish-folded index, spike detection."""
