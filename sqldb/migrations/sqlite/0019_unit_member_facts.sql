-- The collectives' eligibility from per-unit member summaries
-- (sqldb/verdicts, rules.MemberFacts): for each unit and year judged, a
-- small summary of what the collective conditions count of the unit's own
-- direct members (how many, women, ratings, titles, disciplines of the
-- year), so that judging the ~200 units of a province reads ~200 summaries
-- summed over each subtree instead of 50,000 histories.
--
-- A unit's mark moves whenever one of its direct members may count
-- differently: a person added, removed, moved between units, made active
-- or inactive, or of another gender, and any write to a person's history.
-- A summary records the mark it was computed at: while the unit's mark has
-- not moved, it is fresh; only the units whose mark moved are recomputed.
CREATE TABLE unit_member_marks (
    unit_id BIGINT PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
    n       BIGINT NOT NULL
);

CREATE TABLE unit_member_facts (
    unit_id    BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    facts_key  TEXT NOT NULL,
    mark       BIGINT NOT NULL,
    facts_json TEXT NOT NULL,
    PRIMARY KEY (year, unit_id)
);

CREATE TRIGGER people_unit_marks_ins AFTER INSERT ON people BEGIN
    INSERT INTO unit_member_marks (unit_id, n) VALUES (NEW.unit_id, 1) ON CONFLICT (unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER people_unit_marks_upd AFTER UPDATE OF unit_id, status, gender ON people BEGIN
    INSERT INTO unit_member_marks (unit_id, n) VALUES (OLD.unit_id, 1) ON CONFLICT (unit_id) DO UPDATE SET n = n + 1;
    INSERT INTO unit_member_marks (unit_id, n) VALUES (NEW.unit_id, 1) ON CONFLICT (unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER people_unit_marks_del AFTER DELETE ON people BEGIN
    INSERT INTO unit_member_marks (unit_id, n) SELECT id, 1 FROM units WHERE id = OLD.unit_id ON CONFLICT (unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER histories_unit_marks_ins AFTER INSERT ON histories WHEN NEW.person_id IS NOT NULL BEGIN
    INSERT INTO unit_member_marks (unit_id, n) SELECT unit_id, 1 FROM people WHERE id = NEW.person_id ON CONFLICT (unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER histories_unit_marks_upd AFTER UPDATE ON histories WHEN NEW.person_id IS NOT NULL OR OLD.person_id IS NOT NULL BEGIN
    INSERT INTO unit_member_marks (unit_id, n) SELECT unit_id, 1 FROM people WHERE id IN (OLD.person_id, NEW.person_id) ON CONFLICT (unit_id) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER histories_unit_marks_del AFTER DELETE ON histories WHEN OLD.person_id IS NOT NULL BEGIN
    INSERT INTO unit_member_marks (unit_id, n) SELECT unit_id, 1 FROM people WHERE id = OLD.person_id ON CONFLICT (unit_id) DO UPDATE SET n = n + 1;
END;

-- The year a unit led its cluster or bloc is a fact of its own verdicts
-- (R-CAMP-06): deciding it makes the collectives' table stale.
CREATE TRIGGER clusters_changed_ins AFTER INSERT ON clusters BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER clusters_changed_upd AFTER UPDATE OF leading_unit_id, year ON clusters BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER clusters_changed_del AFTER DELETE ON clusters BEGIN UPDATE eligibility_changes SET n = n + 1 WHERE id = 1; END;
