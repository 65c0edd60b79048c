package db

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/fault"
)

// MaxAuditPage bounds one page of ListAudit and one poll of AuditAfter.
const MaxAuditPage = 1000

// auditBatch is how many entries verification reads at a time: enough to
// keep round trips few, small enough that the table never sits in memory.
const auditBatch = 5000

// auditCheckpointTable names the table copy of the checkpoints in reports.
const auditCheckpointTable = "audit_checkpoints"

type auditRow struct {
	bun.BaseModel `bun:"table:audit_log"`

	Seq        int64     `bun:"seq,pk"`
	ID         string    `bun:"id"`
	At         time.Time `bun:"at"`
	ActorID    string    `bun:"actor_id"`
	Actor      string    `bun:"actor"`
	Role       string    `bun:"role"`
	Action     string    `bun:"action"`
	TargetType string    `bun:"target_type"`
	TargetID   string    `bun:"target_id"`
	BeforeJSON *string   `bun:"before_json"`
	AfterJSON  *string   `bun:"after_json"`
	RequestID  string    `bun:"request_id"`
	ClientAddr string    `bun:"client_addr"`
	PrevHash   string    `bun:"prev_hash"`
	Hash       string    `bun:"hash"`
}

type auditHeadRow struct {
	bun.BaseModel `bun:"table:audit_head"`

	ID   int    `bun:"id,pk"`
	Seq  int64  `bun:"seq"`
	Hash string `bun:"hash"`
}

type auditCheckpointRow struct {
	bun.BaseModel `bun:"table:audit_checkpoints"`

	ID        string    `bun:"id,pk"`
	Seq       int64     `bun:"seq"`
	Hash      string    `bun:"hash"`
	At        time.Time `bun:"at"`
	KeyID     string    `bun:"key_id"`
	Signature string    `bun:"signature"`
}

func auditRowOf(e *audit.Entry) auditRow {
	return auditRow{
		Seq: e.Seq, ID: e.ID, At: e.At, ActorID: e.ActorID, Actor: e.Actor, Role: e.Role,
		Action: e.Action, TargetType: e.TargetType, TargetID: e.TargetID,
		BeforeJSON: auditJSONText(e.Before), AfterJSON: auditJSONText(e.After),
		RequestID: e.RequestID, ClientAddr: e.ClientAddr, PrevHash: e.PrevHash, Hash: e.Hash,
	}
}

func (r *auditRow) entry() audit.Entry {
	return audit.Entry{
		Seq: r.Seq, ID: r.ID, At: r.At.UTC(), ActorID: r.ActorID, Actor: r.Actor, Role: r.Role,
		Action: r.Action, TargetType: r.TargetType, TargetID: r.TargetID,
		Before: auditRawJSON(r.BeforeJSON), After: auditRawJSON(r.AfterJSON),
		RequestID: r.RequestID, ClientAddr: r.ClientAddr, PrevHash: r.PrevHash, Hash: r.Hash,
	}
}

func auditEntries(rows []auditRow) []audit.Entry {
	out := make([]audit.Entry, len(rows))
	for i := range rows {
		out[i] = rows[i].entry()
	}
	return out
}

// auditJSONText maps an absent before/after to SQL NULL.
func auditJSONText(raw json.RawMessage) *string {
	if raw == nil {
		return nil
	}
	s := string(raw)
	return &s
}

func auditRawJSON(s *string) json.RawMessage {
	if s == nil {
		return nil
	}
	return json.RawMessage(*s)
}

