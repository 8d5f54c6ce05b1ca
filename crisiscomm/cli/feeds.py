"""feeds, ingest, search, mentions and mention commands (see crisiscomm/feeds)."""

from __future__ import annotations

import math

import click

from crisiscomm import actions, i18n, incidents, mentions
from crisiscomm.cli import Context, emit_json, main, pass_ctx, show_progress
from crisiscomm.cli.output import progress_bar
from crisiscomm.errors import CrisisError
from crisiscomm.feeds import registry, sources
from crisiscomm.clock import local_text
from crisiscomm.text import fold
from crisiscomm.text.grammar import format_number
from crisiscomm.feeds.strings import t


def _one_line(text: str, width: int) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _when(stamp: str | None) -> str:
    return local_text(stamp) if stamp else "-"


@main.group()
def feeds() -> None:
    """Register feeds and see their health."""


@feeds.command("add")
@click.argument("source", metavar="URL_OR_PATH", required=False)
@click.option("--kind", type=click.Choice(sources.KINDS),
              help="What the address is (default: from the address; RSS/Atom otherwise).")
@click.option("--google-news", "google_news", metavar="QUERY", help="A Google News search (Turkish, last day) as the feed.")
@click.option("--youtube", metavar="CHANNEL_ID", help="A YouTube channel's video feed (channel id UC…).")
@click.option("--name", help="Short name (default: from the URL or file name).")
@click.option("--trust", type=click.Choice(registry.TRUST_LEVELS), help="How far the source is trusted "
              "(default: media for Google News and YouTube, social otherwise).")
@click.option("--interval", "interval_s", type=click.IntRange(min=registry.MIN_INTERVAL_S), default=120,
              show_default=True, help="Seconds between background polls.")
@click.option("--keyword", "keywords", multiple=True,
              help="Bluesky: also keep posts with this word (besides the open incidents' watch keywords).")
@click.option("--post-lang", "post_langs", multiple=True, metavar="LANG",
              help="Bluesky: keep only posts in this language (tr, en, …; repeatable).")
@pass_ctx
def feeds_add(ctx: Context, source: str | None, kind: str | None, google_news: str | None, youtube: str | None,
              name: str | None, trust: str | None, interval_s: int, keywords: tuple[str, ...],
              post_langs: tuple[str, ...]) -> None:
    """Register a feed URL, a feed file, every feed file of a folder, or a social source."""
    from crisiscomm.feeds.ingest import sources_in

    builders = [b for b in (source, google_news, youtube) if b]
    if len(builders) != 1:
        raise click.UsageError(i18n.t("cli.feed.sources_one"))
    if google_news or youtube:
        if kind not in (None, "rss"):
            raise click.UsageError(i18n.t("cli.feed.rss_only"))
        source = sources.google_news_url(google_news) if google_news else sources.youtube_url(youtube)
        if not name:
            name = _builder_name("gnews", google_news) if google_news else f"youtube-{youtube}"
        trust = trust or "media"
    options = {}
    if keywords or post_langs:
        if registry.source_kind(source, kind) != "bluesky":
            raise click.UsageError(i18n.t("cli.feed.bluesky_only"))
        options = {"keywords": sorted({k.strip() for k in keywords if k.strip()}),
                   "langs": sorted({lang.strip().lower() for lang in post_langs if lang.strip()})}
    found = sources_in(source) if kind in (None, "rss") else [source]
    if not found:
        raise CrisisError(t("feed.folder.no_files", source=source))
    if name and len(found) > 1:
        raise click.UsageError(i18n.t("cli.feed.name_one"))
    added = 0
    for src in found:
        if len(found) > 1 and (known := registry.registered_as(ctx.store, src)):
            click.echo(i18n.t("cli.feed.skipped", source=src, known=known))  # a folder grows: add the new files
            continue
        feed = actions.feeds.add_feed(ctx.session, src, name=name, trust=trust or "social", interval_s=interval_s,
                                      kind=kind, options=options).value
        shown_kind = "" if feed["kind"] == "rss" else f", {feed['kind']}"
        click.echo(f"{feed['id']}\t" + i18n.t("cli.feed.added", name=feed["name"], url=feed["url"], kind=shown_kind,
                                             trust=i18n.word("cli.feed.trust", feed["trust"])))
        added += 1
    if not added:
        raise CrisisError(t("feed.folder.all_known", source=source))


