-- Outbox retention: once the platform has acknowledged an entry (state 'sent'), its wire JSON is
-- dropped after the retention period (`sync prune --keep-days`, every `sync run` cycle, `sync push`
-- after draining): payload and created_at become NULL, and each pass is written to the audit log.
-- The row itself (seq, record type, uuid, version, state, attempts, when it was sent) stays for
-- audit; a pending or dead entry never loses its payload (the CHECK says so).
--
-- The table is rebuilt because SQLite cannot relax a NOT NULL or a UNIQUE constraint in place.
-- What a pruned row keeps must stay small (a province has half a million of them): uniqueness of
-- (record_uuid, version) is enforced where it matters, among entries still holding a payload,
-- and the work index covers pending entries only.
CREATE TABLE outbox_retained (
    -- No AUTOINCREMENT: rows are never deleted, so rowids only grow, without a sqlite_sequence write per insert.
    seq          INTEGER PRIMARY KEY,
    record_type  TEXT NOT NULL,
    record_uuid  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    payload      TEXT,
    created_at   TEXT,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'sent' OR state = 'dead'),
    attempts     INTEGER NOT NULL DEFAULT 0,
    sent_at      TEXT,
    last_error   TEXT,
    dead_at      TEXT,
    dead_status  INTEGER,
    CHECK (payload IS NOT NULL OR state = 'sent')
);
INSERT INTO outbox_retained (seq, record_type, record_uuid, version, payload, created_at, state, attempts, sent_at,
                             last_error, dead_at, dead_status)
    SELECT seq, record_type, record_uuid, version, payload, created_at, state, attempts, sent_at, last_error, dead_at, dead_status
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_retained RENAME TO outbox;

-- A query that looks a version up must say `payload IS NOT NULL` for SQLite to use this index.
CREATE UNIQUE INDEX outbox_version ON outbox(record_uuid, version) WHERE payload IS NOT NULL;
-- What `sync` sends next, in outbox order.
CREATE INDEX outbox_pending ON outbox(seq) WHERE state = 'pending';
-- The acknowledged entries still holding a payload: what a prune has left to look at.
CREATE INDEX outbox_prunable ON outbox(sent_at) WHERE state = 'sent' AND payload IS NOT NULL;
