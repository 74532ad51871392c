package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"thidua"
	"thidua/cluster"
	"thidua/demo/demotest"
	"thidua/passwd"
	sqlclusters "thidua/sqldb/clusters"
)

// The forms that run a cluster's year in the pages: editing the cluster,
// the signed covenant, the start of the review with the members' scorers.
// Each test checks a success, a refusal that changes nothing and gives
// back what was typed, and the scope: a member's officer who does not
// organize gets 403, an agency outside the cluster 404.

// clusterFixture is a bloc of Văn phòng UBND tỉnh and Sở Nội vụ for 2027
// (the demo's bloc is 2025), and one of Sở Nội vụ and Sở Tư pháp for 2028
// that the Office's staff do not see.
type clusterFixture struct {
	e            *testEnv
	cs           *sqlclusters.Store
	vp, snv, stp *thidua.Unit
	c, outside   *cluster.Cluster
}

func clusterSys() context.Context {
	return thidua.NewContextWithUser(thidua.NewSystemContext(context.Background()), nil)
}

func newClusterFixture(t *testing.T, e *testEnv) *clusterFixture {
	t.Helper()
	x := &clusterFixture{e: e, cs: sqlclusters.New(e.DB), vp: e.unitByName("Văn phòng UBND tỉnh"), snv: e.unitByName("Sở Nội vụ"), stp: e.unitByName("Sở Tư pháp")}
	x.c = &cluster.Cluster{Year: 2027, Kind: cluster.KindBloc, Name: "Khối tổng hợp thử", UnitID: x.vp.ParentID, LeaderUnitID: x.vp.ID, DeputyUnitID: x.snv.ID,
		Members: []cluster.Member{{UnitID: x.vp.ID, ScorerID: e.roleUser(thidua.RoleCouncil).ID}, {UnitID: x.snv.ID}}}
	x.outside = &cluster.Cluster{Year: 2028, Kind: cluster.KindCluster, Name: "Cụm nội chính thử", UnitID: x.vp.ParentID, LeaderUnitID: x.snv.ID, DeputyUnitID: x.stp.ID,
		Members: []cluster.Member{{UnitID: x.snv.ID}, {UnitID: x.stp.ID}}}
	for _, c := range []*cluster.Cluster{x.c, x.outside} {
		if err := x.cs.CreateCluster(clusterSys(), c); err != nil {
			t.Fatal(err)
		}
	}
	return x
}

