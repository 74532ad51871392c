-- People lists at province scale (issue #13).
--
-- unit_people_counts keeps, for each unit and status, how many people the
-- unit has directly, moved by triggers on every insert, delete and change
-- of a person's unit or status (the import's and the generator's writes
-- too), so the total of an unfiltered list (and the dashboard's count) is
-- a sum over the units in the reader's scope instead of a count over
-- 50,000 people. A row may stay at 0.
CREATE TABLE unit_people_counts (
    unit_id BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    status  TEXT NOT NULL,
    n       BIGINT NOT NULL,
    PRIMARY KEY (unit_id, status)
);
INSERT INTO unit_people_counts (unit_id, status, n)
SELECT unit_id, status, count(*) FROM people GROUP BY unit_id, status;

-- Statement-level with transition tables: an import of many people moves
-- each counter once per statement. Counters are written in key order, so
-- two writers never wait on each other's counters in opposite orders.
CREATE FUNCTION people_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO unit_people_counts (unit_id, status, n)
        SELECT unit_id, status, count(*) FROM new_rows GROUP BY unit_id, status ORDER BY unit_id, status
        ON CONFLICT (unit_id, status) DO UPDATE SET n = unit_people_counts.n + EXCLUDED.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO unit_people_counts (unit_id, status, n)
        SELECT unit_id, status, -count(*) FROM old_rows GROUP BY unit_id, status ORDER BY unit_id, status
        ON CONFLICT (unit_id, status) DO UPDATE SET n = unit_people_counts.n + EXCLUDED.n;
    ELSE
        INSERT INTO unit_people_counts (unit_id, status, n)
        SELECT u, s, sum(d) FROM (
            SELECT o.unit_id AS u, o.status AS s, -1 AS d FROM old_rows o JOIN new_rows w ON w.id = o.id
            WHERE o.unit_id <> w.unit_id OR o.status <> w.status
            UNION ALL
            SELECT w.unit_id, w.status, 1 FROM old_rows o JOIN new_rows w ON w.id = o.id
            WHERE o.unit_id <> w.unit_id OR o.status <> w.status) x
        GROUP BY u, s HAVING sum(d) <> 0 ORDER BY u, s
        ON CONFLICT (unit_id, status) DO UPDATE SET n = unit_people_counts.n + EXCLUDED.n;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER people_counts_ins AFTER INSERT ON people REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_counts();
CREATE TRIGGER people_counts_upd AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_counts();
CREATE TRIGGER people_counts_del AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION people_counts();

-- The list's order with what its filters read (unit, status, category,
-- the folded name searched): a page walks the index alone and reads the
-- table only for its own rows, and a search counts its matches from it.
-- It replaces people_sort, its prefix.
CREATE INDEX people_list ON people(sort_key, id, unit_id, status, category, name_fold);
DROP INDEX people_sort;
