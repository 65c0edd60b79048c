package audit

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"sort"
	"time"
)

// Reason classifies a break in the chain.
type Reason string

const (
	// Changed: an entry's contents no longer match its hash, or it was
	// changed and its hash recomputed so that the next entry (or the chain
	// head) no longer links to it.
	Changed Reason = "changed"
	// Removed: entries are missing, in the middle or at the tail.
	Removed Reason = "removed"
	// Reordered: an entry stands where it does not belong.
	Reordered Reason = "reordered"
	// Inserted: an entry that the chain skips over, or entries beyond the
	// recorded head.
	Inserted Reason = "inserted"
	// Rewritten: the chain is consistent but disagrees with a signed
	// checkpoint, so it was recomputed after the checkpoint was taken.
	Rewritten Reason = "rewritten"
	// Forged: a checkpoint whose signature is not by the audit key.
	Forged Reason = "forged"
)

// Break describes the first place the chain fails to verify.
type Break struct {
	Seq     int64
	Reason  Reason
	English string
	Chinese string
}

func (b *Break) Error() string {
	return fmt.Sprintf("audit chain broken at seq %d: %s (%s)", b.Seq, b.English, b.Chinese)
}

func breakAt(seq int64, reason Reason, chinese, format string, args ...any) *Break {
	return &Break{Seq: seq, Reason: reason, English: fmt.Sprintf(format, args...), Chinese: chinese}
}

// Head is the chain head as the store records it.
type Head struct {
	Seq  int64
	Hash string
}

// Report is the outcome of a verification.
type Report struct {
	Intact        bool
	Entries       int64  // entries verified (before the break, when broken)
	HeadSeq       int64  // the chain head as recorded (audit_head)
	HeadHash      string // its hash
	FirstBadSeq   int64  // 0 when intact
	Reason        Reason // "" when intact
	Message       string // one line, English with Chinese for a break
	CheckpointSeq int64  // seq of the newest checkpoint that matched
	Checkpoints   int    // distinct checkpoints (by id) that matched
}

// Verifier checks a chain streamed to it in seq order, one entry at a time,
// so no caller ever needs the whole table in memory. Register checkpoints
// with AddCheckpoint first, then call Add for each entry in ascending seq,
// then Finish with the recorded head. The first break is sticky: Add returns
// it from then on and the caller may stop reading.
type Verifier struct {
	pub ed25519.PublicKey
	cps []pendingCheckpoint
	// next indexes the first checkpoint not yet matched; cps is sorted by
	// seq once streaming starts.
	next    int
	started bool

	startSeq       int64 // seq of the trusted starting point (0: genesis)
	lastSeq        int64
	lastHash       string
	beforeLastHash string // hash of the entry before the last: recognises an inserted entry
	entries        int64

	goodCheckpointSeq int64 // newest checkpoint matched so far
	matched           map[string]bool
	brk               *Break
}

type pendingCheckpoint struct {
	cp     Checkpoint
	source string
	sigErr error
}

// NewVerifier returns a verifier of the chain from genesis whose checkpoints
// must be signed by pub.
func NewVerifier(pub ed25519.PublicKey) *Verifier {
	return &Verifier{pub: pub, lastHash: GenesisHash, matched: map[string]bool{}}
}

var errStarted = errors.New("audit verifier: already reading entries")

// AddCheckpoint registers a checkpoint to hold the chain to; source names
// where it came from for the report ("audit_checkpoints", a file name).
// The same checkpoint may come from several sources; each copy is checked.
func (v *Verifier) AddCheckpoint(cp Checkpoint, source string) error {
	if v.started {
		return errStarted
	}
	v.cps = append(v.cps, pendingCheckpoint{cp: cp, source: source, sigErr: VerifySignature(v.pub, cp)})
	return nil
}

// StartAfter makes the verifier trust the chain up to entry seq with hash
// hash (say, a checkpoint already verified) and check only what follows.
// Checkpoints before seq are ignored; those at seq must carry hash.
func (v *Verifier) StartAfter(seq int64, hash string) error {
	if v.started {
		return errStarted
	}
	v.startSeq, v.lastSeq, v.lastHash, v.goodCheckpointSeq = seq, seq, hash, 0
	return nil
}

// start sorts the checkpoints and matches those at or before the starting point.
func (v *Verifier) start() {
	if v.started {
		return
	}
	v.started = true
	sort.SliceStable(v.cps, func(i, j int) bool { return v.cps[i].cp.Seq < v.cps[j].cp.Seq })
	v.brk = v.matchCheckpoints(v.lastSeq, v.lastHash)
}

// Add checks the next entry. It returns the *Break when the chain is broken
// at or before e.
func (v *Verifier) Add(e Entry) error {
	v.start()
	if v.brk != nil {
		return v.brk
	}
	if b := v.checkEntry(e); b != nil {
		v.brk = b
		return b
	}
	v.beforeLastHash, v.lastSeq, v.lastHash = v.lastHash, e.Seq, e.Hash
	v.entries++
	if b := v.matchCheckpoints(e.Seq, e.Hash); b != nil {
		v.brk = b
		return b
	}
	return nil
}

