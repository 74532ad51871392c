package articles

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"thidua/news"
	"thidua/sqldb"
	"thidua/sqldb/search"
	"time"

	"thidua"
)

// Store implements news.ArticleService over a sqldb.DB.
type Store struct {
	db *sqldb.DB
}

var _ news.ArticleService = (*Store)(nil)

// New returns the article store of db (a scoped store of InTx works too).
func New(db *sqldb.DB) *Store { return &Store{db: db} }

// articleSelect lists the article columns; body is replaced by ” in lists
// that do not show it.
func articleSelect(withBody bool) string {
	body := "a.body"
	if !withBody {
		body = "''"
	}
	return `a.id, a.slug, a.title, a.summary, ` + body + `, a.category_id, a.signature, a.campaign_id,
	a.cover_key, a.cover_type, a.cover_alt, a.state, a.published_at, a.author_id, a.editor_id, a.approver_id,
	a.note, a.version, a.created_at, a.updated_at, c.name, c.slug, au.display_name, ed.display_name,
	ap.display_name, cp.title, substr(a.body_text, 1, 600)`
}

const articleFrom = ` FROM articles a
	JOIN article_categories c ON c.id = a.category_id
	LEFT JOIN users au ON au.id = a.author_id
	LEFT JOIN users ed ON ed.id = a.editor_id
	LEFT JOIN users ap ON ap.id = a.approver_id
	LEFT JOIN campaigns cp ON cp.id = a.campaign_id`

func scanArticle(s scanner, extra ...any) (*news.Article, error) {
	var a news.Article
	var campaign, author, editor, approver sql.NullInt64
	var published sql.NullTime
	var authorName, editorName, approverName, campaignTitle sql.NullString
	dest := append([]any{&a.ID, &a.Slug, &a.Title, &a.Summary, &a.Body, &a.CategoryID, &a.Signature, &campaign,
		&a.CoverKey, &a.CoverType, &a.CoverAlt, &a.State, &published, &author, &editor, &approver,
		&a.Note, &a.Version, &a.CreatedAt, &a.UpdatedAt, &a.CategoryName, &a.CategorySlug, &authorName, &editorName,
		&approverName, &campaignTitle, &a.Excerpt}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, fmt.Errorf("sqldb: scan article: %w", err)
	}
	a.CampaignID, a.AuthorID, a.EditorID, a.ApproverID = campaign.Int64, author.Int64, editor.Int64, approver.Int64
	if published.Valid {
		a.PublishedAt = published.Time.UTC()
	}
	a.AuthorName, a.EditorName, a.ApproverName, a.CampaignTitle = authorName.String, editorName.String, approverName.String, campaignTitle.String
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return &a, nil
}

