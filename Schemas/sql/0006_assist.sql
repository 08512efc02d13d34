-- The AI-assist interface (CDS Hooks): an append-only record of every hook call and of the
-- feedback clinicians send on cards; and the indexes a one-patient lookup needs.

-- One row per hook call (HTTP or `screenvax assist`). Never a full resident ID, a name or a
-- phone: the patient is masked (360102********1234) or given by registry id.
CREATE TABLE assist_hook_calls (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    service         TEXT NOT NULL,
    hook            TEXT NOT NULL,
    hook_instance   TEXT NOT NULL,
    origin          TEXT NOT NULL CHECK (origin = 'http' OR origin = 'cli'),
    patient_masked  TEXT NOT NULL,
    patient_found   INTEGER NOT NULL,
    card_ids        TEXT NOT NULL DEFAULT '[]',      -- JSON array of the cards' uuids
    indicators      TEXT NOT NULL DEFAULT '',        -- the cards' indicators, comma-separated
    latency_ms      REAL NOT NULL,
    ai_called       INTEGER NOT NULL,
    ai_outcome      TEXT NOT NULL                    -- not_configured, not_asked, ok, timeout, error, malformed
);
CREATE INDEX assist_hook_calls_instance ON assist_hook_calls(hook_instance);
CREATE TRIGGER assist_hook_calls_no_update BEFORE UPDATE ON assist_hook_calls
BEGIN SELECT RAISE(ABORT, 'assist_hook_calls is append-only'); END;
CREATE TRIGGER assist_hook_calls_no_delete BEFORE DELETE ON assist_hook_calls
BEGIN SELECT RAISE(ABORT, 'assist_hook_calls is append-only'); END;

-- Feedback on a card (CDS Hooks 2.0 feedback). A resent entry (same card, outcome and time) is
-- stored once.
CREATE TABLE assist_feedback (
    id                    INTEGER PRIMARY KEY,
    at                    TEXT NOT NULL,
    service               TEXT NOT NULL,
    card_uuid             TEXT NOT NULL,
    outcome               TEXT NOT NULL CHECK (outcome = 'accepted' OR outcome = 'overridden'),
    accepted_suggestions  TEXT NOT NULL DEFAULT '[]',
    override_code         TEXT,
    override_display      TEXT,
    user_comment          TEXT,
    outcome_timestamp     TEXT NOT NULL,
    UNIQUE (card_uuid, outcome, outcome_timestamp)
);
CREATE TRIGGER assist_feedback_no_update BEFORE UPDATE ON assist_feedback
BEGIN SELECT RAISE(ABORT, 'assist_feedback is append-only'); END;
CREATE TRIGGER assist_feedback_no_delete BEFORE DELETE ON assist_feedback
BEGIN SELECT RAISE(ABORT, 'assist_feedback is append-only'); END;

-- A chart opens for one person: her pregnancies (closed ones may still have open recall cases).
CREATE INDEX screening_pregnancies_person ON screening_pregnancies(person_id);
