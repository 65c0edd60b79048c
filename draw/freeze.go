package draw

import (
	"fmt"
	"slices"
	"strings"
)

// Frozen is a plan after the freeze: validated, in the canonical orders of
// the spec (strata by label; population by (stratum, uid); departments by
// code with pools ascending and PerTeam resolved; conflicts ascending and
// distinct), with its digests. Its fields are unexported so that nothing the
// draw uses can change after F is published; a server that stores the plan
// and draws later re-freezes it from storage and compares Digests().FreezeDigest
// with the F it published. A Frozen is never modified after the freeze, so
// any number of Draws may use it at once.
type Frozen struct {
	plan    Plan
	digests Digests
	strata  []Stratum // by label, with sizes and sample sizes
	spans   []span    // each stratum's range of plan.Population, parallel to strata
	hashes  int64     // SHA-256 evaluations of the freeze
}

// span is a half-open range [lo, hi) of the sorted population.
type span struct{ lo, hi int }

// Digests returns C, D, N, S, T and F.
func (f *Frozen) Digests() Digests { return f.digests }

// Plan returns the canonical plan. Its slices are shared with f: read them,
// never write them.
func (f *Frozen) Plan() Plan { return f.plan }

// Strata returns the strata by label with their sizes and sample sizes.
func (f *Frozen) Strata() []Stratum {
	out := make([]Stratum, len(f.strata))
	for i, s := range f.strata {
		s.RatioBP, s.Count = clonePtr(s.RatioBP), clonePtr(s.Count)
		out[i] = s
	}
	return out
}

// Hashes returns the number of SHA-256 evaluations the freeze performed.
func (f *Frozen) Hashes() int64 { return f.hashes }

// Freeze validates p (every refusal of spec §8 and rule of §0), sorts a copy
// of its population and computes the digests. p is not modified or retained.
func Freeze(p Plan) (*Frozen, error) {
	// Check the strings before sorting, so a refusal names the entry's
	// place in the caller's order.
	if err := checkPopulationStrings(p.Population); err != nil {
		return nil, err
	}
	pop := slices.Clone(p.Population)
	slices.SortFunc(pop, compareEntries)
	return freeze(p, pop)
}

// FreezeSorted is Freeze for a population that already is strictly ascending
// by (stratum, uid) in UTF-8 byte order, as a database returns it with
// ORDER BY stratum, uid under a byte-wise ("C") collation. It checks the
// order in the same single pass that validates the entries and computes D,
// instead of sorting, and keeps p.Population without copying it: the caller
// must not modify it afterwards. A population out of order yields
// ErrNotSorted; a repeated entry is refused as duplicate_uid.
func FreezeSorted(p Plan) (*Frozen, error) {
	return freeze(p, p.Population)
}

// freeze validates the plan's other parts, then scans the sorted population
// once for its strings, order, strata and D, then looks for a uid in two
// strata.
func freeze(p Plan, pop []Entry) (*Frozen, error) {
	if err := checkPlanScalars(p); err != nil {
		return nil, err
	}
	rules, err := canonicalRules(p.Strata)
	if err != nil {
		return nil, err
	}
	depts, err := canonicalDepartments(p.Departments)
	if err != nil {
		return nil, err
	}
	capValue, err := canonicalCap(p.Cap)
	if err != nil {
		return nil, err
	}
	conflicts, err := canonicalConflicts(p.Conflicts)
	if err != nil {
		return nil, err
	}
	if pop == nil {
		pop = []Entry{}
	}
	scan := scanPopulation(pop, rules)
	if err := scan.refusal(pop); err != nil {
		return nil, err
	}
	if uid, dup := duplicateAcross(pop, scan.spans); dup {
		return nil, refuse(DuplicateUID, "population", "%q", uid)
	}
	f := &Frozen{
		plan: Plan{PlanUID: p.PlanUID, Commitment: p.Commitment, EntropySource: p.EntropySource,
			Strata: rules, Population: pop, Departments: depts, Conflicts: conflicts, Cap: capValue},
		strata: makeStrata(rules, scan.spans),
		spans:  scan.spans,
	}
	f.digests = digestsWith(f.plan, scan.digest)
	f.hashes = 4 // D, S, T, F
	return f, nil
}