func findArticleRaw(ctx context.Context, q sqldb.Handle, id int64) (*news.Article, error) {
	a, err := scanArticle(q.QueryRowContext(ctx, `SELECT `+articleSelect(true)+articleFrom+` WHERE a.id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("tin bài")
	}
	return a, err
}

// ---- categories

const categoryColumns = `c.id, c.slug, c.name, c.description, c.position, c.version, c.created_at, c.updated_at`

func scanCategory(s scanner, extra ...any) (*news.Category, error) {
	var c news.Category
	dest := append([]any{&c.ID, &c.Slug, &c.Name, &c.Description, &c.Position, &c.Version, &c.CreatedAt, &c.UpdatedAt}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, fmt.Errorf("sqldb: scan category: %w", err)
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}

// FindCategories lists the categories in display order, each with its
// number of visible articles. Anyone may call it: the portal shows them.
func (s *Store) FindCategories(ctx context.Context) ([]*news.Category, error) {
	rows, err := s.db.Queries().QueryContext(ctx, `
		SELECT `+categoryColumns+`,
			(SELECT count(*) FROM articles a WHERE a.category_id = c.id AND a.state = $1 AND a.published_at <= $2)
		FROM article_categories c ORDER BY c.position, c.name, c.id`, news.ArticlePublished, s.db.Now().UTC())
	if err != nil {
		return nil, fmt.Errorf("sqldb: find categories: %w", err)
	}
	defer rows.Close()
	var out []*news.Category
	for rows.Next() {
		var n int
		c, err := scanCategory(rows, &n)
		if err != nil {
			return nil, err
		}
		c.Published = n
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindCategoryBySlug returns a category, or ENOTFOUND.
func (s *Store) FindCategoryBySlug(ctx context.Context, slug string) (*news.Category, error) {
	c, err := scanCategory(s.db.Queries().QueryRowContext(ctx, `SELECT `+categoryColumns+` FROM article_categories c WHERE c.slug = $1`, slug))
	if isNoRows(err) {
		return nil, notFound("chuyên mục")
	}
	return c, err
}

func findCategoryRaw(ctx context.Context, q sqldb.Handle, id int64) (*news.Category, error) {
	c, err := scanCategory(q.QueryRowContext(ctx, `SELECT `+categoryColumns+` FROM article_categories c WHERE c.id = $1`, id))
	if isNoRows(err) {
		return nil, notFound("chuyên mục")
	}
	return c, err
}

// CreateCategory stores a new category.
func (s *Store) CreateCategory(ctx context.Context, c *news.Category) error {
	if err := sqldb.RequirePerm(ctx, thidua.PermPublishArticles); err != nil {
		return err
	}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.QueryRowContext(ctx, `
		INSERT INTO article_categories (slug, name, description, position, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id`,
		c.Slug, c.Name, c.Description, c.Position, tx.Now()).Scan(&c.ID); err != nil {
		if sqldb.IsUniqueViolation(err) {
			return fieldErr("name", "Đã có chuyên mục với đường dẫn “"+c.Slug+"”, vui lòng chọn tên khác.")
		}
		return fmt.Errorf("sqldb: create category: %w", s.db.MapError(err))
	}
	stored, err := findCategoryRaw(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := tx.Audit(thidua.ActionCreate, "article_category", c.ID, nil, stored); err != nil {
		return err
	}
	if err := s.db.CommitPortal(ctx, tx); err != nil {
		return err
	}
	*c = *stored
	return nil
}

// UpdateCategory saves name, description and position; the slug stays, so
// links to the category keep working.
func (s *Store) UpdateCategory(ctx context.Context, c *news.Category) error {
	if err := sqldb.RequirePerm(ctx, thidua.PermPublishArticles); err != nil {
		return err
	}
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := findCategoryRaw(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	c.Slug = old.Slug
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE article_categories SET name = $1, description = $2, position = $3, version = version + 1, updated_at = $4
		WHERE id = $5 AND version = $6`, c.Name, c.Description, c.Position, tx.Now(), c.ID, c.Version)
	if err != nil {
		return fmt.Errorf("sqldb: update category: %w", s.db.MapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	stored, err := findCategoryRaw(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := tx.Audit(thidua.ActionUpdate, "article_category", c.ID, old, stored); err != nil {
		return err
	}
	if err := s.db.CommitPortal(ctx, tx); err != nil {
		return err
	}
	*c = *stored
	return nil
}

// ---- editorial side

// FindArticleByID returns an article for the editorial side.
func (s *Store) FindArticleByID(ctx context.Context, id int64) (*news.Article, error) {
	if err := sqldb.RequirePerm(ctx, thidua.PermWriteArticles); err != nil {
		return nil, err
	}
	return findArticleRaw(ctx, s.db.Queries(), id)
}

// FindArticles lists articles for the editorial side, last changed first.
func (s *Store) FindArticles(ctx context.Context, f news.ArticleFilter) ([]*news.Article, int, error) {
	if err := sqldb.RequirePerm(ctx, thidua.PermWriteArticles); err != nil {
		return nil, 0, err
	}
	w := newWhere("", nil)
	if f.ID != 0 {
		w.add("a.id = ?", f.ID)
	}
	if f.State != "" {
		w.add("a.state = ?", f.State)
	}
	if f.CategoryID != 0 {
		w.add("a.category_id = ?", f.CategoryID)
	}
	if f.CampaignID != 0 {
		w.add("a.campaign_id = ?", f.CampaignID)
	}
	if f.AuthorID != 0 {
		w.add("a.author_id = ?", f.AuthorID)
	}
	for _, word := range strings.Fields(thidua.Fold(f.Query)) {
		w.add("a.title_fold LIKE ?", "%"+word+"%")
	}
	// The count is of the whole list, whatever page of it is asked for.
	all := newWhere(w.sql(), w.args)
	limit, offset := sqldb.LimitOffset(f.Limit, f.Offset, 200)
	order := "a.updated_at DESC, a.id DESC"
	w.keyset("updated_at", f.AfterID, false)
	if f.BeforeID != 0 {
		w.keyset("updated_at", f.BeforeID, true)
		order = "a.updated_at, a.id"
	}
	page, pageArgs := w.page(limit, offset)
	// The page's ids first, from the index articles_list alone; then the
	// rows of the page only.
	rows, err := s.db.Queries().QueryContext(ctx, `SELECT `+articleSelect(false)+`, 0`+articleFrom+`
		WHERE a.id IN (SELECT a.id FROM articles a WHERE `+w.sql()+` ORDER BY `+order+` `+page+`)
		ORDER BY `+order, pageArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find articles: %w", err)
	}
	out, _, err := collectArticles(rows)
	if err != nil {
		return nil, 0, err
	}
	if f.BeforeID != 0 {
		slices.Reverse(out)
	}
	if f.AfterID != 0 || f.BeforeID != 0 {
		offset = 1 // a keyset page does not tell the count
	}
	total, err := s.countArticles(ctx, all, len(out), limit, offset)
	return out, total, err
}

// countArticles counts the articles of w unless the page (n of limit at
// offset) tells it: a window count would read every matching article,
// with its excerpt, for every page.
func (s *Store) countArticles(ctx context.Context, w *where, n, limit, offset int) (int, error) {
	if offset == 0 && n < limit {
		return n, nil
	}
	total := 0
	if err := s.db.Queries().QueryRowContext(ctx, `SELECT count(*) FROM articles a WHERE `+w.sql(), w.args...).Scan(&total); err != nil {
		return 0, fmt.Errorf("sqldb: count articles: %w", err)
	}
	return total, nil
}

func collectArticles(rows *sql.Rows) ([]*news.Article, int, error) {
	defer rows.Close()
	var out []*news.Article
	total := 0
	for rows.Next() {
		a, err := scanArticle(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, a)
	}
	return out, total, rows.Err()
}

// uniqueSlug returns base, or base-2, base-3 … whichever no other article uses.
func uniqueSlug(ctx context.Context, tx *sqldb.Tx, base string, self int64) (string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT slug FROM articles WHERE (slug = $1 OR slug LIKE $2) AND id <> $3`, base, base+"-%", self)
	if err != nil {
		return "", fmt.Errorf("sqldb: slugs: %w", err)
	}
	defer rows.Close()
	used := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		used[s] = true
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	if !used[base] {
		return base, nil
	}
	for i := 2; ; i++ {
		if s := base + "-" + strconv.Itoa(i); !used[s] {
			return s, nil
		}
	}
}

// checkArticleRefs checks that the category and the campaign exist.
func checkArticleRefs(ctx context.Context, tx *sqldb.Tx, a *news.Article) error {
	if _, err := findCategoryRaw(ctx, tx, a.CategoryID); err != nil {
		return fieldErr("category_id", "Chuyên mục không tồn tại.")
	}
	if a.CampaignID != 0 {
		if err := campaignExists(ctx, tx, a.CampaignID); err != nil {
			return fieldErr("campaign_id", "Đợt thi đua không tồn tại.")
		}
	}
	return nil
}

func actorID(ctx context.Context) any {
	if u := thidua.UserFromContext(ctx); u != nil {
		return u.ID
	}
	return nil
}

func actorName(ctx context.Context) string {
	if u := thidua.UserFromContext(ctx); u != nil {
		return u.DisplayName
	}
	return "Hệ thống"
}

// addVersion records the article as stored now under its current version.
func addVersion(ctx context.Context, tx *sqldb.Tx, a *news.Article, action string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO article_versions (article_id, version, action, state, title, summary, body, category_id, signature,
			campaign_id, cover_key, cover_alt, note, by_id, by_name, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		a.ID, a.Version, action, a.State, a.Title, a.Summary, a.Body, a.CategoryID, a.Signature,
		nullInt(a.CampaignID), a.CoverKey, a.CoverAlt, a.Note, actorID(ctx), actorName(ctx), tx.Now())
	if err != nil {
		return fmt.Errorf("sqldb: article version: %w", err)
	}
	return nil
}

// CreateArticle stores a new draft.
func (s *Store) CreateArticle(ctx context.Context, a *news.Article) error {
	if err := sqldb.RequirePerm(ctx, thidua.PermWriteArticles); err != nil {
		return err
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkArticleRefs(ctx, tx, a); err != nil {
		return err
	}
	if a.Slug, err = uniqueSlug(ctx, tx, news.Slugify(a.Title, 80), 0); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `
		INSERT INTO articles (slug, title, title_fold, summary, body, body_text, category_id, signature, campaign_id,
			cover_key, cover_type, cover_alt, state, author_id, editor_id, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, 1, $15, $15)
		RETURNING id`,
		a.Slug, a.Title, thidua.Fold(a.Title), a.Summary, a.Body, news.MarkdownText(a.Body), a.CategoryID, a.Signature,
		nullInt(a.CampaignID), a.CoverKey, a.CoverType, a.CoverAlt, news.ArticleDraft, actorID(ctx), tx.Now()).Scan(&a.ID); err != nil {
		return fmt.Errorf("sqldb: create article: %w", s.db.MapError(err))
	}
	stored, err := findArticleRaw(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if err := addVersion(ctx, tx, stored, "create"); err != nil {
		return err
	}
	if err := tx.Audit(thidua.ActionCreate, "article", a.ID, nil, auditArticle(stored)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*a = *stored
	return nil
}

// auditArticle is what the audit log keeps of an article: everything but
// the body, which the versions keep, and a note of its length instead.
func auditArticle(a *news.Article) map[string]any {
	return map[string]any{
		"slug": a.Slug, "title": a.Title, "summary": a.Summary, "body_chars": len([]rune(a.Body)),
		"category_id": a.CategoryID, "signature": a.Signature, "campaign_id": a.CampaignID,
		"cover_key": a.CoverKey, "cover_alt": a.CoverAlt, "state": a.State, "published_at": a.PublishedAt,
		"approver_id": a.ApproverID, "note": a.Note, "version": a.Version,
	}
}

// UpdateArticle saves the content of an article.
func (s *Store) UpdateArticle(ctx context.Context, a *news.Article) error {
	if err := sqldb.RequirePerm(ctx, thidua.PermWriteArticles); err != nil {
		return err
	}
	a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := findArticleRaw(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if err := old.CheckEdit(thidua.UserFromContext(ctx)); err != nil {
		return err
	}
	if old.Version != a.Version {
		return thidua.ErrStale()
	}
	if err := checkArticleRefs(ctx, tx, a); err != nil {
		return err
	}
	// The address stays once readers may have seen it.
	slug := old.Slug
	if old.PublishedAt.IsZero() && a.Title != old.Title {
		if slug, err = uniqueSlug(ctx, tx, news.Slugify(a.Title, 80), a.ID); err != nil {
			return err
		}
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE articles SET slug = $1, title = $2, title_fold = $3, summary = $4, body = $5, body_text = $6,
			category_id = $7, signature = $8, campaign_id = $9, cover_key = $10, cover_type = $11, cover_alt = $12,
			editor_id = $13, version = version + 1, updated_at = $14
		WHERE id = $15 AND version = $16`,
		slug, a.Title, thidua.Fold(a.Title), a.Summary, a.Body, news.MarkdownText(a.Body), a.CategoryID, a.Signature,
		nullInt(a.CampaignID), a.CoverKey, a.CoverType, a.CoverAlt, actorID(ctx), tx.Now(), a.ID, a.Version)
	if err != nil {
		return fmt.Errorf("sqldb: update article: %w", s.db.MapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return thidua.ErrStale()
	}
	stored, err := findArticleRaw(ctx, tx, a.ID)
	if err != nil {
		return err
	}
	if err := addVersion(ctx, tx, stored, "update"); err != nil {
		return err
	}
	if stored.State == news.ArticlePublished {
		if err := s.searcher().Put(ctx, tx, stored); err != nil {
			return err
		}
	}
	if err := tx.Audit(thidua.ActionUpdate, "article", a.ID, auditArticle(old), auditArticle(stored)); err != nil {
		return err
	}
	if err := s.commitArticle(ctx, tx, old, stored); err != nil {
		return err
	}
	*a = *stored
	return nil
}

// TransitionArticle applies a workflow action.
func (s *Store) TransitionArticle(ctx context.Context, id int64, action string, version int, opts news.ArticleTransitionOptions) (*news.Article, error) {
	me, err := sqldb.Actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := sqldb.RequirePerm(ctx, thidua.PermWriteArticles); err != nil {
		return nil, err
	}
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := findArticleRaw(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	t, err := news.FindArticleTransition(old.State, action)
	if err != nil {
		return nil, err
	}
	if err := t.CheckPublisher(me); err != nil {
		return nil, err
	}
	if old.Version != version {
		return nil, thidua.ErrStale()
	}
	step, err := old.Step(me, t, opts, tx.Now(), thidua.IsSystemContext(ctx))
	if err != nil {
		return nil, err
	}
	approver := any(nullInt(old.ApproverID))
	if step.Approve {
		approver = actorID(ctx)
	}
	res, err := tx.ExecContext(ctx, `
		UPDATE articles SET state = $1, published_at = $2, approver_id = $3, note = $4, version = version + 1, updated_at = $5
		WHERE id = $6 AND version = $7`,
		t.To, nullTimeArg(step.PublishedAt), approver, step.Note, tx.Now(), id, version)
	if err != nil {
		return nil, fmt.Errorf("sqldb: article %s: %w", action, s.db.MapError(err))
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return nil, thidua.ErrStale()
	}
	stored, err := findArticleRaw(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := addVersion(ctx, tx, stored, action); err != nil {
		return nil, err
	}
	switch {
	case stored.State == news.ArticlePublished:
		err = s.searcher().Put(ctx, tx, stored)
	case old.State == news.ArticlePublished:
		err = s.searcher().Remove(ctx, tx, id)
	}
	if err != nil {
		return nil, err
	}
	if err := tx.Audit(thidua.ActionUpdate, "article", id, auditArticle(old), auditArticle(stored)); err != nil {
		return nil, err
	}
	if err := s.commitArticle(ctx, tx, old, stored); err != nil {
		return nil, err
	}
	return stored, nil
}

// commitArticle commits a change of an article, announcing it to the
// portal's caches when readers see (or saw) the article.
func (s *Store) commitArticle(ctx context.Context, tx *sqldb.Tx, old, stored *news.Article) error {
	if old.State == news.ArticlePublished || stored.State == news.ArticlePublished {
		return s.db.CommitPortal(ctx, tx)
	}
	return tx.Commit()
}

func nullTimeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// FindArticleVersions returns the versions of an article, oldest first.
func (s *Store) FindArticleVersions(ctx context.Context, id int64) ([]*news.ArticleVersion, error) {
	if err := sqldb.RequirePerm(ctx, thidua.PermWriteArticles); err != nil {
		return nil, err
	}
	rows, err := s.db.Queries().QueryContext(ctx, `
		SELECT article_id, version, action, state, title, summary, body, category_id, signature, campaign_id,
			cover_key, cover_alt, note, by_id, by_name, at
		FROM article_versions WHERE article_id = $1 ORDER BY version`, id)
	if err != nil {
		return nil, fmt.Errorf("sqldb: article versions: %w", err)
	}
	defer rows.Close()
	var out []*news.ArticleVersion
	for rows.Next() {
		var v news.ArticleVersion
		var campaign, by sql.NullInt64
		if err := rows.Scan(&v.ArticleID, &v.Version, &v.Action, &v.State, &v.Title, &v.Summary, &v.Body, &v.CategoryID,
			&v.Signature, &campaign, &v.CoverKey, &v.CoverAlt, &v.Note, &by, &v.ByName, &v.At); err != nil {
			return nil, fmt.Errorf("sqldb: scan article version: %w", err)
		}
		v.CampaignID, v.ByID, v.At = campaign.Int64, by.Int64, v.At.UTC()
		out = append(out, &v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound("tin bài")
	}
	return out, nil
}

// CountPublishedArticles counts the visible articles linked to a campaign.
func (s *Store) CountPublishedArticles(ctx context.Context, campaignID int64) (int, error) {
	var n int
	err := s.db.Queries().QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE campaign_id = $1 AND state = $2 AND published_at <= $3`,
		campaignID, news.ArticlePublished, s.db.Now().UTC()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("sqldb: count campaign articles: %w", err)
	}
	return n, nil
}

// CampaignArticleCounts implements news.Store: one query over the
// campaigns' index entries.
func (s *Store) CampaignArticleCounts(ctx context.Context, campaignIDs []int64) (map[int64]news.CampaignArticles, error) {
	if err := sqldb.RequirePerm(ctx, thidua.PermWriteArticles); err != nil {
		return nil, err
	}
	out := map[int64]news.CampaignArticles{}
	if len(campaignIDs) == 0 {
		return out, nil
	}
	args := []any{news.ArticlePublished, s.db.Now().UTC()}
	var in []string
	for _, id := range campaignIDs {
		args = append(args, id)
		in = append(in, "$"+strconv.Itoa(len(args)))
	}
	rows, err := s.db.Queries().QueryContext(ctx, `SELECT campaign_id, count(*), COALESCE(SUM(CASE WHEN state = $1 AND published_at <= $2 THEN 1 ELSE 0 END), 0)
		FROM articles WHERE campaign_id IN (`+strings.Join(in, ", ")+`) GROUP BY campaign_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: campaign article counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var c news.CampaignArticles
		if err := rows.Scan(&id, &c.All, &c.Published); err != nil {
			return nil, err
		}
		out[id] = c
	}
	return out, rows.Err()
}

// ---- public side

// FindPublishedArticle returns the article readers see at slug.
func (s *Store) FindPublishedArticle(ctx context.Context, slug string) (*news.Article, error) {
	a, err := scanArticle(s.db.Queries().QueryRowContext(ctx, `SELECT `+articleSelect(true)+articleFrom+`
		WHERE a.slug = $1 AND a.state = $2 AND a.published_at <= $3`, slug, news.ArticlePublished, s.db.Now().UTC()))
	if isNoRows(err) {
		return nil, notFound("bài viết")
	}
	return a, err
}

// FindPublishedArticles lists what readers see, newest first, without bodies.
func (s *Store) FindPublishedArticles(ctx context.Context, f news.PublicFilter) ([]*news.Article, int, error) {
	w := newWhere("a.state = $1 AND a.published_at <= $2", []any{news.ArticlePublished, s.db.Now().UTC()})
	if f.CategoryID != 0 {
		w.add("a.category_id = ?", f.CategoryID)
	}
	if f.CampaignID != 0 {
		w.add("a.campaign_id = ?", f.CampaignID)
	}
	if f.ExcludeID != 0 {
		w.add("a.id <> ?", f.ExcludeID)
	}
	all := newWhere(w.sql(), w.args)
	w.keyset("published_at", f.AfterID, false)
	limit, offset := sqldb.LimitOffset(f.Limit, f.Offset, 50000)
	page, pageArgs := w.page(limit, offset)
	if f.LinksOnly {
		out, err := s.links(ctx, `SELECT a.id, a.slug, a.published_at, a.updated_at FROM articles a
		WHERE `+w.sql()+` ORDER BY a.published_at DESC, a.id DESC `+page, pageArgs)
		return out, 0, err
	}
	rows, err := s.db.Queries().QueryContext(ctx, `SELECT `+articleSelect(false)+`, 0`+articleFrom+`
		WHERE `+w.sql()+`
		ORDER BY a.published_at DESC, a.id DESC `+page, pageArgs...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: find published articles: %w", err)
	}
	out, _, err := collectArticles(rows)
	if err != nil || f.NoTotal {
		return out, 0, err
	}
	if f.AfterID != 0 {
		offset = 1
	}
	total, err := s.countArticles(ctx, all, len(out), limit, offset)
	return out, total, err
}

// PublishedSummary counts the articles readers see and returns the latest
// time one was published or changed.
func (s *Store) PublishedSummary(ctx context.Context) (int, time.Time, error) {
	q, now := s.db.Queries(), s.db.Now().UTC()
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE state = $1 AND published_at <= $2`,
		news.ArticlePublished, now).Scan(&n); err != nil {
		return 0, time.Time{}, fmt.Errorf("sqldb: count published articles: %w", err)
	}
	var last time.Time
	for _, col := range []string{"published_at", "updated_at"} {
		var t time.Time
		err := q.QueryRowContext(ctx, `SELECT `+col+` FROM articles WHERE state = $1 AND published_at <= $2
			ORDER BY `+col+` DESC LIMIT 1`, news.ArticlePublished, now).Scan(&t)
		if isNoRows(err) {
			break
		}
		if err != nil {
			return 0, time.Time{}, fmt.Errorf("sqldb: latest article: %w", err)
		}
		if t.After(last) {
			last = t.UTC()
		}
	}
	return n, last, nil
}

// NextScheduledAt returns the earliest publication time still to come.
func (s *Store) NextScheduledAt(ctx context.Context) (time.Time, error) {
	var t time.Time
	err := s.db.Queries().QueryRowContext(ctx, `SELECT published_at FROM articles WHERE state = $1 AND published_at > $2
		ORDER BY published_at LIMIT 1`, news.ArticlePublished, s.db.Now().UTC()).Scan(&t)
	if isNoRows(err) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("sqldb: next scheduled article: %w", err)
	}
	return t.UTC(), nil
}

// FindArticleByCover returns the article whose cover image is key.
func (s *Store) FindArticleByCover(ctx context.Context, key string) (*news.Article, error) {
	if key == "" {
		return nil, notFound("ảnh")
	}
	a, err := scanArticle(s.db.Queries().QueryRowContext(ctx, `SELECT `+articleSelect(false)+articleFrom+`
		WHERE a.cover_key = $1 ORDER BY a.id LIMIT 1`, key))
	if isNoRows(err) {
		// An image replaced since an older version still belongs to that version.
		var id int64
		err = s.db.Queries().QueryRowContext(ctx, `SELECT article_id FROM article_versions WHERE cover_key = $1 LIMIT 1`, key).Scan(&id)
		if isNoRows(err) {
			return nil, notFound("ảnh")
		}
		if err != nil {
			return nil, err
		}
		a, err = findArticleRaw(ctx, s.db.Queries(), id)
		if err != nil {
			return nil, err
		}
		// Readers never see an image that is no longer the cover.
		a.State = news.ArticleDraft
		return a, nil
	}
	return a, err
}

// SearchArticles finds visible articles by words, best first.
func (s *Store) SearchArticles(ctx context.Context, query string, offset, limit int) ([]*news.SearchHit, int, error) {
	terms := news.SearchTerms(query)
	if len(terms) == 0 {
		return nil, 0, nil
	}
	limit, offset = sqldb.LimitOffset(limit, offset, 50)
	ids, ranks, total, err := s.searcher().Search(ctx, s.db.Queries(), terms, s.db.Now().UTC(), offset, limit)
	if err != nil {
		return nil, 0, err
	}
	if len(ids) == 0 {
		return nil, total, nil
	}
	args := make([]any, len(ids))
	marks := make([]string, len(ids))
	for i, id := range ids {
		args[i] = id
		marks[i] = "$" + strconv.Itoa(i+1)
	}
	rows, err := s.db.Queries().QueryContext(ctx, `SELECT `+articleSelect(false)+`, a.body_text`+articleFrom+`
		WHERE a.id IN (`+strings.Join(marks, ", ")+`)`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqldb: search results: %w", err)
	}
	defer rows.Close()
	byID := map[int64]*news.SearchHit{}
	for rows.Next() {
		var text string
		a, err := scanArticle(rows, &text)
		if err != nil {
			return nil, 0, err
		}
		snippetOf := a.Summary + "\n" + text
		byID[a.ID] = &news.SearchHit{Article: a, Title: news.Highlight(a.Title, terms, 0),
			Snippet: news.Highlight(snippetOf, terms, 40)}
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	out := make([]*news.SearchHit, 0, len(ids))
	for i, id := range ids {
		if h, ok := byID[id]; ok {
			h.Rank = ranks[i]
			out = append(out, h)
		}
	}
	return out, total, nil
}

// searcher is the full-text index of the database's kind.
func (s *Store) searcher() search.Index {
	if s.db.Dialect() == sqldb.Postgres {
		return search.Postgres()
	}
	return search.SQLite()
}

// ReindexArticles rebuilds the search index from the published articles,
// for imports that write the articles table directly (the benchmark).
func (s *Store) ReindexArticles(ctx context.Context) (int, error) {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id FROM articles WHERE state = $1`, news.ArticlePublished)
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	ix := s.searcher()
	for _, id := range ids {
		a, err := findArticleRaw(ctx, tx, id)
		if err != nil {
			return 0, err
		}
		if err := ix.Put(ctx, tx, a); err != nil {
			return 0, err
		}
	}
	return len(ids), s.db.CommitPortal(ctx, tx)
}

// ImportArticles stores already-published articles in one transaction,
// indexed for search: for moving an old portal's archive in, and for the
// search benchmark. It needs the system context. Each article needs a
// title, a body, a category and PublishedAt; slugs are made unique. One
// audit entry records the import.
func (s *Store) ImportArticles(ctx context.Context, list []*news.Article) error {
	if !thidua.IsSystemContext(ctx) || thidua.UserFromContext(ctx) != nil {
		return thidua.Errorf(thidua.EFORBIDDEN, "Chỉ hệ thống mới được nhập tin bài hàng loạt.")
	}
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	used := map[string]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT slug FROM articles`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		used[s] = true
	}
	rows.Close()
	ix := s.searcher()
	for i, a := range list {
		a.Normalize()
		if err := a.Validate(); err != nil {
			return fmt.Errorf("sqldb: import article %d (%q): %w", i, a.Title, err)
		}
		if a.PublishedAt.IsZero() {
			return fmt.Errorf("sqldb: import article %d (%q): no publication time", i, a.Title)
		}
		base := news.Slugify(a.Title, 80)
		a.Slug = base
		for n := 2; used[a.Slug]; n++ {
			a.Slug = base + "-" + strconv.Itoa(n)
		}
		used[a.Slug] = true
		a.State, a.Version = news.ArticlePublished, 1
		a.PublishedAt = a.PublishedAt.UTC().Truncate(time.Second)
		if err := tx.QueryRowContext(ctx, `
			INSERT INTO articles (slug, title, title_fold, summary, body, body_text, category_id, signature, campaign_id,
				cover_key, cover_type, cover_alt, state, published_at, version, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '', '', '', $10, $11, 1, $12, $12)
			RETURNING id`,
			a.Slug, a.Title, thidua.Fold(a.Title), a.Summary, a.Body, news.MarkdownText(a.Body), a.CategoryID, a.Signature,
			nullInt(a.CampaignID), a.State, a.PublishedAt, tx.Now()).Scan(&a.ID); err != nil {
			return fmt.Errorf("sqldb: import article %d: %w", i, s.db.MapError(err))
		}
		if err := addVersion(ctx, tx, a, "create"); err != nil {
			return err
		}
		if err := ix.Put(ctx, tx, a); err != nil {
			return err
		}
	}
	if err := tx.Audit(thidua.ActionCreate, "article", 0, nil, map[string]any{"imported": len(list)}); err != nil {
		return err
	}
	return s.db.CommitPortal(ctx, tx)
}

// links reads the id, slug and dates of the articles of query.
func (s *Store) links(ctx context.Context, query string, args []any) ([]*news.Article, error) {
	rows, err := s.db.Queries().QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqldb: article links: %w", err)
	}
	defer rows.Close()
	var out []*news.Article
	for rows.Next() {
		var a news.Article
		var published sql.NullTime
		if err := rows.Scan(&a.ID, &a.Slug, &published, &a.UpdatedAt); err != nil {
			return nil, fmt.Errorf("sqldb: article links: %w", err)
		}
		if published.Valid {
			a.PublishedAt = published.Time.UTC()
		}
		a.UpdatedAt = a.UpdatedAt.UTC()
		out = append(out, &a)
	}
	return out, rows.Err()
}
