"""Feeds, mentions and their Turkish-folded full-text index."""

from sqlite_utils import Migrations

from crisiscomm.schema._sql import run_script

migrations = Migrations("crisiscomm.feeds")


@migrations()
def m001_feeds_mentions(db):
    run_script(db,
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            trust TEXT NOT NULL DEFAULT 'social' CHECK (trust IN ('official', 'media', 'social')),
            interval_s INTEGER NOT NULL DEFAULT 120,
            -- 0: a source replayed into one incident (a drill inject), never polled in the background
            polled INTEGER NOT NULL DEFAULT 1,
            etag TEXT,
            last_modified TEXT,
            body_hash TEXT,
            -- new | ok | unchanged | error
            status TEXT NOT NULL DEFAULT 'new',
            last_error TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            last_success TEXT,
            last_attempt TEXT,
            last_new INTEGER NOT NULL DEFAULT 0,
            last_duration_ms INTEGER,
            added_at TEXT NOT NULL
        );
        CREATE TABLE mentions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            feed_id INTEGER REFERENCES feeds(id),
            -- set only for mentions that belong to one incident (drill injects);
            -- feed mentions belong to the incidents active when they arrived
            incident_id INTEGER REFERENCES incidents(id),
            -- the per-feed dedupe key: the item's guid, else its link, else its content hash
            guid TEXT NOT NULL,
            link TEXT,
            norm_link TEXT,
            author TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            published_at TEXT,
            fetched_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'new'
                CHECK (state IN ('new', 'seen', 'flagged', 'escalated', 'answered', 'ignored')),
            claim_id INTEGER
        );
        -- a drill may replay a feed into each exercise: dedupe is per feed and incident scope
        CREATE UNIQUE INDEX mentions_dedupe ON mentions(ifnull(feed_id, 0), ifnull(incident_id, 0), guid);
        CREATE INDEX mentions_fetched ON mentions(fetched_at);
        CREATE INDEX mentions_incident ON mentions(incident_id, id);
        CREATE INDEX mentions_norm_link ON mentions(norm_link);
        CREATE INDEX mentions_state ON mentions(state, id);
        CREATE INDEX mentions_feed ON mentions(feed_id, id);
        -- search index over a Turkish-folded copy (rowid = mentions.id), filled per batch;
        -- prefix indexes make word-prefix queries ("deprem"*) stream newest-first instead of
        -- merging every matching term's doclist (~40x faster at a million rows)
        CREATE VIRTUAL TABLE mentions_fts USING fts5(
            body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4 5 6 7 8'
        );
        """
    )


@migrations()
def m002_source_kinds_and_trusted_dedupe(db):
    from crisiscomm.feeds.links import norm_link

    run_script(db,
        """
        -- rss | mastodon | telegram | bluesky (a Jetstream websocket) | intake (what is phoned in) | import
        ALTER TABLE feeds ADD COLUMN kind TEXT NOT NULL DEFAULT 'rss';
        -- kind-specific settings as JSON (a Jetstream source's languages, an import's profile)
        ALTER TABLE feeds ADD COLUMN options TEXT NOT NULL DEFAULT '{}';
        -- where the next read starts: a Mastodon status id, a Jetstream time_us
        ALTER TABLE feeds ADD COLUMN cursor TEXT;
        -- a server's Retry-After: no request before this time
        ALTER TABLE feeds ADD COLUMN retry_at TEXT;
        -- streaming sources: messages read, and dropped under load (shown in health)
        ALTER TABLE feeds ADD COLUMN received INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE feeds ADD COLUMN shed INTEGER NOT NULL DEFAULT 0;
        -- an item stored although an earlier one had the same page (a more trusted source): that one
        ALTER TABLE mentions ADD COLUMN duplicate_of INTEGER;
        -- what social sources tell about a post: @handle, followers or subscribers, boosts or
        -- reposts, reply / boost / forward / quote, language
        ALTER TABLE mentions ADD COLUMN handle TEXT;
        ALTER TABLE mentions ADD COLUMN reach INTEGER;
        ALTER TABLE mentions ADD COLUMN shares INTEGER;
        ALTER TABLE mentions ADD COLUMN post_type TEXT;
        ALTER TABLE mentions ADD COLUMN lang TEXT;
        """
    )
    # links stored before tracking parameters and host prefixes were normalised away
    rows = db.execute("SELECT id, link, norm_link FROM mentions WHERE link IS NOT NULL").fetchall()
    changed = [(new, mid) for mid, link, old in rows if (new := norm_link(link)) != old]
    if changed:
        db.conn.executemany("UPDATE mentions SET norm_link = ? WHERE id = ?", changed)


@migrations()
def m003_invisible_characters(db):
    """Zero-width and other invisible format characters out of stored mentions and their folded
    index (`dep\u200brem` is found as `deprem`); rows without them are left as they are."""
    from crisiscomm.text.fold import INVISIBLE_RE, fold, strip_invisible

    db.conn.create_function("cc_invisible", 1, lambda s: 1 if s and INVISIBLE_RE.search(s) else 0, deterministic=True)
    rows = db.conn.execute(
        "SELECT id, title, text, author FROM mentions"
        " WHERE cc_invisible(title) OR cc_invisible(text) OR cc_invisible(author)"
    ).fetchall()
    for mention_id, title, text, author in rows:
        title, text, author = strip_invisible(title), strip_invisible(text), strip_invisible(author)
        db.conn.execute("UPDATE mentions SET title = ?, text = ?, author = ? WHERE id = ?", (title, text, author, mention_id))
        db.conn.execute("DELETE FROM mentions_fts WHERE rowid = ?", (mention_id,))
        db.conn.execute("INSERT INTO mentions_fts (rowid, body) VALUES (?, ?)", (mention_id, fold(f"{title} {text} {author}")))
