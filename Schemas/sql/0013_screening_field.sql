-- Screening as labs and maternal-health centres work: designated institutions added by the
-- province, specimens from collection to result, declined services, high-risk infant management
-- and counselling on recall cases, and the national report's anchors on the per-subject summary.

-- Institutions added with `screening institution add`, beside those of the programme's
-- institutions file (the file's codes are refused here, so one code means one institution).
CREATE TABLE screening_institutions (
    code        TEXT PRIMARY KEY COLLATE NOCASE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    services    TEXT NOT NULL,    -- comma-separated service codes
    areas       TEXT NOT NULL,    -- comma-separated county, city or province codes
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX screening_institutions_name ON screening_institutions(name);

-- A specimen (heel-prick card, maternal blood) of one subject and service, numbered by the
-- collecting site (标本编号); a number is unique per service. stage_day is the day it reached its
-- stage: the overdue list compares it with the programme's limit for the stage.
CREATE TABLE screening_specimens (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    version        INTEGER NOT NULL DEFAULT 1,
    service        TEXT NOT NULL,
    specimen_no    TEXT NOT NULL,
    subject        TEXT NOT NULL CHECK (subject IN ('pregnancy', 'newborn')),
    subject_key    INTEGER NOT NULL,
    pregnancy_id   INTEGER NOT NULL REFERENCES screening_pregnancies(id),
    newborn_id     INTEGER REFERENCES screening_newborns(id),
    collected_at   TEXT NOT NULL,
    institution    TEXT NOT NULL,
    dispatched_at  TEXT,
    lab            TEXT,
    received_at    TEXT,
    rejected       TEXT,
    result_id      INTEGER REFERENCES screening_results(id),
    stage          TEXT NOT NULL CHECK (stage IN ('collected', 'dispatched', 'received', 'rejected', 'resulted')),
    stage_day      INTEGER NOT NULL,
    county_code    TEXT NOT NULL,
    city_code      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (service, specimen_no)
);
CREATE INDEX screening_specimens_subject ON screening_specimens(subject_key, service);
CREATE INDEX screening_specimens_waiting ON screening_specimens(stage_day) WHERE stage IN ('collected', 'dispatched', 'received');
CREATE INDEX screening_specimens_rejected ON screening_specimens(subject_key) WHERE stage = 'rejected';

-- A service a woman declined (尊重意愿), for her pregnancy or her newborn. A later result lifts it
-- (lifted_on, lifted_result_id); at most one standing refusal per subject and service.
CREATE TABLE screening_declines (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    version           INTEGER NOT NULL DEFAULT 1,
    subject           TEXT NOT NULL CHECK (subject IN ('pregnancy', 'newborn')),
    subject_key       INTEGER NOT NULL,
    pregnancy_id      INTEGER NOT NULL REFERENCES screening_pregnancies(id),
    newborn_id        INTEGER REFERENCES screening_newborns(id),
    service           TEXT NOT NULL,
    reason            TEXT NOT NULL,
    declined_by       TEXT NOT NULL DEFAULT '',
    declined_on       TEXT NOT NULL,
    lifted_on         TEXT,
    lifted_result_id  INTEGER REFERENCES screening_results(id),
    county_code       TEXT NOT NULL,
    city_code         TEXT NOT NULL,
    recorded_at       TEXT NOT NULL
);
CREATE UNIQUE INDEX screening_declines_standing ON screening_declines(subject_key, service) WHERE lifted_on IS NULL;

-- High-risk infant management (高危儿管理) starts at a newborn's positive result and ends with a
-- not-confirmed diagnosis (or loss to follow-up), with its reason; a referral names its institution.
ALTER TABLE screening_recall_cases ADD COLUMN high_risk_management INTEGER NOT NULL DEFAULT 0;
ALTER TABLE screening_recall_cases ADD COLUMN management_ended TEXT;
ALTER TABLE screening_recall_cases ADD COLUMN referral_institution TEXT;

-- Counselling (咨询指导) is a step too, with who gave it: the steps' CHECK is rebuilt.
CREATE TABLE screening_recall_steps_new (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    case_id      INTEGER NOT NULL REFERENCES screening_recall_cases(id),
    step         TEXT NOT NULL CHECK (step IN ('opened', 'contact', 'counselled', 'referred', 'diagnosed', 'managed', 'closed', 'lost')),
    on_date      TEXT NOT NULL,
    outcome      TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT '',
    by_name      TEXT NOT NULL DEFAULT '',
    stage_after  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
INSERT INTO screening_recall_steps_new (id, uuid, case_id, step, on_date, outcome, channel, detail, stage_after, recorded_at)
    SELECT id, uuid, case_id, step, on_date, outcome, channel, detail, stage_after, recorded_at FROM screening_recall_steps;
DROP TABLE screening_recall_steps;
ALTER TABLE screening_recall_steps_new RENAME TO screening_recall_steps;
CREATE INDEX screening_recall_steps_case ON screening_recall_steps(case_id);

-- The national annual report counts prenatal services over deliveries (产妇数) by outcome date:
-- the summary learns the delivery day of a pregnancy that ended in a live birth or stillbirth.
-- initial_positive: the subject's first effective screen was positive or a refer (hearing).
ALTER TABLE screening_subject_services ADD COLUMN delivery_day INTEGER;
ALTER TABLE screening_subject_services ADD COLUMN initial_positive INTEGER NOT NULL DEFAULT 0;
UPDATE screening_subject_services SET delivery_day = (
    SELECT p.closed_day FROM screening_pregnancies p
    WHERE p.id = screening_subject_services.subject_key AND p.outcome IN ('live_birth', 'stillbirth'))
WHERE subject = 'pregnancy';
UPDATE screening_subject_services SET initial_positive = 1
WHERE EXISTS (SELECT 1 FROM screening_results r WHERE r.subject_key = screening_subject_services.subject_key
              AND r.service = screening_subject_services.service AND r.first_screen = 1 AND r.outcome IN ('positive', 'rescreen'));
UPDATE screening_recall_cases SET high_risk_management = 1
WHERE newborn_id IS NOT NULL AND stage NOT IN ('closed', 'lost') AND (diagnosis IS NULL OR diagnosis = 'confirmed');
-- Deliveries in a period, read from the index alone.
CREATE INDEX screening_pregnancies_delivered ON screening_pregnancies(closed_day, county_code) WHERE outcome IN ('live_birth', 'stillbirth');
