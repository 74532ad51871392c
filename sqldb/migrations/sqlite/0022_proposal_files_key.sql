-- A stored file may be shared by several proposal_files rows (a proposal
-- forwarded up the ladder carries its dossier's files under the same
-- storage key); deleting one row asks whether another still refers to the
-- key before the bytes leave the file store, so that lookup is indexed.
CREATE INDEX proposal_files_storage_key ON proposal_files(storage_key);