func (x *clusterFixture) load(t *testing.T, id int64) *cluster.Cluster {
	t.Helper()
	c, err := x.cs.FindClusterByID(clusterSys(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (x *clusterFixture) path(c *cluster.Cluster) string { return "/app/clusters/" + uiID(c.ID) }

// auditOf counts the audit entries of entity about id.
func (e *testEnv) auditOf(entity string, id int64) int {
	e.t.Helper()
	var n int
	if err := e.DB.SQL().QueryRow(`SELECT count(*) FROM audit_log WHERE entity = $1 AND entity_id = $2`, entity, id).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// clusterScope checks that the Office's officer (a member's, not the
// organizer's) is refused the form with 403 on the cluster of its own
// agency and 404 on the other one, for GET and POST.
func (x *clusterFixture) clusterScope(t *testing.T, suffix string, post func(c *http.Client, path string) reqResult) {
	t.Helper()
	officer := x.e.login(thidua.RoleOfficer)
	staff := x.e.login(thidua.RoleStaff)
	for _, tc := range []struct {
		who  string
		c    *http.Client
		cl   *cluster.Cluster
		want int
	}{{"member's officer", officer, x.c, 403}, {"member's staff", staff, x.c, 403}, {"outside officer", officer, x.outside, 404}} {
		if code, _ := x.e.get(tc.c, x.path(tc.cl)+suffix); code != tc.want {
			t.Errorf("GET %s as %s: %d, want %d", suffix, tc.who, code, tc.want)
		}
		if res := post(tc.c, x.path(tc.cl)+suffix); res.Status != tc.want {
			t.Errorf("POST %s as %s: %d, want %d", suffix, tc.who, res.Status, tc.want)
		}
	}
	if code, _ := x.e.get(officer, x.path(x.outside)); code != 404 {
		t.Errorf("outside officer sees the cluster: %d", code)
	}
}

func TestClusterEditForm(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		x := newClusterFixture(t, e)
		admin := e.login(thidua.RoleAdmin)
		if code, body := e.get(admin, x.path(x.c)); code != 200 || !strings.Contains(body, x.path(x.c)+"/edit") {
			t.Fatalf("the cluster's page links to its edit form: %d", code)
		}
		code, body := e.get(admin, x.path(x.c)+"/edit")
		if code != 200 || !strings.Contains(pageText(body), `value="Khối tổng hợp thử"`) {
			t.Fatalf("edit form: %d", code)
		}
		audit := e.auditOf("cluster", x.c.ID)

		// Refused: one member, a name typed; nothing changes.
		form := url.Values{"version": {strconv.Itoa(x.c.Version)}, "kind": {"CUM"}, "name": {"Cụm đổi tên – thử"},
			"member": {uiID(x.vp.ID)}, "leader_unit_id": {uiID(x.vp.ID)}, "deputy_unit_id": {uiID(x.snv.ID)}}
		res := e.formDo(admin, x.path(x.c), form, nil)
		text := pageText(res.Body)
		if res.Status != 422 || !strings.Contains(text, "ít nhất 2 thành viên") || !strings.Contains(text, `value="Cụm đổi tên – thử"`) ||
			!strings.Contains(text, `value="`+uiID(x.vp.ID)+`" checked`) || strings.Contains(text, `value="`+uiID(x.snv.ID)+`" checked`) ||
			!strings.Contains(text, `<option value="CUM" selected>`) {
			t.Fatalf("refused edit: %d %.3000s", res.Status, firstLines(text))
		}
		// Refused: the same unit leads and deputizes.
		form["member"] = []string{uiID(x.vp.ID), uiID(x.snv.ID), uiID(x.stp.ID)}
		form["deputy_unit_id"] = []string{uiID(x.vp.ID)}
		res = e.formDo(admin, x.path(x.c), form, nil)
		if text := pageText(res.Body); res.Status != 422 || !strings.Contains(text, "Phó trưởng phải là thành viên khác") || !strings.Contains(text, `value="`+uiID(x.stp.ID)+`" checked`) {
			t.Fatalf("leader as deputy: %d %.3000s", res.Status, firstLines(text))
		}
		// Refused by the store: Sở Tư pháp sits in another cluster of 2027.
		other := &cluster.Cluster{Year: 2027, Kind: cluster.KindCluster, Name: "Cụm khác", UnitID: x.vp.ParentID, LeaderUnitID: x.stp.ID, DeputyUnitID: e.unitByName("Sở Tài chính").ID,
			Members: []cluster.Member{{UnitID: x.stp.ID}, {UnitID: e.unitByName("Sở Tài chính").ID}}}
		if err := x.cs.CreateCluster(clusterSys(), other); err != nil {
			t.Fatal(err)
		}
		form["deputy_unit_id"] = []string{uiID(x.snv.ID)}
		res = e.formDo(admin, x.path(x.c), form, nil)
		if text := pageText(res.Body); res.Status != 422 || !strings.Contains(text, "Sở Tư pháp đã là thành viên Cụm khác năm 2027") || !strings.Contains(text, `id="e-member_`+uiID(x.stp.ID)+`"`) {
			t.Fatalf("member of another cluster: %d %.3000s", res.Status, firstLines(text))
		}
		if got := x.load(t, x.c.ID); got.Name != x.c.Name || got.Version != x.c.Version || len(got.Members) != 2 || e.auditOf("cluster", x.c.ID) != audit {
			t.Fatalf("a refused edit changed the cluster: %+v", got)
		}

		// Saved: renamed, Sở Tư pháp (out of the other cluster now) added
		// after the kept members, the Office's scorer kept.
		for _, q := range []string{`DELETE FROM cluster_members WHERE cluster_id = $1`, `DELETE FROM clusters WHERE id = $1`} {
			if _, err := e.DB.SQL().Exec(q, other.ID); err != nil {
				t.Fatal(err)
			}
		}
		form["member"] = []string{uiID(x.stp.ID), uiID(x.snv.ID), uiID(x.vp.ID)}
		form["kind"] = []string{"KHOI"}
		res = e.formDo(admin, x.path(x.c), form, nil)
		wantStatus(t, "edit", res, 303)
		got := x.load(t, x.c.ID)
		if got.Name != "Cụm đổi tên – thử" || len(got.Members) != 3 || got.Members[0].UnitID != x.vp.ID || got.Members[2].UnitID != x.stp.ID ||
			got.Members[0].ScorerID != x.c.Members[0].ScorerID || got.Version != x.c.Version+1 {
			t.Fatalf("saved: %+v", got)
		}
		if e.auditOf("cluster", x.c.ID) != audit+1 {
			t.Fatal("the edit is not in the audit log")
		}
		// A stale form is refused with its values.
		res = e.formDo(admin, x.path(x.c), form, nil)
		if res.Status != http.StatusConflict || !strings.Contains(pageText(res.Body), `value="Cụm đổi tên – thử"`) {
			t.Fatalf("stale edit: %d", res.Status)
		}

		x.clusterScope(t, "/edit", func(c *http.Client, path string) reqResult {
			return e.formDo(c, strings.TrimSuffix(path, "/edit"), url.Values{"version": {"9"}, "kind": {"CUM"}, "name": {"Chiếm quyền"},
				"member": {uiID(x.vp.ID), uiID(x.snv.ID)}, "leader_unit_id": {uiID(x.vp.ID)}, "deputy_unit_id": {uiID(x.snv.ID)}}, nil)
		})
		if got := x.load(t, x.outside.ID); got.Name != x.outside.Name {
			t.Fatalf("an outsider renamed the cluster: %q", got.Name)
		}
	})
}

// covenantForm is the covenant's form with both members' signatures.
func (x *clusterFixture) covenantForm(version int) url.Values {
	return url.Values{"version": {strconv.Itoa(version)}, "targets": {"1. Hoàn thành 100% nhiệm vụ được giao.\n2. Không có cán bộ vi phạm kỷ luật."},
		"signed_on": {"15/01/2027"}, "signer_" + uiID(x.vp.ID): {"Trần Quốc Bình"}, "signer_post_" + uiID(x.vp.ID): {"Chánh Văn phòng"},
		"signer_" + uiID(x.snv.ID): {"Nguyễn Văn An"}, "signer_post_" + uiID(x.snv.ID): {"Giám đốc Sở Nội vụ"}}
}

func TestClusterCovenantForm(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		x := newClusterFixture(t, e)
		admin := e.login(thidua.RoleAdmin)
		if code, body := e.get(admin, x.path(x.c)); code != 200 || !strings.Contains(body, x.path(x.c)+"/covenant") {
			t.Fatalf("the cluster's page links to the covenant's form: %d", code)
		}
		if code, body := e.get(admin, x.path(x.c)+"/covenant"); code != 200 || !strings.Contains(body, `enctype="multipart/form-data"`) {
			t.Fatalf("covenant form: %d", code)
		}
		pdf := cuiPDF("Giao uoc thi dua 2027")
		blobs := e.countBlobs()

		// Refused: Sở Nội vụ's head did not sign; the rest comes back.
		form := x.covenantForm(0)
		form.Set("signer_"+uiID(x.snv.ID), "")
		res := e.multipartFile(admin, x.path(x.c)+"/covenant", form, "file", "giao-uoc-2027.pdf", pdf)
		text := pageText(res.Body)
		if res.Status != 422 || !strings.Contains(text, "Vui lòng nhập người ký của Sở Nội vụ") || !strings.Contains(text, `value="Trần Quốc Bình"`) ||
			!strings.Contains(text, "Không có cán bộ vi phạm kỷ luật.</textarea>") || !strings.Contains(text, `value="15/01/2027"`) ||
			!strings.Contains(text, "vui lòng chọn lại tệp") || !strings.Contains(text, `id="e-signer_`+uiID(x.snv.ID)+`"`) {
			t.Fatalf("refused covenant: %d %.4000s", res.Status, firstLines(text))
		}
		// Refused: a date of another year, a file that is not what it says.
		form = x.covenantForm(0)
		form.Set("signed_on", "15/01/2026")
		res = e.multipartFile(admin, x.path(x.c)+"/covenant", form, "file", "giao-uoc.pdf", []byte("MZ\x90\x00 not a pdf"))
		if text := pageText(res.Body); res.Status != 422 || !strings.Contains(text, "được ký trong năm 2027") || !strings.Contains(text, "không khớp với phần mở rộng .pdf") {
			t.Fatalf("bad date and file: %d %.4000s", res.Status, firstLines(text))
		}
		// Refused: no document the first time.
		res = e.multipartFile(admin, x.path(x.c)+"/covenant", x.covenantForm(0), "file", "", nil)
		if res.Status != 422 || !strings.Contains(pageText(res.Body), "Vui lòng đính kèm văn bản giao ước đã ký.") {
			t.Fatalf("no document: %d", res.Status)
		}
		if _, err := x.cs.FindCovenant(clusterSys(), x.c.ID); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Fatalf("a refused covenant was stored: %v", err)
		}
		if e.countBlobs() != blobs || e.auditOf("cluster_covenant", x.c.ID) != 0 {
			t.Fatal("a refused covenant left a file or an audit entry")
		}

		// Saved, with its document.
		res = e.multipartFile(admin, x.path(x.c)+"/covenant", x.covenantForm(0), "file", "giao-uoc-2027.pdf", pdf)
		wantStatus(t, "covenant", res, 303)
		cv, err := x.cs.FindCovenant(clusterSys(), x.c.ID)
		if err != nil || cv.SignedOn.String() != "15/01/2027" || len(cv.Signatures) != 2 || cv.Signatures[1].SignerPost != "Giám đốc Sở Nội vụ" || cv.File.Name != "giao-uoc-2027.pdf" || cv.File.Size != int64(len(pdf)) {
			t.Fatalf("stored covenant: %+v %v", cv, err)
		}
		staff := e.login(thidua.RoleStaff)
		if res := e.rawDo(staff, "GET", x.path(x.c)+"/covenant/file", "", nil); res.Status != 200 || res.Body != string(pdf) {
			t.Fatalf("a member's staff download the covenant: %d", res.Status)
		}
		if code, body := e.get(staff, x.path(x.c)); code != 200 || !strings.Contains(pageText(body), "Giám đốc Sở Nội vụ") {
			t.Fatalf("the covenant on the cluster's page: %d", code)
		}
		// Changed without a new document: the stored one stays.
		form = x.covenantForm(cv.Version)
		form.Set("signed_on", "20/01/2027")
		res = e.multipartFile(admin, x.path(x.c)+"/covenant", form, "file", "", nil)
		wantStatus(t, "covenant kept file", res, 303)
		if cv2, _ := x.cs.FindCovenant(clusterSys(), x.c.ID); cv2.SignedOn.String() != "20/01/2027" || cv2.File.Key != cv.File.Key || cv2.Version != 2 {
			t.Fatalf("covenant changed: %+v", cv2)
		}
		if e.auditOf("cluster_covenant", x.c.ID) != 2 {
			t.Fatalf("audit entries of the covenant: %d", e.auditOf("cluster_covenant", x.c.ID))
		}

		x.clusterScope(t, "/covenant", func(c *http.Client, path string) reqResult {
			return e.multipartFile(c, path, x.covenantForm(2), "file", "giao-uoc.pdf", pdf)
		})
		if _, err := x.cs.FindCovenant(clusterSys(), x.outside.ID); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Fatalf("an outsider recorded a covenant: %v", err)
		}
	})
}

