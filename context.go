package thidua

import "context"

type ctxKey int

const (
	userKey ctxKey = iota
	systemKey
	ipKey
)

// NewContextWithUser returns ctx carrying the signed-in user.
func NewContextWithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFromContext returns the signed-in user, or nil.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey).(*User)
	return u
}

// NewSystemContext returns ctx marked as acting for the system itself (the
// command line, the demo loader, start-up tasks): no scope limits apply and
// the audit log names "hệ thống" as the actor.
func NewSystemContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, systemKey, true)
}

// IsSystemContext reports whether ctx acts for the system.
func IsSystemContext(ctx context.Context) bool {
	v, _ := ctx.Value(systemKey).(bool)
	return v
}

// NewContextWithIP records the client address for the audit log.
func NewContextWithIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, ipKey, ip)
}

// IPFromContext returns the client address recorded in ctx.
func IPFromContext(ctx context.Context) string {
	s, _ := ctx.Value(ipKey).(string)
	return s
}
