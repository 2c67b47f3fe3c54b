-- House styles made by offices (issue 13), and which style each export used.
-- `house_styles` holds each office style's current revision;
-- `house_style_revisions` every revision ever saved, so that a version
-- exported with revision 2 can still be shown and rendered as it was after
-- the style moved on. The built-in styles are compiled in, never stored.
CREATE TABLE house_styles (
    id         TEXT PRIMARY KEY NOT NULL,
    revision   INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    data       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE house_style_revisions (
    id         TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    data       TEXT NOT NULL,
    PRIMARY KEY (id, revision)
) WITHOUT ROWID;

CREATE TRIGGER house_style_revisions_are_immutable BEFORE UPDATE ON house_style_revisions
BEGIN
    SELECT RAISE(ABORT, 'style revisions are immutable');
END;

-- Every export of a version, with the style and revision it was laid out
-- in. A version is immutable and the same text may be exported again in
-- another style, so the record stands beside the version, one row per export.
CREATE TABLE version_styles (
    release_id     TEXT NOT NULL,
    version        INTEGER NOT NULL,
    style_id       TEXT NOT NULL,
    style_revision INTEGER NOT NULL,
    format         TEXT NOT NULL,
    exported_at    TEXT NOT NULL,
    FOREIGN KEY (release_id, version) REFERENCES versions (release_id, version)
);
CREATE INDEX version_styles_by_version ON version_styles (release_id, version);
