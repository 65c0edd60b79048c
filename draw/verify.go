package draw

import (
	"encoding/hex"
	"fmt"
	"math/bits"
	"slices"
	"strings"
)

// Check names one step of the verification of spec §7.
type Check string

// The steps, in the order a verifier runs them.
const (
	CheckDecode       Check = "decode"        // the document is strict JSON of the right shape
	CheckFormat       Check = "format"        // strings, numbers, array orders and uniqueness
	CheckAlgorithm    Check = "algorithm"     // "suiji/draw/v1"
	CheckCommitment   Check = "commitment"    // reveal is 64 lowercase hex digits and hex(H(R)) == C
	CheckSeed         Check = "seed"          // seed from plan uid, reveal and entropy
	CheckRulesDigest  Check = "rules_digest"  // S from the strata rules
	CheckSampleSizes  Check = "sample_sizes"  // sizes add up to N; n_s from N_s; ranks 1, 2, …
	CheckPopulation   Check = "population"    // order, D, N and every stratum's size from the population
	CheckFreezeDigest Check = "freeze_digest" // F from C, D, N, S, T
	CheckSelection    Check = "selection"     // every selection recomputed from the population
	CheckTeamsDigest  Check = "teams_digest"  // T from departments, conflicts and cap
	CheckTeams        Check = "teams"         // every team recomputed
)

// The words a report uses for what the document left out (spec §7).
const (
	PartPopulation = "population"
	PartSelection  = "selection"
	PartTeams      = "teams"
)

// Report is what a verification established.
type Report struct {
	Selections int      // selections in the document
	NotChecked []string // parts left out of the document: population, selection, teams
}

func (r Report) String() string {
	s := fmt.Sprintf("verified %d selections", r.Selections)
	if len(r.NotChecked) > 0 {
		s += "; not checked (left out of the document): " + strings.Join(r.NotChecked, ", ")
	}
	return s
}

// VerifyError is the first check an evidence document fails.
type VerifyError struct {
	Check  Check
	Reason string
}

func (e *VerifyError) Error() string {
	return fmt.Sprintf("draw: evidence fails the %s check: %s", e.Check, e.Reason)
}

func failed(c Check, format string, args ...any) *VerifyError {
	return &VerifyError{Check: c, Reason: fmt.Sprintf(format, args...)}
}

// Verify decodes an evidence document strictly and verifies it; see
// VerifyEvidence.
func Verify(doc []byte) (Report, error) {
	ev, err := DecodeEvidence(doc)
	if err != nil {
		return Report{}, &VerifyError{Check: CheckDecode, Reason: err.Error()}
	}
	return VerifyEvidence(&ev)
}

// VerifyEvidence checks a whole or public evidence document in the order of
// spec §7 and returns the first failure as a *VerifyError. It never
// re-sorts: an array out of order is a failure, not something to repair. The
// report names what the document left out and so could not be checked.
func VerifyEvidence(ev *Evidence) (Report, error) {
	rep := Report{Selections: len(ev.Selections), NotChecked: notChecked(ev)}
	v := verifier{ev: ev}
	steps := []func() error{v.format, v.algorithm, v.commitment, v.seedStep, v.rulesDigest,
		v.sampleSizes, v.population, v.freezeDigest, v.selection, v.teamsDigest, v.teams}
	for _, step := range steps {
		if err := step(); err != nil {
			return rep, err
		}
	}
	return rep, nil
}

func notChecked(ev *Evidence) []string {
	out := []string{}
	if ev.Population == nil {
		out = append(out, PartPopulation, PartSelection)
	}
	if ev.Departments == nil {
		out = append(out, PartTeams)
	}
	return out
}

// verifier carries what one step establishes for the next.
type verifier struct {
	ev    *Evidence
	seed  [32]byte
	rules []Rule
	spans []span
}

