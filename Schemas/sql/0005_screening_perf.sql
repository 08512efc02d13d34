-- Screening performance: a per-subject, per-service summary kept up to date on write (in the
-- result's own transaction), so that `report screening` reads one narrow row per subject and
-- service instead of joining a province year of results (1.7M rows) to the cohort; and covering
-- indexes for the report's denominators.

-- One row per subject (pregnancy or newborn) and service that has at least one result. It is a
-- cache of screening_results and the cohort it belongs to, never edited by hand:
--   results      = COUNT(*) of the subject's results of the service
--   screened     = SUM(first_screen)                       (docs/screening-rates.md `screened`)
--   positive     = 1 when any result's outcome is positive  (`positives`)
--   subsidy_day, subsidy_year = result_day and programme year of the subsidised result (`subsidy`)
-- with the cohort copied from the subject (immutable once registered): cohort_day is the
-- pregnancy's registered_day or the newborn's birth_day, county_code the subject's county, and
-- end_ga (pregnancies) = closed_day - lmp_day once the pregnancy is closed, else NULL.
CREATE TABLE screening_subject_services (
    subject_key   INTEGER NOT NULL,
    service       TEXT NOT NULL,
    subject       TEXT NOT NULL CHECK (subject IN ('pregnancy', 'newborn')),
    cohort_day    INTEGER NOT NULL,
    county_code   TEXT NOT NULL,
    end_ga        INTEGER,
    results       INTEGER NOT NULL,
    screened      INTEGER NOT NULL,
    positive      INTEGER NOT NULL CHECK (positive IN (0, 1)),
    subsidy_day   INTEGER,
    subsidy_year  INTEGER,
    -- Stored in report order: the report aggregates it in one pass without sorting. The writer
    -- knows the subject's county, so it finds a row by the whole key.
    PRIMARY KEY (county_code, service, subject_key)
) WITHOUT ROWID;

INSERT INTO screening_subject_services (subject_key, service, subject, cohort_day, county_code, end_ga, results, screened,
                                        positive, subsidy_day, subsidy_year)
SELECT r.subject_key, r.service, r.subject,
       CASE WHEN r.newborn_id IS NULL THEN p.registered_day ELSE n.birth_day END,
       CASE WHEN r.newborn_id IS NULL THEN p.county_code ELSE n.county_code END,
       CASE WHEN r.newborn_id IS NULL THEN p.closed_day - p.lmp_day END,
       COUNT(*), SUM(r.first_screen), MAX(r.outcome = 'positive'),
       MIN(CASE WHEN r.subsidised = 1 THEN r.result_day END),
       MIN(CASE WHEN r.subsidised = 1 THEN CAST(substr(r.performed_at, 1, 4) AS INTEGER) END)
FROM screening_results r
JOIN screening_pregnancies p ON p.id = r.pregnancy_id
LEFT JOIN screening_newborns n ON n.id = r.newborn_id
GROUP BY r.subject_key, r.service;

-- The report's denominators: the cohort in the period by county, read from the index alone.
CREATE INDEX screening_pregnancies_cohort ON screening_pregnancies(registered_day, county_code, lmp_day, closed_day);
CREATE INDEX screening_newborns_cohort ON screening_newborns(birth_day, county_code);
-- The two indexes above begin with the columns of these, which they replace; the subsidy now
-- reads the summary, so no query ranges over results by date any more.
DROP INDEX screening_pregnancies_registered;
DROP INDEX screening_newborns_birth;
DROP INDEX screening_results_day;
