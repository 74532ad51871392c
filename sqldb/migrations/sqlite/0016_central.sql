-- Proposals for awards decided at the centre: the public-comment window on
-- a proposal's nominees (dates as YYYY-MM-DD, both included), the citizens'
-- comments held for moderation (client_key is a keyed hash of the sender's
-- address, for rate limiting; the comment keeps no address), and the central
-- decisions recorded when they come back, with the nominees they award.
CREATE TABLE comment_windows (
    proposal_id BIGINT PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
    starts_on   TEXT NOT NULL,
    ends_on     TEXT NOT NULL,
    opened_by   TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX comment_windows_dates ON comment_windows(ends_on, starts_on);

CREATE TABLE public_comments (
    id           INTEGER PRIMARY KEY,
    proposal_id  BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    nominee_id   BIGINT REFERENCES nominees(id) ON DELETE SET NULL,
    nominee_name TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL,
    contact      TEXT NOT NULL,
    body         TEXT NOT NULL,
    state        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    client_key   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    moderated_by TEXT NOT NULL DEFAULT '',
    moderated_at TIMESTAMP
);
CREATE INDEX public_comments_proposal ON public_comments(proposal_id, id);
CREATE INDEX public_comments_client ON public_comments(client_key, created_at);

CREATE TABLE central_decisions (
    id          INTEGER PRIMARY KEY,
    proposal_id BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    number      TEXT NOT NULL,
    date        TEXT NOT NULL,
    authority   TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (number, date)
);
CREATE INDEX central_decisions_proposal ON central_decisions(proposal_id);

CREATE TABLE central_recipients (
    decision_id BIGINT NOT NULL REFERENCES central_decisions(id) ON DELETE CASCADE,
    nominee_id  BIGINT REFERENCES nominees(id) ON DELETE SET NULL,
    subject     TEXT NOT NULL,
    subject_id  BIGINT NOT NULL,
    name        TEXT NOT NULL,
    unit_name   TEXT NOT NULL,
    award       TEXT NOT NULL
);
CREATE INDEX central_recipients_decision ON central_recipients(decision_id);
CREATE INDEX central_recipients_nominee ON central_recipients(nominee_id);
