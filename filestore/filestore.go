// Package filestore keeps uploaded files in a local folder, one file per
// key, written atomically (temporary file, then rename).
package filestore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"thidua"
)

// Dir stores files under a folder.
type Dir struct {
	root string
}

var _ thidua.FileStore = (*Dir)(nil)

// NewDir returns a store in folder root, creating it when missing.
func NewDir(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o750); err != nil {
		return nil, fmt.Errorf("filestore: %w", err)
	}
	return &Dir{root: root}, nil
}

var keyRE = regexp.MustCompile(`^[a-zA-Z0-9_-]{8,128}$`)

func (d *Dir) path(key string) (string, error) {
	if !keyRE.MatchString(key) {
		return "", fmt.Errorf("filestore: invalid key %q", key)
	}
	// Two levels of fan-out keep folders small.
	return filepath.Join(d.root, key[:2], key), nil
}

// Put writes data under key.
func (d *Dir) Put(ctx context.Context, key string, data []byte) error {
	p, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("filestore: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("filestore: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("filestore: %w", err)
	}
	return os.Rename(tmp.Name(), p)
}

// Get reads key.
func (d *Dir) Get(ctx context.Context, key string) ([]byte, error) {
	p, err := d.path(key)
	if err != nil {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy tệp.")
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy tệp.")
	}
	return b, err
}

// Delete removes key.
func (d *Dir) Delete(ctx context.Context, key string) error {
	p, err := d.path(key)
	if err != nil {
		return nil
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
