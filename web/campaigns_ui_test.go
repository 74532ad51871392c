package web_test

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"thidua"
	"thidua/demo"
	"thidua/filestore"
	"thidua/report"
	"thidua/web"
)

// This file walks the campaign workspace through its HTML pages as the
// demo roles use it: a campaign created through the form, its criteria,
// launched, registered for by a unit head, reviewed, reported on with
// uploaded files, scored by the participant, the unit head and the council,
// and the demo campaign's ranking, reports, copy and deletion.

// cuiMaxUpload is the attachment size limit of the campaign test server.
const cuiMaxUpload = 1 << 10

// newCampaignEnv is newSQLiteEnv with attachments kept in a folder (returned)
// and a small upload limit, so that refused uploads can be checked for
// orphan files.
func newCampaignEnv(t *testing.T) (*testEnv, string) {
	t.Helper()
	root := t.TempDir()
	files, err := filestore.NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	return newSQLiteEnv(t, web.Config{Reports: report.Reporter{}, Place: "Hà Nội", Files: files, MaxUpload: cuiMaxUpload}), root
}

// cuiFollow fetches the page a redirect points to, with the same client
// (which shows and clears the flash message).
func (e *testEnv) cuiFollow(c *http.Client, res reqResult) (int, string) {
	e.t.Helper()
	loc := res.Header.Get("Location")
	if loc == "" {
		e.t.Fatalf("no redirect to follow (status %d)", res.Status)
	}
	return e.get(c, loc)
}

