package db_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/db/dbtest"
	"github.com/suiji-dev/suiji/fault"
)

// auditKey is a checkpoint key and log file in a fresh directory.
type auditKey struct {
	key ed25519.PrivateKey
	pub ed25519.PublicKey
	id  string
	log string
}

func newAuditKey(t *testing.T) auditKey {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.key")
	key, id, err := audit.LoadOrCreateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	return auditKey{key: key, pub: key.Public().(ed25519.PublicKey), id: id, log: audit.CheckpointLogPath(path)}
}

func (k auditKey) checkpoint(t *testing.T, store *db.DB) audit.Checkpoint {
	t.Helper()
	cp, err := db.WriteCheckpoint(context.Background(), store, k.key, k.id, k.log)
	if err != nil {
		t.Fatal(err)
	}
	return cp
}

func (k auditKey) verify(t *testing.T, store *db.DB) audit.Report {
	t.Helper()
	r, err := db.VerifyAudit(context.Background(), store, k.pub, k.log)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// sampleAuditEntry is entry i of a test chain: a mix of actors, targets and
// values that exercise the canonical form (unicode, HTML characters,
// numbers as written, absent before or after).
func sampleAuditEntry(i int) audit.Entry {
	e := audit.Entry{
		ActorID:    fmt.Sprintf("u%d", i%3),
		Actor:      []string{"alice", "bob", "王五"}[i%3],
		Role:       "ADMIN",
		Action:     []string{"department.create", "department.update", "user.update"}[i%3],
		TargetType: []string{"department", "department", "user"}[i%3],
		TargetID:   fmt.Sprintf("t%d", i%4),
		RequestID:  fmt.Sprintf("req-%d", i),
		ClientAddr: "192.0.2.7",
	}
	switch i % 3 {
	case 0:
		e.After = json.RawMessage(fmt.Sprintf(`{"name": "市场监管<%d> & 局", "sortOrder": %d, "ratio": 1.50}`, i, i))
	case 1:
		e.Before = json.RawMessage(`{"active":true}`)
		e.After = json.RawMessage(`{"active":false}`)
	default:
		e.Before = json.RawMessage(fmt.Sprintf(`{"phone":"138%08d"}`, i))
	}
	return e
}

// appendAudit appends entries first..last of the sample chain, each in its
// own transaction, and returns them as AppendAudit filled them in.
func appendAudit(t *testing.T, store *db.DB, first, last int) []audit.Entry {
	t.Helper()
	var out []audit.Entry
	for i := first; i <= last; i++ {
		e := sampleAuditEntry(i)
		err := store.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
			return db.AppendAudit(ctx, tx, &e)
		})
		if err != nil {
			t.Fatalf("append entry %d: %v", i, err)
		}
		out = append(out, e)
	}
	return out
}

