package draw

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// baseInput is a small valid input every refusal case breaks in one place.
func baseInput() Input {
	return Input{
		PlanUID:       "PLAN-1",
		Reveal:        strings.Repeat("ab", 32),
		EntropySource: "体彩排列三 第2026322期",
		Entropy:       "5 1 9",
		Strata:        []Rule{RatioRule("A", 5000), CountRule("B", 2)},
		Population: []Entry{{"A", "a1"}, {"A", "a2"}, {"B", "b1"}, {"B", "b2"}, {"B", "b3"},
			{"A", "a3"}},
		Departments: []Department{{Code: "XF", Pool: []string{"XF-1", "XF-2"}},
			{Code: "SCJG", PerTeam: 1, Pool: []string{"SCJG-1", "SCJG-2"}}},
		Conflicts: []Conflict{{"XF-1", "a1"}},
	}
}

func ptr(v int64) *int64 { return &v }

func TestValidateRefusals(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*Input)
		code  Code
		field string
	}{
		{"duplicate uid, same stratum", func(in *Input) { in.Population = append(in.Population, Entry{"A", "a1"}) }, DuplicateUID, ""},
		{"duplicate uid, two strata", func(in *Input) { in.Population = append(in.Population, Entry{"B", "a1"}) }, DuplicateUID, ""},
		{"stratum without rule", func(in *Input) { in.Population = append(in.Population, Entry{"C", "c1"}) }, StratumWithoutRule, ""},
		{"duplicate stratum", func(in *Input) { in.Strata = append(in.Strata, CountRule("A", 1)) }, DuplicateStratum, ""},
		{"rule with both", func(in *Input) { in.Strata[0].Count = ptr(1) }, BadRule, "strata[0]"},
		{"rule with neither", func(in *Input) { in.Strata[1].Count = nil }, BadRule, "strata[1]"},
		{"ratio above 10000", func(in *Input) { in.Strata[0].RatioBP = ptr(10001) }, RatioOutOfRange, "strata[0].ratio_bp"},
		{"negative ratio", func(in *Input) { in.Strata[0].RatioBP = ptr(-1) }, RatioOutOfRange, "strata[0].ratio_bp"},
		{"negative count", func(in *Input) { in.Strata[1].Count = ptr(-1) }, NegativeCount, "strata[1].count"},
		{"count above 2^53-1", func(in *Input) { in.Strata[1].Count = ptr(1 << 53) }, NumberTooLarge, "strata[1].count"},
		{"duplicate department", func(in *Input) {
			in.Departments = append(in.Departments, Department{Code: "XF", Pool: []string{"XF-9"}})
		}, DuplicateDepartment, ""},
		{"duplicate pool entry", func(in *Input) { in.Departments[0].Pool = []string{"XF-1", "XF-1"} }, DuplicatePoolEntry, ""},
		{"inspector in two pools", func(in *Input) { in.Departments[1].Pool = append(in.Departments[1].Pool, "XF-1") }, InspectorInTwoPools, ""},
		{"pool smaller than team", func(in *Input) { in.Departments[1].PerTeam = 3 }, PoolSmallerThanTeam, ""},
		{"pool smaller than the default team", func(in *Input) {
			in.Departments = []Department{{Code: "XF", Pool: []string{"XF-1"}}}
		}, PoolSmallerThanTeam, ""},
		{"negative per team", func(in *Input) { in.Departments[1].PerTeam = -1 }, BadPerTeam, ""},
		{"per team above 2^53-1", func(in *Input) { in.Departments[1].PerTeam = 1 << 53 }, NumberTooLarge, ""},
		{"cap 0", func(in *Input) { in.Cap = ptr(0) }, BadCap, "cap"},
		{"cap above 2^53-1", func(in *Input) { in.Cap = ptr(1 << 53) }, NumberTooLarge, "cap"},
		{"no department", func(in *Input) { in.Departments = nil }, NoDepartment, ""},
		{"empty uid", func(in *Input) { in.Population[2].UID = "" }, BadString, "population[2].uid"},
		{"newline in uid", func(in *Input) { in.Population[2].UID = "b\n1" }, BadString, "population[2].uid"},
		{"NUL in label", func(in *Input) { in.Strata[0].Label = "A\x00" }, BadString, "strata[0].label"},
		{"tab in stratum", func(in *Input) { in.Population[0].Stratum = "A\t" }, BadString, "population[0].stratum"},
		{"invalid UTF-8 in plan uid", func(in *Input) { in.PlanUID = "P\xff" }, BadString, "plan_uid"},
		{"empty code", func(in *Input) { in.Departments[0].Code = "" }, BadString, ""},
		{"tab in inspector", func(in *Input) { in.Departments[0].Pool[0] = "XF\t1" }, BadString, ""},
		{"newline in conflict", func(in *Input) { in.Conflicts[0].Object = "a\n" }, BadString, "conflicts[0][1]"},
		{"empty entropy source", func(in *Input) { in.EntropySource = "" }, BadString, "entropy_source"},
		{"control character in source", func(in *Input) { in.EntropySource = "a\u0085b" }, BadString, "entropy_source"},
		{"DEL in entropy", func(in *Input) { in.Entropy = "5\x7f" }, BadString, "entropy"},
		{"entropy of 257 bytes", func(in *Input) { in.Entropy = strings.Repeat("x", 257) }, BadString, "entropy"},
		{"source of 257 bytes", func(in *Input) { in.EntropySource = strings.Repeat("期", 85) + "xx" }, BadString, "entropy_source"},
		{"uppercase reveal", func(in *Input) { in.Reveal = strings.Repeat("AB", 32) }, BadReveal, "reveal"},
		{"short reveal", func(in *Input) { in.Reveal = "abcd" }, BadReveal, "reveal"},
	}
	if err := Validate(baseInput()); err != nil {
		t.Fatalf("base input refused: %v", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := baseInput()
			c.edit(&in)
			err := Validate(in)
			var r *Refusal
			if !errors.As(err, &r) {
				t.Fatalf("want a refusal, got %v", err)
			}
			if r.Code != c.code || (c.field != "" && r.Field != c.field) {
				t.Fatalf("refused %s at %q, want %s at %q (%v)", r.Code, r.Field, c.code, c.field, r)
			}
		})
	}
}

