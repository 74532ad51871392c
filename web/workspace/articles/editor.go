package articles

import (
	"bytes"
	"errors"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"thidua"
	"thidua/news"
	"thidua/web/kit"
	"time"
)

// The editorial side of the portal (/app/articles): writing, versions and
// their differences, the workflow draft → submitted → published →
// unpublished, categories. Who may do what is checked here by route and
// again, with the four-eyes rule, in the store.

// coverMax is the largest cover image accepted.
func (p *Handler) coverMax() int64 { return min(p.s.Cfg.MaxUpload, 5<<20) }

// ---- list

type articlesPage struct {
	kit.Page
	Articles   []*news.Article
	Categories []*news.Category
	States     []thidua.Option
	State      string
	CategoryID int64
	Query      string
	Pager      kit.Pager
	Closed     []campaignNews // closed campaigns, for a results article
}

// campaignNews is a campaign with the number of its published articles.
type campaignNews struct {
	Campaign  *thidua.Campaign
	Published int
	Articles  int  // all articles linked to it, drafts included
	Whole     bool // the reader sees its whole ranking (thidua.User.SeesWholeRanking)
}

func (p *Handler) HandleArticles(w http.ResponseWriter, r *http.Request) error {
	ctx, q := r.Context(), r.URL.Query()
	page, offset, after, before := kit.KeysetOf(r, 50)
	f := news.ArticleFilter{State: q.Get("state"), Query: q.Get("q"), Offset: offset, Limit: 50, AfterID: after, BeforeID: before}
	f.CategoryID, _ = strconv.ParseInt(q.Get("category"), 10, 64)
	list, total, err := p.store.FindArticles(ctx, f)
	if err != nil {
		return err
	}
	cats, err := p.store.FindCategories(ctx)
	if err != nil {
		return err
	}
	data := &articlesPage{Page: kit.Page{Title: "Tin bài", Nav: "articles"}, Articles: list, Categories: cats,
		States: news.ArticleStates, State: f.State, CategoryID: f.CategoryID, Query: f.Query,
		Pager: kit.NewPager(page, 50, total, "/app/articles?state="+kit.QueryEscape(f.State)+"&category="+kit.IdStr(f.CategoryID)+"&q="+kit.QueryEscape(f.Query)).WithKeys(articleKeys(list))}
	closed, _, err := p.s.Store.FindCampaigns(ctx, thidua.CampaignFilter{State: thidua.CampaignClosed, Limit: 20})
	if err != nil {
		return err
	}
	ids := make([]int64, len(closed))
	for i, c := range closed {
		ids[i] = c.ID
	}
	counts, err := p.store.CampaignArticleCounts(ctx, ids)
	if err != nil {
		return err
	}
	for _, c := range closed {
		n := counts[c.ID]
		data.Closed = append(data.Closed, campaignNews{Campaign: c, Published: n.Published, Articles: n.All, Whole: thidua.UserFromContext(ctx).SeesWholeRanking(c)})
	}
	p.s.Render(w, r, http.StatusOK, "editor_articles.html", data)
	return nil
}

// ---- form

type articleFormPage struct {
	kit.Page
	Article    *news.Article
	Form       *kit.Form
	Categories []*news.Category
	Campaigns  []*thidua.Campaign
	New        bool
	MaxCover   string
}

func articleForm(a *news.Article) *kit.Form {
	f := kit.NewForm()
	f.Values["title"], f.Values["summary"], f.Values["body"] = a.Title, a.Summary, a.Body
	f.Values["category_id"], f.Values["campaign_id"] = kit.IdStr(a.CategoryID), kit.IdStr(a.CampaignID)
	f.Values["signature"], f.Values["cover_alt"] = a.Signature, a.CoverAlt
	f.Values["version"] = strconv.Itoa(a.Version)
	return f
}

func (p *Handler) formPage(r *http.Request, a *news.Article, f *kit.Form, isNew bool) (*articleFormPage, error) {
	cats, err := p.store.FindCategories(r.Context())
	if err != nil {
		return nil, err
	}
	camps, _, err := p.s.Store.FindCampaigns(r.Context(), thidua.CampaignFilter{Limit: 200})
	if err != nil {
		return nil, err
	}
	title := "Viết tin bài mới"
	if !isNew {
		title = "Sửa tin bài: " + a.Title
	}
	return &articleFormPage{Page: kit.Page{Title: title, Nav: "articles"}, Article: a, Form: f, Categories: cats,
		Campaigns: camps, New: isNew, MaxCover: kit.SizeLabel(p.coverMax())}, nil
}

