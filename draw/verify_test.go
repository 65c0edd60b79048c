package draw

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestNaiveAgreesWithVectors makes sure the reference the property tests
// lean on is itself right.
func TestNaiveAgreesWithVectors(t *testing.T) {
	for _, c := range loadVectors(t).Cases {
		if c.Expected == nil && c.ExpectedFailure == nil {
			continue
		}
		in := decodeVectorInput(t, c.Input)
		doc, fail := naiveDraw(in)
		if c.ExpectedFailure != nil {
			if fail == nil || *fail != *c.ExpectedFailure {
				t.Errorf("%s: naive failure %v, want %v", c.Name, fail, c.ExpectedFailure)
			}
			continue
		}
		if !reflect.DeepEqual(jsonValue(t, doc), jsonValue(t, c.Expected)) {
			t.Errorf("%s: naive document differs", c.Name)
		}
	}
}

// path is a way into a JSON tree: string keys and int indices.
type path []any

func (p path) String() string { return fmt.Sprint([]any(p)) }

// leaves lists the path of every scalar of a JSON tree.
func leaves(v any, at path, out []path) []path {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			out = leaves(child, append(at[:len(at):len(at)], k), out)
		}
	case []any:
		for i, child := range x {
			out = leaves(child, append(at[:len(at):len(at)], i), out)
		}
	default:
		out = append(out, at)
	}
	return out
}

// arrays lists the path of every array with two or more elements.
func arrays(v any, at path, out []path) []path {
	switch x := v.(type) {
	case map[string]any:
		for k, child := range x {
			out = arrays(child, append(at[:len(at):len(at)], k), out)
		}
	case []any:
		if len(x) >= 2 {
			out = append(out, at)
		}
		for i, child := range x {
			out = arrays(child, append(at[:len(at):len(at)], i), out)
		}
	}
	return out
}

func get(v any, p path) any {
	for _, step := range p {
		switch s := step.(type) {
		case string:
			v = v.(map[string]any)[s]
		case int:
			v = v.([]any)[s]
		}
	}
	return v
}

func set(root any, p path, value any) {
	parent := get(root, p[:len(p)-1])
	switch s := p[len(p)-1].(type) {
	case string:
		parent.(map[string]any)[s] = value
	case int:
		parent.([]any)[s] = value
	}
}

// mutate returns another value of the same kind for a leaf: a key stays a
// decimal string, a digest stays 64 hex digits, numbers move by one.
func mutate(p path, v any) any {
	switch x := v.(type) {
	case json.Number:
		n, _ := strconv.ParseInt(string(x), 10, 64)
		return json.Number(strconv.FormatInt(n+1, 10))
	case nil:
		return json.Number("1")
	case string:
		if p[len(p)-1] == "key" {
			k, _ := strconv.ParseUint(x, 10, 64)
			if k == ^uint64(0) {
				return strconv.FormatUint(k-1, 10)
			}
			return strconv.FormatUint(k+1, 10)
		}
		if isLowerHex64(x) {
			last := x[63]
			repl := byte('0')
			if last == '0' {
				repl = '1'
			}
			return x[:63] + string(repl)
		}
		return x + "x"
	}
	panic(fmt.Sprintf("unexpected leaf %T", v))
}

// uncheckable reports whether the document form can say nothing about the
// leaf: without the population, a selection's uid; without the
// departments, its team and the cap (the cap is bound only by T, and T can
// be recomputed only from the pools; the report says "teams" not checked).
func uncheckable(doc map[string]any, p path) bool {
	_, hasPop := doc["population"]
	_, hasDepts := doc["departments"]
	if len(p) == 1 && p[0] == "cap" {
		return !hasDepts
	}
	if len(p) < 3 || p[0] != "selections" {
		return false
	}
	return (p[2] == "team" && !hasDepts) || (p[2] == "uid" && !hasPop)
}

// mustFail re-encodes the tree and expects the verifier to refuse it.
func mustFail(t *testing.T, tree any, what string) {
	t.Helper()
	b, err := json.Marshal(tree)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(b); err == nil {
		t.Fatalf("verifier accepts the document after %s", what)
	}
}

