-- Schema version 4: the mailing list as evidence: archived messages, imports, member-list
-- snapshots and the thresholds of an active list.
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE mail_import (
    id            INTEGER PRIMARY KEY,
    imported_utc  TEXT    NOT NULL,
    files         INTEGER NOT NULL CHECK (files >= 0),
    messages_read INTEGER NOT NULL CHECK (messages_read >= 0),
    added         INTEGER NOT NULL CHECK (added >= 0),
    duplicates    INTEGER NOT NULL CHECK (duplicates >= 0),
    undated       INTEGER NOT NULL CHECK (undated >= 0),
    problems      INTEGER NOT NULL CHECK (problems >= 0),
    seconds       REAL    NOT NULL CHECK (seconds >= 0)
) STRICT;

-- One row per distinct message: `key` is `id:` + the normalised Message-ID, or `h:` + a hash
-- of From, Date and Subject. Only what the statistics need is kept, not the bodies.
CREATE TABLE mail_message (
    id           INTEGER PRIMARY KEY,
    key          TEXT    NOT NULL UNIQUE,
    message_id   TEXT    NOT NULL,
    sent_utc     INTEGER,            -- Unix seconds; NULL when no usable date
    date_source  TEXT    NOT NULL CHECK (date_source IN ('header', 'envelope', 'none')),
    from_address TEXT    NOT NULL,
    from_name    TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    in_reply_to  TEXT    NOT NULL,
    refs         TEXT    NOT NULL,   -- normalised ids, space-separated, oldest first
    body_bytes   INTEGER NOT NULL CHECK (body_bytes >= 0),
    import_id    INTEGER NOT NULL REFERENCES mail_import (id) ON DELETE CASCADE,
    source_file  TEXT    NOT NULL,
    source_line  INTEGER NOT NULL
) STRICT;
-- No secondary index: the statistics read every row anyway, and each index would slow the
-- import's inserts (the import must keep within 1.5x the time of decompressing the archive).

CREATE TABLE mail_snapshot (
    id           INTEGER PRIMARY KEY,
    taken_on     TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL,
    imported_utc TEXT NOT NULL
) STRICT;

CREATE TABLE mail_member (
    snapshot_id INTEGER NOT NULL REFERENCES mail_snapshot (id) ON DELETE CASCADE,
    address     TEXT    NOT NULL CHECK (length(address) > 0),
    name        TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (snapshot_id, address)
) STRICT, WITHOUT ROWID;

CREATE TABLE mail_settings (
    id                     INTEGER PRIMARY KEY CHECK (id = 1),
    min_subscribers        INTEGER NOT NULL DEFAULT 100 CHECK (min_subscribers >= 0),
    min_messages_per_month INTEGER NOT NULL DEFAULT 8 CHECK (min_messages_per_month >= 0)
) STRICT;
INSERT INTO mail_settings (id) VALUES (1);