// format checks every string against spec §0, every number's range, and
// every array's order and uniqueness — except the population's order, which
// spec §7 checks with the population.
func (v *verifier) format() error {
	ev := v.ev
	if p := idProblem(ev.PlanUID); p != "" {
		return failed(CheckFormat, "plan_uid: %s", p)
	}
	if p := textProblem(ev.EntropySource, false); p != "" {
		return failed(CheckFormat, "entropy_source: %s", p)
	}
	if p := textProblem(ev.Entropy, true); p != "" {
		return failed(CheckFormat, "entropy: %s", p)
	}
	if !inRange(ev.PopulationSize, 0) {
		return failed(CheckFormat, "population_size %d out of range", ev.PopulationSize)
	}
	checks := []func() error{v.formatStrata, v.formatPopulation, v.formatSelections,
		v.formatDepartments, v.formatConflicts, v.formatCap}
	for _, check := range checks {
		if err := check(); err != nil {
			return err
		}
	}
	return nil
}

func inRange(v, least int64) bool { return v >= least && v <= maxSafe }

func (v *verifier) formatStrata() error {
	for i, s := range v.ev.Strata {
		if err := checkRule(fmt.Sprintf("strata[%d]", i), s.Rule); err != nil {
			return failed(CheckFormat, "%v", err)
		}
		if !inRange(s.Size, 0) || !inRange(s.SampleSize, 0) {
			return failed(CheckFormat, "stratum %q: size or sample_size out of range", s.Label)
		}
		if i > 0 && v.ev.Strata[i-1].Label >= s.Label {
			return failed(CheckFormat, "strata not strictly ascending by label at %q", s.Label)
		}
	}
	return nil
}

func (v *verifier) formatPopulation() error {
	for i, e := range v.ev.Population {
		if p := idProblem(e.Stratum); p != "" {
			return failed(CheckFormat, "population[%d].stratum: %s", i, p)
		}
		if p := idProblem(e.UID); p != "" {
			return failed(CheckFormat, "population[%d].uid: %s", i, p)
		}
	}
	return nil
}

func (v *verifier) formatSelections() error {
	withKeys := v.ev.Population != nil
	uids := make(map[string]struct{}, len(v.ev.Selections))
	for i, s := range v.ev.Selections {
		if i > 0 && s.Rank <= v.ev.Selections[i-1].Rank {
			return failed(CheckFormat, "selections not ascending by rank at rank %d", s.Rank)
		}
		if p := idProblem(s.UID); p != "" {
			return failed(CheckFormat, "selection %d uid: %s", s.Rank, p)
		}
		if _, dup := uids[s.UID]; dup {
			return failed(CheckFormat, "object %q selected twice", s.UID)
		}
		uids[s.UID] = struct{}{}
		if (s.Stratum != "") != withKeys {
			return failed(CheckFormat, "selection %d: stratum and key must be present exactly when the population is", s.Rank)
		}
		if p := idProblem(s.Stratum); withKeys && p != "" {
			return failed(CheckFormat, "selection %d stratum: %s", s.Rank, p)
		}
		for _, m := range s.Team {
			if p := idProblem(m); p != "" {
				return failed(CheckFormat, "selection %d team member: %s", s.Rank, p)
			}
		}
	}
	return nil
}

func (v *verifier) formatDepartments() error {
	depts := v.ev.Departments
	if (depts == nil) != (v.ev.Conflicts == nil) {
		return failed(CheckFormat, "departments and conflicts must both be present or both absent")
	}
	if depts == nil {
		return nil
	}
	if len(depts) == 0 {
		return failed(CheckFormat, "no department")
	}
	owner := make(map[string]string)
	for i, d := range depts {
		if err := formatDepartment(d); err != nil {
			return err
		}
		if i > 0 && depts[i-1].Code >= d.Code {
			return failed(CheckFormat, "departments not strictly ascending by code at %q", d.Code)
		}
		for _, m := range d.Pool {
			if other, ok := owner[m]; ok {
				return failed(CheckFormat, "inspector %q in the pools of %q and %q", m, other, d.Code)
			}
			owner[m] = d.Code
		}
	}
	return nil
}