// AppendAudit appends e to the audit trail. It fills in ID (a UUIDv7 unless
// set), At (Now() when zero, else cut to UTC microseconds), Before and After
// (re-encoded canonically; each must be a JSON object or absent), Seq,
// PrevHash and Hash, and inserts the row.
//
// idb must be the transaction of the mutation being audited (store.Tx), so
// that the entry commits or rolls back with it; a bare *DB is refused. Call
// it last in the transaction: it takes the chain head with
// "UPDATE audit_head SET seq = seq + 1 ... RETURNING", which on PostgreSQL
// locks the head row until commit, so concurrent writers queue there and
// each sees the head its predecessor committed (under READ COMMITTED the
// waiting UPDATE re-reads the committed row). On SQLite every writing
// transaction is BEGIN IMMEDIATE, so writers are serialised before they get
// here. Either way seq stays dense and the chain cannot fork.
func AppendAudit(ctx context.Context, idb bun.IDB, e *audit.Entry) error {
	if err := requireAuditTx(idb); err != nil {
		return err
	}
	if err := prepareAuditEntry(e); err != nil {
		return err
	}
	seq, prev, err := advanceAuditHead(ctx, idb)
	if err != nil {
		return err
	}
	e.Seq, e.PrevHash = seq, prev
	// Stamped after the head is taken, so times follow seq as far as the clock allows.
	if e.At.IsZero() {
		e.At = Now()
	}
	if e.Hash, err = audit.ComputeHash(prev, *e); err != nil {
		return fmt.Errorf("hash audit entry %d: %w", seq, err)
	}
	row := auditRowOf(e)
	if _, err := idb.NewInsert().Model(&row).Exec(ctx); err != nil {
		return fmt.Errorf("insert audit entry %d: %w", seq, err)
	}
	return storeAuditHeadHash(ctx, idb, seq, e.Hash)
}

// requireAuditTx refuses the handles that are certainly not a transaction: with
// them the head update, the insert and the hash update would be separate
// statements and concurrent writers could fork the chain.
func requireAuditTx(idb bun.IDB) error {
	switch idb.(type) {
	case *DB, *bun.DB, bun.Conn, *bun.Conn:
		return errors.New("AppendAudit must run in the mutation's transaction (store.Tx), not on a connection")
	}
	return nil
}

func prepareAuditEntry(e *audit.Entry) error {
	if e.Action == "" || e.TargetType == "" {
		return fmt.Errorf("audit entry needs an action and a target type (got %q, %q)", e.Action, e.TargetType)
	}
	if e.ID == "" {
		id, err := uuid.NewV7()
		if err != nil {
			return fmt.Errorf("new audit entry id: %w", err)
		}
		e.ID = id.String()
	}
	if !e.At.IsZero() {
		e.At = e.At.UTC().Truncate(time.Microsecond)
	}
	var err error
	if e.Before, err = auditObjectJSON("before", e.Before); err != nil {
		return err
	}
	e.After, err = auditObjectJSON("after", e.After)
	return err
}

// auditObjectJSON canonicalises a before/after value, which must be an object
// or absent. What is stored is then exactly what is hashed.
func auditObjectJSON(name string, raw json.RawMessage) (json.RawMessage, error) {
	c, err := audit.CanonicalJSON(raw)
	if err != nil {
		return nil, fmt.Errorf("audit entry %s: %w", name, err)
	}
	if c != nil && c[0] != '{' {
		return nil, fmt.Errorf("audit entry %s must be a JSON object, got %.40s", name, c)
	}
	return c, nil
}

func advanceAuditHead(ctx context.Context, idb bun.IDB) (int64, string, error) {
	var (
		seq  int64
		hash string
	)
	err := idb.QueryRowContext(ctx, "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash").Scan(&seq, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", errors.New("take audit chain head: the audit_head row is missing")
	}
	if err != nil {
		return 0, "", fmt.Errorf("take audit chain head: %w", err)
	}
	return seq, hash, nil
}

func storeAuditHeadHash(ctx context.Context, idb bun.IDB, seq int64, hash string) error {
	res, err := idb.ExecContext(ctx, "UPDATE audit_head SET hash = ? WHERE id = 1 AND seq = ?", hash, seq)
	if err != nil {
		return fmt.Errorf("store audit chain head %d: %w", seq, err)
	}
	if n, err := res.RowsAffected(); err == nil && n != 1 {
		return fmt.Errorf("store audit chain head %d: the head moved within the transaction", seq)
	}
	return nil
}

