package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"thidua"
)

// postFile posts one file to a proposal's dossier form.
func postFile(t *testing.T, e *testEnv, c *http.Client, proposalID int64, kind, name string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("kind", kind)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write(data)
	mw.Close()
	resp, err := c.Post(e.HTTP.URL+"/app/proposals/"+itoa(proposalID)+"/files", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func itoa(n int64) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func TestDossierFiles(t *testing.T) {
	e := newSQLiteEnv(t)
	sys := thidua.NewSystemContext(context.Background())
	ps, _, err := e.DB.FindProposals(sys, thidua.ProposalFilter{State: thidua.ProposalDraft})
	if err != nil || len(ps) == 0 {
		t.Fatalf("the demo has no draft proposal: %v", err)
	}
	p := ps[0]
	head := e.login(thidua.RoleUnitHead)
	pdf := []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")

	// A renamed text file is refused by content; nothing is stored.
	resp, body := postFile(t, e, head, p.ID, "BIEN_BAN", "bien-ban.pdf", []byte("đây không phải PDF"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "không khớp với phần mở rộng") {
		t.Fatalf("fake PDF: %d", resp.StatusCode)
	}
	if files, _ := e.DB.FindProposalFiles(sys, p.ID); len(files) != 0 {
		t.Fatalf("refused upload stored %d files", len(files))
	}
	resp, _ = postFile(t, e, head, p.ID, "BIEN_BAN", "Biên bản họp.pdf", pdf)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	files, _ := e.DB.FindProposalFiles(sys, p.ID)
	if len(files) != 1 || files[0].Name != "Biên bản họp.pdf" || files[0].Kind != "BIEN_BAN" {
		t.Fatalf("stored %+v", files)
	}
	if code, page := e.get(head, "/app/proposals/"+itoa(p.ID)); code != 200 || !strings.Contains(page, "Biên bản họp.pdf") {
		t.Fatalf("proposal page does not list the file (%d)", code)
	}
	officer := e.login(thidua.RoleOfficer)
	code, got := e.get(officer, "/app/proposal-files/"+itoa(files[0].ID))
	if code != 200 || got != string(pdf) {
		t.Fatalf("download: %d %q", code, got)
	}
	// Staff of another unit cannot read it.
	staff := e.login(thidua.RoleStaff)
	if code, _ := e.get(staff, "/app/proposal-files/"+itoa(files[0].ID)); code != http.StatusNotFound {
		t.Fatalf("staff of another unit downloads: %d", code)
	}
	// Delete, then the page no longer lists it.
	resp, _ = e.postForm(head, "/app/proposal-files/"+itoa(files[0].ID)+"/delete", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if files, _ := e.DB.FindProposalFiles(sys, p.ID); len(files) != 0 {
		t.Fatalf("after delete: %d files", len(files))
	}
	// An unknown kind is refused.
	if resp, _ := postFile(t, e, head, p.ID, "XYZ", "a.pdf", pdf); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("unknown kind: %d", resp.StatusCode)
	}
}