func formatDepartment(d Department) error {
	if p := idProblem(d.Code); p != "" {
		return failed(CheckFormat, "department code: %s", p)
	}
	if !inRange(d.PerTeam, 1) {
		return failed(CheckFormat, "department %q: per_team %d out of range", d.Code, d.PerTeam)
	}
	if int64(len(d.Pool)) < d.PerTeam {
		return failed(CheckFormat, "department %q: pool smaller than per_team", d.Code)
	}
	for j, m := range d.Pool {
		if p := idProblem(m); p != "" {
			return failed(CheckFormat, "department %q pool: %s", d.Code, p)
		}
		if j > 0 && d.Pool[j-1] >= m {
			return failed(CheckFormat, "department %q: pool not strictly ascending at %q", d.Code, m)
		}
	}
	return nil
}

func (v *verifier) formatConflicts() error {
	for i, c := range v.ev.Conflicts {
		if p := idProblem(c.Inspector); p != "" {
			return failed(CheckFormat, "conflicts[%d] inspector: %s", i, p)
		}
		if p := idProblem(c.Object); p != "" {
			return failed(CheckFormat, "conflicts[%d] object: %s", i, p)
		}
		if i > 0 && compareConflicts(v.ev.Conflicts[i-1], c) >= 0 {
			return failed(CheckFormat, "conflicts not strictly ascending at [%q, %q]", c.Inspector, c.Object)
		}
	}
	return nil
}

func (v *verifier) formatCap() error {
	if c := v.ev.Cap; c != nil && !inRange(*c, 1) {
		return failed(CheckFormat, "cap %d out of range", *c)
	}
	return nil
}

func (v *verifier) algorithm() error {
	if v.ev.Algorithm != Algorithm {
		return failed(CheckAlgorithm, "unknown algorithm %q", v.ev.Algorithm)
	}
	return nil
}

func (v *verifier) commitment() error {
	c, err := Commitment(v.ev.Reveal)
	if err != nil {
		return failed(CheckCommitment, "reveal is not 64 lowercase hexadecimal digits")
	}
	if c != v.ev.Commitment {
		return failed(CheckCommitment, "H(R) is %s, the document says %s", c, v.ev.Commitment)
	}
	return nil
}

func (v *verifier) seedStep() error {
	v.seed = Seed(v.ev.PlanUID, v.ev.Reveal, v.ev.Entropy)
	if got := hex.EncodeToString(v.seed[:]); got != v.ev.Seed {
		return failed(CheckSeed, "seed is %s, the document says %s", got, v.ev.Seed)
	}
	return nil
}

func (v *verifier) rulesDigest() error {
	v.rules = make([]Rule, len(v.ev.Strata))
	for i, s := range v.ev.Strata {
		v.rules[i] = s.Rule
	}
	if got := RulesDigest(v.rules); got != v.ev.RulesDigest {
		return failed(CheckRulesDigest, "S is %s, the document says %s", got, v.ev.RulesDigest)
	}
	return nil
}

func (v *verifier) sampleSizes() error {
	var sizes, samples uint64
	var carry, c2 uint64
	for _, s := range v.ev.Strata {
		if want := sampleSize(s.Rule, s.Size); s.SampleSize != want {
			return failed(CheckSampleSizes, "stratum %q of size %d: sample size %d, the rule gives %d", s.Label, s.Size, s.SampleSize, want)
		}
		sizes, c2 = bits.Add64(sizes, uint64(s.Size), 0)
		carry |= c2
		samples += uint64(s.SampleSize) // each ≤ its size, so no overflow once sizes do not
	}
	if carry != 0 || sizes != uint64(v.ev.PopulationSize) {
		return failed(CheckSampleSizes, "strata sizes do not add up to population_size %d", v.ev.PopulationSize)
	}
	if samples != uint64(len(v.ev.Selections)) {
		return failed(CheckSampleSizes, "%d selections, the sample sizes add up to %d", len(v.ev.Selections), samples)
	}
	for i, s := range v.ev.Selections {
		if s.Rank != int64(i+1) {
			return failed(CheckSampleSizes, "selection %d has rank %d", i+1, s.Rank)
		}
	}
	return nil
}

