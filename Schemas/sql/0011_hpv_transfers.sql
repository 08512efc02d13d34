-- Moving a girl's enrolment between counties is asked for by the receiving county and confirmed
-- (or declined) by the county that holds her, or by a city or province user whose area covers
-- both. A roster upload never moves her across counties. Every step is also in the audit log.
CREATE TABLE hpv_transfers (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    programme       TEXT NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES persons(id),
    from_county     TEXT NOT NULL,
    from_city       TEXT NOT NULL,
    to_county       TEXT NOT NULL,
    to_city         TEXT NOT NULL,
    -- Her new place as the receiving county knows it; NULL keeps what her enrolment says.
    school          TEXT,
    class_name      TEXT,
    guardian_name   TEXT,
    guardian_phone  TEXT,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state = 'pending' OR state = 'confirmed' OR state = 'declined'),
    requested_by    TEXT NOT NULL,
    requested_at    TEXT NOT NULL,
    decided_by      TEXT,
    decided_at      TEXT,
    reason          TEXT NOT NULL DEFAULT ''
);
-- One open request per girl: a second county asks after the first is settled.
CREATE UNIQUE INDEX hpv_transfers_pending ON hpv_transfers(programme, person_id) WHERE state = 'pending';
CREATE INDEX hpv_transfers_from ON hpv_transfers(from_county, state);
CREATE INDEX hpv_transfers_to ON hpv_transfers(to_county, state);

-- The conflict answers a user had lately (a lookup that found a record outside her area) are
-- counted by operator and time.
CREATE INDEX audit_log_operator ON audit_log(operator, action, at);
