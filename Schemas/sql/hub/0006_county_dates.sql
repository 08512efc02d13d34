-- A county's own HPV first-dose dates (campaign start, first-dose deadline), as its clinics set
-- them with `hpv dates set`. Partitioned by county like every county table.
CREATE TABLE hub_county_dates (
    county_code          text NOT NULL,
    uuid                 text NOT NULL,
    version              integer NOT NULL,
    programme            text NOT NULL,
    campaign_start       date NOT NULL,
    first_dose_deadline  date NOT NULL,
    data                 jsonb NOT NULL,
    first_received_at    timestamptz NOT NULL,
    received_at          timestamptz NOT NULL,
    PRIMARY KEY (county_code, uuid)
) PARTITION BY HASH (county_code);

DO $$
DECLARE
    r integer;
BEGIN
    FOR r IN 0..7 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF hub_county_dates FOR VALUES WITH (MODULUS 8, REMAINDER %s)', 'hub_county_dates_p' || r, r);
    END LOOP;
END
$$;
