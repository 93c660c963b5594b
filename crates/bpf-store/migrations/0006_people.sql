-- Schema version 6: the register of people, merges (kept for undo), balance thresholds.
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE person (
    id                INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    organisation      TEXT    NOT NULL DEFAULT '',
    country           TEXT    NOT NULL DEFAULT '' CHECK (country = '' OR length(country) = 2),
    stakeholder_group TEXT    NOT NULL DEFAULT '' CHECK (stakeholder_group IN ('', 'government',
        'private_sector', 'civil_society', 'technical_community', 'academia', 'intergovernmental')),
    role              TEXT    NOT NULL CHECK (role IN ('participant', 'contributor', 'expert', 'speaker',
                                                       'coordinating_team', 'secretariat')),
    notes             TEXT    NOT NULL DEFAULT '',
    -- Set when this entry was merged into another: it is hidden, its addresses count for that one.
    merged_into       INTEGER REFERENCES person (id),
    CHECK (merged_into IS NULL OR merged_into <> id)
) STRICT;

-- Every address belongs to one entry; lower case.
CREATE TABLE person_email (
    address   TEXT    NOT NULL PRIMARY KEY CHECK (address = lower(address) AND address LIKE '%_@_%'),
    person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL
) STRICT;
CREATE INDEX person_email_person ON person_email (person_id);

-- A merge and what it changed in the kept entry, so that it can be undone: `filled` lists the
-- fields of the kept entry that were empty and took the merged entry's value.
CREATE TABLE person_merge (
    id         INTEGER PRIMARY KEY,
    kept_id    INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    merged_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    filled     TEXT    NOT NULL DEFAULT '',
    merged_utc TEXT    NOT NULL,
    undone_utc TEXT
) STRICT;

CREATE TABLE balance_settings (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    min_group_percent   INTEGER NOT NULL DEFAULT 10 CHECK (min_group_percent BETWEEN 0 AND 100),
    min_region_percent  INTEGER NOT NULL DEFAULT 10 CHECK (min_region_percent BETWEEN 0 AND 100),
    max_unknown_percent INTEGER NOT NULL DEFAULT 25 CHECK (max_unknown_percent BETWEEN 0 AND 100)
) STRICT;
INSERT INTO balance_settings (id) VALUES (1);
