package thidua

import "context"

// FileStore keeps uploaded files (evidence attachments) by key. The web
// layer checks authorization before reading; the store only stores.
type FileStore interface {
	// Put stores data under key, replacing nothing (keys are random).
	Put(ctx context.Context, key string, data []byte) error
	// Get returns the data of key, or ENOTFOUND.
	Get(ctx context.Context, key string) ([]byte, error)
	// Delete removes key; a missing key is not an error.
	Delete(ctx context.Context, key string) error
}