func auditExec(t *testing.T, store *db.DB, query string, args ...any) {
	t.Helper()
	if _, err := store.ExecContext(context.Background(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// readChain reads every entry back, oldest first.
func readChain(t *testing.T, store *db.DB) []audit.Entry {
	t.Helper()
	es, err := db.AuditAfter(context.Background(), store, 0, db.MaxAuditPage)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestAuditAppendAndVerify(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		k := newAuditKey(t)
		if r := k.verify(t, store); !r.Intact || r.Entries != 0 {
			t.Fatalf("empty chain: %+v", r)
		}
		written := appendAudit(t, store, 1, 12)
		read := readChain(t, store)
		if len(read) != len(written) {
			t.Fatalf("read %d entries, wrote %d", len(read), len(written))
		}
		prev := audit.GenesisHash
		for i, w := range written {
			r := read[i]
			if w.Seq != int64(i+1) || w.PrevHash != prev || !audit.IsHash(w.Hash) || w.ID == "" {
				t.Fatalf("entry %d as written: %+v", i+1, w)
			}
			prev = w.Hash
			if w.At.Location() != time.UTC || w.At.Nanosecond()%1000 != 0 {
				t.Fatalf("entry %d time %v is not UTC microseconds", w.Seq, w.At)
			}
			// What each store returns must be what was hashed, to the microsecond and byte.
			if !r.At.Equal(w.At) || !bytes.Equal(r.Before, w.Before) || !bytes.Equal(r.After, w.After) ||
				r.ID != w.ID || r.Actor != w.Actor || r.Hash != w.Hash || r.PrevHash != w.PrevHash {
				t.Fatalf("entry %d read back differs:\n got %+v\nwant %+v", w.Seq, r, w)
			}
			if h, err := audit.ComputeHash(r.PrevHash, r); err != nil || h != w.Hash {
				t.Fatalf("entry %d read back hashes to %s (%v), wrote %s", w.Seq, h, err, w.Hash)
			}
		}
		if got := string(written[2].After); got != `{"name":"市场监管<3> & 局","ratio":1.50,"sortOrder":3}` {
			t.Fatalf("after stored as %s, want canonical JSON", got)
		}
		if written[2].Before != nil || written[1].After != nil {
			t.Fatal("absent before/after must stay absent")
		}
		cp := k.checkpoint(t, store)
		if cp.Seq != 12 || cp.Hash != written[11].Hash {
			t.Fatalf("checkpoint %+v does not name the head", cp)
		}
		appendAudit(t, store, 13, 14)
		k.checkpoint(t, store)
		r := k.verify(t, store)
		want := fmt.Sprintf("audit chain intact: 14 entries, head 14 %s…, 2 signed checkpoints checked (审计链完整：14条，已核对2个签名检查点)", r.HeadHash[:12])
		if !r.Intact || r.Entries != 14 || r.HeadSeq != 14 || r.CheckpointSeq != 14 || r.Message != want {
			t.Fatalf("report %+v\nwant message %q", r, want)
		}
	})
}

func TestAuditAppendRefusals(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		e := sampleAuditEntry(1)
		if err := db.AppendAudit(ctx, store, &e); err == nil {
			t.Fatal("AppendAudit outside a transaction accepted")
		}
		for name, edit := range map[string]func(*audit.Entry){
			"no action":        func(e *audit.Entry) { e.Action = "" },
			"after not object": func(e *audit.Entry) { e.After = json.RawMessage(`"text"`) },
			"invalid JSON":     func(e *audit.Entry) { e.Before = json.RawMessage(`{`) },
		} {
			e := sampleAuditEntry(1)
			edit(&e)
			err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return db.AppendAudit(ctx, tx, &e) })
			if err == nil {
				t.Errorf("%s: accepted", name)
			}
		}
		// A mutation that fails after appending leaves no trace in the chain.
		boom := errors.New("boom")
		err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
			e := sampleAuditEntry(1)
			if err := db.AppendAudit(ctx, tx, &e); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		appendAudit(t, store, 1, 2)
		if es := readChain(t, store); len(es) != 2 || es[0].Seq != 1 {
			t.Fatalf("after a rolled-back append: %d entries", len(es))
		}
		if r := newAuditKey(t).verify(t, store); !r.Intact {
			t.Fatal(r.Message)
		}
	})
}

