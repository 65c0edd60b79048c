package draw

import "fmt"

// popProblem is what a scan of the population found wrong first.
type popProblem int

const (
	popOK        popProblem = iota
	popBadString            // the entry's stratum or uid breaks spec §0
	popUnordered            // the entry is not after the one before it
	popRepeated             // the entry equals the one before it
	popNoRule               // the entry's stratum has no rule
)

// popScan is what one pass over a population sorted by (stratum, uid)
// establishes: each rule's range, D, or the first bad entry.
type popScan struct {
	spans  []span // parallel to the rules; empty for a stratum without entries
	digest string // D
	bad    int    // index of the first bad entry
	why    popProblem
}

// scanPopulation checks the strings, the strict order and that every
// stratum has a rule, finds each stratum's range and computes D, all in a
// single pass: with a million entries, every pass over the uids costs a
// cache miss per entry, more than the work each pass does.
func scanPopulation(pop []Entry, rules []Rule) popScan {
	sc := popScan{spans: make([]span, len(rules)), bad: -1}
	l := newLineHasher()
	r := -1 // the rule of the current stratum
	for i := range pop {
		e := &pop[i]
		if why := sc.step(pop, i, rules, &r); why != popOK {
			sc.bad, sc.why = i, why
			return sc
		}
		l.line(e.Stratum, e.UID)
	}
	if r >= 0 {
		sc.spans[r].hi = len(pop)
	}
	sc.digest = l.hex()
	return sc
}

// step checks entry i against entry i−1 and opens a new stratum's range
// when the label changes. r is the index of the current stratum's rule.
func (sc *popScan) step(pop []Entry, i int, rules []Rule, r *int) popProblem {
	e := &pop[i]
	if idProblem(e.UID) != "" {
		return popBadString
	}
	if i > 0 && e.Stratum == pop[i-1].Stratum {
		switch prev := pop[i-1].UID; {
		case prev < e.UID:
			return popOK
		case prev == e.UID:
			return popRepeated
		}
		return popUnordered
	}
	if idProblem(e.Stratum) != "" {
		return popBadString
	}
	if i > 0 && e.Stratum < pop[i-1].Stratum {
		return popUnordered
	}
	if *r >= 0 {
		sc.spans[*r].hi = i
	}
	for *r+1 < len(rules) && rules[*r+1].Label < e.Stratum {
		*r++
	}
	if *r+1 == len(rules) || rules[*r+1].Label != e.Stratum {
		return popNoRule
	}
	*r++
	sc.spans[*r] = span{lo: i, hi: i}
	return popOK
}

// refusal turns the scan's finding into the freeze's error, or nil.
func (sc *popScan) refusal(pop []Entry) error {
	if sc.why == popOK {
		return nil
	}
	e := pop[sc.bad]
	field := fmt.Sprintf("population[%d]", sc.bad)
	switch sc.why {
	case popBadString:
		if err := checkID(field+".stratum", e.Stratum); err != nil {
			return err
		}
		return checkID(field+".uid", e.UID)
	case popRepeated:
		return refuse(DuplicateUID, field+".uid", "%q", e.UID)
	case popNoRule:
		return refuse(StratumWithoutRule, field, "object %q in stratum %q", e.UID, e.Stratum)
	}
	return fmt.Errorf("%w: entry %d (%q, %q) is not after the one before it", ErrNotSorted, sc.bad, e.Stratum, e.UID)
}

// problem describes the scan's finding for a verification report.
func (sc *popScan) problem(pop []Entry) string {
	e := pop[sc.bad]
	switch sc.why {
	case popBadString:
		return fmt.Sprintf("entry %d breaks the string rules", sc.bad)
	case popRepeated:
		return fmt.Sprintf("entry %d (%q, %q) is repeated", sc.bad, e.Stratum, e.UID)
	case popNoRule:
		return fmt.Sprintf("object %q is in stratum %q, which has no rule", e.UID, e.Stratum)
	}
	return fmt.Sprintf("not strictly ascending by (stratum, uid) at entry %d (%q, %q)", sc.bad, e.Stratum, e.UID)
}
