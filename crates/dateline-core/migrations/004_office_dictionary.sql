-- The office dictionary (issue 16): words the spelling check accepts for
-- every release (names of places, programmes, people), added by officers.
-- Matching ignores case, so the key is the lower-cased word; `word` keeps
-- the spelling as it was added.
CREATE TABLE office_dictionary (
    key TEXT PRIMARY KEY,
    word TEXT NOT NULL,
    added_at TEXT NOT NULL
) WITHOUT ROWID;
