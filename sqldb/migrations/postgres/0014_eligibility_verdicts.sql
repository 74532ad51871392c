-- The eligibility table's stored verdicts (sqldb/verdicts): one row per
-- person, year judged, evaluation date and rule set, with one letter per
-- individual award (E eligible, N not eligible, R needs review, H on hold)
-- and the versions of the person and history it was computed from.
CREATE TABLE eligibility_verdicts (
    person_id       BIGINT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    as_of           TEXT NOT NULL,
    rules_key       TEXT NOT NULL,
    person_version  INTEGER NOT NULL,
    history_version INTEGER NOT NULL,
    letters         TEXT NOT NULL,
    PRIMARY KEY (year, as_of, rules_key, person_id)
);
CREATE INDEX eligibility_verdicts_person ON eligibility_verdicts(person_id);

-- Which (year, date, rules) tables have been computed, and at which count
-- of changes to people and histories: the table is fresh while the count
-- has not moved.
CREATE TABLE eligibility_runs (
    year      INTEGER NOT NULL,
    as_of     TEXT NOT NULL,
    rules_key TEXT NOT NULL,
    changes   BIGINT NOT NULL,
    used_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (year, as_of, rules_key)
);

-- The count of changes, moved by every statement that writes people or
-- histories (imports, history edits and issued decisions all write
-- histories). Statement-level, so an import of many rows moves it once.
CREATE TABLE eligibility_changes (
    id INTEGER PRIMARY KEY,
    n  BIGINT NOT NULL
);
INSERT INTO eligibility_changes (id, n) VALUES (1, 0);

CREATE FUNCTION eligibility_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE eligibility_changes SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER histories_changed AFTER INSERT OR UPDATE OR DELETE ON histories
    FOR EACH STATEMENT EXECUTE FUNCTION eligibility_changed();
CREATE TRIGGER people_changed AFTER INSERT OR UPDATE OR DELETE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION eligibility_changed();
