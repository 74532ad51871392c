package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"thidua"
	"thidua/central"
	"thidua/demo"
	"thidua/demo/demotest"
	"thidua/report"
)

// minutesDocs renders the meetings' documents as fakeDocs does, naming the
// council, the agency and the nominees of the record.
type minutesDocs struct{ fakeDocs }

func (minutesDocs) MinutesPDF(w io.Writer, m *thidua.MeetingRecord) error {
	var names []string
	for _, n := range m.Nominees {
		names = append(names, n.Name)
	}
	_, err := fmt.Fprintf(w, "%%PDF-1.4 minutes %s agency=%s present=%d absent=%d voted=%d nominees=%s",
		m.Council.Name, strings.ReplaceAll(m.Agency, "\n", " / "), len(m.Present), len(m.Absent), m.Voted, strings.Join(names, ", "))
	return err
}

// The dossier ZIP of a proposal forwarded up the ladder, and what happens
// when the archive cannot be finished.

// demoForwarded returns the demo's Bằng khen proposal waiting at the
// province (demo/ladder.go) and the Office's proposal it came from.
func demoForwarded(t *testing.T, e *testEnv) (up, low *thidua.Proposal) {
	t.Helper()
	ps, _, err := e.DB.FindProposals(sysCtx(), thidua.ProposalFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.FromProposalID != 0 {
			up = p
		}
	}
	if up == nil {
		t.Fatal("the demo has no forwarded proposal")
	}
	if low, err = e.DB.FindProposalByID(sysCtx(), up.FromProposalID); err != nil || low.Title != demo.LadderTitle {
		t.Fatalf("the lower proposal: %v %v", low, err)
	}
	return up, low
}

// TestCentralDossierCarriesLowerMinutes: the province's dossier of the
// demo's forwarded proposal holds the minutes and the vote count of the
// Office's council meeting that passed its nominees (R-HS-01/02), which
// the province cannot open itself; its tờ trình is the Office's, addressed
// to UBND tỉnh and signed by the Office's head as the ladder's office
// settings name them.
func TestCentralDossierCarriesLowerMinutes(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		cfg := envConfig()
		cfg.Decisions = minutesDocs{}
		e := newEnv(t, o, cfg)
		up, low := demoForwarded(t, e)
		meetings, err := e.DB.FindMeetings(sysCtx(), e.officeCouncils()[0].ID)
		if err != nil || len(meetings) != 1 || meetings[0].Title != demo.LadderMeetingTitle {
			t.Fatalf("the Office's meetings: %v %v", meetings, err)
		}
		lowMeeting := meetings[0].ID
		province := e.as(demo.ProvinceOfficer.Username)
		if code, _ := province("GET", fmt.Sprintf("/api/v1/meetings/%d", lowMeeting), ""); code != http.StatusNotFound {
			t.Errorf("the province opens the Office's meeting: %d", code)
		}
		code, body := province("GET", fmt.Sprintf("/api/v1/proposals/%d/central-dossier", up.ID), "")
		if code != http.StatusOK {
			t.Fatalf("the province's dossier: %d %s", code, body)
		}
		files := unzip(t, []byte(body))
		var manifest struct {
			Files []struct{ Name, Kind string }
		}
		if err := json.Unmarshal(files["manifest.json"], &manifest); err != nil {
			t.Fatal(err)
		}
		kinds := map[string]string{}
		for _, f := range manifest.Files {
			kinds[f.Name] = f.Kind
		}
		minutes, count := fmt.Sprintf("bien-ban-hop-hoi-dong-%d.pdf", lowMeeting), fmt.Sprintf("bien-ban-kiem-phieu-%d.pdf", lowMeeting)
		if kinds[minutes] != "bien_ban" || kinds[count] != "kiem_phieu" || !bytes.HasPrefix(files[minutes], []byte("%PDF-")) {
			t.Fatalf("the dossier lacks the Office council's minutes and vote count: %v", kinds)
		}
		// The record the minutes are made from is the Office meeting's whole.
		text := string(files[minutes])
		for _, want := range []string{demo.CouncilName, "Hoàng Thị Bích Ngọc", "Lý Thị Vân", "present=5 absent=0 voted=5", "/ VĂN PHÒNG UBND TỈNH present"} {
			if !strings.Contains(text, want) {
				t.Errorf("the carried minutes do not say %q: %s", want, text)
			}
		}
		if got := string(files[count]); !strings.Contains(got, "rows=2") {
			t.Errorf("the carried vote count: %s", got)
		}
		// The office's own dossier of the lower proposal holds them too.
		code, body = e.as("thiduakt")("GET", fmt.Sprintf("/api/v1/proposals/%d/central-dossier", low.ID), "")
		if code != http.StatusOK || unzip(t, []byte(body))[minutes] == nil {
			t.Errorf("the Office's dossier of its own proposal: %d, minutes missing", code)
		}

		tool, err := exec.LookPath("pdftotext")
		if err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatal("pdftotext not found; install poppler-utils")
			}
			t.Skip("pdftotext not found: the documents' text is not checked")
		}
		sub := strings.Join(strings.Fields(pdfToText(t, tool, files["to-trinh.pdf"])), " ")
		for _, want := range []string{"Kính gửi: Ủy ban nhân dân tỉnh", "CHÁNH VĂN PHÒNG", "Trần Quốc Bình", "VĂN PHÒNG UBND TỈNH"} {
			if !strings.Contains(sub, want) {
				t.Errorf("the tờ trình does not say %q: %s", want, sub)
			}
		}
		if strings.Contains(sub, "Thủ tướng") || strings.Contains(sub, "THỦ TRƯỞNG CƠ QUAN") {
			t.Errorf("the province-bound tờ trình is addressed to the centre or unsigned: %s", sub)
		}
	})
}

