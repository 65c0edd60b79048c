package draw

import (
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

const propertyCases = 400

// genInput makes a small random valid input: a few strata with count or
// ratio rules (0 and 10000 included), uids with ASCII, CJK, astral and
// full-width characters so byte order differs from UTF-16 order, one to
// three departments, repeated and unknown conflicts, and sometimes a cap.
func genInput(r *rand.Rand, withConflicts, withCap bool) Input {
	labels := pickDistinct(r, []string{"A", "B", "C", "D", "a", "甲", "乙", "é", "𠀀"}, 1+r.IntN(4))
	in := Input{
		PlanUID:       fmt.Sprintf("PLAN-%d", r.IntN(1000)),
		Reveal:        randomHex(r),
		EntropySource: "体彩排列五 第" + fmt.Sprint(r.IntN(99999)) + "期",
		Entropy:       []string{"", "8 3 0 2 1", "10234.56", "福彩 ３"}[r.IntN(4)],
		Conflicts:     []Conflict{},
	}
	for _, l := range labels {
		switch r.IntN(4) {
		case 0:
			in.Strata = append(in.Strata, CountRule(l, int64(r.IntN(7))))
		case 1:
			in.Strata = append(in.Strata, RatioRule(l, []int64{0, 10000, 5000, 1}[r.IntN(4)]))
		default:
			in.Strata = append(in.Strata, RatioRule(l, int64(r.IntN(10001))))
		}
	}
	in.Population = genPopulation(r, labels)
	in.Departments = genDepartments(r)
	if withConflicts {
		in.Conflicts = genConflicts(r, in)
	}
	if withCap && r.IntN(2) == 0 {
		c := int64(1 + r.IntN(8))
		in.Cap = &c
	}
	return in
}

func genPopulation(r *rand.Rand, labels []string) []Entry {
	prefixes := []string{"91410100", "92410100", "产品-", "prj-", "PRJ-", "𠀀", "ｂ", "项目"}
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	n := r.IntN(41)
	seen := map[string]bool{}
	var pop []Entry
	for len(pop) < n {
		uid := prefixes[r.IntN(len(prefixes))]
		for range 1 + r.IntN(6) {
			uid += string(alphabet[r.IntN(len(alphabet))])
		}
		if !seen[uid] {
			seen[uid] = true
			pop = append(pop, Entry{Stratum: labels[r.IntN(len(labels))], UID: uid})
		}
	}
	return pop
}

func genDepartments(r *rand.Rand) []Department {
	codes := pickDistinct(r, []string{"SCJG", "XF", "WJ", "环保", "HB"}, 1+r.IntN(3))
	var depts []Department
	for _, code := range codes {
		size := 1 + r.IntN(6)
		perTeam := int64(0)
		if r.IntN(2) == 0 {
			perTeam = int64(1 + r.IntN(min(size, 3)))
		}
		if perTeam == 0 && len(codes) == 1 && size < 2 {
			size = 2
		}
		d := Department{Code: code, PerTeam: perTeam}
		for i := range size {
			d.Pool = append(d.Pool, fmt.Sprintf("%s-%s%02d", code, []string{"", "甲", "Z"}[i%3], i))
		}
		depts = append(depts, d)
	}
	return depts
}

func genConflicts(r *rand.Rand, in Input) []Conflict {
	var inspectors []string
	for _, d := range in.Departments {
		inspectors = append(inspectors, d.Pool...)
	}
	inspectors = append(inspectors, "NOBODY-1")
	objects := []string{"NO-SUCH-OBJECT"}
	for _, e := range in.Population {
		objects = append(objects, e.UID)
	}
	var cs []Conflict
	for range r.IntN(13) {
		c := Conflict{Inspector: inspectors[r.IntN(len(inspectors))], Object: objects[r.IntN(len(objects))]}
		cs = append(cs, c)
		if r.IntN(4) == 0 {
			cs = append(cs, c) // repeats are merged
		}
	}
	return cs
}

func pickDistinct(r *rand.Rand, from []string, n int) []string {
	c := slices.Clone(from)
	r.Shuffle(len(c), func(i, j int) { c[i], c[j] = c[j], c[i] })
	return c[:n]
}

func randomHex(r *rand.Rand) string {
	var b [32]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return hex.EncodeToString(b[:])
}

// shuffledInput returns a deep copy of in with every array in another order.
func shuffledInput(r *rand.Rand, in Input) Input {
	out := in
	out.Strata = slices.Clone(in.Strata)
	out.Population = slices.Clone(in.Population)
	out.Conflicts = slices.Clone(in.Conflicts)
	out.Departments = nil
	for _, d := range in.Departments {
		d.Pool = slices.Clone(d.Pool)
		r.Shuffle(len(d.Pool), func(i, j int) { d.Pool[i], d.Pool[j] = d.Pool[j], d.Pool[i] })
		out.Departments = append(out.Departments, d)
	}
	r.Shuffle(len(out.Strata), func(i, j int) { out.Strata[i], out.Strata[j] = out.Strata[j], out.Strata[i] })
	r.Shuffle(len(out.Population), func(i, j int) { out.Population[i], out.Population[j] = out.Population[j], out.Population[i] })
	r.Shuffle(len(out.Departments), func(i, j int) { out.Departments[i], out.Departments[j] = out.Departments[j], out.Departments[i] })
	r.Shuffle(len(out.Conflicts), func(i, j int) { out.Conflicts[i], out.Conflicts[j] = out.Conflicts[j], out.Conflicts[i] })
	return out
}

// TestPropertiesRandom runs the engine on random inputs and checks it
// against the naive implementation and the properties the spec promises.
func TestPropertiesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 1120))
	failures := 0
	for n := range propertyCases {
		in := genInput(r, true, true)
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			ev, fail := runValid(t, in)
			checkAgainstNaive(t, in, ev, fail)
			checkShuffled(t, r, in, ev, fail)
			if fail != nil {
				failures++
				return
			}
			checkSelections(t, in, ev)
			checkTeams(t, in, ev)
			checkVerifies(t, ev)
		})
	}
	if failures == 0 || failures > propertyCases/2 {
		t.Errorf("%d of %d random draws failed: the generator should make some, not most", failures, propertyCases)
	}
}