// checkMutations changes every checkable leaf of a document, one at a time,
// and swaps every pair of neighbours in every array: each change must fail.
func checkMutations(t *testing.T, doc []byte) int {
	t.Helper()
	tree := jsonValue(t, doc)
	root := tree.(map[string]any)
	n := 0
	for _, p := range leaves(tree, nil, nil) {
		if uncheckable(root, p) {
			continue
		}
		old := get(tree, p)
		set(tree, p, mutate(p, old))
		mustFail(t, tree, "changing "+p.String())
		set(tree, p, old)
		n++
	}
	for _, p := range arrays(tree, nil, nil) {
		if uncheckable(root, append(p[:len(p):len(p)], "x")) || (len(p) == 3 && uncheckable(root, p)) {
			continue
		}
		a := get(tree, p).([]any)
		for i := 0; i+1 < len(a); i++ {
			if reflect.DeepEqual(a[i], a[i+1]) {
				continue
			}
			a[i], a[i+1] = a[i+1], a[i]
			mustFail(t, tree, fmt.Sprintf("swapping %v[%d] and [%d]", p, i, i+1))
			a[i], a[i+1] = a[i+1], a[i]
			n++
		}
	}
	if _, err := Verify(doc); err != nil {
		t.Fatalf("the unchanged document fails: %v", err)
	}
	return n
}

// TestMutationsOfVectors: every single change to a vector document, whole
// or public, is caught.
func TestMutationsOfVectors(t *testing.T) {
	for _, c := range loadVectors(t).Cases {
		if c.Expected == nil {
			continue
		}
		ev, fail, err := Run(decodeVectorInput(t, c.Input))
		if err != nil || fail != nil {
			t.Fatal(c.Name, err, fail)
		}
		t.Run(c.Name, func(t *testing.T) {
			n := checkMutations(t, c.Expected)
			n += checkMutations(t, marshal(t, PublicEvidence(ev, true)))
			n += checkMutations(t, marshal(t, PublicEvidence(ev, false)))
			t.Logf("%d mutations caught", n)
		})
	}
}

// TestMutationsRandom does the same for random documents.
func TestMutationsRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3797))
	total := 0
	for n := 0; n < propertyCases/2; n++ {
		in := genInput(r, true, true)
		ev, fail, err := Run(in)
		if err != nil {
			t.Fatal(err)
		}
		if fail != nil {
			continue
		}
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			total += checkMutations(t, marshal(t, ev))
			total += checkMutations(t, marshal(t, PublicEvidence(ev, n%2 == 0)))
		})
	}
	t.Logf("%d mutations caught", total)
}

// TestMutationTeamMember swaps one team member for another inspector of the
// same pool, a change that keeps every string valid and in place.
func TestMutationTeamMember(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	caught := 0
	for range propertyCases / 2 {
		ev, fail, err := Run(genInput(r, true, true))
		if err != nil || fail != nil || len(ev.Selections) == 0 {
			continue
		}
		s := &ev.Selections[r.IntN(len(ev.Selections))]
		pos := r.IntN(len(s.Team))
		for _, d := range ev.Departments {
			for _, other := range d.Pool {
				if strings.HasPrefix(s.Team[pos], d.Code+"-") && other != s.Team[pos] {
					orig := s.Team[pos]
					s.Team[pos] = other
					if _, err := VerifyEvidence(&ev); err == nil {
						t.Fatalf("rank %d: %s in place of %s accepted", s.Rank, other, orig)
					}
					s.Team[pos] = orig
					caught++
				}
			}
		}
	}
	if caught == 0 {
		t.Fatal("no team member swapped")
	}
}

func sampleDocument(t *testing.T) []byte {
	t.Helper()
	for _, c := range loadVectors(t).Cases {
		if c.Name == "joint-two-departments" {
			return c.Expected
		}
	}
	t.Fatal("vector joint-two-departments missing")
	return nil
}

// TestDecodeStrict: what a strict decoder must refuse.
func TestDecodeStrict(t *testing.T) {
	doc := string(sampleDocument(t))
	key := `"key": "177377054609984595"`
	if !strings.Contains(doc, key) {
		t.Fatal("sample document has changed")
	}
	cases := []struct{ name, from, to string }{
		{"key as a number", key, `"key": 177377054609984595`},
		{"key with a leading zero", key, `"key": "0177377054609984595"`},
		{"key with a sign", key, `"key": "+177377054609984595"`},
		{"key above 2^64-1", key, `"key": "18446744073709551616"`},
		{"unknown algorithm", `"algorithm": "suiji/draw/v1"`, `"algorithm": "suiji/draw/v2"`},
		{"unknown key", `"cap": null`, `"cap": null, "extra": 1`},
		{"repeated key", `"cap": null`, `"cap": null, "cap": 2`},
		{"null population", `"population": [`, `"population": null, "x": [`},
		{"fraction", `"population_size": 40`, `"population_size": 40.0`},
		{"exponent", `"population_size": 40`, `"population_size": 4e1`},
		{"number above 2^53-1", `"population_size": 40`, `"population_size": 9007199254740992`},
		{"string for a number", `"population_size": 40`, `"population_size": "40"`},
		{"lone surrogate", `"plan_uid": "PLAN-2026-0001"`, `"plan_uid": "PLAN-\ud800"`},
		{"invalid UTF-8", `"plan_uid": "PLAN-2026-0001"`, "\"plan_uid\": \"PLAN-\xff\""},
		{"trailing data", `"cap": null`, `"cap": null} {`},
		{"trailing comma", `"cap": null`, `"cap": null,`},
		{"stratum without key", key, `"kee": "1"`},
		{"empty stratum", `"stratum": "B",`, `"stratum": "",`},
		{"conflict of three", `"91410100YM2QHJRW3U"
     ]`, `"91410100YM2QHJRW3U", "x"]`},
		{"departments without conflicts", `"conflicts": [`, `"x": [`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(doc, c.from, c.to, 1)
			if bad == doc {
				t.Fatalf("%q not in the document", c.from)
			}
			if _, err := Verify([]byte(bad)); err == nil {
				t.Fatal("accepted")
			} else {
				var ve *VerifyError
				if !errors.As(err, &ve) {
					t.Fatalf("not a VerifyError: %v", err)
				}
				t.Logf("%v", err)
			}
		})
	}
}

