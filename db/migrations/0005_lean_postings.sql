-- Search postings keyed by (gram, uid) alone: the list a search walks is
-- the table's own key, and nothing else is kept per posting. The object id,
-- its index, the (gram, object_id) key and the foreign key cost four index
-- entries and a trigger per posting (about twelve per object) on every
-- import; search joins objects on their unique uid instead, and a rename
-- deletes the old name's postings by key. Postings are derived data,
-- written only with their object in the same transaction.
CREATE TABLE object_postings (
    gram TEXT NOT NULL,
    uid  TEXT NOT NULL,
    PRIMARY KEY (gram, uid)
)
--split
INSERT INTO object_postings (gram, uid) SELECT gram, uid FROM object_grams
--split
DROP TABLE object_grams
--split
ALTER TABLE object_postings RENAME TO object_grams