func (p *Handler) HandleArticleNew(w http.ResponseWriter, r *http.Request) error {
	a := &news.Article{Signature: "BBT"}
	if cats, err := p.store.FindCategories(r.Context()); err == nil && len(cats) > 0 {
		a.CategoryID = cats[0].ID
	}
	data, err := p.formPage(r, a, articleForm(a), true)
	if err != nil {
		return err
	}
	p.s.Render(w, r, http.StatusOK, "editor_form.html", data)
	return nil
}

// coverUpload is a checked cover image, not stored yet.
type coverUpload struct {
	data  []byte
	ctype string
}

var coverTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/gif": true, "image/webp": true}

// checkCover reads an uploaded cover and refuses what is not a JPEG, PNG,
// GIF or WebP image by its content (the name and the browser's type are
// not trusted; SVG, which can carry scripts, is refused).
func checkCover(fh *multipart.FileHeader, limit int64) (*coverUpload, error) {
	if fh.Size > limit {
		return nil, kit.FieldErr("cover", "Ảnh đại diện lớn hơn "+kit.SizeLabel(limit)+", vui lòng chọn ảnh nhỏ hơn.")
	}
	fd, err := fh.Open()
	if err != nil {
		return nil, kit.FieldErr("cover", "Không đọc được tệp ảnh.")
	}
	defer fd.Close()
	data, err := io.ReadAll(io.LimitReader(fd, limit+1))
	if err != nil || int64(len(data)) > limit {
		return nil, kit.FieldErr("cover", "Ảnh đại diện lớn hơn "+kit.SizeLabel(limit)+", vui lòng chọn ảnh nhỏ hơn.")
	}
	ctype := http.DetectContentType(data)
	if i := strings.IndexByte(ctype, ';'); i >= 0 {
		ctype = ctype[:i]
	}
	if !coverTypes[ctype] {
		return nil, kit.FieldErr("cover", "Tệp “"+thidua.NormalizeFileName(fh.Filename)+"” không phải ảnh JPEG, PNG, GIF hoặc WebP.")
	}
	if ctype != "image/webp" {
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			return nil, kit.FieldErr("cover", "Tệp “"+thidua.NormalizeFileName(fh.Filename)+"” không phải ảnh hợp lệ.")
		}
	}
	return &coverUpload{data: data, ctype: ctype}, nil
}

// readArticle parses the article form (multipart, for the cover) into a.
// A field error is recorded in f; the cover, if any, is checked but not
// stored.
func (p *Handler) readArticle(w http.ResponseWriter, r *http.Request, a *news.Article) (*kit.Form, *coverUpload, error) {
	limit := p.coverMax()
	r.Body = http.MaxBytesReader(w, r.Body, limit+2<<20)
	f := kit.NewForm()
	err := r.ParseMultipartForm(1 << 20)
	if errors.Is(err, http.ErrNotMultipart) {
		err = r.ParseForm()
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return f, nil, kit.FieldErr("cover", "Dữ liệu gửi lên quá lớn: ảnh đại diện tối đa "+kit.SizeLabel(limit)+".")
		}
		return f, nil, thidua.Errorf(thidua.EINVALID, "Không đọc được dữ liệu biểu mẫu.")
	}
	for _, k := range []string{"title", "summary", "category_id", "campaign_id", "signature", "cover_alt", "version"} {
		f.Values[k] = thidua.NormalizeField(k, r.FormValue(k))
	}
	f.Values["body"] = r.FormValue("body")
	// The title and summary are stored on one line; the form gives back
	// their lines as typed.
	a.Title, a.Summary, a.Body = thidua.NormalizeText(f.Values["title"]), thidua.NormalizeText(f.Values["summary"]), f.Values["body"]
	a.Signature, a.CoverAlt = f.Values["signature"], f.Values["cover_alt"]
	a.CategoryID = f.Int("category_id", "Chuyên mục không hợp lệ.")
	a.CampaignID = f.Int("campaign_id", "Đợt thi đua không hợp lệ.")
	a.Version = int(f.Int("version", "Phiên bản không hợp lệ."))
	if r.FormValue("remove_cover") != "" {
		a.CoverKey, a.CoverType, a.CoverAlt = "", "", ""
		f.Values["cover_alt"] = ""
	}
	var up *coverUpload
	if r.MultipartForm != nil {
		if fhs := r.MultipartForm.File["cover"]; len(fhs) > 0 && fhs[0].Size > 0 {
			c, err := checkCover(fhs[0], limit)
			if err != nil {
				f.Errors["cover"] = thidua.ErrorMessage(err)
			}
			up = c
		}
		r.MultipartForm.RemoveAll()
	}
	return f, up, nil
}