// TestClusterCovenantUploadLimit: the document is held to the upload
// limit with the dossier's message, and nothing is stored.
func TestClusterCovenantUploadLimit(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		cfg := envConfig()
		cfg.MaxUpload = 4 << 10
		e := newEnv(t, o, cfg)
		x := newClusterFixture(t, e)
		admin := e.login(thidua.RoleAdmin)
		big := append(cuiPDF("lon"), []byte(strings.Repeat("%", 5<<10))...)
		res := e.multipartFile(admin, x.path(x.c)+"/covenant", x.covenantForm(0), "file", "giao-uoc-lon.pdf", big)
		if text := pageText(res.Body); res.Status != 422 || !strings.Contains(text, "Tệp “giao-uoc-lon.pdf” lớn hơn 4 KB.") || !strings.Contains(text, `value="Nguyễn Văn An"`) {
			t.Fatalf("too large: %d %.3000s", res.Status, firstLines(text))
		}
		// A body far past the limit is cut off unread.
		huge := make([]byte, 3<<20)
		res = e.multipartFile(admin, x.path(x.c)+"/covenant", x.covenantForm(0), "file", "giao-uoc-lon.pdf", huge)
		if res.Status != 422 || !strings.Contains(pageText(res.Body), "tối đa 4 KB") {
			t.Fatalf("huge body: %d", res.Status)
		}
		if _, err := x.cs.FindCovenant(clusterSys(), x.c.ID); thidua.ErrorCode(err) != thidua.ENOTFOUND {
			t.Fatalf("a refused covenant was stored: %v", err)
		}
	})
}