// checkEntry tells apart the ways an entry can fail to follow the last one.
func (v *Verifier) checkEntry(e Entry) *Break {
	want := v.lastSeq + 1
	switch {
	case e.Seq > want+1:
		return breakAt(want, Removed, "条目被删除", "entries %d–%d are missing", want, e.Seq-1)
	case e.Seq > want:
		return breakAt(want, Removed, "条目被删除", "entry is missing")
	case e.Seq < want:
		return breakAt(e.Seq, Reordered, "条目顺序被调换", "entry appears again after seq %d", v.lastSeq)
	}
	sum, err := ComputeHash(e.PrevHash, e)
	hashOK := err == nil && sum == e.Hash
	linked := e.PrevHash == v.lastHash
	previousIsEntry := v.lastSeq > v.startSeq
	switch {
	case linked && hashOK:
		return nil
	case linked:
		return breakAt(e.Seq, Changed, "条目被修改", "hash does not match its contents")
	case previousIsEntry && v.beforeLastHash != "" && e.PrevHash == v.beforeLastHash:
		v.entries--
		return breakAt(v.lastSeq, Inserted, "条目被插入", "entry does not belong to the chain: entry %d links past it", e.Seq)
	case hashOK && previousIsEntry:
		v.entries--
		return breakAt(v.lastSeq, Changed, "条目被修改并重算哈希",
			"entry was changed and its hash recomputed: entry %d no longer links to it", e.Seq)
	case hashOK:
		return breakAt(e.Seq, Changed, "条目被修改并重算哈希", "prev_hash was changed and the hash recomputed")
	}
	if sum, err := ComputeHash(v.lastHash, e); err == nil && sum == e.Hash {
		return breakAt(e.Seq, Changed, "条目被修改", "prev_hash was changed")
	}
	return breakAt(e.Seq, Reordered, "条目顺序被调换", "entry is out of place: it does not follow the entry before it")
}

// matchCheckpoints checks every checkpoint up to seq against the entry at
// seq, whose hash is hash. Checkpoints before seq lie before the starting
// point and are skipped.
func (v *Verifier) matchCheckpoints(seq int64, hash string) *Break {
	for ; v.next < len(v.cps) && v.cps[v.next].cp.Seq <= seq; v.next++ {
		p := v.cps[v.next]
		if p.cp.Seq < seq {
			continue
		}
		if p.sigErr != nil {
			return breakAt(seq, Forged, "检查点签名无效", "checkpoint %s in %s is not validly signed: %v", p.cp.ID, p.source, p.sigErr)
		}
		if p.cp.Hash != hash {
			return breakAt(seq, Rewritten, "与签名检查点不符，链条被重算",
				"entry does not match the checkpoint signed at %s (in %s): the chain was rewritten somewhere after seq %d",
				p.cp.At.UTC().Format(time.RFC3339), p.source, max(v.goodCheckpointSeq, v.startSeq))
		}
		v.matched[p.cp.ID] = true
		v.goodCheckpointSeq = seq
	}
	return nil
}

// Finish checks the end of the chain against the recorded head (nil when the
// store has no head record) and against checkpoints beyond the last entry,
// and returns the report.
func (v *Verifier) Finish(head *Head) Report {
	v.start()
	if v.brk == nil {
		v.brk = v.checkEnd(head)
	}
	return v.report(head)
}

// Break returns the first break found so far, nil while the chain holds.
func (v *Verifier) Break() *Break { return v.brk }

func (v *Verifier) checkEnd(head *Head) *Break {
	end := v.lastSeq + 1
	if head == nil {
		return breakAt(end, Removed, "链头记录缺失", "the chain head record is missing")
	}
	if head.Seq == v.lastSeq-1 {
		return breakAt(v.lastSeq, Inserted, "链头之后有多余条目", "entry lies beyond the recorded chain head")
	}
	if head.Seq < v.lastSeq {
		return breakAt(head.Seq+1, Inserted, "链头之后有多余条目",
			"entries %d–%d lie beyond the recorded chain head", head.Seq+1, v.lastSeq)
	}
	if head.Seq == v.lastSeq && head.Hash != v.lastHash {
		return breakAt(max(v.lastSeq, 1), Changed, "条目被修改并重算哈希",
			"the chain head records a different hash for this entry: it was changed and its hash recomputed")
	}
	for _, p := range v.cps[v.next:] {
		if p.sigErr == nil {
			return breakAt(end, Removed, "尾部条目被删除",
				"the checkpoint signed at %s (in %s) vouches for entries up to seq %d, but the chain ends at seq %d: the tail was deleted",
				p.cp.At.UTC().Format(time.RFC3339), p.source, p.cp.Seq, v.lastSeq)
		}
	}
	if head.Seq > v.lastSeq {
		return breakAt(end, Removed, "尾部条目被删除",
			"the chain head is at seq %d but the chain ends at seq %d: the tail was deleted", head.Seq, v.lastSeq)
	}
	if rest := v.cps[v.next:]; len(rest) > 0 {
		p := rest[0]
		return breakAt(p.cp.Seq, Forged, "检查点签名无效", "checkpoint %s in %s is not validly signed: %v", p.cp.ID, p.source, p.sigErr)
	}
	return nil
}

func (v *Verifier) report(head *Head) Report {
	r := Report{
		Entries:       v.entries,
		HeadSeq:       v.lastSeq,
		HeadHash:      v.lastHash,
		CheckpointSeq: v.goodCheckpointSeq,
		Checkpoints:   len(v.matched),
	}
	if head != nil {
		r.HeadSeq, r.HeadHash = head.Seq, head.Hash
	}
	if v.brk != nil {
		r.FirstBadSeq, r.Reason, r.Message = v.brk.Seq, v.brk.Reason, v.brk.Error()
		return r
	}
	r.Intact = true
	noun := "checkpoints"
	if r.Checkpoints == 1 {
		noun = "checkpoint"
	}
	r.Message = fmt.Sprintf("audit chain intact: %d entries, head %d %s…, %d signed %s checked (审计链完整：%d条，已核对%d个签名检查点)",
		r.Entries, r.HeadSeq, shortHash(r.HeadHash), r.Checkpoints, noun, r.Entries, r.Checkpoints)
	return r
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
