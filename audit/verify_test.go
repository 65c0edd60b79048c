package audit

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// chain builds n linked entries.
func chain(t *testing.T, n int) []Entry {
	t.Helper()
	start := time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)
	out := make([]Entry, n)
	for i := range out {
		out[i] = Entry{
			Seq:        int64(i + 1),
			ID:         fmt.Sprintf("id-%d", i+1),
			At:         start.Add(time.Duration(i) * time.Second),
			ActorID:    "u1",
			Actor:      "admin",
			Role:       "ADMIN",
			Action:     "department.update",
			TargetType: "department",
			TargetID:   fmt.Sprintf("d%d", i%3),
			Before:     json.RawMessage(fmt.Sprintf(`{"sortOrder":%d}`, i)),
			After:      json.RawMessage(fmt.Sprintf(`{"sortOrder":%d}`, i+1)),
		}
	}
	rehash(t, out, 0)
	return out
}

// rehash recomputes prev_hash and hash from index i on, as an attacker who
// knows the algorithm would.
func rehash(t *testing.T, es []Entry, i int) {
	t.Helper()
	for ; i < len(es); i++ {
		prev := GenesisHash
		if i > 0 {
			prev = es[i-1].Hash
		}
		h, err := ComputeHash(prev, es[i])
		if err != nil {
			t.Fatal(err)
		}
		es[i].PrevHash, es[i].Hash = prev, h
	}
}

func headOf(es []Entry) *Head {
	if len(es) == 0 {
		return &Head{Seq: 0, Hash: GenesisHash}
	}
	return &Head{Seq: es[len(es)-1].Seq, Hash: es[len(es)-1].Hash}
}

type scenario struct {
	entries []Entry
	head    *Head
	cps     []Checkpoint
}

