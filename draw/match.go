package draw

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
)

// matcher assigns teams (spec §6). Each department keeps its inspectors in
// buckets by load, so a pick looks only at the lowest bucket that has an
// eligible inspector and hashes only those: the spec's (load, ikey, uid)
// order never needs the ikey of anyone at a higher load.
type matcher struct {
	uids      []string         // inspector index → uid; departments by code, pools ascending
	pos       []int            // inspector index → position in its load bucket
	stamp     []int64          // stamp[i] == rank: i is left out for that object
	depts     []deptState      // by code
	conflicts map[string][]int // object uid → inspectors (of any pool) in conflict with it
	capLevel  int              // loads at or above this are full; MaxInt for no cap
	buf       []byte           // seed || "inspector" || 0x00 || o || 0x00 || i
	prefixLen int              // length of seed || "inspector" || 0x00
	cand      []candidate      // scratch: the hashed inspectors of one bucket
	st        *Stats
}

type deptState struct {
	code     string
	perTeam  int
	levels   [][]int // levels[l]: inspectors with load l, in no particular order
	minLevel int     // lowest non-empty level
}

type candidate struct {
	ikey uint64
	idx  int // inspector index; ascending index is ascending uid within a department
}

// newMatcher prepares matching for canonical departments (by code, pools
// ascending, PerTeam resolved) and conflicts.
func newMatcher(depts []Department, conflicts []Conflict, capValue *int64, seed *[32]byte, st *Stats) *matcher {
	m := &matcher{depts: make([]deptState, len(depts)), capLevel: math.MaxInt, st: st}
	if capValue != nil {
		m.capLevel = int(min(*capValue, math.MaxInt32))
	}
	index := make(map[string]int)
	for d, dept := range depts {
		bucket := make([]int, len(dept.Pool))
		for j, uid := range dept.Pool {
			i := len(m.uids)
			index[uid] = i
			m.uids = append(m.uids, uid)
			m.pos = append(m.pos, j)
			bucket[j] = i
		}
		m.depts[d] = deptState{code: dept.Code, perTeam: int(dept.PerTeam), levels: [][]int{bucket}}
	}
	m.stamp = make([]int64, len(m.uids))
	m.conflicts = make(map[string][]int)
	for _, c := range conflicts {
		if i, ok := index[c.Inspector]; ok {
			m.conflicts[c.Object] = append(m.conflicts[c.Object], i)
		}
	}
	m.buf = append(make([]byte, 0, 256), seed[:]...)
	m.buf = append(m.buf, "inspector\x00"...)
	m.prefixLen = len(m.buf)
	return m
}

// assign picks the team of the object of this rank, appending its members to
// team in pick order. It returns the code of the department that ran out of
// inspectors, or "" on success. rank must be ≥ 1 and increase from call to
// call: it stamps who is left out for this object, so nothing is reset.
func (m *matcher) assign(rank int64, object string, team []string) ([]string, string) {
	for _, i := range m.conflicts[object] {
		m.stamp[i] = rank
	}
	m.buf = append(m.buf[:m.prefixLen], object...)
	m.buf = append(m.buf, 0)
	objLen := len(m.buf)
	for d := range m.depts {
		var ok bool
		if team, ok = m.fill(&m.depts[d], rank, objLen, team); !ok {
			return team, m.depts[d].code
		}
	}
	return team, ""
}

// fill picks d.perTeam inspectors of one department for the current object.
// The ikeys of a bucket are hashed once per object: a second pick from the
// same bucket takes the next smallest of the same candidates, because
// ikey(o, i) does not change between picks of one object.
func (m *matcher) fill(d *deptState, rank int64, objLen int, team []string) ([]string, bool) {
	level := d.minLevel
	cand := m.cand[:0]
	for range d.perTeam {
		for len(cand) == 0 {
			if level >= m.capLevel || level >= len(d.levels) {
				m.cand = cand
				return team, false
			}
			cand = m.hashBucket(d.levels[level], rank, objLen, cand)
			if len(cand) == 0 {
				level++
			}
		}
		j := smallest(cand)
		c := cand[j]
		cand[j] = cand[len(cand)-1]
		cand = cand[:len(cand)-1]
		m.stamp[c.idx] = rank
		m.promote(d, c.idx, level)
		team = append(team, m.uids[c.idx])
	}
	m.cand = cand[:0]
	for d.minLevel < len(d.levels) && len(d.levels[d.minLevel]) == 0 {
		d.minLevel++
	}
	return team, true
}

// hashBucket appends (ikey, index) for every inspector of a bucket that is
// not left out for this object. A lone eligible inspector is not hashed:
// with nobody else at its load, its ikey cannot change the pick.
func (m *matcher) hashBucket(bucket []int, rank int64, objLen int, cand []candidate) []candidate {
	before := len(cand)
	for _, i := range bucket {
		if m.stamp[i] != rank {
			cand = append(cand, candidate{idx: i})
		}
	}
	if len(cand)-before < 2 {
		return cand
	}
	for k := before; k < len(cand); k++ {
		m.buf = append(m.buf[:objLen], m.uids[cand[k].idx]...)
		sum := sha256.Sum256(m.buf)
		cand[k].ikey = binary.BigEndian.Uint64(sum[:8])
	}
	m.st.InspectorKeys += int64(len(cand) - before)
	m.st.Hashes += int64(len(cand) - before)
	return cand
}

// smallest returns the position of the smallest (ikey, uid).
func smallest(cand []candidate) int {
	best := 0
	for j := 1; j < len(cand); j++ {
		a, b := cand[j], cand[best]
		if a.ikey < b.ikey || (a.ikey == b.ikey && a.idx < b.idx) {
			best = j
		}
	}
	return best
}

// promote moves inspector i from bucket level to level+1: its load grew by one.
func (m *matcher) promote(d *deptState, i, level int) {
	bucket := d.levels[level]
	last := bucket[len(bucket)-1]
	bucket[m.pos[i]] = last
	m.pos[last] = m.pos[i]
	d.levels[level] = bucket[:len(bucket)-1]
	if level+1 == len(d.levels) {
		d.levels = append(d.levels, nil)
	}
	m.pos[i] = len(d.levels[level+1])
	d.levels[level+1] = append(d.levels[level+1], i)
}
