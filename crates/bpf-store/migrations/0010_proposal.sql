-- Schema version 10: the proposal's own texts (title, topic and goal are the profile's).
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE proposal (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    relevance     TEXT    NOT NULL DEFAULT '',
    outreach_plan TEXT    NOT NULL DEFAULT '',
    -- One text per indicator: a JSON object from the indicator's key to its text.
    indicators    TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(indicators)),
    returning_bpf INTEGER NOT NULL DEFAULT 0 CHECK (returning_bpf IN (0, 1))
) STRICT;
INSERT INTO proposal (id) VALUES (1);
