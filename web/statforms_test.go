package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"thidua"
)

// TestStatForms downloads the three statutory forms for 2025 as the
// administrator (the province) and as the officer (their office only),
// refuses a bad year on the page keeping what was typed, and answers the
// API in scope.
func TestStatForms(t *testing.T) {
	forEachEnv(t, func(t *testing.T, e *testEnv) {
		units, _, err := e.DB.FindUnits(thidua.NewSystemContext(context.Background()), thidua.UnitFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var province, office int64
		for _, u := range units {
			switch u.Name {
			case "Ủy ban nhân dân tỉnh":
				province = u.ID
			case "Văn phòng UBND tỉnh":
				office = u.ID
			}
		}
		p, o := strconv.FormatInt(province, 10), strconv.FormatInt(office, 10)
		admin, officer := e.login(thidua.RoleAdmin), e.login(thidua.RoleOfficer)

		status, body := e.get(admin, "/app/stats/forms?year=2025&unit="+p)
		if status != http.StatusOK {
			t.Fatalf("forms page: %d", status)
		}
		for _, want := range []string{"0601.N/BNV-TĐKT", "0602.N/BNV-TĐKT", "0603.N/BNV-TĐKT", "SỐ PHONG TRÀO THI ĐUA"} {
			if !strings.Contains(body, want) {
				t.Errorf("forms page lacks %q", want)
			}
		}
		for _, form := range []string{"0601", "0602", "0603"} {
			for _, format := range []string{"xlsx", "pdf"} {
				resp, err := admin.Get(e.HTTP.URL + "/app/stats/forms/download?form=" + form + "&year=2025&unit=" + p + "&format=" + format)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				ct := resp.Header.Get("Content-Type")
				if resp.StatusCode != http.StatusOK || !strings.Contains(ct, map[string]string{"xlsx": "spreadsheetml", "pdf": "application/pdf"}[format]) {
					t.Errorf("%s.%s: %d %s", form, format, resp.StatusCode, ct)
				}
			}
		}
		// The officer reports for their office, not for the province.
		if status, _ := e.get(officer, "/app/stats/forms/download?form=0603&year=2025&unit="+p+"&format=xlsx"); status != http.StatusNotFound {
			t.Errorf("officer downloading the province's form: %d, want 404", status)
		}
		if status, _ := e.get(officer, "/app/stats/forms/download?form=0603&year=2025&unit="+o+"&format=pdf"); status != http.StatusOK {
			t.Errorf("officer downloading the office's form: %d", status)
		}
		// A bad year: a Vietnamese message and the typed value back.
		status, body = e.get(officer, "/app/stats/forms?year=20x5&unit="+o)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Năm báo cáo không hợp lệ") || !strings.Contains(body, `value="20x5"`) {
			t.Errorf("bad year: %d, message or typed value missing", status)
		}

		status, _, js := e.apiDo(thidua.RoleOfficer, "GET", "/api/v1/stat-forms?form=0602&year=2025&unit_id="+o, "")
		if status != http.StatusOK {
			t.Fatalf("api: %d %s", status, js)
		}
		var got struct {
			Form       string `json:"form"`
			ReportDate string `json:"report_date"`
			Rows       []struct {
				Code  string `json:"code"`
				Cells []int  `json:"cells"`
			} `json:"rows"`
		}
		if err := json.Unmarshal([]byte(js), &got); err != nil {
			t.Fatal(err)
		}
		if got.ReportDate != "2025-12-15" || len(got.Rows) == 0 || got.Rows[0].Code != "1" {
			t.Errorf("api answer: %s", js)
		}
		if status, _, _ := e.apiDo(thidua.RoleOfficer, "GET", "/api/v1/stat-forms?form=0602&year=2025&unit_id="+p, ""); status != http.StatusNotFound {
			t.Errorf("api, officer for the province: %d, want 404", status)
		}
		if status, _, body := e.apiDo(thidua.RoleOfficer, "GET", "/api/v1/stat-forms?form=0699&year=2025&unit_id="+o, ""); status/100 != 4 || !strings.Contains(body, "Biểu số không hợp lệ") {
			t.Errorf("api, bad form: %d %s", status, body)
		}
	})
}
