package draw

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"slices"
	"testing"
)

// testdata/draw-vectors.json is a copy of shared/design/draw-vectors.json,
// kept beside the tests so they run from any checkout.
const vectorsFile = "testdata/draw-vectors.json"

type vectorFile struct {
	Algorithm string       `json:"algorithm"`
	Cases     []vectorCase `json:"cases"`
}

type vectorCase struct {
	Name            string          `json:"name"`
	Input           json.RawMessage `json:"input"`
	Expected        json.RawMessage `json:"expected"`
	ExpectedFailure *Failure        `json:"expected_failure"`
	ExpectedRefusal bool            `json:"expected_refusal"`
	Document        json.RawMessage `json:"document"`
	Valid           *bool           `json:"valid"`
	NotChecked      []string        `json:"not_checked"`
}

func loadVectors(t testing.TB) vectorFile {
	t.Helper()
	b, err := os.ReadFile(vectorsFile)
	if err != nil {
		t.Fatalf("reading vectors: %v", err)
	}
	var vf vectorFile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&vf); err != nil {
		t.Fatalf("decoding vectors: %v", err)
	}
	if vf.Algorithm != Algorithm {
		t.Fatalf("vectors are for %q", vf.Algorithm)
	}
	return vf
}

// jsonValue decodes b into a tree of any, numbers kept exact, so documents
// are compared as JSON values and not as bytes.
func jsonValue(t testing.TB, b []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decoding %s: %v", b, err)
	}
	return v
}

func marshal(t testing.TB, ev Evidence) []byte {
	t.Helper()
	b, err := ev.MarshalJSON()
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return b
}

func TestVectors(t *testing.T) {
	vf := loadVectors(t)
	kinds := map[string]int{}
	for _, c := range vf.Cases {
		t.Run(c.Name, func(t *testing.T) {
			switch {
			case c.Expected != nil:
				kinds["expected"]++
				testExpected(t, c)
			case c.ExpectedFailure != nil:
				kinds["failure"]++
				testExpectedFailure(t, c)
			case c.ExpectedRefusal:
				kinds["refusal"]++
				testExpectedRefusal(t, c)
			case c.Document != nil:
				kinds["document"]++
				testDocument(t, c)
			default:
				t.Fatalf("case %q has nothing to check", c.Name)
			}
		})
	}
	if len(kinds) != 4 {
		t.Errorf("case kinds seen: %v", kinds)
	}
}

func decodeVectorInput(t *testing.T, raw json.RawMessage) Input {
	t.Helper()
	in, err := DecodeInput(raw)
	if err != nil {
		t.Fatalf("DecodeInput: %v", err)
	}
	return in
}

func testExpected(t *testing.T, c vectorCase) {
	in := decodeVectorInput(t, c.Input)
	if err := Validate(in); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	ev, fail, err := Run(in)
	if err != nil || fail != nil {
		t.Fatalf("Run: %v, %v", fail, err)
	}
	got := marshal(t, ev)
	if !reflect.DeepEqual(jsonValue(t, got), jsonValue(t, c.Expected)) {
		t.Fatalf("evidence differs:\n got %s\nwant %s", got, c.Expected)
	}
	// The freeze digest is computable from the plan alone, before E.
	p, err := in.Plan()
	if err != nil {
		t.Fatal(err)
	}
	f, err := FreezeSorted(Plan{PlanUID: p.PlanUID, Commitment: p.Commitment, EntropySource: p.EntropySource,
		Strata: p.Strata, Population: ev.Population, Departments: p.Departments, Conflicts: p.Conflicts, Cap: p.Cap})
	if err != nil {
		t.Fatalf("FreezeSorted of the sorted population: %v", err)
	}
	if f.Digests().FreezeDigest != ev.FreezeDigest {
		t.Errorf("FreezeSorted F %s, want %s", f.Digests().FreezeDigest, ev.FreezeDigest)
	}
	verifyForms(t, c.Expected, ev)
}

