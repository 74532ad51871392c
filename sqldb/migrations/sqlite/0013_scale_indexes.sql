-- Indexes for a province (50,000 people, 2,000 meetings and decisions,
-- 150,000 audit entries): the lookups the pages make by foreign key, and
-- the audit log's date filter, the editors' list of articles (newest change first).
CREATE INDEX decisions_meeting ON decisions(meeting_id);
CREATE INDEX decisions_unit ON decisions(unit_id);
CREATE INDEX meetings_council ON meetings(council_id);
CREATE INDEX nominees_person ON nominees(person_id);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX articles_updated ON articles(updated_at, id);
