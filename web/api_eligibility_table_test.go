package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"thidua"
	"thidua/web/api"
)

// TestAPIEligibilityTable: GET /api/v1/eligibility pages by cursor, each
// person once, with the filters of the page; bad parameters are 422.
func TestAPIEligibilityTable(t *testing.T) {
	t.Parallel()
	e := newSQLiteEnv(t)
	get := func(q url.Values) (int, api.EligibilityTable, string) {
		code, _, body := e.apiDo(thidua.RoleOfficer, "GET", "/api/v1/eligibility?"+q.Encode(), "")
		var out api.EligibilityTable
		if code == http.StatusOK {
			if err := json.Unmarshal([]byte(body), &out); err != nil {
				t.Fatal(err)
			}
		}
		return code, out, body
	}
	q := url.Values{"year": {"2025"}, "as_of": {"31/12/2025"}, "limit": {"7"}}
	seen := map[int64]bool{}
	total, pages := -1, 0
	for {
		code, p, body := get(q)
		if code != http.StatusOK {
			t.Fatalf("%v: %d %s", q, code, body)
		}
		pages++
		total = p.Total
		if len(p.Awards) != 12 || p.Awards[0] != "LDTT" {
			t.Fatalf("awards %v", p.Awards)
		}
		for _, it := range p.Items {
			if seen[it.PersonID] || len(it.Verdicts) != len(p.Awards) {
				t.Fatalf("row %+v", it)
			}
			seen[it.PersonID] = true
		}
		if p.NextCursor == "" {
			break
		}
		q.Set("cursor", p.NextCursor)
	}
	if len(seen) != total || total < 30 || pages < 5 {
		t.Errorf("%d people in %d pages, total %d", len(seen), pages, total)
	}
	_, held, _ := get(url.Values{"year": {"2025"}, "as_of": {"31/12/2025"}, "verdict": {"on_hold"}, "award": {"LDTT"}})
	if held.Total != 1 || held.Items[0].Name != "Lê Văn Thành" || held.Items[0].Verdicts[0] != "on_hold" {
		t.Errorf("on hold for LĐTT: %+v", held)
	}
	for _, bad := range []url.Values{{"verdict": {"maybe"}}, {"award": {"XYZ"}}, {"leaders": {"co"}}, {"limit": {"0"}}, {"cursor": {"%%"}}} {
		if code, _, body := get(bad); code != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d %s", bad, code, body)
		}
	}
	if code, _, _ := get(url.Values{"unit_id": {"999999"}}); code != http.StatusNotFound {
		t.Errorf("unknown unit: %d", code)
	}
}
