-- Joint plans and the verifiable draw (suiji/draw/v1): plans with their
-- departments, items and workflow, the frozen inputs, draws with their
-- evidence, and the inspection tasks a draw produces.
CREATE TABLE plans (
    id                   TEXT PRIMARY KEY,
    uid                  TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL,
    name                 TEXT NOT NULL,
    year                 INTEGER NOT NULL,
    initiator_id         TEXT NOT NULL REFERENCES departments (id),
    status               TEXT NOT NULL,
    scope                TEXT NOT NULL,
    strata               TEXT NOT NULL,
    cap                  INTEGER,
    avoid_recent_months  INTEGER NOT NULL DEFAULT 0,
    avoid_own_region     BOOLEAN NOT NULL DEFAULT FALSE,
    include_drawn        BOOLEAN NOT NULL DEFAULT FALSE,
    include_drawn_reason TEXT NOT NULL DEFAULT '',
    publish_population   BOOLEAN NOT NULL DEFAULT FALSE,
    window_start         TEXT NOT NULL,
    window_end           TEXT NOT NULL,
    notes                TEXT NOT NULL DEFAULT '',
    review_comment       TEXT NOT NULL DEFAULT '',
    override_reason      TEXT NOT NULL DEFAULT '',
    attempt              INTEGER NOT NULL DEFAULT 0,
    commitment           TEXT,
    secret               TEXT,
    entropy_source       TEXT,
    freeze_digest        TEXT,
    population_size      INTEGER,
    published_at         TIMESTAMPTZ,
    frozen_at            TIMESTAMPTZ,
    drawn_at             TIMESTAMPTZ,
    cancelled_reason     TEXT NOT NULL DEFAULT '',
    created_by           TEXT NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
)
--split
CREATE INDEX plans_status ON plans (status, year)
--split
CREATE INDEX plans_initiator ON plans (initiator_id)
--split
CREATE TABLE plan_departments (
    plan_id       TEXT NOT NULL REFERENCES plans (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    per_team      INTEGER,
    PRIMARY KEY (plan_id, department_id)
)
--split
CREATE INDEX plan_departments_department ON plan_departments (department_id)
--split
CREATE TABLE plan_items (
    plan_id       TEXT NOT NULL REFERENCES plans (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    item_id       TEXT NOT NULL REFERENCES items (id),
    PRIMARY KEY (plan_id, item_id)
)
--split
CREATE TABLE plan_events (
    plan_id     TEXT NOT NULL REFERENCES plans (id),
    seq         INTEGER NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    actor       TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, seq)
)
--split
-- The inputs fixed at a freeze (population, strata, pools, conflicts, cap),
-- gzip-compressed JSON: a million-object population is tens of megabytes.
CREATE TABLE plan_freezes (
    plan_id         TEXT NOT NULL REFERENCES plans (id),
    attempt         INTEGER NOT NULL,
    frozen_at       TIMESTAMPTZ NOT NULL,
    freeze_digest   TEXT NOT NULL,
    population_size INTEGER NOT NULL,
    inputs_gz       BYTEA NOT NULL,
    PRIMARY KEY (plan_id, attempt)
)
--split
CREATE TABLE draws (
    id               TEXT PRIMARY KEY,
    plan_id          TEXT NOT NULL REFERENCES plans (id),
    attempt          INTEGER NOT NULL,
    status           TEXT NOT NULL,
    drawn_at         TIMESTAMPTZ NOT NULL,
    entropy_source   TEXT NOT NULL,
    entropy          TEXT NOT NULL,
    commitment       TEXT NOT NULL,
    freeze_digest    TEXT NOT NULL,
    reveal           TEXT NOT NULL,
    seed             TEXT NOT NULL,
    population_size  INTEGER NOT NULL,
    selections_count INTEGER NOT NULL,
    failure          TEXT,
    evidence_gz      BYTEA,
    UNIQUE (plan_id, attempt)
)
--split
CREATE INDEX draws_drawn_at ON draws (drawn_at)
--split
-- Live stages of a draw, for the ceremony screen on any replica.
CREATE TABLE draw_stages (
    plan_id TEXT NOT NULL REFERENCES plans (id),
    attempt INTEGER NOT NULL,
    seq     INTEGER NOT NULL,
    stage   TEXT NOT NULL,
    at      TIMESTAMPTZ NOT NULL,
    detail  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, attempt, seq)
)
--split
-- One task per selected object: the team, and per department the items to
-- check at that object (进一次门、查多项事), as JSON; results come later.
CREATE TABLE inspection_tasks (
    id         TEXT PRIMARY KEY,
    draw_id    TEXT NOT NULL REFERENCES draws (id),
    plan_id    TEXT NOT NULL REFERENCES plans (id),
    object_id  TEXT NOT NULL REFERENCES objects (id),
    object_uid TEXT NOT NULL,
    rank       INTEGER NOT NULL,
    stratum    TEXT NOT NULL,
    items      TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (draw_id, rank)
)
--split
CREATE INDEX inspection_tasks_object ON inspection_tasks (object_id)
--split
-- Team members, one row each, for avoidance rules ("checked this object
-- within N months") and the inspectors' own task lists.
CREATE TABLE task_members (
    task_id       TEXT NOT NULL REFERENCES inspection_tasks (id),
    inspector_id  TEXT NOT NULL REFERENCES inspectors (id),
    department_id TEXT NOT NULL REFERENCES departments (id),
    position      INTEGER NOT NULL,
    PRIMARY KEY (task_id, position)
)
--split
CREATE INDEX task_members_inspector ON task_members (inspector_id)
