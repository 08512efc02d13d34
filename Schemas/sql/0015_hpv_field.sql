-- HPV as the counties run it: a county's own campaign dates, the school's form lines kept with
-- its import, who signed consent at the clinic, an adverse event followed to its conclusion, and
-- serious events sent to the platform ahead of the regular batches.

-- A county's own first-dose dates (确定具体接种时间、各阶段工作时间节点), within the province's:
-- forecasts and work lists of its girls use them. One row per county; each change is a new version.
CREATE TABLE hpv_county_dates (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT NOT NULL UNIQUE,
    version             INTEGER NOT NULL DEFAULT 1,
    programme           TEXT NOT NULL,
    county_code         TEXT NOT NULL,
    campaign_start      TEXT NOT NULL CHECK (campaign_start GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    first_dose_deadline TEXT NOT NULL CHECK (first_dose_deadline GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    set_by              TEXT NOT NULL,
    set_at              TEXT NOT NULL,
    CHECK (campaign_start <= first_dose_deadline),
    UNIQUE (programme, county_code)
);

-- The 附3 form's own lines around the table (the title above the header; 学校负责人, 联系人,
-- 联系人电话, 填表日期 below the rows), kept with the import that read them.
CREATE TABLE hpv_roster_forms (
    batch_id       INTEGER PRIMARY KEY REFERENCES import_batches(id),
    title          TEXT,
    school_head    TEXT,
    contact        TEXT,
    contact_phone  TEXT,
    filled_on      TEXT
);

-- Who signed the consent given at the clinic (the guardian's name as on the form).
ALTER TABLE hpv_enrollments ADD COLUMN consent_signed_by TEXT NOT NULL DEFAULT '';

-- An adverse event from its report to its conclusion: reported → investigated (date, investigator,
-- findings) → classified → closed; an appraisal (鉴定) requested when the diagnosis is disputed
-- holds it until its result is in.
ALTER TABLE hpv_aefi ADD COLUMN state TEXT NOT NULL DEFAULT 'reported'
    CHECK (state = 'reported' OR state = 'investigated' OR state = 'classified' OR state = 'appraisal' OR state = 'closed');
ALTER TABLE hpv_aefi ADD COLUMN investigated_on TEXT;
ALTER TABLE hpv_aefi ADD COLUMN investigator TEXT NOT NULL DEFAULT '';
ALTER TABLE hpv_aefi ADD COLUMN findings TEXT NOT NULL DEFAULT '';
ALTER TABLE hpv_aefi ADD COLUMN classification TEXT;
ALTER TABLE hpv_aefi ADD COLUMN classified_on TEXT;
ALTER TABLE hpv_aefi ADD COLUMN appraisal_requested_on TEXT;
ALTER TABLE hpv_aefi ADD COLUMN appraisal_result TEXT;
ALTER TABLE hpv_aefi ADD COLUMN appraisal_on TEXT;
ALTER TABLE hpv_aefi ADD COLUMN closed_on TEXT;
ALTER TABLE hpv_aefi ADD COLUMN updated_at TEXT;

-- Entries the platform needs at once (a serious adverse event) go ahead of the regular batches,
-- whatever is queued before them.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_urgent ON outbox(seq) WHERE state = 'pending' AND priority > 0;
