-- Persons, the audit log, import batches and the sync outbox: what every room shares.
-- CHECKs list three or more values as OR chains: SQLite 3.40 builds a temporary index for an IN
-- list of that size on every insert, which triples the cost of a province-sized import.

-- One person per resident ID province-wide. A newborn may wait for its ID (resident_id NULL).
CREATE TABLE persons (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    version       INTEGER NOT NULL DEFAULT 1,
    resident_id   TEXT UNIQUE,
    name          TEXT NOT NULL,
    birth_date    TEXT NOT NULL CHECK (birth_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    sex           TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    phone         TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- Who changed what and when. Append-only: the detail never holds a full ID or phone.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    operator     TEXT NOT NULL,
    action       TEXT NOT NULL,
    entity       TEXT NOT NULL,
    entity_uuid  TEXT,
    detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_uuid);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- One row per imported file (roster, lab results): where every imported row came from.
CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    file_hash   TEXT NOT NULL,
    operator    TEXT NOT NULL,
    at          TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    imported    INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    excluded    INTEGER NOT NULL,
    rejected    INTEGER NOT NULL
);

-- Every record version the provincial platform needs, written in the same transaction as the
-- record itself. The payload is the record's wire JSON (Schemas/sync/) at that version.
CREATE TABLE outbox (
    -- No AUTOINCREMENT: rows are never deleted, so rowids only grow, without a sqlite_sequence write per insert.
    seq          INTEGER PRIMARY KEY,
    record_type  TEXT NOT NULL,
    record_uuid  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    payload      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'sent' OR state = 'dead'),
    attempts     INTEGER NOT NULL DEFAULT 0,
    sent_at      TEXT,
    last_error   TEXT,
    UNIQUE (record_uuid, version)
);
CREATE INDEX outbox_pending ON outbox(state, seq);
