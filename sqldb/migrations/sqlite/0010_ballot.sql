-- The secret ballot (issue #12): one row per encrypted ballot, keyed by its
-- hash, with no time, sequence or voter; the meeting's public key and
-- trustees; the trustees' partial decryptions; the decrypted sums. No
-- plaintext choice, key or share is stored.

-- The published key: public key, Feldman commitments, verification keys.
CREATE TABLE IF NOT EXISTS meeting_keys (
    meeting_id BIGINT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    key_json   TEXT NOT NULL
);

-- The trustees who hold a share (default: chair, vice-chair, secretary).
CREATE TABLE IF NOT EXISTS meeting_trustees (
    meeting_id  BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    role        TEXT NOT NULL DEFAULT '',
    share_taken BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (meeting_id, idx)
);

-- Ballots: WITHOUT ROWID, so the rows sit in hash order and no row id
-- gives the casting order.
CREATE TABLE IF NOT EXISTS ballots (
    meeting_id  BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    hash        TEXT NOT NULL,
    ballot_json TEXT NOT NULL,
    PRIMARY KEY (meeting_id, hash)
) WITHOUT ROWID;

-- Weeding: every ciphertext and proof commitment of a meeting's ballots
-- once; a copied or re-randomized ballot repeats one.
CREATE TABLE IF NOT EXISTS ballot_fingerprints (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    fp         TEXT NOT NULL,
    PRIMARY KEY (meeting_id, fp)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS meeting_partials (
    meeting_id   BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    partial_json TEXT NOT NULL,
    PRIMARY KEY (meeting_id, idx)
);

-- The decrypted sums: how many agreed, how many did not, per nominee.
CREATE TABLE IF NOT EXISTS meeting_results (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    nominee_id BIGINT NOT NULL,
    agree      INTEGER NOT NULL,
    disagree   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, nominee_id)
);

-- Closed meetings keep their counts; the plaintext ballot box goes.
INSERT INTO meeting_results (meeting_id, nominee_id, agree, disagree)
SELECT b.meeting_id, json_extract(j.value, '$.nominee_id'),
       sum(CASE WHEN json_extract(j.value, '$.choice') = 'AGREE' THEN 1 ELSE 0 END),
       sum(CASE WHEN json_extract(j.value, '$.choice') = 'AGREE' THEN 0 ELSE 1 END)
FROM ballot_boxes b JOIN meetings m ON m.id = b.meeting_id, json_each(b.ballots_json) j
WHERE m.state = 'CLOSED'
GROUP BY b.meeting_id, json_extract(j.value, '$.nominee_id')
ON CONFLICT DO NOTHING;

-- Votes of a meeting still open at the upgrade were plaintext: they are
-- void, and the secretary deals the meeting a key before it votes again.
DELETE FROM meeting_voters WHERE meeting_id IN (SELECT id FROM meetings WHERE state = 'OPEN');

-- Overwrite, then delete, then drop: with secure_delete on (the DSN sets
-- it) the freed pages are zeroed, and Migrate truncates the WAL after.
UPDATE ballot_boxes SET ballots_json = '';
DELETE FROM ballot_boxes;
DROP TABLE ballot_boxes;

-- Who has voted, WITHOUT ROWID: the row id gave the order of the votes.
CREATE TABLE meeting_voters_new (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users(id),
    written    BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (meeting_id, user_id)
) WITHOUT ROWID;
INSERT INTO meeting_voters_new (meeting_id, user_id, written) SELECT meeting_id, user_id, written FROM meeting_voters;
DELETE FROM meeting_voters;
DROP TABLE meeting_voters;
ALTER TABLE meeting_voters_new RENAME TO meeting_voters;
