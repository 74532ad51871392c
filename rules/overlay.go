package rules

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"testing/fstest"
	"time"
)

// Embedded returns the rule files built into the binary: procedure.json,
// rules/*.json and provinces/*.json.
func Embedded() fs.FS {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return sub
}

// Open loads the rule files of base with the files of the folder dir laid
// over them, so that a province changes its rules without a rebuild: a file
// of dir with the same path as one of base (procedure.json,
// rules/forms.json, provinces/bac-ninh.json…) replaces it, any other
// procedure.json, rules/*.json, provinces/*.json or base_salary/*.json
// file of dir is added.
// dir "" loads base alone. Every condition is type-checked as Load does; an
// error names the file (with dir for a file of the folder), the rule and
// the condition, so a bad file stops the start.
func Open(base fs.FS, dir string) (*Engine, error) {
	if dir == "" {
		return Load(base)
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("rules: rules folder: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("rules: rules folder %s is not a directory", dir)
	}
	files := map[string][]byte{}
	for _, pattern := range []string{"procedure.json", "rules/*.json", "provinces/*.json", "base_salary/*.json"} {
		names, err := fs.Glob(os.DirFS(dir), pattern)
		if err != nil {
			return nil, fmt.Errorf("rules: %w", err)
		}
		for _, name := range names {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				return nil, fmt.Errorf("rules: %w", err)
			}
			files[name] = b
		}
	}
	return loadOverlay(base, files, dir)
}

// LoadDir is Open over the embedded rule files.
func LoadDir(dir string) (*Engine, error) { return Open(Embedded(), dir) }

// WithFiles returns a new engine loaded from e's files with files laid
// over them, keyed by their path in the rule tree ("provinces/x.json",
// "rules/extra.json"): for checking an uploaded profile and previewing
// what it changes (DiffVerdicts) before it is applied. e is unchanged.
func (e *Engine) WithFiles(files map[string][]byte) (*Engine, error) {
	for name := range files {
		if !ruleFilePath(name) {
			return nil, fmt.Errorf("rules: %s: not a rule file path (procedure.json, rules/*.json, provinces/*.json or base_salary/*.json)", name)
		}
	}
	return loadOverlay(e.src, files, "")
}

func ruleFilePath(name string) bool {
	if name == "procedure.json" {
		return true
	}
	dir, file := path.Split(name)
	return (dir == "rules/" || dir == "provinces/" || dir == "base_salary/") && strings.HasSuffix(file, ".json") && !strings.Contains(file, "/")
}

func loadOverlay(base fs.FS, files map[string][]byte, dir string) (*Engine, error) {
	if base == nil {
		return nil, errors.New("rules: no base rule files")
	}
	m := fstest.MapFS{}
	err := fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(base, p)
		m[p] = &fstest.MapFile{Data: b, ModTime: time.Time{}}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	o := &overlay{MapFS: m, from: map[string]string{}}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		m[name] = &fstest.MapFile{Data: files[name]}
		if dir != "" {
			o.from[name] = filepath.Join(dir, filepath.FromSlash(name))
		} else {
			o.from[name] = name + " (tệp tải lên)"
		}
	}
	return Load(o)
}

// overlay is the merged rule tree; it knows where each laid-over file came
// from, so errors name it.
type overlay struct {
	fstest.MapFS
	from map[string]string
}

func (o *overlay) source(name string) string {
	if s, ok := o.from[name]; ok {
		return s
	}
	return name
}

// sourceName is how Load names a file in errors: its path in fsys, or
// where an overlay took it from.
func sourceName(fsys fs.FS, name string) string {
	if o, ok := fsys.(*overlay); ok {
		return o.source(name)
	}
	return name
}
