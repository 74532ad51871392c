package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The independent readers the interoperability tests drive (exceljs opens
// every workbook, axe-core checks pages) are npm packages pinned in
// testdata/readers/package.json and package-lock.json; .ci/run installs
// them there with npm ci.
const readersDir = "testdata/readers"

// readerModule returns the path of file inside the installed npm package
// pkg, or skips the test (fails it when CI=true) when it is not installed.
func readerModule(t *testing.T, pkg, file string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(readersDir, "node_modules", pkg, file))
	if err == nil {
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	skipOrFail(t, "the reader test needs the npm package "+pkg+": run `npm ci` in cmd/thidua/"+readersDir+" (.ci/run does)")
	return ""
}

// nodeJS returns the path of node, or skips the test (fails it when
// CI=true) when it is not installed.
func nodeJS(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		skipOrFail(t, "the reader test needs Node.js: install Debian's nodejs and npm (apt-get install nodejs npm)")
	}
	return p
}

func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "; CI must not skip it")
	}
	t.Skip("skipping: " + msg)
}
