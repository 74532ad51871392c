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
-- The planner's estimate of a filter on one award's letter: without these
-- it takes a default 0.5 % where a third of a province may match, and
-- sorts the whole table instead of reading people in their order.
CREATE STATISTICS eligibility_letter_1 ON (substr(letters, 1, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_2 ON (substr(letters, 2, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_3 ON (substr(letters, 3, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_4 ON (substr(letters, 4, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_5 ON (substr(letters, 5, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_6 ON (substr(letters, 6, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_7 ON (substr(letters, 7, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_8 ON (substr(letters, 8, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_9 ON (substr(letters, 9, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_10 ON (substr(letters, 10, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_11 ON (substr(letters, 11, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_12 ON (substr(letters, 12, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_13 ON (substr(letters, 13, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_14 ON (substr(letters, 14, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_15 ON (substr(letters, 15, 1)) FROM eligibility_verdicts;
CREATE STATISTICS eligibility_letter_16 ON (substr(letters, 16, 1)) FROM eligibility_verdicts;

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
