-- Prenatal and newborn screening: pregnancies, newborns, results, recall cases and their steps.
-- Day numbers (days since 1970-01-01) sit beside ISO dates so that the report can do gestational
-- arithmetic in SQL without date functions.

-- One pregnancy of a woman (a persons row). One open pregnancy per woman at a time.
CREATE TABLE screening_pregnancies (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    version         INTEGER NOT NULL DEFAULT 1,
    programme       TEXT NOT NULL,
    person_id       INTEGER NOT NULL REFERENCES persons(id),
    county_code     TEXT NOT NULL,
    city_code       TEXT NOT NULL,
    phone           TEXT NOT NULL DEFAULT '',
    -- How the pregnancy was dated ('lmp', 'edd', 'ultrasound') and what was given; gestational age
    -- on any date is derived from lmp, never typed twice.
    dating          TEXT NOT NULL CHECK (dating = 'lmp' OR dating = 'edd' OR dating = 'ultrasound'),
    dating_input    TEXT NOT NULL,
    lmp             TEXT NOT NULL,
    lmp_day         INTEGER NOT NULL,
    registered_on   TEXT NOT NULL,
    registered_day  INTEGER NOT NULL,
    outcome         TEXT CHECK (outcome = 'live_birth' OR outcome = 'stillbirth' OR outcome = 'miscarriage' OR outcome = 'induced_abortion'),
    closed_on       TEXT,
    closed_day      INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX screening_pregnancies_one_open ON screening_pregnancies(person_id) WHERE outcome IS NULL;
CREATE INDEX screening_pregnancies_registered ON screening_pregnancies(registered_day);
CREATE INDEX screening_pregnancies_open ON screening_pregnancies(lmp_day) WHERE outcome IS NULL;

-- A live-born baby of a pregnancy. Twins are two rows of one pregnancy; birth_order tells them apart
-- until (and after) each gets a resident ID. The person row may have no resident ID yet.
CREATE TABLE screening_newborns (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL UNIQUE,
    version            INTEGER NOT NULL DEFAULT 1,
    pregnancy_id       INTEGER NOT NULL REFERENCES screening_pregnancies(id),
    person_id          INTEGER NOT NULL UNIQUE REFERENCES persons(id),
    birth_order        INTEGER NOT NULL CHECK (birth_order >= 1),
    born_at            TEXT NOT NULL,
    birth_day          INTEGER NOT NULL,
    birth_minute       INTEGER NOT NULL CHECK (birth_minute BETWEEN 0 AND 1439),
    sex                TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    gestational_weeks  INTEGER,
    birth_weight_g     INTEGER,
    facility           TEXT NOT NULL DEFAULT '',
    county_code        TEXT NOT NULL,
    city_code          TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (pregnancy_id, birth_order)
);
CREATE INDEX screening_newborns_birth ON screening_newborns(birth_day);

-- A screening result: a fact, stored with how it was judged (outcome, the rule version that
-- judged it) and its flags. newborn_id is NULL for a prenatal result.
CREATE TABLE screening_results (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT NOT NULL UNIQUE,
    version          INTEGER NOT NULL DEFAULT 1,
    service          TEXT NOT NULL,
    subject          TEXT NOT NULL CHECK (subject IN ('pregnancy', 'newborn')),
    pregnancy_id     INTEGER NOT NULL REFERENCES screening_pregnancies(id),
    newborn_id       INTEGER REFERENCES screening_newborns(id),
    subject_key      INTEGER NOT NULL,            -- pregnancy id, or -newborn id: one key for both
    performed_at     TEXT NOT NULL,               -- YYYY-MM-DD or YYYY-MM-DDTHH:MM
    result_day       INTEGER NOT NULL,
    institution      TEXT NOT NULL DEFAULT '',
    value_text       TEXT NOT NULL DEFAULT '{}',  -- the values as given, JSON
    conclusion       TEXT CHECK (conclusion = 'positive' OR conclusion = 'negative' OR conclusion = 'not_assessable'),
    outcome          TEXT NOT NULL CHECK (outcome = 'positive' OR outcome = 'negative' OR outcome = 'not_assessable' OR outcome = 'rescreen'),
    rule_version     TEXT NOT NULL,
    attempt          INTEGER NOT NULL,
    first_screen     INTEGER NOT NULL CHECK (first_screen IN (0, 1)),
    is_repeat        INTEGER NOT NULL CHECK (is_repeat IN (0, 1)),
    subsidised       INTEGER NOT NULL CHECK (subsidised IN (0, 1)),
    flags            TEXT NOT NULL DEFAULT '',
    county_code      TEXT NOT NULL,
    city_code        TEXT NOT NULL,
    import_batch_id  INTEGER REFERENCES import_batches(id),
    recorded_at      TEXT NOT NULL,
    UNIQUE (subject_key, service, performed_at)
);
CREATE INDEX screening_results_day ON screening_results(result_day);

-- A recall case, opened by a screen-positive result in the same transaction. At most one open
-- case per subject and service: a repeat positive joins the open case.
CREATE TABLE screening_recall_cases (
    id                 INTEGER PRIMARY KEY,
    uuid               TEXT NOT NULL UNIQUE,
    version            INTEGER NOT NULL DEFAULT 1,
    result_id          INTEGER NOT NULL REFERENCES screening_results(id),
    subject            TEXT NOT NULL CHECK (subject IN ('pregnancy', 'newborn')),
    subject_key        INTEGER NOT NULL,
    pregnancy_id       INTEGER NOT NULL REFERENCES screening_pregnancies(id),
    newborn_id         INTEGER REFERENCES screening_newborns(id),
    service            TEXT NOT NULL,
    opened_on          TEXT NOT NULL,
    stage              TEXT NOT NULL CHECK (stage = 'opened' OR stage = 'contacted' OR stage = 'referred' OR stage = 'diagnosed' OR stage = 'managed' OR stage = 'closed' OR stage = 'lost'),
    stage_since        TEXT NOT NULL,
    attempts           INTEGER NOT NULL DEFAULT 0,
    last_contact       TEXT,
    diagnosis          TEXT CHECK (diagnosis IN ('confirmed', 'not_confirmed')),
    next_step          TEXT,
    deadline           TEXT,
    late_entered       INTEGER NOT NULL DEFAULT 0,
    county_code        TEXT NOT NULL,
    city_code          TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE UNIQUE INDEX screening_recall_one_open ON screening_recall_cases(subject_key, service)
    WHERE stage NOT IN ('closed', 'lost');
CREATE INDEX screening_recall_open ON screening_recall_cases(deadline) WHERE stage NOT IN ('closed', 'lost');
CREATE INDEX screening_recall_result ON screening_recall_cases(result_id);

-- Every step of a recall case, append-only: the case row is their summary.
CREATE TABLE screening_recall_steps (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    case_id      INTEGER NOT NULL REFERENCES screening_recall_cases(id),
    step         TEXT NOT NULL CHECK (step = 'opened' OR step = 'contact' OR step = 'referred' OR step = 'diagnosed' OR step = 'managed' OR step = 'closed' OR step = 'lost'),
    on_date      TEXT NOT NULL,
    outcome      TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL DEFAULT '',
    stage_after  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
);
CREATE INDEX screening_recall_steps_case ON screening_recall_steps(case_id);
