-- Schema version 9: dissemination (institutions, the cover letter, what was sent when) and
-- outreach (key organisations invited, by whom, when, and their answer).
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE institution (
    id                INTEGER PRIMARY KEY,
    organisation      TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
    contact           TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    address           TEXT NOT NULL DEFAULT '',
    why               TEXT NOT NULL DEFAULT '',
    stakeholder_group TEXT NOT NULL DEFAULT '' CHECK (stakeholder_group IN ('', 'government',
        'private_sector', 'civil_society', 'technical_community', 'academia', 'intergovernmental')),
    country           TEXT NOT NULL DEFAULT '' CHECK (country = '' OR length(country) = 2)
) STRICT;

CREATE TABLE sending (
    id             INTEGER PRIMARY KEY,
    institution_id INTEGER REFERENCES institution (id) ON DELETE SET NULL,
    organisation   TEXT NOT NULL,
    sent_on        TEXT NOT NULL,
    channel        TEXT NOT NULL CHECK (channel IN ('email', 'post', 'meeting', 'other')),
    note           TEXT NOT NULL DEFAULT ''
) STRICT;

-- The cover letter (Markdown with {{fields}}), NULL until edited: the built-in one applies.
CREATE TABLE dissemination_settings (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    letter    TEXT,
    signatory TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO dissemination_settings (id) VALUES (1);

CREATE TABLE invitation (
    id                INTEGER PRIMARY KEY,
    organisation      TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
    contact           TEXT NOT NULL DEFAULT '',
    stakeholder_group TEXT NOT NULL DEFAULT '' CHECK (stakeholder_group IN ('', 'government',
        'private_sector', 'civil_society', 'technical_community', 'academia', 'intergovernmental')),
    country           TEXT NOT NULL DEFAULT '' CHECK (country = '' OR length(country) = 2),
    invited_by        TEXT NOT NULL DEFAULT '',
    invited_on        TEXT NOT NULL,
    answer            TEXT NOT NULL CHECK (answer IN ('pending', 'committed', 'interested', 'declined', 'no_answer')),
    notes             TEXT NOT NULL DEFAULT ''
) STRICT;
