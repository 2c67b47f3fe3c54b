-- Full-text search over every field (issue: ten thousand releases).
-- `release_fts` tokenizes with unicode61 and strips diacritics, so "Geneve"
-- finds "Genève"; one column per field group, so results can be ranked with
-- the headline first.
-- `release_fts_cjk` indexes Chinese, Japanese and Korean text, which has no
-- spaces between words: `bi` holds every pair of adjacent characters and
-- `uni` every single character, each as a token, so a query of any length
-- is a token or a phrase of consecutive pairs.
-- Both are kept in step with `releases` by the store, in the same
-- transaction as each save; their rowid is the release's rowid.
CREATE VIRTUAL TABLE release_fts USING fts5 (
    headline, body, people, about, notes, reference, city,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE release_fts_cjk USING fts5 (
    bi, uni,
    tokenize = 'unicode61'
);
