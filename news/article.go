// Package news holds the domain of the agency's news portal (trang thông
// tin điện tử): articles and categories, their editorial workflow with the
// four-eyes rule, versions and their line diffs, slugs, and accent-blind
// search terms with highlighted passages. Like the root package it knows
// neither SQL nor HTTP; storage (sqldb) and the web's portal and editor
// implement and call it.
package news

import (
	"context"
	"strings"
	"sync"
	"thidua"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Article states (trạng thái tin bài). A published article whose
// PublishedAt lies in the future is scheduled: readers see it from then on.
const (
	ArticleDraft       = "DRAFT"
	ArticleSubmitted   = "SUBMITTED"
	ArticlePublished   = "PUBLISHED"
	ArticleUnpublished = "UNPUBLISHED"
)

// ArticleStates lists the article states with their Vietnamese labels.
var ArticleStates = []thidua.Option{
	{Code: ArticleDraft, Label: "Bản nháp"},
	{Code: ArticleSubmitted, Label: "Chờ duyệt"},
	{Code: ArticlePublished, Label: "Đã xuất bản"},
	{Code: ArticleUnpublished, Label: "Đã gỡ"},
}

// ArticleTransition is one allowed move of the article workflow.
type ArticleTransition struct {
	Action string
	From   string
	To     string
	Label  string
	// Publisher is true when the action needs PermPublishArticles; the
	// others need PermWriteArticles.
	Publisher bool
}

// ArticleTransitions is the whole article workflow: draft → submitted →
// published → unpublished, with the ways back. Publishing is an approval:
// the approver must be neither the author nor the last editor.
var ArticleTransitions = []ArticleTransition{
	{"submit", ArticleDraft, ArticleSubmitted, "Gửi duyệt", false},
	{"withdraw", ArticleSubmitted, ArticleDraft, "Rút lại để sửa", false},
	{"return", ArticleSubmitted, ArticleDraft, "Trả lại cho người viết", true},
	{"publish", ArticleSubmitted, ArticlePublished, "Duyệt và xuất bản", true},
	{"unpublish", ArticlePublished, ArticleUnpublished, "Gỡ bài", true},
	{"redraft", ArticleUnpublished, ArticleDraft, "Chuyển về bản nháp để sửa", false},
}

// FindArticleTransition returns the transition of action from state, or an
// EINVALID error saying the action is not possible now.
func FindArticleTransition(state, action string) (ArticleTransition, error) {
	for _, t := range ArticleTransitions {
		if t.Action == action && t.From == state {
			return t, nil
		}
	}
	return ArticleTransition{}, thidua.Errorf(thidua.EINVALID, "Không thể thực hiện thao tác này khi tin bài đang ở trạng thái “%s”.", thidua.Label(ArticleStates, state))
}

// Category is a section of the portal (chuyên mục), e.g. "Thi đua – Khen thưởng".
type Category struct {
	ID          int64     `json:"id"`
	Slug        string    `json:"slug"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Position    int       `json:"position"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	// Published is the number of articles readers can see; filled on reads.
	Published int `json:"published"`
}

// Normalize puts the fields of c into canonical form; an empty slug is
// made from the name.
func (c *Category) Normalize() {
	c.Name = thidua.NormalizeText(c.Name)
	c.Description = thidua.NormalizeText(c.Description)
	c.Slug = strings.TrimSpace(c.Slug)
	if c.Slug == "" {
		c.Slug = Slugify(c.Name, 60)
	}
}

// Validate checks the category.
func (c *Category) Validate() error {
	var v thidua.Validation
	thidua.CheckLen(&v, "name", "Tên chuyên mục", c.Name, true, 100)
	thidua.CheckLen(&v, "description", "Mô tả", c.Description, false, 500)
	if c.Name != "" && !ValidSlug(c.Slug) {
		v.Add("slug", "Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.")
	}
	if c.Position < 0 || c.Position > 1000 {
		v.Add("position", "Thứ tự phải từ 0 đến 1000.")
	}
	return v.Err()
}

// URL returns the path of the category's page on the portal.
func (c *Category) URL() string { return "/chuyen-muc/" + c.Slug }

// Article is a news article of the portal (tin bài).
type Article struct {
	ID      int64  `json:"id"`
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Summary string `json:"summary"` // sapo: one paragraph shown under the title and in lists
	// Body is Markdown; the web layer renders it to sanitized HTML.
	Body       string `json:"body"`
	CategoryID int64  `json:"category_id"`
	Signature  string `json:"signature"` // byline under the body, e.g. "BBT"
	CampaignID int64  `json:"campaign_id,omitempty"`
	// CoverKey names the cover image in the file store; CoverAlt describes
	// it for readers who cannot see it (required with an image).
	CoverKey  string `json:"cover_key,omitempty"`
	CoverType string `json:"cover_type,omitempty"`
	CoverAlt  string `json:"cover_alt,omitempty"`
	State     string `json:"state"`
	// PublishedAt is when readers see the article: set on approval, in the
	// future for a scheduled article; kept when the article is unpublished.
	PublishedAt time.Time `json:"published_at,omitzero"`
	AuthorID    int64     `json:"author_id"`
	EditorID    int64     `json:"editor_id"`             // last to change the content
	ApproverID  int64     `json:"approver_id,omitempty"` // who published it
	Note        string    `json:"note,omitempty"`        // why it was returned
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`

	// Filled on reads.
	CategoryName  string `json:"category_name,omitempty"`
	CategorySlug  string `json:"category_slug,omitempty"`
	AuthorName    string `json:"author_name,omitempty"`
	EditorName    string `json:"editor_name,omitempty"`
	ApproverName  string `json:"approver_name,omitempty"`
	CampaignTitle string `json:"campaign_title,omitempty"`
	// Excerpt is the start of the body as plain text, read with lists
	// (which leave Body out), for feeds and descriptions.
	Excerpt string `json:"-"`
}

// Normalize puts the fields of a into canonical form. The body keeps its
// line breaks (Markdown needs them) but is NFC-normalized.
func (a *Article) Normalize() {
	a.Title = thidua.NormalizeText(a.Title)
	a.Summary = thidua.NormalizeText(a.Summary)
	a.Body = normalizeMarkdown(a.Body)
	a.Signature = thidua.NormalizeText(a.Signature)
	a.CoverAlt = thidua.NormalizeText(a.CoverAlt)
	a.Note = thidua.NormalizeText(a.Note)
}

// normalizeMarkdown returns src in NFC with Unix line ends and no control
// characters, keeping indentation (Markdown gives it meaning).
func normalizeMarkdown(src string) string {
	src = norm.NFC.String(strings.ReplaceAll(src, "\r\n", "\n"))
	src = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || !unicode.IsControl(r) {
			return r
		}
		return -1
	}, src)
	return strings.TrimSpace(src)
}

// Validate checks the fields an author fills in.
func (a *Article) Validate() error {
	var v thidua.Validation
	thidua.CheckLen(&v, "title", "Tiêu đề", a.Title, true, 300)
	thidua.CheckLen(&v, "summary", "Tóm tắt (sapo)", a.Summary, false, 1000)
	thidua.CheckLen(&v, "body", "Nội dung", a.Body, true, 100000)
	thidua.CheckLen(&v, "signature", "Bút danh, chữ ký", a.Signature, false, 200)
	thidua.CheckLen(&v, "cover_alt", "Mô tả ảnh", a.CoverAlt, false, 300)
	if a.Title != "" && Slugify(a.Title, 80) == "" {
		v.Add("title", "Tiêu đề cần có ít nhất một chữ cái hoặc chữ số.")
	}
	if a.CategoryID <= 0 {
		v.Add("category_id", "Vui lòng chọn chuyên mục.")
	}
	if a.CoverKey != "" && a.CoverAlt == "" {
		v.Add("cover_alt", "Vui lòng mô tả ảnh đại diện cho người đọc không xem được ảnh.")
	}
	return v.Err()
}

// URL returns the path of the article's page on the portal.
func (a *Article) URL() string { return "/tin-tuc/" + a.Slug }

// Visible reports whether readers can see the article at time now.
func (a *Article) Visible(now time.Time) bool {
	return a.State == ArticlePublished && !a.PublishedAt.After(now)
}

// Scheduled reports whether the article is approved but not yet shown.
func (a *Article) Scheduled(now time.Time) bool {
	return a.State == ArticlePublished && a.PublishedAt.After(now)
}

// StateLabel returns the Vietnamese label of the article's state at now,
// telling scheduled articles apart.
func (a *Article) StateLabel(now time.Time) string {
	if a.Scheduled(now) {
		return "Đã duyệt, chờ đến giờ đăng " + thidua.FormatDateTime(a.PublishedAt)
	}
	return thidua.Label(ArticleStates, a.State)
}

// ArticleVersion is a snapshot of an article kept at every change, so that
// any two versions can be compared.
type ArticleVersion struct {
	ArticleID  int64     `json:"article_id"`
	Version    int       `json:"version"`
	Action     string    `json:"action"` // create, update or a workflow action
	State      string    `json:"state"`
	Title      string    `json:"title"`
	Summary    string    `json:"summary"`
	Body       string    `json:"body"`
	CategoryID int64     `json:"category_id"`
	Signature  string    `json:"signature"`
	CampaignID int64     `json:"campaign_id,omitempty"`
	CoverKey   string    `json:"cover_key,omitempty"`
	CoverAlt   string    `json:"cover_alt,omitempty"`
	Note       string    `json:"note,omitempty"`
	ByID       int64     `json:"by_id"`
	ByName     string    `json:"by_name"`
	At         time.Time `json:"at"`
}

// ArticleVersionActions labels the actions recorded in article versions.
var ArticleVersionActions = []thidua.Option{
	{Code: "create", Label: "Tạo bản nháp"},
	{Code: "update", Label: "Sửa nội dung"},
	{Code: "submit", Label: "Gửi duyệt"},
	{Code: "withdraw", Label: "Rút lại"},
	{Code: "return", Label: "Trả lại"},
	{Code: "publish", Label: "Duyệt, xuất bản"},
	{Code: "unpublish", Label: "Gỡ bài"},
	{Code: "redraft", Label: "Về bản nháp"},
}

// Text returns the version as the lines a diff compares: the fields, then
// the body line by line.
func (v *ArticleVersion) Text(category, campaign string) []string {
	lines := []string{
		"Tiêu đề: " + v.Title,
		"Tóm tắt: " + v.Summary,
		"Chuyên mục: " + category,
		"Bút danh: " + v.Signature,
		"Đợt thi đua: " + campaign,
		"Ảnh đại diện: " + v.CoverKey + " (" + v.CoverAlt + ")",
		"",
	}
	return append(lines, strings.Split(v.Body, "\n")...)
}

// ArticleFilter selects articles on the editorial side.
type ArticleFilter struct {
	ID         int64
	State      string
	CategoryID int64
	CampaignID int64
	AuthorID   int64
	Query      string // words of the title, accents ignored
	Offset     int
	Limit      int
	// AfterID continues the list after this article (keyset pagination:
	// a deep page costs what the first does); Offset then counts from there.
	AfterID int64
	// BeforeID lists the page ending just before this article, in the
	// list's order (the link back from a keyset page).
	BeforeID int64
}

// CampaignArticles counts a campaign's articles.
type CampaignArticles struct {
	All       int // drafts included
	Published int // readers see them now
}

// PublicFilter selects the articles readers see, newest first.
type PublicFilter struct {
	CategoryID int64
	CampaignID int64
	ExcludeID  int64
	Offset     int
	Limit      int
	// AfterID continues after this article (keyset, as ArticleFilter's).
	AfterID int64
	// NoTotal skips counting the matches (the total is then 0).
	NoTotal bool
	// LinksOnly reads only what a link to each article needs (ID, Slug,
	// PublishedAt, UpdatedAt): for the sitemap.
	LinksOnly bool
}

// SearchHit is an article found by a search, with its relevance rank and
// the passages to show, cut into highlighted and plain segments.
type SearchHit struct {
	Article *Article
	Rank    float64
	Title   []Segment
	Snippet []Segment
}

// ArticleTransitionOptions carries what some workflow actions need.
type ArticleTransitionOptions struct {
	// PublishAt schedules publication ("publish"); zero means now. Only the
	// system (the demo loader, imports) may set a time in the past.
	PublishAt time.Time
	// Note is the reason an article is returned ("return"), required then.
	Note string
}

// ArticleService stores portal articles. The editorial methods need a
// signed-in user with PermWriteArticles (EFORBIDDEN otherwise, EUNAUTHORIZED
// without a user); publishing actions need PermPublishArticles. The public
// methods need no user and only ever return what readers may see at the
// database's current time.
type ArticleService interface {
	FindCategories(ctx context.Context) ([]*Category, error)
	// FindCategoryBySlug returns ENOTFOUND for an unknown slug.
	FindCategoryBySlug(ctx context.Context, slug string) (*Category, error)
	// CreateCategory needs PermPublishArticles; ECONFLICT for a used slug.
	CreateCategory(ctx context.Context, c *Category) error
	// UpdateCategory keeps the slug; ECONFLICT for a stale version.
	UpdateCategory(ctx context.Context, c *Category) error

	// FindArticleByID returns any article (ENOTFOUND when none).
	FindArticleByID(ctx context.Context, id int64) (*Article, error)
	FindArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
	// CreateArticle stores a new draft written by the user in ctx; the slug
	// is made from the title, unique.
	CreateArticle(ctx context.Context, a *Article) error
	// UpdateArticle saves the content of a.ID at a.Version (ECONFLICT when
	// someone saved in between). Drafts, submitted and unpublished articles
	// can be edited by writers; published ones only by publishers.
	UpdateArticle(ctx context.Context, a *Article) error
	// TransitionArticle applies a workflow action. "publish" returns
	// EFORBIDDEN when the user wrote or last edited the article.
	TransitionArticle(ctx context.Context, id int64, action string, version int, opts ArticleTransitionOptions) (*Article, error)
	// FindArticleVersions returns every version of an article, oldest first.
	FindArticleVersions(ctx context.Context, id int64) ([]*ArticleVersion, error)
	// CountPublishedArticles counts the articles linked to a campaign that
	// readers can see now.
	CountPublishedArticles(ctx context.Context, campaignID int64) (int, error)
	// CampaignArticleCounts counts, for each of the campaigns, the
	// articles linked to it and those of them readers can see now (a
	// campaign without any is left out); it needs PermWriteArticles.
	CampaignArticleCounts(ctx context.Context, campaignIDs []int64) (map[int64]CampaignArticles, error)

	// FindPublishedArticle returns the article readers see at slug, or ENOTFOUND.
	FindPublishedArticle(ctx context.Context, slug string) (*Article, error)
	FindPublishedArticles(ctx context.Context, f PublicFilter) ([]*Article, int, error)
	// SearchArticles finds published articles by words, accents and case
	// ignored, best first.
	SearchArticles(ctx context.Context, query string, offset, limit int) ([]*SearchHit, int, error)
	// PublishedSummary counts the articles readers see and returns the
	// latest time one of them was published or changed.
	PublishedSummary(ctx context.Context) (int, time.Time, error)
	// NextScheduledAt returns the earliest future publication time, or zero.
	NextScheduledAt(ctx context.Context) (time.Time, error)
	// FindArticleByCover returns the article whose cover image is key, or ENOTFOUND.
	FindArticleByCover(ctx context.Context, key string) (*Article, error)
}

// Slugify makes a URL segment from a Vietnamese title: accents removed, đ
// made d, lower case, words joined by hyphens, cut at a word boundary to at
// most max bytes. "Văn phòng UBND thi đua" gives "van-phong-ubnd-thi-dua".
func Slugify(title string, max int) string {
	words := strings.Fields(thidua.Fold(title))
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 && b.Len()+1+len(w) > max {
			break
		}
		if b.Len() == 0 && len(w) > max {
			w = w[:max]
		}
		if b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(w)
	}
	return b.String()
}

// ValidSlug reports whether s is a well-formed slug: lower-case ASCII
// letters and digits in hyphen-separated words.
func ValidSlug(s string) bool {
	if s == "" || len(s) > 120 || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// SearchTerms returns the folded words of a search query, at most eight of
// at most 40 bytes each: the same keys the index holds. Anything else
// (operators, quotes, punctuation) is dropped, so the query cannot be
// misread as search syntax by either database.
func SearchTerms(q string) []string {
	if len(q) > 500 {
		q = q[:500]
	}
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(thidua.Fold(q)) {
		if len(w) > 40 {
			w = w[:40]
			for !utf8.ValidString(w) {
				w = w[:len(w)-1]
			}
		}
		if seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
		if len(out) == 8 {
			break
		}
	}
	return out
}

// Segment is a piece of text, highlighted when Match is true.
type Segment struct {
	Text  string
	Match bool
}

// SearchWords returns s in NFC with every run of characters other than
// letters, digits and combining marks replaced by one space: the words a
// search index should see, split the same way as Fold splits them, with
// their accents kept ("2021-2026" gives "2021 2026").
func SearchWords(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// Highlight cuts text into segments, marking the words whose folded form
// equals one of terms (from SearchTerms). With window > 0 it keeps only about that many words around
// the densest run of matches, adding "…" where text was cut.
func Highlight(text string, terms []string, window int) []Segment {
	type word struct {
		start, end int
		match      bool
	}
	var words []word
	inWord := false
	for i, r := range text {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case letter && !inWord:
			words = append(words, word{start: i})
			inWord = true
		case !letter && inWord:
			words[len(words)-1].end = i
			inWord = false
		}
	}
	if inWord {
		words[len(words)-1].end = len(text)
	}
	for i := range words {
		f := foldWord(text[words[i].start:words[i].end])
		for _, t := range terms {
			if f == t {
				words[i].match = true
				break
			}
		}
	}
	from, to := 0, len(words)
	if window > 0 && len(words) > window {
		best, bestAt, n := -1, 0, 0
		for i := range words {
			if words[i].match {
				n++
			}
			if i >= window && words[i-window].match {
				n--
			}
			if i >= window-1 && n > best {
				best, bestAt = n, i-window+1
			}
		}
		from, to = bestAt, bestAt+window
		// Start a little before the first match so it has some context.
		if best > 0 {
			for k := from; k < to; k++ {
				if words[k].match {
					shift := k - from - 3
					if shift > 0 {
						from += shift
						to = min(to+shift, len(words))
					}
					break
				}
			}
		}
	}
	var segs []Segment
	add := func(s string, m bool) {
		if s == "" {
			return
		}
		if n := len(segs); n > 0 && segs[n-1].Match == m {
			segs[n-1].Text += s
			return
		}
		segs = append(segs, Segment{Text: s, Match: m})
	}
	if len(words) == 0 {
		add(text, false)
		return segs
	}
	start := 0
	if from > 0 {
		add("… ", false)
		start = words[from].start
	}
	end := len(text)
	if to < len(words) {
		end = words[to-1].end
	}
	pos := start
	prev := false
	for _, w := range words[from:to] {
		gap := text[pos:w.start]
		// A space between two marked words is marked too: one phrase.
		add(gap, prev && w.match && strings.TrimSpace(gap) == "")
		add(text[w.start:w.end], w.match)
		pos, prev = w.end, w.match
	}
	add(text[pos:end], false)
	if to < len(words) {
		add(" …", false)
	}
	return segs
}

// foldRunes holds Fold of every rune below U+2000 (Latin with its
// Vietnamese letters, combining marks), so that folding a word for
// highlighting is a table lookup per letter.
var foldRunes = sync.OnceValue(func() []string {
	t := make([]string, 0x2000)
	for r := range t {
		t[r] = thidua.Fold(string(rune(r)))
	}
	return t
})

// foldWord is Fold for a single word (letters, digits and marks only).
func foldWord(w string) string {
	t := foldRunes()
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteRune(r)
		case r < 0x2000:
			b.WriteString(t[r])
		default:
			return thidua.Fold(w)
		}
	}
	return b.String()
}

// MarkdownText returns the readable text of a Markdown body for search
// and summaries: link targets, images, HTML tags and formatting marks
// removed, one paragraph a line.
func MarkdownText(src string) string {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		t = strings.TrimLeft(t, "#>*-+| ")
		if strings.Trim(t, "-:| ") == "" && strings.Contains(line, "-") {
			continue // a table rule or a thematic break
		}
		t = stripMarkdownInline(t)
		t = strings.Join(strings.Fields(t), " ")
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(t)
	}
	return b.String()
}

func stripMarkdownInline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			// image: keep the alt text, drop the target
			continue
		case c == ']' && i+1 < len(s) && s[i+1] == '(':
			if j := strings.IndexByte(s[i:], ')'); j > 0 {
				i += j
				continue
			}
		case c == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				b.WriteByte(' ')
				i += j
				continue
			}
		case c == '[' || c == ']' || c == '*' || c == '_' || c == '`' || c == '~' || c == '|' || c == '\\':
			if c == '|' {
				b.WriteByte(' ')
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// DiffOp is the kind of a diff line.
type DiffOp int

// Diff operations.
const (
	DiffSame DiffOp = iota
	DiffAdd
	DiffDel
)

// DiffLine is one line of a diff.
type DiffLine struct {
	Op   DiffOp
	Text string
}

// Added reports whether the line is only in the newer text.
func (d DiffLine) Added() bool { return d.Op == DiffAdd }

// Removed reports whether the line is only in the older text.
func (d DiffLine) Removed() bool { return d.Op == DiffDel }

// DiffLines compares two texts line by line (longest common subsequence)
// and returns the lines of b with the lines of a that were removed.
// Inputs longer than 4000 lines are compared as a whole.
func DiffLines(a, b []string) []DiffLine {
	// Trim the common head and tail: most edits touch a few lines.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	var out []DiffLine
	for _, l := range a[:head] {
		out = append(out, DiffLine{DiffSame, l})
	}
	ma, mb := a[head:len(a)-tail], b[head:len(b)-tail]
	if len(ma) > 4000 || len(mb) > 4000 || len(ma)*len(mb) > 4_000_000 {
		for _, l := range ma {
			out = append(out, DiffLine{DiffDel, l})
		}
		for _, l := range mb {
			out = append(out, DiffLine{DiffAdd, l})
		}
	} else {
		// lcs[i][j] is the LCS length of ma[i:] and mb[j:].
		lcs := make([][]int32, len(ma)+1)
		for i := range lcs {
			lcs[i] = make([]int32, len(mb)+1)
		}
		for i := len(ma) - 1; i >= 0; i-- {
			for j := len(mb) - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					lcs[i][j] = lcs[i+1][j+1] + 1
				} else {
					lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
				}
			}
		}
		i, j := 0, 0
		for i < len(ma) || j < len(mb) {
			switch {
			case i < len(ma) && j < len(mb) && ma[i] == mb[j]:
				out = append(out, DiffLine{DiffSame, ma[i]})
				i++
				j++
			case i < len(ma) && (j == len(mb) || lcs[i+1][j] >= lcs[i][j+1]):
				out = append(out, DiffLine{DiffDel, ma[i]})
				i++
			default:
				out = append(out, DiffLine{DiffAdd, mb[j]})
				j++
			}
		}
	}
	for _, l := range a[len(a)-tail:] {
		out = append(out, DiffLine{DiffSame, l})
	}
	return out
}