// digestsWith computes S, T and F of a canonical plan whose D is known.
func digestsWith(p Plan, populationDigest string) Digests {
	d := Digests{
		Commitment:       p.Commitment,
		PopulationDigest: populationDigest,
		PopulationSize:   int64(len(p.Population)),
		RulesDigest:      RulesDigest(p.Strata),
		TeamsDigest:      TeamsDigest(p.Departments, p.Conflicts, p.Cap),
	}
	d.FreezeDigest = FreezeDigest(p.PlanUID, p.EntropySource, d)
	return d
}

func makeStrata(rules []Rule, spans []span) []Stratum {
	strata := make([]Stratum, len(rules))
	for i, r := range rules {
		size := int64(spans[i].hi - spans[i].lo)
		strata[i] = Stratum{Rule: r, Size: size, SampleSize: sampleSize(r, size)}
	}
	return strata
}

func checkPlanScalars(p Plan) error {
	if err := checkID("plan_uid", p.PlanUID); err != nil {
		return err
	}
	if !isLowerHex64(p.Commitment) {
		return refuse(BadCommitment, "commitment", "%q", p.Commitment)
	}
	return checkText("entropy_source", p.EntropySource, false)
}

func checkPopulationStrings(pop []Entry) error {
	for i, e := range pop {
		if idProblem(e.Stratum) != "" {
			return checkID(fmt.Sprintf("population[%d].stratum", i), e.Stratum)
		}
		if idProblem(e.UID) != "" {
			return checkID(fmt.Sprintf("population[%d].uid", i), e.UID)
		}
	}
	return nil
}

func compareEntries(a, b Entry) int {
	if c := strings.Compare(a.Stratum, b.Stratum); c != 0 {
		return c
	}
	return strings.Compare(a.UID, b.UID)
}

// canonicalRules validates the rules and returns a copy sorted by label.
func canonicalRules(rules []Rule) ([]Rule, error) {
	out := make([]Rule, len(rules))
	for i, r := range rules {
		if err := checkRule(fmt.Sprintf("strata[%d]", i), r); err != nil {
			return nil, err
		}
		out[i] = Rule{Label: r.Label, RatioBP: clonePtr(r.RatioBP), Count: clonePtr(r.Count)}
	}
	slices.SortFunc(out, func(a, b Rule) int { return strings.Compare(a.Label, b.Label) })
	for i := 1; i < len(out); i++ {
		if out[i].Label == out[i-1].Label {
			return nil, refuse(DuplicateStratum, "strata", "%q", out[i].Label)
		}
	}
	return out, nil
}

func checkRule(field string, r Rule) error {
	if err := checkID(field+".label", r.Label); err != nil {
		return err
	}
	switch {
	case (r.RatioBP == nil) == (r.Count == nil):
		return refuse(BadRule, field, "stratum %q", r.Label)
	case r.RatioBP != nil && (*r.RatioBP < 0 || *r.RatioBP > ratioDenominator):
		return refuse(RatioOutOfRange, field+".ratio_bp", "%d", *r.RatioBP)
	case r.Count != nil && *r.Count < 0:
		return refuse(NegativeCount, field+".count", "%d", *r.Count)
	case r.Count != nil && *r.Count > maxSafe:
		return refuse(NumberTooLarge, field+".count", "%d", *r.Count)
	}
	return nil
}

// canonicalDepartments validates the departments and returns a copy sorted
// by code, each pool sorted and PerTeam resolved.
func canonicalDepartments(depts []Department) ([]Department, error) {
	if len(depts) == 0 {
		return nil, refuse(NoDepartment, "departments", "none given")
	}
	out := make([]Department, len(depts))
	for i, d := range depts {
		cd, err := canonicalDepartment(fmt.Sprintf("departments[%d]", i), d, len(depts))
		if err != nil {
			return nil, err
		}
		out[i] = cd
	}
	slices.SortFunc(out, func(a, b Department) int { return strings.Compare(a.Code, b.Code) })
	for i := 1; i < len(out); i++ {
		if out[i].Code == out[i-1].Code {
			return nil, refuse(DuplicateDepartment, "departments", "%q", out[i].Code)
		}
	}
	owner := make(map[string]string)
	for _, d := range out {
		for _, i := range d.Pool {
			if other, ok := owner[i]; ok {
				return nil, refuse(InspectorInTwoPools, "departments", "%q is in %q and %q", i, other, d.Code)
			}
			owner[i] = d.Code
		}
	}
	return out, nil
}

