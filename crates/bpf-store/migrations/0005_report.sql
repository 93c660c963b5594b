-- The output report: its sections (Markdown), its images, and the versions as published.

CREATE TABLE report_section (
    id        INTEGER PRIMARY KEY,
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL,
    title     TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    included  INTEGER NOT NULL DEFAULT 1 CHECK (included IN (0, 1)),
    body      TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE report_image (
    name    TEXT PRIMARY KEY,
    format  TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'svg')),
    bytes   BLOB NOT NULL
);

-- A published version, frozen: the whole document as JSON and the images it shows.
CREATE TABLE report_publication (
    id                INTEGER PRIMARY KEY,
    version           TEXT NOT NULL CHECK (version IN ('draft', 'final')),
    published_on      TEXT NOT NULL,
    comment_deadline  TEXT,
    recorded_at       TEXT NOT NULL,
    document          TEXT NOT NULL
);

CREATE TABLE report_publication_image (
    publication_id  INTEGER NOT NULL REFERENCES report_publication (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    format          TEXT NOT NULL,
    bytes           BLOB NOT NULL,
    PRIMARY KEY (publication_id, name)
);
