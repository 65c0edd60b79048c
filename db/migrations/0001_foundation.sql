-- Foundation: departments, users, sign-in keys and tokens, the audit trail.
-- Ids are UUIDv7 text; times are UTC at microsecond precision.
CREATE TABLE departments (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL UNIQUE,
    short_name  TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
)
--split
CREATE TABLE users (
    id                  TEXT PRIMARY KEY,
    username            TEXT NOT NULL UNIQUE,
    display_name        TEXT NOT NULL,
    role                TEXT NOT NULL,
    department_id       TEXT REFERENCES departments (id),
    phone               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    password_hash       TEXT NOT NULL,
    disabled            BOOLEAN NOT NULL DEFAULT FALSE,
    password_changed_at TIMESTAMPTZ NOT NULL,
    last_login_at       TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
)
--split
CREATE INDEX users_department ON users (department_id)
--split
-- Token-signing keys live in the database so every replica signs and checks
-- alike. The newest unretired key signs; retired keys still verify until
-- verify_until.
CREATE TABLE signing_keys (
    kid          TEXT PRIMARY KEY,
    algorithm    TEXT NOT NULL,
    private_key  TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    retired_at   TIMESTAMPTZ,
    verify_until TIMESTAMPTZ
)
--split
-- Refresh tokens: stored as SHA-256 hex, single use; a family is the chain
-- of rotations from one sign-in, revoked whole when a spent token returns.
CREATE TABLE refresh_tokens (
    id         TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
)
--split
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)
--split
-- The audit trail: a hash chain, hash = SHA-256(prev_hash || canonical JSON).
-- seq is dense from 1; audit_head holds the chain head, locked late in each
-- writing transaction so concurrent writers cannot fork the chain.
CREATE TABLE audit_log (
    seq          BIGINT PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    at           TIMESTAMPTZ NOT NULL,
    actor_id     TEXT NOT NULL DEFAULT '',
    actor        TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    target_type  TEXT NOT NULL,
    target_id    TEXT NOT NULL DEFAULT '',
    before_json  TEXT,
    after_json   TEXT,
    request_id   TEXT NOT NULL DEFAULT '',
    client_addr  TEXT NOT NULL DEFAULT '',
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
)
--split
CREATE INDEX audit_log_actor ON audit_log (actor, seq)
--split
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, seq)
--split
CREATE INDEX audit_log_action ON audit_log (action, seq)
--split
CREATE INDEX audit_log_at ON audit_log (at)
--split
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
)
--split
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000')
--split
-- Signed checkpoints of the chain head; the signing key is kept outside the
-- database, so a tail deleted or a chain recomputed from scratch shows.
CREATE TABLE audit_checkpoints (
    id         TEXT PRIMARY KEY,
    seq        BIGINT NOT NULL,
    hash       TEXT NOT NULL,
    at         TIMESTAMPTZ NOT NULL,
    key_id     TEXT NOT NULL,
    signature  TEXT NOT NULL
)
--split
CREATE INDEX audit_checkpoints_seq ON audit_checkpoints (seq)
