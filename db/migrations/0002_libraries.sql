-- The item lists and the two libraries (两库): inspection items, inspection
-- objects and inspectors, their tags, history, and bulk-import jobs.
-- Lists of codes (object kinds, legal references) are JSON text, portable
-- between PostgreSQL and SQLite; anything filtered on has its own table.

-- Tags (分类标注) on objects, and the expertise and qualifications of
-- inspectors. Items require qualifications by tag.
CREATE TABLE tags (
    id          TEXT PRIMARY KEY,
    scope       TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (scope, code)
)
--split
-- Inspection items (抽查事项). An edit makes a new version; plans keep the
-- version they used. "current" marks the newest version of each item.
CREATE TABLE items (
    id             TEXT PRIMARY KEY,
    department_id  TEXT NOT NULL REFERENCES departments (id),
    code           TEXT NOT NULL,
    version        INTEGER NOT NULL,
    current        BOOLEAN NOT NULL,
    name           TEXT NOT NULL,
    basis          TEXT NOT NULL,
    basis_refs     TEXT NOT NULL DEFAULT '[]',
    subject        TEXT NOT NULL,
    object_kinds   TEXT NOT NULL DEFAULT '[]',
    content        TEXT NOT NULL,
    method         TEXT NOT NULL,
    category       TEXT NOT NULL,
    ratio_cap_bp   INTEGER,
    status         TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_at     TIMESTAMPTZ NOT NULL,
    created_by     TEXT NOT NULL DEFAULT '',
    UNIQUE (department_id, code, version)
)
--split
CREATE UNIQUE INDEX items_current ON items (department_id, code) WHERE current
--split
CREATE TABLE item_qualifications (
    item_id TEXT NOT NULL REFERENCES items (id),
    tag_id  TEXT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (item_id, tag_id)
)
--split
-- Inspection objects (检查对象名录库). uid is the unified social credit code
-- for market entities, a library code otherwise.
CREATE TABLE objects (
    id              TEXT PRIMARY KEY,
    uid             TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    legal_rep       TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL DEFAULT '',
    region_code     TEXT NOT NULL DEFAULT '',
    industry_code   TEXT NOT NULL DEFAULT '',
    reg_status      TEXT NOT NULL DEFAULT '',
    risk_class      TEXT NOT NULL DEFAULT '',
    risk_changed_at TIMESTAMPTZ,
    risk_source     TEXT NOT NULL DEFAULT '',
    contact_name    TEXT NOT NULL DEFAULT '',
    contact_phone   TEXT NOT NULL DEFAULT '',
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    version         INTEGER NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
)
--split
CREATE INDEX objects_name ON objects (name, uid)
--split
CREATE INDEX objects_risk ON objects (risk_class, uid)
--split
CREATE INDEX objects_kind ON objects (kind, uid)
--split
CREATE INDEX objects_region ON objects (region_code, uid)
--split
CREATE INDEX objects_industry ON objects (industry_code, uid)
--split
CREATE TABLE object_tags (
    object_id TEXT NOT NULL REFERENCES objects (id),
    tag_id    TEXT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (object_id, tag_id)
)
--split
CREATE INDEX object_tags_tag ON object_tags (tag_id, object_id)
--split
-- 谁审批、谁监管: the departments that supervise an object.
CREATE TABLE object_departments (
    object_id     TEXT NOT NULL REFERENCES objects (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    PRIMARY KEY (object_id, department_id)
)
--split
CREATE INDEX object_departments_department ON object_departments (department_id, object_id)
--split
-- Every character bigram of an object's name, for text search. Two-character
-- names are the commonest query, and a trigram index cannot serve them.
CREATE TABLE object_grams (
    gram      TEXT NOT NULL,
    object_id TEXT NOT NULL REFERENCES objects (id),
    PRIMARY KEY (gram, object_id)
)
--split
CREATE INDEX object_grams_object ON object_grams (object_id)
--split
-- History: a snapshot of every version of every object.
CREATE TABLE object_versions (
    object_id  TEXT NOT NULL REFERENCES objects (id),
    version    INTEGER NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    actor      TEXT NOT NULL,
    source     TEXT NOT NULL DEFAULT '',
    data       TEXT NOT NULL,
    PRIMARY KEY (object_id, version)
)
--split
-- Inspectors (执法检查人员名录库).
CREATE TABLE inspectors (
    id             TEXT PRIMARY KEY,
    uid            TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    department_id  TEXT NOT NULL REFERENCES departments (id),
    kind           TEXT NOT NULL,
    organisation   TEXT NOT NULL DEFAULT '',
    cert_no        TEXT NOT NULL DEFAULT '',
    cert_expires   TEXT NOT NULL DEFAULT '',
    region_code    TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    status_since   TEXT NOT NULL DEFAULT '',
    user_id        TEXT UNIQUE REFERENCES users (id),
    version        INTEGER NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
)
--split
CREATE INDEX inspectors_department ON inspectors (department_id, uid)
--split
CREATE TABLE inspector_tags (
    inspector_id TEXT NOT NULL REFERENCES inspectors (id),
    tag_id       TEXT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (inspector_id, tag_id)
)
--split
CREATE INDEX inspector_tags_tag ON inspector_tags (tag_id, inspector_id)
--split
-- Declared conflicts of interest (回避): objects an inspector must never meet.
CREATE TABLE inspector_conflicts (
    inspector_id TEXT NOT NULL REFERENCES inspectors (id),
    object_id    TEXT NOT NULL REFERENCES objects (id),
    reason       TEXT NOT NULL,
    declared_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (inspector_id, object_id)
)
--split
CREATE INDEX inspector_conflicts_object ON inspector_conflicts (object_id)
--split
CREATE TABLE inspector_versions (
    inspector_id TEXT NOT NULL REFERENCES inspectors (id),
    version      INTEGER NOT NULL,
    changed_at   TIMESTAMPTZ NOT NULL,
    actor        TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    data         TEXT NOT NULL,
    PRIMARY KEY (inspector_id, version)
)
--split
-- Bulk imports run as durable jobs: the file is kept in the database (any
-- replica can run or resume the job), progress and rejected rows too.
CREATE TABLE import_jobs (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    file_size       BIGINT NOT NULL,
    file_sha256     TEXT NOT NULL,
    status          TEXT NOT NULL,
    dry_run         BOOLEAN NOT NULL,
    all_or_nothing  BOOLEAN NOT NULL,
    department_id   TEXT,
    created_by      TEXT NOT NULL,
    created_role    TEXT NOT NULL,
    request_id      TEXT NOT NULL DEFAULT '',
    client_addr     TEXT NOT NULL DEFAULT '',
    claimed_by      TEXT NOT NULL DEFAULT '',
    heartbeat_at    TIMESTAMPTZ,
    attempts        INTEGER NOT NULL DEFAULT 0,
    total_rows      INTEGER NOT NULL DEFAULT 0,
    processed_rows  INTEGER NOT NULL DEFAULT 0,
    created_count   INTEGER NOT NULL DEFAULT 0,
    updated_count   INTEGER NOT NULL DEFAULT 0,
    unchanged_count INTEGER NOT NULL DEFAULT 0,
    rejected_count  INTEGER NOT NULL DEFAULT 0,
    message         TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
)
--split
CREATE INDEX import_jobs_status ON import_jobs (status, created_at)
--split
CREATE TABLE import_job_files (
    job_id   TEXT NOT NULL REFERENCES import_jobs (id),
    chunk_no INTEGER NOT NULL,
    data     BYTEA NOT NULL,
    PRIMARY KEY (job_id, chunk_no)
)
--split
CREATE TABLE import_job_errors (
    job_id  TEXT NOT NULL REFERENCES import_jobs (id),
    seq     INTEGER NOT NULL,
    row_no  INTEGER NOT NULL,
    col     TEXT NOT NULL,
    code    TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (job_id, seq)
)
--split
-- One-time export links: the SPA asks for a link, the browser downloads it
-- (streamed, straight to disk), and the link is spent.
CREATE TABLE export_links (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    user_id     TEXT,
    kind        TEXT NOT NULL,
    format      TEXT NOT NULL,
    filter      TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
)
