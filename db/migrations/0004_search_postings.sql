-- Search postings ordered like the object list: each gram row carries the
-- object's uid, so a search walks one gram's postings in uid order and stops
-- at the page size, instead of intersecting every gram's whole list
-- (docs/benchmarks.md). uid is permanent, so the copy never goes stale.
ALTER TABLE object_grams ADD COLUMN uid TEXT NOT NULL DEFAULT ''
--split
UPDATE object_grams SET uid = (SELECT o.uid FROM objects AS o WHERE o.id = object_grams.object_id)
--split
CREATE INDEX object_grams_gram_uid ON object_grams (gram, uid)
