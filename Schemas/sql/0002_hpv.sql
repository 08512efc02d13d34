-- The HPV cohort register: enrolments from school rosters, doses, adverse events.

-- A girl's place in a programme cohort: where she is enrolled (county, school, class) and the
-- facts the roster gave (prior vaccination, consent). Eligibility is judged from these facts.
CREATE TABLE hpv_enrollments (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    version          INTEGER NOT NULL DEFAULT 1,
    programme        TEXT NOT NULL,
    person_id        INTEGER NOT NULL REFERENCES persons(id),
    county_code      TEXT NOT NULL,
    city_code        TEXT NOT NULL,
    area_text        TEXT NOT NULL,
    school           TEXT NOT NULL,
    class_name       TEXT NOT NULL DEFAULT '',
    guardian_name    TEXT NOT NULL DEFAULT '',
    guardian_phone   TEXT NOT NULL DEFAULT '',
    prior_vaccination INTEGER NOT NULL DEFAULT 0 CHECK (prior_vaccination IN (0, 1)),
    consent          TEXT NOT NULL DEFAULT 'unknown' CHECK (consent = 'given' OR consent = 'declined' OR consent = 'unknown'),
    refusal_reason   TEXT NOT NULL DEFAULT '',
    -- 'roster' until the clinic records consent itself; a roster re-import never overrides the clinic.
    consent_source   TEXT NOT NULL DEFAULT 'roster' CHECK (consent_source IN ('roster', 'clinic')),
    source_file      TEXT NOT NULL DEFAULT '',
    source_row       INTEGER,
    import_batch_id  INTEGER REFERENCES import_batches(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (programme, person_id)
);
CREATE INDEX hpv_enrollments_county ON hpv_enrollments(county_code, school);

-- Administered doses are facts: stored even when they break a rule, then evaluated.
CREATE TABLE hpv_doses (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    version      INTEGER NOT NULL DEFAULT 1,
    person_id    INTEGER NOT NULL REFERENCES persons(id),
    dose_date    TEXT NOT NULL,
    product      TEXT NOT NULL,
    lot          TEXT NOT NULL,
    expiry       TEXT NOT NULL,
    site         TEXT NOT NULL DEFAULT '',
    clinic       TEXT NOT NULL DEFAULT '',
    vaccinator   TEXT NOT NULL DEFAULT '',
    historical   INTEGER NOT NULL DEFAULT 0 CHECK (historical IN (0, 1)),
    recorded_at  TEXT NOT NULL,
    UNIQUE (person_id, dose_date)
);
CREATE INDEX hpv_doses_lot ON hpv_doses(product, lot);

-- Suspected adverse events following immunization (疑似预防接种异常反应).
CREATE TABLE hpv_aefi (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    version      INTEGER NOT NULL DEFAULT 1,
    dose_id      INTEGER NOT NULL REFERENCES hpv_doses(id),
    onset_at     TEXT NOT NULL,
    symptoms     TEXT NOT NULL,
    serious      INTEGER NOT NULL CHECK (serious IN (0, 1)),
    outcome      TEXT NOT NULL,
    reporter     TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX hpv_aefi_dose ON hpv_aefi(dose_id);
