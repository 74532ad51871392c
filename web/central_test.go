package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"thidua"
)

// This file checks the public comment on nominees before a proposal goes
// to the centre, and the central decision recorded when it comes back:
// through the API (every answer checked against the OpenAPI document), the
// portal's page and form, and the workspace page, on both databases. The
// clock is the test's: the portal page closes when the test moves it past
// the end date.

// centralProposal stores a submitted proposal of Phòng Kinh tế for
// Chiến sĩ thi đua toàn quốc and returns it with its nominee's person.
func centralProposal(t *testing.T, e *testEnv) (*thidua.Proposal, int64) {
	t.Helper()
	u, err := e.DB.FindUserByUsername(thidua.NewSystemContext(context.Background()), e.Accounts[thidua.RoleOfficer].Username)
	if err != nil {
		t.Fatal(err)
	}
	ctx := thidua.NewContextWithUser(context.Background(), u)
	people, _, err := e.DB.FindPeople(ctx, thidua.PersonFilter{Query: "Nguyễn Thị Hồng Nhung"})
	if err != nil || len(people) != 1 {
		t.Fatalf("person: %v", err)
	}
	p := &thidua.Proposal{UnitID: people[0].UnitID, Kind: thidua.AwardCongTrang, Year: 2025, Title: "Đề nghị tặng danh hiệu Chiến sĩ thi đua toàn quốc năm 2025"}
	if err := e.DB.CreateProposal(ctx, p); err != nil {
		t.Fatal(err)
	}
	ns := []*thidua.Nominee{{Subject: thidua.SubjectPerson, SubjectID: people[0].ID, Award: thidua.TitleCSTDTQ, Override: "Thành tích đặc biệt xuất sắc.",
		Report: thidua.AchievementReport{Achievements: "Chủ trì sáng kiến số hóa hồ sơ một cửa được áp dụng trên toàn quốc."}}}
	if err := e.DB.SetNominees(ctx, p.ID, p.Version, ns); err != nil {
		t.Fatal(err)
	}
	report := []byte("%PDF-1.4 báo cáo thành tích")
	if err := e.DB.Files().Put(ctx, "central-test-report", report); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.AddProposalFile(ctx, &thidua.ProposalFile{ProposalID: p.ID, Subject: thidua.SubjectPerson, SubjectID: people[0].ID, Kind: "BAO_CAO",
		Name: "Báo cáo thành tích.pdf", ContentType: "application/pdf", Size: int64(len(report)), Key: "central-test-report"}); err != nil {
		t.Fatal(err)
	}
	p, _ = e.DB.FindProposalByID(ctx, p.ID)
	if err := e.DB.SubmitProposal(ctx, p.ID, p.Version); err != nil {
		t.Fatal(err)
	}
	p, _ = e.DB.FindProposalByID(ctx, p.ID)
	return p, people[0].ID
}

var tokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)