def _builder_name(prefix: str, words: str) -> str:
    return f"{prefix}-" + ("-".join(fold(words).split()) or "search")[:50]


@feeds.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def feeds_list(ctx: Context, as_json: bool) -> None:
    """List feeds with their health."""
    rows = [registry.public_view(f) for f in registry.list_feeds(ctx.store)]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(i18n.t("cli.feed.none"))
    for r in rows:
        health = i18n.word("cli.feed.status", r["status"])
        health += f" ({r['failures']}× {r['last_error']})" if r["status"] == "error" else ""
        if r["shed"]:
            health += i18n.t("cli.feed.shed", count=r["shed"])
        last_ok = i18n.t("cli.feed.last_ok", at=local_text(r["last_success"]) if r["last_success"] else "-")
        click.echo(f"{r['id']}\t{r['name']}\t{r['kind']}\t{i18n.word('cli.feed.trust', r['trust'])}\t{health}\t"
                   f"{last_ok}\t{r['url']}")


def _summary_line(result) -> str:
    line = i18n.t("cli.feed.summary_line", name=result.name, status=i18n.word("cli.feed.status", result.status),
                  new=result.new, dup=result.duplicates, took=i18n.t("cli.feed.took", seconds=format_number(result.seconds, i18n.get_lang(), places=2)))
    if result.error:
        line += f"  {result.error}"
    elif result.warning:
        line += i18n.t("cli.feed.parsed_partly")
    if result.note:
        line += f"  ({result.note})"
    return line


@main.command()
@click.argument("sources", nargs=-1, metavar="[PATH_OR_URL]...")
@click.option("--feed", "names", multiple=True, help="Poll only this registered feed (repeatable).")
@click.option("--incident", "incident_id", type=int, help="The mentions belong to this incident only (drill injects).")
@click.option("--stream", "stream_s", type=click.FloatRange(0, 86_400, min_open=True), metavar="SECONDS",
              callback=lambda _c, p, v: _finite(p, v), help="Also read the streaming sources (Bluesky Jetstream) for this long.")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def ingest(ctx: Context, sources: tuple[str, ...], names: tuple[str, ...], incident_id: int | None,
           stream_s: float | None, as_json: bool) -> None:
    """Poll feeds once (and read streams for --stream seconds); a summary per feed (exit 1 when one failed)."""
    from crisiscomm.feeds.ingest import sources_in

    store = ctx.store
    if incident_id is not None:
        incidents.get(store, incident_id)
    feeds_to_poll = [registry.get_feed(store, n) for n in names]
    for source in sources:
        found = sources_in(source)
        if not found:
            raise CrisisError(t("feed.folder.no_files", source=source))
        feeds_to_poll += [
            actions.feeds.feed_for_source(ctx.session, s, polled=incident_id is None).value for s in found
        ]
    if not names and not sources:
        feeds_to_poll = registry.list_feeds(store, polled_only=True)
        if not feeds_to_poll:
            raise CrisisError(i18n.t("cli.feed.none"))
    unique = list({f["id"]: f for f in feeds_to_poll}.values())
    streaming = [f for f in unique if registry.is_streaming(f)]
    for feed in unique:
        if not registry.is_polled_kind(feed) and not registry.is_streaming(feed):
            click.echo(i18n.t("cli.feed.by_hand", name=feed["name"], kind=feed["kind"]), err=True)
    unique = [f for f in unique if registry.is_polled_kind(f)]
    if stream_s is None:
        for feed in streaming:
            click.echo(i18n.t("cli.feed.streaming", name=feed["name"]), err=True)
        streaming = []
    elif not streaming:
        raise CrisisError(t("feed.stream.none"))
    results = _poll(ctx, unique, incident_id, as_json) if unique else []
    if streaming:
        from crisiscomm.cli.streams import read_streams

        results += read_streams(ctx.store, streaming, stream_s, operator=ctx.operator, quiet=as_json)
    if as_json:
        emit_json([r.as_dict() for r in results])
    else:
        for r in results:
            click.echo(_summary_line(r))
        failed = sum(r.status == "error" for r in results)
        click.echo(i18n.t("cli.feed.summary", feeds=len(results), new=sum(r.new for r in results),
                          dup=sum(r.duplicates for r in results), failed=failed))
    if any(r.status == "error" for r in results):
        raise SystemExit(1)


