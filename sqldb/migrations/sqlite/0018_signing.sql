-- Digital signatures (sqldb/signatures). An agency's signing certificate:
-- its PKCS#12 and password sealed with AES-GCM under THIDUA_SECRET_KEY
-- (the key itself is never stored).
CREATE TABLE signing_certificates (
    id          INTEGER PRIMARY KEY,
    unit_id     BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    name        TEXT NOT NULL,
    issuer      TEXT NOT NULL,
    serial      TEXT NOT NULL,
    not_after   TIMESTAMP NOT NULL,
    sealed      BLOB NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX signing_certificates_unit ON signing_certificates(unit_id);

-- Trust anchors the administrator uploaded (DER), besides those of the
-- anchors directory.
CREATE TABLE trust_anchors (
    id          INTEGER PRIMARY KEY,
    subject     TEXT NOT NULL,
    serial      TEXT NOT NULL,
    not_after   TIMESTAMP NOT NULL,
    der         BLOB NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL
);

-- A decision's document as issued (frozen on first need) and, once
-- signed, the signed file and its signatures (JSON).
CREATE TABLE signed_documents (
    decision_id BIGINT NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    issued      BLOB NOT NULL,
    spot        TEXT NOT NULL,
    signed      BLOB,
    method      TEXT NOT NULL,
    signatures  TEXT NOT NULL,
    signed_at   TIMESTAMP,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (decision_id, kind)
);

-- The signature check of an uploaded file (dossier, evidence), by its
-- storage key.
CREATE TABLE file_signatures (
    storage_key TEXT PRIMARY KEY,
    status      TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    checked_at  TIMESTAMP NOT NULL
);
