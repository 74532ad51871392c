package signin_test

import (
	"strings"
	"testing"
	"time"

	"thidua/signin"
)

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func TestThrottleRuleWait(t *testing.T) {
	r := signin.AccountThrottle
	for _, tc := range []struct {
		name     string
		failures int
		ago      time.Duration
		want     time.Duration
	}{
		{"no failure", 0, 0, 0},
		{"four failures", 4, 0, 0},
		{"five failures just now", 5, 0, time.Minute},
		{"five failures 40 s ago", 5, 40 * time.Second, 20 * time.Second},
		{"five failures a minute ago", 5, time.Minute, 0},
		{"six failures just now", 6, 0, 2 * time.Minute},
		{"eight failures just now", 8, 0, 8 * time.Minute},
		{"twelve failures: the cap", 12, 0, time.Hour},
		{"a thousand failures: the cap", 1000, 0, time.Hour},
		// Six failures 61 minutes ago leak one: five remain, and the last
		// was long ago.
		{"six failures an hour ago", 6, 61 * time.Minute, 0},
		{"thirty failures a day ago: forgotten", 30, 30 * time.Hour, 0},
	} {
		c := signin.ThrottleCounter{Failures: tc.failures, Last: t0.Add(-tc.ago)}
		if got := r.Wait(c, t0); got != tc.want {
			t.Errorf("%s: Wait=%v, want %v", tc.name, got, tc.want)
		}
	}
	c := signin.ThrottleCounter{Failures: 7, Last: t0}
	if got := r.Current(c, t0.Add(2*time.Hour+time.Minute)); got != 5 {
		t.Errorf("Current after two hours = %d, want 5 (one per hour forgotten)", got)
	}
	if got := r.Charge(c, t0.Add(3*time.Hour)); got.Failures != 5 || !got.Last.Equal(t0.Add(3*time.Hour)) {
		t.Errorf("Charge = %+v, want 5 failures at the charge's time", got)
	}
}

func TestJudge(t *testing.T) {
	keys := signin.NewKeys(" Admin ", "203.0.113.7", "")
	if keys.Account != "user:admin" || keys.Address != "ip:203.0.113.7" || keys.Device != "" {
		t.Fatalf("keys %+v", keys)
	}
	if long := signin.NewKeys(strings.Repeat("a", 5000), "x", "d"); len(long.Account) > 110 || long.Device != "device:d" {
		t.Errorf("keys of a 5,000-letter name: %+v", long)
	}
	device := signin.NewKeys("admin", "203.0.113.7", "nonce")
	locked := signin.ThrottleCounter{Failures: 40, Last: t0}
	busy := signin.ThrottleCounter{Failures: 100, Last: t0}

	// An unknown device: charged to the account and the address.
	v := signin.Judge(keys, signin.Counters{}, t0)
	if v.Wait != 0 || v.KnownDevice || v.Charge != (signin.Keys{Account: keys.Account, Address: keys.Address}) {
		t.Errorf("fresh unknown device: %+v", v)
	}
	// The account's lockout refuses an unknown device …
	if v := signin.Judge(keys, signin.Counters{Account: locked}, t0); v.Wait != time.Hour || v.Charge != (signin.Keys{}) {
		t.Errorf("unknown device, locked account: %+v, want a wait of an hour and no charge", v)
	}
	// … but not a known device, whatever the account's and the address's
	// counters say; only the device's counter is charged.
	v = signin.Judge(device, signin.Counters{Account: locked, Address: busy, Device: signin.ThrottleCounter{Failures: 4, Last: t0}}, t0)
	if v.Wait != 0 || !v.KnownDevice || v.Charge != (signin.Keys{Device: device.Device}) {
		t.Errorf("known device, locked account, busy address: %+v, want it let through and charged to the device", v)
	}
	// A device that failed five times is unknown again.
	v = signin.Judge(device, signin.Counters{Account: locked, Device: signin.ThrottleCounter{Failures: 5, Last: t0}}, t0)
	if v.Wait == 0 || v.KnownDevice {
		t.Errorf("device with five failures, locked account: %+v, want refused", v)
	}
	// Twenty failures from one address do not lock the accounts behind it:
	// the next attempt waits a second.
	v = signin.Judge(keys, signin.Counters{Address: signin.ThrottleCounter{Failures: 20, Last: t0}}, t0)
	if v.Wait != time.Second {
		t.Errorf("after 20 failures from the address: wait %v, want 1s", v.Wait)
	}
	if v := signin.Judge(keys, signin.Counters{Address: signin.ThrottleCounter{Failures: 20, Last: t0}}, t0.Add(time.Second)); v.Wait != 0 {
		t.Errorf("a second later: wait %v, want 0", v.Wait)
	}
	// The longer of the two waits counts.
	v = signin.Judge(keys, signin.Counters{Account: signin.ThrottleCounter{Failures: 5, Last: t0}, Address: busy}, t0)
	if v.Wait != 15*time.Minute {
		t.Errorf("account and address both throttled: wait %v, want the address's 15 min", v.Wait)
	}

	c := signin.Charge(signin.Verdict{Charge: signin.Keys{Account: "a", Address: "b"}}, signin.Counters{Account: signin.ThrottleCounter{Failures: 2, Last: t0}}, t0)
	if c.Account.Failures != 3 || c.Address.Failures != 1 || c.Device.Failures != 0 {
		t.Errorf("Charge: %+v", c)
	}
}

// An attacker who tries one account as early as the rule lets it, for a
// day, from any number of addresses, gets few guesses; a whole day of one
// address spraying many accounts gets a bounded number too.
func TestThrottleBudget(t *testing.T) {
	budget := func(r signin.ThrottleRule) int {
		var c signin.ThrottleCounter
		n := 0
		for now := t0; now.Before(t0.Add(24 * time.Hour)); {
			if w := r.Wait(c, now); w > 0 {
				now = now.Add(w)
				continue
			}
			c = r.Charge(c, now)
			n++
			now = now.Add(time.Millisecond)
		}
		return n
	}
	acc, addr := budget(signin.AccountThrottle), budget(signin.AddressThrottle)
	t.Logf("guesses in 24 h: %d at one account, %d from one address", acc, addr)
	if acc > 40 {
		t.Errorf("%d guesses a day at one account, want at most 40", acc)
	}
	if addr > 400 {
		t.Errorf("%d guesses a day from one address, want at most 400", addr)
	}
}
