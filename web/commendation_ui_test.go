package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"thidua"
	"thidua/ballot"
	"thidua/demo"
	"thidua/report"
	"thidua/web"
)

// This file walks the commendation workflow through its HTML pages on
// SQLite, as the demo accounts use it: the head of Phòng Hành chính – Tổ
// chức proposes the demo campaign's shortlist, the eligibility engine blocks
// a not-eligible nominee until a reason is given, the emulation officer
// receives, appraises and sends the proposal to the council, the council
// meets, its secretary takes attendance and enters an absent member's
// written vote, members vote by secret ballot, the meeting closes with a
// tally on all members, and the officer drafts and issues the decision,
// which gets number 01 and appears on the public honour roll.

// fakeDocs stands in for the report package's renderer: it writes a small
// PDF-like document naming what was asked, so the routes can be checked
// without depending on the layout.
type fakeDocs struct{}

func (fakeDocs) DecisionPDF(w io.Writer, d *thidua.DecisionDocument) error {
	_, err := fmt.Fprintf(w, "%%PDF-1.4 decision %s %d recipients %q", d.Decision.Ref(), len(d.Decision.Recipients), d.Agency)
	return err
}
func (fakeDocs) DecisionXLSX(w io.Writer, d *thidua.DecisionDocument) error {
	_, err := fmt.Fprintf(w, "PK xlsx %s", d.Decision.Ref())
	return err
}
func (fakeDocs) CertificatesPDF(w io.Writer, d *thidua.DecisionDocument, opt thidua.CertificateOptions) error {
	_, err := fmt.Fprintf(w, "%%PDF-1.4 certificates %d blank=%v x=%v y=%v", len(d.Decision.Recipients), opt.Blank, opt.OffsetXMM, opt.OffsetYMM)
	return err
}
func (fakeDocs) MinutesPDF(w io.Writer, m *thidua.MeetingRecord) error {
	_, err := fmt.Fprintf(w, "%%PDF-1.4 minutes present=%d absent=%d voted=%d written=%d", len(m.Present), len(m.Absent), m.Voted, m.Written)
	return err
}
func (fakeDocs) VoteCountPDF(w io.Writer, m *thidua.MeetingRecord) error {
	_, err := fmt.Fprintf(w, "%%PDF-1.4 vote count rows=%d", len(m.Tally))
	return err
}

// newCommendationEnv is newSQLiteEnv with a decision renderer.
func newCommendationEnv(t *testing.T, docs thidua.DecisionRenderer) *testEnv {
	t.Helper()
	return newSQLiteEnv(t, web.Config{Reports: report.Reporter{}, Decisions: docs, Place: "Hà Nội"})
}

// councilLogin signs in as a demo council account by username.
func (e *testEnv) councilLogin(username string) *http.Client {
	e.t.Helper()
	if username == "hoidong" {
		return e.login(thidua.RoleCouncil)
	}
	for _, a := range demo.CouncilAccounts {
		if a.Username == username {
			c, res := e.loginAs(a.Username, a.Password)
			if res.Status != http.StatusSeeOther {
				e.t.Fatalf("login %s: status %d", a.Username, res.Status)
			}
			return c
		}
	}
	e.t.Fatalf("no council account %s", username)
	return nil
}

func (e *testEnv) userID(username string) int64 {
	e.t.Helper()
	u, err := e.DB.FindUserByUsername(sysCtx(), username)
	if err != nil {
		e.t.Fatal(err)
	}
	return u.ID
}

// demoCampaign returns the demo's campaign (demo.CampaignTitle), not the
// demo bloc's 2025 review.
func (e *testEnv) demoCampaign() *thidua.Campaign {
	e.t.Helper()
	cs, _, err := e.DB.FindCampaigns(sysCtx(), thidua.CampaignFilter{})
	if err != nil {
		e.t.Fatalf("no demo campaign: %v", err)
	}
	for _, c := range cs {
		if c.Title == demo.CampaignTitle {
			return c
		}
	}
	e.t.Fatalf("no demo campaign among %d", len(cs))
	return nil
}

