-- Schema version 2: virtual meetings and the places participants join from.
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE place (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    zone         TEXT    NOT NULL,
    participants INTEGER NOT NULL CHECK (participants BETWEEN 0 AND 100000)
) STRICT;

CREATE TABLE meeting (
    id           INTEGER PRIMARY KEY,
    title        TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind         TEXT    NOT NULL CHECK (kind IN ('open_virtual_meeting', 'coordinating_team_call', 'webinar',
                                                  'annual_meeting_session')),
    -- The start instant in UTC, RFC 3339 with a Z, to the second.
    start_utc    TEXT    NOT NULL CHECK (start_utc GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    -- The organiser's IANA zone.
    zone         TEXT    NOT NULL,
    minutes      INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 720),
    join_url     TEXT    NOT NULL DEFAULT '',
    announced_on TEXT    CHECK (announced_on IS NULL OR date(announced_on) IS announced_on),
    status       TEXT    NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
    summary      TEXT    NOT NULL DEFAULT '',
    -- RFC 5545 SEQUENCE: raised on every change of the meeting.
    sequence     INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0)
) STRICT;

CREATE INDEX meeting_by_start ON meeting (start_utc);

CREATE TABLE agenda_item (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    presenter  TEXT    NOT NULL DEFAULT '',
    minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 720),
    PRIMARY KEY (meeting_id, position)
) STRICT;

CREATE TABLE meeting_material (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    url        TEXT    NOT NULL CHECK (length(trim(url)) > 0),
    PRIMARY KEY (meeting_id, position)
) STRICT;