def _finite(param: click.Parameter, value: float | None) -> float | None:
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(i18n.t("cli.feed.seconds"), param=param)
    return value


def _poll(ctx: Context, unique: list[dict], incident_id: int | None, as_json: bool) -> list:
    if show_progress() and not as_json and len(unique) > 1:
        with progress_bar(len(unique), "ingest") as bar:
            return actions.feeds.poll(ctx.session, unique, incident_id=incident_id, on_result=lambda _r: bar.update(1))
    return actions.feeds.poll(ctx.session, unique, incident_id=incident_id)


@main.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def search(ctx: Context, query: str, limit: int, as_json: bool) -> None:
    """Search every mention (Turkish-aware, word prefixes), newest first."""
    rows = [mentions.public_view(r) for r in mentions.search(ctx.store, query, limit=limit)]
    if as_json:
        emit_json(rows)
        return
    if not rows:
        click.echo(i18n.t("cli.mention.none_found"))
    for r in rows:
        click.echo(f"{r['id']}\t{_when(r['published_at'])}\t{r['feed'] or '-'}\t{_one_line(r['title'] or r['text'], 100)}")


@main.command("mentions")
@click.argument("incident_id", type=int)
@click.option("--state", type=click.Choice(mentions.STATES))
@click.option("--search", "query", default="", help="Only mentions matching these words.")
@click.option("--all", "include_earlier", is_flag=True, help="Also mentions fetched before the incident opened.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many (newest first).")
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def mentions_cmd(ctx: Context, incident_id: int, state: str | None, query: str, include_earlier: bool,
                 limit: int | None, as_json: bool) -> None:
    """An incident's mentions, newest first, with the watch keywords they match."""
    rows = mentions.incident_mentions(
        ctx.store, incident_id, state=state, limit=limit, include_earlier=include_earlier, query=query,
    )
    if as_json:
        emit_json([mentions.public_view(r) for r in rows])
        return
    if not rows:
        click.echo(i18n.t("cli.mention.none"))
    for r in rows:
        marks = f" [{', '.join(r['keywords'])}]" if r["keywords"] else ""
        click.echo(f"{r['id']}\t{i18n.word('review.mstate', r['state']):<9}\t{_when(r['published_at'])}\t{r['feed'] or '-'}\t"
                   f"{_one_line(r['title'] or r['text'], 90)}{marks}")


@main.group()
def mention() -> None:
    """Triage mentions."""


@mention.command("set")
@click.argument("args", nargs=-1, required=True, metavar="ID [ID...] STATE")
@click.option("--incident", "incident_id", type=int,
              help="The incident the triage is for (needed when the mentions count for several).")
@pass_ctx
def mention_set(ctx: Context, args: tuple[str, ...], incident_id: int | None) -> None:
    """Set the triage state (new, seen, flagged, escalated, answered, ignored) of mentions."""
    if len(args) < 2:
        raise click.UsageError(i18n.t("cli.mention.ids_and_state"))
    *raw_ids, state = args
    if state not in mentions.STATES:
        raise click.BadParameter(i18n.t("cli.mention.bad_state", state=state, states=", ".join(mentions.STATES)),
                                 param_hint="STATE")
    try:
        ids = [int(i) for i in raw_ids]
    except ValueError as exc:
        raise click.BadParameter(i18n.t("cli.mention.ids_numbers"), param_hint="ID") from exc
    result = actions.mentions.triage(ctx.session, ids, state, incident_id=incident_id).value
    changed = len(result.changed)
    already = i18n.t("cli.mention.already", count=len(set(ids)) - changed) if changed < len(set(ids)) else ""
    click.echo(i18n.t("cli.mention.triaged", count=changed, state=i18n.word("review.mstate", state),
                      incident=result.incident_id, already=already))
