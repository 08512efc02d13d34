-- The follow-up call queue: reasons to call (kept across days, so attempts count against the
-- reason), one call per number per day, the append-only attempt log, do-not-call and flagged
-- numbers, and manual follow-up tasks (staff calls for recalls, home visits when calls run out).

CREATE TABLE followup_reasons (
    key           TEXT PRIMARY KEY,
    source        TEXT NOT NULL CHECK (source = 'hpv' OR source = 'screening' OR source = 'recall'),
    priority      TEXT NOT NULL,
    phone         TEXT NOT NULL,
    addressee     TEXT NOT NULL,
    subject_uuid  TEXT NOT NULL,
    reference     TEXT NOT NULL,
    deadline      TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'closed' OR status = 'stopped' OR status = 'escalated'),
    attempts      INTEGER NOT NULL DEFAULT 0,
    not_before    TEXT,
    avoid_window  INTEGER,
    reached_on    TEXT,
    last_outcome  TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX followup_reasons_phone ON followup_reasons(phone);

CREATE TABLE followup_calls (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    call_day       TEXT NOT NULL,
    phone          TEXT NOT NULL,
    priority       TEXT NOT NULL,
    priority_rank  INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'planned' CHECK (status = 'planned' OR status = 'dispatched' OR status = 'waiting' OR status = 'done' OR status = 'stopped' OR status = 'escalated'),
    not_before     TEXT NOT NULL,
    dispatched_at  TEXT,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_outcome   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (call_day, phone)
);
CREATE INDEX followup_calls_queue ON followup_calls(status, priority_rank, not_before);

CREATE TABLE followup_call_reasons (
    call_id     INTEGER NOT NULL REFERENCES followup_calls(id),
    reason_key  TEXT NOT NULL REFERENCES followup_reasons(key),
    PRIMARY KEY (call_id, reason_key)
) WITHOUT ROWID;
-- Which calls carried a reason (the report counts tasks by the calls of a period).
CREATE INDEX followup_call_reasons_reason ON followup_call_reasons(reason_key);

-- One row per dial. Append-only; result_key makes a re-imported or re-posted result a no-op.
CREATE TABLE followup_attempts (
    id          INTEGER PRIMARY KEY,
    call_id     INTEGER NOT NULL REFERENCES followup_calls(id),
    phone       TEXT NOT NULL,
    attempt_no  INTEGER NOT NULL,
    at          TEXT NOT NULL,
    at_day      TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome = 'reached' OR outcome = 'reached_declined' OR outcome = 'no_answer' OR outcome = 'busy' OR outcome = 'invalid_number' OR outcome = 'wrong_person' OR outcome = 'voicemail' OR outcome = 'refused' OR outcome = 'do_not_call'),
    source      TEXT NOT NULL,
    result_key  TEXT NOT NULL UNIQUE,
    operator    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX followup_attempts_phone_day ON followup_attempts(phone, at_day);
CREATE TRIGGER followup_attempts_no_update BEFORE UPDATE ON followup_attempts
BEGIN SELECT RAISE(ABORT, 'followup_attempts is append-only'); END;
CREATE TRIGGER followup_attempts_no_delete BEFORE DELETE ON followup_attempts
BEGIN SELECT RAISE(ABORT, 'followup_attempts is append-only'); END;

CREATE TABLE followup_do_not_call (
    phone   TEXT PRIMARY KEY,
    source  TEXT NOT NULL,
    at      TEXT NOT NULL
) WITHOUT ROWID;

-- Numbers that reached nobody right (invalid, wrong person): no calls until corrected.
CREATE TABLE followup_phone_flags (
    phone   TEXT PRIMARY KEY,
    flag    TEXT NOT NULL,
    at      TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE followup_tasks (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT NOT NULL UNIQUE,
    kind        TEXT NOT NULL CHECK (kind = 'staff_call' OR kind = 'home_visit'),
    reason_key  TEXT NOT NULL REFERENCES followup_reasons(key),
    due_at      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'done'),
    cause       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (kind, reason_key)
);
