package web_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
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
	"thidua/demo/demotest"
	"thidua/pades"
	"thidua/pades/padestest"
	"thidua/report"
	"thidua/signing"
	"thidua/sqldb/signatures"
)

// reportDocs renders decisions and certificates with the report package,
// as the binary does.
type reportDocs struct{ fakeDocs }

func (reportDocs) DecisionPDF(w io.Writer, d *thidua.DecisionDocument) error {
	return report.DecisionPDF(w, d.Decision, report.DecisionOptions{Agency: d.Agency, Spot: d.Spot})
}

func (reportDocs) CertificatesPDF(w io.Writer, d *thidua.DecisionDocument, o thidua.CertificateOptions) error {
	return report.CertificatesPDF(w, d.Decision, report.CertificateOptions{Blank: o.Blank, OffsetX: o.OffsetXMM, OffsetY: o.OffsetYMM})
}

// postMultipart posts fields and one file.
func postMultipart(t *testing.T, e *testEnv, c *http.Client, path string, fields map[string]string, field, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile(field, name)
	fw.Write(data)
	mw.Close()
	resp, err := c.Post(e.HTTP.URL+path, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// issuedDecision stores an issued decision of the Văn phòng UBND tỉnh.
func issuedDecision(t *testing.T, e *testEnv, number int) int64 {
	t.Helper()
	sys := thidua.NewSystemContext(context.Background())
	units, _, err := e.DB.FindUnits(sys, thidua.UnitFilter{Query: "Văn phòng UBND tỉnh"})
	if err != nil || len(units) == 0 {
		t.Fatalf("unit: %v", err)
	}
	body := `{"authority":"CHÁNH VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH","signer":{"authority":"KT.","on_behalf":"Chánh Văn phòng","post":"Phó Chánh Văn phòng","name":"Nguyễn Văn An"},` +
		`"cc":["Như Điều 3;","Lưu: VT, HCTC."],"recipients":[{"subject":"PERSON","subject_id":1,"name":"Trần Thị Bình","unit_name":"Phòng Tổng hợp","award":"GK","award_type":"CONG_TRANG","money_vnd":300000,"basis":"hoàn thành xuất sắc nhiệm vụ năm 2025"}]}`
	var id int64
	if err := e.DB.SQL().QueryRowContext(sys, `INSERT INTO decisions (unit_id, issuer, year, number, place, date, title, title_fold, body_json, state, created_at, issued_at)
		VALUES ($1, 'VPUBND', 2025, $2, 'Hà Tĩnh', '2025-12-25', 'Về việc tặng Giấy khen năm 2025', 've viec tang giay khen nam 2025', $3, 'ISSUED', $4, $4) RETURNING id`,
		units[0].ID, number, body, time.Now().UTC()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestSignedDecisionsAndDossiers walks digital signatures through the
// pages and the API on both databases: the administrator stores the
// agency's certificate and the trust anchor; an issued decision is signed
// in thidua (B-T, against the in-process timestamp authority) and another
// downloaded, signed outside and uploaded back; both downloads are valid
// for pdfsig; a tampered copy is refused with the page given back; a
// signed PDF uploaded to a dossier shows its signer on the proposal.
func TestSignedDecisionsAndDossiers(t *testing.T) {
	ca := padestest.NewCA(t, "Thidua Test Root CA")
	reader := padestest.NewReader(t, ca)
	tsa := ca.TSAServer(t)
	p12 := ca.PKCS12(t, ca.Signer, "mật khẩu")
	key := make([]byte, 32)
	rand.Read(key)
	sealer, err := signing.ParseKey(base64.StdEncoding.EncodeToString(key))
	if err != nil {
		t.Fatal(err)
	}
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		cfg := envConfig()
		cfg.Decisions = reportDocs{}
		cfg.Signing = signatures.New(o.DB, pades.Engine{TSAURL: tsa}, sealer, "")
		e := newEnv(t, o, cfg)
		admin, officer, staff := e.login(thidua.RoleAdmin), e.login(thidua.RoleOfficer), e.login(thidua.RoleStaff)
		d1, d2 := issuedDecision(t, e, 71), issuedDecision(t, e, 72)

		// The administrator's page: a wrong password is refused with the
		// unit kept; then the certificate and the anchor are stored.
		var unitID int64
		e.DB.SQL().QueryRow(`SELECT unit_id FROM decisions WHERE id = $1`, d1).Scan(&unitID)
		resp, body := postMultipart(t, e, admin, "/app/signing/certificates", map[string]string{"unit_id": fmt.Sprint(unitID), "password": "sai"}, "file", "vp.p12", p12)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Mật khẩu của tệp chứng thư số không đúng.") || !strings.Contains(body, fmt.Sprintf(`value="%d" selected`, unitID)) {
			t.Fatalf("wrong password: %d", resp.StatusCode)
		}
		if resp, _ := postMultipart(t, e, officer, "/app/signing/certificates", map[string]string{"unit_id": fmt.Sprint(unitID), "password": "mật khẩu"}, "file", "vp.p12", p12); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("officer stores a certificate: %d", resp.StatusCode)
		}
		if resp, _ := postMultipart(t, e, admin, "/app/signing/certificates", map[string]string{"unit_id": fmt.Sprint(unitID), "password": "mật khẩu"}, "file", "vp.p12", p12); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("store certificate: %d", resp.StatusCode)
		}
		if resp, _ := postMultipart(t, e, admin, "/app/signing/anchors", nil, "file", "root.pem", ca.RootPEM()); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("store anchor: %d", resp.StatusCode)
		}
		if code, page := e.get(admin, "/app/signing"); code != 200 || !strings.Contains(pageText(page), "Nguyễn Văn An") || !strings.Contains(pageText(page), "Thidua Test Root CA") {
			t.Fatalf("signing page: %d", code)
		}

		// Signed in thidua.
		dp := fmt.Sprintf("/app/decisions/%d", d1)
		if resp, _ := e.postForm(staff, dp+"/sign", nil); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("staff signs: %d", resp.StatusCode)
		}
		if resp, _ := e.postForm(officer, dp+"/sign", map[string][]string{"kind": {"decision"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign: %d", resp.StatusCode)
		}
		code, page := e.get(officer, dp)
		if code != 200 || !strings.Contains(pageText(page), "Đã ký số") || !strings.Contains(pageText(page), "Nguyễn Văn An (Văn phòng UBND tỉnh)") {
			t.Fatalf("decision page after signing: %d", code)
		}
		_, signed := e.get(officer, dp+"/decision.pdf")
		reader.RequireValid(t, []byte(signed))

		// Signed outside: the download is the issued file, byte for byte.
		dp2 := fmt.Sprintf("/app/decisions/%d", d2)
		_, plain := e.get(officer, dp2+"/decision.pdf")
		if _, again := e.get(officer, dp2+"/decision.pdf"); again != plain {
			t.Fatal("two downloads of an unsigned issued decision differ")
		}
		other := ca.Issue(t, "Lê Thị Cúc", "Văn phòng UBND tỉnh", false)
		outside, err := pades.Sign([]byte(plain), other, pades.Options{Name: "Lê Thị Cúc", Time: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		bad := padestest.Tamper(outside, len(plain)/2)
		resp, body = postMultipart(t, e, officer, dp2+"/signed", map[string]string{"kind": "decision"}, "file", "qd-da-ky.pdf", bad)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(pageText(body), "phần đầu tệp khác bản gốc") {
			t.Fatalf("tampered upload: %d %s", resp.StatusCode, pageText(body))
		}
		if _, now := e.get(officer, dp2+"/decision.pdf"); now != plain {
			t.Fatal("a refused upload changed the download")
		}
		if resp, _ := postMultipart(t, e, officer, dp2+"/signed", map[string]string{"kind": "decision"}, "file", "qd-da-ky.pdf", outside); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload signed: %d", resp.StatusCode)
		}
		_, got := e.get(officer, dp2+"/decision.pdf")
		if got != string(outside) {
			t.Fatal("the signed file is not what is downloaded")
		}
		reader.RequireValid(t, []byte(got))

		// The API: the signers, and the tampered copy refused (422).
		code, _, out := e.apiDo(thidua.RoleOfficer, "GET", fmt.Sprintf("/api/v1/decisions/%d/signatures", d2), "")
		var st struct {
			Decision struct {
				Signed     bool
				Method     string
				Signatures []signing.Signature
			}
		}
		if code != 200 || json.Unmarshal([]byte(out), &st) != nil || !st.Decision.Signed || st.Decision.Method != signing.MethodOutside || st.Decision.Signatures[0].Name != "Lê Thị Cúc" {
			t.Fatalf("API signatures: %d %s", code, out)
		}
		up, _ := json.Marshal(map[string]any{"kind": "certificates", "pdf": bad})
		if code, _, out := e.apiDo(thidua.RoleOfficer, "PUT", fmt.Sprintf("/api/v1/decisions/%d/signed", d2), string(up)); code != http.StatusUnprocessableEntity {
			t.Fatalf("API tampered upload: %d %s", code, out)
		}
		if code, _, out := e.apiDo(thidua.RoleOfficer, "POST", fmt.Sprintf("/api/v1/decisions/%d/sign", d2), `{"kind":"certificates"}`); code != 200 || !strings.Contains(out, `"signed": true`) {
			t.Fatalf("API sign certificates: %d %s", code, out)
		}
		_, certs := e.get(officer, dp2+"/certificates.pdf")
		reader.RequireValid(t, []byte(certs))

		// A signed tờ trình in a dossier shows its signer on the proposal.
		sys := thidua.NewSystemContext(context.Background())
		ps, _, err := e.DB.FindProposals(sys, thidua.ProposalFilter{State: thidua.ProposalDraft})
		if err != nil || len(ps) == 0 {
			t.Fatalf("the demo has no draft proposal: %v", err)
		}
		head := e.login(thidua.RoleUnitHead)
		if resp, _ := postFile(t, e, head, ps[0].ID, "KHAC", "To trinh da ky.pdf", outside); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("dossier upload: %d", resp.StatusCode)
		}
		if resp, _ := postFile(t, e, head, ps[0].ID, "KHAC", "To trinh sua.pdf", bad); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("dossier upload of a changed file: %d", resp.StatusCode)
		}
		_, page = e.get(officer, "/app/proposals/"+itoa(ps[0].ID))
		text := pageText(page)
		if !strings.Contains(text, "Chữ ký số hợp lệ: Lê Thị Cúc (Văn phòng UBND tỉnh)") || !strings.Contains(text, "Tệp đã bị thay đổi sau khi ký") {
			t.Fatalf("proposal page does not show the dossier's signatures")
		}

		// The appraisal: an unsigned tờ trình joins the dossier, the unit
		// sends the proposal and the officer receives it; the appraisal
		// section names the signer and gives each PDF's verdict.
		if resp, _ := postFile(t, e, head, ps[0].ID, "KHAC", "To trinh chua ky.pdf", []byte(plain)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("dossier upload of an unsigned file: %d", resp.StatusCode)
		}
		pid := ps[0].ID
		p := e.proposal(pid)
		wantStatus(t, "submit", e.formDo(head, "/app/proposals/"+itoa(pid)+"/submit", url.Values{"version": {strconv.Itoa(p.Version)}}, nil), 303)
		if _, page := e.get(officer, "/app/proposals/"+itoa(pid)); strings.Contains(page, `id="appraisal-signatures"`) {
			t.Fatal("the appraisal section shows before the proposal is received")
		}
		p = e.proposal(pid)
		wantStatus(t, "receive", e.formDo(officer, "/app/proposals/"+itoa(pid)+"/transition", url.Values{"action": {"receive"}, "version": {strconv.Itoa(p.Version)}}, nil), 303)
		if p = e.proposal(pid); p.State != thidua.ProposalReceived {
			t.Fatalf("state %s after receiving", p.State)
		}
		_, page = e.get(officer, "/app/proposals/"+itoa(pid))
		section := appraisalSection(t, page)
		for _, want := range []string{
			"To trinh da ky.pdf: Chữ ký số hợp lệ: Lê Thị Cúc (Văn phòng UBND tỉnh)",
			"To trinh sua.pdf: Tệp đã bị thay đổi sau khi ký",
			"To trinh chua ky.pdf: Không có chữ ký số",
		} {
			if !strings.Contains(section, want) {
				t.Errorf("appraisal lacks %q: %s", want, section)
			}
		}
		if _, page := e.get(head, "/app/proposals/"+itoa(pid)); strings.Contains(page, `id="appraisal-signatures"`) {
			t.Error("the unit head sees the appraiser's section")
		}
	})
}

