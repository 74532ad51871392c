package signing

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"

	"thidua"
)

// KeyEnv names the environment variable that holds the secret key.
const KeyEnv = "THIDUA_SECRET_KEY"

// ErrNoKey is the refusal when certificates are to be stored and the
// server was started without a secret key.
var ErrNoKey = thidua.Errorf(thidua.EINVALID, "Máy chủ chưa có khóa bí mật nên không lưu được chứng thư số. "+
	"Quản trị hệ thống cần đặt biến môi trường THIDUA_SECRET_KEY (hoặc cờ -secret-key) là 32 byte ngẫu nhiên viết dạng base64, "+
	"ví dụ tạo bằng lệnh: openssl rand -base64 32, rồi khởi động lại thidua.")

// Sealer encrypts secrets (the agency's PKCS#12 file and its password)
// with AES-256-GCM under the server's key. Its String never shows the key.
type Sealer struct{ aead cipher.AEAD }

// ParseKey reads a key written as base64 (standard or URL alphabet,
// padded or not) of exactly 32 bytes. The error never repeats the key.
func ParseKey(s string) (*Sealer, error) {
	s = strings.TrimSpace(s)
	var key []byte
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := enc.DecodeString(s); err == nil {
			key = b
			break
		}
	}
	if len(key) != 32 {
		return nil, fmt.Errorf("signing: %s must be 32 bytes in base64 (got %d bytes)", KeyEnv, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("signing: key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("signing: key: %w", err)
	}
	return &Sealer{aead: aead}, nil
}

// String hides the key from logs and dumps.
func (s *Sealer) String() string { return "<redacted>" }

// GoString hides the key from %#v.
func (s *Sealer) GoString() string { return "<redacted>" }

// Seal encrypts plain; label binds the ciphertext to its use (e.g.
// "certificate:3"), so that one sealed value cannot be passed off as
// another. The result is the nonce followed by the ciphertext.
func (s *Sealer) Seal(plain []byte, label string) []byte {
	nonce := make([]byte, s.aead.NonceSize())
	rand.Read(nonce)
	return s.aead.Seal(nonce, nonce, plain, []byte(label))
}

// Open decrypts what Seal made with the same label.
func (s *Sealer) Open(sealed []byte, label string) ([]byte, error) {
	n := s.aead.NonceSize()
	if len(sealed) < n {
		return nil, fmt.Errorf("signing: sealed value too short")
	}
	plain, err := s.aead.Open(nil, sealed[:n], sealed[n:], []byte(label))
	if err != nil {
		return nil, fmt.Errorf("signing: open sealed value: wrong key or altered data")
	}
	return plain, nil
}
