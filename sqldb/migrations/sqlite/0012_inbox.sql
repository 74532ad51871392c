-- The inbox: notifications of events for their recipients, the e-mail
-- outbox the job runner sends with retries, each user's e-mail choice, and
-- how far the audit log has been read for events. Tasks ("Việc cần làm")
-- are queries over the objects' states and need no table of their own; the
-- indexes below keep the navigation's count to index lookups.
CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL,
    event_key  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP,
    UNIQUE (user_id, event_key)
);
CREATE INDEX notifications_user ON notifications(user_id, id);
CREATE INDEX notifications_unread ON notifications(user_id) WHERE read_at IS NULL;

CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    notification_id BIGINT NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
    state           TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_at         TIMESTAMP NOT NULL,
    worker          TEXT NOT NULL DEFAULT '',
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX mail_outbox_queue ON mail_outbox(state, next_at);

CREATE TABLE inbox_prefs (
    user_id   BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    email_off BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE inbox_cursor (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    audit_id BIGINT NOT NULL
);
INSERT INTO inbox_cursor (id, audit_id) SELECT 1, COALESCE(MAX(id), 0) FROM audit_log;

CREATE INDEX registrations_state ON registrations(state, campaign_id);
CREATE INDEX proposals_state ON proposals(state);
CREATE INDEX meetings_state ON meetings(state);
CREATE INDEX decisions_state ON decisions(state);
CREATE INDEX articles_state ON articles(state);
CREATE INDEX scores_reg_kind ON scores(registration_id, kind, scorer_id);
CREATE INDEX campaign_reviewers_user ON campaign_reviewers(user_id);
CREATE INDEX council_members_user ON council_members(user_id);
CREATE INDEX registrations_unit_state ON registrations(unit_id, state, campaign_id);
CREATE INDEX registrations_person ON registrations(person_id);