// TestDecodeEscapes: an escaped string is the same string as its raw form.
func TestDecodeEscapes(t *testing.T) {
	doc := string(sampleDocument(t))
	escaped := strings.Replace(doc, `"entropy": "体彩排列五 第2026318期 8 3 0 2 1"`,
		`"entropy": "\u4f53\u5f69\u6392\u5217\u4e94 \u7b2c2026318\u671f 8 3 0 2 \u0031"`, 1)
	escaped = strings.Replace(escaped, `"SCJG-001"`, `"SCJG\u002d001"`, -1)
	if escaped == doc {
		t.Fatal("nothing replaced")
	}
	if _, err := Verify([]byte(escaped)); err != nil {
		t.Fatalf("escaped document refused: %v", err)
	}
	astral := `"\ud840\udc00"`
	p := parser{s: astral}
	if s, err := p.str(); err != nil || s != "𠀀" {
		t.Fatalf("surrogate pair: %q, %v", s, err)
	}
}

// TestVerifyReportsChecks: the first failing check is the one reported.
func TestVerifyReportsChecks(t *testing.T) {
	doc := string(sampleDocument(t))
	cases := []struct {
		name, from, to string
		check          Check
	}{
		{"tab in plan uid", `"plan_uid": "PLAN-2026-0001"`, `"plan_uid": "PLAN\t2026"`, CheckFormat},
		{"algorithm", `"algorithm": "suiji/draw/v1"`, `"algorithm": "suiji/draw/v0"`, CheckAlgorithm},
		{"uppercase reveal", `"reveal": "d23f`, `"reveal": "D23f`, CheckCommitment},
		{"seed", `"seed": "f46d`, `"seed": "f46e`, CheckSeed},
		{"ratio", `"ratio_bp": 1000,`, `"ratio_bp": 1001,`, CheckRulesDigest},
		{"population size", `"population_size": 40`, `"population_size": 41`, CheckSampleSizes},
		{"population digest", `"population_digest": "8f5c`, `"population_digest": "8f5d`, CheckPopulation},
		{"freeze digest", `"freeze_digest": "8ca0`, `"freeze_digest": "8ca1`, CheckFreezeDigest},
		{"a key", `"key": "177377054609984595"`, `"key": "177377054609984596"`, CheckSelection},
		{"teams digest (inside F)", `"teams_digest": "6f6d`, `"teams_digest": "6f6e`, CheckFreezeDigest},
		{"per_team", `"per_team": 1,`, `"per_team": 2,`, CheckTeamsDigest},
		{"cap", `"cap": null`, `"cap": 1`, CheckTeamsDigest},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(doc, c.from, c.to, 1)
			if bad == doc {
				t.Fatalf("%q not in the document", c.from)
			}
			_, err := Verify([]byte(bad))
			var ve *VerifyError
			if !errors.As(err, &ve) || ve.Check != c.check {
				t.Fatalf("got %v, want the %s check to fail", err, c.check)
			}
		})
	}
}

// TestEvidenceJSONRoundTrip: encoding/json goes through the strict decoder.
func TestEvidenceJSONRoundTrip(t *testing.T) {
	var ev Evidence
	if err := json.Unmarshal(sampleDocument(t), &ev); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(jsonValue(t, b), jsonValue(t, sampleDocument(t))) {
		t.Fatal("round trip changes the document")
	}
	if err := json.Unmarshal([]byte(`{"algorithm": 1}`), &ev); err == nil {
		t.Fatal("json.Unmarshal is not strict")
	}
}
