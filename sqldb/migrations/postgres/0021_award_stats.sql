-- Stored statistics of awards (sqldb/awardstats): /app/stats and its
-- reports read these instead of every history on each request.
--
-- award_stat_facts holds each title and form received (not revoked) of
-- every person and unit, as thidua.HistoryAwards.AppendFacts flattens it,
-- with what the figures group by as it was when computed (the person's
-- unit, gender and post in the award's year); award_stat_cells counts
-- them per unit, year and group. award_stat_subjects records the person
-- (or unit) and history versions each subject's facts were computed from.
-- A count of changes moved by triggers on people, histories and units
-- tells a reader whether anything needs recomputing (award_stat_runs).
CREATE TABLE award_stat_facts (
    subject    TEXT    NOT NULL,
    subject_id BIGINT  NOT NULL,
    pos        INTEGER NOT NULL,
    unit_id    BIGINT  NOT NULL,
    year       INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    code       TEXT    NOT NULL,
    level      TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    decision   TEXT    NOT NULL,
    name       TEXT    COLLATE "C" NOT NULL,
    female     INTEGER NOT NULL,
    leader     INTEGER NOT NULL,
    PRIMARY KEY (subject, subject_id, pos)
);
CREATE INDEX award_stat_facts_unit_year ON award_stat_facts (unit_id, year);
CREATE INDEX award_stat_facts_order ON award_stat_facts (year, kind DESC, code, name, subject, subject_id, pos);

CREATE TABLE award_stat_cells (
    unit_id    BIGINT  NOT NULL,
    year       INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    code       TEXT    NOT NULL,
    level      TEXT    NOT NULL,
    individual INTEGER NOT NULL,
    female     INTEGER NOT NULL,
    leader     INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (unit_id, year, kind, code, level, individual, female, leader)
);

CREATE TABLE award_stat_subjects (
    subject         TEXT   NOT NULL,
    subject_id      BIGINT NOT NULL,
    version         BIGINT NOT NULL,
    history_version BIGINT NOT NULL,
    PRIMARY KEY (subject, subject_id)
);

CREATE TABLE award_stat_changes (
    id INTEGER PRIMARY KEY,
    n  BIGINT NOT NULL
);
INSERT INTO award_stat_changes (id, n) VALUES (1, 0);

CREATE TABLE award_stat_runs (
    id      INTEGER PRIMARY KEY,
    changes BIGINT NOT NULL
);
INSERT INTO award_stat_runs (id, changes) VALUES (1, -1);

CREATE FUNCTION award_stats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE award_stat_changes SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER award_stats_histories AFTER INSERT OR UPDATE OR DELETE ON histories
    FOR EACH STATEMENT EXECUTE FUNCTION award_stats_changed();
CREATE TRIGGER award_stats_people AFTER INSERT OR UPDATE OR DELETE ON people
    FOR EACH STATEMENT EXECUTE FUNCTION award_stats_changed();
CREATE TRIGGER award_stats_units AFTER INSERT OR UPDATE OR DELETE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION award_stats_changed();
