package service

import (
	"sync"
	"time"
)

// loginLimiter counts failed sign-ins per username and per client address in
// a sliding window. It lives in this process only: with several replicas each
// keeps its own counts, so the effective limit is per replica (documented in
// docs/operations.md). It holds no state another replica needs.
type loginLimiter struct {
	mu       sync.Mutex
	now      func() time.Time
	window   time.Duration
	perUser  int
	perAddr  int
	failures map[string][]time.Time
}

func newLoginLimiter(now func() time.Time) *loginLimiter {
	return &loginLimiter{now: now, window: 15 * time.Minute, perUser: 10, perAddr: 50,
		failures: map[string][]time.Time{}}
}

// blocked reports whether another attempt for user from addr must wait, and
// how long.
func (l *loginLimiter) blocked(user, addr string) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, k := range []struct {
		key   string
		limit int
	}{{"u:" + user, l.perUser}, {"a:" + addr, l.perAddr}} {
		ts := l.recent(k.key, now)
		if len(ts) >= k.limit {
			return true, ts[0].Add(l.window).Sub(now)
		}
	}
	return false, 0
}

func (l *loginLimiter) fail(user, addr string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	for _, key := range []string{"u:" + user, "a:" + addr} {
		l.failures[key] = append(l.recent(key, now), now)
	}
	if len(l.failures) > 100_000 { // bound memory under a spray of names
		for k := range l.failures {
			if len(l.recent(k, now)) == 0 {
				delete(l.failures, k)
			}
		}
	}
}

// succeed forgets the user's failures (not the address's: one right guess
// must not reset a spray from that address).
func (l *loginLimiter) succeed(user string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, "u:"+user)
}

func (l *loginLimiter) recent(key string, now time.Time) []time.Time {
	ts := l.failures[key]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= l.window {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.failures, key)
	} else {
		l.failures[key] = ts
	}
	return ts
}