func (v *verifier) population() error {
	pop := v.ev.Population
	if pop == nil {
		return nil
	}
	scan := scanPopulation(pop, v.rules)
	if scan.why != popOK {
		return failed(CheckPopulation, "%s", scan.problem(pop))
	}
	spans := scan.spans
	if uid, dup := duplicateAcross(pop, spans); dup {
		return failed(CheckPopulation, "object %q is in two strata", uid)
	}
	if int64(len(pop)) != v.ev.PopulationSize {
		return failed(CheckPopulation, "%d entries, population_size says %d", len(pop), v.ev.PopulationSize)
	}
	for i, s := range v.ev.Strata {
		if n := int64(spans[i].hi - spans[i].lo); n != s.Size {
			return failed(CheckPopulation, "stratum %q has %d entries, the document says %d", s.Label, n, s.Size)
		}
	}
	if scan.digest != v.ev.PopulationDigest {
		return failed(CheckPopulation, "D is %s, the document says %s", scan.digest, v.ev.PopulationDigest)
	}
	v.spans = spans
	return nil
}

func (v *verifier) freezeDigest() error {
	ev := v.ev
	got := FreezeDigest(ev.PlanUID, ev.EntropySource, Digests{Commitment: ev.Commitment,
		PopulationDigest: ev.PopulationDigest, PopulationSize: ev.PopulationSize,
		RulesDigest: ev.RulesDigest, TeamsDigest: ev.TeamsDigest})
	if got != ev.FreezeDigest {
		return failed(CheckFreezeDigest, "F is %s, the document says %s", got, ev.FreezeDigest)
	}
	return nil
}

// selection recomputes every key and the whole selection from the
// population and compares it, rank by rank, with the document.
func (v *verifier) selection() error {
	pop := v.ev.Population
	if pop == nil {
		return nil
	}
	var st Stats
	picks := selectAll(pop, v.ev.Strata, v.spans, &v.seed, &st)
	for k, pk := range picks {
		s, e := v.ev.Selections[k], pop[pk.idx]
		if s.UID != e.UID || s.Stratum != e.Stratum || s.Key != Key(pk.key) {
			return failed(CheckSelection, "rank %d is (%q, %q, %d), the draw gives (%q, %q, %d)",
				s.Rank, s.Stratum, s.UID, uint64(s.Key), e.Stratum, e.UID, pk.key)
		}
	}
	return nil
}

func (v *verifier) teamsDigest() error {
	ev := v.ev
	if ev.Departments == nil {
		return nil
	}
	if got := TeamsDigest(ev.Departments, ev.Conflicts, ev.Cap); got != ev.TeamsDigest {
		return failed(CheckTeamsDigest, "T is %s, the document says %s", got, ev.TeamsDigest)
	}
	return nil
}

// teams replays the matching over the selections in rank order and compares
// every team, member by member, in pick order.
func (v *verifier) teams() error {
	ev := v.ev
	if ev.Departments == nil {
		return nil
	}
	var st Stats
	m := newMatcher(ev.Departments, ev.Conflicts, ev.Cap, &v.seed, &st)
	var team []string
	for _, s := range ev.Selections {
		var dept string
		if team, dept = m.assign(s.Rank, s.UID, team[:0]); dept != "" {
			return failed(CheckTeams, "the matching fails at rank %d (department %q), so no team can be valid", s.Rank, dept)
		}
		if !slices.Equal(team, s.Team) {
			return failed(CheckTeams, "rank %d: team %q, the matching gives %q", s.Rank, s.Team, team)
		}
	}
	return nil
}
