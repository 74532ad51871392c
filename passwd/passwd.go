// Package passwd hashes and checks passwords with argon2id, in the PHC string
// format ($argon2id$v=19$m=…,t=…,p=…$salt$hash) so that parameters can be
// raised later without breaking stored hashes.
package passwd

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// Default follows the OWASP recommendation for argon2id (m=19 MiB, t=2, p=1).
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1}

const saltLen, keyLen = 16, 32

var b64 = base64.RawStdEncoding

// Hash returns the PHC-encoded argon2id hash of password.
func Hash(password string) (string, error) {
	return HashWith(Default, password)
}

// HashWith hashes with explicit parameters.
func HashWith(p Params, password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("passwd: salt: %w", err)
	}
	key := idKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// ErrMalformed is returned for a stored hash that cannot be read.
var ErrMalformed = errors.New("passwd: malformed hash")

// Check reports whether password matches the encoded hash.
func Check(encoded, password string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, ErrMalformed
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, ErrMalformed
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false, ErrMalformed
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, ErrMalformed
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, ErrMalformed
	}
	got := idKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// DummyCheck spends the same time as a real check, so that a sign-in with an
// unknown username cannot be told apart by its timing.
func DummyCheck(password string) {
	idKey([]byte(password), make([]byte, saltLen), Default.Time, Default.Memory, Default.Threads, keyLen)
}

// hashing admits one argon2id computation at a time in the process. Each
// takes its Memory (19 MiB by default) for the time it runs: unbounded, a
// burst of sign-ins (or a flood of wrong ones) would take as many blocks
// as requests; one at a time it takes one, and sign-ins queue for the
// tens of milliseconds each takes.
var hashing = make(chan struct{}, 1)

// argon2IDKey is argon2.IDKey; a test counts the computations running.
var argon2IDKey = argon2.IDKey

func idKey(password, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	hashing <- struct{}{}
	defer func() { <-hashing }()
	return argon2IDKey(password, salt, time, memory, threads, keyLen)
}