// appraisalSection returns the text of the proposal page's appraisal
// section on signatures, tags stripped.
func appraisalSection(t *testing.T, page string) string {
	t.Helper()
	start := strings.Index(page, `id="appraisal-signatures"`)
	if start < 0 {
		t.Fatal("the proposal page has no appraisal section on signatures")
	}
	end := strings.Index(page[start:], "</section>")
	if end < 0 {
		t.Fatal("the appraisal section is not closed")
	}
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page[start:start+end], "")
	return strings.Join(strings.Fields(pageText(text)), " ")
}

// draftDecision stores a draft decision of the Văn phòng UBND tỉnh for
// 2025, to be issued by a test.
func draftDecision(t *testing.T, e *testEnv) int64 {
	t.Helper()
	id := issuedDecision(t, e, 0)
	if _, err := e.DB.SQL().Exec(`UPDATE decisions SET state = 'DRAFT', number = NULL, date = NULL, issued_at = NULL WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	return id
}

// writes counts what a GET must leave alone: the frozen documents (and
// their bytes) and the audit log.
func writes(t *testing.T, e *testEnv) string {
	t.Helper()
	var docs, size, audit int64
	if err := e.DB.SQL().QueryRow(`SELECT COUNT(*), COALESCE(SUM(LENGTH(issued) + COALESCE(LENGTH(signed), 0)), 0) FROM signed_documents`).Scan(&docs, &size); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SQL().QueryRow(`SELECT COUNT(*) FROM audit_log`).Scan(&audit); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d documents of %d bytes, %d audit entries", docs, size, audit)
}

// TestDecisionDocumentsFrozenOnIssue issues decisions through the page and
// the API, which freezes both documents at once, and has every GET of an
// issued decision (page, signatures, downloads) write nothing, whether its
// documents are frozen or not (a decision issued before freezing on issue).
func TestDecisionDocumentsFrozenOnIssue(t *testing.T) {
	key := make([]byte, 32)
	rand.Read(key)
	sealer, err := signing.ParseKey(base64.StdEncoding.EncodeToString(key))
	if err != nil {
		t.Fatal(err)
	}
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		cfg := envConfig()
		cfg.Decisions = reportDocs{}
		cfg.Signing = signatures.New(o.DB, pades.Engine{}, sealer, "")
		e := newEnv(t, o, cfg)
		officer := e.login(thidua.RoleOfficer)

		frozen := func(id int64) int {
			var n int
			if err := e.DB.SQL().QueryRow(`SELECT COUNT(*) FROM signed_documents WHERE decision_id = $1`, id).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		byPage, byAPI, legacy := draftDecision(t, e), draftDecision(t, e), issuedDecision(t, e, 73)
		if code, page := e.get(officer, fmt.Sprintf("/app/decisions/%d", byPage)); code != 200 || strings.Contains(page, `id="ky-so"`) || frozen(byPage) != 0 {
			t.Fatalf("draft page: %d, %d documents", code, frozen(byPage))
		}
		d, _ := e.DB.FindDecisionByID(sysCtx(), byPage)
		wantStatus(t, "issue", e.formDo(officer, fmt.Sprintf("/app/decisions/%d/issue", byPage), url.Values{"version": {strconv.Itoa(d.Version)}, "date": {"25/12/2025"}}, nil), 303)
		d, _ = e.DB.FindDecisionByID(sysCtx(), byAPI)
		if code, _, out := e.apiDo(thidua.RoleOfficer, "POST", fmt.Sprintf("/api/v1/decisions/%d/issue", byAPI), fmt.Sprintf(`{"date": "25/12/2025", "version": %d}`, d.Version)); code != 200 {
			t.Fatalf("API issue: %d %s", code, out)
		}
		for _, id := range []int64{byPage, byAPI} {
			if n := frozen(id); n != 2 {
				t.Errorf("decision %d issued with %d frozen documents, want 2", id, n)
			}
		}

		before := writes(t, e)
		for _, id := range []int64{byPage, byAPI, legacy} {
			dp := fmt.Sprintf("/app/decisions/%d", id)
			for _, c := range []struct {
				who  string
				get  func() (int, string)
				want string
			}{
				{"page", func() (int, string) { return e.get(officer, dp) }, "Chưa ký số"},
				{"decision.pdf", func() (int, string) { return e.get(officer, dp+"/decision.pdf") }, "%PDF"},
				{"certificates.pdf", func() (int, string) { return e.get(officer, dp+"/certificates.pdf") }, "%PDF"},
				{"API signatures", func() (int, string) {
					code, _, out := e.apiDo(thidua.RoleOfficer, "GET", fmt.Sprintf("/api/v1/decisions/%d/signatures", id), "")
					return code, out
				}, `"signed": false`},
			} {
				if code, body := c.get(); code != 200 || !strings.Contains(body, c.want) {
					t.Errorf("decision %d, %s: %d, want 200 with %q", id, c.who, code, c.want)
				}
			}
		}
		if after := writes(t, e); after != before {
			t.Errorf("GETs wrote: %s before, %s after", before, after)
		}
		if frozen(legacy) != 0 {
			t.Error("a GET froze the documents of a decision issued before freezing on issue")
		}

		// The download of a frozen document is its stored bytes.
		var issued []byte
		if err := e.DB.SQL().QueryRow(`SELECT issued FROM signed_documents WHERE decision_id = $1 AND kind = 'decision'`, byPage).Scan(&issued); err != nil {
			t.Fatal(err)
		}
		if _, pdf := e.get(officer, fmt.Sprintf("/app/decisions/%d/decision.pdf", byPage)); pdf != string(issued) {
			t.Error("the download of an issued decision is not its frozen file")
		}
	})
}
