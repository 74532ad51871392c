-- The ladder of authorities (package ladder). A proposal forwarded up a
-- level names the level it is addressed to and the lower proposal it
-- carries (with the lower council's minutes and tally, as submitted);
-- proposals without a row are addressed to their own unit's level.
CREATE TABLE proposal_ladder (
    proposal_id      BIGINT PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
    to_unit_id       BIGINT NOT NULL REFERENCES units(id),
    from_proposal_id BIGINT REFERENCES proposals(id),
    carried_json     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX proposal_ladder_to ON proposal_ladder(to_unit_id);
CREATE UNIQUE INDEX proposal_ladder_from ON proposal_ladder(from_proposal_id);

-- Each level's decision settings: the issuer of its register, the
-- authority named on its decisions and the signature block.
CREATE TABLE level_offices (
    unit_id          BIGINT PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
    issuer           TEXT NOT NULL,
    authority        TEXT NOT NULL,
    signer_authority TEXT NOT NULL DEFAULT '',
    signer_on_behalf TEXT NOT NULL DEFAULT '',
    signer_post      TEXT NOT NULL,
    signer_name      TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    updated_at       TIMESTAMPTZ NOT NULL
);
