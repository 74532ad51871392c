package articles_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"thidua"
	"thidua/news"
	"thidua/sqldb"
	"thidua/sqldb/articles"
	"thidua/sqldb/sqldbtest"
)

var sys = thidua.NewSystemContext(context.Background())

func code(err error) string { return thidua.ErrorCode(err) }

// fixture is the world of sqldb's campaign tests the articles need: the
// province, its office, the office's officer and a campaign.
type fixture struct {
	root, office *thidua.Unit
	officer      *thidua.User
	officerCtx   context.Context
	c            *thidua.Campaign
}

func mustUser(t *testing.T, db *sqldb.DB, name string, grants ...thidua.Grant) *thidua.User {
	t.Helper()
	u := &thidua.User{Username: name, DisplayName: "Người dùng " + name, PasswordHash: "$argon2id$x", Grants: grants}
	if err := db.CreateUser(sys, u); err != nil {
		t.Fatalf("CreateUser(%s): %v", name, err)
	}
	return u
}

func userCtx(t *testing.T, db *sqldb.DB, u *thidua.User) context.Context {
	t.Helper()
	full, err := db.FindUserByUsername(sys, u.Username)
	if err != nil {
		t.Fatal(err)
	}
	return thidua.NewContextWithUser(context.Background(), full)
}

func newCampaignFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	f := &fixture{root: &thidua.Unit{Name: "UBND tỉnh", Abbrev: "UBND", Kind: thidua.UnitProvince, Active: true}}
	if err := db.CreateUnit(sys, f.root); err != nil {
		t.Fatal(err)
	}
	f.office = &thidua.Unit{ParentID: f.root.ID, Name: "Văn phòng UBND tỉnh", Abbrev: "VPUBND", Kind: thidua.UnitDepartment, Active: true}
	if err := db.CreateUnit(sys, f.office); err != nil {
		t.Fatal(err)
	}
	f.officer = mustUser(t, db, "thiduakt", thidua.Grant{Role: thidua.RoleOfficer, UnitID: f.office.ID})
	f.officerCtx = userCtx(t, db, f.officer)
	plan, _ := thidua.ParseDocRef("248/KH-VPUBND")
	f.c = &thidua.Campaign{Title: "Đợt thi đua cao điểm bầu cử", Form: thidua.FormThematic, Kind: "CAO_DIEM",
		UnitID: f.office.ID, Plan: plan, PlanDate: thidua.NewDate(2021, 4, 20),
		StartDate: thidua.NewDate(2021, 4, 20), EndDate: thidua.NewDate(2021, 6, 30), Participants: thidua.ForBoth,
		Awards: []thidua.PlannedAward{{Code: "GK", Label: "Giấy khen", MaxCollectives: 2, MaxIndividuals: 5}}}
	if err := db.CreateCampaign(f.officerCtx, f.c); err != nil {
		t.Fatalf("CreateCampaign: %v", err)
	}
	return f
}

type articleFixture struct {
	db                       *sqldb.DB
	s                        *articles.Store
	editor, editor2, officer *thidua.User
	editorCtx, editor2Ctx    context.Context
	officerCtx, staffCtx     context.Context
	news, tdkt               *news.Category
	now                      time.Time
	clock                    atomic.Int64 // offset from now, in seconds
	campaign                 *thidua.Campaign
	campaignFixture          *fixture
}

