-- What the counties' screening now sends beside results: refusals of a service (the report's
-- `declined`) and the specimens' turnaround. Partitioned by county like every county table.
CREATE TABLE hub_screening_declines (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    subject            text NOT NULL,
    subject_uuid       text NOT NULL,
    service            text NOT NULL,
    declined_on        date NOT NULL,
    lifted_on          date,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);
CREATE INDEX hub_screening_declines_subject ON hub_screening_declines (county_code, subject_uuid);

CREATE TABLE hub_specimens (
    county_code        text NOT NULL,
    uuid               text NOT NULL,
    version            integer NOT NULL,
    service            text NOT NULL,
    subject            text NOT NULL,
    subject_uuid       text NOT NULL,
    collected_on       date NOT NULL,
    stage              text NOT NULL,
    data               jsonb NOT NULL,
    first_received_at  timestamptz NOT NULL,
    received_at        timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);

-- Deliveries in a period: the prenatal denominator (产妇数) is anchored on the outcome date.
CREATE INDEX hub_pregnancies_closed ON hub_pregnancies (closed_on) WHERE closed_on IS NOT NULL;

DO $$
DECLARE
    t text;
    r integer;
BEGIN
    FOREACH t IN ARRAY ARRAY['hub_screening_declines', 'hub_specimens'] LOOP
        FOR r IN 0..7 LOOP
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES WITH (MODULUS 8, REMAINDER %s)', t || '_p' || r, t, r);
        END LOOP;
    END LOOP;
END
$$;
