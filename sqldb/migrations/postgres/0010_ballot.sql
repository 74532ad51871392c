-- The secret ballot (issue #12): one row per encrypted ballot, keyed by its
-- hash, with no time, sequence or voter; the meeting's public key and
-- trustees; the trustees' partial decryptions; the decrypted sums. No
-- plaintext choice, key or share is stored.

CREATE TABLE IF NOT EXISTS meeting_keys (
    meeting_id BIGINT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    key_json   TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS meeting_trustees (
    meeting_id  BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    user_id     BIGINT NOT NULL REFERENCES users(id),
    role        TEXT NOT NULL DEFAULT '',
    share_taken BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (meeting_id, idx)
);

CREATE TABLE IF NOT EXISTS ballots (
    meeting_id  BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    hash        TEXT NOT NULL,
    ballot_json TEXT NOT NULL,
    PRIMARY KEY (meeting_id, hash)
);

CREATE TABLE IF NOT EXISTS ballot_fingerprints (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    fp         TEXT NOT NULL,
    PRIMARY KEY (meeting_id, fp)
);

CREATE TABLE IF NOT EXISTS meeting_partials (
    meeting_id   BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    partial_json TEXT NOT NULL,
    PRIMARY KEY (meeting_id, idx)
);

CREATE TABLE IF NOT EXISTS meeting_results (
    meeting_id BIGINT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    nominee_id BIGINT NOT NULL,
    agree      INTEGER NOT NULL,
    disagree   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, nominee_id)
);

-- Closed meetings keep their counts; the plaintext ballot box goes.
INSERT INTO meeting_results (meeting_id, nominee_id, agree, disagree)
SELECT b.meeting_id, (j.value ->> 'nominee_id')::BIGINT,
       sum(CASE WHEN j.value ->> 'choice' = 'AGREE' THEN 1 ELSE 0 END),
       sum(CASE WHEN j.value ->> 'choice' = 'AGREE' THEN 0 ELSE 1 END)
FROM ballot_boxes b JOIN meetings m ON m.id = b.meeting_id, json_array_elements(b.ballots_json::json) j
WHERE m.state = 'CLOSED'
GROUP BY b.meeting_id, (j.value ->> 'nominee_id')::BIGINT
ON CONFLICT DO NOTHING;

-- Votes of a meeting still open at the upgrade were plaintext: they are
-- void, and the secretary deals the meeting a key before it votes again.
DELETE FROM meeting_voters WHERE meeting_id IN (SELECT id FROM meetings WHERE state = 'OPEN');

-- DROP removes the table's files with every tuple version in them.
DROP TABLE ballot_boxes;
