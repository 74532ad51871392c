package thidua_test

import (
	"bufio"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The house rules of the source tree, checked on every run: no package
// grows past maxPackageLines non-test lines (the storage adapter past
// maxStorageLines) — a package that does is split by area into
// sub-packages under its folder; the faces of the web (workspace, API,
// portal) never import one another; and the web reaches the eligibility
// engine only through the service it is given, never through the engine's
// package-level singleton.
const (
	maxPackageLines = 6000
	maxStorageLines = 7500
)

// goPackage is one folder of Go files of the module.
type goPackage struct {
	dir     string // slash-separated, relative to the module root
	lines   int    // non-test lines
	imports map[string][]string
	files   map[string][]byte
}

func modulePackages(t *testing.T) map[string]*goPackage {
	t.Helper()
	pkgs := map[string]*goPackage{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "data") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		p := pkgs[dir]
		if p == nil {
			p = &goPackage{dir: dir, imports: map[string][]string{}, files: map[string][]byte{}}
			pkgs[dir] = p
		}
		sc := bufio.NewScanner(strings.NewReader(string(src)))
		for sc.Scan() {
			p.lines++
		}
		f, err := parser.ParseFile(fset, path, src, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			ip, _ := strconv.Unquote(imp.Path.Value)
			p.imports[ip] = append(p.imports[ip], path)
		}
		p.files[path] = src
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("found %d packages: not run from the module root?", len(pkgs))
	}
	return pkgs
}

func TestPackageSize(t *testing.T) {
	for _, p := range modulePackages(t) {
		limit := maxPackageLines
		if p.dir == "sqldb" {
			limit = maxStorageLines
		}
		if p.lines > limit {
			t.Errorf("package %s has %d non-test lines, more than %d: split it by area into sub-packages", p.dir, p.lines, limit)
		}
	}
}

// faceOf names the web face a package belongs to ("" outside the faces).
func faceOf(dir string) string {
	for _, face := range []string{"web/workspace", "web/api", "web/portal"} {
		if dir == face || strings.HasPrefix(dir, face+"/") {
			return face
		}
	}
	return ""
}

func TestWebFacesApart(t *testing.T) {
	pkgs := modulePackages(t)
	faces := 0
	for _, p := range pkgs {
		from := faceOf(p.dir)
		if from != "" {
			faces++
		}
		for ip, files := range p.imports {
			dir, ok := strings.CutPrefix(ip, "thidua/")
			if !ok {
				continue
			}
			if to := faceOf(dir); to != "" && from != "" && to != from {
				t.Errorf("%s imports %s: one face of the web never imports another (shared code goes to web/kit or the domain)", files[0], ip)
			}
			if dir == "web/kit" || dir == "web/assets" {
				continue
			}
			if (p.dir == "web/kit" || p.dir == "web/assets") && strings.HasPrefix(dir, "web") {
				t.Errorf("%s imports %s: the shared kit imports no face", files[0], ip)
			}
		}
	}
	if faces < 3 {
		t.Fatalf("found %d face packages under web/, want the workspace, the API and the portal", faces)
	}
}

func TestWebUsesNoEngineSingleton(t *testing.T) {
	var bad []string
	for _, p := range modulePackages(t) {
		if p.dir != "web" && !strings.HasPrefix(p.dir, "web/") {
			continue
		}
		for path, src := range p.files {
			if strings.Contains(string(src), "rules.Default()") {
				bad = append(bad, path)
			}
		}
	}
	slices.Sort(bad)
	for _, path := range bad {
		t.Errorf("%s calls rules.Default(): the web is given the eligibility service, it does not reach for the engine", path)
	}
}
