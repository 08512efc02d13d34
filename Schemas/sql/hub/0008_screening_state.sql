-- The screening report's figures kept at ingest time, like the HPV register (0007): per subject
-- and service, what the report counts over every result, refusal and recall case, none of which
-- depends on the report's period; the period only picks the subjects and the claims.

-- Every pregnancy and newborn registration, with the registration that counts for it (itself
-- when it counts: `counted`) and the dates the report's period is applied to.
-- Keyed by registration, not partitioned: its subject may be another county's.
CREATE TABLE hub_screening_subjects (
    kind           text NOT NULL CHECK (kind IN ('pregnancy', 'newborn')),
    county_code    text NOT NULL,
    uuid           text NOT NULL,
    c_county       text NOT NULL,
    c_uuid         text NOT NULL,
    counted        boolean NOT NULL,
    registered_on  date,
    outcome        text,
    closed_on      date,
    born_on        date,
    PRIMARY KEY (kind, county_code, uuid)
);

-- Per subject (the registration that counts, or a registration the hub has not received yet)
-- and service: screened (an effective first screen), its initial positive, any positive, a
-- standing refusal, the recall case's progress, and the claim: the first subsidised result's
-- county and date.
CREATE TABLE hub_screening_figures (
    s_county          text NOT NULL,
    s_uuid            text NOT NULL,
    service           text NOT NULL,
    screened          boolean NOT NULL,
    initial_positive  boolean NOT NULL,
    positive          boolean NOT NULL,
    refused           boolean NOT NULL,
    recalled          boolean NOT NULL,
    diagnosed         boolean NOT NULL,
    confirmed         boolean NOT NULL,
    claim_county      text,
    claim_on          date,
    PRIMARY KEY (s_county, s_uuid, service)
);
CREATE INDEX hub_screening_figures_claim ON hub_screening_figures (claim_on) WHERE claim_on IS NOT NULL;

-- What keeping them looks up: a newborn's results, and the recall cases of a result.
CREATE INDEX hub_screening_results_newborn ON hub_screening_results (county_code, newborn_uuid) WHERE newborn_uuid IS NOT NULL;
CREATE INDEX hub_recall_steps_result ON hub_recall_steps (county_code, result_uuid);
