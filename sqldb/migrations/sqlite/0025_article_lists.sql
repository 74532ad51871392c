-- The editorial list of articles (/app/articles) orders by the last
-- change and filters by state, category, campaign, author and title
-- words. On SQLite every one of those columns lies after the body, in
-- the row's overflow pages, so each row looked at read its whole body:
-- this index carries them, the page's article ids and the count come from
-- it alone, and only the page's rows are read.
CREATE INDEX articles_list ON articles(updated_at, id, state, category_id, campaign_id, author_id, title_fold);

-- The inbox counts, on every page of a writer or publisher, the articles
-- submitted for review and the drafts sent back. Nearly every article is
-- published, so the planner takes an equality on state for the whole
-- table and scanned it (each row's body with it); with this index it
-- searches by state (the review count reads the index alone). No text
-- column: a note may be longer than PostgreSQL's btree entry.
CREATE INDEX articles_tasks ON articles(state, author_id, editor_id);
