package report_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"thidua/report"
)

// TestPDFFontNames: pdffonts (poppler) lists each embedded face once per
// document under a subset name, "ABCDEF+LiberationSerif-Bold": a tag of six
// capital letters, "+", the face's own PostScript name, so that bold,
// italic and regular are told apart by name.
func TestPDFFontNames(t *testing.T) {
	tool := needTool(t, "pdffonts")
	var stats, decision bytes.Buffer
	if err := (report.Exporter{}).StatsPDF(&stats, statsReport()); err != nil {
		t.Fatal(err)
	}
	if err := report.DecisionPDF(&decision, buildDecision(), report.DecisionOptions{}); err != nil {
		t.Fatal(err)
	}
	subset := regexp.MustCompile(`^[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?$`)
	for name, pdf := range map[string][]byte{"statistics": stats.Bytes(), "decision": decision.Bytes()} {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "x.pdf")
			os.WriteFile(f, pdf, 0o644)
			out, err := exec.Command(tool, f).CombinedOutput()
			if err != nil {
				t.Fatalf("pdffonts: %v\n%s", err, out)
			}
			t.Logf("pdffonts:\n%s", out)
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 3 {
				t.Fatalf("pdffonts lists no font:\n%s", out)
			}
			seen := map[string]bool{}
			faces := map[string]bool{}
			for _, l := range lines[2:] { // after the header and the rule
				fields := strings.Fields(l)
				name := fields[0]
				if !subset.MatchString(name) {
					t.Errorf("font %q is not named TAG+PostScriptName", name)
					continue
				}
				if seen[name] {
					t.Errorf("font %q listed twice", name)
				}
				seen[name] = true
				faces[name[7:]] = true
				if !strings.Contains(l, " yes ") {
					t.Errorf("font %q is not embedded: %s", name, l)
				}
			}
			if !faces["LiberationSerif"] || !faces["LiberationSerif-Bold"] {
				t.Errorf("faces %v: want at least regular and bold, each by its own name", faces)
			}
		})
	}
}
