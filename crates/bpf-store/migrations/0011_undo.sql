-- Schema version 11: deletions that can be undone. An entry keeps every row one deletion removed
-- or changed, the rows its foreign keys cascaded to included, one value per cell (`val` keeps the
-- value's own type), to be put back in reverse order.
-- Append-only: never edit a migration that has shipped; add the next file instead.

CREATE TABLE undo_entry (
    id          INTEGER PRIMARY KEY,
    label       TEXT    NOT NULL CHECK (length(label) > 0),
    removed_utc TEXT    NOT NULL
) STRICT;

-- `seq` orders the row changes of an entry; `op` is what happened to the row: 'delete' (put it
-- back), 'update' (give it back its old values) or 'insert' (remove it).
CREATE TABLE undo_cell (
    entry_id INTEGER NOT NULL REFERENCES undo_entry (id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    tbl      TEXT    NOT NULL,
    op       TEXT    NOT NULL CHECK (op IN ('delete', 'update', 'insert')),
    rid      INTEGER NOT NULL,
    col      TEXT    NOT NULL,
    val      ANY
) STRICT;
CREATE INDEX undo_cell_entry ON undo_cell (entry_id, seq);
