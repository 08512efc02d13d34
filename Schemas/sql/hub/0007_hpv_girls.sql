-- The HPV report's register kept at ingest time: at province scale, judging every girl's doses
-- on each `hub report hpv` takes seconds (docs/hub-performance.md); kept per girl, in each
-- batch's own transaction, the report only counts.

-- Who a person is province-wide: her resident ID, or her county's own record when she has none.
-- Stored (not computed in each query) so that a girl's records are found by index.
ALTER TABLE hub_persons ADD COLUMN person_key text GENERATED ALWAYS AS (coalesce(resident_id, county_code || '/' || uuid)) STORED;
CREATE INDEX hub_persons_person_key ON hub_persons (person_key);

-- One row per girl enrolled in a programme: her enrolment that counts (the one the hub received
-- last), her earliest dose of any kind, and her series as judged over all her doses: element k of
-- the arrays is target dose k. A dose's judgement depends only on the doses before it, so the
-- series up to an as-of date is the prefix dated on or before it.
-- Keyed by girl, not by county: a girl spans counties (with Citus, distributed by girl_key).
CREATE TABLE hub_hpv_girls (
    programme        text NOT NULL,
    girl_key         text NOT NULL,
    county_code      text NOT NULL,
    birth_date       date NOT NULL,
    sex              text NOT NULL,
    consent          text NOT NULL,
    prior            boolean NOT NULL,
    first_dose       date,
    valid_dates      date[] NOT NULL,
    valid_historical boolean[] NOT NULL,
    valid_products   text[] NOT NULL,
    PRIMARY KEY (programme, girl_key)
);

-- Which rules a kept register was judged by (the programme's series, products and date rule):
-- a report whose programme judges otherwise does not read it.
CREATE TABLE hub_report_state (
    name      text PRIMARY KEY,
    rules     text NOT NULL,
    built_at  timestamptz NOT NULL
);
