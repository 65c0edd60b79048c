package draw

import (
	"encoding/hex"
	"fmt"
	"slices"
)

// Validate reports the first reason the input would be refused (spec §8 and
// the rules of §0), as a *Refusal, or nil. It runs the freeze on a copy.
func Validate(in Input) error {
	if err := checkText("entropy", in.Entropy, true); err != nil {
		return err
	}
	p, err := in.Plan()
	if err != nil {
		return err
	}
	_, err = Freeze(p)
	return err
}

// Run freezes in and draws it: the whole procedure in one call, as the test
// vectors state it. A server freezes and draws at different times instead.
func Run(in Input) (Evidence, *Failure, error) {
	p, err := in.Plan()
	if err != nil {
		return Evidence{}, nil, err
	}
	f, err := Freeze(p)
	if err != nil {
		return Evidence{}, nil, err
	}
	return Draw(f, in.Reveal, in.Entropy)
}

// Draw computes the draw of a frozen plan once the secret (reveal = hex(R))
// and the public entropy E are known. It returns the evidence, or a *Failure
// when some pick finds nobody (spec §6: the attempt is spent; freeze again
// with a new R), or an error when reveal or E is unusable. The evidence's
// Population shares its backing array with f.
func Draw(f *Frozen, reveal, entropy string) (Evidence, *Failure, error) {
	ev, fail, _, err := DrawStats(f, reveal, entropy)
	return ev, fail, err
}

// DrawStats is Draw that also counts its SHA-256 evaluations.
func DrawStats(f *Frozen, reveal, entropy string) (Evidence, *Failure, Stats, error) {
	var st Stats
	if err := checkText("entropy", entropy, true); err != nil {
		return Evidence{}, nil, st, err
	}
	c, err := Commitment(reveal)
	st.Hashes++
	if err != nil {
		return Evidence{}, nil, st, err
	}
	if c != f.digests.Commitment {
		return Evidence{}, nil, st, fmt.Errorf("%w: H(R) is %s, the frozen plan has %s", ErrCommitmentMismatch, c, f.digests.Commitment)
	}
	seed := Seed(f.plan.PlanUID, reveal, entropy)
	st.Hashes++
	picks := selectAll(f.plan.Population, f.strata, f.spans, &seed, &st)
	sels, fail := matchTeams(f.plan, picks, &seed, &st)
	if fail != nil {
		return Evidence{}, fail, st, nil
	}
	return f.evidence(reveal, entropy, &seed, sels), nil, st, nil
}

// matchTeams turns the picks into selections with their teams, or reports
// the failed pick.
func matchTeams(p Plan, picks []pick, seed *[32]byte, st *Stats) ([]Selection, *Failure) {
	m := newMatcher(p.Departments, p.Conflicts, p.Cap, seed, st)
	perObject := 0
	for _, d := range p.Departments {
		perObject += int(d.PerTeam)
	}
	// One backing array for every team: ten thousand selections, one allocation.
	members := make([]string, 0, perObject*len(picks))
	sels := make([]Selection, len(picks))
	for k, pk := range picks {
		e := p.Population[pk.idx]
		rank := int64(k + 1)
		start := len(members)
		var dept string
		if members, dept = m.assign(rank, e.UID, members); dept != "" {
			return nil, &Failure{Rank: rank, UID: e.UID, Department: dept}
		}
		sels[k] = Selection{Rank: rank, Stratum: e.Stratum, UID: e.UID, Key: Key(pk.key),
			Team: members[start:len(members):len(members)]}
	}
	return sels, nil
}

// evidence assembles the whole document of spec §7.
func (f *Frozen) evidence(reveal, entropy string, seed *[32]byte, sels []Selection) Evidence {
	depts := make([]Department, len(f.plan.Departments))
	for i, d := range f.plan.Departments {
		depts[i] = Department{Code: d.Code, PerTeam: d.PerTeam, Pool: slices.Clone(d.Pool)}
	}
	return Evidence{
		Algorithm:        Algorithm,
		PlanUID:          f.plan.PlanUID,
		Commitment:       f.digests.Commitment,
		EntropySource:    f.plan.EntropySource,
		FreezeDigest:     f.digests.FreezeDigest,
		RulesDigest:      f.digests.RulesDigest,
		TeamsDigest:      f.digests.TeamsDigest,
		PopulationDigest: f.digests.PopulationDigest,
		PopulationSize:   f.digests.PopulationSize,
		Reveal:           reveal,
		Entropy:          entropy,
		Seed:             hex.EncodeToString(seed[:]),
		Strata:           f.Strata(),
		Population:       f.plan.Population,
		Selections:       sels,
		Departments:      depts,
		Conflicts:        slices.Clone(f.plan.Conflicts),
		Cap:              clonePtr(f.plan.Cap),
	}
}

// PublicEvidence returns the form of ev the public may see (spec §7): never
// the pools or the conflicts; and unless the plan was published with a public
// population, neither the population nor each selection's stratum and key.
// F, S, T, D and N stay, so the freeze digest can always be checked.
func PublicEvidence(ev Evidence, populationPublic bool) Evidence {
	pub := ev
	pub.Departments = nil
	pub.Conflicts = nil
	if populationPublic {
		return pub
	}
	pub.Population = nil
	pub.Selections = make([]Selection, len(ev.Selections))
	for i, s := range ev.Selections {
		pub.Selections[i] = Selection{Rank: s.Rank, UID: s.UID, Team: s.Team}
	}
	return pub
}
