-- Background jobs, claimed portably by any node, and uploaded workbooks
-- waiting to be checked, confirmed and imported.
CREATE TABLE jobs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    ref_id       BIGINT NOT NULL DEFAULT 0,
    state        TEXT NOT NULL,
    actor_id     BIGINT NOT NULL DEFAULT 0,
    done         BIGINT NOT NULL DEFAULT 0,
    total        BIGINT NOT NULL DEFAULT 0,
    message      TEXT NOT NULL DEFAULT '',
    error        TEXT NOT NULL DEFAULT '',
    attempts     INTEGER NOT NULL DEFAULT 0,
    worker       TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMP NOT NULL,
    started_at   TIMESTAMP,
    heartbeat_at TIMESTAMP,
    finished_at  TIMESTAMP
);
CREATE INDEX jobs_queue ON jobs(state, id);

CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT NOT NULL,
    file_size     BIGINT NOT NULL,
    file_sha256   TEXT NOT NULL,
    content       BLOB,
    state         TEXT NOT NULL,
    summary_json  TEXT NOT NULL DEFAULT '',
    problems_json TEXT NOT NULL DEFAULT '',
    problem_count INTEGER NOT NULL DEFAULT 0,
    error         TEXT NOT NULL DEFAULT '',
    job_id        BIGINT NOT NULL DEFAULT 0,
    created_by    BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX imports_owner ON imports(created_by, id);