// TestAuditTamper changes the database behind the application's back, as
// someone with database access would, and checks that verification names
// the first entry affected.
func TestAuditTamper(t *testing.T) {
	const n = 10
	tests := []struct {
		name       string
		tamper     func(t *testing.T, store *db.DB, k auditKey, chain []audit.Entry)
		wantSeq    int64
		wantReason audit.Reason
		wantText   string
	}{
		{"action changed", func(t *testing.T, store *db.DB, _ auditKey, _ []audit.Entry) {
			auditExec(t, store, "UPDATE audit_log SET action = ? WHERE seq = 4", "department.delete")
		}, 4, audit.Changed, "hash does not match its contents (条目被修改)"},
		{"after changed", func(t *testing.T, store *db.DB, _ auditKey, _ []audit.Entry) {
			auditExec(t, store, `UPDATE audit_log SET after_json = '{"active":true}' WHERE seq = 5`)
		}, 5, audit.Changed, "条目被修改"},
		{"time changed by a microsecond", func(t *testing.T, store *db.DB, _ auditKey, chain []audit.Entry) {
			auditExec(t, store, "UPDATE audit_log SET at = ? WHERE seq = 6", chain[5].At.Add(time.Microsecond))
		}, 6, audit.Changed, "条目被修改"},
		{"middle entry deleted", func(t *testing.T, store *db.DB, _ auditKey, _ []audit.Entry) {
			auditExec(t, store, "DELETE FROM audit_log WHERE seq = 5")
		}, 5, audit.Removed, "条目被删除"},
		{"tail deleted and head reset, caught by a checkpoint", func(t *testing.T, store *db.DB, k auditKey, chain []audit.Entry) {
			k.checkpoint(t, store)
			auditExec(t, store, "DELETE FROM audit_log WHERE seq > 7")
			auditExec(t, store, "UPDATE audit_head SET seq = 7, hash = ? WHERE id = 1", chain[6].Hash)
		}, 8, audit.Removed, "尾部条目被删除"},
		{"entries reordered", func(t *testing.T, store *db.DB, _ auditKey, _ []audit.Entry) {
			auditExec(t, store, "UPDATE audit_log SET seq = -1 WHERE seq = 3")
			auditExec(t, store, "UPDATE audit_log SET seq = 3 WHERE seq = 7")
			auditExec(t, store, "UPDATE audit_log SET seq = 7 WHERE seq = -1")
		}, 3, audit.Reordered, "条目顺序被调换"},
		{"chain recomputed from scratch, caught by a checkpoint", func(t *testing.T, store *db.DB, k auditKey, chain []audit.Entry) {
			k.checkpoint(t, store)
			chain[3].Action = "department.delete"
			prev := audit.GenesisHash
			for _, e := range chain {
				h, err := audit.ComputeHash(prev, e)
				if err != nil {
					t.Fatal(err)
				}
				auditExec(t, store, "UPDATE audit_log SET action = ?, prev_hash = ?, hash = ? WHERE seq = ?", e.Action, prev, h, e.Seq)
				prev = h
			}
			auditExec(t, store, "UPDATE audit_head SET hash = ? WHERE id = 1", prev)
			// Without the signed checkpoint the forgery would pass.
			r, err := db.VerifyAudit(context.Background(), store, k.pub, "")
			if err != nil {
				t.Fatal(err)
			}
			auditExec(t, store, "DELETE FROM audit_checkpoints")
			if r2, _ := db.VerifyAudit(context.Background(), store, k.pub, ""); r.Intact || !r2.Intact {
				t.Fatalf("with the table checkpoint: %s; without any: %s", r.Message, r2.Message)
			}
		}, n, audit.Rewritten, "与签名检查点不符，链条被重算"},
		{"checkpoints deleted from the table, tail deleted, caught by the log file", func(t *testing.T, store *db.DB, k auditKey, chain []audit.Entry) {
			k.checkpoint(t, store)
			auditExec(t, store, "DELETE FROM audit_checkpoints")
			auditExec(t, store, "DELETE FROM audit_log WHERE seq > 6")
			auditExec(t, store, "UPDATE audit_head SET seq = 6, hash = ? WHERE id = 1", chain[5].Hash)
		}, 7, audit.Removed, ".checkpoints.jsonl"},
		{"forged checkpoint", func(t *testing.T, store *db.DB, k auditKey, chain []audit.Entry) {
			auditExec(t, store, "INSERT INTO audit_checkpoints (id, seq, hash, at, key_id, signature) VALUES ('x', 3, ?, ?, ?, 'AAAA')",
				chain[2].Hash, db.Now(), k.id)
		}, 3, audit.Forged, "检查点签名无效"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
				k := newAuditKey(t)
				chain := appendAudit(t, store, 1, n)
				tt.tamper(t, store, k, chain)
				r := k.verify(t, store)
				if r.Intact || r.FirstBadSeq != tt.wantSeq || r.Reason != tt.wantReason {
					t.Fatalf("got seq %d %q: %s\nwant seq %d %q", r.FirstBadSeq, r.Reason, r.Message, tt.wantSeq, tt.wantReason)
				}
				if !strings.HasPrefix(r.Message, fmt.Sprintf("audit chain broken at seq %d: ", tt.wantSeq)) ||
					!strings.Contains(r.Message, tt.wantText) {
					t.Fatalf("message %q, want it to name seq %d and contain %q", r.Message, tt.wantSeq, tt.wantText)
				}
			})
		})
	}
}

func TestAuditCheckpointRefusesBrokenChain(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		k := newAuditKey(t)
		appendAudit(t, store, 1, 5)
		k.checkpoint(t, store)
		appendAudit(t, store, 6, 8)
		auditExec(t, store, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 7")
		_, err := db.WriteCheckpoint(context.Background(), store, k.key, k.id, k.log)
		var b *audit.Break
		if !errors.As(err, &b) || b.Seq != 7 || b.Reason != audit.Changed {
			t.Fatalf("checkpoint over a changed entry: %v", err)
		}
		// An edit before the last checkpoint is caught there, without rereading the chain.
		auditExec(t, store, "UPDATE audit_log SET actor = 'bob' WHERE seq = 7")
		auditExec(t, store, "UPDATE audit_log SET hash = ? WHERE seq = 5", audit.GenesisHash)
		_, err = db.WriteCheckpoint(context.Background(), store, k.key, k.id, k.log)
		if !errors.As(err, &b) || b.Seq != 5 || b.Reason != audit.Rewritten {
			t.Fatalf("checkpoint over a rewritten chain: %v", err)
		}
		if _, err := db.WriteCheckpoint(context.Background(), store, k.key, "0000000000000000", k.log); err == nil {
			t.Fatal("a key id that does not name the key was accepted")
		}
	})
}

