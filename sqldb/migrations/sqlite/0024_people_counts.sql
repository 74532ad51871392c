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

CREATE TRIGGER people_counts_ins AFTER INSERT ON people BEGIN
    INSERT INTO unit_people_counts (unit_id, status, n) VALUES (NEW.unit_id, NEW.status, 1)
    ON CONFLICT (unit_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER people_counts_upd AFTER UPDATE OF unit_id, status ON people
WHEN OLD.unit_id <> NEW.unit_id OR OLD.status <> NEW.status BEGIN
    UPDATE unit_people_counts SET n = n - 1 WHERE unit_id = OLD.unit_id AND status = OLD.status;
    INSERT INTO unit_people_counts (unit_id, status, n) VALUES (NEW.unit_id, NEW.status, 1)
    ON CONFLICT (unit_id, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER people_counts_del AFTER DELETE ON people BEGIN
    UPDATE unit_people_counts SET n = n - 1 WHERE unit_id = OLD.unit_id AND status = OLD.status;
END;

-- The list's order with what its filters read (unit, status, category,
-- the folded name searched): a page walks the index alone and reads the
-- table only for its own rows, and a search counts its matches from it.
-- It replaces people_sort, its prefix.
CREATE INDEX people_list ON people(sort_key, id, unit_id, status, category, name_fold);
DROP INDEX people_sort;
