package draw

import (
	"crypto/sha256"
	"encoding/binary"
	"slices"
	"strings"
)

// pick is a selected entry: its key and its index in the sorted population.
type pick struct {
	key uint64
	idx int
}

// selectAll draws every stratum's sample (spec §5) and returns the picks in
// selection order, ascending by (key, uid). A stratum with n_s = 0 is not
// hashed at all: the spec needs none of its keys.
func selectAll(pop []Entry, strata []Stratum, spans []span, seed *[32]byte, st *Stats) []pick {
	total := 0
	for _, s := range strata {
		total += int(s.SampleSize)
	}
	picks := make([]pick, 0, total)
	buf := make([]byte, 0, 256)
	for i, s := range strata {
		if s.SampleSize == 0 {
			continue
		}
		buf = objectPrefix(buf[:0], seed, s.Label)
		picks = selectStratum(pop, spans[i], int(s.SampleSize), buf, picks, st)
	}
	slices.SortFunc(picks, func(a, b pick) int { return comparePicks(pop, a, b) })
	return picks
}

// objectPrefix appends seed || "object" || 0x00 || stratum || 0x00, the
// part of every key message a stratum shares.
func objectPrefix(buf []byte, seed *[32]byte, stratum string) []byte {
	buf = append(buf, seed[:]...)
	buf = append(buf, "object\x00"...)
	buf = append(buf, stratum...)
	return append(buf, 0)
}

func comparePicks(pop []Entry, a, b pick) int {
	switch {
	case a.key < b.key:
		return -1
	case a.key > b.key:
		return 1
	}
	return strings.Compare(pop[a.idx].UID, pop[b.idx].UID)
}

// selectStratum keeps the n smallest (key, uid) of one stratum in a bounded
// max-heap, so a stratum of a million entries costs a million hashes and a
// few thousand heap moves, never a sort of a million keys. prefix is the
// stratum's key-message prefix; picks are appended to out, unordered.
func selectStratum(pop []Entry, s span, n int, prefix []byte, out []pick, st *Stats) []pick {
	st.ObjectKeys += int64(s.hi - s.lo)
	st.Hashes += int64(s.hi - s.lo)
	buf := prefix
	pl := len(prefix)
	if n >= s.hi-s.lo { // the whole stratum is drawn: no heap, the final sort orders it
		for i := s.lo; i < s.hi; i++ {
			buf = append(buf[:pl], pop[i].UID...)
			sum := sha256.Sum256(buf)
			out = append(out, pick{key: binary.BigEndian.Uint64(sum[:8]), idx: i})
		}
		return out
	}
	h := keyHeap{pop: pop, items: make([]pick, 0, n)}
	for i := s.lo; i < s.hi; i++ {
		buf = append(buf[:pl], pop[i].UID...)
		sum := sha256.Sum256(buf)
		h.offer(pick{key: binary.BigEndian.Uint64(sum[:8]), idx: i}, n)
	}
	return append(out, h.items...)
}

// keyHeap is a max-heap by (key, uid): its root is the largest pick kept,
// the one a smaller newcomer replaces.
type keyHeap struct {
	pop   []Entry
	items []pick
}

// offer adds p if fewer than n are kept or p is smaller than the largest.
// Keys are uniform over 64 bits, so the common case is one comparison.
func (h *keyHeap) offer(p pick, n int) {
	if len(h.items) < n {
		h.items = append(h.items, p)
		h.up(len(h.items) - 1)
		return
	}
	if top := h.items[0]; p.key > top.key || (p.key == top.key && h.pop[p.idx].UID > h.pop[top.idx].UID) {
		return
	}
	h.items[0] = p
	h.down(0)
}

func (h *keyHeap) greater(i, j int) bool {
	return comparePicks(h.pop, h.items[i], h.items[j]) > 0
}

func (h *keyHeap) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !h.greater(i, parent) {
			return
		}
		h.items[i], h.items[parent] = h.items[parent], h.items[i]
		i = parent
	}
}

func (h *keyHeap) down(i int) {
	n := len(h.items)
	for {
		m := i
		if l := 2*i + 1; l < n && h.greater(l, m) {
			m = l
		}
		if r := 2*i + 2; r < n && h.greater(r, m) {
			m = r
		}
		if m == i {
			return
		}
		h.items[i], h.items[m] = h.items[m], h.items[i]
		i = m
	}
}
