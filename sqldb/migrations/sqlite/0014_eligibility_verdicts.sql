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
    used_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (year, as_of, rules_key)
);

-- The count of changes, moved by every write to people and histories
-- (imports, history edits and issued decisions all write histories).
CREATE TABLE eligibility_changes (
    id INTEGER PRIMARY KEY,
    n  BIGINT NOT NULL
);
INSERT INTO eligibility_changes (id, n) VALUES (1, 0);

CREATE TRIGGER histories_changed_ins AFTER INSERT ON histories BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER histories_changed_upd AFTER UPDATE ON histories BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER histories_changed_del AFTER DELETE ON histories BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER people_changed_ins AFTER INSERT ON people BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER people_changed_upd AFTER UPDATE ON people BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER people_changed_del AFTER DELETE ON people BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
