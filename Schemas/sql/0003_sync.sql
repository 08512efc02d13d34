-- Sync to the provincial platform: the batch in flight, the daemon's last success and error,
-- and when a record went to the dead letters.

-- The batch being sent: written before the first try and deleted in the same transaction as the
-- acknowledgement, so after a crash the very same batch (same records, same sent_at, same
-- Idempotency-Key) goes out again and the platform can recognise the resend.
CREATE TABLE sync_batches (
    batch_id    TEXT PRIMARY KEY,
    seqs        TEXT NOT NULL,              -- outbox seqs in order, comma-separated
    records     INTEGER NOT NULL,
    sent_at     TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0
);

-- One row: what `screenvax sync status` reports beside the outbox counts.
CREATE TABLE sync_state (
    id                    INTEGER PRIMARY KEY CHECK (id = 1),
    last_success          TEXT,
    last_error            TEXT,
    last_error_at         TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    next_attempt_at       TEXT
);
INSERT INTO sync_state (id) VALUES (1);

-- A dead letter keeps the platform's message in outbox.last_error; this says when, and the
-- HTTP status, so `sync retry --dead` and the operator can tell old failures from new ones.
ALTER TABLE outbox ADD COLUMN dead_at TEXT;
ALTER TABLE outbox ADD COLUMN dead_status INTEGER;