// snvCouncil creates a council member of Sở Nội vụ (the demo has none).
func (x *clusterFixture) snvCouncil(t *testing.T) *thidua.User {
	t.Helper()
	h, err := passwd.HashWith(demotest.TestHashParams, "Cum@2027-hoidongsnv")
	if err != nil {
		t.Fatal(err)
	}
	u := &thidua.User{Username: "hoidongsnv", DisplayName: "Đinh Thị Hương", PasswordHash: h, Grants: []thidua.Grant{{Role: thidua.RoleCouncil, UnitID: x.snv.ID}}}
	if err := x.e.DB.CreateUser(clusterSys(), u); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestClusterReviewForm(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		x := newClusterFixture(t, e)
		snvCouncil := x.snvCouncil(t)
		vpCouncil := e.roleUser(thidua.RoleCouncil)
		admin := e.login(thidua.RoleAdmin)
		// No covenant yet: the form says so and the start is refused.
		if code, body := e.get(admin, x.path(x.c)+"/review"); code != 200 || !strings.Contains(pageText(body), "Chưa có giao ước thi đua đã ký") {
			t.Fatalf("review form without a covenant: %d", code)
		}
		cv := &cluster.Covenant{ClusterID: x.c.ID, Targets: "1. Hoàn thành 100% nhiệm vụ được giao.\n2. Kỷ luật, kỷ cương hành chính.", SignedOn: thidua.NewDate(2027, 1, 15),
			File:       cluster.Document{Name: "giao-uoc.pdf", ContentType: "application/pdf", Size: 3, Key: "giao-uoc-thu"},
			Signatures: []cluster.Signature{{UnitID: x.vp.ID, Signer: "Trần Quốc Bình", SignerPost: "Chánh Văn phòng"}, {UnitID: x.snv.ID, Signer: "Nguyễn Văn An", SignerPost: "Giám đốc Sở"}}}
		if _, err := x.cs.SaveCovenant(clusterSys(), cv); err != nil {
			t.Fatal(err)
		}
		code, body := e.get(admin, x.path(x.c)+"/review")
		text := pageText(body)
		if code != 200 || !strings.Contains(text, `value="Hoàn thành 100% nhiệm vụ được giao."`) || !strings.Contains(text, `value="TC2"`) ||
			!strings.Contains(text, `<option value="`+uiID(snvCouncil.ID)+`">Đinh Thị Hương (hoidongsnv)</option>`) ||
			!strings.Contains(text, `<option value="`+uiID(vpCouncil.ID)+`" selected>`) {
			t.Fatalf("review form: %d %.4000s", code, firstLines(text))
		}
		audit := e.auditOf("cluster", x.c.ID)
		form := func(snvScorer, max2 string) url.Values {
			return url.Values{"version": {strconv.Itoa(x.c.Version)}, "scorer_" + uiID(x.vp.ID): {uiID(vpCouncil.ID)}, "scorer_" + uiID(x.snv.ID): {snvScorer},
				"code": {"TC1", "", "TC2"}, "title": {"Hoàn thành nhiệm vụ được giao", "", "Kỷ luật, kỷ cương hành chính"}, "max_score": {"60", "", max2}, "weight": {"", "", ""}}
		}

		// Refused: no scorer for Sở Nội vụ, a maximum that is no number.
		res := e.formDo(admin, x.path(x.c)+"/review", form("", "bốn mươi"), nil)
		text = pageText(res.Body)
		if res.Status != 422 || !strings.Contains(text, "Sở Nội vụ: chưa có người chấm điểm chéo") || !strings.Contains(text, `value="bốn mươi"`) ||
			!strings.Contains(text, `id="e-criteria[2].max_score"`) || !strings.Contains(text, `value="Kỷ luật, kỷ cương hành chính"`) ||
			!strings.Contains(text, `id="e-scorer_`+uiID(x.snv.ID)+`"`) {
			t.Fatalf("refused start: %d %.5000s", res.Status, firstLines(text))
		}
		// Refused by the store: the Office's council member cannot score
		// for Sở Nội vụ; the scorers are not saved either.
		res = e.formDo(admin, x.path(x.c)+"/review", form(uiID(vpCouncil.ID), "40"), nil)
		if text := pageText(res.Body); res.Status != 422 || !strings.Contains(text, "không phải thành viên Hội đồng thi đua – khen thưởng của Sở Nội vụ") ||
			!strings.Contains(text, `<option value="`+uiID(vpCouncil.ID)+`" selected>`) {
			t.Fatalf("a scorer of another unit: %d %.5000s", res.Status, firstLines(text))
		}
		// Refused: no criterion at all.
		empty := form(uiID(snvCouncil.ID), "")
		empty["code"], empty["title"], empty["max_score"] = []string{"", "", ""}, []string{"", "", ""}, []string{"", "", ""}
		res = e.formDo(admin, x.path(x.c)+"/review", empty, nil)
		if res.Status != 422 || !strings.Contains(pageText(res.Body), "Cần ít nhất một tiêu chí") {
			t.Fatalf("no criteria: %d", res.Status)
		}
		if got := x.load(t, x.c.ID); got.Started() || got.Members[1].ScorerID != 0 || got.Version != x.c.Version || e.auditOf("cluster", x.c.ID) != audit {
			t.Fatalf("a refused start changed the cluster: %+v", got)
		}

		x.clusterScope(t, "/review", func(c *http.Client, path string) reqResult {
			return e.formDo(c, path, form(uiID(snvCouncil.ID), "40"), nil)
		})

		// Started: the scorers saved, the campaign created with its criteria.
		res = e.formDo(admin, x.path(x.c)+"/review", form(uiID(snvCouncil.ID), "40"), nil)
		wantStatus(t, "start", res, 303)
		got := x.load(t, x.c.ID)
		if !got.Started() || got.Members[1].ScorerID != snvCouncil.ID {
			t.Fatalf("started: %+v", got)
		}
		crit := e.cuiCriteria(got.CampaignID)
		if len(crit) != 2 || crit[1].Code != "TC2" || crit[1].MaxScore != 40 || crit[0].AppliesTo != thidua.ForCollectives {
			t.Fatalf("criteria: %+v", crit)
		}
		if e.auditOf("cluster", x.c.ID) != audit+2 { // the scorers, the start
			t.Fatalf("audit entries: %d", e.auditOf("cluster", x.c.ID)-audit)
		}
		code, body = e.get(admin, x.path(x.c))
		text = pageText(body)
		regs := e.cuiRegistrations(got.CampaignID)
		if code != 200 || !strings.Contains(text, fmt.Sprintf("/app/campaigns/%d/scoring", got.CampaignID)) || len(regs) != 2 {
			t.Fatalf("the cluster's page after the start: %d %.4000s", code, firstLines(text))
		}
		for _, r := range regs {
			if !strings.Contains(text, "/app/registrations/"+uiID(r.ID)) {
				t.Errorf("no link to %s's registration", r.Name)
			}
		}
		if strings.Contains(text, x.path(x.c)+"/edit") || strings.Contains(text, x.path(x.c)+"/review\"") {
			t.Error("the started cluster still offers its edit or start forms")
		}
		// Once started: the start and the covenant are refused.
		if res := e.formDo(admin, x.path(x.c)+"/review", form(uiID(snvCouncil.ID), "40"), nil); res.Status != 422 || !strings.Contains(pageText(res.Body), "Đã bắt đầu chấm điểm") {
			t.Fatalf("started twice: %d", res.Status)
		}
		if res := e.multipartFile(admin, x.path(x.c)+"/covenant", x.covenantForm(cv.Version), "file", "", nil); res.Status != 422 || !strings.Contains(pageText(res.Body), "không sửa được giao ước") {
			t.Fatalf("covenant after the start: %d", res.Status)
		}

		// The year ends in the pages: the review closed, the members'
		// scorers vote, the officer concludes, and the Office's history
		// page (the stored collectives' table, judged before and again
		// after) reads that it led its bloc, the fact of R-CTT-01 (a).
		history := "/app/units/" + uiID(x.vp.ID) + "/history?year=2027&as_of=31/12/2027"
		condition := func() string {
			t.Helper()
			code, body := e.get(admin, history)
			m := regexp.MustCompile(`<strong>R-CTT-01 \(a\)</strong>:[^<]*<br><span class="muted">Dẫn đầu cụm, khối thi đua năm 2027: ([^<]*)</span>`).FindStringSubmatch(pageText(body))
			if code != 200 || m == nil {
				t.Fatalf("history page: %d, no R-CTT-01 (a)", code)
			}
			return m[1]
		}
		if got := condition(); got != "không" {
			t.Fatalf("before the conclusion: %s", got)
		}
		for _, a := range []string{"evaluate", "close"} {
			wantStatus(t, a, e.cuiTransition(admin, got.CampaignID, a), 303)
		}
		snvClient, res := e.loginAs("hoidongsnv", "Cum@2027-hoidongsnv")
		wantStatus(t, "sign in", res, 303)
		for _, v := range []struct {
			c     *http.Client
			voter int64
		}{{e.login(thidua.RoleCouncil), x.vp.ID}, {snvClient, x.snv.ID}} {
			res := e.formDo(v.c, x.path(x.c)+"/votes", url.Values{"voter_unit_id": {uiID(v.voter)}, "candidate_unit_id": {uiID(x.vp.ID)}}, nil)
			wantStatus(t, "vote", res, 303)
		}
		got = x.load(t, x.c.ID)
		res = e.formDo(admin, x.path(x.c)+"/conclude", url.Values{"version": {strconv.Itoa(got.Version)}, "decided_on": {"20/12/2027"}}, nil)
		wantStatus(t, "conclude", res, 303)
		if code, body := e.get(admin, x.path(x.c)); code != 200 || !strings.Contains(pageText(body), "Đơn vị dẫn đầu năm 2027: <strong>Văn phòng UBND tỉnh</strong>") || !strings.Contains(body, "/app/units/"+uiID(x.vp.ID)+"/history?year=2027") {
			t.Fatalf("leading unit on the cluster's page: %d", code)
		}
		if got := condition(); got != "có" {
			t.Fatalf("after the conclusion: %s", got)
		}
	})
}
