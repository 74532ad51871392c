-- Award histories: one document per person or unit, read by the eligibility engine.
CREATE TABLE histories (
    subject_key  TEXT PRIMARY KEY,
    person_id    BIGINT REFERENCES people(id) ON DELETE CASCADE,
    unit_id      BIGINT REFERENCES units(id) ON DELETE CASCADE,
    history_json TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX histories_person ON histories(person_id);
CREATE INDEX histories_unit ON histories(unit_id);