// AuditFilter narrows ListAudit and CountAudit; zero fields match all. From
// is inclusive and To exclusive.
type AuditFilter struct {
	Actor      string // username
	TargetType string
	TargetID   string
	Action     string
	From, To   *time.Time
}

func (f AuditFilter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if f.Actor != "" {
		q = q.Where("actor = ?", f.Actor)
	}
	if f.TargetType != "" {
		q = q.Where("target_type = ?", f.TargetType)
	}
	if f.TargetID != "" {
		q = q.Where("target_id = ?", f.TargetID)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	// Times go in as UTC microseconds, the form both stores hold, so that on
	// SQLite (where they are text) the comparison is exact.
	if f.From != nil {
		q = q.Where("at >= ?", f.From.UTC().Truncate(time.Microsecond))
	}
	if f.To != nil {
		q = q.Where("at < ?", f.To.UTC().Truncate(time.Microsecond))
	}
	return q
}

// ListAudit returns up to first entries matching f, newest first, with seq
// below beforeSeq (0: from the head), and whether more follow.
func ListAudit(ctx context.Context, idb bun.IDB, f AuditFilter, first int, beforeSeq int64) ([]audit.Entry, bool, error) {
	if first < 1 || first > MaxAuditPage {
		return nil, false, fault.Invalid("first", "每页条数须在 1 到 %d 之间 (first must be between 1 and %d)", MaxAuditPage, MaxAuditPage)
	}
	if beforeSeq < 0 {
		return nil, false, fault.Invalid("before", "游标无效 (invalid cursor)")
	}
	var rows []auditRow
	q := f.apply(idb.NewSelect().Model(&rows))
	if beforeSeq > 0 {
		q = q.Where("seq < ?", beforeSeq)
	}
	if err := q.OrderExpr("seq DESC").Limit(int64(first) + 1).Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("list audit entries before seq %d: %w", beforeSeq, err)
	}
	more := len(rows) > first
	if more {
		rows = rows[:first]
	}
	return auditEntries(rows), more, nil
}

// CountAudit counts the entries matching f.
func CountAudit(ctx context.Context, idb bun.IDB, f AuditFilter) (int, error) {
	n, err := f.apply(idb.NewSelect().Model((*auditRow)(nil))).Count(ctx)
	if err != nil {
		return 0, fmt.Errorf("count audit entries: %w", err)
	}
	return int(n), nil
}

// AuditAfter returns up to limit entries with seq above afterSeq, oldest
// first, for a subscription that polls for what is new.
func AuditAfter(ctx context.Context, idb bun.IDB, afterSeq int64, limit int) ([]audit.Entry, error) {
	if limit < 1 || limit > MaxAuditPage {
		return nil, fault.Invalid("limit", "条数须在 1 到 %d 之间 (limit must be between 1 and %d)", MaxAuditPage, MaxAuditPage)
	}
	rows, err := auditRange(ctx, idb, afterSeq, 0, limit)
	if err != nil {
		return nil, err
	}
	return auditEntries(rows), nil
}

// auditRange reads entries with afterSeq < seq (<= uptoSeq unless it is 0)
// in ascending order: keyset pagination on the primary key.
func auditRange(ctx context.Context, idb bun.IDB, afterSeq, uptoSeq int64, limit int) ([]auditRow, error) {
	var rows []auditRow
	q := idb.NewSelect().Model(&rows).Where("seq > ?", afterSeq)
	if uptoSeq > 0 {
		q = q.Where("seq <= ?", uptoSeq)
	}
	if err := q.OrderExpr("seq ASC").Limit(int64(limit)).Scan(ctx); err != nil {
		return nil, fmt.Errorf("read audit batch after seq %d: %w", afterSeq, err)
	}
	return rows, nil
}

func readAuditHead(ctx context.Context, idb bun.IDB) (*audit.Head, error) {
	var row auditHeadRow
	err := idb.NewSelect().Model(&row).Where("id = 1").Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read audit chain head: %w", err)
	}
	return &audit.Head{Seq: row.Seq, Hash: row.Hash}, nil
}

