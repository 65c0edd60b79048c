package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var cst = time.FixedZone("CST", 8*3600)

func sampleEntry() Entry {
	return Entry{
		Seq:        7,
		ID:         "01900000-0000-7000-8000-000000000001",
		At:         time.Date(2026, 11, 25, 10, 13, 50, 123456789, cst),
		ActorID:    "u1",
		Actor:      "张三",
		Role:       "ADMIN",
		Action:     "department.create",
		TargetType: "department",
		TargetID:   "d1",
		After:      json.RawMessage(`{ "name": "<市场监管>", "code": "A&B", "n": 1.50, "nested": {"z": 1, "a": [true, null]} }`),
		ClientAddr: "10.0.0.1",
	}
}

// The canonical form written out by hand: keys sorted, no whitespace, no HTML
// escaping, the time in UTC with six digits, numbers as written, empty
// strings kept and the absent before as null.
const sampleCanonical = `{"action":"department.create","actor":"张三","actor_id":"u1",` +
	`"after":{"code":"A&B","n":1.50,"name":"<市场监管>","nested":{"a":[true,null],"z":1}},` +
	`"at":"2026-11-25T02:13:50.123456Z","before":null,"client_addr":"10.0.0.1",` +
	`"id":"01900000-0000-7000-8000-000000000001","request_id":"","role":"ADMIN","seq":7,` +
	`"target_id":"d1","target_type":"department"}`

func TestCanonical(t *testing.T) {
	base := sampleEntry()
	tests := []struct {
		name string
		edit func(*Entry)
		want string
	}{
		{"sorted keys, no HTML escaping, microseconds in UTC", func(*Entry) {}, sampleCanonical},
		{"null before and after", func(e *Entry) { e.After = nil; e.Before = json.RawMessage("null") },
			strings.Replace(sampleCanonical, `{"code":"A&B","n":1.50,"name":"<市场监管>","nested":{"a":[true,null],"z":1}}`, "null", 1)},
		{"whole seconds still get six digits", func(e *Entry) { e.At = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
			strings.Replace(sampleCanonical, "2026-11-25T02:13:50.123456Z", "2026-01-02T03:04:05.000000Z", 1)},
		{"before is canonicalised too", func(e *Entry) { e.Before = json.RawMessage(" {\"b\" : 2 ,\"a\":\"x<y\"} ") },
			strings.Replace(sampleCanonical, `"before":null`, `"before":{"a":"x<y","b":2}`, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := base
			tt.edit(&e)
			got, err := Canonical(e)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("canonical:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestCanonicalRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Entry)
	}{
		{"invalid JSON", func(e *Entry) { e.After = json.RawMessage(`{"a":`) }},
		{"two JSON values", func(e *Entry) { e.Before = json.RawMessage(`{} {}`) }},
		{"invalid UTF-8 in a field", func(e *Entry) { e.Actor = "\xff" }},
		{"invalid UTF-8 in JSON", func(e *Entry) { e.After = json.RawMessage("{\"a\":\"\xff\"}") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := sampleEntry()
			tt.edit(&e)
			if _, err := Canonical(e); err == nil {
				t.Fatal("want an error")
			}
		})
	}
}

func TestComputeHash(t *testing.T) {
	sum := sha256.Sum256([]byte(GenesisHash + sampleCanonical))
	want := hex.EncodeToString(sum[:])
	got, err := ComputeHash(GenesisHash, sampleEntry())
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("hash %s, want %s", got, want)
	}
	// Pinned so that any change to the canonical form is noticed: it would
	// invalidate every chain already stored.
	const pinned = "c9917c7c5ce6ce300f17fa9eb6df8692ace2c1e8f4f7907684a5676de94b7bc0"
	if got != pinned {
		t.Fatalf("hash %s, pinned %s", got, pinned)
	}
	other := sampleEntry()
	other.Seq = 8
	if h, _ := ComputeHash(GenesisHash, other); h == got {
		t.Fatal("seq is not covered by the hash")
	}
	if h, _ := ComputeHash(want, sampleEntry()); h == got {
		t.Fatal("prev hash is not covered by the hash")
	}
	for _, bad := range []string{"", "00", strings.ToUpper(want), strings.Repeat("g", 64)} {
		if _, err := ComputeHash(bad, sampleEntry()); err == nil {
			t.Errorf("prev hash %q accepted", bad)
		}
	}
}

func TestCanonicalJSON(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" null ", ""},
		{`{"b":1e3,"a":"&"}`, `{"a":"&","b":1e3}`},
		{`[3, 2]`, `[3,2]`},
	}
	for _, tt := range tests {
		got, err := CanonicalJSON(json.RawMessage(tt.in))
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if string(got) != tt.want || (tt.want == "" && got != nil) {
			t.Errorf("CanonicalJSON(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
