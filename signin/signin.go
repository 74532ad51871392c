// Package signin holds the rule of sign-in throttling: which attempts wait
// and for how long, judged from the counters storage keeps.
package signin

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Sign-in throttling follows OWASP's "Blocking Brute Force Attacks" with
// device cookies. Three kinds of counters judge an attempt:
//
//   - the account's, for attempts from devices not known to the account;
//   - the address's, for the same attempts, against one address spraying
//     guesses over many accounts;
//   - the device's, for attempts from a browser that holds a device cookie
//     from an earlier successful sign-in to the account.
//
// A known device is judged by its own counter only, so neither a lockout
// of the account (anyone can cause one) nor a busy address (every user
// behind one proxy shares it) keeps the user out; a device that fails too
// often is no longer known and falls under the account's lockout. Every
// other attempt is judged by the account and the address. Counters never
// refuse outright for long: after the free failures each attempt waits a
// delay that doubles with each further failure, up to a cap, and a counter
// forgets one failure per leak interval.
//
// This is the rule; storage keeps the counters, and charges an attempt to
// them in the same transaction that judges it, so that parallel guesses get
// no more than the rule allows.

// ThrottleRule is how one kind of counter throttles sign-in attempts: the
// first Free failures cost nothing; once a counter holds Free failures or
// more, the next attempt waits Base after the last failure, twice as long
// for each failure beyond Free, at most Max. A counter forgets one failure
// per Leak since its last failure.
type ThrottleRule struct {
	Free      int
	Base, Max time.Duration
	Leak      time.Duration
}

// The throttling rules of sign-in.
var (
	// AccountThrottle: five free failures, then 1 min, 2 min, 4 min … up to
	// an hour between attempts; one failure forgotten per hour. An attacker
	// gets about 30 guesses a day at one account, from any number of
	// addresses.
	AccountThrottle = ThrottleRule{Free: 5, Base: time.Minute, Max: time.Hour, Leak: time.Hour}
	// AddressThrottle: twenty free failures, then 1 s, 2 s, 4 s … up to 15
	// minutes; one failure forgotten per five minutes, so that the typing
	// mistakes of a whole office behind one proxy never add up to a wait.
	AddressThrottle = ThrottleRule{Free: 20, Base: time.Second, Max: 15 * time.Minute, Leak: 5 * time.Minute}
	// DeviceThrottle: a known device stays known for five failures (one
	// forgotten per hour); after that its attempts are judged like an
	// unknown device's.
	DeviceThrottle = ThrottleRule{Free: 5, Leak: time.Hour}
)

// ThrottleCounter is the stored state of one counter.
type ThrottleCounter struct {
	Failures int
	Last     time.Time // of the last failure charged
}

// Current returns the failures c still counts at now.
func (rule ThrottleRule) Current(c ThrottleCounter, now time.Time) int {
	n := c.Failures
	if n <= 0 {
		return 0
	}
	if rule.Leak <= 0 || !now.After(c.Last) {
		return n
	}
	if gone := now.Sub(c.Last) / rule.Leak; gone < time.Duration(n) {
		return n - int(gone)
	}
	return 0
}

// Wait returns how long an attempt judged by c must still wait at now (0:
// it may go on).
func (rule ThrottleRule) Wait(c ThrottleCounter, now time.Time) time.Duration {
	n := rule.Current(c, now)
	if n < rule.Free || rule.Base <= 0 {
		return 0
	}
	delay := rule.Max
	if k := n - rule.Free; k < 32 {
		if d := rule.Base << k; d < rule.Max {
			delay = d
		}
	}
	if left := c.Last.Add(delay).Sub(now); left > 0 {
		return left
	}
	return 0
}

// Charge returns c with one more failure at now.
func (rule ThrottleRule) Charge(c ThrottleCounter, now time.Time) ThrottleCounter {
	return ThrottleCounter{Failures: rule.Current(c, now) + 1, Last: now}
}

// Keys names the counters of one sign-in attempt ("" for none).
type Keys struct {
	Account string
	Address string
	Device  string // set only for a valid device cookie of the account
}

// NewKeys returns the account and address keys of an attempt to
// sign in as username from address (device is the device cookie's id, or
// ""). Names too long to be an account are hashed so that keys stay small.
func NewKeys(username, address, device string) Keys {
	k := Keys{Account: throttleKey("user:", strings.ToLower(strings.TrimSpace(username))), Address: throttleKey("ip:", address)}
	if device != "" {
		k.Device = throttleKey("device:", device)
	}
	return k
}

func throttleKey(prefix, s string) string {
	if len(s) <= 100 {
		return prefix + s
	}
	sum := sha256.Sum256([]byte(s))
	return prefix + "#" + hex.EncodeToString(sum[:])
}

// Counters holds the stored counters of an attempt's keys (zero for
// a key that has none).
type Counters struct {
	Account, Address, Device ThrottleCounter
}

// Verdict is what the rule decides about one attempt.
type Verdict struct {
	// Wait > 0 refuses the attempt without looking at the password; it may
	// be tried again after Wait.
	Wait time.Duration
	// KnownDevice: judged by the device's counter only.
	KnownDevice bool
	// Charge names the counters the attempt is charged to, as a failure,
	// until its password proves right; then the account's and the
	// device's start again from zero and the address's takes the one
	// failure back.
	Charge Keys
}

// Judge decides an attempt with keys whose counters are c, at now.
func Judge(keys Keys, c Counters, now time.Time) Verdict {
	if keys.Device != "" && DeviceThrottle.Current(c.Device, now) < DeviceThrottle.Free {
		return Verdict{KnownDevice: true, Charge: Keys{Device: keys.Device}}
	}
	if wait := max(AccountThrottle.Wait(c.Account, now), AddressThrottle.Wait(c.Address, now)); wait > 0 {
		return Verdict{Wait: wait}
	}
	return Verdict{Charge: Keys{Account: keys.Account, Address: keys.Address}}
}

// Charge returns the counters after an attempt judged v is charged.
func Charge(v Verdict, c Counters, now time.Time) Counters {
	if v.Charge.Account != "" {
		c.Account = AccountThrottle.Charge(c.Account, now)
	}
	if v.Charge.Address != "" {
		c.Address = AddressThrottle.Charge(c.Address, now)
	}
	if v.Charge.Device != "" {
		c.Device = DeviceThrottle.Charge(c.Device, now)
	}
	return c
}
