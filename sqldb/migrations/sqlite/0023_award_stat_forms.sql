-- The statutory forms from the stored award statistics (sqldb/awardstats,
-- package statforms): /app/stats/forms reads per-unit counts instead of
-- decoding every history of the subtree on each request.
--
-- award_stat_facts.posts keeps the posts a person held in the award's
-- year (statforms.PostsHeld, comma-separated), which with leader gives
-- the forms' leadership class under any circular's list of posts;
-- award_stat_form_cells counts the facts per unit, year, subject, kind,
-- code, award type, leader and posts: all a form's cells tell apart.
ALTER TABLE award_stat_facts ADD COLUMN posts TEXT NOT NULL DEFAULT '';

CREATE TABLE award_stat_form_cells (
    unit_id    BIGINT  NOT NULL,
    year       INTEGER NOT NULL,
    subject    TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    code       TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    leader     INTEGER NOT NULL,
    posts      TEXT    NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (year, unit_id, subject, kind, code, type, leader, posts)
);
CREATE INDEX award_stat_form_cells_unit ON award_stat_form_cells (unit_id, year);

-- The facts stored so far lack their posts: everything is computed again
-- at the next refresh, as on a just-migrated database.
DELETE FROM award_stat_facts;
DELETE FROM award_stat_cells;
DELETE FROM award_stat_subjects;
UPDATE award_stat_runs SET changes = -1 WHERE id = 1;

-- The statistics' headcount (active people by unit, gender and post)
-- read from an index instead of every person's row.
CREATE INDEX people_headcount ON people (status, unit_id, gender, is_leader);

-- The statistics' cells in the order they are read (awardstats.Cells),
-- covering, so the page reads them without a sort.
CREATE INDEX award_stat_cells_order ON award_stat_cells (year, kind DESC, code, unit_id, individual DESC, female, leader, level, n);
