-- Logins counted per (username, client address), API clients with a scope and an area, and the
-- calling client in the hook audit.

-- Failed logins per username and client address: a lock holds that pair only, so guesses from one
-- machine never lock the user out at another. '' is the client when the server did not know it.
-- Only well-formed usernames are kept (known or not, so a guess at a name learns nothing).
DROP TABLE login_attempts;
CREATE TABLE login_failures (
    username        TEXT NOT NULL,
    client          TEXT NOT NULL,
    failures        INTEGER NOT NULL,
    last_failure_at REAL NOT NULL,      -- seconds since 1970
    locked_until    REAL,
    PRIMARY KEY (username, client)
) WITHOUT ROWID;
CREATE INDEX login_failures_last ON login_failures(last_failure_at);

-- Failed logins from one client address across any usernames (guessing many names): a throttle,
-- never a lock.
CREATE TABLE login_client_failures (
    client          TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure_at REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_client_failures_last ON login_client_failures(last_failure_at);

-- Expired sessions are purged by these.
CREATE INDEX sessions_last_seen ON sessions(last_seen_at);
CREATE INDEX sessions_created ON sessions(created_at);

-- Machines that call the registry: a clinic system on the CDS Hooks services (scope cds) or the
-- voice platform on the call queue (scope voice), each limited to an area (360000, a city or a
-- county). A client proves itself with a bearer token, stored only as its SHA-256, or (cds only)
-- with JWTs signed by the keys of its issuer, kept here as the JWKS it handed over.
CREATE TABLE api_clients (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope = 'cds' OR scope = 'voice'),
    area_code    TEXT NOT NULL,
    token_hash   TEXT UNIQUE,
    jwt_issuer   TEXT,
    jwks         TEXT,
    created_at   TEXT NOT NULL,
    disabled_at  TEXT,
    CHECK ((token_hash IS NULL) <> (jwt_issuer IS NULL)),
    CHECK ((jwt_issuer IS NULL) = (jwks IS NULL)),
    CHECK (jwt_issuer IS NULL OR scope = 'cds')
);
-- One enabled client per issuer: its JWTs must map to exactly one area.
CREATE UNIQUE INDEX api_clients_issuer ON api_clients(jwt_issuer) WHERE jwt_issuer IS NOT NULL AND disabled_at IS NULL;

-- Which client made each hook call (NULL for `screenvax assist`), and whether the patient was
-- outside its area (answered exactly like an unknown patient). The append-only triggers stay.
ALTER TABLE assist_hook_calls ADD COLUMN client TEXT;
ALTER TABLE assist_hook_calls ADD COLUMN outside_area INTEGER NOT NULL DEFAULT 0;
