package kit

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strconv"
	"time"
)

// FormatWait writes how long to wait before trying again, rounded up:
// "30 giây", "2 phút".
func FormatWait(d time.Duration) string {
	if secs := (d + time.Second - 1) / time.Second; secs < 60 {
		return strconv.Itoa(max(int(secs), 1)) + " giây"
	}
	return strconv.Itoa(int((d+time.Minute-1)/time.Minute)) + " phút"
}

// NewToken returns a random secret and its SHA-256 hash (what is stored).
func NewToken(prefix string) (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = prefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token)
}

func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func urlUnescape(s string) (string, error) { return url.QueryUnescape(s) }