func auditEntryAt(ctx context.Context, idb bun.IDB, seq int64) (*audit.Entry, error) {
	var row auditRow
	err := idb.NewSelect().Model(&row).Where("seq = ?", seq).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read audit entry %d: %w", seq, err)
	}
	e := row.entry()
	return &e, nil
}

// streamAudit feeds the verifier the entries after afterSeq (up to uptoSeq
// unless it is 0), one batch at a time. It returns the last seq read and
// whether the verifier found a break, at which point it stops reading.
func streamAudit(ctx context.Context, idb bun.IDB, v *audit.Verifier, afterSeq, uptoSeq int64) (int64, bool, error) {
	last := afterSeq
	for {
		rows, err := auditRange(ctx, idb, last, uptoSeq, auditBatch)
		if err != nil {
			return last, false, err
		}
		for i := range rows {
			if v.Add(rows[i].entry()) != nil {
				return rows[i].Seq, true, nil
			}
			last = rows[i].Seq
		}
		if len(rows) < auditBatch {
			return last, false, nil
		}
	}
}

// sourcedAuditCheckpoint is a checkpoint with where it was read from.
type sourcedAuditCheckpoint struct {
	audit.Checkpoint
	source string
}

// loadAuditCheckpoints reads the checkpoints in the table and in the log file
// (when logPath is set). Both copies are kept: a checkpoint deleted from one
// still counts through the other.
func loadAuditCheckpoints(ctx context.Context, idb bun.IDB, logPath string) ([]sourcedAuditCheckpoint, error) {
	var rows []auditCheckpointRow
	if err := idb.NewSelect().Model(&rows).OrderExpr("seq ASC, id ASC").Scan(ctx); err != nil {
		return nil, fmt.Errorf("read audit checkpoints: %w", err)
	}
	out := make([]sourcedAuditCheckpoint, 0, len(rows))
	for _, r := range rows {
		out = append(out, sourcedAuditCheckpoint{audit.Checkpoint{
			ID: r.ID, Seq: r.Seq, Hash: r.Hash, At: r.At.UTC(), KeyID: r.KeyID, Signature: r.Signature,
		}, auditCheckpointTable})
	}
	if logPath == "" {
		return out, nil
	}
	logged, err := audit.ReadCheckpointLog(logPath)
	if err != nil {
		return nil, err
	}
	for _, cp := range logged {
		out = append(out, sourcedAuditCheckpoint{cp, logPath})
	}
	return out, nil
}

// VerifyAudit checks the whole chain, streamed in batches, against the
// recorded head and every checkpoint in the table and in the log file at
// logPath ("" for none), whose signatures must be by pub. A broken chain is
// a Report with Intact false; the error is only for a store or file that
// cannot be read.
//
// It needs no snapshot while writers go on: the head and the entry it names
// commit together, so the entries are read first and the head after. Once
// the head is read, every entry up to it is committed and is read too, and
// an entry read earlier that lies beyond the head cannot have been appended
// by AppendAudit.
func VerifyAudit(ctx context.Context, store *DB, pub ed25519.PublicKey, logPath string) (audit.Report, error) {
	v := audit.NewVerifier(pub)
	cps, err := loadAuditCheckpoints(ctx, store, logPath)
	if err != nil {
		return audit.Report{}, err
	}
	for _, cp := range cps {
		if err := v.AddCheckpoint(cp.Checkpoint, cp.source); err != nil {
			return audit.Report{}, err
		}
	}
	last, broken, err := streamAudit(ctx, store, v, 0, 0)
	if err != nil {
		return audit.Report{}, err
	}
	head, err := readAuditHead(ctx, store)
	if err != nil {
		return audit.Report{}, err
	}
	if !broken && head != nil && head.Seq > last {
		if _, _, err := streamAudit(ctx, store, v, last, head.Seq); err != nil {
			return audit.Report{}, err
		}
	}
	return v.Finish(head), nil
}