// cuiFlash returns the flash message of a page, or "".
func cuiFlash(body string) string {
	m := regexp.MustCompile(`<p class="flash" role="status">([^<]*)</p>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// cuiFile is a file to upload.
type cuiFile struct {
	name string
	data []byte
}

// cuiMultipart posts a multipart form with files under "files", as the
// evidence form does.
func (e *testEnv) cuiMultipart(c *http.Client, path string, fields url.Values, files []cuiFile) reqResult {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		w, err := mw.CreateFormFile("files", f.name)
		if err != nil {
			e.t.Fatal(err)
		}
		w.Write(f.data)
	}
	mw.Close()
	return e.rawDo(c, http.MethodPost, path, buf.String(), http.Header{"Content-Type": {mw.FormDataContentType()}})
}

// cuiPDF returns a small, well-formed one-page PDF (with a correct xref table).
func cuiPDF(text string) []byte {
	content := "BT /F1 12 Tf 20 50 Td (" + text + ") Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// cuiPNG returns a small PNG image.
func cuiPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for x := range 8 {
		for y := range 8 {
			img.Set(x, y, color.RGBA{uint8(30 * x), uint8(30 * y), 200, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cuiStoredFiles counts the files in the attachment folder.
func cuiStoredFiles(t *testing.T, root string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (e *testEnv) cuiCampaignCount() int {
	e.t.Helper()
	_, n, err := e.DB.FindCampaigns(sysCtx(), thidua.CampaignFilter{Limit: 1})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func (e *testEnv) cuiCampaign(id int64) *thidua.Campaign {
	e.t.Helper()
	c, err := e.DB.FindCampaignByID(sysCtx(), id)
	if err != nil {
		e.t.Fatalf("campaign %d: %v", id, err)
	}
	return c
}

func (e *testEnv) cuiCriteria(id int64) []*thidua.Criterion {
	e.t.Helper()
	cs, err := e.DB.FindCriteria(sysCtx(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	return cs
}

// cuiRegistrations returns the registrations of a campaign by participant name.
func (e *testEnv) cuiRegistrations(id int64) map[string]*thidua.Registration {
	e.t.Helper()
	regs, err := e.DB.FindRegistrations(sysCtx(), id)
	if err != nil {
		e.t.Fatal(err)
	}
	m := map[string]*thidua.Registration{}
	for _, r := range regs {
		m[r.Name] = r
	}
	return m
}

func (e *testEnv) cuiEvidence(regID int64) []*thidua.Evidence {
	e.t.Helper()
	evs, err := e.DB.FindEvidence(sysCtx(), regID)
	if err != nil {
		e.t.Fatal(err)
	}
	return evs
}

// cuiScores returns the scores of a registration.
func (e *testEnv) cuiScores(campaignID, regID int64) []thidua.Score {
	e.t.Helper()
	all, err := e.DB.FindScores(sysCtx(), campaignID)
	if err != nil {
		e.t.Fatal(err)
	}
	var out []thidua.Score
	for _, s := range all {
		if s.RegistrationID == regID {
			out = append(out, s)
		}
	}
	return out
}

// cuiTransition posts a state-machine action from the campaign overview,
// with the version the overview's form holds, and returns the result.
func (e *testEnv) cuiTransition(c *http.Client, id int64, action string) reqResult {
	e.t.Helper()
	path := "/app/campaigns/" + uiID(id)
	code, body := e.get(c, path)
	if code != http.StatusOK {
		e.t.Fatalf("GET %s: %d", path, code)
	}
	if !strings.Contains(body, `<input type="hidden" name="action" value="`+action+`">`) {
		e.t.Fatalf("the overview offers no %q button", action)
	}
	return e.formDo(c, path+"/transition", url.Values{"action": {action}, "version": {formVersion(e.t, body)}}, nil)
}

// cuiCriteriaForm is the criteria editor's form for rows of
// {id, code, title, applies_to, max_score, weight}.
func cuiCriteriaForm(version int, rows ...[6]string) url.Values {
	v := url.Values{"version": {strconv.Itoa(version)}}
	for _, r := range rows {
		v.Add("id", r[0])
		v.Add("code", r[1])
		v.Add("title", r[2])
		v.Add("description", "")
		v.Add("applies_to", r[3])
		v.Add("max_score", r[4])
		v.Add("weight", r[5])
		v.Add("evidence", "")
	}
	// A spare row left empty, as the page sends it.
	for _, k := range []string{"id", "code", "title", "description", "max_score", "weight", "evidence"} {
		v.Add(k, "")
	}
	v.Add("applies_to", thidua.ForBoth)
	return v
}

// cuiScoreError asserts that the score input of kind for criterion is
// marked invalid and followed, inside its form, by msg.
func cuiScoreError(t *testing.T, body, kind string, criterion int64, msg string) {
	t.Helper()
	id := "s-" + kind + "-" + uiID(criterion)
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		t.Fatalf("no score field %s on the page", id)
	}
	start := strings.LastIndex(body[:i], "<")
	tag := body[start : i+strings.Index(body[i:], ">")+1]
	if !strings.Contains(tag, `aria-invalid="true"`) || !strings.Contains(tag, `aria-describedby="e-`+id+`"`) {
		t.Errorf("score field %s is not marked invalid: %s", id, tag)
	}
	rest := body[i:]
	rest = rest[:strings.Index(rest, "</form>")]
	if want := `<p class="field-error" id="e-` + id + `">` + msg + `</p>`; !strings.Contains(rest, want) {
		t.Errorf("score field %s: want %q next to it, got %q", id, want, rest)
	}
}

// cuiRankingRows returns "rank|name|total" for the rows of the table of kind
// ("Tập thể" or "Cá nhân") on the ranking page.
func cuiRankingRows(t *testing.T, body, title string) []string {
	t.Helper()
	i := strings.Index(body, "<h2>"+title+"</h2>")
	if i < 0 {
		t.Fatalf("no %s table on the ranking page", title)
	}
	table := body[i:]
	table = table[:strings.Index(table, "</table>")]
	rowRE := regexp.MustCompile(`(?s)<tr>\s*<td>(\d+)( <span class="tag">đồng hạng</span>)?</td>\s*<td><a href="/app/registrations/\d+">([^<]+)</a>.*?<td class="num"><strong>([^<]+)</strong></td>`)
	var out []string
	for _, m := range rowRE.FindAllStringSubmatch(table, -1) {
		tie := ""
		if m[2] != "" {
			tie = " đồng hạng"
		}
		out = append(out, m[1]+tie+"|"+html.UnescapeString(m[3])+"|"+m[4])
	}
	return out
}

func TestCampaignUI(t *testing.T) {
	t.Parallel()
	e, filesRoot := newCampaignEnv(t)
	officer := e.login(thidua.RoleOfficer)
	head := e.login(thidua.RoleUnitHead)
	council := e.login(thidua.RoleCouncil)
	staff := e.login(thidua.RoleStaff)
	admin := e.login(thidua.RoleAdmin)

	vp := e.unitByName("Văn phòng UBND tỉnh")
	hctc := e.unitByName("Phòng Hành chính – Tổ chức")
	demoCampaigns, _, err := e.DB.FindCampaigns(sysCtx(), thidua.CampaignFilter{Query: demo.CampaignPlan})
	if err != nil || len(demoCampaigns) != 1 {
		t.Fatalf("the demo campaign: %d found, %v", len(demoCampaigns), err)
	}
	demoC := demoCampaigns[0]

	// ---- create through the form
	var id int64
	t.Run("create", func(t *testing.T) {
		code, body := e.get(officer, "/app/campaigns/new")
		if code != http.StatusOK {
			t.Fatalf("GET /app/campaigns/new: %d", code)
		}
		form := submittedForm(t, body, "/app/campaigns")
		form.Set("title", "Đợt thi đua chào mừng kỷ niệm 80 năm Ngày Quốc khánh 02/9")
		form.Set("objectives", "Phát huy tinh thần yêu nước, thi đua hoàn thành xuất sắc nhiệm vụ năm 2026.")
		form.Set("unit_id", uiID(vp.ID))
		form.Set("plan", "248/KH-VPUBND")
		form.Set("plan_date", "02/01/2026")
		form.Set("signer", "Trần Quốc Bình")
		form.Set("signer_post", "Chánh Văn phòng")
		form.Set("start_date", "05/01/2026")
		form.Set("end_date", "30/11/2026")
		form["award_code"] = []string{"GK", ""}
		form["award_label"] = []string{"Giấy khen của Chánh Văn phòng UBND tỉnh", ""}
		form["award_max_collectives"] = []string{"2", ""}
		form["award_max_individuals"] = []string{"5", ""}
		if form.Get("exclude_conflicts") != "on" || form.Get("participants") != thidua.ForBoth {
			t.Errorf("the new-campaign form's defaults: exclude_conflicts %q, participants %q", form.Get("exclude_conflicts"), form.Get("participants"))
		}
		n := e.cuiCampaignCount()

		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("plan", "248-KH")
		res := e.formDo(officer, "/app/campaigns", bad, nil)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("plan 248-KH: %d, want 422", res.Status)
		}
		_, perr := thidua.ParseDocRef("248-KH")
		checkFieldError(t, res.Body, "plan", html.EscapeString(thidua.ErrorMessage(perr)))
		if !strings.Contains(res.Body, "ví dụ đúng: 248/KH-VPUBND.") || !strings.Contains(res.Body, `value="248-KH"`) ||
			!strings.Contains(res.Body, "kỷ niệm 80 năm Ngày Quốc khánh") {
			t.Error("the plan error or the submitted values are not on the page")
		}

		bad.Set("plan", "248/KH-VPUBND")
		bad.Set("end_date", "04/01/2026")
		res = e.formDo(officer, "/app/campaigns", bad, nil)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("end before start: %d, want 422", res.Status)
		}
		checkFieldError(t, res.Body, "end_date", "Ngày kết thúc phải sau ngày bắt đầu.")
		if tag, _ := fieldHTML(t, res.Body, "plan"); strings.Contains(tag, "aria-invalid") {
			t.Error("the valid plan is marked invalid")
		}
		if got := e.cuiCampaignCount(); got != n {
			t.Fatalf("refused forms created campaigns: %d, want %d", got, n)
		}

		res = e.formDo(officer, "/app/campaigns", form, nil)
		m := regexp.MustCompile(`^/app/campaigns/(\d+)/criteria$`).FindStringSubmatch(res.Header.Get("Location"))
		if res.Status != http.StatusSeeOther || m == nil {
			t.Fatalf("create: %d to %q (body %.500s)", res.Status, res.Header.Get("Location"), res.Body)
		}
		id, _ = strconv.ParseInt(m[1], 10, 64)
		if _, body := e.cuiFollow(officer, res); !strings.Contains(cuiFlash(body), "Đã tạo đợt thi đua (dự thảo)") {
			t.Errorf("flash after create: %q", cuiFlash(body))
		}
		c := e.cuiCampaign(id)
		if c.State != thidua.CampaignDraft || c.Plan.String() != "248/KH-VPUBND" || c.PlanDate != thidua.NewDate(2026, 1, 2) ||
			c.StartDate != thidua.NewDate(2026, 1, 5) || c.EndDate != thidua.NewDate(2026, 11, 30) || !c.ExcludeConflicts ||
			c.UnitID != vp.ID || c.ScopeUnitID != vp.ID || len(c.Awards) != 1 || c.Awards[0].MaxIndividuals != 5 {
			t.Errorf("stored campaign %+v", c)
		}
		if e.cuiCampaignCount() != n+1 {
			t.Error("the campaign count did not grow by one")
		}
	})
	if id == 0 {
		t.Fatal("no campaign to go on with")
	}
	path := "/app/campaigns/" + uiID(id)

	// ---- criteria editor
	var crit []*thidua.Criterion
	t.Run("criteria", func(t *testing.T) {
		code, body := e.get(officer, path+"/criteria")
		if code != http.StatusOK || !strings.Contains(body, `<form method="post" action="`+path+`/criteria"`) {
			t.Fatalf("GET criteria: %d, no editor", code)
		}
		version := e.cuiCampaign(id).Version
		rows := [][6]string{
			{"", "tc1", "Hoàn thành xuất sắc nhiệm vụ chuyên môn được giao", thidua.ForBoth, "30", "1"},
			{"", "TC2", "Tham gia hoạt động văn hóa, văn nghệ, thể dục thể thao", thidua.ForBoth, "7,5", ""},
			{"", "TC3", "Có sáng kiến, giải pháp cải tiến được công nhận", thidua.ForIndividuals, "20", "1,5"},
		}
		res := e.formDo(officer, path+"/criteria", cuiCriteriaForm(version, rows...), nil)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != path+"/criteria" {
			t.Fatalf("save criteria: %d to %q (body %.500s)", res.Status, res.Header.Get("Location"), res.Body)
		}
		if _, body := e.cuiFollow(officer, res); cuiFlash(body) != "Đã lưu 3 nội dung, tiêu chí thi đua." {
			t.Errorf("flash %q", cuiFlash(body))
		}
		crit = e.cuiCriteria(id)
		if len(crit) != 3 || crit[0].Code != "TC1" || crit[0].MaxScore != 30 || crit[1].MaxScore != 7.5 || crit[1].Weight != 1 ||
			crit[2].Weight != 1.5 || crit[2].AppliesTo != thidua.ForIndividuals || crit[2].Position != 3 {
			for _, c := range crit {
				t.Logf("%+v", c)
			}
			t.Fatal("stored criteria differ from the form")
		}

		// Duplicate codes: every duplicate row says so, in its own box, and nothing changes.
		version = e.cuiCampaign(id).Version
		dup := cuiCriteriaForm(version,
			[6]string{uiID(crit[0].ID), "TC1", crit[0].Title, thidua.ForBoth, "30", "1"},
			[6]string{uiID(crit[1].ID), "TC1", "Tên đổi mà không được lưu", thidua.ForBoth, "7,5", "1"},
			[6]string{uiID(crit[2].ID), "tc1", crit[2].Title, thidua.ForIndividuals, "20", "1,5"})
		res = e.formDo(officer, path+"/criteria", dup, nil)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("duplicate codes: %d, want 422", res.Status)
		}
		boxes := strings.Split(res.Body, `<fieldset class="criterion">`)[1:]
		if len(boxes) < 3 {
			t.Fatalf("%d criterion boxes on the refused page", len(boxes))
		}
		if strings.Contains(boxes[0], "field-error") {
			t.Error("the first TC1 row shows an error")
		}
		for i, want := range map[int]string{1: "Tiêu chí 2: mã TC1 bị trùng.", 2: "Tiêu chí 3: mã TC1 bị trùng."} {
			if !strings.Contains(boxes[i], `<p class="field-error" id="e-c-code-`+strconv.Itoa(i)+`">`+want+`</p>`) {
				t.Errorf("row %d lacks %q", i+1, want)
			}
		}
		if !strings.Contains(res.Body, `value="Tên đổi mà không được lưu"`) {
			t.Error("the refused rows are not kept in the editor")
		}
		after := e.cuiCriteria(id)
		if len(after) != 3 || after[1].Title != crit[1].Title || after[1].Code != "TC2" || after[2].Code != "TC3" ||
			e.cuiCampaign(id).Version != version {
			t.Error("refused criteria changed the campaign")
		}
	})
	if len(crit) != 3 {
		t.Fatal("no criteria to go on with")
	}

	// ---- launch; a stale second tab; criteria stay editable until the first registration
	t.Run("launch", func(t *testing.T) {
		old := e.cuiCampaign(id).Version
		res := e.cuiTransition(officer, id, "launch")
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != path {
			t.Fatalf("launch: %d to %q (body %.300s)", res.Status, res.Header.Get("Location"), res.Body)
		}
		if _, body := e.cuiFollow(officer, res); cuiFlash(body) != "Đợt thi đua chuyển sang trạng thái “Đã phát động”." {
			t.Errorf("flash %q", cuiFlash(body))
		}
		// A second tab still holds the overview from before the launch.
		res = e.formDo(officer, path+"/transition", url.Values{"action": {"start"}, "version": {strconv.Itoa(old)}}, nil)
		if res.Status != http.StatusConflict ||
			!strings.Contains(res.Body, `<p class="error-summary" role="alert">Dữ liệu đã được người khác thay đổi, vui lòng tải lại.</p>`) {
			t.Errorf("transition with a stale version: %d, want 409 with the Vietnamese message (body %.300s)", res.Status, res.Body)
		}
		if c := e.cuiCampaign(id); c.State != thidua.CampaignLaunched {
			t.Fatalf("state %s after launch and a stale start", c.State)
		}

		code, body := e.get(officer, path+"/criteria")
		if code != http.StatusOK || !strings.Contains(body, `<form method="post" action="`+path+`/criteria"`) || strings.Contains(body, "đã được khóa") {
			t.Fatalf("criteria of a launched campaign without registrations: %d, the editor is gone", code)
		}
		form := cuiCriteriaForm(e.cuiCampaign(id).Version,
			[6]string{uiID(crit[0].ID), "TC1", crit[0].Title, thidua.ForBoth, "30", "1"},
			[6]string{uiID(crit[1].ID), "TC2", crit[1].Title + " của cơ quan", thidua.ForBoth, "7,5", "1"},
			[6]string{uiID(crit[2].ID), "TC3", crit[2].Title, thidua.ForIndividuals, "20", "1,5"})
		if res := e.formDo(officer, path+"/criteria", form, nil); res.Status != http.StatusSeeOther {
			t.Fatalf("edit criteria after launch: %d (body %.300s)", res.Status, res.Body)
		}
		after := e.cuiCriteria(id)
		if len(after) != 3 || after[1].ID != crit[1].ID || !strings.HasSuffix(after[1].Title, " của cơ quan") {
			t.Errorf("criteria after the edit: %+v", after[1])
		}
		crit = after
	})

	// ---- registrations
	people := map[string]*thidua.Person{}
	for _, n := range []string{"Hồ Văn Lực", "Dương Thị Mai", "Ngô Minh Tâm", "Phan Tuấn Anh"} {
		people[n] = e.personByName(n)
	}
	var regs map[string]*thidua.Registration
	t.Run("register", func(t *testing.T) {
		code, body := e.get(head, path+"/registrations")
		if code != http.StatusOK || !strings.Contains(body, `id="register"`) {
			t.Fatalf("the unit head's registrations page: %d, no form", code)
		}
		if !strings.Contains(body, `id="u-`+uiID(hctc.ID)+`"`) || !strings.Contains(body, `id="p-`+uiID(people["Hồ Văn Lực"].ID)+`"`) ||
			strings.Contains(body, `id="p-`+uiID(people["Phan Tuấn Anh"].ID)+`"`) || strings.Contains(body, `id="u-`+uiID(vp.ID)+`"`) {
			t.Error("the unit head is offered the wrong units or people")
		}
		// The people are a bounded page of a search by name, accents
		// optional, in the same scope.
		_, body = e.get(head, path+"/registrations?q=ho+van+luc")
		if !strings.Contains(body, `id="p-`+uiID(people["Hồ Văn Lực"].ID)+`"`) || strings.Contains(body, `id="p-`+uiID(people["Dương Thị Mai"].ID)+`"`) ||
			!strings.Contains(body, `1 người khớp “ho van luc”`) {
			t.Error("?q=ho+van+luc does not find only Hồ Văn Lực")
		}
		if _, body = e.get(head, path+"/registrations?q=phan+tuan+anh"); strings.Contains(body, `id="p-`+uiID(people["Phan Tuấn Anh"].ID)+`"`) {
			t.Error("the search finds someone outside the unit head's scope")
		}
		res := e.formDo(head, path+"/registrations", url.Values{
			"unit":         {uiID(hctc.ID)},
			"person":       {uiID(people["Hồ Văn Lực"].ID), uiID(people["Dương Thị Mai"].ID)},
			"target_title": {"Giấy khen của Chánh Văn phòng UBND tỉnh"},
			"commit_TC1":   {"Hoàn thành 100% nhiệm vụ được giao đúng tiến độ."},
		}, nil)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != path+"/registrations" {
			t.Fatalf("bulk registration: %d (body %.500s)", res.Status, res.Body)
		}
		if _, body := e.cuiFollow(head, res); !strings.HasPrefix(cuiFlash(body), "Đã đăng ký 3 tập thể, cá nhân.") {
			t.Errorf("flash %q", cuiFlash(body))
		}
		regs = e.cuiRegistrations(id)
		if len(regs) != 3 || regs[hctc.Name] == nil || regs["Hồ Văn Lực"] == nil || regs["Dương Thị Mai"] == nil {
			t.Fatalf("registrations %v", regs)
		}
		if r := regs["Hồ Văn Lực"]; r.State != thidua.RegSubmitted || r.UnitID != hctc.ID || r.Commitments["TC1"] == "" ||
			r.TargetTitle != "Giấy khen của Chánh Văn phòng UBND tỉnh" {
			t.Errorf("stored registration %+v", r)
		}

		// Someone of another department, with someone of his own: refused, all or nothing.
		res = e.formDo(head, path+"/registrations", url.Values{
			"person": {uiID(people["Ngô Minh Tâm"].ID), uiID(people["Phan Tuấn Anh"].ID)},
		}, nil)
		if res.Status != http.StatusForbidden {
			t.Errorf("registering Phan Tuấn Anh of Phòng Tổng hợp: %d, want 403", res.Status)
		}
		if got := e.cuiRegistrations(id); len(got) != 3 {
			t.Errorf("a refused registration stored something: %d registrations", len(got))
		}
	})
	if len(regs) != 3 {
		t.Fatal("no registrations to go on with")
	}

	t.Run("criteria frozen", func(t *testing.T) {
		code, body := e.get(officer, path+"/criteria")
		if code != http.StatusOK || strings.Contains(body, `action="`+path+`/criteria"`) ||
			!strings.Contains(body, "Tiêu chí đã được khóa vì đợt thi đua đã có đăng ký hoặc đã tổng kết.") {
			t.Errorf("criteria page after the first registration: %d, still editable or no notice", code)
		}
		version := e.cuiCampaign(id).Version
		form := cuiCriteriaForm(version,
			[6]string{uiID(crit[0].ID), "TC1", "Tiêu chí sửa sau khi đã có đăng ký", thidua.ForBoth, "50", "1"})
		res := e.formDo(officer, path+"/criteria", form, nil)
		if res.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(res.Body, "Không thể sửa tiêu chí: đợt thi đua đã có 3 đăng ký hoặc đã tổng kết.") {
			t.Errorf("POST criteria after registrations: %d, want 422 with the Vietnamese message", res.Status)
		}
		if strings.Contains(res.Body, "Tiêu chí sửa sau khi đã có đăng ký") || !strings.Contains(res.Body, html.EscapeString(crit[2].Title)) {
			t.Error("the refused page shows the refused criteria instead of the stored ones")
		}
		after := e.cuiCriteria(id)
		if len(after) != 3 || after[0].Title != crit[0].Title || after[0].MaxScore != 30 || e.cuiCampaign(id).Version != version {
			t.Error("frozen criteria changed")
		}
	})

	t.Run("review", func(t *testing.T) {
		for _, name := range []string{hctc.Name, "Hồ Văn Lực"} {
			r := regs[name]
			res := e.formDo(officer, "/app/registrations/"+uiID(r.ID)+"/review", url.Values{"decision": {"approve"}, "version": {strconv.Itoa(r.Version)}}, nil)
			if res.Status != http.StatusSeeOther {
				t.Fatalf("approve %s: %d", name, res.Status)
			}
			if _, body := e.cuiFollow(officer, res); cuiFlash(body) != "Đã duyệt đăng ký của “"+name+"”." {
				t.Errorf("flash %q", cuiFlash(body))
			}
		}
		mai := regs["Dương Thị Mai"]
		review := "/app/registrations/" + uiID(mai.ID) + "/review"
		res := e.formDo(officer, review, url.Values{"decision": {"return"}, "reason": {"  "}, "version": {strconv.Itoa(mai.Version)}}, nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("return without a reason: %d", res.Status)
		}
		if _, body := e.cuiFollow(officer, res); cuiFlash(body) != "Chưa xử lý được đăng ký của “Dương Thị Mai”: Vui lòng nêu lý do trả lại." {
			t.Errorf("flash after a return without a reason: %q", cuiFlash(body))
		}
		if r := e.cuiRegistrations(id)["Dương Thị Mai"]; r.State != thidua.RegSubmitted {
			t.Errorf("returned without a reason: state %s", r.State)
		}
		const reason = "Thiếu bản đăng ký có chữ ký của thủ trưởng đơn vị"
		res = e.formDo(officer, review, url.Values{"decision": {"return"}, "reason": {reason}, "version": {strconv.Itoa(mai.Version)}}, nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("return with a reason: %d", res.Status)
		}
		_, body := e.cuiFollow(officer, res)
		if cuiFlash(body) != "Đã trả lại đăng ký của “Dương Thị Mai”." || !strings.Contains(body, "Lý do: "+reason) {
			t.Errorf("after the return: flash %q, reason shown %v", cuiFlash(body), strings.Contains(body, reason))
		}
		regs = e.cuiRegistrations(id)
		if regs[hctc.Name].State != thidua.RegApproved || regs["Hồ Văn Lực"].State != thidua.RegApproved ||
			regs["Dương Thị Mai"].State != thidua.RegReturned || regs["Dương Thị Mai"].ReturnReason != reason {
			t.Errorf("states after review: %s %s %s", regs[hctc.Name].State, regs["Hồ Văn Lực"].State, regs["Dương Thị Mai"].State)
		}
	})

	// ---- evidence with attachments
	coll := regs[hctc.Name]
	regPath := "/app/registrations/" + uiID(coll.ID)
	pdf := cuiPDF("Bao cao ket qua thi dua")
	var pdfID int64
	t.Run("evidence", func(t *testing.T) {
		if res := e.cuiTransition(officer, id, "start"); res.Status != http.StatusSeeOther {
			t.Fatalf("start: %d", res.Status)
		}
		code, body := e.get(head, regPath)
		if code != http.StatusOK || !strings.Contains(body, `action="`+regPath+`/evidence" enctype="multipart/form-data"`) {
			t.Fatalf("participant page for the unit head: %d, no evidence form", code)
		}
		if len(pdf) >= cuiMaxUpload {
			t.Fatalf("the test PDF is %d bytes, over the limit", len(pdf))
		}
		fields := url.Values{"criterion_id": {uiID(crit[0].ID)}, "text": {"Tham mưu ban hành 05 văn bản hướng dẫn thi đua."},
			"figure": {"5"}, "date": {"15/03/2026"}}
		const pdfName = "Báo cáo kết quả.pdf"
		res := e.cuiMultipart(head, regPath+"/evidence", fields, []cuiFile{{pdfName, pdf}, {"bieu-do.png", cuiPNG(t)}})
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != regPath+"#tc-"+uiID(crit[0].ID) {
			t.Fatalf("evidence with a PDF and a PNG: %d to %q (body %.500s)", res.Status, res.Header.Get("Location"), res.Body)
		}
		evs := e.cuiEvidence(coll.ID)
		if len(evs) != 1 || len(evs[0].Attachments) != 2 {
			t.Fatalf("stored evidence: %d items", len(evs))
		}
		for i, want := range []struct{ name, ctype string }{{pdfName, "application/pdf"}, {"bieu-do.png", "image/png"}} {
			if a := evs[0].Attachments[i]; a.Name != want.name || a.ContentType != want.ctype {
				t.Errorf("attachment %d: %q %s, want %q %s", i, a.Name, a.ContentType, want.name, want.ctype)
			}
		}
		pdfID = evs[0].Attachments[0].ID
		stored := cuiStoredFiles(t, filesRoot)
		if stored != 2 {
			t.Errorf("%d files in the store, want 2", stored)
		}
		if _, body := e.get(head, regPath); !strings.Contains(body, `<a href="/app/attachments/`+uiID(pdfID)+`">`+pdfName+`</a>`) {
			t.Error("the participant page does not link the PDF")
		}

		// A text file named .pdf, alone and after a good file: refused, nothing kept.
		fake := cuiFile{"x.pdf", []byte("Đây là tệp văn bản, không phải PDF.\n")}
		for _, files := range [][]cuiFile{{fake}, {{"hop-le.pdf", pdf}, fake}} {
			res := e.cuiMultipart(head, regPath+"/evidence", fields, files)
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Nội dung tệp “x.pdf” không khớp với phần mở rộng .pdf.") {
				t.Errorf("fake PDF (%d files): %d, want 422 with the Vietnamese message", len(files), res.Status)
			}
		}
		// Over the size limit.
		big := append(cuiPDF("Tep qua lon"), []byte("%"+strings.Repeat("0", 2*cuiMaxUpload)+"\n")...)
		res = e.cuiMultipart(head, regPath+"/evidence", fields, []cuiFile{{"lon.pdf", big}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Tệp “lon.pdf” lớn hơn 1 KB.") {
			t.Errorf("file over MaxUpload: %d, want 422 with “Tệp “lon.pdf” lớn hơn 1 KB.” (body %.2000s)", res.Status, res.Body)
		}
		if n := len(e.cuiEvidence(coll.ID)); n != 1 {
			t.Errorf("refused uploads stored evidence: %d items, want 1", n)
		}
		if got := cuiStoredFiles(t, filesRoot); got != stored {
			t.Errorf("refused uploads left files in the store: %d, want %d", got, stored)
		}
	})

	t.Run("download", func(t *testing.T) {
		if pdfID == 0 {
			t.Skip("no stored PDF")
		}
		res := e.rawDo(officer, http.MethodGet, "/app/attachments/"+uiID(pdfID), "", nil)
		if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || res.Body != string(pdf) {
			t.Fatalf("officer downloads the PDF: %d %s, %d bytes (want %d)", res.Status, res.Header.Get("Content-Type"), len(res.Body), len(pdf))
		}
		disp, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" || params["filename"] != "Báo cáo kết quả.pdf" {
			t.Errorf("Content-Disposition %q: %s %v %v", res.Header.Get("Content-Disposition"), disp, params, err)
		}
		res = e.rawDo(staff, http.MethodGet, "/app/attachments/"+uiID(pdfID), "", nil)
		if res.Status != http.StatusForbidden && res.Status != http.StatusNotFound {
			t.Errorf("staff of Phòng Tổng hợp downloads it: %d, want 403 or 404", res.Status)
		}
		if strings.Contains(res.Body, "%PDF") {
			t.Error("the refused download carries the file")
		}
	})

	// ---- scoring
	t.Run("scores", func(t *testing.T) {
		score := func(c *http.Client, reg int64, cr *thidua.Criterion, kind, value string) reqResult {
			t.Helper()
			return e.formDo(c, "/app/registrations/"+uiID(reg)+"/scores", url.Values{
				"criterion_id": {uiID(cr.ID)}, "kind": {kind}, "value": {value}, "version": {"0"}}, nil)
		}
		res := e.formDo(head, regPath+"/scores", url.Values{"criterion_id": {uiID(crit[0].ID)}, "kind": {thidua.ScoreSelf},
			"value": {"31"}, "comment": {"Vượt chỉ tiêu <đột xuất>"}, "version": {"0"}}, nil)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("self score 31 of 30: %d, want 422", res.Status)
		}
		cuiScoreError(t, res.Body, thidua.ScoreSelf, crit[0].ID, "Điểm phải từ 0 đến 30.")
		// The refused value and comment stay in the form to be corrected.
		if !regexp.MustCompile(`id="s-SELF-`+uiID(crit[0].ID)+`" name="value" value="31"`).MatchString(res.Body) ||
			!strings.Contains(res.Body, `value="Vượt chỉ tiêu &lt;đột xuất&gt;"`) {
			t.Error("the refused score or its comment is not kept in the form")
		}
		if strings.Contains(res.Body, `id="e-s-SELF-`+uiID(crit[1].ID)+`"`) {
			t.Error("the error is shown under another criterion too")
		}
		res = score(head, coll.ID, crit[1], thidua.ScoreSelf, "8")
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("self score 8 of 7,5: %d, want 422", res.Status)
		}
		cuiScoreError(t, res.Body, thidua.ScoreSelf, crit[1].ID, "Điểm phải từ 0 đến 7,5.")
		if n := len(e.cuiScores(id, coll.ID)); n != 0 {
			t.Fatalf("refused scores stored %d scores", n)
		}
		for _, s := range []struct {
			cr    *thidua.Criterion
			value string
		}{{crit[0], "28"}, {crit[1], "6,5"}} {
			if res := score(head, coll.ID, s.cr, thidua.ScoreSelf, s.value); res.Status != http.StatusSeeOther {
				t.Fatalf("self score %s: %d (body %.300s)", s.value, res.Status, res.Body)
			}
		}
		if _, body := e.get(head, regPath); !strings.Contains(body, `Tổng điểm: <strong>34,5</strong> / 37,5`) {
			t.Error("the participant page does not show the self-assessed total 34,5 / 37,5")
		}

		// A council member of Phòng Hành chính – Tổ chức itself: a conflict of interest.
		tam := people["Ngô Minh Tâm"]
		const pw = "HoiDong-HCTC-2026"
		res = e.formDo(admin, "/app/users", url.Values{
			"username": {"hoidong.hctc"}, "display_name": {tam.FullName}, "person_id": {uiID(tam.ID)},
			"grant_role": {string(thidua.RoleCouncil)}, "grant_unit": {uiID(hctc.ID)},
			"password": {pw}, "password_confirm": {pw},
		}, nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("create the council member of HCTC: %d (body %.300s)", res.Status, res.Body)
		}
		member, _ := e.DB.FindUserByUsername(sysCtx(), "hoidong.hctc")
		hoidong := e.roleUser(thidua.RoleCouncil)

		// Not assigned yet: the council cannot score.
		if res := score(council, coll.ID, crit[0], thidua.ScoreCouncil, "26"); res.Status != http.StatusForbidden {
			t.Errorf("council score before the assignment: %d, want 403", res.Status)
		}
		code, body := e.get(officer, path)
		if code != http.StatusOK || !strings.Contains(body, `id="rv-`+uiID(hoidong.ID)+`"`) || !strings.Contains(body, `id="rv-`+uiID(member.ID)+`"`) {
			t.Fatalf("the overview does not offer both council members: %d", code)
		}
		res = e.formDo(officer, path+"/reviewers", url.Values{"reviewer": {uiID(hoidong.ID), uiID(member.ID)}}, nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("assign reviewers: %d", res.Status)
		}
		if _, body := e.cuiFollow(officer, res); cuiFlash(body) != "Đã phân công thành viên Hội đồng chấm điểm." {
			t.Errorf("flash %q", cuiFlash(body))
		}
		if res := e.cuiTransition(officer, id, "evaluate"); res.Status != http.StatusSeeOther {
			t.Fatalf("evaluate: %d", res.Status)
		}

		if code, body := e.get(council, regPath); code != http.StatusOK || !strings.Contains(body, `id="s-COUNCIL-`+uiID(crit[0].ID)+`"`) {
			t.Fatalf("the council's participant page: %d, no council score form", code)
		}
		if res := score(council, coll.ID, crit[0], thidua.ScoreCouncil, "26"); res.Status != http.StatusSeeOther {
			t.Fatalf("council score: %d (body %.300s)", res.Status, res.Body)
		}
		if code, body := e.get(head, regPath); code != http.StatusOK || !strings.Contains(body, `id="s-HEAD-`+uiID(crit[0].ID)+`"`) {
			t.Fatalf("the unit head's participant page: %d, no head score form", code)
		}
		if res := score(head, coll.ID, crit[0], thidua.ScoreHead, "27"); res.Status != http.StatusSeeOther {
			t.Fatalf("head score: %d (body %.300s)", res.Status, res.Body)
		}
		if res := score(head, regs["Hồ Văn Lực"].ID, crit[2], thidua.ScoreHead, "15"); res.Status != http.StatusSeeOther {
			t.Fatalf("head score of an individual on TC3: %d (body %.300s)", res.Status, res.Body)
		}
		memberClient, lres := e.loginAs("hoidong.hctc", pw)
		if lres.Status != http.StatusSeeOther {
			t.Fatalf("sign-in of the new council member: %d", lres.Status)
		}
		if res := score(memberClient, coll.ID, crit[0], thidua.ScoreCouncil, "10"); res.Status != http.StatusSeeOther {
			t.Fatalf("council score with a conflict: %d (body %.300s)", res.Status, res.Body)
		}

		kinds := map[string]int{}
		for _, s := range e.cuiScores(id, coll.ID) {
			kinds[s.Kind]++
		}
		if kinds[thidua.ScoreSelf] != 2 || kinds[thidua.ScoreHead] != 1 || kinds[thidua.ScoreCouncil] != 2 {
			t.Errorf("scores by kind %v", kinds)
		}
		code, body = e.get(officer, regPath)
		if code != http.StatusOK {
			t.Fatalf("participant page: %d", code)
		}
		sec := body[strings.Index(body, `id="tc-`+uiID(crit[0].ID)+`"`):]
		sec = sec[:strings.Index(sec, "</section>")]
		if !strings.Contains(sec, "<td>"+tam.FullName+"</td><td>Thành viên Hội đồng</td><td class=\"num\">10</td>") {
			t.Error("the conflicting score is not listed")
		}
		// The exclusion names whose score was left out, and why.
		if !strings.Contains(sec, `Điểm tổng hợp <span class="conflict">(không tính điểm của `+tam.FullName+
			`: thành viên Hội đồng thuộc đơn vị của người tham gia, xung đột lợi ích)</span></th><td class="num"><strong>26,5</strong>`) {
			t.Errorf("TC1 is not shown as 26,5 with one score excluded as a conflict of interest:\n%s", sec)
		}
		if strings.Contains(body[strings.Index(body, `id="tc-`+uiID(crit[1].ID)+`"`):], "xung đột lợi ích") {
			t.Error("TC2 shows an excluded score")
		}
	})

	// ---- the demo campaign: ranking, reports, copy, delete
	demoPath := "/app/campaigns/" + uiID(demoC.ID)
	t.Run("ranking", func(t *testing.T) {
		code, body := e.get(officer, demoPath+"/ranking")
		if code != http.StatusOK || !strings.Contains(body, `<span class="tag">đồng hạng</span>`) {
			t.Fatalf("ranking: %d, no tie shown", code)
		}
		colls := cuiRankingRows(t, body, "Tập thể")
		if len(colls) != 6 || colls[0] != "1 đồng hạng|Phòng Hành chính – Tổ chức|89" || colls[1] != "1 đồng hạng|Phòng Tổng hợp|89" ||
			colls[2] != "3|Phòng Nội chính|88" {
			t.Errorf("collectives %q", colls)
		}
		inds := cuiRankingRows(t, body, "Cá nhân")
		if len(inds) != 12 || inds[0] != "1|Hoàng Thị Bích Ngọc|91" || inds[1] != "2|Nguyễn Ngọc Ánh|90,5" {
			t.Errorf("individuals %q", inds)
		}

		_, body = e.get(officer, demoPath+"/ranking?top=1")
		if colls := cuiRankingRows(t, body, "Tập thể"); len(colls) != 2 || colls[0] != "1 đồng hạng|Phòng Hành chính – Tổ chức|89" ||
			colls[1] != "1 đồng hạng|Phòng Tổng hợp|89" {
			t.Errorf("top=1 collectives %q, want both tied at 89", colls)
		}
		if inds := cuiRankingRows(t, body, "Cá nhân"); len(inds) != 1 || inds[0] != "1|Hoàng Thị Bích Ngọc|91" {
			t.Errorf("top=1 individuals %q", inds)
		}
		if !strings.Contains(body, "1 vị trí đứng đầu (kể cả đồng hạng)") {
			t.Error("the shortlist notice is missing")
		}

		th := e.unitByName("Phòng Tổng hợp")
		_, body = e.get(officer, demoPath+"/ranking?unit="+uiID(th.ID)+"&min=84,5")
		if colls := cuiRankingRows(t, body, "Tập thể"); len(colls) != 1 || colls[0] != "1 đồng hạng|Phòng Tổng hợp|89" {
			t.Errorf("unit=Phòng Tổng hợp collectives %q", colls)
		}
		if inds := cuiRankingRows(t, body, "Cá nhân"); len(inds) != 2 || inds[0] != "1|Hoàng Thị Bích Ngọc|91" ||
			inds[1] != "7 đồng hạng|Phan Tuấn Anh|85" {
			t.Errorf("unit=Phòng Tổng hợp, min=84,5 individuals %q", inds)
		}
	})

	t.Run("reports", func(t *testing.T) {
		for _, r := range []struct{ ext, ctype, magic string }{
			{"pdf", "application/pdf", "%PDF"},
			{"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"},
		} {
			res := e.rawDo(officer, http.MethodGet, demoPath+"/report."+r.ext, "", nil)
			if res.Status != http.StatusOK || res.Header.Get("Content-Type") != r.ctype || !strings.HasPrefix(res.Body, r.magic) || len(res.Body) < 1000 {
				t.Errorf("report.%s: %d %s, %d bytes starting %q", r.ext, res.Status, res.Header.Get("Content-Type"), len(res.Body), res.Body[:min(8, len(res.Body))])
			}
			if disp, _, _ := mime.ParseMediaType(res.Header.Get("Content-Disposition")); disp != "attachment" {
				t.Errorf("report.%s: Content-Disposition %q", r.ext, res.Header.Get("Content-Disposition"))
			}
		}
	})

	t.Run("copy and delete", func(t *testing.T) {
		n := e.cuiCampaignCount()
		res := e.formDo(officer, demoPath+"/copy", url.Values{}, nil)
		m := regexp.MustCompile(`^/app/campaigns/(\d+)/edit$`).FindStringSubmatch(res.Header.Get("Location"))
		if res.Status != http.StatusSeeOther || m == nil {
			t.Fatalf("copy: %d to %q", res.Status, res.Header.Get("Location"))
		}
		copyID, _ := strconv.ParseInt(m[1], 10, 64)
		code, body := e.cuiFollow(officer, res)
		if code != http.StatusOK || !strings.Contains(cuiFlash(body), "Đã sao chép thành đợt thi đua mới (dự thảo).") {
			t.Errorf("after copy: %d, flash %q", code, cuiFlash(body))
		}
		for field, want := range map[string]string{"start_date": "20/04/2022", "end_date": "30/06/2022", "plan": ""} {
			if tag, _ := fieldHTML(t, body, field); !strings.Contains(tag, `value="`+want+`"`) {
				t.Errorf("the copy's edit form: %s is %s, want %q", field, tag, want)
			}
		}
		c := e.cuiCampaign(copyID)
		if c.State != thidua.CampaignDraft || c.StartDate != thidua.NewDate(2022, 4, 20) || c.EndDate != thidua.NewDate(2022, 6, 30) ||
			c.Title != demoC.Title+" (bản sao)" || !c.Plan.IsZero() || len(e.cuiCriteria(copyID)) != 4 {
			t.Errorf("the copy: %+v", c)
		}
		if len(e.cuiRegistrations(copyID)) != 0 {
			t.Error("the copy has registrations")
		}

		// Only drafts can be deleted.
		res = e.formDo(officer, demoPath+"/delete", url.Values{}, nil)
		if res.Status != http.StatusConflict || !strings.Contains(res.Body, "Chỉ xóa được đợt thi đua ở trạng thái dự thảo.") {
			t.Errorf("delete the demo campaign: %d, want 409 with the Vietnamese message", res.Status)
		}
		res = e.formDo(officer, "/app/campaigns/"+uiID(copyID)+"/delete", url.Values{}, nil)
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/app/campaigns" {
			t.Fatalf("delete the copy: %d to %q", res.Status, res.Header.Get("Location"))
		}
		if _, body := e.cuiFollow(officer, res); cuiFlash(body) != "Đã xóa đợt thi đua dự thảo." {
			t.Errorf("flash %q", cuiFlash(body))
		}
		if code, _ := e.get(officer, "/app/campaigns/"+uiID(copyID)); code != http.StatusNotFound {
			t.Errorf("the deleted copy: %d, want 404", code)
		}
		if got := e.cuiCampaignCount(); got != n {
			t.Errorf("campaigns after copy and delete: %d, want %d", got, n)
		}
		e.cuiCampaign(demoC.ID)
	})
}