func newArticleFixture(t *testing.T, db *sqldb.DB) *articleFixture {
	t.Helper()
	cf := newCampaignFixture(t, db)
	f := &articleFixture{db: db, s: articles.New(db), campaignFixture: cf, campaign: cf.c, now: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return f.now.Add(time.Duration(f.clock.Load()) * time.Second) }
	f.editor = mustUser(t, db, "bientap", thidua.Grant{Role: thidua.RoleEditor, UnitID: cf.office.ID})
	f.editor2 = mustUser(t, db, "bientap2", thidua.Grant{Role: thidua.RoleEditor, UnitID: cf.office.ID})
	staff := mustUser(t, db, "canhan", thidua.Grant{Role: thidua.RoleStaff, UnitID: cf.office.ID})
	f.editorCtx, f.editor2Ctx = userCtx(t, db, f.editor), userCtx(t, db, f.editor2)
	f.officer, f.officerCtx = cf.officer, cf.officerCtx
	f.staffCtx = userCtx(t, db, staff)
	f.news = &news.Category{Name: "Tin hoạt động", Position: 2}
	f.tdkt = &news.Category{Name: "Thi đua – Khen thưởng", Position: 1}
	for _, c := range []*news.Category{f.news, f.tdkt} {
		if err := f.s.CreateCategory(f.officerCtx, c); err != nil {
			t.Fatalf("CreateCategory(%s): %v", c.Name, err)
		}
	}
	return f
}

func (f *articleFixture) advance(d time.Duration) { f.clock.Add(int64(d / time.Second)) }

func (f *articleFixture) draft(t *testing.T, ctx context.Context, title, body string) *news.Article {
	t.Helper()
	a := &news.Article{Title: title, Summary: "Tóm tắt: " + title, Body: body, CategoryID: f.tdkt.ID, Signature: "BBT"}
	if err := f.s.CreateArticle(ctx, a); err != nil {
		t.Fatalf("CreateArticle(%s): %v", title, err)
	}
	return a
}

// publish walks a from draft to published: submitted by ctx's user,
// approved by the officer.
func (f *articleFixture) publish(t *testing.T, ctx context.Context, a *news.Article, at time.Time) *news.Article {
	t.Helper()
	a, err := f.s.TransitionArticle(ctx, a.ID, "submit", a.Version, news.ArticleTransitionOptions{})
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	a, err = f.s.TransitionArticle(f.officerCtx, a.ID, "publish", a.Version, news.ArticleTransitionOptions{PublishAt: at})
	if err != nil {
		t.Fatalf("publish: %v", err)
	}
	return a
}

func TestCategories(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newArticleFixture(t, db)
		if f.tdkt.Slug != "thi-dua-khen-thuong" {
			t.Errorf("slug = %q, want thi-dua-khen-thuong", f.tdkt.Slug)
		}
		if err := f.s.CreateCategory(f.editorCtx, &news.Category{Name: "Chuyên mục khác"}); code(err) != thidua.EFORBIDDEN {
			t.Errorf("editor creates a category: %v, want EFORBIDDEN", err)
		}
		if err := f.s.CreateCategory(f.officerCtx, &news.Category{Name: "Thi đua khen thưởng"}); code(err) != thidua.EINVALID {
			t.Errorf("duplicate slug: %v, want EINVALID with a field message", err)
		}
		if err := f.s.CreateCategory(f.officerCtx, &news.Category{Name: "  "}); code(err) != thidua.EINVALID {
			t.Errorf("empty name: %v, want EINVALID", err)
		}
		cs, err := f.s.FindCategories(context.Background())
		if err != nil || len(cs) != 2 || cs[0].ID != f.tdkt.ID {
			t.Fatalf("FindCategories = %v, %v; want 2 in position order", cs, err)
		}
		c := *f.tdkt
		c.Name = "Thi đua, khen thưởng"
		if err := f.s.UpdateCategory(f.officerCtx, &c); err != nil {
			t.Fatal(err)
		}
		if c.Slug != "thi-dua-khen-thuong" || c.Version != 2 {
			t.Errorf("after rename: slug %q version %d, want the slug kept", c.Slug, c.Version)
		}
		stale := *f.tdkt
		stale.Name = "Tên cũ"
		if err := f.s.UpdateCategory(f.officerCtx, &stale); code(err) != thidua.ECONFLICT {
			t.Errorf("stale update: %v, want ECONFLICT", err)
		}
		if _, err := f.s.FindCategoryBySlug(context.Background(), "khong-co"); code(err) != thidua.ENOTFOUND {
			t.Errorf("unknown slug: %v", err)
		}
	})
}

