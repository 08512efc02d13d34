-- Officer accounts of the province dashboard (`hub user add`), under the clinic app's rules:
-- bcrypt hashes, sessions kept as the SHA-256 of their cookie token, failed logins counted per
-- (username, client address) and per address (Accounts' LoginPolicy). Province-wide, small,
-- not partitioned (a Citus reference table, like hub_counties).
CREATE TABLE hub_users (
    username       text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9._-]{2,64}$'),
    password_hash  text NOT NULL,
    role           text NOT NULL CHECK (role = 'officer'),
    area           text NOT NULL CHECK (area ~ '^36[0-9]{4}$'),
    disabled       boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Times as seconds since 1970, as LoginPolicy reckons them.
CREATE TABLE hub_sessions (
    token_hash    text PRIMARY KEY,
    username      text NOT NULL REFERENCES hub_users (username) ON DELETE CASCADE,
    csrf          text NOT NULL,
    created_at    double precision NOT NULL,
    last_seen_at  double precision NOT NULL
);
CREATE INDEX hub_sessions_username ON hub_sessions (username);

CREATE TABLE hub_login_failures (
    username         text NOT NULL,
    client           text NOT NULL,
    failures         integer NOT NULL,
    last_failure_at  double precision NOT NULL,
    locked_until     double precision,
    PRIMARY KEY (username, client)
);

CREATE TABLE hub_login_client_failures (
    client           text PRIMARY KEY,
    failures         integer NOT NULL,
    last_failure_at  double precision NOT NULL
);