func verify(t *testing.T, pub ed25519.PublicKey, s scenario) Report {
	t.Helper()
	v := NewVerifier(pub)
	for _, cp := range s.cps {
		if err := v.AddCheckpoint(cp, "test"); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range s.entries {
		if err := v.Add(e); err != nil {
			if _, ok := err.(*Break); !ok {
				t.Fatalf("Add returned %T, want *Break", err)
			}
			break
		}
	}
	return v.Finish(s.head)
}

func TestVerifier(t *testing.T) {
	key := testKey(t)
	pub := key.Public().(ed25519.PublicKey)
	checkpoint := func(t *testing.T, e Entry) Checkpoint {
		cp, err := Sign(key, Checkpoint{ID: fmt.Sprintf("cp-%d", e.Seq), Seq: e.Seq, Hash: e.Hash, At: e.At.Add(time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		return cp
	}
	const n = 10
	tests := []struct {
		name       string
		tamper     func(t *testing.T, s *scenario)
		wantSeq    int64
		wantReason Reason
	}{
		{"intact", func(*testing.T, *scenario) {}, 0, ""},
		{"field changed", func(_ *testing.T, s *scenario) { s.entries[3].Action = "department.delete" }, 4, Changed},
		{"after changed", func(_ *testing.T, s *scenario) { s.entries[3].After = json.RawMessage(`{"sortOrder":99}`) }, 4, Changed},
		{"time changed by a microsecond", func(_ *testing.T, s *scenario) { s.entries[3].At = s.entries[3].At.Add(time.Microsecond) }, 4, Changed},
		{"changed and its own hash recomputed", func(t *testing.T, s *scenario) {
			s.entries[3].Actor = "mallory"
			s.entries[3].Hash, _ = ComputeHash(s.entries[3].PrevHash, s.entries[3])
		}, 4, Changed},
		{"prev hash changed", func(_ *testing.T, s *scenario) { s.entries[5].PrevHash = GenesisHash }, 6, Changed},
		{"first entry's prev hash changed and rehashed", func(t *testing.T, s *scenario) {
			s.entries[0].PrevHash = strings.Repeat("1", 64)
			s.entries[0].Hash, _ = ComputeHash(s.entries[0].PrevHash, s.entries[0])
		}, 1, Changed},
		{"middle entry removed", func(_ *testing.T, s *scenario) {
			s.entries = append(s.entries[:4:4], s.entries[5:]...)
		}, 5, Removed},
		{"first entries removed", func(_ *testing.T, s *scenario) { s.entries = s.entries[2:] }, 1, Removed},
		{"two entries swapped", func(_ *testing.T, s *scenario) {
			s.entries[2], s.entries[6] = s.entries[6], s.entries[2]
			s.entries[2].Seq, s.entries[6].Seq = 3, 7
		}, 3, Reordered},
		{"neighbours swapped", func(_ *testing.T, s *scenario) {
			s.entries[4], s.entries[5] = s.entries[5], s.entries[4]
			s.entries[4].Seq, s.entries[5].Seq = 5, 6
		}, 5, Reordered},
		{"entry inserted and the rest renumbered", func(t *testing.T, s *scenario) {
			forged := s.entries[4]
			forged.ID, forged.Action = "forged", "user.create"
			rest := append([]Entry{forged}, s.entries[4:]...)
			for i := range rest {
				rest[i].Seq = int64(5 + i)
			}
			rest[0].PrevHash = s.entries[3].Hash
			rest[0].Hash, _ = ComputeHash(rest[0].PrevHash, rest[0])
			s.entries = append(s.entries[:4:4], rest...)
			s.head = headOf(s.entries)
		}, 5, Inserted},
		{"duplicate seq in the stream", func(_ *testing.T, s *scenario) {
			s.entries = append(s.entries[:5:5], s.entries[4:]...)
		}, 5, Reordered},
		{"tail deleted, head left", func(_ *testing.T, s *scenario) { s.entries = s.entries[:7] }, 8, Removed},
		{"tail deleted, head reset, caught by a checkpoint", func(t *testing.T, s *scenario) {
			s.cps = []Checkpoint{checkpoint(t, s.entries[8])}
			s.entries = s.entries[:7]
			s.head = headOf(s.entries)
		}, 8, Removed},
		{"everything deleted, head reset, caught by a checkpoint", func(t *testing.T, s *scenario) {
			s.cps = []Checkpoint{checkpoint(t, s.entries[8])}
			s.entries = nil
			s.head = headOf(nil)
		}, 1, Removed},
		{"entries beyond the head", func(_ *testing.T, s *scenario) { s.head = headOf(s.entries[:8]) }, 9, Inserted},
		{"last entry changed and rehashed, head kept", func(t *testing.T, s *scenario) {
			s.entries[n-1].Action = "x"
			s.entries[n-1].Hash, _ = ComputeHash(s.entries[n-1].PrevHash, s.entries[n-1])
		}, n, Changed},
		{"head missing", func(_ *testing.T, s *scenario) { s.head = nil }, n + 1, Removed},
		{"whole chain recomputed, caught by a checkpoint", func(t *testing.T, s *scenario) {
			s.cps = []Checkpoint{checkpoint(t, s.entries[1]), checkpoint(t, s.entries[6])}
			s.entries[3].Action = "rewritten"
			rehash(t, s.entries, 0)
			s.head = headOf(s.entries)
		}, 7, Rewritten},
		{"forged checkpoint", func(t *testing.T, s *scenario) {
			cp := checkpoint(t, s.entries[4])
			cp.At = cp.At.Add(time.Hour)
			s.cps = []Checkpoint{cp}
		}, 5, Forged},
		{"forged checkpoint beyond the head", func(t *testing.T, s *scenario) {
			cp := checkpoint(t, s.entries[4])
			cp.Seq = 50
			s.cps = []Checkpoint{cp}
		}, 50, Forged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scenario{entries: chain(t, n)}
			s.head = headOf(s.entries)
			tt.tamper(t, &s)
			r := verify(t, pub, s)
			if tt.wantReason == "" {
				if !r.Intact || r.FirstBadSeq != 0 || r.Entries != n {
					t.Fatalf("intact chain reported %+v", r)
				}
				return
			}
			if r.Intact || r.FirstBadSeq != tt.wantSeq || r.Reason != tt.wantReason {
				t.Fatalf("got seq %d %q (%s), want seq %d %q", r.FirstBadSeq, r.Reason, r.Message, tt.wantSeq, tt.wantReason)
			}
			prefix := fmt.Sprintf("audit chain broken at seq %d: ", tt.wantSeq)
			if !strings.HasPrefix(r.Message, prefix) || !strings.HasSuffix(r.Message, ")") || strings.Contains(r.Message, "\n") {
				t.Fatalf("message %q", r.Message)
			}
		})
	}
}

func TestVerifierCheckpointsCounted(t *testing.T) {
	key := testKey(t)
	pub := key.Public().(ed25519.PublicKey)
	es := chain(t, 5)
	v := NewVerifier(pub)
	for _, i := range []int{1, 3, 4} {
		cp, err := Sign(key, Checkpoint{ID: fmt.Sprintf("cp-%d", i), Seq: es[i].Seq, Hash: es[i].Hash, At: es[i].At})
		if err != nil {
			t.Fatal(err)
		}
		// The same checkpoint from the table and from the log file counts once.
		_ = v.AddCheckpoint(cp, "audit_checkpoints")
		_ = v.AddCheckpoint(cp, "log")
	}
	empty, _ := Sign(key, Checkpoint{ID: "cp-0", Seq: 0, Hash: GenesisHash, At: es[0].At})
	_ = v.AddCheckpoint(empty, "log")
	for _, e := range es {
		if err := v.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	r := v.Finish(headOf(es))
	want := fmt.Sprintf("audit chain intact: 5 entries, head 5 %s…, 4 signed checkpoints checked (审计链完整：5条，已核对4个签名检查点)", es[4].Hash[:12])
	if !r.Intact || r.Checkpoints != 4 || r.CheckpointSeq != 5 || r.Message != want {
		t.Fatalf("report %+v\nwant message %q", r, want)
	}
	if err := v.AddCheckpoint(empty, "late"); err == nil {
		t.Fatal("a checkpoint added after entries must be refused")
	}
}

func TestVerifierEmptyChain(t *testing.T) {
	r := NewVerifier(testKey(t).Public().(ed25519.PublicKey)).Finish(headOf(nil))
	if !r.Intact || r.Entries != 0 || r.HeadSeq != 0 {
		t.Fatalf("empty chain: %+v", r)
	}
	r = NewVerifier(nil).Finish(&Head{Seq: 0, Hash: strings.Repeat("1", 64)})
	if r.Intact {
		t.Fatal("empty chain with a changed head hash reported intact")
	}
}

func TestVerifierStartAfter(t *testing.T) {
	es := chain(t, 8)
	v := NewVerifier(nil)
	if err := v.StartAfter(es[4].Seq, es[4].Hash); err != nil {
		t.Fatal(err)
	}
	for _, e := range es[5:] {
		if err := v.Add(e); err != nil {
			t.Fatal(err)
		}
	}
	if r := v.Finish(headOf(es)); !r.Intact || r.Entries != 3 {
		t.Fatalf("report %+v", r)
	}
	// A trusted start that the chain does not follow.
	v = NewVerifier(nil)
	_ = v.StartAfter(es[4].Seq, es[3].Hash)
	if err := v.Add(es[5]); err == nil {
		t.Fatal("entry that does not link to the trusted start accepted")
	}
}