func TestArticleWorkflow(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newArticleFixture(t, db)
		pub := context.Background()
		title := "Văn phòng UBND thi đua cao điểm tổ chức thành công Cuộc bầu cử đại biểu QH và HĐND các cấp"
		a := f.draft(t, f.editorCtx, title, "Nhằm hưởng ứng mạnh mẽ đợt thi đua cao điểm…")
		if want := "van-phong-ubnd-thi-dua-cao-diem-to-chuc-thanh-cong-cuoc-bau-cu-dai-bieu-qh-va"; a.Slug != want {
			t.Errorf("slug = %q, want %q", a.Slug, want)
		}
		if a.State != news.ArticleDraft || a.AuthorID != f.editor.ID || a.Version != 1 || a.AuthorName == "" {
			t.Errorf("new article: %+v", a)
		}
		twin := f.draft(t, f.editor2Ctx, title, "Bài trùng tên.")
		if twin.Slug != a.Slug+"-2" {
			t.Errorf("second slug = %q, want %q-2", twin.Slug, a.Slug)
		}

		// Writers only.
		if err := f.s.CreateArticle(f.staffCtx, &news.Article{Title: "x", Body: "y", CategoryID: f.news.ID}); code(err) != thidua.EFORBIDDEN {
			t.Errorf("staff creates an article: %v", err)
		}
		if err := f.s.CreateArticle(pub, &news.Article{Title: "x", Body: "y", CategoryID: f.news.ID}); code(err) != thidua.EUNAUTHORIZED {
			t.Errorf("anonymous creates an article: %v", err)
		}
		// Bad input changes nothing.
		bad := &news.Article{Title: "", Body: "", CategoryID: 0, CoverKey: "k"}
		err := f.s.CreateArticle(f.editorCtx, bad)
		fields := thidua.ErrorFields(err)
		for _, k := range []string{"title", "body", "category_id", "cover_alt"} {
			if fields[k] == "" {
				t.Errorf("bad article: no message for %s (%v)", k, err)
			}
		}
		if err := f.s.CreateArticle(f.editorCtx, &news.Article{Title: "Tin", Body: "x", CategoryID: 99999}); code(err) != thidua.EINVALID {
			t.Errorf("unknown category: %v", err)
		}

		// Two editors save the same version: the second is told to reload.
		first, second := *a, *a
		first.Body = "Bản sửa của người thứ nhất."
		if err := f.s.UpdateArticle(f.editorCtx, &first); err != nil {
			t.Fatal(err)
		}
		second.Body = "Bản sửa của người thứ hai."
		err = f.s.UpdateArticle(f.editor2Ctx, &second)
		if code(err) != thidua.ECONFLICT || !strings.Contains(thidua.ErrorMessage(err), "tải lại") {
			t.Errorf("stale save: %v, want ECONFLICT asking to reload", err)
		}
		got, _ := f.s.FindArticleByID(f.editorCtx, a.ID)
		if got.Body != first.Body || got.Version != 2 {
			t.Errorf("after the conflict: body %q version %d", got.Body, got.Version)
		}
		// Renaming a never-published article renames its address.
		got.Title = "Văn phòng UBND tỉnh tổng kết đợt thi đua"
		if err := f.s.UpdateArticle(f.editorCtx, got); err != nil {
			t.Fatal(err)
		}
		if got.Slug != "van-phong-ubnd-tinh-tong-ket-dot-thi-dua" {
			t.Errorf("slug after rename = %q", got.Slug)
		}

		// Workflow: a writer cannot approve; nobody approves their own work.
		if _, err := f.s.TransitionArticle(f.editorCtx, got.ID, "publish", got.Version, news.ArticleTransitionOptions{}); code(err) != thidua.EINVALID {
			t.Errorf("publish a draft: %v, want EINVALID (not submitted)", err)
		}
		s, err := f.s.TransitionArticle(f.editorCtx, got.ID, "submit", got.Version, news.ArticleTransitionOptions{})
		if err != nil || s.State != news.ArticleSubmitted {
			t.Fatalf("submit: %v %v", s, err)
		}
		if _, err := f.s.TransitionArticle(f.editor2Ctx, s.ID, "publish", s.Version, news.ArticleTransitionOptions{}); code(err) != thidua.EFORBIDDEN {
			t.Errorf("editor publishes: %v, want EFORBIDDEN", err)
		}
		if _, err := f.s.TransitionArticle(f.officerCtx, s.ID, "return", s.Version, news.ArticleTransitionOptions{}); code(err) != thidua.EINVALID {
			t.Errorf("return without a reason: %v, want EINVALID", err)
		}
		// The officer corrects the submitted text, and may then not approve it.
		s.Summary = "Sapo do người duyệt sửa."
		if err := f.s.UpdateArticle(f.officerCtx, s); err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.TransitionArticle(f.officerCtx, s.ID, "publish", s.Version, news.ArticleTransitionOptions{}); code(err) != thidua.EFORBIDDEN {
			t.Errorf("officer approves their own edit: %v, want EFORBIDDEN", err)
		}
		// A second approver does.
		admin := mustUser(t, db, "quantri", thidua.Grant{Role: thidua.RoleAdmin, UnitID: f.campaignFixture.root.ID})
		adminCtx := userCtx(t, db, admin)
		if _, err := f.s.FindPublishedArticle(pub, s.Slug); code(err) != thidua.ENOTFOUND {
			t.Errorf("readers see a submitted article: %v", err)
		}
		p, err := f.s.TransitionArticle(adminCtx, s.ID, "publish", s.Version, news.ArticleTransitionOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if p.State != news.ArticlePublished || !p.PublishedAt.Equal(f.now) || p.ApproverID != admin.ID {
			t.Errorf("published: state %s at %v by %d", p.State, p.PublishedAt, p.ApproverID)
		}
		seen, err := f.s.FindPublishedArticle(pub, p.Slug)
		if err != nil || seen.Body != first.Body || seen.CategoryName != f.tdkt.Name {
			t.Fatalf("FindPublishedArticle: %+v %v", seen, err)
		}
		// The address no longer follows the title.
		p.Title = "Tiêu đề đã đổi sau khi đăng"
		if err := f.s.UpdateArticle(f.editorCtx, p); code(err) != thidua.EFORBIDDEN {
			t.Errorf("editor corrects a published article: %v, want EFORBIDDEN", err)
		}
		if err := f.s.UpdateArticle(adminCtx, p); err != nil {
			t.Fatal(err)
		}
		if p.Slug != seen.Slug || p.State != news.ArticlePublished {
			t.Errorf("correction changed slug to %q / state %s", p.Slug, p.State)
		}

		u, err := f.s.TransitionArticle(f.officerCtx, p.ID, "unpublish", p.Version, news.ArticleTransitionOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.FindPublishedArticle(pub, u.Slug); code(err) != thidua.ENOTFOUND {
			t.Errorf("readers see an unpublished article: %v", err)
		}
		if hits, n, _ := f.s.SearchArticles(pub, "tong ket", 0, 10); n != 0 || len(hits) != 0 {
			t.Errorf("search finds an unpublished article: %d", n)
		}
		if _, err := f.s.TransitionArticle(f.editorCtx, u.ID, "redraft", u.Version, news.ArticleTransitionOptions{}); err != nil {
			t.Errorf("redraft: %v", err)
		}

		// Every change is a version and an audit entry.
		vs, err := f.s.FindArticleVersions(f.editorCtx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, v := range vs {
			actions = append(actions, v.Action)
		}
		if got, want := strings.Join(actions, ","), "create,update,update,submit,update,publish,update,unpublish,redraft"; got != want {
			t.Errorf("versions = %s, want %s", got, want)
		}
		if vs[1].Body != first.Body || vs[0].Body == vs[1].Body || vs[1].ByName != f.editor.DisplayName {
			t.Errorf("version 2 = %+v", vs[1])
		}
		entries, _, err := db.FindAuditEntries(sys, thidua.AuditFilter{Entity: "article", EntityID: a.ID})
		if err != nil || len(entries) != len(vs) {
			t.Errorf("%d audit entries for %d versions (%v)", len(entries), len(vs), err)
		}
		if bad, err := db.VerifyAuditChain(sys); bad != 0 || err != nil {
			t.Errorf("audit chain broken at %d: %v", bad, err)
		}
	})
}

func TestArticleScheduleAndLists(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newArticleFixture(t, db)
		pub := context.Background()
		old := f.draft(t, f.editorCtx, "Tin cũ", "Nội dung cũ.")
		old.CampaignID = f.campaign.ID
		if err := f.s.UpdateArticle(f.editorCtx, old); err != nil {
			t.Fatal(err)
		}
		f.publish(t, f.editorCtx, old, time.Time{})
		f.advance(time.Hour)
		later := f.draft(t, f.editorCtx, "Tin hẹn giờ", "Sẽ đăng sau.")
		later.CampaignID = f.campaign.ID
		if err := f.s.UpdateArticle(f.editorCtx, later); err != nil {
			t.Fatal(err)
		}
		// Scheduling in the past is refused.
		s, err := f.s.TransitionArticle(f.editorCtx, later.ID, "submit", later.Version, news.ArticleTransitionOptions{})
		if err != nil {
			t.Fatal(err)
		}
		past := f.now.Add(-24 * time.Hour)
		if _, err := f.s.TransitionArticle(f.officerCtx, s.ID, "publish", s.Version, news.ArticleTransitionOptions{PublishAt: past}); code(err) != thidua.EINVALID {
			t.Errorf("publish in the past: %v, want EINVALID", err)
		}
		at := f.now.Add(3 * time.Hour)
		sch, err := f.s.TransitionArticle(f.officerCtx, s.ID, "publish", s.Version, news.ArticleTransitionOptions{PublishAt: at})
		if err != nil {
			t.Fatal(err)
		}
		if !sch.Scheduled(db.Now()) || sch.Visible(db.Now()) {
			t.Errorf("scheduled article: scheduled=%v visible=%v", sch.Scheduled(db.Now()), sch.Visible(db.Now()))
		}
		if next, err := f.s.NextScheduledAt(pub); err != nil || !next.Equal(at) {
			t.Errorf("NextScheduledAt = %v, %v; want %v", next, err, at)
		}
		list, n, err := f.s.FindPublishedArticles(pub, news.PublicFilter{})
		if err != nil || n != 1 || list[0].ID != old.ID {
			t.Errorf("before the time: %d articles (%v)", n, err)
		}
		if c, _ := f.s.CountPublishedArticles(pub, f.campaign.ID); c != 1 {
			t.Errorf("campaign counts %d published articles before the time, want 1", c)
		}
		// The editorial counts: both articles, one readers see yet.
		if _, err := f.s.CampaignArticleCounts(pub, []int64{f.campaign.ID}); code(err) != thidua.EFORBIDDEN && code(err) != thidua.EUNAUTHORIZED {
			t.Errorf("campaign counts for a reader: %v", err)
		}
		for _, ids := range [][]int64{{f.campaign.ID}, {f.campaign.ID, f.campaign.ID + 1000}, nil} {
			counts, err := f.s.CampaignArticleCounts(f.editorCtx, ids)
			want := map[int64]news.CampaignArticles{}
			if len(ids) > 0 {
				want[f.campaign.ID] = news.CampaignArticles{All: 2, Published: 1}
			}
			if err != nil || len(counts) != len(want) || counts[f.campaign.ID] != want[f.campaign.ID] {
				t.Errorf("CampaignArticleCounts(%v) = %v, %v; want %v", ids, counts, err, want)
			}
		}
		if hits, n, err := f.s.SearchArticles(pub, "hen gio", 0, 10); err != nil || n != 0 || len(hits) != 0 {
			t.Errorf("search finds a scheduled article before its time: %d hits, total %d (%v)", len(hits), n, err)
		}
		f.advance(3 * time.Hour)
		if hits, n, err := f.s.SearchArticles(pub, "hen gio", 0, 10); err != nil || n != 1 || len(hits) != 1 {
			t.Errorf("search after the time: %d hits, total %d (%v)", len(hits), n, err)
		}
		list, n, err = f.s.FindPublishedArticles(pub, news.PublicFilter{})
		if err != nil || n != 2 || list[0].ID != later.ID {
			t.Errorf("after the time: %d articles, first %v (%v)", n, list, err)
		}
		if list[0].Body != "" {
			t.Error("lists carry the body")
		}
		if c, _ := f.s.CountPublishedArticles(pub, f.campaign.ID); c != 2 {
			t.Errorf("campaign counts %d, want 2", c)
		}
		if next, _ := f.s.NextScheduledAt(pub); !next.IsZero() {
			t.Errorf("NextScheduledAt = %v, want none", next)
		}
		page2, n, err := f.s.FindPublishedArticles(pub, news.PublicFilter{Limit: 1, Offset: 1})
		if err != nil || n != 2 || len(page2) != 1 || page2[0].ID != old.ID {
			t.Errorf("page 2: %v %d %v", page2, n, err)
		}
		empty, n, err := f.s.FindPublishedArticles(pub, news.PublicFilter{Limit: 10, Offset: 10})
		if err != nil || n != 2 || len(empty) != 0 {
			t.Errorf("past the end: %d items, total %d (%v)", len(empty), n, err)
		}
		rel, _, _ := f.s.FindPublishedArticles(pub, news.PublicFilter{CategoryID: f.tdkt.ID, ExcludeID: later.ID})
		if len(rel) != 1 || rel[0].ID != old.ID {
			t.Errorf("related = %v", rel)
		}
		cs, _ := f.s.FindCategories(pub)
		if cs[0].Published != 2 {
			t.Errorf("category counts %d published, want 2", cs[0].Published)
		}
	})
}

