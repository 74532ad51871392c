-- Emulation clusters and blocs (cụm, khối thi đua, R-CAMP-06; package
-- cluster, storage sqldb/clusters): the province groups agencies for a
-- year, with a leader and a deputy that rotate; the members sign a
-- covenant; the year's review is a campaign whose participants are the
-- members; the members' recorded vote names the leading unit, which the
-- eligibility engine reads for Cờ thi đua của UBND tỉnh (R-CTT-01).
CREATE TABLE clusters (
    id              INTEGER PRIMARY KEY,
    year            INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL,
    unit_id         BIGINT NOT NULL REFERENCES units(id),
    leader_unit_id  BIGINT NOT NULL REFERENCES units(id),
    deputy_unit_id  BIGINT NOT NULL REFERENCES units(id),
    campaign_id     BIGINT REFERENCES campaigns(id),
    leading_unit_id BIGINT REFERENCES units(id),
    decided_on      TEXT,
    version         INTEGER NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (unit_id, year, name)
);
CREATE INDEX clusters_year ON clusters(year, id);
CREATE INDEX clusters_leading ON clusters(leading_unit_id);

-- A unit sits in one cluster or bloc a year.
CREATE TABLE cluster_members (
    cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    year       INTEGER NOT NULL,
    unit_id    BIGINT NOT NULL REFERENCES units(id),
    position   INTEGER NOT NULL,
    scorer_id  BIGINT REFERENCES users(id),
    PRIMARY KEY (cluster_id, unit_id),
    UNIQUE (year, unit_id)
);
CREATE INDEX cluster_members_unit ON cluster_members(unit_id);

-- The covenant (giao ước thi đua): its targets, the signing date and the
-- signed document, kept in the file store under file_key.
CREATE TABLE cluster_covenants (
    cluster_id BIGINT PRIMARY KEY REFERENCES clusters(id) ON DELETE CASCADE,
    targets    TEXT NOT NULL,
    signed_on  TEXT NOT NULL,
    file_key   TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    file_type  TEXT NOT NULL,
    file_size  BIGINT NOT NULL,
    version    INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- Who signed the covenant for each member (its head).
CREATE TABLE cluster_signatures (
    cluster_id  BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    unit_id     BIGINT NOT NULL REFERENCES units(id),
    signer      TEXT NOT NULL,
    signer_post TEXT NOT NULL,
    PRIMARY KEY (cluster_id, unit_id)
);

-- The members' recorded vote for the leading unit: one vote a member.
CREATE TABLE cluster_votes (
    cluster_id        BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    voter_unit_id     BIGINT NOT NULL REFERENCES units(id),
    candidate_unit_id BIGINT NOT NULL REFERENCES units(id),
    cast_by           BIGINT REFERENCES users(id),
    cast_at           TIMESTAMP NOT NULL,
    PRIMARY KEY (cluster_id, voter_unit_id)
);
