-- Conflicts the provincial hub found between this county's records and another county's
-- (`sync pull-conflicts`, and `sync run` each cycle): kept until the hub no longer lists them,
-- then marked resolved. Only this county's own records are named; the other counties by code.

CREATE TABLE sync_conflicts (
    hub_id              INTEGER PRIMARY KEY,       -- the hub's id of the conflict
    kind                TEXT NOT NULL,             -- id_conflict, duplicate_enrolment, duplicate_pregnancy, duplicate_service
    resident_id_masked  TEXT NOT NULL,
    counties            TEXT NOT NULL,             -- every county involved, comma-separated
    detected_at         TEXT NOT NULL,             -- when the hub found it
    first_pulled_at     TEXT NOT NULL,
    last_pulled_at      TEXT NOT NULL,
    resolved_at         TEXT                       -- the first pull that no longer listed it
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, kind);

-- This county's records in each conflict: how a work list or a page finds a person's conflicts.
CREATE TABLE sync_conflict_records (
    hub_id       INTEGER NOT NULL REFERENCES sync_conflicts(hub_id) ON DELETE CASCADE,
    record_type  TEXT NOT NULL,
    record_uuid  TEXT NOT NULL,
    PRIMARY KEY (hub_id, record_uuid)
) WITHOUT ROWID;
CREATE INDEX sync_conflict_records_uuid ON sync_conflict_records(record_uuid);

-- The assist services' use per (clinic, day, service), rolled up from the hook audit for the hub
-- (`assist_usage` records: counts only). assist_usage_mark holds the last hook call folded in.
CREATE TABLE assist_usage_days (
    clinic       TEXT NOT NULL,
    day          TEXT NOT NULL,
    service      TEXT NOT NULL,
    uuid         TEXT NOT NULL UNIQUE,
    version      INTEGER NOT NULL,
    hook_calls   INTEGER NOT NULL,
    cards_shown  INTEGER NOT NULL,
    ai_calls     INTEGER NOT NULL,
    ai_failures  INTEGER NOT NULL,
    PRIMARY KEY (clinic, day, service)
) WITHOUT ROWID;
CREATE TABLE assist_usage_mark (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_call_id  INTEGER NOT NULL
);