func TestArticleSearch(t *testing.T) {
	sqldbtest.ForEach(t, func(t *testing.T, db *sqldb.DB) {
		f := newArticleFixture(t, db)
		pub := context.Background()
		bau := f.draft(t, f.editorCtx, "Thi đua chào mừng cuộc bầu cử đại biểu Quốc hội",
			"Cán bộ, công chức tích cực tham gia **bầu cử** đại biểu Quốc hội khóa XV, nhiệm kỳ 2021-2026, theo Kế hoạch số 248/KH-VPUBND.")
		dang := f.draft(t, f.editorCtx, "Học tập và làm theo tư tưởng của Đảng",
			"Chi bộ tổ chức sinh hoạt chuyên đề. Hội đồng thi đua đánh giá cao.")
		draft := f.draft(t, f.editorCtx, "Bản nháp về bầu cử Quốc hội", "Chưa đăng: bầu cử.")
		f.publish(t, f.editorCtx, bau, time.Time{})
		f.publish(t, f.editorCtx, dang, time.Time{})
		_ = draft

		cases := []struct {
			q    string
			want []int64
		}{
			{"bau cu quoc hoi", []int64{bau.ID}},
			{"BẦU CỬ", []int64{bau.ID}},
			{"dang", []int64{dang.ID}},
			{"ĐẢNG", []int64{dang.ID}},
			{"hoi dong thi dua", []int64{dang.ID}},
			{"2021-2026", []int64{bau.ID}},
			{"248/KH-VPUBND", []int64{bau.ID}},
			{"thi dua", []int64{bau.ID, dang.ID}}, // title match ranks first
			{"khong co tu nay", nil},
		}
		for _, tc := range cases {
			hits, n, err := f.s.SearchArticles(pub, tc.q, 0, 10)
			if err != nil {
				t.Errorf("search %q: %v", tc.q, err)
				continue
			}
			var ids []int64
			for _, h := range hits {
				ids = append(ids, h.Article.ID)
			}
			if n != len(tc.want) || !equalIDs(ids, tc.want) {
				t.Errorf("search %q = %v (total %d), want %v", tc.q, ids, n, tc.want)
			}
		}
		// A page past the end is empty but still tells the total, for the
		// pager's links back.
		if hits, n, err := f.s.SearchArticles(pub, "thi dua", 10, 10); err != nil || len(hits) != 0 || n != 2 {
			t.Errorf("search past the end: %d hits, total %d, %v; want none of 2", len(hits), n, err)
		}
		// Highlighted snippets keep the accents of the text.
		hits, _, _ := f.s.SearchArticles(pub, "bau cu", 0, 10)
		if len(hits) != 1 {
			t.Fatalf("no hit for bau cu")
		}
		var marked []string
		for _, s := range append(hits[0].Title, hits[0].Snippet...) {
			if s.Match {
				marked = append(marked, s.Text)
			}
		}
		if got := strings.Join(marked, "|"); !strings.Contains(got, "bầu cử") {
			t.Errorf("highlighted %q, want “bầu cử”", got)
		}
		if hits[0].Rank <= 0 {
			t.Errorf("rank %v, want positive", hits[0].Rank)
		}
		// Search syntax in the query is just text, never an error.
		for _, q := range []string{`c++`, `"bầu`, `thi dua - khen`, `title:bau`, `NEAR(bau cu)`, `bau AND OR NOT`,
			`'; DROP TABLE articles; --`, `bau*`, `(((`, `^bau`, `bầu & | !cử`, strings.Repeat("a ", 400), ""} {
			if _, _, err := f.s.SearchArticles(pub, q, 0, 10); err != nil {
				t.Errorf("search %q: %v", q, err)
			}
		}
		if hits, _, _ := f.s.SearchArticles(pub, "title:bau", 0, 10); len(hits) != 0 {
			t.Errorf("“title:bau” found %d (it means the words title and bau)", len(hits))
		}
	})
}