// TestCentralDossierCutShort: a stored file that cannot be read once the
// archive has begun ends the download as a broken transfer — the client
// never gets a complete 200 without its manifest — and the server goes on
// answering; the same proposal's dossier is whole again once the file is.
func TestCentralDossierCutShort(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		p, _ := centralProposal(t, e)
		ws := e.login(thidua.RoleOfficer)
		url := e.HTTP.URL + fmt.Sprintf("/app/proposals/%d/central-dossier.zip", p.ID)
		stored, err := e.DB.Files().Get(context.Background(), "central-test-report")
		if err != nil {
			t.Fatal(err)
		}
		if err := e.DB.Files().Delete(context.Background(), "central-test-report"); err != nil {
			t.Fatal(err)
		}
		resp, err := ws.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		body, readErr := io.ReadAll(resp.Body)
		resp.Body.Close()
		if readErr == nil {
			t.Errorf("the cut-short dossier read to its end (%d, %d bytes): the client cannot tell it is incomplete", resp.StatusCode, len(body))
		}
		if zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body))); err == nil {
			for _, f := range zr.File {
				if f.Name == "manifest.json" {
					t.Errorf("the cut-short dossier has a manifest")
				}
			}
		}
		// The server still answers, and the dossier is whole again.
		if code, _ := e.get(ws, "/app"); code != http.StatusOK {
			t.Errorf("after the abort: %d", code)
		}
		if err := e.DB.Files().Put(context.Background(), "central-test-report", stored); err != nil {
			t.Fatal(err)
		}
		resp, err = ws.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		body, err = io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || unzip(t, body)["manifest.json"] == nil {
			t.Errorf("the dossier once the file is back: %d %v", resp.StatusCode, err)
		}
	})
}

// unzip reads every file of a ZIP archive.
func unzip(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a ZIP archive: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}

// failingDocs cannot render the tờ trình, the dossier's first entry.
type failingDocs struct{ report.Central }

func (failingDocs) SubmissionPDF(io.Writer, *central.Submission) error {
	return errors.New("renderer out of order")
}

// TestCentralDossierFailsBeforeStarting: what fails before the first byte
// (here the tờ trình, rendered before the archive begins) is an ordinary
// error answer, whole and readable, not the start of a ZIP.
func TestCentralDossierFailsBeforeStarting(t *testing.T) {
	demotest.ForEach(t, func(t *testing.T, o *demotest.Office) {
		cfg := envConfig()
		cfg.CentralDocs = failingDocs{}
		e := newEnv(t, o, cfg)
		p, _ := centralProposal(t, e)
		resp, err := e.login(thidua.RoleOfficer).Get(e.HTTP.URL + fmt.Sprintf("/app/proposals/%d/central-dossier.zip", p.ID))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusInternalServerError || resp.Header.Get("Content-Type") == "application/zip" ||
			!strings.Contains(string(body), "Lỗi hệ thống") {
			t.Errorf("a failing tờ trình: %d %s, read error %v: %.200s", resp.StatusCode, resp.Header.Get("Content-Type"), err, body)
		}
	})
}