// verifyForms verifies the expected document and its public forms.
func verifyForms(t *testing.T, expected []byte, ev Evidence) {
	t.Helper()
	forms := []struct {
		name       string
		doc        []byte
		notChecked []string
	}{
		{"whole", expected, []string{}},
		{"public", marshal(t, PublicEvidence(ev, false)), []string{"population", "selection", "teams"}},
		{"public with population", marshal(t, PublicEvidence(ev, true)), []string{"teams"}},
	}
	for _, form := range forms {
		rep, err := Verify(form.doc)
		if err != nil {
			t.Errorf("%s form: Verify: %v", form.name, err)
			continue
		}
		if rep.Selections != len(ev.Selections) || !slices.Equal(rep.NotChecked, form.notChecked) {
			t.Errorf("%s form: report %+v, want %d selections, not checked %v", form.name, rep, len(ev.Selections), form.notChecked)
		}
	}
}

func testExpectedFailure(t *testing.T, c vectorCase) {
	in := decodeVectorInput(t, c.Input)
	if err := Validate(in); err != nil {
		t.Fatalf("Validate: %v (a failed draw is a valid input)", err)
	}
	_, fail, err := Run(in)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if fail == nil || *fail != *c.ExpectedFailure {
		t.Fatalf("failure %v, want %v", fail, *c.ExpectedFailure)
	}
}

func testExpectedRefusal(t *testing.T, c vectorCase) {
	in, err := DecodeInput(c.Input)
	if err == nil {
		err = Validate(in)
	}
	var r *Refusal
	if !errors.As(err, &r) {
		t.Fatalf("want a refusal, got %v", err)
	}
	wantCode := map[string]Code{
		"refused-duplicate-uid":          DuplicateUID,
		"refused-stratum-without-rule":   StratumWithoutRule,
		"refused-inspector-in-two-pools": InspectorInTwoPools,
		"refused-pool-smaller-than-team": PoolSmallerThanTeam,
		"refused-empty-entropy-source":   BadString,
		"refused-tab-in-uid":             BadString,
		"refused-ratio-over-10000":       RatioOutOfRange,
	}[c.Name]
	if wantCode != "" && r.Code != wantCode {
		t.Errorf("refused with %s, want %s", r.Code, wantCode)
	}
	if r.Code.English() == "" || r.Code.Chinese() == "" {
		t.Errorf("refusal %v lacks a reason", r)
	}
	if _, _, err := Run(in); !errors.As(err, &r) {
		t.Errorf("Run: want a refusal, got %v", err)
	}
	t.Logf("refused: %v", r)
}

func testDocument(t *testing.T, c vectorCase) {
	if c.Valid == nil {
		t.Fatal("document case without valid")
	}
	rep, err := Verify(c.Document)
	if *c.Valid {
		if err != nil {
			t.Fatalf("Verify: %v", err)
		}
		if c.NotChecked != nil && !slices.Equal(rep.NotChecked, c.NotChecked) {
			t.Errorf("not checked %v, want %v", rep.NotChecked, c.NotChecked)
		}
		return
	}
	var ve *VerifyError
	if !errors.As(err, &ve) {
		t.Fatalf("want a verification failure, got %v", err)
	}
	t.Logf("rejected: %v", err)
}

// TestVectorPublicDocument checks that PublicEvidence of the first expected
// document is exactly the public document the vectors give for it.
func TestVectorPublicDocument(t *testing.T) {
	vf := loadVectors(t)
	byName := map[string]vectorCase{}
	for _, c := range vf.Cases {
		byName[c.Name] = c
	}
	ev, fail, err := Run(decodeVectorInput(t, byName["joint-two-departments"].Input))
	if err != nil || fail != nil {
		t.Fatalf("Run: %v, %v", fail, err)
	}
	got := marshal(t, PublicEvidence(ev, false))
	want := byName["public-document-of-joint-two-departments"].Document
	if !reflect.DeepEqual(jsonValue(t, got), jsonValue(t, want)) {
		t.Fatalf("public document differs:\n got %s\nwant %s", got, want)
	}
}