// TestValidAtTheEdges: what the spec allows must not be refused.
func TestValidAtTheEdges(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Input)
	}{
		{"empty population", func(in *Input) { in.Population = nil }},
		{"nothing selected", func(in *Input) { in.Strata = []Rule{RatioRule("A", 0), CountRule("B", 0)} }},
		{"rule for an empty stratum", func(in *Input) { in.Strata = append(in.Strata, CountRule("Z", 3)) }},
		{"empty entropy", func(in *Input) { in.Entropy = "" }},
		{"entropy of 256 bytes", func(in *Input) { in.Entropy = strings.Repeat("x", 256) }},
		{"conflict with unknown inspector and object", func(in *Input) {
			in.Conflicts = append(in.Conflicts, Conflict{"NOBODY", "NOTHING"})
		}},
		{"repeated conflicts", func(in *Input) { in.Conflicts = append(in.Conflicts, in.Conflicts...) }},
		{"nil conflicts", func(in *Input) { in.Conflicts = nil }},
		{"cap 1", func(in *Input) { in.Cap = ptr(1) }},
		{"count and ratio at their limits", func(in *Input) { in.Strata = []Rule{RatioRule("A", 10000), CountRule("B", 1<<53-1)} }},
		{"space and full-width in ids", func(in *Input) { in.Population[0].UID = "a １" }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := baseInput()
			c.edit(&in)
			if err := Validate(in); err != nil {
				t.Fatalf("refused: %v", err)
			}
			ev, fail, err := Run(in)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if fail != nil {
				return // a failed draw is a valid input too
			}
			if ev.Population == nil || ev.Conflicts == nil || ev.Selections == nil {
				t.Fatal("evidence has nil arrays; a whole document lists them, empty or not")
			}
		})
	}
}

func TestFreezeSorted(t *testing.T) {
	in := baseInput()
	p, err := in.Plan()
	if err != nil {
		t.Fatal(err)
	}
	f, err := Freeze(p)
	if err != nil {
		t.Fatal(err)
	}
	sorted := slices.Clone(f.Plan().Population)
	p.Population = sorted
	fs, err := FreezeSorted(p)
	if err != nil {
		t.Fatalf("FreezeSorted: %v", err)
	}
	if fs.Digests() != f.Digests() {
		t.Fatalf("digests differ: %+v vs %+v", fs.Digests(), f.Digests())
	}
	p.Population = slices.Clone(sorted)
	p.Population[0], p.Population[1] = p.Population[1], p.Population[0]
	if _, err := FreezeSorted(p); !errors.Is(err, ErrNotSorted) {
		t.Fatalf("unsorted: %v", err)
	}
	p.Population = append(slices.Clone(sorted[:1]), sorted...)
	var r *Refusal
	if _, err := FreezeSorted(p); !errors.As(err, &r) || r.Code != DuplicateUID {
		t.Fatalf("repeated entry: %v", err)
	}
	// Byte order, not UTF-16 order: U+FF41 (EF BD 81) sorts before U+20000 (F0 A0 80 80).
	p.Population = []Entry{{"A", "ａ"}, {"A", "𠀀"}}
	if _, err := FreezeSorted(p); err != nil {
		t.Fatalf("byte order refused: %v", err)
	}
}

func TestFreezeDoesNotTouchItsInput(t *testing.T) {
	in := baseInput()
	before := baseInput()
	p, _ := in.Plan()
	f, err := Freeze(p)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(in.Population, before.Population) || !slices.Equal(in.Departments[0].Pool, before.Departments[0].Pool) {
		t.Fatal("Freeze reordered its input")
	}
	in.Departments[0].Pool[0] = "CHANGED"
	*in.Strata[0].RatioBP = 1
	if f.Digests() != digestsWith(f.Plan(), PopulationDigest(f.Plan().Population)) {
		t.Fatal("changing the input after the freeze changed the frozen plan")
	}
}

