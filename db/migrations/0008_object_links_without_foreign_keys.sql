-- The tables that hang off each object (its tags, its supervising
-- departments, its history) lose their foreign keys. Each key cost a
-- trigger per row that locks the parent row; an import writes about three
-- such rows per object, and on PostgreSQL the checks took a sixth of a
-- 100,000-row import (docs/benchmarks.md); distributed SQL stores, where
-- the product goes next, charge more for them still. Like the search
-- postings (0005), these rows are written only by the db package, only
-- with their object and in its transaction, and objects, tags and
-- departments are never deleted; the tests check that no row lacks its
-- object, tag or department. SQLite cannot drop a constraint, so each table
-- is built again, on both stores alike.
CREATE TABLE object_tags_new (
    object_id TEXT NOT NULL,
    tag_id    TEXT NOT NULL,
    PRIMARY KEY (object_id, tag_id)
)
--split
INSERT INTO object_tags_new (object_id, tag_id) SELECT object_id, tag_id FROM object_tags
--split
DROP TABLE object_tags
--split
ALTER TABLE object_tags_new RENAME TO object_tags
--split
CREATE INDEX object_tags_tag ON object_tags (tag_id, object_id)
--split
CREATE TABLE object_departments_new (
    object_id     TEXT NOT NULL,
    department_id TEXT NOT NULL,
    PRIMARY KEY (object_id, department_id)
)
--split
INSERT INTO object_departments_new (object_id, department_id) SELECT object_id, department_id FROM object_departments
--split
DROP TABLE object_departments
--split
ALTER TABLE object_departments_new RENAME TO object_departments
--split
CREATE INDEX object_departments_department ON object_departments (department_id, object_id)
--split
CREATE TABLE object_versions_new (
    object_id  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    actor      TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL,
    PRIMARY KEY (object_id, version)
)
--split
INSERT INTO object_versions_new (object_id, version, changed_at, actor, source, data)
SELECT object_id, version, changed_at, actor, source, data FROM object_versions
--split
DROP TABLE object_versions
--split
ALTER TABLE object_versions_new RENAME TO object_versions
