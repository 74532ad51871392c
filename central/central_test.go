package central_test

import (
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/central"
)

func TestCommentRules(t *testing.T) {
	on := thidua.NewDate(2026, 12, 1)
	r, ok := central.CommentRuleFor(thidua.TitleCSTDTQ, "bac-ninh", on)
	if !ok || !r.NeedsReview() || r.Citation == "" {
		t.Fatalf("CSTĐTQ under bac-ninh: %+v %v, want the default rule, graded C", r, ok)
	}
	if !strings.Contains(r.Notice(), "cần xem xét") {
		t.Errorf("notice %q lacks the needs-review wording", r.Notice())
	}
	if _, ok := central.CommentRuleFor(thidua.FormBKCT, "default", on); ok {
		t.Errorf("BKCT needs public comment")
	}
	if _, ok := central.CommentRuleFor(thidua.TitleCSTDTQ, "default", thidua.NewDate(2023, 12, 31)); ok {
		t.Errorf("a rule before its effective date")
	}
	for award, want := range map[string]string{thidua.TitleCSTDTQ: "TTG", thidua.FormBKTTG: "TTG", thidua.TitleCTCP: "TTG", thidua.FormHCLD3: "CTN"} {
		if a, ok := central.AuthorityOf(award); !ok || a.Code != want {
			t.Errorf("%s: %+v, want %s", award, a, want)
		}
	}
	if central.IsCentral(thidua.FormGK) {
		t.Errorf("Giấy khen is central")
	}
}

func TestWindow(t *testing.T) {
	w := &central.Window{Starts: thidua.NewDate(2026, 12, 1), Ends: thidua.NewDate(2026, 12, 15), Approved: 1234}
	for d, want := range map[int]bool{30: false, 1: true, 15: true, 16: false} {
		day := thidua.NewDate(2026, 12, d)
		if d == 30 {
			day = thidua.NewDate(2026, 11, 30)
		}
		if got := w.OpenOn(day); got != want {
			t.Errorf("open on %s = %v, want %v", day, got, want)
		}
	}
	if got, want := w.Summary(), "Đã công khai từ 01/12/2026 đến 15/12/2026, nhận được 1.234 ý kiến."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	today := thidua.NewDate(2026, 12, 1)
	if err := w.Validate(today); err != nil {
		t.Errorf("valid window: %v", err)
	}
	for name, bad := range map[string]*central.Window{
		"no dates":    {},
		"reversed":    {Starts: thidua.NewDate(2026, 12, 5), Ends: thidua.NewDate(2026, 12, 1)},
		"too long":    {Starts: today, Ends: thidua.NewDate(2027, 3, 2)},
		"in the past": {Starts: thidua.NewDate(2026, 11, 1), Ends: thidua.NewDate(2026, 11, 30)},
	} {
		if thidua.ErrorCode(bad.Validate(today)) != thidua.EINVALID {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestFormToken(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	at := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	tok := central.FormToken(key, 7, at)
	for name, c := range map[string]struct {
		tok string
		id  int64
		now time.Time
		ok  bool
	}{
		"typed":         {tok, 7, at.Add(30 * time.Second), true},
		"too fast":      {tok, 7, at.Add(2 * time.Second), false},
		"too old":       {tok, 7, at.Add(3 * time.Hour), false},
		"other list":    {tok, 8, at.Add(30 * time.Second), false},
		"forged":        {tok[:len(tok)-2] + "00", 7, at.Add(30 * time.Second), false},
		"garbage":       {"abc", 7, at, false},
		"from the past": {central.FormToken(key, 7, at.Add(-time.Hour)), 7, at, true},
	} {
		if err := central.CheckFormToken(key, c.tok, c.id, c.now); (err == nil) != c.ok {
			t.Errorf("%s: %v, want ok=%v", name, err, c.ok)
		}
	}
	if central.ClientKey(key, "10.0.0.1") == central.ClientKey(key, "10.0.0.2") {
		t.Errorf("client keys collide")
	}
}

func TestComment(t *testing.T) {
	c := &central.Comment{Name: "  Trần  Văn Bình ", Contact: "0912 345 678", Text: "Đồng ý với đề nghị.\r\n"}
	c.Normalize()
	if c.Name != "Trần Văn Bình" {
		t.Errorf("name %q", c.Name)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("valid comment: %v", err)
	}
	bad := &central.Comment{Name: "A", Contact: "", Text: "ngắn"}
	fs := thidua.ErrorFields(bad.Validate())
	if fs["contact"] == "" || fs["text"] == "" {
		t.Errorf("fields %v", fs)
	}
	if err := central.CheckModeration(central.CommentRejected, ""); thidua.ErrorFields(err)["note"] == "" {
		t.Errorf("reject without a reason: %v", err)
	}
	if err := central.CheckModeration("DELETED", ""); thidua.ErrorFields(err)["state"] == "" {
		t.Errorf("unknown state: %v", err)
	}
	long := thidua.AchievementReport{Achievements: strings.Repeat("thành tích xuất sắc ", 100)}
	if s := central.ShortSummary(long); len([]rune(s)) > central.SummaryRunes+1 || !strings.HasSuffix(s, "…") {
		t.Errorf("short summary of %d runes", len([]rune(s)))
	}
}

func TestDecision(t *testing.T) {
	today := thidua.NewDate(2026, 12, 1)
	d := &central.Decision{Number: " 1234/QĐ-TTg ", Date: thidua.NewDate(2026, 11, 20), Authority: "TTG", NomineeIDs: []int64{3, 3, 1}}
	d.Normalize()
	if err := d.Validate(today); err != nil || d.Number != "1234/QĐ-TTg" || len(d.NomineeIDs) != 2 {
		t.Errorf("valid decision: %v %+v", err, d)
	}
	yes, no := true, false
	n := &thidua.Nominee{Name: "Nguyễn Văn A", Award: thidua.TitleCSTDTQ, Passed: &yes}
	if msg := central.CheckRecipient("TTG", n, false); msg != "" {
		t.Errorf("recipient: %s", msg)
	}
	if msg := central.CheckRecipient("CTN", n, false); msg == "" {
		t.Errorf("the President decides CSTĐTQ")
	}
	if msg := central.CheckRecipient("TTG", n, true); msg == "" {
		t.Errorf("awarded twice")
	}
	n.Passed = &no
	if msg := central.CheckRecipient("TTG", n, false); msg == "" {
		t.Errorf("refused by the council")
	}
}

func TestReportText(t *testing.T) {
	if central.ReportText(&thidua.Nominee{Name: "A"}) != "" {
		t.Errorf("a report with nothing entered")
	}
	s := central.ReportText(&thidua.Nominee{Name: "Nguyễn Văn A", UnitName: "Phòng Kinh tế", Award: thidua.TitleCSTDTQ,
		Report: thidua.AchievementReport{Achievements: "Sáng kiến áp dụng toàn quốc."}})
	for _, want := range []string{"BÁO CÁO THÀNH TÍCH", "Nguyễn Văn A — Phòng Kinh tế", "II. THÀNH TÍCH ĐẠT ĐƯỢC\nSáng kiến áp dụng toàn quốc."} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "III.") {
		t.Errorf("empty section written:\n%s", s)
	}
}