// saveArticle stores the cover (if any) and then the article with save;
// a failure removes the new cover again, so bad input leaves nothing.
func (p *Handler) saveArticle(r *http.Request, a *news.Article, f *kit.Form, up *coverUpload, save func() error) error {
	if err := f.FieldsErr(); err != nil {
		return f.MergeErr(a.Validate())
	}
	if up == nil {
		return save()
	}
	key := kit.RandomKey()
	if err := p.s.Cfg.Files.Put(r.Context(), key, up.data); err != nil {
		return err
	}
	a.CoverKey, a.CoverType = key, up.ctype
	if err := save(); err != nil {
		p.s.Cfg.Files.Delete(r.Context(), key)
		a.CoverKey, a.CoverType = "", ""
		f.Errors["cover"] = "Vui lòng chọn lại ảnh đại diện."
		return err
	}
	return nil
}

func (p *Handler) formError(w http.ResponseWriter, r *http.Request, a *news.Article, f *kit.Form, isNew bool, err error) {
	p.s.FormFailed(w, r, f, err, "editor_form.html", func() (kit.View, error) {
		return p.formPage(r, a, f, isNew)
	})
}

func (p *Handler) HandleArticleCreate(w http.ResponseWriter, r *http.Request) error {
	a := &news.Article{}
	f, up, err := p.readArticle(w, r, a)
	if err == nil {
		err = p.saveArticle(r, a, f, up, func() error { return p.store.CreateArticle(r.Context(), a) })
	}
	if err != nil {
		p.formError(w, r, a, f, true, err)
		return nil
	}
	p.s.Flash(w, r, "Đã lưu bản nháp. Khi viết xong, hãy “Gửi duyệt”.")
	http.Redirect(w, r, "/app/articles/"+kit.IdStr(a.ID), http.StatusSeeOther)
	return nil
}

func (p *Handler) HandleArticleEdit(w http.ResponseWriter, r *http.Request) error {
	a, err := kit.FindByID(r, p.store.FindArticleByID)
	if err != nil {
		return err
	}
	data, err := p.formPage(r, a, articleForm(a), false)
	if err != nil {
		return err
	}
	p.s.Render(w, r, http.StatusOK, "editor_form.html", data)
	return nil
}

func (p *Handler) HandleArticleUpdate(w http.ResponseWriter, r *http.Request) error {
	cur, err := kit.FindByID(r, p.store.FindArticleByID)
	if err != nil {
		return err
	}
	a := &news.Article{ID: cur.ID, CoverKey: cur.CoverKey, CoverType: cur.CoverType, Slug: cur.Slug, State: cur.State}
	f, up, err := p.readArticle(w, r, a)
	if err == nil {
		err = p.saveArticle(r, a, f, up, func() error { return p.store.UpdateArticle(r.Context(), a) })
	}
	if err != nil {
		if thidua.ErrorCode(err) == thidua.ECONFLICT {
			f.Error = thidua.ErrorMessage(err)
		}
		p.formError(w, r, a, f, false, err)
		return nil
	}
	if a.State == news.ArticlePublished {
		p.s.OnPortalChange()
	}
	p.s.Flash(w, r, "Đã lưu tin bài (phiên bản "+strconv.Itoa(a.Version)+").")
	http.Redirect(w, r, "/app/articles/"+kit.IdStr(a.ID), http.StatusSeeOther)
	return nil
}

// ---- view and workflow

type articleAction struct {
	news.ArticleTransition
	Blocked string // why the user cannot take it, shown instead of the button
}

