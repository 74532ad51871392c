-- Emulation campaigns: criteria, registrations, evidence, attachments, scores.
CREATE TABLE campaigns (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    title_fold        TEXT NOT NULL,
    form              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    unit_id           BIGINT NOT NULL REFERENCES units(id),
    plan_number       TEXT NOT NULL DEFAULT '',
    plan_type         TEXT NOT NULL DEFAULT '',
    plan_issuer       TEXT NOT NULL DEFAULT '',
    plan_date         TEXT,
    signer            TEXT NOT NULL DEFAULT '',
    signer_post       TEXT NOT NULL DEFAULT '',
    start_date        TEXT NOT NULL,
    end_date          TEXT NOT NULL,
    objectives        TEXT NOT NULL DEFAULT '',
    scope_unit_id     BIGINT NOT NULL REFERENCES units(id),
    participants      TEXT NOT NULL,
    awards_json       TEXT NOT NULL DEFAULT '[]',
    aggregation       TEXT NOT NULL,
    exclude_conflicts BOOLEAN NOT NULL DEFAULT TRUE,
    state             TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX campaigns_unit ON campaigns(unit_id);

CREATE TABLE criteria (
    id          INTEGER PRIMARY KEY,
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    code        TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    applies_to  TEXT NOT NULL,
    max_score   REAL NOT NULL,
    weight      REAL NOT NULL,
    evidence    TEXT NOT NULL DEFAULT '',
    UNIQUE (campaign_id, code)
);

CREATE TABLE registrations (
    id               INTEGER PRIMARY KEY,
    campaign_id      BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    unit_id          BIGINT NOT NULL REFERENCES units(id),
    person_id        BIGINT REFERENCES people(id),
    subject_key      TEXT NOT NULL,
    target_title     TEXT NOT NULL DEFAULT '',
    commitments_json TEXT NOT NULL DEFAULT '{}',
    state            TEXT NOT NULL,
    return_reason    TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL,
    UNIQUE (campaign_id, subject_key)
);
CREATE INDEX registrations_unit ON registrations(unit_id);

CREATE TABLE evidence (
    id              INTEGER PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    criterion_id    BIGINT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    text            TEXT NOT NULL DEFAULT '',
    figure          REAL,
    date            TEXT,
    link            TEXT NOT NULL DEFAULT '',
    created_by      BIGINT NOT NULL DEFAULT 0,
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX evidence_registration ON evidence(registration_id);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    evidence_id  BIGINT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    storage_key  TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX attachments_evidence ON attachments(evidence_id);

CREATE TABLE scores (
    id              INTEGER PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    criterion_id    BIGINT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    scorer_id       BIGINT NOT NULL REFERENCES users(id),
    value           REAL NOT NULL,
    comment         TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (registration_id, criterion_id, kind, scorer_id)
);

CREATE TABLE campaign_reviewers (
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, user_id)
);

-- Uploaded files when they are kept in the database (several nodes, one store).
CREATE TABLE file_blobs (
    key        TEXT PRIMARY KEY,
    data       BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);
