-- The jti of every CDS client JWT the server accepted, until the token expires (at most an hour):
-- a token used once stays refused across a restart of `screenvax serve`.
CREATE TABLE cds_jwt_seen (
    jti         TEXT PRIMARY KEY,
    expires_at  INTEGER NOT NULL          -- Unix seconds: the token's exp
) WITHOUT ROWID;
CREATE INDEX cds_jwt_seen_expiry ON cds_jwt_seen(expires_at);
