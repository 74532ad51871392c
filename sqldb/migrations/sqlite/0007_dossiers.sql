-- Documents of commendation dossiers (hồ sơ đề nghị khen thưởng).
CREATE TABLE proposal_files (
    id           INTEGER PRIMARY KEY,
    proposal_id  BIGINT NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    subject      TEXT NOT NULL DEFAULT '',
    subject_id   BIGINT NOT NULL DEFAULT 0,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    storage_key  TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX proposal_files_proposal ON proposal_files(proposal_id);