func (e *testEnv) proposal(id int64) *thidua.Proposal {
	e.t.Helper()
	p, err := e.DB.FindProposalByID(sysCtx(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

// pageText returns a page body with HTML entities decoded.
func pageText(body string) string { return html.UnescapeString(body) }

// wantStatus fails unless res has status want.
func wantStatus(t *testing.T, what string, res reqResult, want int) {
	t.Helper()
	if res.Status != want {
		t.Fatalf("%s: status %d, want %d; body %.1500s", what, res.Status, want, pageText(res.Body))
	}
}

var idInPath = regexp.MustCompile(`/(\d+)(/|$)`)

func idFrom(t *testing.T, loc string) int64 {
	t.Helper()
	m := idInPath.FindStringSubmatch(loc)
	if m == nil {
		t.Fatalf("no ID in %q", loc)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	return id
}

// nomineeRows writes a proposal's nominees as the editor's parallel lists.
func nomineeRows(p *thidua.Proposal, extra ...*thidua.Nominee) url.Values {
	v := url.Values{"version": {strconv.Itoa(p.Version)}}
	for _, n := range append(p.Nominees, extra...) {
		v.Add("subject", n.Subject+":"+strconv.FormatInt(n.SubjectID, 10))
		v.Add("award", n.Award)
		v.Add("summary", n.Report.Summary)
		v.Add("achievements", n.Report.Achievements)
		v.Add("initiatives", n.Report.Initiatives)
		v.Add("awards", n.Report.Awards)
		v.Add("override", n.Override)
		v.Add("registration_id", strconv.FormatInt(n.RegistrationID, 10))
	}
	return v
}

func TestCommendationUI(t *testing.T) {
	t.Parallel()
	e := newCommendationEnv(t, fakeDocs{})
	head := e.login(thidua.RoleUnitHead)
	officer := e.login(thidua.RoleOfficer)
	anon := e.client()
	camp := e.demoCampaign()
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	luc := e.personByName("Hồ Văn Lực")
	today := thidua.DateOf(time.Now())

	// ---- the unit proposes the campaign's shortlist
	code, body := e.get(head, fmt.Sprintf("/app/proposals/new?campaign=%d", camp.ID))
	if code != 200 || !strings.Contains(pageText(body), camp.Title) {
		t.Fatalf("new proposal form: %d", code)
	}
	form := url.Values{"kind": {thidua.AwardPhongTrao}, "unit_id": {strconv.FormatInt(hctc.ID, 10)}, "campaign_id": {strconv.FormatInt(camp.ID, 10)},
		"year": {"2021"}, "title": {""}}
	res := e.formDo(head, "/app/proposals", form, nil)
	wantStatus(t, "proposal without a title", res, 422)
	if !strings.Contains(pageText(res.Body), "Trích yếu tờ trình") {
		t.Errorf("no field error for the title: %.500s", res.Body)
	}
	form.Set("title", "Tờ trình đề nghị khen thưởng trong Đợt thi đua cao điểm bầu cử năm 2021")
	res = e.formDo(head, "/app/proposals", form, nil)
	wantStatus(t, "create proposal", res, 303)
	pid := idFrom(t, res.Header.Get("Location"))
	p := e.proposal(pid)

	res = e.formDo(head, fmt.Sprintf("/app/proposals/%d/shortlist", pid), url.Values{"award": {"GK"}, "version": {strconv.Itoa(p.Version)}}, nil)
	wantStatus(t, "pull the shortlist", res, 303)
	_, body = e.cuiFollow(head, res)
	if !strings.Contains(pageText(body), "Đã thêm 6 tập thể, cá nhân từ danh sách rút gọn") {
		t.Errorf("shortlist flash missing: %.300s", pageText(body))
	}
	p = e.proposal(pid)
	if len(p.Nominees) != 6 || p.Nominees[0].Subject != thidua.SubjectUnit || p.Nominees[0].RegistrationID == 0 {
		t.Fatalf("shortlist nominees: %+v", p.Nominees)
	}
	// Pulling again adds nobody: they are all proposed already.
	res = e.formDo(head, fmt.Sprintf("/app/proposals/%d/shortlist", pid), url.Values{"award": {"GK"}, "version": {strconv.Itoa(p.Version)}}, nil)
	wantStatus(t, "pull the shortlist twice", res, 422)

	// Hồ Văn Lực for Chiến sĩ thi đua cơ sở: the engine says not eligible.
	res = e.formDo(head, fmt.Sprintf("/app/proposals/%d/nominees", pid),
		nomineeRows(p, &thidua.Nominee{Subject: thidua.SubjectPerson, SubjectID: luc.ID, Award: thidua.TitleCSTDCS,
			Report: thidua.AchievementReport{Achievements: "Lái xe an toàn phục vụ 100% chuyến công tác bầu cử."}}), nil)
	wantStatus(t, "save nominees", res, 303)
	p = e.proposal(pid)
	if len(p.Nominees) != 7 {
		t.Fatalf("%d nominees", len(p.Nominees))
	}
	code, body = e.get(head, fmt.Sprintf("/app/proposals/%d?check=1", pid))
	if code != 200 || !strings.Contains(pageText(body), "Chưa đủ điều kiện") {
		t.Errorf("check before submitting: %d, no not-eligible verdict", code)
	}
	res = e.formDo(head, fmt.Sprintf("/app/proposals/%d/submit", pid), url.Values{"version": {strconv.Itoa(p.Version)}}, nil)
	wantStatus(t, "submit with a not-eligible nominee", res, 422)
	if want := "Hồ Văn Lực chưa đủ điều kiện Chiến sĩ thi đua cơ sở: cần ghi lý do nếu vẫn đề nghị."; !strings.Contains(pageText(res.Body), want) {
		t.Errorf("blocked submit does not say %q: %.2000s", want, pageText(res.Body))
	}
	if p = e.proposal(pid); p.State != thidua.ProposalDraft || p.Nominees[6].Verdict != "" {
		t.Fatalf("a refused submit changed the proposal: %s %q", p.State, p.Nominees[6].Verdict)
	}
	// With a reason, the proposal goes.
	p.Nominees[6].Override = "Trực tiếp lái xe phục vụ lãnh đạo kiểm tra 100% khu vực bỏ phiếu, không để xảy ra sự cố."
	wantStatus(t, "save the override", e.formDo(head, fmt.Sprintf("/app/proposals/%d/nominees", pid), nomineeRows(&thidua.Proposal{Version: p.Version, Nominees: p.Nominees}), nil), 303)
	p = e.proposal(pid)
	res = e.formDo(head, fmt.Sprintf("/app/proposals/%d/submit", pid), url.Values{"version": {strconv.Itoa(p.Version)}}, nil)
	wantStatus(t, "submit", res, 303)
	p = e.proposal(pid)
	if p.State != thidua.ProposalSubmitted {
		t.Fatalf("state %s", p.State)
	}
	for _, n := range p.Nominees {
		if n.Verdict == "" || len(n.VerdictJSON) == 0 || n.CheckedAt.IsZero() {
			t.Errorf("%s: no stored verdict", n.Name)
		}
		if n.Award == thidua.TitleCSTDCS && (n.Verdict != thidua.VerdictNotEligible || n.Threshold != 0.8) {
			t.Errorf("Lực: verdict %s threshold %v", n.Verdict, n.Threshold)
		}
		if n.Award == thidua.FormGK && (n.Threshold != 0.5 || n.MoneyVND <= 0) {
			t.Errorf("%s: threshold %v money %d", n.Name, n.Threshold, n.MoneyVND)
		}
	}
	// Twice, or editing once sent: refused, nothing changes.
	res = e.formDo(head, fmt.Sprintf("/app/proposals/%d/submit", pid), url.Values{"version": {strconv.Itoa(p.Version)}}, nil)
	wantStatus(t, "double submit", res, 422)
	res = e.formDo(head, fmt.Sprintf("/app/proposals/%d/nominees", pid), nomineeRows(p), nil)
	wantStatus(t, "edit a submitted proposal", res, 422)
	if !strings.Contains(pageText(res.Body), "Tờ trình đã gửi") {
		t.Errorf("edit after submit: %.500s", pageText(res.Body))
	}
	// The unit head cannot receive.
	res = e.formDo(head, fmt.Sprintf("/app/proposals/%d/transition", pid), url.Values{"action": {"receive"}, "version": {strconv.Itoa(p.Version)}}, nil)
	wantStatus(t, "unit head receives", res, 403)

	// ---- the officer receives and appraises
	wantStatus(t, "receive", e.formDo(officer, fmt.Sprintf("/app/proposals/%d/transition", pid), url.Values{"action": {"receive"}, "version": {strconv.Itoa(p.Version)}}, nil), 303)
	p = e.proposal(pid)
	code, body = e.get(officer, fmt.Sprintf("/app/proposals/%d", pid))
	if code != 200 || !strings.Contains(pageText(body), "Thẩm định Hồ Văn Lực") || !strings.Contains(pageText(body), "Luật Thi đua, khen thưởng") {
		t.Errorf("appraisal forms with the open conditions and citations: %d", code)
	}
	res = e.formDo(officer, fmt.Sprintf("/app/proposals/%d/transition", pid), url.Values{"action": {"appraise"}, "version": {strconv.Itoa(p.Version)}}, nil)
	wantStatus(t, "appraise with open conditions", res, 422)
	if !strings.Contains(pageText(res.Body), "Cần kết luận thẩm định") {
		t.Errorf("appraise refusal: %.500s", pageText(res.Body))
	}
	res = e.formDo(officer, fmt.Sprintf("/app/nominees/%d/confirm", p.Nominees[0].ID), url.Values{"proposal_id": {strconv.FormatInt(pid, 10)}, "confirmed": {"true"}}, nil)
	wantStatus(t, "confirm without a note", res, 422)
	for _, n := range p.Nominees {
		res = e.formDo(officer, fmt.Sprintf("/app/nominees/%d/confirm", n.ID), url.Values{"proposal_id": {strconv.FormatInt(pid, 10)},
			"confirmed": {"true"}, "appraisal": {"Đã xác minh thành tích qua biên bản bình xét của đơn vị."}}, nil)
		wantStatus(t, "confirm "+n.Name, res, 303)
	}
	for _, a := range []string{"appraise", "to_council"} {
		p = e.proposal(pid)
		wantStatus(t, a, e.formDo(officer, fmt.Sprintf("/app/proposals/%d/transition", pid), url.Values{"action": {a}, "version": {strconv.Itoa(p.Version)}}, nil), 303)
	}
	p = e.proposal(pid)
	code, body = e.get(head, fmt.Sprintf("/app/proposals/%d", pid))
	if code != http.StatusOK {
		t.Fatalf("GET the proposal as the unit head: %d", code)
	}
	for _, step := range []string{"Lập tờ trình", "Gửi tờ trình", "Tiếp nhận hồ sơ", "Hoàn thành thẩm định", "Trình Hội đồng"} {
		if !strings.Contains(pageText(body), step) {
			t.Errorf("timeline lacks %q", step)
		}
	}
	if !strings.Contains(pageText(body), "Thời hạn nộp hồ sơ") || !strings.Contains(pageText(body), "Bắc Ninh") {
		t.Errorf("no deadline table")
	}

	// ---- the council meets
	cs := e.officeCouncils()
	council := cs[0]
	code, body = e.get(officer, fmt.Sprintf("/app/councils/%d/meetings/new", council.ID))
	if code != 200 || !strings.Contains(pageText(body), "Hồ Văn Lực") {
		t.Fatalf("meeting form: %d", code)
	}
	mf := url.Values{"title": {"Phiên họp xét khen thưởng Đợt thi đua bầu cử"}, "date": {today.String()}, "place": {"Phòng họp tầng 3"}}
	for _, n := range p.Nominees {
		mf.Add("agenda", strconv.FormatInt(n.ID, 10))
	}
	res = e.formDo(officer, fmt.Sprintf("/app/councils/%d/meetings", council.ID), mf, nil)
	wantStatus(t, "open the meeting", res, 303)
	mid := idFrom(t, res.Header.Get("Location"))
	mpath := fmt.Sprintf("/app/meetings/%d", mid)

	secretary := e.councilLogin("thukyhd")
	present := []string{"chutichhd", "phochutichhd", "hoidong", "uyvienhd1"}
	// A member cannot take attendance; the secretary can.
	chair := e.councilLogin("chutichhd")
	m, _ := e.DB.FindMeetingByID(sysCtx(), mid)
	att := url.Values{"version": {strconv.Itoa(m.Version)}}
	for _, u := range present {
		att.Add("present", strconv.FormatInt(e.userID(u), 10))
	}
	wantStatus(t, "a member takes attendance", e.formDo(chair, mpath+"/attendance", att, nil), 403)
	wantStatus(t, "attendance", e.formDo(secretary, mpath+"/attendance", att, nil), 303)

	// The ballots: every GK nominee but Bùi Văn Đạt gets 4 of 4 present
	// and the written vote; Đạt gets 2 of 5; Lực (80% needed) gets the 4
	// present, the written vote disagreeing: 4 of 5 = 80%.
	choice := func(n *thidua.Nominee, voter int) string {
		switch {
		case n.Name == "Bùi Văn Đạt" && voter >= 2:
			return thidua.VoteDisagree
		case n.Award == thidua.TitleCSTDCS && voter == 4:
			return thidua.VoteDisagree
		}
		return thidua.VoteAgree
	}
	ballotOf := func(voter int) url.Values {
		v := url.Values{}
		for _, n := range p.Nominees {
			v.Set("c_"+strconv.FormatInt(n.ID, 10), choice(n, voter))
		}
		return v
	}
	receiptRE := regexp.MustCompile(`id="receipt-code">([0-9a-f]{64})<`)
	var receipts []string
	for i, u := range present {
		c := e.councilLogin(u)
		if code, body := e.get(c, mpath+"/vote"); code != 200 || !strings.Contains(pageText(body), "Phiếu biểu quyết") {
			t.Fatalf("%s: ballot page %d", u, code)
		}
		if i == 0 {
			// An incomplete ballot is refused, nothing stored, its message
			// shown once (issue #14, item 4).
			res := e.formDo(c, mpath+"/vote", url.Values{}, nil)
			wantStatus(t, "incomplete ballot", res, 422)
			if n := strings.Count(pageText(res.Body), "Cần biểu quyết đủ mọi đối tượng"); n != 1 {
				t.Errorf("the incomplete ballot's message shows %d times", n)
			}
		}
		res := e.formDo(c, mpath+"/vote", ballotOf(i), nil)
		wantStatus(t, u+" votes", res, 200)
		m := receiptRE.FindStringSubmatch(res.Body)
		if m == nil || !strings.Contains(pageText(res.Body), "Mã này chỉ hiện một lần") {
			t.Fatalf("%s: no receipt shown: %.1500s", u, pageText(res.Body))
		}
		receipts = append(receipts, m[1])
		if i == 0 {
			// A second ballot: 409 with a clear page, "Đã bỏ phiếu" and no
			// second ballot form; the receipt is not shown again (#14, 4).
			res = e.formDo(c, mpath+"/vote", ballotOf(i), nil)
			wantStatus(t, "second vote", res, 409)
			if !strings.Contains(pageText(res.Body), "Đã bỏ phiếu") || !strings.Contains(pageText(res.Body), "mỗi thành viên chỉ bỏ phiếu một lần") ||
				strings.Contains(res.Body, `id="ballot"`) || strings.Contains(pageText(res.Body), "Xung đột dữ liệu") || receiptRE.MatchString(res.Body) {
				t.Errorf("second vote page: %.800s", pageText(res.Body))
			}
			// The ballot page after voting offers no ballot.
			code, body := e.get(c, mpath+"/vote")
			if code != 200 || !strings.Contains(pageText(body), "Đã bỏ phiếu") || strings.Contains(body, `id="ballot"`) || strings.Contains(body, `id="cast-vote"`) {
				t.Errorf("ballot page after voting: %d %.800s", code, pageText(body))
			}
			if _, body := e.get(c, mpath); !strings.Contains(pageText(body), "Bạn đã bỏ phiếu tại phiên họp này.") || strings.Contains(body, m[1]) {
				t.Errorf("the meeting page shows the receipt again or not the voted state")
			}
		}
	}
	// The absent member's written vote, entered by the secretary.
	wv := ballotOf(4)
	wv.Set("voter_id", strconv.FormatInt(e.userID("uyvienhd2"), 10))
	res = e.formDo(chair, mpath+"/written", wv, nil)
	wantStatus(t, "a member enters a written vote", res, 403)
	res = e.formDo(secretary, mpath+"/written", wv, nil)
	wantStatus(t, "written vote", res, 200)
	if !strings.Contains(pageText(res.Body), "Đã nhập phiếu bằng văn bản của Vũ Đình Long") {
		t.Errorf("written vote page: %.500s", pageText(res.Body))
	}
	// A member checks the receipt; during the vote the page shows only
	// the number of ballots, no result and no ballot hashes.
	res = e.formDo(chair, mpath+"/receipt", url.Values{"receipt": {strings.ToUpper(receipts[0])}}, nil)
	wantStatus(t, "receipt check", res, 200)
	if !strings.Contains(pageText(res.Body), "Hòm phiếu có phiếu với mã <code>"+receipts[0]+"</code>") || strings.Contains(res.Body, "<strong>Đồng ý</strong>") ||
		strings.Contains(res.Body, `id="ballot-hashes"`) || !strings.Contains(res.Body, `id="ballot-count">5<`) {
		t.Errorf("receipt check: %.3000s", pageText(res.Body))
	}
	res = e.formDo(chair, mpath+"/receipt", url.Values{"receipt": {strings.Repeat("0", 64)}}, nil)
	wantStatus(t, "unknown receipt", res, 422)
	if r := e.rawDo(chair, "GET", mpath+"/record.json", "", nil); r.Status != 409 || !strings.Contains(pageText(r.Body), "Đang bỏ phiếu") {
		t.Errorf("record while voting: %d %.300s", r.Status, pageText(r.Body))
	}
	// Closing: a member cannot; the secretary can.
	m, _ = e.DB.FindMeetingByID(sysCtx(), mid)
	wantStatus(t, "a member closes", e.formDo(chair, mpath+"/close", url.Values{"version": {strconv.Itoa(m.Version)}}, nil), 403)
	res = e.formDo(secretary, mpath+"/close", url.Values{"version": {strconv.Itoa(m.Version)}}, nil)
	wantStatus(t, "close", res, 303)
	_, body = e.cuiFollow(secretary, res)
	if !strings.Contains(pageText(body), "Đã kết thúc bỏ phiếu") || strings.Contains(pageText(body), "Không đạt") {
		t.Errorf("close flash: %.500s", pageText(body))
	}
	// The trustees (chair and secretary, 2 of 3) each download their
	// share in their own session, the record, compute their partial
	// decryption offline and upload it.
	for i, c := range []*http.Client{chair, secretary} {
		res := e.formDo(c, mpath+"/share", url.Values{}, nil)
		if res.Status != 200 || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("trustee %d share: %d %.300s", i, res.Status, res.Body)
		}
		share := res.Body
		if again := e.formDo(c, mpath+"/share", url.Values{}, nil); again.Status != 409 {
			t.Errorf("a second share download: %d", again.Status)
		}
		rec := e.rawDo(c, "GET", mpath+"/record.json", "", nil)
		if rec.Status != 200 {
			t.Fatalf("record: %d", rec.Status)
		}
		for _, r := range receipts {
			if !strings.Contains(rec.Body, r) {
				t.Errorf("receipt %s is not in the record", r)
			}
		}
		partial, err := ballot.DecryptShare(strings.NewReader(rec.Body), strings.NewReader(share))
		if err != nil {
			t.Fatal(err)
		}
		pb, _ := json.Marshal(partial)
		res = e.uploadPartial(c, mpath+"/partial", pb)
		wantStatus(t, "partial", res, 303)
		_, body = e.cuiFollow(c, res)
		if i == 0 && !strings.Contains(pageText(body), "chờ thêm thành viên giữ khóa") {
			t.Errorf("first partial: %.500s", pageText(body))
		}
	}
	if !strings.Contains(pageText(body), "6/7 đối tượng đạt tỷ lệ đồng ý") {
		t.Errorf("count flash: %.500s", pageText(body))
	}
	for _, r := range receipts {
		if !strings.Contains(body, "<code>"+r+"</code>") {
			t.Errorf("the closed meeting page does not list ballot %s", r)
		}
	}
	// The tally: shares of ALL 5 voting members.
	text := pageText(body)
	for _, want := range []string{"Đã kiểm phiếu", "4/5", "2/5", "80%", "40%", "Không đạt"} {
		if !strings.Contains(text, want) {
			t.Errorf("tally lacks %q", want)
		}
	}
	// A vote after the close is refused.
	res = e.formDo(e.councilLogin("uyvienhd2"), mpath+"/vote", ballotOf(4), nil)
	if res.Status != 422 && res.Status != 409 {
		t.Errorf("vote after close: %d", res.Status)
	}
	for _, doc := range []string{"/minutes.pdf", "/vote-count.pdf"} {
		r := e.rawDo(officer, "GET", mpath+doc, "", nil)
		if r.Status != 200 || !strings.HasPrefix(r.Body, "%PDF") || r.Header.Get("Content-Type") != "application/pdf" {
			t.Errorf("%s: %d %q", doc, r.Status, r.Body)
		}
	}
	if r := e.rawDo(officer, "GET", mpath+"/minutes.pdf", "", nil); !strings.Contains(r.Body, "present=4 absent=1 voted=5 written=1") {
		t.Errorf("minutes record: %q", r.Body)
	}

	// ---- the decision
	code, body = e.get(officer, mpath+"/decision/new")
	text = pageText(body)
	if code != 200 || !strings.Contains(text, "Căn cứ Kế hoạch số 248/KH-VPUBND") || !strings.Contains(text, "Căn cứ Biên bản họp "+demo.CouncilName) ||
		!strings.Contains(text, "VPUBND") || !strings.Contains(text, "Căn cứ Luật Thi đua, khen thưởng") {
		t.Fatalf("draft form %d: %.3000s", code, text)
	}
	df := url.Values{"issuer": {"VPUBND"}, "year": {strconv.Itoa(today.Year())}, "place": {"Hà Nội"},
		"title":     {"Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong Đợt thi đua cao điểm bầu cử"},
		"authority": {"CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH"}, "bases": {strings.Join(thidua.DecisionBases(today, "Căn cứ Kế hoạch số 248/KH-VPUBND ngày 20/4/2021;"), "\n")},
		"articles":         {"Điều 1. Tặng Giấy khen cho các tập thể, cá nhân có tên trong danh sách kèm theo.\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký./."},
		"signer_authority": {""}, "signer_post": {"CHÁNH VĂN PHÒNG"}, "signer_name": {""}, "cc": {"Như Điều 2;\nLưu: VT, HCTC."}}
	res = e.formDo(officer, mpath+"/decision", df, nil)
	wantStatus(t, "draft without a signer", res, 422)
	df.Set("signer_name", "Trần Quốc Bình")
	res = e.formDo(officer, mpath+"/decision", df, nil)
	wantStatus(t, "draft", res, 303)
	did := idFrom(t, res.Header.Get("Location"))
	dpath := fmt.Sprintf("/app/decisions/%d", did)
	res = e.formDo(officer, mpath+"/decision", df, nil)
	wantStatus(t, "second draft of the meeting", res, 409)
	code, body = e.get(officer, dpath)
	text = pageText(body)
	if code != 200 || !strings.Contains(text, "/QĐ-VPUBND (cấp khi ban hành)") || strings.Contains(text, "Bùi Văn Đạt") || !strings.Contains(text, "Hồ Văn Lực") {
		t.Fatalf("draft page %d: %.2000s", code, text)
	}
	d, _ := e.DB.FindDecisionByID(sysCtx(), did)
	if len(d.Recipients) != 6 || d.Number != 0 {
		t.Fatalf("draft %d recipients, number %d", len(d.Recipients), d.Number)
	}
	// Issuing: a bad date is refused, then the number is assigned.
	res = e.formDo(officer, dpath+"/issue", url.Values{"version": {strconv.Itoa(d.Version)}, "date": {"31/02/2026"}}, nil)
	wantStatus(t, "issue on an impossible date", res, 422)
	res = e.formDo(officer, dpath+"/issue", url.Values{"version": {strconv.Itoa(d.Version)}, "date": {today.String()}}, nil)
	wantStatus(t, "issue", res, 303)
	_, body = e.cuiFollow(officer, res)
	text = pageText(body)
	if !strings.Contains(text, "Đã ban hành Quyết định số 01/QĐ-VPUBND ngày "+today.String()) || !strings.Contains(text, `Quyết định số <span id="decision-ref">01/QĐ-VPUBND</span>`) {
		t.Errorf("issued page: %.1500s", text)
	}
	d, _ = e.DB.FindDecisionByID(sysCtx(), did)
	res = e.formDo(officer, dpath+"/issue", url.Values{"version": {strconv.Itoa(d.Version)}, "date": {today.String()}}, nil)
	wantStatus(t, "issue twice", res, 409)
	// The awards are in the histories; the proposal is decided.
	anh := e.personByName("Nguyễn Ngọc Ánh")
	h, _ := e.DB.FindHistory(sysCtx(), thidua.SubjectPerson, anh.ID)
	found := false
	for _, a := range h.History.Awards {
		found = found || (a.Code == thidua.FormGK && a.Decision == "01/QĐ-VPUBND" && a.Type == thidua.AwardPhongTrao)
	}
	if !found {
		t.Errorf("Ánh's history: %+v", h.History.Awards)
	}
	h, _ = e.DB.FindHistory(sysCtx(), thidua.SubjectPerson, luc.ID)
	found = false
	for _, ti := range h.History.Titles {
		found = found || (ti.Code == thidua.TitleCSTDCS && ti.Year == 2021 && ti.Decision == "01/QĐ-VPUBND")
	}
	if !found {
		t.Errorf("Lực's history: %+v", h.History.Titles)
	}
	if p = e.proposal(pid); p.State != thidua.ProposalDecided {
		t.Errorf("proposal %s", p.State)
	}
	if _, body = e.get(head, fmt.Sprintf("/app/proposals/%d", pid)); !strings.Contains(pageText(body), "Quyết định số 01/QĐ-VPUBND") {
		t.Errorf("the unit's timeline does not show the decision")
	}
	if _, body = e.get(officer, fmt.Sprintf("/app/people/%d/history", anh.ID)); !strings.Contains(pageText(body), "01/QĐ-VPUBND") {
		t.Errorf("the person's history page does not show the decision")
	}
	// Documents of the decision.
	for _, doc := range []string{"/decision.pdf", "/certificates.pdf?blank=1&x=2.5&y=-1"} {
		r := e.rawDo(officer, "GET", dpath+doc, "", nil)
		if r.Status != 200 || !strings.HasPrefix(r.Body, "%PDF") {
			t.Errorf("%s: %d %q", doc, r.Status, r.Body)
		}
	}
	if r := e.rawDo(officer, "GET", dpath+"/certificates.pdf?blank=1&x=2.5&y=-1", "", nil); !strings.Contains(r.Body, "certificates 6 blank=true x=2.5 y=-1") {
		t.Errorf("certificate options: %q", r.Body)
	}
	if r := e.rawDo(officer, "GET", dpath+"/decision.pdf", "", nil); !strings.Contains(r.Body, "01/QĐ-VPUBND") || !strings.Contains(r.Body, `ỦY BAN NHÂN DÂN TỈNH\nVĂN PHÒNG UBND TỈNH`) ||
		!strings.Contains(r.Header.Get("Content-Disposition"), "quyet-dinh-01-") {
		t.Errorf("decision PDF: %q %q", r.Body, r.Header.Get("Content-Disposition"))
	}
	if r := e.rawDo(officer, "GET", dpath+"/decision.xlsx", "", nil); r.Status != 200 || !strings.Contains(r.Header.Get("Content-Type"), "spreadsheetml") {
		t.Errorf("decision XLSX: %d", r.Status)
	}
	// Searching without accents.
	if _, body = e.get(officer, "/app/decisions?q=nguyen+ngoc+anh"); !strings.Contains(pageText(body), "01/QĐ-VPUBND") {
		t.Errorf("search without accents misses the decision")
	}
	if _, body = e.get(officer, "/app/decisions?q=khong+co+ai"); strings.Contains(pageText(body), "01/QĐ-VPUBND") {
		t.Errorf("search finds the decision for an unrelated query")
	}

	// ---- the public honour roll: opt-in per decision
	code, body = e.get(anon, "/vinh-danh")
	if code != 200 || strings.Contains(pageText(body), "01/QĐ-VPUBND") {
		t.Fatalf("honour roll before publishing: %d", code)
	}
	d, _ = e.DB.FindDecisionByID(sysCtx(), did)
	res = e.formDo(officer, dpath, url.Values{"version": {strconv.Itoa(d.Version)}, "public": {"on"}}, nil)
	wantStatus(t, "publish", res, 303)
	code, body = e.get(anon, "/vinh-danh")
	text = pageText(body)
	if code != 200 || !strings.Contains(text, "Quyết định số 01/QĐ-VPUBND") || !strings.Contains(text, "Nguyễn Ngọc Ánh") || strings.Contains(text, "Bùi Văn Đạt") {
		t.Errorf("honour roll after publishing: %d %.1500s", code, text)
	}
	if d, _ = e.DB.FindDecisionByID(sysCtx(), did); d.Number != 1 || d.Title == "" || len(d.Recipients) != 6 {
		t.Errorf("publishing changed the issued decision: %+v", d)
	}
	if bad, err := e.DB.VerifyAuditChain(sysCtx()); bad != 0 || err != nil {
		t.Errorf("audit chain: %d %v", bad, err)
	}
}

// TestCommendationPagesWithoutRenderer checks that the document downloads
// answer 404 when no renderer is configured, and that the list pages
// render for every role.
func TestCommendationPagesWithoutRenderer(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	for _, role := range []thidua.Role{thidua.RoleAdmin, thidua.RoleOfficer, thidua.RoleUnitHead, thidua.RoleCouncil, thidua.RoleStaff} {
		c := e.login(role)
		for _, path := range []string{"/app/proposals", "/app/councils", "/app/decisions"} {
			if code, body := e.get(c, path); code != 200 || !strings.Contains(body, `lang="vi"`) {
				t.Errorf("%s %s: %d", role, path, code)
			}
		}
	}
	officer := e.login(thidua.RoleOfficer)
	cs := e.officeCouncils()
	code, body := e.get(officer, fmt.Sprintf("/app/councils/%d", cs[0].ID))
	if code != 200 || !strings.Contains(pageText(body), "Thư ký") || !strings.Contains(pageText(body), "Chủ tịch Hội đồng") {
		t.Errorf("council page: %d", code)
	}
	code, body = e.get(officer, fmt.Sprintf("/app/councils/%d/edit", cs[0].ID))
	if code != 200 || !strings.Contains(body, `id="role-thukyhd"`) || !strings.Contains(body, `id="role-hoidong"`) {
		t.Errorf("council form: %d", code)
	}
	// A council member who is not an officer still sees the council.
	if code, _ := e.get(e.councilLogin("thukyhd"), fmt.Sprintf("/app/councils/%d", cs[0].ID)); code != 200 {
		t.Errorf("secretary sees the council: %d", code)
	}
}

// uploadPartial posts a partial decryption file as the meeting page's form does.
func (e *testEnv) uploadPartial(c *http.Client, path string, file []byte) reqResult {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("partial", "phan-giai-ma.json")
	fw.Write(file)
	mw.Close()
	return e.rawDo(c, http.MethodPost, path, buf.String(), http.Header{"Content-Type": {mw.FormDataContentType()}})
}
