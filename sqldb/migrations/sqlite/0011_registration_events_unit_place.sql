-- The review history of a registration: every return with its reason, every
-- sending again and the approval, so a registration returned twice keeps
-- both reasons (the registration row holds only the latest).
CREATE TABLE registration_events (
    id              INTEGER PRIMARY KEY,
    registration_id BIGINT NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
    at              TIMESTAMP NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX registration_events_registration ON registration_events(registration_id);

-- Địa danh: the place name of an agency's document date lines ("Bắc Ninh,
-- ngày …"); empty takes the --place default.
ALTER TABLE units ADD COLUMN place TEXT NOT NULL DEFAULT '';
