-- Sign-in throttling: one row per counter (account, address or device),
-- read and charged in one transaction (see thidua.JudgeSignIn).
DROP TABLE login_failures;
CREATE TABLE login_throttle (
    key      TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  TIMESTAMP NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle(last_at);

-- Secrets every node shares (the key that signs device cookies).
CREATE TABLE server_keys (
    name       TEXT PRIMARY KEY,
    secret     TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
