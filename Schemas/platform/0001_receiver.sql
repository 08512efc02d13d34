-- The provincial platform's receiver (screenvax platform serve): its own SQLite file, never the
-- registry's. Used for tests and demos; it shows what a clinic's sync delivered, and how often.

-- One row per record version: (uuid, version) is the idempotency key of a record.
CREATE TABLE received_records (
    record_uuid    TEXT NOT NULL,
    version        INTEGER NOT NULL,
    record_type    TEXT NOT NULL,
    source_clinic  TEXT NOT NULL,
    batch_id       TEXT NOT NULL,
    data           TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    PRIMARY KEY (record_uuid, version)
) WITHOUT ROWID;

-- One row per Idempotency-Key: a resend of the same batch gets the original answer back; the
-- same key with a different body is refused (422).
CREATE TABLE received_batches (
    idempotency_key  TEXT PRIMARY KEY,
    fingerprint      TEXT NOT NULL,
    response         TEXT NOT NULL,
    received_at      TEXT NOT NULL
) WITHOUT ROWID;

-- Running totals: received = distinct arrivals + duplicates dropped (replays included).
CREATE TABLE receiver_counters (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    received            INTEGER NOT NULL DEFAULT 0,
    duplicates_dropped  INTEGER NOT NULL DEFAULT 0,
    rejected            INTEGER NOT NULL DEFAULT 0,
    replayed_batches    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO receiver_counters (id) VALUES (1);
