-- The editorial list of articles (/app/articles) orders by the last
-- change and filters by state, category, campaign, author and title
-- words. On SQLite every one of those columns lies after the body, in
-- the row's overflow pages, so each row looked at read its whole body:
-- this index carries them, the page's article ids and the count come from
-- it alone, and only the page's rows are read.
CREATE INDEX articles_list ON articles(updated_at, id, state, category_id, campaign_id, author_id, title_fold);