func TestDrawChecksRevealAndEntropy(t *testing.T) {
	in := baseInput()
	p, _ := in.Plan()
	f, err := Freeze(p)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := Draw(f, strings.Repeat("cd", 32), in.Entropy); !errors.Is(err, ErrCommitmentMismatch) {
		t.Fatalf("wrong reveal: %v", err)
	}
	var r *Refusal
	if _, _, err := Draw(f, in.Reveal, "a\nb"); !errors.As(err, &r) || r.Field != "entropy" {
		t.Fatalf("bad entropy: %v", err)
	}
	if _, _, err := Draw(f, in.Reveal, in.Entropy); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeInput(t *testing.T) {
	good := `{"plan_uid":"P","reveal":"` + strings.Repeat("0", 64) + `","entropy_source":"s","entropy":"",
		"strata":[{"label":"A","count":1}],"population":[{"stratum":"A","uid":"x"}],
		"departments":[{"code":"D","pool":["i1","i2"]}],"conflicts":[["i1","x"]],"cap":null}`
	in, err := DecodeInput([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if in.Departments[0].PerTeam != 0 || in.Conflicts[0] != (Conflict{"i1", "x"}) || in.Cap != nil {
		t.Fatalf("decoded %+v", in)
	}
	var r *Refusal
	if _, err := DecodeInput([]byte(strings.Replace(good, `"code":"D"`, `"code":"D","per_team":0`, 1))); !errors.As(err, &r) || r.Code != BadPerTeam {
		t.Fatalf("explicit per_team 0: %v", err)
	}
	bad := map[string]string{
		"unknown key":      strings.Replace(good, `"cap":null`, `"cap":null,"x":1`, 1),
		"conflict of one":  strings.Replace(good, `["i1","x"]`, `["i1"]`, 1),
		"invalid UTF-8":    strings.Replace(good, `"uid":"x"`, "\"uid\":\"\xff\"", 1),
		"fractional count": strings.Replace(good, `"count":1`, `"count":1.5`, 1),
		"trailing data":    good + "{}",
	}
	for name, doc := range bad {
		if _, err := DecodeInput([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestStats: the engine hashes one key per entry of a stratum with a sample
// and none for a stratum without, and counts every evaluation.
func TestStats(t *testing.T) {
	in := baseInput()
	in.Strata = []Rule{RatioRule("A", 0), CountRule("B", 2)}
	p, _ := in.Plan()
	f, err := Freeze(p)
	if err != nil {
		t.Fatal(err)
	}
	_, fail, st, err := DrawStats(f, in.Reveal, in.Entropy)
	if err != nil || fail != nil {
		t.Fatal(err, fail)
	}
	if st.ObjectKeys != 3 {
		t.Errorf("object keys %d, want 3 (stratum B only)", st.ObjectKeys)
	}
	if st.Hashes != 2+st.ObjectKeys+st.InspectorKeys {
		t.Errorf("stats %+v do not add up", st)
	}
	// Two objects, two departments of two: 2 + 1 ikeys per department for
	// the first object (one load level), then whoever is left at load 0.
	if st.InspectorKeys < 4 || st.InspectorKeys > 8 {
		t.Errorf("inspector keys %d", st.InspectorKeys)
	}
}

// TestVerifyStructure: what the document must say about itself.
func TestVerifyStructure(t *testing.T) {
	ev, fail, err := Run(baseInput())
	if err != nil || fail != nil {
		t.Fatal(err, fail)
	}
	mutations := map[string]func(*Evidence){
		"departments without conflicts": func(e *Evidence) { e.Conflicts = nil },
		"conflicts without departments": func(e *Evidence) { e.Departments = nil },
		"keys without population":       func(e *Evidence) { e.Population = nil },
		"population without keys":       func(e *Evidence) { e.Selections = PublicEvidence(*e, false).Selections },
		"no department":                 func(e *Evidence) { e.Departments = []Department{} },
		"repeated selection":            func(e *Evidence) { e.Selections[1].UID = e.Selections[0].UID },
	}
	for name, mutate := range mutations {
		t.Run(name, func(t *testing.T) {
			e, _, _ := Run(baseInput())
			mutate(&e)
			_, err := VerifyEvidence(&e)
			var ve *VerifyError
			if !errors.As(err, &ve) || ve.Check != CheckFormat {
				t.Fatalf("got %v, want a format failure", err)
			}
		})
	}
	if _, err := VerifyEvidence(&ev); err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentDraws: a Frozen is read-only, so draws may share it.
func TestConcurrentDraws(t *testing.T) {
	in := baseInput()
	p, _ := in.Plan()
	f, err := Freeze(p)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := Draw(f, in.Reveal, in.Entropy)
	if err != nil {
		t.Fatal(err)
	}
	docs := make(chan []byte, 4)
	for range cap(docs) {
		go func() {
			ev, _, _ := Draw(f, in.Reveal, in.Entropy)
			b, _ := ev.MarshalJSON()
			docs <- b
		}()
	}
	for range cap(docs) {
		if got := <-docs; string(got) != string(marshal(t, want)) {
			t.Fatal("concurrent draws differ")
		}
	}
}