// bulkAuditChain writes a valid chain of n entries straight into the table,
// many rows per statement, for tests that need more entries than appending
// one transaction at a time would make quick.
func bulkAuditChain(t *testing.T, store *db.DB, n int) {
	t.Helper()
	const perStatement = 500
	prev := audit.GenesisHash
	at := db.Now()
	for first := 1; first <= n; first += perStatement {
		var (
			values []string
			args   []any
		)
		for i := first; i < first+perStatement && i <= n; i++ {
			e := sampleAuditEntry(i)
			e.Seq, e.ID, e.At, e.PrevHash = int64(i), fmt.Sprintf("bulk-%d", i), at.Add(time.Duration(i)*time.Microsecond), prev
			e.Before, _ = audit.CanonicalJSON(e.Before)
			e.After, _ = audit.CanonicalJSON(e.After)
			h, err := audit.ComputeHash(prev, e)
			if err != nil {
				t.Fatal(err)
			}
			e.Hash, prev = h, h
			values = append(values, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, e.Seq, e.ID, e.At, e.ActorID, e.Actor, e.Role, e.Action, e.TargetType, e.TargetID,
				nullableJSON(e.Before), nullableJSON(e.After), e.RequestID, e.ClientAddr, e.PrevHash, e.Hash)
		}
		auditExec(t, store, "INSERT INTO audit_log (seq, id, at, actor_id, actor, role, action, target_type, target_id, "+
			"before_json, after_json, request_id, client_addr, prev_hash, hash) VALUES "+strings.Join(values, ", "), args...)
	}
	auditExec(t, store, "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", n, prev)
}

func nullableJSON(raw json.RawMessage) *string {
	if raw == nil {
		return nil
	}
	s := string(raw)
	return &s
}

// TestAuditVerifyStreamsInBatches crosses the verifier's batch boundaries
// (5,000 entries a batch).
func TestAuditVerifyStreamsInBatches(t *testing.T) {
	const n = 2*5000 + 7
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		k := newAuditKey(t)
		bulkAuditChain(t, store, n)
		k.checkpoint(t, store)
		appendAudit(t, store, n+1, n+2)
		if r := k.verify(t, store); !r.Intact || r.Entries != n+2 || r.Checkpoints != 1 {
			t.Fatalf("report %+v", r)
		}
		// The last entry of the first batch and one deep in the second.
		auditExec(t, store, "UPDATE audit_log SET target_id = 'x' WHERE seq IN (5000, 7003)")
		if r := k.verify(t, store); r.FirstBadSeq != 5000 {
			t.Fatal(r.Message)
		}
		auditExec(t, store, "DELETE FROM audit_log WHERE seq = 5000")
		if r := k.verify(t, store); r.FirstBadSeq != 5000 || r.Reason != audit.Removed {
			t.Fatal(r.Message)
		}
	})
}

func TestAuditConcurrentAppends(t *testing.T) {
	const writers, each = 8, 25
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		start := make(chan struct{})
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := 0; i < each; i++ {
					e := sampleAuditEntry(w*each + i)
					err := store.Tx(context.Background(), func(ctx context.Context, tx bun.Tx) error {
						// Some work of the mutation first; the head is taken last.
						var n int
						if err := tx.NewSelect().Table("audit_log").ColumnExpr("count(*)").Scan(ctx, &n); err != nil {
							return err
						}
						return db.AppendAudit(ctx, tx, &e)
					})
					if err != nil {
						errs <- fmt.Errorf("writer %d append %d: %w", w, i, err)
						return
					}
				}
			}()
		}
		// Verification meanwhile must never mistake appends in flight for tampering.
		k := newAuditKey(t)
		verified := make(chan error, 1)
		writersDone := make(chan struct{})
		go func() {
			defer close(verified)
			for i := 0; ; i++ {
				select {
				case <-writersDone:
					return
				default:
				}
				r, err := db.VerifyAudit(context.Background(), store, k.pub, k.log)
				if err == nil && !r.Intact {
					err = errors.New(r.Message)
				}
				if err != nil {
					verified <- fmt.Errorf("verification %d during appends: %w", i, err)
					return
				}
			}
		}()
		close(start)
		wg.Wait()
		close(writersDone)
		close(errs)
		if err := <-verified; err != nil {
			t.Error(err)
		}
		for err := range errs {
			t.Fatal(err)
		}
		chain := readChain(t, store)
		if len(chain) != writers*each {
			t.Fatalf("%d entries, want %d", len(chain), writers*each)
		}
		for i, e := range chain {
			if e.Seq != int64(i+1) {
				t.Fatalf("entry %d has seq %d: the chain is not dense", i+1, e.Seq)
			}
		}
		if r := k.verify(t, store); !r.Intact || r.Entries != writers*each {
			t.Fatalf("after concurrent appends: %s", r.Message)
		}
	})
}