type articleViewPage struct {
	kit.Page
	Article   *news.Article
	Actions   []articleAction
	Versions  []*news.ArticleVersion
	Public    bool
	CanEdit   bool
	Error     string
	Form      *kit.Form
	PublishAt string // suggested value of the scheduling field
	Labels    []thidua.Option
}

func (p *Handler) viewPage(r *http.Request, a *news.Article) (*articleViewPage, error) {
	me := thidua.UserFromContext(r.Context())
	vs, err := p.store.FindArticleVersions(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	now := p.s.Now()
	data := &articleViewPage{Page: kit.Page{Title: a.Title, Nav: "articles"}, Article: a, Versions: vs, Public: a.Visible(now),
		CanEdit: a.CanEdit(me), Form: kit.NewForm(),
		Labels: news.ArticleVersionActions}
	for _, t := range news.ArticleTransitions {
		if t.From != a.State || !t.Allows(me) {
			continue
		}
		act := articleAction{ArticleTransition: t}
		if t.Action == "publish" && !a.CanApprove(me) {
			act.Blocked = "Bạn đã viết hoặc sửa bài này lần cuối nên không thể tự duyệt; cần một người duyệt khác."
		}
		data.Actions = append(data.Actions, act)
	}
	return data, nil
}

func (p *Handler) HandleArticleView(w http.ResponseWriter, r *http.Request) error {
	a, err := kit.FindByID(r, p.store.FindArticleByID)
	if err != nil {
		return err
	}
	data, err := p.viewPage(r, a)
	if err != nil {
		return err
	}
	p.s.Render(w, r, http.StatusOK, "editor_article.html", data)
	return nil
}

// parsePublishAt reads the scheduling field: "2026-03-02T08:30" from a
// datetime-local input, or "02/03/2026 08:30", in Vietnam time.
func parsePublishAt(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "02/01/2006 15:04", "2/1/2006 15:04", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, thidua.VietnamZone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, kit.FieldErr("publish_at", "Thời điểm đăng không hợp lệ: nhập ngày/tháng/năm giờ:phút, ví dụ 05/10/2026 08:00.")
}

func (p *Handler) HandleArticleTransition(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := kit.ParseForm(w, r)
	if err != nil {
		return err
	}
	version := int(f.Int("version", "Phiên bản không hợp lệ."))
	at, err := parsePublishAt(f.Values["publish_at"])
	var a *news.Article
	if err == nil {
		a, err = p.store.TransitionArticle(r.Context(), id, f.Values["action"], version,
			news.ArticleTransitionOptions{PublishAt: at, Note: f.Values["note"]})
	}
	if err != nil {
		code := thidua.ErrorCode(err)
		if code != thidua.EINVALID && code != thidua.ECONFLICT && code != thidua.EFORBIDDEN {
			return err
		}
		cur, ferr := p.store.FindArticleByID(r.Context(), id)
		if ferr != nil {
			return ferr
		}
		data, perr := p.viewPage(r, cur)
		if perr != nil {
			return perr
		}
		data.Error = thidua.ErrorMessage(err)
		data.Form.Values = f.Values
		data.Form.SetErr(err)
		status := kit.FormStatus(err)
		if code == thidua.EFORBIDDEN {
			status = http.StatusForbidden
		}
		p.s.Render(w, r, status, "editor_article.html", data)
		return nil
	}
	p.s.OnPortalChange()
	msg := "Tin bài chuyển sang trạng thái “" + a.StateLabel(p.s.Now()) + "”."
	if a.Visible(p.s.Now()) {
		msg = "Đã đăng tin bài lên trang thông tin."
	}
	p.s.Flash(w, r, msg)
	http.Redirect(w, r, "/app/articles/"+kit.IdStr(id), http.StatusSeeOther)
	return nil
}

// ---- versions

type versionsPage struct {
	kit.Page
	Article  *news.Article
	Versions []*news.ArticleVersion
	From, To *news.ArticleVersion
	Diff     []news.DiffLine
	Added    int
	Removed  int
	Labels   []thidua.Option
}

func (p *Handler) HandleArticleVersions(w http.ResponseWriter, r *http.Request) error {
	a, err := kit.FindByID(r, p.store.FindArticleByID)
	if err != nil {
		return err
	}
	ctx := r.Context()
	vs, err := p.store.FindArticleVersions(ctx, a.ID)
	if err != nil {
		return err
	}
	find := func(param string, def int) *news.ArticleVersion {
		n, err := strconv.Atoi(r.URL.Query().Get(param))
		if err != nil {
			n = def
		}
		for _, v := range vs {
			if v.Version == n {
				return v
			}
		}
		return nil
	}
	to := find("to", vs[len(vs)-1].Version)
	from := find("from", max(to.Version-1, 1))
	if to == nil || from == nil {
		return thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy phiên bản bạn yêu cầu.")
	}
	cats, err := p.store.FindCategories(ctx)
	if err != nil {
		return err
	}
	catName := func(id int64) string {
		for _, c := range cats {
			if c.ID == id {
				return c.Name
			}
		}
		return ""
	}
	campName := func(id int64) string {
		if id == 0 {
			return ""
		}
		if c, err := p.s.Store.FindCampaignByID(ctx, id); err == nil {
			return c.Title
		}
		return "#" + kit.IdStr(id)
	}
	data := &versionsPage{Page: kit.Page{Title: "Các phiên bản: " + a.Title, Nav: "articles"}, Article: a, Versions: vs,
		From: from, To: to, Labels: news.ArticleVersionActions}
	data.Diff = news.DiffLines(from.Text(catName(from.CategoryID), campName(from.CampaignID)), to.Text(catName(to.CategoryID), campName(to.CampaignID)))
	for _, d := range data.Diff {
		switch d.Op {
		case news.DiffAdd:
			data.Added++
		case news.DiffDel:
			data.Removed++
		}
	}
	p.s.Render(w, r, http.StatusOK, "editor_versions.html", data)
	return nil
}

// ---- categories

type categoriesPage struct {
	kit.Page
	Categories []*news.Category
	Form       *kit.Form
	EditID     int64
}

func (p *Handler) categoriesPage(r *http.Request, f *kit.Form, editID int64) (*categoriesPage, error) {
	cats, err := p.store.FindCategories(r.Context())
	if err != nil {
		return nil, err
	}
	return &categoriesPage{Page: kit.Page{Title: "Chuyên mục tin bài", Nav: "articles"}, Categories: cats, Form: f, EditID: editID}, nil
}

func (p *Handler) HandleCategories(w http.ResponseWriter, r *http.Request) error {
	data, err := p.categoriesPage(r, kit.NewForm(), 0)
	if err != nil {
		return err
	}
	p.s.Render(w, r, http.StatusOK, "editor_categories.html", data)
	return nil
}

func (p *Handler) saveCategory(w http.ResponseWriter, r *http.Request, id int64) {
	f, err := kit.ParseForm(w, r)
	if err != nil {
		p.s.Error(w, r, err)
		return
	}
	c := &news.Category{ID: id, Name: f.Values["name"], Description: f.Values["description"]}
	c.Position = int(f.Int("position", "Thứ tự phải là số nguyên."))
	c.Version = int(f.Int("version", "Phiên bản không hợp lệ."))
	err = f.FieldsErr()
	if err == nil {
		if id == 0 {
			err = p.store.CreateCategory(r.Context(), c)
		} else {
			err = p.store.UpdateCategory(r.Context(), c)
		}
	}
	if err != nil {
		p.s.FormFailed(w, r, f, err, "editor_categories.html", func() (kit.View, error) {
			return p.categoriesPage(r, f, id)
		})
		return
	}
	p.s.OnPortalChange()
	p.s.Flash(w, r, "Đã lưu chuyên mục “"+c.Name+"”.")
	http.Redirect(w, r, "/app/article-categories", http.StatusSeeOther)
}

func (p *Handler) HandleCategoryCreate(w http.ResponseWriter, r *http.Request) error {
	p.saveCategory(w, r, 0)
	return nil
}

func (p *Handler) HandleCategoryUpdate(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	p.saveCategory(w, r, id)
	return nil
}

// articleKeys returns the ids of a page's first and last article (0, 0
// for an empty page), the keyset of its pager's links.
func articleKeys(as []*news.Article) (int64, int64) {
	if len(as) == 0 {
		return 0, 0
	}
	return as[0].ID, as[len(as)-1].ID
}
