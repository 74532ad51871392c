package thidua

import (
	"context"
	"thidua/signin"
	"time"
)

// Session is a signed-in browser session. Only a hash of its secret token
// is stored, so a copy of the database cannot be used to sign in.
type Session struct {
	TokenHash string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// APIToken is a personal token for the JSON API, stored hashed.
type APIToken struct {
	ID         int64     `json:"id"`
	UserID     int64     `json:"user_id"`
	Name       string    `json:"name"`
	TokenHash  string    `json:"-"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
}

// Validate checks the token's name.
func (t *APIToken) Validate() error {
	var v Validation
	checkLen(&v, "name", "Tên khóa", t.Name, true, 100)
	return v.Err()
}

// AuthStore keeps what signing in needs, in the shared database so that any
// node can check a session, a token or a throttling counter.
type AuthStore interface {
	// FindUserByUsername returns the account (with its grants) or ENOTFOUND.
	FindUserByUsername(ctx context.Context, username string) (*User, error)
	// RecordLogin stores the time of a successful sign-in and audits it.
	RecordLogin(ctx context.Context, userID int64) error

	CreateSession(ctx context.Context, s *Session) error
	// FindSessionUser returns the user of a live session, or EUNAUTHORIZED.
	FindSessionUser(ctx context.Context, tokenHash string) (*User, error)
	DeleteSession(ctx context.Context, tokenHash string) error

	// BeginSignIn judges a sign-in attempt by its counters (signin.Judge)
	// and, unless it is refused, charges it to them as a failure, atomically:
	// N parallel attempts get no more than the rule allows.
	BeginSignIn(ctx context.Context, keys signin.Keys) (signin.Verdict, error)
	// SignInSucceeded takes back the charge of an attempt whose password
	// was right.
	SignInSucceeded(ctx context.Context, v signin.Verdict) error
	// ServerKey returns a secret every node shares, made on first use.
	ServerKey(ctx context.Context, name string) ([]byte, error)

	// CreateAPIToken stores t for the user in ctx.
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// FindAPITokens lists the tokens of the user in ctx.
	FindAPITokens(ctx context.Context) ([]*APIToken, error)
	// DeleteAPIToken removes a token of the user in ctx (ENOTFOUND otherwise).
	DeleteAPIToken(ctx context.Context, id int64) error
	// FindAPITokenUser returns the owner of a token, or EUNAUTHORIZED.
	FindAPITokenUser(ctx context.Context, tokenHash string) (*User, error)
}
