package sqldb

import (
	"context"
	"fmt"

	"thidua"
)

// blobStore keeps uploaded files in the database, so that every node of a
// multi-server deployment sees them.
type blobStore struct{ db *DB }

// Files returns a FileStore backed by the file_blobs table.
func (db *DB) Files() thidua.FileStore { return blobStore{db} }

func (s blobStore) Put(ctx context.Context, key string, data []byte) error {
	_, err := s.db.db.ExecContext(ctx, `INSERT INTO file_blobs (key, data, created_at) VALUES ($1, $2, $3)`, key, data, s.db.Now().UTC())
	if err != nil {
		return fmt.Errorf("sqldb: put file: %w", s.db.dialect.mapError(err))
	}
	return nil
}

func (s blobStore) Get(ctx context.Context, key string) ([]byte, error) {
	var data []byte
	err := s.db.db.QueryRowContext(ctx, `SELECT data FROM file_blobs WHERE key = $1`, key).Scan(&data)
	if isNoRows(err) {
		return nil, thidua.Errorf(thidua.ENOTFOUND, "Không tìm thấy tệp.")
	}
	return data, err
}

func (s blobStore) Delete(ctx context.Context, key string) error {
	_, err := s.db.db.ExecContext(ctx, `DELETE FROM file_blobs WHERE key = $1`, key)
	return err
}
