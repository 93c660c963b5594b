-- BPF Desk project file, schema version 1: one BPF year.
-- Append-only: never edit a migration that has shipped; add the next file instead.

-- The project's own identity: a random id that makes calendar UIDs unique across projects.
CREATE TABLE project (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    uid TEXT NOT NULL CHECK (length(uid) = 32)
) STRICT;
INSERT INTO project (id, uid) VALUES (1, lower(hex(randomblob(16))));

CREATE TABLE profile (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    title         TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    year          INTEGER NOT NULL CHECK (year BETWEEN 2006 AND 2100),
    topic         TEXT    NOT NULL DEFAULT '',
    goal          TEXT    NOT NULL DEFAULT '',
    website_url   TEXT    NOT NULL DEFAULT '',
    mailing_list  TEXT    NOT NULL DEFAULT '',
    contact_email TEXT    NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE annual_meeting (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date   TEXT NOT NULL CHECK (date(end_date) IS end_date),
    place      TEXT NOT NULL DEFAULT '',
    format     TEXT NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    zone       TEXT NOT NULL,
    CHECK (end_date >= start_date)
) STRICT;

CREATE TABLE team_member (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    organisation TEXT    NOT NULL DEFAULT '',
    email        TEXT    NOT NULL DEFAULT '',
    role         TEXT    NOT NULL CHECK (role IN ('mag_facilitator', 'co_facilitator', 'lead_expert',
                                                  'workstream_lead', 'secretariat_consultant')),
    mag_member   INTEGER NOT NULL CHECK (mag_member IN (0, 1))
) STRICT;

CREATE TABLE workstream (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    lead      TEXT NOT NULL DEFAULT '',
    objective TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE milestone (
    id                 INTEGER PRIMARY KEY,
    title              TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    kind               TEXT    NOT NULL,
    date               TEXT    NOT NULL CHECK (date(date) IS date),
    end_date           TEXT    CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= date)),
    owner              TEXT    NOT NULL DEFAULT '',
    workstream_id      INTEGER REFERENCES workstream (id) ON DELETE SET NULL,
    status             TEXT    NOT NULL CHECK (status IN ('planned', 'done')),
    derived_anchor     TEXT    CHECK (derived_anchor IS NULL OR derived_anchor IN ('meeting_start', 'meeting_end')),
    derived_offset     INTEGER,
    derived_end_anchor TEXT    CHECK (derived_end_anchor IS NULL OR derived_end_anchor IN ('meeting_start', 'meeting_end')),
    derived_end_offset INTEGER,
    notes              TEXT    NOT NULL DEFAULT '',
    CHECK ((derived_anchor IS NULL) = (derived_offset IS NULL)),
    CHECK ((derived_end_anchor IS NULL) = (derived_end_offset IS NULL))
) STRICT;

CREATE INDEX milestone_by_date ON milestone (date);
CREATE INDEX milestone_by_workstream ON milestone (workstream_id);
