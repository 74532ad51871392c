package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"thidua"

	"github.com/xuri/excelize/v2"
)

// This file checks that a campaign's participation data (registrations,
// evidence, attachments, scores, the ranking and the exports made of them)
// follows the reader's organization scope, as people do: the probe counts
// what a reader gets of the registrations of units outside their grants.

// outsideRegs splits the registrations of campaign c into those of u's
// scope (the units under u's grants, and u's own) and the others, by ID.
// It is written out here rather than taken from the domain so that a
// mistake in the domain's rule cannot hide a leak.
func (e *testEnv) outsideRegs(u *thidua.User, c *thidua.Campaign) (inside, outside map[int64]*thidua.Registration) {
	e.t.Helper()
	regs, err := e.DB.FindRegistrations(sysCtx(), c.ID)
	if err != nil {
		e.t.Fatal(err)
	}
	inside, outside = map[int64]*thidua.Registration{}, map[int64]*thidua.Registration{}
	for _, r := range regs {
		in := r.PersonID != 0 && r.PersonID == u.PersonID
		for _, g := range u.Grants {
			if g.Role == thidua.RoleAdmin || strings.HasPrefix(r.UnitPath, g.UnitPath) {
				in = true
			}
		}
		if in {
			inside[r.ID] = r
		} else {
			outside[r.ID] = r
		}
	}
	return inside, outside
}

// leakCount is what one reader got of other units' registrations, by route.
type leakCount struct {
	tried int            // requests sent
	by    map[string]int // route → objects of other units returned
}

func (l leakCount) total() int {
	n := 0
	for _, v := range l.by {
		n += v
	}
	return n
}

func (l leakCount) String() string {
	var parts []string
	for _, k := range []string{"registrations", "registration", "evidence", "scores", "results", "progress", "page", "lists", "results.xlsx", "report.xlsx", "report.pdf"} {
		if l.by[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, l.by[k]))
		}
	}
	return fmt.Sprintf("%d objects of other units in %d requests (%s)", l.total(), l.tried, strings.Join(parts, ", "))
}

// probeParticipation reads the demo campaign as role through every route
// that returns participation data and counts the objects of registrations
// outside the role's scope it gets: registrations, evidence items, scores,
// ranking rows, progress rows and export rows.
func probeParticipation(t *testing.T, e *testEnv, role thidua.Role) leakCount {
	t.Helper()
	u := e.roleUser(role)
	c := e.demoCampaign()
	_, outside := e.outsideRegs(u, c)
	if len(outside) == 0 {
		t.Fatalf("%s: every registration of the demo campaign is in scope; the probe needs some outside", role)
	}
	l := leakCount{by: map[string]int{}}
	api := func(path string, v any) bool {
		l.tried++
		code, _, body := e.apiDo(role, http.MethodGet, path, "")
		if code != http.StatusOK {
			return false
		}
		if err := json.Unmarshal([]byte(body), v); err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		return true
	}
	var regs struct {
		Items []thidua.Registration `json:"items"`
	}
	if api(fmt.Sprintf("/api/v1/campaigns/%d/registrations", c.ID), &regs) {
		for _, r := range regs.Items {
			if outside[r.ID] != nil {
				l.by["registrations"]++
			}
		}
	}
	outsideUnits := map[int64]bool{}
	for id, r := range outside {
		outsideUnits[r.UnitID] = true
		var reg thidua.Registration
		if api(fmt.Sprintf("/api/v1/registrations/%d", id), &reg) {
			l.by["registration"]++
		}
		var evs struct {
			Items []thidua.Evidence `json:"items"`
		}
		if api(fmt.Sprintf("/api/v1/registrations/%d/evidence", id), &evs) {
			l.by["evidence"] += len(evs.Items)
		}
	}
	// A unit is outside when all its registrations are.
	insideRegs, _ := e.outsideRegs(u, c)
	for _, r := range insideRegs {
		delete(outsideUnits, r.UnitID)
	}
	var scores struct {
		Items []thidua.Score `json:"items"`
	}
	if api(fmt.Sprintf("/api/v1/campaigns/%d/scores", c.ID), &scores) {
		for _, s := range scores.Items {
			if outside[s.RegistrationID] != nil {
				l.by["scores"]++
			}
		}
	}
	var results struct {
		Items []thidua.Result `json:"items"`
	}
	if api(fmt.Sprintf("/api/v1/campaigns/%d/results", c.ID), &results) {
		for _, r := range results.Items {
			if r.Registration != nil && outside[r.Registration.ID] != nil {
				l.by["results"]++
			}
		}
	}
	var progress struct {
		Items []thidua.CampaignProgress `json:"items"`
	}
	if api(fmt.Sprintf("/api/v1/campaigns/%d/progress", c.ID), &progress) {
		for _, p := range progress.Items {
			if outsideUnits[p.UnitID] {
				l.by["progress"]++
			}
		}
	}

	// The pages and the exports.
	client := e.login(role)
	for id := range outside {
		l.tried++
		if code, _ := e.get(client, fmt.Sprintf("/app/registrations/%d", id)); code == http.StatusOK {
			l.by["page"]++
		}
	}
	for _, path := range []string{"/app/campaigns/%d/ranking", "/app/campaigns/%d/registrations"} {
		l.tried++
		code, body := e.get(client, fmt.Sprintf(path, c.ID))
		if code != http.StatusOK {
			continue
		}
		for id := range outside {
			if strings.Contains(body, fmt.Sprintf(`href="/app/registrations/%d"`, id)) {
				l.by["lists"]++
			}
		}
	}
	names := outsideNames(e, u, c)
	for _, x := range []struct{ key, path string }{
		{"results.xlsx", "/app/exports/campaigns/%d/results.xlsx"},
		{"report.xlsx", "/app/campaigns/%d/report.xlsx"},
	} {
		l.tried++
		code, body := e.get(client, fmt.Sprintf(x.path, c.ID))
		if code != http.StatusOK {
			continue
		}
		l.by[x.key] += countXLSXNames(t, []byte(body), names)
	}
	if tool, err := exec.LookPath("pdftotext"); err == nil {
		l.tried++
		if code, body := e.get(client, fmt.Sprintf("/app/campaigns/%d/report.pdf", c.ID)); code == http.StatusOK {
			text := pdfToText(t, tool, []byte(body))
			for name := range names {
				if strings.Contains(text, name) {
					l.by["report.pdf"]++
				}
			}
		}
	} else if os.Getenv("CI") == "true" {
		t.Fatal("pdftotext not found; install poppler-utils to check the PDF report")
	} else {
		t.Log("pdftotext not found: the PDF report is not probed (install poppler-utils)")
	}
	return l
}

