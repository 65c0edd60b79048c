package draw

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"math/bits"
	"strconv"
)

// The digest functions take their arguments in the canonical orders of the
// spec (Freeze produces them; a verifier checks them) and neither sort nor
// check: sorting here would hide a document that is out of order.

// Commitment returns C = hex(H(R)) for reveal = hex(R). R is hashed as its
// 32 raw bytes, not as its hex form.
func Commitment(reveal string) (string, error) {
	if !isLowerHex64(reveal) {
		return "", refuse(BadReveal, "reveal", "%d characters", len(reveal))
	}
	var r [32]byte
	if _, err := hex.Decode(r[:], []byte(reveal)); err != nil {
		return "", refuse(BadReveal, "reveal", "%v", err)
	}
	sum := sha256.Sum256(r[:])
	return hex.EncodeToString(sum[:]), nil
}

// Seed returns seed = H("suiji/draw/v1" 0x00 plan_uid 0x00 hex(R) 0x00 E).
// reveal is hex(R), hashed as its 64 characters.
func Seed(planUID, reveal, entropy string) [32]byte {
	buf := make([]byte, 0, len(Algorithm)+len(planUID)+len(reveal)+len(entropy)+3)
	buf = append(buf, Algorithm...)
	buf = append(buf, 0)
	buf = append(buf, planUID...)
	buf = append(buf, 0)
	buf = append(buf, reveal...)
	buf = append(buf, 0)
	buf = append(buf, entropy...)
	return sha256.Sum256(buf)
}

// lineHasher feeds a long run of short lines to one SHA-256 through a
// buffer, so a million lines cost a few hundred Write calls, not a million.
type lineHasher struct {
	h   hash.Hash
	buf []byte
}

const lineBufferSize = 64 << 10

func newLineHasher() *lineHasher {
	return &lineHasher{h: sha256.New(), buf: make([]byte, 0, lineBufferSize+1024)}
}

// line appends a || "\t" || b || "\n".
func (l *lineHasher) line(a, b string) {
	l.buf = append(l.buf, a...)
	l.buf = append(l.buf, '\t')
	l.buf = append(l.buf, b...)
	l.buf = append(l.buf, '\n')
	l.flushIfFull()
}

// line3 appends a || "\t" || b || "\t" || c || "\n".
func (l *lineHasher) line3(a, b, c string) {
	l.buf = append(l.buf, a...)
	l.buf = append(l.buf, '\t')
	l.line(b, c)
}

func (l *lineHasher) flushIfFull() {
	if len(l.buf) >= lineBufferSize {
		l.h.Write(l.buf)
		l.buf = l.buf[:0]
	}
}

func (l *lineHasher) hex() string {
	l.h.Write(l.buf)
	l.buf = l.buf[:0]
	return hex.EncodeToString(l.h.Sum(nil))
}

// PopulationDigest returns D for a population sorted by (stratum, uid).
func PopulationDigest(population []Entry) string {
	l := newLineHasher()
	for _, e := range population {
		l.line(e.Stratum, e.UID)
	}
	return l.hex()
}

// RulesDigest returns S for rules sorted by label, each with exactly one of
// count and ratio (a rule with neither is hashed as a count of 0; Freeze and
// the verifier refuse such rules before they get here).
func RulesDigest(rules []Rule) string {
	l := newLineHasher()
	for _, r := range rules {
		kind, v := ruleValue(r)
		l.line3(r.Label, kind, strconv.FormatInt(v, 10))
	}
	return l.hex()
}

func ruleValue(r Rule) (kind string, v int64) {
	if r.RatioBP != nil {
		return "ratio_bp", *r.RatioBP
	}
	if r.Count != nil {
		return "count", *r.Count
	}
	return "count", 0
}

// TeamsDigest returns T for departments sorted by code with pools ascending,
// conflicts ascending and distinct, and the cap (nil for none). A PerTeam of
// 0 is resolved to the default of spec §4.
func TeamsDigest(departments []Department, conflicts []Conflict, capValue *int64) string {
	l := newLineHasher()
	for _, d := range departments {
		t := resolvePerTeam(d.PerTeam, len(departments))
		l.line3("department", d.Code, strconv.FormatInt(t, 10))
		for _, i := range d.Pool {
			l.line3("pool", d.Code, i)
		}
	}
	for _, c := range conflicts {
		l.line3("conflict", c.Inspector, c.Object)
	}
	capText := "none"
	if capValue != nil {
		capText = strconv.FormatInt(*capValue, 10)
	}
	l.line("cap", capText)
	return l.hex()
}

// resolvePerTeam applies spec §4: two officers per team in all, so 2 from a
// lone department and 1 from each of several.
func resolvePerTeam(perTeam int64, departments int) int64 {
	switch {
	case perTeam != 0:
		return perTeam
	case departments == 1:
		return 2
	default:
		return 1
	}
}

// FreezeDigest returns F from the plan uid, the entropy source and the
// digests C, D, N, S and T (d.FreezeDigest is ignored). Neither R nor E
// enters it, so it is published before either is known.
func FreezeDigest(planUID, entropySource string, d Digests) string {
	n := strconv.FormatInt(d.PopulationSize, 10)
	buf := make([]byte, 0, 64*4+len("suiji/freeze/v1")+len(planUID)+len(n)+len(entropySource)+7)
	for i, part := range []string{"suiji/freeze/v1", planUID, d.Commitment, d.PopulationDigest, n,
		d.RulesDigest, d.TeamsDigest, entropySource} {
		if i > 0 {
			buf = append(buf, 0)
		}
		buf = append(buf, part...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// sampleSize is n_s of spec §3 for a stratum of size entries. The product
// size × ratio is taken in 128 bits: it equals the spec's 64-bit arithmetic
// whenever that does not overflow, and stays exact for a forged document
// claiming a size near 2^53.
func sampleSize(r Rule, size int64) int64 {
	if size < 0 {
		return 0
	}
	n := uint64(size)
	if r.Count != nil {
		return int64(min(n, uint64(*r.Count)))
	}
	if r.RatioBP == nil || *r.RatioBP < 0 || *r.RatioBP > ratioDenominator {
		return 0 // refused before it gets here; never divide out of range
	}
	hi, lo := bits.Mul64(n, uint64(*r.RatioBP))
	lo, carry := bits.Add64(lo, ratioDenominator-1, 0)
	q, _ := bits.Div64(hi+carry, lo, ratioDenominator)
	return int64(min(n, q))
}