// WriteCheckpoint signs the current chain head with key (whose id is keyID),
// appends the checkpoint to the log file at logPath and stores it in the
// audit_checkpoints table. It first verifies the chain from the newest valid
// checkpoint (or from genesis) up to the head and refuses to sign a broken
// chain, since a signature over a tampered chain would vouch for it.
func WriteCheckpoint(ctx context.Context, store *DB, key ed25519.PrivateKey, keyID, logPath string) (audit.Checkpoint, error) {
	if logPath == "" {
		return audit.Checkpoint{}, errors.New("write audit checkpoint: no checkpoint log file")
	}
	pub, ok := key.Public().(ed25519.PublicKey)
	if !ok || len(key) != ed25519.PrivateKeySize || audit.KeyID(pub) != keyID {
		return audit.Checkpoint{}, fmt.Errorf("write audit checkpoint: key id %q does not name the key", keyID)
	}
	head, err := readAuditHead(ctx, store)
	if err != nil {
		return audit.Checkpoint{}, err
	}
	if head == nil {
		return audit.Checkpoint{}, errors.New("write audit checkpoint: the audit_head row is missing")
	}
	if err := verifySinceCheckpoint(ctx, store, pub, logPath, *head); err != nil {
		return audit.Checkpoint{}, fmt.Errorf("refuse to sign audit checkpoint: %w", err)
	}
	id, err := uuid.NewV7()
	if err != nil {
		return audit.Checkpoint{}, fmt.Errorf("new audit checkpoint id: %w", err)
	}
	cp, err := audit.Sign(key, audit.Checkpoint{ID: id.String(), Seq: head.Seq, Hash: head.Hash, At: Now()})
	if err != nil {
		return audit.Checkpoint{}, err
	}
	// The file first: it is the copy outside the database's reach.
	if err := audit.AppendCheckpointLog(logPath, cp); err != nil {
		return audit.Checkpoint{}, err
	}
	row := auditCheckpointRow{ID: cp.ID, Seq: cp.Seq, Hash: cp.Hash, At: cp.At, KeyID: cp.KeyID, Signature: cp.Signature}
	if _, err := store.NewInsert().Model(&row).Exec(ctx); err != nil {
		return audit.Checkpoint{}, fmt.Errorf("store audit checkpoint at seq %d: %w", cp.Seq, err)
	}
	return cp, nil
}

// verifySinceCheckpoint verifies the chain from the newest validly signed
// checkpoint at or below head (genesis when there is none) up to head. A
// valid checkpoint beyond head means the tail was deleted.
func verifySinceCheckpoint(ctx context.Context, store *DB, pub ed25519.PublicKey, logPath string, head audit.Head) error {
	cps, err := loadAuditCheckpoints(ctx, store, logPath)
	if err != nil {
		return err
	}
	v := audit.NewVerifier(pub)
	anchor := audit.Checkpoint{Seq: 0, Hash: audit.GenesisHash}
	for _, cp := range cps {
		if audit.VerifySignature(pub, cp.Checkpoint) != nil {
			continue // a full VerifyAudit reports forgeries; they vouch for nothing here
		}
		if cp.Seq > head.Seq {
			if err := v.AddCheckpoint(cp.Checkpoint, cp.source); err != nil {
				return err
			}
		} else if cp.Seq > anchor.Seq {
			anchor = cp.Checkpoint
		}
	}
	if anchor.Seq > 0 {
		e, err := auditEntryAt(ctx, store, anchor.Seq)
		if err != nil {
			return err
		}
		if e == nil || e.Hash != anchor.Hash {
			return &audit.Break{Seq: anchor.Seq, Reason: audit.Rewritten, Chinese: "与签名检查点不符",
				English: fmt.Sprintf("entry does not match checkpoint %s", anchor.ID)}
		}
	}
	if err := v.StartAfter(anchor.Seq, anchor.Hash); err != nil {
		return err
	}
	if _, _, err := streamAudit(ctx, store, v, anchor.Seq, head.Seq); err != nil {
		return err
	}
	v.Finish(&head)
	if b := v.Break(); b != nil {
		return b
	}
	return nil
}