func TestPublicCommentWindow(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		// Today as the test's clock (cookies expire by the real one).
		now := time.Now().UTC().Truncate(time.Second)
		clock := func() time.Time { return now }
		today := thidua.DateOf(now)
		starts, ends := today.String(), thidua.DateOf(now.AddDate(0, 0, 14)).String()
		e.DB.Now, e.Server.Now = clock, clock
		p, _ := centralProposal(t, e)
		doc := oaFetch(t, e)
		officer, staff := acAs(t, e, doc, thidua.RoleOfficer), acAs(t, e, doc, thidua.RoleStaff)
		base := fmt.Sprintf("/api/v1/proposals/%d", p.ID)

		if code, _, _ := officer.do("GET", base+"/public-comment", nil); code != http.StatusNotFound {
			t.Errorf("window before opening: %d", code)
		}
		if code, _, body := officer.do("PUT", base+"/public-comment", `{"starts":"10/12/2026","ends":"05/12/2026","version":0}`); code != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "Ngày kết thúc phải từ ngày bắt đầu trở đi") {
			t.Errorf("bad dates: %d %s", code, body)
		}
		if code, _, _ := staff.do("PUT", base+"/public-comment", `{"starts":"`+starts+`","ends":"`+ends+`","version":0}`); code != http.StatusForbidden {
			t.Errorf("staff opens a window: %d", code)
		}
		code, _, body := officer.do("PUT", base+"/public-comment", `{"starts":"`+starts+`","ends":"`+ends+`","version":0}`)
		if code != http.StatusOK {
			t.Fatalf("open window: %d %s", code, body)
		}

		// The portal lists it and serves its form, never cached.
		anon := e.client()
		if code, body := e.get(anon, "/y-kien"); code != http.StatusOK || !strings.Contains(body, fmt.Sprintf(`href="/y-kien/%d"`, p.ID)) {
			t.Fatalf("list: %d", code)
		}
		page := fmt.Sprintf("/y-kien/%d", p.ID)
		resp, err := anon.Get(e.HTTP.URL + page)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("Cache-Control %q, want no-store", cc)
		}
		code, body = e.get(anon, page)
		if code != http.StatusOK || !strings.Contains(body, "Nguyễn Thị Hồng Nhung") || !strings.Contains(body, "số hóa hồ sơ một cửa") {
			t.Fatalf("page: %d", code)
		}
		m := tokenRE.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no form token")
		}
		nominee := fmt.Sprint(p.Nominees[0].ID)
		form := url.Values{"token": {m[1]}, "website": {""}, "nominee_id": {nominee}, "name": {"Trần Văn Bình"},
			"contact": {"0912 345 678"}, "text": {"Tôi xác nhận sáng kiến đã được áp dụng tại phường tôi."}}
		// At once: too fast; the form comes back as typed.
		resp, body = e.postForm(anon, page, form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "gửi quá nhanh") || !strings.Contains(body, "sáng kiến đã được áp dụng tại phường tôi") {
			t.Errorf("too fast: %d", resp.StatusCode)
		}
		now = now.Add(10 * time.Second)
		bot := url.Values{}
		for k, v := range form {
			bot[k] = v
		}
		bot.Set("website", "http://spam.example")
		if resp, _ := e.postForm(anon, page, bot); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("honeypot: %d", resp.StatusCode)
		}
		short := url.Values{}
		for k, v := range form {
			short[k] = v
		}
		short.Set("name", "")
		if resp, body := e.postForm(anon, page, short); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Họ và tên") {
			t.Errorf("no name: %d", resp.StatusCode)
		}
		resp, _ = e.postForm(anon, page, form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("comment: %d", resp.StatusCode)
		}

		// The officer sees it, held, and approves it.
		code, _, body = officer.do("GET", base+"/public-comments", nil)
		var list struct {
			Items []struct {
				ID          int64
				State       string
				NomineeName string `json:"nominee_name"`
			}
			Total int
		}
		if code != http.StatusOK || json.Unmarshal([]byte(body), &list) != nil || list.Total != 1 || list.Items[0].State != "PENDING" {
			t.Fatalf("comments: %d %s", code, body)
		}
		if code, _, _ := staff.do("GET", base+"/public-comments", nil); code != http.StatusForbidden {
			t.Errorf("staff reads comments: %d", code)
		}
		cid := list.Items[0].ID
		if code, _, body := officer.do("POST", fmt.Sprintf("/api/v1/public-comments/%d/moderation", cid), `{"state":"REJECTED"}`); code != http.StatusUnprocessableEntity ||
			!strings.Contains(body, "lý do") {
			t.Errorf("reject without reason: %d %s", code, body)
		}
		if code, _, body := officer.do("POST", fmt.Sprintf("/api/v1/public-comments/%d/moderation", cid), `{"state":"APPROVED"}`); code != http.StatusOK {
			t.Fatalf("approve: %d %s", code, body)
		}
		code, _, body = officer.do("GET", base+"/public-comment", nil)
		if code != http.StatusOK || !strings.Contains(body, "Đã công khai từ "+starts+" đến "+ends+", nhận được 1 ý kiến.") {
			t.Errorf("summary: %d %s", code, body)
		}
		ws := e.login(thidua.RoleOfficer)
		if code, body := e.get(ws, fmt.Sprintf("/app/proposals/%d/central", p.ID)); code != http.StatusOK ||
			!strings.Contains(body, "Tôi xác nhận sáng kiến") || !strings.Contains(body, "nhận được 1 ý kiến") {
			t.Errorf("workspace page: %d", code)
		}

		// The dossier: one ZIP, the manifest last, each file's hash checked.
		checkDossier(t, e, ws, p.ID, "Đã công khai từ "+starts+" đến "+ends+", nhận được 1 ý kiến.")
		if code, hdr, _ := e.apiDo(thidua.RoleOfficer, "GET", fmt.Sprintf("/api/v1/proposals/%d/central-dossier", p.ID), ""); code != http.StatusOK ||
			hdr.Get("Content-Type") != "application/zip" {
			t.Errorf("API dossier: %d %s", code, hdr.Get("Content-Type"))
		}
		if code, _, _ := e.apiDo(thidua.RoleStaff, "GET", fmt.Sprintf("/api/v1/proposals/%d/central-dossier", p.ID), ""); code == http.StatusOK {
			t.Errorf("staff downloads the dossier through the API")
		}
		if code, _ := e.get(e.login(thidua.RoleStaff), fmt.Sprintf("/app/proposals/%d/central-dossier.zip", p.ID)); code == http.StatusOK {
			t.Errorf("staff downloads the dossier")
		}

		// After the end date the page closes by itself.
		now = now.AddDate(0, 0, 15)
		code, body = e.get(anon, page)
		if code != http.StatusOK || !strings.Contains(body, "Đã hết thời hạn lấy ý kiến") || strings.Contains(body, `name="token"`) || strings.Contains(body, "số hóa hồ sơ") {
			t.Errorf("closed page: %d", code)
		}
		form.Set("token", m[1])
		if resp, body := e.postForm(anon, page, form); resp.StatusCode == http.StatusSeeOther || strings.Contains(body, `name="token"`) {
			t.Errorf("comment after the end: %d", resp.StatusCode)
		}
		if _, body := e.get(anon, "/y-kien"); strings.Contains(body, fmt.Sprintf(`href="/y-kien/%d"`, p.ID)) {
			t.Errorf("closed window still listed")
		}
	})
}

