-- Linked language versions (issue 18): which release a translation was made
-- from, and the source version its text follows. The link itself is kept in
-- the release JSON (`translation_of`); this table is a copy for finding a
-- release's language versions without parsing every row, written with the
-- row (store::write_row).
CREATE TABLE language_links (
    release_id     TEXT PRIMARY KEY NOT NULL REFERENCES releases (id),
    source_id      TEXT NOT NULL,
    source_version INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX language_links_by_source ON language_links (source_id);

INSERT INTO language_links (release_id, source_id, source_version)
SELECT id, json_extract(data, '$.translation_of.release_id'), json_extract(data, '$.translation_of.version')
FROM releases
WHERE json_extract(data, '$.translation_of.release_id') IS NOT NULL;
