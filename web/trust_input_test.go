package web_test

import (
	"net/http"
	"strings"
	"testing"

	"thidua"
)

// TestUploadNameNormalized: the name of an uploaded file is stored and
// shown without its control and format characters (a right-to-left
// override makes "xlsx.exe" read "exe.xlsx"), Vietnamese letters kept.
func TestUploadNameNormalized(t *testing.T) {
	e := newSQLiteEnv(t)
	officer := e.login(thidua.RoleOfficer)
	data := workbookOf(t, "Cá nhân", webPeopleHead,
		[]any{"Lâm Văn Hậu", "14/02/1993", "Nam", hctcPath, "Văn thư", "", "Người lao động"})
	resp, _ := e.upload(officer, "Danh sa\u0301ch\u202E\u200B cá nhân\u200D.xlsx", data)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d", resp.StatusCode)
	}
	_, list := e.get(officer, "/app/imports")
	if !strings.Contains(list, "Danh sách cá nhân.xlsx") || strings.ContainsAny(list, "\u202E\u200B") {
		t.Fatalf("the list shows the name as:\n%s", list)
	}
}