func canonicalDepartment(field string, d Department, departments int) (Department, error) {
	if err := checkID(field+".code", d.Code); err != nil {
		return Department{}, err
	}
	switch {
	case d.PerTeam < 0:
		return Department{}, refuse(BadPerTeam, field+".per_team", "%d", d.PerTeam)
	case d.PerTeam > maxSafe:
		return Department{}, refuse(NumberTooLarge, field+".per_team", "%d", d.PerTeam)
	}
	pool := slices.Clone(d.Pool)
	for j, i := range pool {
		if err := checkID(fmt.Sprintf("%s.pool[%d]", field, j), i); err != nil {
			return Department{}, err
		}
	}
	slices.Sort(pool)
	for j := 1; j < len(pool); j++ {
		if pool[j] == pool[j-1] {
			return Department{}, refuse(DuplicatePoolEntry, field+".pool", "%q", pool[j])
		}
	}
	t := resolvePerTeam(d.PerTeam, departments)
	if int64(len(pool)) < t {
		return Department{}, refuse(PoolSmallerThanTeam, field, "%q has %d inspectors for teams of %d", d.Code, len(pool), t)
	}
	if pool == nil {
		pool = []string{}
	}
	return Department{Code: d.Code, PerTeam: t, Pool: pool}, nil
}

func canonicalCap(capValue *int64) (*int64, error) {
	switch {
	case capValue == nil:
		return nil, nil
	case *capValue < 1:
		return nil, refuse(BadCap, "cap", "%d", *capValue)
	case *capValue > maxSafe:
		return nil, refuse(NumberTooLarge, "cap", "%d", *capValue)
	}
	return clonePtr(capValue), nil
}

// canonicalConflicts validates the conflicts and returns them ascending and
// distinct. A conflict naming an unknown inspector or object is kept: it
// enters T and has no other effect (spec, "Draw input").
func canonicalConflicts(conflicts []Conflict) ([]Conflict, error) {
	for k, c := range conflicts {
		if err := checkID(fmt.Sprintf("conflicts[%d][0]", k), c.Inspector); err != nil {
			return nil, err
		}
		if err := checkID(fmt.Sprintf("conflicts[%d][1]", k), c.Object); err != nil {
			return nil, err
		}
	}
	out := slices.Clone(conflicts)
	slices.SortFunc(out, compareConflicts)
	out = slices.Compact(out)
	if out == nil {
		out = []Conflict{}
	}
	return out, nil
}

func compareConflicts(a, b Conflict) int {
	if c := strings.Compare(a.Inspector, b.Inspector); c != 0 {
		return c
	}
	return strings.Compare(a.Object, b.Object)
}

func clonePtr(p *int64) *int64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// duplicateAcross finds a uid that is in two strata. Each stratum's range is
// strictly ascending by uid, so a k-way merge of the ranges puts any repeat
// next to itself: O(N log k) time and no map of a million strings.
func duplicateAcross(pop []Entry, spans []span) (string, bool) {
	h := mergeHeap{pop: pop}
	for _, s := range spans {
		if s.hi > s.lo {
			h.runs = append(h.runs, s)
		}
	}
	if len(h.runs) < 2 {
		return "", false
	}
	for i := len(h.runs)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	prev := ""
	for first := true; len(h.runs) > 0; first = false {
		top := &h.runs[0]
		uid := pop[top.lo].UID
		if !first && uid == prev {
			return uid, true
		}
		prev = uid
		if top.lo++; top.lo == top.hi {
			last := len(h.runs) - 1
			h.runs[0] = h.runs[last]
			h.runs = h.runs[:last]
		}
		h.down(0)
	}
	return "", false
}

// mergeHeap is a min-heap of runs by the uid at each run's head.
type mergeHeap struct {
	pop  []Entry
	runs []span
}

func (h *mergeHeap) less(i, j int) bool {
	return h.pop[h.runs[i].lo].UID < h.pop[h.runs[j].lo].UID
}

func (h *mergeHeap) down(i int) {
	n := len(h.runs)
	for {
		m := i
		if l := 2*i + 1; l < n && h.less(l, m) {
			m = l
		}
		if r := 2*i + 2; r < n && h.less(r, m) {
			m = r
		}
		if m == i {
			return
		}
		h.runs[i], h.runs[m] = h.runs[m], h.runs[i]
		i = m
	}
}
