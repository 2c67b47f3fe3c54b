-- Full-text search over every field (issue: ten thousand releases).
-- `release_fts` tokenizes with unicode61 and strips diacritics, so "Geneve"
-- finds "Genève". `release_fts_trigram` indexes the same text by trigrams, for
-- Chinese, Japanese and Korean, which have no spaces between words.
-- Both are kept in step with `releases` by the store, in the same transaction
-- as each save; their rowid is the release's rowid.
CREATE VIRTUAL TABLE release_fts USING fts5 (
    headline, body, people, about, notes, reference, city,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE release_fts_trigram USING fts5 (
    text,
    tokenize = 'trigram'
);
