-- Schema version 8: public comments on the draft, each with its disposition and response; and
-- on a publication, how many comments were still unresolved (published with the override).
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE public_comment (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL CHECK (source IN ('csv', 'mail', 'manual')),
    author       TEXT    NOT NULL CHECK (length(trim(author)) > 0),
    organisation TEXT    NOT NULL DEFAULT '',
    email        TEXT    NOT NULL DEFAULT '',
    received_on  TEXT    NOT NULL,
    section_id   INTEGER REFERENCES report_section (id) ON DELETE SET NULL,
    text         TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    disposition  TEXT    CHECK (disposition IS NULL OR disposition IN ('accepted', 'partly', 'not_accepted', 'out_of_scope')),
    response     TEXT    NOT NULL DEFAULT '',
    -- The same comment imported twice (from the same file, or from the list and the file) is kept once.
    UNIQUE (author, email, received_on, text)
) STRICT;

ALTER TABLE report_publication ADD COLUMN unresolved_comments INTEGER NOT NULL DEFAULT 0;