// outsideNames returns the names of the registrations outside u's scope
// that no registration inside it shares, to look for in the exports.
func outsideNames(e *testEnv, u *thidua.User, c *thidua.Campaign) map[string]bool {
	inside, outside := e.outsideRegs(u, c)
	names := map[string]bool{}
	for _, r := range outside {
		names[r.Name] = true
	}
	for _, r := range inside {
		delete(names, r.Name)
		delete(names, r.UnitName)
	}
	return names
}

// countXLSXNames counts the cells of every sheet of the workbook whose
// value is one of names.
func countXLSXNames(t *testing.T, b []byte, names map[string]bool) int {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("open xlsx: %v", err)
	}
	defer f.Close()
	n := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if names[strings.TrimSpace(cell)] {
					n++
				}
			}
		}
	}
	return n
}

func pdfToText(t *testing.T, tool string, pdf []byte) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-raw", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestParticipationScope probes, as the staff member of Phòng Tổng hợp,
// the editor and the head of Phòng Hành chính – Tổ chức, every route that
// returns the demo campaign's participation data, and wants none of the
// registrations of other units, their evidence, scores or export rows.
func TestParticipationScope(t *testing.T) {
	t.Parallel()
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		for _, role := range []thidua.Role{thidua.RoleStaff, thidua.RoleEditor, thidua.RoleUnitHead} {
			l := probeParticipation(t, e, role)
			if t.Logf("%s (%s): %s", e.Accounts[role].Username, role, l); l.total() != 0 {
				t.Errorf("%s reads %s", e.Accounts[role].Username, l)
			}
		}
	})
}

// needPDFToText returns the path of pdftotext, or skips (fails under
// CI=true) when it is missing.
func needPDFToText(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		msg := "pdftotext not found; install poppler-utils to check the PDF's text"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return p
}

