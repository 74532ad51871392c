-- Commendation: proposals with nominees, councils and meetings with the
-- secret ballot, decisions with a gap-free number register.
CREATE TABLE proposals (
    id           INTEGER PRIMARY KEY,
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    campaign_id  BIGINT REFERENCES campaigns(id),
    kind         TEXT NOT NULL,
    year         INTEGER NOT NULL,
    title        TEXT NOT NULL,
    ref_number   TEXT NOT NULL DEFAULT '',
    ref_type     TEXT NOT NULL DEFAULT '',
    ref_issuer   TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL,
    reason       TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_by   BIGINT NOT NULL DEFAULT 0,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP
);
CREATE INDEX proposals_unit ON proposals(unit_id);

CREATE TABLE nominees (
    id              INTEGER PRIMARY KEY,
    proposal_id     BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    subject         TEXT NOT NULL,
    person_id       BIGINT REFERENCES people(id),
    unit_id         BIGINT REFERENCES units(id),
    award           TEXT NOT NULL,
    report_json     TEXT NOT NULL DEFAULT '{}',
    registration_id BIGINT REFERENCES registrations(id) ON DELETE SET NULL,
    verdict         TEXT NOT NULL DEFAULT '',
    verdict_json    TEXT NOT NULL DEFAULT '',
    checked_at      TIMESTAMP,
    override        TEXT NOT NULL DEFAULT '',
    confirmed       BOOLEAN NOT NULL DEFAULT FALSE,
    appraisal       TEXT NOT NULL DEFAULT '',
    threshold       REAL NOT NULL DEFAULT 0.5,
    money_vnd       BIGINT NOT NULL DEFAULT 0,
    passed          BOOLEAN
);
CREATE INDEX nominees_proposal ON nominees(proposal_id);

CREATE TABLE proposal_events (
    id          INTEGER PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    at          TIMESTAMP NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposal_events_proposal ON proposal_events(proposal_id);

CREATE TABLE councils (
    id                INTEGER PRIMARY KEY,
    unit_id           BIGINT NOT NULL REFERENCES units(id),
    name              TEXT NOT NULL,
    valid_from        TEXT NOT NULL,
    valid_to          TEXT,
    min_present       REAL NOT NULL,
    min_present_award REAL NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TIMESTAMP NOT NULL
);

CREATE TABLE council_members (
    council_id BIGINT NOT NULL REFERENCES councils(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    role       TEXT NOT NULL,
    PRIMARY KEY (council_id, user_id)
);

CREATE TABLE meetings (
    id           INTEGER PRIMARY KEY,
    council_id   BIGINT NOT NULL REFERENCES councils(id),
    title        TEXT NOT NULL,
    date         TEXT NOT NULL,
    place        TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL,
    agenda_json  TEXT NOT NULL,
    present_json TEXT NOT NULL DEFAULT '[]',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    closed_at    TIMESTAMP
);

-- Who has voted: no choice, no time. Unique: a member votes once.
CREATE TABLE meeting_voters (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    written    BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (meeting_id, user_id)
);

-- The ballot box of a meeting: one row holding every ballot as a JSON array
-- sorted by the random receipt hash, rewritten on each vote, so that no row
-- order, row id or time links a ballot to a voter.
CREATE TABLE ballot_boxes (
    meeting_id   BIGINT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    ballots_json TEXT NOT NULL
);

CREATE TABLE decisions (
    id            INTEGER PRIMARY KEY,
    unit_id       BIGINT NOT NULL REFERENCES units(id),
    issuer        TEXT NOT NULL,
    year          INTEGER NOT NULL,
    number        INTEGER,
    place         TEXT NOT NULL,
    date          TEXT,
    title         TEXT NOT NULL,
    title_fold    TEXT NOT NULL,
    body_json     TEXT NOT NULL,
    meeting_id    BIGINT REFERENCES meetings(id),
    state         TEXT NOT NULL,
    public        BOOLEAN NOT NULL DEFAULT FALSE,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    issued_at     TIMESTAMP,
    UNIQUE (issuer, year, number)
);

-- The number register: the last number used per issuer and year (R-VB-02).
CREATE TABLE decision_registers (
    issuer TEXT NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (issuer, year)
);
