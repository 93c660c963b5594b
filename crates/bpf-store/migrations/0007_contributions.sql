-- Schema version 7: calls for contributions, the contributions received and their files.
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE call (
    id        INTEGER PRIMARY KEY,
    title     TEXT NOT NULL CHECK (length(trim(title)) > 0),
    text      TEXT NOT NULL DEFAULT '',
    opens_on  TEXT NOT NULL,
    closes_on TEXT NOT NULL CHECK (closes_on >= opens_on),
    channels  TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE contribution (
    id                INTEGER PRIMARY KEY,
    call_id           INTEGER REFERENCES call (id) ON DELETE SET NULL,
    title             TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    contributor       TEXT    NOT NULL CHECK (length(trim(contributor)) > 0),
    person_id         INTEGER REFERENCES person (id) ON DELETE SET NULL,
    organisation      TEXT    NOT NULL DEFAULT '',
    country           TEXT    NOT NULL DEFAULT '' CHECK (country = '' OR length(country) = 2),
    stakeholder_group TEXT    NOT NULL DEFAULT '' CHECK (stakeholder_group IN ('', 'government',
        'private_sector', 'civil_society', 'technical_community', 'academia', 'intergovernmental')),
    received_on       TEXT    NOT NULL,
    publish           INTEGER NOT NULL CHECK (publish IN (0, 1)),
    text              TEXT    NOT NULL DEFAULT '',
    notes             TEXT    NOT NULL DEFAULT ''
) STRICT;

-- The file as received, kept with the project.
CREATE TABLE contribution_file (
    contribution_id INTEGER PRIMARY KEY REFERENCES contribution (id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    bytes           BLOB NOT NULL
) STRICT;
