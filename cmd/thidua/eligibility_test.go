package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEligibilityCommand(t *testing.T) {
	req := `{"award": "CSTDCS", "year": 2024, "as_of": "2025-03-01", "province": "default",
	  "subject": {"kind": "individual", "gender": "female",
	    "ratings": [{"year": 2024, "rating": "HTXSNV"}], "titles": [], "awards": [], "initiatives": [],
	    "disciplines": [], "pending_proceedings": false, "maternity_leave": [], "members": []}}`
	var out, errOut bytes.Buffer
	if err := runIO(context.Background(), []string{"eligibility", "evaluate"}, strings.NewReader(req), &out, &errOut); err != nil {
		t.Fatalf("evaluate: %v (%s)", err, errOut.String())
	}
	var v struct {
		Award      string `json:"award"`
		Verdict    string `json:"verdict"`
		Conditions []struct {
			Rule     string `json:"rule"`
			Citation string `json:"citation"`
		} `json:"conditions"`
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out.String())
	}
	if v.Award != "CSTDCS" || v.Verdict == "" || len(v.Conditions) == 0 || v.Conditions[0].Citation == "" {
		t.Fatalf("verdict %+v", v)
	}
	if v.Verdict != "eligible" {
		t.Fatalf("CSTĐCS 2024 with HTXSNV 2024 (Luật 2022, Điều 23): verdict %s", v.Verdict)
	}
	// A bad code names its field, on one line.
	bad := strings.Replace(req, `"HTXSNV"`, `"XUATSAC"`, 1)
	err := runIO(context.Background(), []string{"eligibility", "evaluate"}, strings.NewReader(bad), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "subject.ratings[0]") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("bad rating: %v", err)
	}
	if err := runIO(context.Background(), []string{"eligibility"}, strings.NewReader(""), &out, &errOut); err == nil {
		t.Fatal("missing subcommand accepted")
	}
}

func TestEligibilityRulesDir(t *testing.T) {
	req := `{"award": "LDTT", "year": 2024, "as_of": "2025-03-01", "province": "thu-nghiem",
	  "subject": {"kind": "individual", "gender": "male",
	    "ratings": [{"year": 2024, "rating": "HTTNV"}], "titles": [], "awards": [], "initiatives": [],
	    "disciplines": [], "pending_proceedings": false, "maternity_leave": [], "members": []}}`
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "provinces"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A province profile laid over the embedded rules: it grades LĐTT's
	// rule C, so the firm answer becomes a review.
	profile := `{"id": "thu-nghiem", "name": "Thử nghiệm", "source": "thử", "params": {},
	  "rules": {"R-LDTT-01": {"grade": "C", "citation": "Dự thảo"}}, "council": {}}`
	if err := os.WriteFile(filepath.Join(dir, "provinces", "thu-nghiem.json"), []byte(profile), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := runIO(context.Background(), []string{"eligibility", "evaluate", "-rules-dir", dir}, strings.NewReader(req), &out, &errOut); err != nil {
		t.Fatalf("evaluate: %v (%s)", err, errOut.String())
	}
	if !strings.Contains(out.String(), `"verdict": "needs_review"`) {
		t.Fatalf("the profile from the folder was not applied:\n%s", out.String())
	}
	// A bad file stops the command with the file named.
	if err := os.WriteFile(filepath.Join(dir, "provinces", "hong.json"), []byte(`{"id": `), 0o644); err != nil {
		t.Fatal(err)
	}
	err := runIO(context.Background(), []string{"eligibility", "evaluate", "-rules-dir", dir}, strings.NewReader(req), &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "hong.json") {
		t.Fatalf("a broken profile: %v, want an error naming hong.json", err)
	}
	// serve refuses to start on it too.
	if _, err := parseServe([]string{"-rules-dir", dir}, &errOut); err == nil || !strings.Contains(err.Error(), "hong.json") {
		t.Fatalf("serve with a broken rules folder: %v", err)
	}
}
