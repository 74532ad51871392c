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

-- Statement-level with transition tables: an import of many people moves
-- each unit's mark once per statement. The units are marked in id order
-- (and after eligibility_changes, whose triggers sort first by name), so
-- two writers never wait on each other's marks in opposite orders.
CREATE FUNCTION unit_marks_bump(units BIGINT[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO unit_member_marks (unit_id, n)
    SELECT u, 1 FROM (SELECT DISTINCT unnest(units) AS u) s WHERE u IS NOT NULL AND EXISTS (SELECT 1 FROM units WHERE id = u) ORDER BY u
    ON CONFLICT (unit_id) DO UPDATE SET n = unit_member_marks.n + 1;
$$;

CREATE FUNCTION people_unit_marks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM unit_marks_bump(ARRAY(SELECT unit_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM unit_marks_bump(ARRAY(SELECT unit_id FROM old_rows));
    ELSE
        PERFORM unit_marks_bump(ARRAY(
            SELECT unnest(ARRAY[o.unit_id, n.unit_id]) FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE (o.unit_id, o.status, o.gender) IS DISTINCT FROM (n.unit_id, n.status, n.gender)));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER people_unit_marks_ins AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_unit_marks();
CREATE TRIGGER people_unit_marks_upd AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_unit_marks();
CREATE TRIGGER people_unit_marks_del AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_unit_marks();

CREATE FUNCTION histories_unit_marks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM unit_marks_bump(ARRAY(SELECT p.unit_id FROM new_rows h JOIN people p ON p.id = h.person_id));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM unit_marks_bump(ARRAY(SELECT p.unit_id FROM old_rows h JOIN people p ON p.id = h.person_id));
    ELSE
        PERFORM unit_marks_bump(ARRAY(SELECT p.unit_id FROM people p
            WHERE p.id IN (SELECT person_id FROM new_rows UNION SELECT person_id FROM old_rows)));
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER histories_unit_marks_ins AFTER INSERT ON histories REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION histories_unit_marks();
CREATE TRIGGER histories_unit_marks_upd AFTER UPDATE ON histories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION histories_unit_marks();
CREATE TRIGGER histories_unit_marks_del AFTER DELETE ON histories REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION histories_unit_marks();

-- The year a unit led its cluster or bloc is a fact of its own verdicts
-- (R-CAMP-06): deciding it makes the collectives' table stale.
CREATE TRIGGER clusters_changed AFTER INSERT OR UPDATE OR DELETE ON clusters
    FOR EACH STATEMENT EXECUTE FUNCTION eligibility_changed();
