-- The collectives' eligibility table, stored like the people's (0014): one
-- row per unit, year judged, evaluation date and rule set, with the unit's
-- explained verdicts as JSON (a unit is judged with the people of its
-- subtree as members, so any change to people, histories or units makes
-- the whole table stale; it is recomputed in the background).
CREATE TABLE eligibility_unit_verdicts (
    unit_id       BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    year          INTEGER NOT NULL,
    as_of         TEXT NOT NULL,
    rules_key     TEXT NOT NULL,
    verdicts_json TEXT NOT NULL,
    PRIMARY KEY (year, as_of, rules_key, unit_id)
);

-- Which collectives' tables have been computed, at which count of changes.
CREATE TABLE eligibility_unit_runs (
    year      INTEGER NOT NULL,
    as_of     TEXT NOT NULL,
    rules_key TEXT NOT NULL,
    changes   BIGINT NOT NULL,
    used_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (year, as_of, rules_key)
);

-- Moving or renaming a unit changes who its members are.
CREATE TRIGGER units_changed AFTER INSERT OR UPDATE OR DELETE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION eligibility_changed();
