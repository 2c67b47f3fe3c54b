-- Releases, their immutable versions, and the clearance log.
-- The full release is kept as JSON in `data`; the other columns are copies
-- used for listing and filtering without parsing JSON. `data` comes last:
-- SQLite stores a row's columns in order, and a long JSON value spills into
-- overflow pages, so listing columns placed after it would cost a walk
-- through those pages for every row listed.
CREATE TABLE releases (
    id            TEXT PRIMARY KEY NOT NULL,
    headline      TEXT NOT NULL,
    type_label    TEXT NOT NULL,
    language      TEXT NOT NULL,
    status        TEXT NOT NULL,
    dateline_date TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    -- When the text last changed after the newest snapshot; NULL when none since.
    dirty_since   TEXT,
    data          TEXT NOT NULL
);
CREATE INDEX releases_by_updated ON releases (updated_at DESC);

CREATE TABLE versions (
    release_id TEXT NOT NULL REFERENCES releases (id),
    version    INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    status     TEXT NOT NULL,
    data       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (release_id, version)
) WITHOUT ROWID;

-- A version, once written, never changes and is never removed.
CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
BEGIN
    SELECT RAISE(ABORT, 'versions are immutable');
END;
CREATE TRIGGER versions_are_kept BEFORE DELETE ON versions
BEGIN
    SELECT RAISE(ABORT, 'versions are never deleted');
END;

CREATE TABLE clearance_log (
    id         INTEGER PRIMARY KEY,
    release_id TEXT NOT NULL REFERENCES releases (id),
    version    INTEGER NOT NULL,
    reviewer   TEXT NOT NULL,
    role       TEXT NOT NULL,
    decision   TEXT NOT NULL,
    note       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    FOREIGN KEY (release_id, version) REFERENCES versions (release_id, version)
);
CREATE INDEX clearance_log_by_release ON clearance_log (release_id, id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;
