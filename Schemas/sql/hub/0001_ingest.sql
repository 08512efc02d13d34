-- The provincial hub (PostgreSQL): what every county's sync delivers, once per record version.
--
-- Every table that holds a county's data has county_code first in its primary key and is
-- partitioned by it (HASH, 8 partitions). Distributing the hub over several machines with Citus
-- is then `SELECT create_distributed_table('<table>', 'county_code')` per table and
-- `create_reference_table('hub_counties')`, with no change here (README, "The provincial hub").

-- The counties allowed to push, each with the SHA-256 of its bearer token (never the token).
CREATE TABLE hub_counties (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    added_at    timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per Idempotency-Key of a county: a resend gets the first answer back; the same key
-- with another body is refused. The counts make `hub stats` without a shared counter row (which
-- would make concurrent batches wait on each other): received = records × (1 + replays).
CREATE TABLE hub_batches (
    county_code      text NOT NULL,
    idempotency_key  text NOT NULL,
    fingerprint      bytea NOT NULL,
    response         text NOT NULL,
    records          integer NOT NULL,
    stored           integer NOT NULL,
    duplicates       integer NOT NULL,
    rejected         integer NOT NULL,
    replays          integer NOT NULL DEFAULT 0,
    received_at      timestamptz NOT NULL,
    PRIMARY KEY (county_code, idempotency_key)
) PARTITION BY HASH (county_code);

-- Every (uuid, version) that arrived, once: what tells a duplicate from a new version, and the
-- `distinct` of `hub stats`. The record itself is in its type's table at its highest version.
CREATE TABLE hub_record_versions (
    county_code  text NOT NULL,
    uuid         text NOT NULL,
    version      integer NOT NULL,
    record_type  text NOT NULL,
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid, version)
) PARTITION BY HASH (county_code);

-- One table per record type: identity, the typed columns that matching and reports read, and
-- the record's wire JSON as the county sent it (Schemas/sync/<type>.schema.json). Each holds a
-- record at its highest version: a lower version arriving later never overwrites it.
CREATE TABLE hub_persons (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    resident_id        text,
    name               text NOT NULL,
    birth_date         date NOT NULL,
    sex                text NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
-- Province-wide matching by resident ID: a link between the counties' own records.
CREATE INDEX hub_persons_resident_id ON hub_persons (resident_id) WHERE resident_id IS NOT NULL;

CREATE TABLE hub_roster_entries (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    person_uuid        text NOT NULL,
    programme          text NOT NULL,
    school             text,
    consent            text NOT NULL,
    prior_vaccination  boolean,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_roster_entries_person ON hub_roster_entries (county_code, person_uuid);

CREATE TABLE hub_consents (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    person_uuid        text NOT NULL,
    enrollment_uuid    text NOT NULL,
    programme          text NOT NULL,
    consent            text NOT NULL,
    recorded_at        timestamptz NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_consents_person ON hub_consents (county_code, person_uuid);

CREATE TABLE hub_doses (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    person_uuid        text NOT NULL,
    dose_date          date NOT NULL,
    product            text NOT NULL,
    expiry             date,
    historical         boolean,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_doses_person ON hub_doses (county_code, person_uuid);

CREATE TABLE hub_aefi (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    person_uuid        text NOT NULL,
    dose_uuid          text NOT NULL,
    onset_date         date NOT NULL,
    serious            boolean NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_aefi_person ON hub_aefi (county_code, person_uuid);

CREATE TABLE hub_pregnancies (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    person_uuid        text NOT NULL,
    programme          text NOT NULL,
    lmp                date NOT NULL,
    edd                date NOT NULL,
    registered_on      date NOT NULL,
    outcome            text,
    closed_on          date,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_pregnancies_person ON hub_pregnancies (county_code, person_uuid);

CREATE TABLE hub_newborns (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    pregnancy_uuid     text NOT NULL,
    person_uuid        text NOT NULL,
    birth_order        integer NOT NULL,
    born_on            date NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_newborns_person ON hub_newborns (county_code, person_uuid);

CREATE TABLE hub_screening_results (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    service            text NOT NULL,
    subject            text NOT NULL,
    pregnancy_uuid     text NOT NULL,
    newborn_uuid       text,
    performed_on       date NOT NULL,
    outcome            text NOT NULL,
    attempt            integer NOT NULL,
    is_repeat          boolean NOT NULL,
    subsidised         boolean NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_screening_results_subject ON hub_screening_results (county_code, pregnancy_uuid, newborn_uuid);

CREATE TABLE hub_recall_steps (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    case_uuid          text NOT NULL,
    case_version       integer NOT NULL,
    result_uuid        text NOT NULL,
    service            text NOT NULL,
    step               text NOT NULL,
    stage_after        text NOT NULL,
    outcome            text,
    on_date            date NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_recall_steps_case ON hub_recall_steps (county_code, case_uuid, case_version);

-- Call outcomes: identity only until the follow-up room fixes their fields.
CREATE TABLE hub_call_outcomes (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);

-- The partitions: 8 per table, by hash of the county code.
DO $$
DECLARE
    t text;
    r integer;
BEGIN
    FOREACH t IN ARRAY ARRAY['hub_batches', 'hub_record_versions', 'hub_persons', 'hub_roster_entries', 'hub_consents',
                             'hub_doses', 'hub_aefi', 'hub_pregnancies', 'hub_newborns', 'hub_screening_results',
                             'hub_recall_steps', 'hub_call_outcomes'] LOOP
        FOR r IN 0..7 LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS 8, REMAINDER %s)', t || '_p' || r, t, r);
        END LOOP;
    END LOOP;
END
$$;
