package news_test

import (
	"strings"
	"testing"
	"thidua/news"
	"time"

	"thidua"
)

func TestSlugify(t *testing.T) {
	cases := []struct {
		in   string
		max  int
		want string
	}{
		{"Văn phòng UBND thi đua cao điểm", 80, "van-phong-ubnd-thi-dua-cao-diem"},
		{"Đảng bộ Văn phòng: “Học tập và làm theo” (kỳ 2)", 80, "dang-bo-van-phong-hoc-tap-va-lam-theo-ky-2"},
		{"Kế hoạch số 248/KH-VPUBND", 80, "ke-hoach-so-248-kh-vpubnd"},
		{"Thi đua – Khen thưởng", 80, "thi-dua-khen-thuong"},
		{"một hai ba bốn năm", 12, "mot-hai-ba"},
		{"Nghiêng\u0300 NFD: Quốc hội", 80, "nghieng-nfd-quoc-hoi"},
		{"!!!", 80, ""},
		{"Aaaaaaaaaaaaaaaaaaaa", 5, "aaaaa"},
	}
	for _, tc := range cases {
		got := news.Slugify(tc.in, tc.max)
		if got != tc.want {
			t.Errorf("Slugify(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
		if got != "" && !news.ValidSlug(got) {
			t.Errorf("Slugify(%q) = %q is not a valid slug", tc.in, got)
		}
	}
	for _, bad := range []string{"", "-a", "a-", "a--b", "A", "á", "a b", "a/b"} {
		if news.ValidSlug(bad) {
			t.Errorf("ValidSlug(%q) = true", bad)
		}
	}
}

func TestSearchTerms(t *testing.T) {
	if got := strings.Join(news.SearchTerms(`"Bầu cử" QUỐC-HỘI bầu c++ NEAR(x)`), " "); got != "bau cu quoc hoi c near x" {
		t.Errorf("SearchTerms = %q", got)
	}
	if got := news.SearchTerms(strings.Repeat("dài ", 50)); len(got) != 1 {
		t.Errorf("repeated word: %v", got)
	}
	if got := news.SearchTerms("a b c d e f g h i j"); len(got) != 8 {
		t.Errorf("%d terms, want at most 8", len(got))
	}
	if got := news.SearchWords("Nhiệm kỳ 2021-2026; 248/KH-VPUBND"); got != "Nhiệm kỳ 2021 2026 248 KH VPUBND" {
		t.Errorf("SearchWords = %q", got)
	}
}

func segs(s []news.Segment) string {
	var b strings.Builder
	for _, x := range s {
		if x.Match {
			b.WriteString("[" + x.Text + "]")
		} else {
			b.WriteString(x.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	terms := news.SearchTerms("bau cu dang")
	if got := segs(news.Highlight("Cuộc bầu cử do Đảng lãnh đạo, bầu-cử.", terms, 0)); got != "Cuộc [bầu cử] do [Đảng] lãnh đạo, [bầu]-[cử]." {
		t.Errorf("Highlight = %q", got)
	}
	long := strings.Repeat("một hai ba bốn năm sáu bảy tám chín mười ", 10) + "cuộc bầu cử đại biểu " + strings.Repeat("lời kết thúc ", 20)
	got := segs(news.Highlight(long, news.SearchTerms("bau cu"), 12))
	if !strings.HasPrefix(got, "… ") || !strings.HasSuffix(got, " …") || !strings.Contains(got, "[bầu cử]") || len(strings.Fields(got)) > 16 {
		t.Errorf("window = %q", got)
	}
	if got := segs(news.Highlight("không khớp gì", terms, 5)); got != "không khớp gì" {
		t.Errorf("no match = %q", got)
	}
}

func TestMarkdownText(t *testing.T) {
	src := "## Tiêu đề\n\nĐoạn có **đậm**, [liên kết](https://example.vn) và ![ảnh hội nghị](/anh/x).\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n<b>thẻ</b> `mã`"
	want := "Tiêu đề\nĐoạn có đậm, liên kết và ảnh hội nghị.\nA B\n1 2\nthẻ mã"
	if got := news.MarkdownText(src); got != want {
		t.Errorf("MarkdownText = %q, want %q", got, want)
	}
}

func TestDiffLines(t *testing.T) {
	a := []string{"Tiêu đề: A", "một", "hai", "ba", "bốn"}
	b := []string{"Tiêu đề: B", "một", "ba", "bốn", "năm"}
	var got []string
	for _, d := range news.DiffLines(a, b) {
		got = append(got, map[news.DiffOp]string{news.DiffSame: " ", news.DiffAdd: "+", news.DiffDel: "-"}[d.Op]+d.Text)
	}
	want := "-Tiêu đề: A|+Tiêu đề: B| một|-hai| ba| bốn|+năm"
	if strings.Join(got, "|") != want {
		t.Errorf("DiffLines = %s, want %s", strings.Join(got, "|"), want)
	}
	if d := news.DiffLines(a, a); len(d) != len(a) || d[0].Added() || d[0].Removed() {
		t.Errorf("same text: %v", d)
	}
}

// TestArticleTransitions pins the workflow table whole.
func TestArticleTransitions(t *testing.T) {
	want := map[string]string{
		"DRAFT submit": "SUBMITTED", "SUBMITTED withdraw": "DRAFT", "SUBMITTED return": "DRAFT",
		"SUBMITTED publish": "PUBLISHED", "PUBLISHED unpublish": "UNPUBLISHED", "UNPUBLISHED redraft": "DRAFT",
	}
	publisher := map[string]bool{"return": true, "publish": true, "unpublish": true}
	for _, st := range news.ArticleStates {
		for _, action := range []string{"submit", "withdraw", "return", "publish", "unpublish", "redraft", "delete"} {
			tr, err := news.FindArticleTransition(st.Code, action)
			to, ok := want[st.Code+" "+action]
			switch {
			case ok && (err != nil || tr.To != to || tr.Publisher != publisher[action]):
				t.Errorf("%s %s = %+v, %v; want %s", st.Code, action, tr, err, to)
			case !ok && thidua.ErrorCode(err) != thidua.EINVALID:
				t.Errorf("%s %s allowed (%+v), want EINVALID", st.Code, action, tr)
			}
		}
	}
}

func TestArticleValidateAndVisibility(t *testing.T) {
	a := &news.Article{Title: "  Tin\u00a0 thử  ", Body: "Dòng một  \r\n    mã thụt lề\x00\n", CategoryID: 1, CoverKey: "k"}
	a.Normalize()
	if a.Title != "Tin thử" || a.Body != "Dòng một  \n    mã thụt lề" {
		t.Errorf("Normalize: title %q body %q", a.Title, a.Body)
	}
	if f := thidua.ErrorFields(a.Validate()); f["cover_alt"] == "" || len(f) != 1 {
		t.Errorf("Validate: %v", f)
	}
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	a.State, a.PublishedAt = news.ArticlePublished, now.Add(time.Hour)
	if a.Visible(now) || !a.Scheduled(now) || !strings.Contains(a.StateLabel(now), "chờ đến giờ đăng 01/03/2026 16:00") {
		t.Errorf("scheduled: visible %v, label %q", a.Visible(now), a.StateLabel(now))
	}
	if !a.Visible(now.Add(time.Hour)) {
		t.Error("not visible at its time")
	}
}

func TestFoldWordAgreesWithFold(t *testing.T) {
	text := "Nguyễn Văn Đức ĐẢNG Quốc hội bầu cử thưởng Ưu ÂU ơ ĂN ỹ Ỵ Đ đ d\u0301 nghie\u0302\u0300ng ǅ ß 2021 Ωmega 漢字"
	for _, w := range strings.Fields(text) {
		if got, want := news.HighlightFold(w), thidua.Fold(w); got != want {
			t.Errorf("fold of %q = %q, Fold gives %q", w, got, want)
		}
	}
}