func TestCentralDecisionAPI(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		p, personID := centralProposal(t, e)
		doc := oaFetch(t, e)
		officer := acAs(t, e, doc, thidua.RoleOfficer)
		base := fmt.Sprintf("/api/v1/proposals/%d/central-decisions", p.ID)
		nid := p.Nominees[0].ID
		for name, body := range map[string]string{
			"bad number":      fmt.Sprintf(`{"number":"12 TTg","date":"20/11/2026","authority":"TTG","nominee_ids":[%d]}`, nid),
			"wrong authority": fmt.Sprintf(`{"number":"12/QĐ-CTN","date":"20/11/2026","authority":"CTN","nominee_ids":[%d]}`, nid),
			"future":          fmt.Sprintf(`{"number":"12/QĐ-TTg","date":"20/11/2099","authority":"TTG","nominee_ids":[%d]}`, nid),
		} {
			if code, _, resp := officer.do("POST", base, body); code != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d %s", name, code, resp)
			}
		}
		code, _, body := officer.do("POST", base, fmt.Sprintf(`{"number":"1234/QĐ-TTg","date":"20/11/2026","authority":"TTG","nominee_ids":[%d]}`, nid))
		if code != http.StatusCreated {
			t.Fatalf("record: %d %s", code, body)
		}
		if code, _, body := officer.do("GET", base, nil); code != http.StatusOK || !strings.Contains(body, "1234/QĐ-TTg") {
			t.Errorf("list: %d %s", code, body)
		}
		code, _, body = e.apiDo(thidua.RoleOfficer, "GET", fmt.Sprintf("/api/v1/people/%d/history", personID), "")
		if code != http.StatusOK || !strings.Contains(body, `1234/QĐ-TTg`) {
			t.Errorf("history: %d %s", code, body)
		}
		code, _, body = e.apiDo(thidua.RoleOfficer, "GET", fmt.Sprintf("/api/v1/proposals/%d", p.ID), "")
		if code != http.StatusOK || !strings.Contains(body, `"DECIDED"`) {
			t.Errorf("proposal: %d %.200s", code, body)
		}
		// The page form gives back what was typed when refused.
		ws := e.login(thidua.RoleOfficer)
		resp, page := e.postForm(ws, fmt.Sprintf("/app/proposals/%d/central-decisions", p.ID), url.Values{"number": {"99/QĐ-TTg"},
			"date": {"31/02/2026"}, "authority": {"TTG"}, "nominee_ids": {fmt.Sprint(nid)}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `value="99/QĐ-TTg"`) || !strings.Contains(page, "Ngày không hợp lệ") {
			t.Errorf("refused form: %d", resp.StatusCode)
		}
	})
}

// checkDossier downloads a proposal's dossier and checks its manifest
// against the files of the archive.
func checkDossier(t *testing.T, e *testEnv, c *http.Client, id int64, summary string) {
	t.Helper()
	resp, err := c.Get(e.HTTP.URL + fmt.Sprintf("/app/proposals/%d/central-dossier.zip", id))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("dossier: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	sums := map[string]string{}
	var manifest struct {
		ProposalID    int64  `json:"proposal_id"`
		PublicComment string `json:"public_comment"`
		Files         []struct {
			Name, Kind, SHA256 string
			Size               int64
		}
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == "manifest.json" {
			if err := json.Unmarshal(b, &manifest); err != nil {
				t.Fatal(err)
			}
			continue
		}
		h := sha256.Sum256(b)
		sums[f.Name] = hex.EncodeToString(h[:]) + fmt.Sprint(len(b))
	}
	if zr.File[len(zr.File)-1].Name != "manifest.json" {
		t.Errorf("manifest is not last")
	}
	if manifest.ProposalID != id || manifest.PublicComment != summary {
		t.Errorf("manifest %+v", manifest)
	}
	kinds := map[string]bool{}
	for _, f := range manifest.Files {
		kinds[f.Kind] = true
		if sums[f.Name] != f.SHA256+fmt.Sprint(f.Size) {
			t.Errorf("%s: manifest hash or size differs from the file", f.Name)
		}
	}
	for _, k := range []string{"to_trinh", "danh_sach", "cong_khai", "ho_so", "bao_cao"} {
		if !kinds[k] {
			t.Errorf("dossier lacks a %s file: %v", k, kinds)
		}
	}
	if len(manifest.Files) != len(sums) {
		t.Errorf("manifest lists %d files, archive holds %d", len(manifest.Files), len(sums))
	}
}
