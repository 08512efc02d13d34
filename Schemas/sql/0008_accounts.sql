-- Accounts for the clinic web app and the JSON API: who may log in, with which role, over which area.
-- Passwords are bcrypt hashes; session tokens are stored only as SHA-256 hashes, so a copy of the
-- database opens no session.
CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    username       TEXT NOT NULL UNIQUE,
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role = 'vaccinator' OR role = 'screening' OR role = 'followup'
                                       OR role = 'officer' OR role = 'admin'),
    -- a county code (360102), a city code (360100) or the province (360000)
    area_code      TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    disabled       INTEGER NOT NULL DEFAULT 0
);

-- Failed logins per username (known or not, so that a guess at a name learns nothing).
CREATE TABLE login_attempts (
    username        TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at REAL NOT NULL,      -- seconds since 1970, for the throttle and the lock
    locked_until    REAL
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,      -- hex SHA-256 of the token
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   REAL NOT NULL,
    last_seen_at REAL NOT NULL,
    -- the product, lot and expiry of the last dose recorded in this session: the next form's defaults
    last_product TEXT,
    last_lot     TEXT,
    last_expiry  TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);