// TestParticipationScopeAgrees checks, for every demo account on both
// databases, that the storage's SQL filters (lists of registrations and
// scores, progress) select exactly what the domain's rule
// (thidua.User.ParticipationScope) gives, and that the lookups of one
// registration, its evidence and its attachments agree with it.
func TestParticipationScopeAgrees(t *testing.T) {
	t.Parallel()
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		sys := sysCtx()
		c := e.demoCampaign()
		all, err := e.DB.FindRegistrations(sys, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		allScores, err := e.DB.FindScores(sys, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		reviewers, err := e.DB.FindReviewers(sys, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, role := range demoRoles {
			u := e.roleUser(role)
			ctx := thidua.NewContextWithUser(context.Background(), u)
			reviewer := false
			for _, r := range reviewers {
				reviewer = reviewer || r.ID == u.ID
			}
			scope := u.ParticipationScope(c, reviewer)
			want := map[int64]bool{}
			for _, r := range all {
				if scope.Includes(r) {
					want[r.ID] = true
				}
			}
			got, err := e.DB.FindRegistrations(ctx, c.ID)
			if err != nil {
				t.Fatalf("%s: %v", role, err)
			}
			if len(got) != len(want) {
				t.Errorf("%s: SQL lists %d registrations, the domain's rule %d", role, len(got), len(want))
			}
			for _, r := range got {
				if !want[r.ID] {
					t.Errorf("%s: SQL lists %s, outside the rule", role, r.Name)
				}
			}
			for _, r := range all {
				_, err := e.DB.FindRegistrationByID(ctx, r.ID)
				_, everr := e.DB.FindEvidence(ctx, r.ID)
				if (err == nil) != want[r.ID] || (everr == nil) != want[r.ID] {
					t.Errorf("%s: registration %s: lookup %v, evidence %v; the rule says %v", role, r.Name, err, everr, want[r.ID])
				}
				if !want[r.ID] && thidua.ErrorCode(err) != thidua.ENOTFOUND {
					t.Errorf("%s: registration %s outside the scope: %v, want not found", role, r.Name, err)
				}
				evs, _ := e.DB.FindEvidence(sys, r.ID)
				for _, ev := range evs {
					for _, a := range ev.Attachments {
						if _, _, err := e.DB.FindAttachment(ctx, a.ID); (err == nil) != want[r.ID] {
							t.Errorf("%s: attachment %q of %s: %v; the rule says %v", role, a.Name, r.Name, err, want[r.ID])
						}
					}
				}
			}
			scores, err := e.DB.FindScores(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			wantScores := 0
			for _, s := range allScores {
				if want[s.RegistrationID] {
					wantScores++
				}
			}
			for _, s := range scores {
				if !want[s.RegistrationID] {
					t.Errorf("%s: SQL lists a score of registration %d, outside the rule", role, s.RegistrationID)
				}
			}
			if len(scores) != wantScores {
				t.Errorf("%s: SQL lists %d scores, the rule %d", role, len(scores), wantScores)
			}
			progress, err := e.DB.Progress(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, p := range progress {
				n += p.Registered
			}
			if n != len(want) {
				t.Errorf("%s: progress counts %d registrations, the rule %d", role, n, len(want))
			}
			// The dashboard's totals of every campaign the user sees, in
			// one query, count what Progress counts campaign by campaign.
			cs, _, err := e.DB.FindCampaigns(ctx, thidua.CampaignFilter{Limit: 200})
			if err != nil {
				t.Fatal(err)
			}
			totals, err := e.DB.ProgressTotals(ctx, cs)
			if err != nil {
				t.Fatal(err)
			}
			for _, oc := range cs {
				progress, err := e.DB.Progress(ctx, oc.ID)
				if err != nil {
					t.Fatal(err)
				}
				var sum thidua.CampaignProgress
				for _, p := range progress {
					sum.Registered += p.Registered
					sum.Approved += p.Approved
					sum.WithEvidence += p.WithEvidence
					sum.Scored += p.Scored
				}
				if totals[oc.ID] != sum {
					t.Errorf("%s, %s: progress totals %+v, Progress sums to %+v", role, oc.Title, totals[oc.ID], sum)
				}
			}
		}
	})
}

// TestPublishedRanking closes the demo campaign with its ranking published
// inside the agency: the staff member then sees every row of the ranking
// with names, totals and ranks, but the scores per criterion, the evidence
// and the scores of other units stay out of reach. Without the setting the
// closed campaign's ranking stays in scope.
func TestPublishedRanking(t *testing.T) {
	t.Parallel()
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		c := e.demoCampaign()
		staff := e.roleUser(thidua.RoleStaff)
		inside, outside := e.outsideRegs(staff, c)
		if len(outside) == 0 || len(inside) == 0 {
			t.Fatalf("the probe needs registrations inside and outside the staff's scope")
		}
		// The officer turns the setting on through the API, then closes.
		in := thidua.CampaignInput{Title: c.Title, Form: c.Form, Kind: c.Kind, UnitID: c.UnitID, ScopeUnitID: c.ScopeUnitID,
			PlanRef: c.Plan.String(), PlanDate: c.PlanDate, Signer: c.Signer, SignerPost: c.SignerPost,
			StartDate: c.StartDate, EndDate: c.EndDate, Objectives: c.Objectives, Participants: c.Participants,
			Awards: c.Awards, Aggregation: c.Aggregation, ExcludeConflicts: c.ExcludeConflicts, PublishRanking: true, Version: c.Version}
		body, _ := json.Marshal(in)
		code, _, resp := e.apiDo(thidua.RoleOfficer, http.MethodPut, fmt.Sprintf("/api/v1/campaigns/%d", c.ID), string(body))
		var updated thidua.Campaign
		if code != http.StatusOK || json.Unmarshal([]byte(resp), &updated) != nil || !updated.PublishRanking {
			t.Fatalf("PUT publish_ranking: %d %.300s", code, resp)
		}
		entries, _, err := e.DB.FindAuditEntries(sysCtx(), thidua.AuditFilter{Entity: "campaign", EntityID: c.ID, Limit: 1})
		if err != nil || len(entries) == 0 || !strings.Contains(string(entries[0].After), `"publish_ranking":true`) ||
			!strings.Contains(string(entries[0].Before), `"publish_ranking":false`) {
			t.Fatalf("the setting's change is not in the audit log: %v %+v", err, entries)
		}
		// Before the campaign is closed, the setting publishes nothing.
		if n := countResults(t, e, c.ID, outside); n != 0 {
			t.Errorf("results before closing show %d rows of other units", n)
		}
		c = e.demoCampaign()
		code, _, resp = e.apiDo(thidua.RoleOfficer, http.MethodPost, fmt.Sprintf("/api/v1/campaigns/%d/transitions", c.ID),
			fmt.Sprintf(`{"action":"close","version":%d}`, c.Version))
		if code != http.StatusOK {
			t.Fatalf("close: %d %.300s", code, resp)
		}
		if n := countResults(t, e, c.ID, outside); n == 0 {
			t.Errorf("the published ranking shows no row of other units")
		}
		var res struct {
			Items []thidua.Result `json:"items"`
		}
		_, _, resp = e.apiDo(thidua.RoleStaff, http.MethodGet, fmt.Sprintf("/api/v1/campaigns/%d/results", c.ID), "")
		if err := json.Unmarshal([]byte(resp), &res); err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Items {
			if inside[r.Registration.ID] != nil {
				continue
			}
			if r.Registration.ID != 0 || r.Registration.Name == "" || r.Rank == 0 || len(r.Registration.Commitments) != 0 {
				t.Errorf("published row %+v: want a name and a rank without the registration", r.Registration)
			}
			for _, cr := range r.Criteria {
				if cr.Scored || cr.Final != 0 || cr.Self != 0 {
					t.Errorf("published row of %s shows scores per criterion: %+v", r.Registration.Name, cr)
				}
			}
		}
		// Evidence, scores and registration pages stay in scope.
		l := probeParticipation(t, e, thidua.RoleStaff)
		for _, k := range []string{"registrations", "registration", "evidence", "scores", "progress", "page"} {
			if l.by[k] != 0 {
				t.Errorf("with the ranking published, %s of other units: %d", k, l.by[k])
			}
		}
		// The ranking page names them without linking to them.
		client := e.login(thidua.RoleStaff)
		_, page := e.get(client, fmt.Sprintf("/app/campaigns/%d/ranking", c.ID))
		for id, r := range outside {
			if strings.Contains(page, fmt.Sprintf(`href="/app/registrations/%d"`, id)) {
				t.Errorf("the published ranking links to %s", r.Name)
			}
		}
		if !strings.Contains(page, fmt.Sprintf(`href="/app/registrations/%d"`, firstID(inside))) {
			t.Errorf("the ranking page does not link to the staff's own registrations")
		}
	})
}

// countResults counts the rows of the campaign's results the staff member
// gets of the registrations outside their scope, by name.
func countResults(t *testing.T, e *testEnv, campaignID int64, outside map[int64]*thidua.Registration) int {
	t.Helper()
	names := map[string]bool{}
	for _, r := range outside {
		names[r.Name] = true
	}
	var res struct {
		Items []thidua.Result `json:"items"`
	}
	code, _, body := e.apiDo(thidua.RoleStaff, http.MethodGet, fmt.Sprintf("/api/v1/campaigns/%d/results", campaignID), "")
	if code != http.StatusOK || json.Unmarshal([]byte(body), &res) != nil {
		t.Fatalf("results: %d %.300s", code, body)
	}
	n := 0
	for _, r := range res.Items {
		if outside[r.Registration.ID] != nil || (r.Registration.ID == 0 && names[r.Registration.Name]) {
			n++
		}
	}
	return n
}

func firstID(m map[int64]*thidua.Registration) int64 {
	for id := range m {
		return id
	}
	return 0
}