func TestListAudit(t *testing.T) {
	dbtest.ForEachStore(t, func(t *testing.T, store *db.DB) {
		ctx := context.Background()
		base := time.Date(2026, 11, 25, 2, 0, 0, 123456000, time.UTC)
		var all []audit.Entry
		for i := 1; i <= 30; i++ {
			e := sampleAuditEntry(i)
			e.At = base.Add(time.Duration(i) * time.Minute)
			if err := store.Tx(ctx, func(ctx context.Context, tx bun.Tx) error { return db.AppendAudit(ctx, tx, &e) }); err != nil {
				t.Fatal(err)
			}
			all = append(all, e)
		}
		from, to := base.Add(5*time.Minute), base.Add(20*time.Minute)
		tests := []struct {
			name   string
			filter db.AuditFilter
			match  func(audit.Entry) bool
		}{
			{"all", db.AuditFilter{}, func(audit.Entry) bool { return true }},
			{"actor", db.AuditFilter{Actor: "王五"}, func(e audit.Entry) bool { return e.Actor == "王五" }},
			{"action", db.AuditFilter{Action: "department.update"}, func(e audit.Entry) bool { return e.Action == "department.update" }},
			{"target", db.AuditFilter{TargetType: "department", TargetID: "t2"}, func(e audit.Entry) bool {
				return e.TargetType == "department" && e.TargetID == "t2"
			}},
			{"time range, from inclusive, to exclusive", db.AuditFilter{From: &from, To: &to}, func(e audit.Entry) bool {
				return !e.At.Before(from) && e.At.Before(to)
			}},
			{"actor and time", db.AuditFilter{Actor: "alice", From: &from}, func(e audit.Entry) bool {
				return e.Actor == "alice" && !e.At.Before(from)
			}},
			{"nothing", db.AuditFilter{Actor: "nobody"}, func(audit.Entry) bool { return false }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				var want []int64
				for i := len(all) - 1; i >= 0; i-- {
					if tt.match(all[i]) {
						want = append(want, all[i].Seq)
					}
				}
				var got []int64
				var before int64
				for pages := 0; ; pages++ {
					page, more, err := db.ListAudit(ctx, store, tt.filter, 4, before)
					if err != nil {
						t.Fatal(err)
					}
					for _, e := range page {
						got = append(got, e.Seq)
					}
					if !more {
						break
					}
					if len(page) != 4 || pages > 30 {
						t.Fatalf("page %d has %d entries and more to come", pages, len(page))
					}
					before = page[len(page)-1].Seq
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("seqs %v, want %v", got, want)
				}
				n, err := db.CountAudit(ctx, store, tt.filter)
				if err != nil || n != len(want) {
					t.Fatalf("count %d (%v), want %d", n, err, len(want))
				}
			})
		}
		if page, more, err := db.ListAudit(ctx, store, db.AuditFilter{}, 30, 0); err != nil || more || len(page) != 30 {
			t.Fatalf("one full page: %d entries, more %v, %v", len(page), more, err)
		}
		after, err := db.AuditAfter(ctx, store, 25, 3)
		if err != nil || len(after) != 3 || after[0].Seq != 26 || after[2].Seq != 28 {
			t.Fatalf("AuditAfter(25, 3): %v %v", after, err)
		}
		if after, err := db.AuditAfter(ctx, store, 30, 10); err != nil || len(after) != 0 {
			t.Fatalf("AuditAfter(head): %v %v", after, err)
		}
		if _, _, err := db.ListAudit(ctx, store, db.AuditFilter{}, 0, 0); fault.CodeOf(err) != fault.BadInput {
			t.Fatalf("first 0: %v", err)
		}
		if _, err := db.AuditAfter(ctx, store, 0, db.MaxAuditPage+1); fault.CodeOf(err) != fault.BadInput {
			t.Fatalf("limit too large: %v", err)
		}
	})
}