func equalIDs(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPortalNotifications: a change committed through one handle reaches a
// watcher of the same database; on PostgreSQL through a second handle, as
// on another server, by LISTEN/NOTIFY.
func TestPortalNotifications(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		db := sqldbtest.OpenSQLite(t)
		checkNotified(t, db, db)
	})
	t.Run("postgres", func(t *testing.T) {
		url := sqldbtest.PostgresURL(t)
		a, b := sqldbtest.Open(t, url), sqldbtest.Open(t, url)
		checkNotified(t, a, b)
	})
}

func checkNotified(t *testing.T, writer, watcher *sqldb.DB) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := make(chan struct{}, 100)
	done := make(chan error, 1)
	go func() { done <- watcher.WatchPortal(ctx, func() { calls <- struct{}{} }) }()
	wait := func(what string) {
		t.Helper()
		select {
		case <-calls:
		case err := <-done:
			t.Fatalf("WatchPortal returned %v", err)
		case <-time.After(10 * time.Second):
			t.Fatalf("no notification %s within 10s", what)
		}
	}
	wait("when listening starts")
	f := newArticleFixture(t, writer)
	// Creating the categories notified twice.
	wait("for a new category")
	wait("for a new category")
	a := f.draft(t, f.editorCtx, "Tin thử thông báo", "Nội dung.")
	select {
	case <-calls:
		t.Error("a new draft notified: readers cannot see it")
	case <-time.After(200 * time.Millisecond):
	}
	f.publish(t, f.editorCtx, a, time.Time{})
	wait("for a publication")
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("WatchPortal after cancel: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("WatchPortal did not return after cancel")
	}
}