// TestPropertyBalancedLoads: with no conflicts and no cap, every
// department's loads differ by at most one.
func TestPropertyBalancedLoads(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 53))
	for n := range propertyCases {
		in := genInput(r, false, false)
		ev, fail := runValid(t, in)
		if fail != nil {
			t.Fatalf("case %d: a draw without conflicts or cap failed: %v", n, fail)
		}
		load := map[string]int{}
		for _, s := range ev.Selections {
			for _, m := range s.Team {
				load[m]++
			}
		}
		for _, d := range ev.Departments {
			lo, hi := len(ev.Selections)*10, 0
			for _, i := range d.Pool {
				lo, hi = min(lo, load[i]), max(hi, load[i])
			}
			if hi-lo > 1 {
				t.Fatalf("case %d: department %s loads range %d..%d", n, d.Code, lo, hi)
			}
		}
	}
}

func runValid(t *testing.T, in Input) (Evidence, *Failure) {
	t.Helper()
	if err := Validate(in); err != nil {
		t.Fatalf("generated input refused: %v", err)
	}
	ev, fail, err := Run(in)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return ev, fail
}

func checkAgainstNaive(t *testing.T, in Input, ev Evidence, fail *Failure) {
	t.Helper()
	want, wantFail := naiveDraw(in)
	if !reflect.DeepEqual(fail, wantFail) {
		t.Fatalf("failure %v, naive %v", fail, wantFail)
	}
	if fail != nil {
		return
	}
	got := marshal(t, ev)
	if !reflect.DeepEqual(jsonValue(t, got), jsonValue(t, want)) {
		t.Fatalf("engine and naive differ:\nengine %s\n naive %s", got, want)
	}
}

func checkShuffled(t *testing.T, r *rand.Rand, in Input, ev Evidence, fail *Failure) {
	t.Helper()
	ev2, fail2, err := Run(shuffledInput(r, in))
	if err != nil {
		t.Fatalf("shuffled: %v", err)
	}
	if !reflect.DeepEqual(fail, fail2) {
		t.Fatalf("shuffled input fails differently: %v vs %v", fail, fail2)
	}
	if fail == nil && string(marshal(t, ev)) != string(marshal(t, ev2)) {
		t.Fatal("shuffled input gives another document")
	}
}

// checkSelections: every selected object is in its stratum, and every
// stratum's sample follows spec §3.
func checkSelections(t *testing.T, in Input, ev Evidence) {
	t.Helper()
	stratumOf := map[string]string{}
	size := map[string]uint64{}
	for _, e := range in.Population {
		stratumOf[e.UID] = e.Stratum
		size[e.Stratum]++
	}
	drawn := map[string]uint64{}
	for _, s := range ev.Selections {
		if stratumOf[s.UID] != s.Stratum {
			t.Fatalf("%s selected in stratum %q, is in %q", s.UID, s.Stratum, stratumOf[s.UID])
		}
		drawn[s.Stratum]++
	}
	for _, rule := range in.Strata {
		n := size[rule.Label]
		want := n
		if rule.Count != nil {
			want = min(n, uint64(*rule.Count))
		} else if ceil := (n*uint64(*rule.RatioBP) + 9999) / 10000; ceil < n {
			want = ceil
		}
		if drawn[rule.Label] != want {
			t.Fatalf("stratum %q of %d: drew %d, want %d", rule.Label, n, drawn[rule.Label], want)
		}
	}
}

// checkTeams: no team holds a conflict or a repeated inspector, teams have
// Σ t_d members, and no load exceeds the cap.
func checkTeams(t *testing.T, in Input, ev Evidence) {
	t.Helper()
	conflict := map[Conflict]bool{}
	for _, c := range in.Conflicts {
		conflict[c] = true
	}
	size := 0
	for _, d := range ev.Departments {
		size += int(d.PerTeam)
	}
	load := map[string]int64{}
	for _, s := range ev.Selections {
		if len(s.Team) != size {
			t.Fatalf("rank %d: team of %d, want %d", s.Rank, len(s.Team), size)
		}
		seen := map[string]bool{}
		for _, m := range s.Team {
			if seen[m] || conflict[Conflict{Inspector: m, Object: s.UID}] {
				t.Fatalf("rank %d: team %v repeats %s or is in conflict", s.Rank, s.Team, m)
			}
			seen[m] = true
			load[m]++
			if in.Cap != nil && load[m] > *in.Cap {
				t.Fatalf("%s has %d objects, cap %d", m, load[m], *in.Cap)
			}
		}
	}
}

func checkVerifies(t *testing.T, ev Evidence) {
	t.Helper()
	for _, form := range []Evidence{ev, PublicEvidence(ev, true), PublicEvidence(ev, false)} {
		if _, err := Verify(marshal(t, form)); err != nil {
			t.Fatalf("verifier refuses a generated document: %v", err)
		}
	}
}
