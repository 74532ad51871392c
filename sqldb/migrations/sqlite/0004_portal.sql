-- The public news portal: categories, articles, every version of an
-- article, and the search index (FTS5 over accent-folded text: unicode61
-- removes diacritics but keeps đ, so the application folds đ→d itself and
-- indexes only folded text; the original text stays in articles).
CREATE TABLE article_categories (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 1,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    title_fold   TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    body_text    TEXT NOT NULL DEFAULT '',
    category_id  BIGINT NOT NULL REFERENCES article_categories(id),
    signature    TEXT NOT NULL DEFAULT '',
    campaign_id  BIGINT REFERENCES campaigns(id) ON DELETE SET NULL,
    cover_key    TEXT NOT NULL DEFAULT '',
    cover_type   TEXT NOT NULL DEFAULT '',
    cover_alt    TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL,
    published_at TIMESTAMP,
    author_id    BIGINT REFERENCES users(id),
    editor_id    BIGINT REFERENCES users(id),
    approver_id  BIGINT REFERENCES users(id),
    note         TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX articles_public ON articles(state, published_at);
CREATE INDEX articles_category ON articles(category_id, state, published_at);
CREATE INDEX articles_campaign ON articles(campaign_id);
CREATE INDEX articles_cover ON articles(cover_key);

CREATE TABLE article_versions (
    article_id  BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    action      TEXT NOT NULL,
    state       TEXT NOT NULL,
    title       TEXT NOT NULL,
    summary     TEXT NOT NULL,
    body        TEXT NOT NULL,
    category_id BIGINT NOT NULL,
    signature   TEXT NOT NULL,
    campaign_id BIGINT,
    cover_key   TEXT NOT NULL,
    cover_alt   TEXT NOT NULL,
    note        TEXT NOT NULL,
    by_id       BIGINT,
    by_name     TEXT NOT NULL,
    at          TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- Published articles only; rowid = articles.id. Contentless: the text is
-- folded (no accents, đ→d, lower case), the readable text is in articles.
-- published_at (Unix seconds, stored: contentless_unindexed) lets a search
-- skip scheduled articles without joining articles.
CREATE VIRTUAL TABLE article_fts USING fts5(
    title, summary, body, published_at UNINDEXED,
    content = '', contentless_delete = 1, contentless_unindexed = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
