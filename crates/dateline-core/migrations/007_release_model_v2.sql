-- Release model v2 (issue 13): About sections, contact groups, rich notes
-- to editors, and subheading, quote and picture blocks in the body.
-- The schema itself is unchanged. The hook that runs with this migration
-- (`store::migrations::to_model_v2`) rewrites each working copy in
-- `releases.data` from the version 1 JSON shape to version 2. Rows in
-- `versions` are never rewritten (a version, once written, never changes):
-- they are converted each time they are read. Raising the schema version
-- also makes an older Dateline refuse this database, rather than fail on
-- rows it cannot read.
SELECT 1;
