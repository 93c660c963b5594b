-- Schema version 3: who attended each meeting, from imported reports.
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE attendee (
    meeting_id     INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    name           TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    email          TEXT    NOT NULL DEFAULT '',
    guest          INTEGER NOT NULL CHECK (guest IN (0, 1)),
    joins          INTEGER NOT NULL CHECK (joins >= 1),
    minutes        INTEGER NOT NULL CHECK (minutes >= 0),
    first_join_utc TEXT    NOT NULL,
    last_leave_utc TEXT    NOT NULL,
    team_member_id INTEGER REFERENCES team_member (id) ON DELETE SET NULL,
    PRIMARY KEY (meeting_id, position)
) STRICT;
