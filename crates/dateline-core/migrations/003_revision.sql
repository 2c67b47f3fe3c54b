-- The store's count of writes to each release (issue 11, item 6). A save
-- carries the revision it was based on and is refused when another write
-- (a restore, a clearance action, the command line) came in between. The
-- JSON copy in `data` carries the same number; rows written before this
-- migration start at 0 in both (a missing JSON field reads as 0).
ALTER TABLE releases ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
