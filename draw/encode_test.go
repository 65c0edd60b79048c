package draw

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestEscapedIDs: ids may hold '"', '\', CR and control bytes other than
// NUL, tab and newline; they must survive encoding, strict decoding and
// verification byte for byte, and agree with the naive implementation
// (which encodes with encoding/json).
func TestEscapedIDs(t *testing.T) {
	in := baseInput()
	in.PlanUID = `PLAN "quoted" \ back`
	in.Population[0].UID = "a\"1"
	in.Population[1].UID = "a\\2"
	in.Population[2].UID = "b\r1"
	in.Population[3].UID = "b\x01\x1f\u2028"
	in.Departments[0].Pool[0] = "XF-\"1"
	in.Conflicts = []Conflict{{"XF-\"1", "a\"1"}}
	in.Strata = []Rule{RatioRule("A", 10000), RatioRule("B", 10000)}
	ev, fail, err := Run(in)
	if err != nil || fail != nil {
		t.Fatal(err, fail)
	}
	doc := marshal(t, ev)
	want, _ := naiveDraw(in)
	if !reflect.DeepEqual(jsonValue(t, doc), jsonValue(t, want)) {
		t.Fatalf("differs from naive:\n%s\n%s", doc, want)
	}
	back, err := DecodeEvidence(doc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, ev) {
		t.Fatal("decoding the encoding does not give the evidence back")
	}
	if _, err := Verify(doc); err != nil {
		t.Fatal(err)
	}
}

func TestEncodeRefusesInvalidUTF8(t *testing.T) {
	ev := Evidence{PlanUID: "P\xff"}
	if _, err := ev.MarshalJSON(); err == nil {
		t.Fatal("invalid UTF-8 encoded")
	}
}

func TestStandaloneJSON(t *testing.T) {
	b, err := json.Marshal(struct {
		S []Selection
		C Conflict
		K Key
	}{[]Selection{{Rank: 1, Stratum: "A", UID: "u", Key: 0, Team: []string{"i"}}, {Rank: 2, UID: "v", Team: nil}},
		Conflict{"i", "o"}, 18446744073709551615})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"S":[{"rank":1,"stratum":"A","uid":"u","key":"0","team":["i"]},{"rank":2,"uid":"v","team":[]}],` +
		`"C":["i","o"],"K":"18446744073709551615"}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	var back struct {
		C Conflict
		K Key
	}
	if err := json.Unmarshal(b, &back); err != nil || back.C != (Conflict{"i", "o"}) || back.K != 18446744073709551615 {
		t.Fatalf("%+v %v", back, err)
	}
	for _, bad := range []string{`{"K":1}`, `{"K":"01"}`, `{"K":"-1"}`, `{"K":""}`, `{"C":["i"]}`, `{"C":null}`} {
		if err := json.Unmarshal([]byte(bad), &back); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestReasonTexts(t *testing.T) {
	codes := []Code{DuplicateUID, StratumWithoutRule, DuplicateStratum, BadRule, RatioOutOfRange, NegativeCount,
		DuplicateDepartment, DuplicatePoolEntry, InspectorInTwoPools, PoolSmallerThanTeam, BadPerTeam, BadCap,
		NumberTooLarge, BadString, NoDepartment, BadReveal, BadCommitment}
	fallbackEn, fallbackZh := Code("unknown").texts()
	seen := map[string]bool{}
	for _, c := range codes {
		en, zh := c.English(), c.Chinese()
		if en == fallbackEn || zh == fallbackZh || seen[en] || seen[zh] {
			t.Errorf("%s: texts %q / %q missing or shared", c, en, zh)
		}
		seen[en], seen[zh] = true, true
		if msg := (&Refusal{Code: c, Field: "f"}).Error(); !strings.Contains(msg, string(c)) || !strings.Contains(msg, zh) {
			t.Errorf("%s: message %q", c, msg)
		}
	}
}

func TestStrings(t *testing.T) {
	r := Report{Selections: 17, NotChecked: []string{PartPopulation, PartSelection, PartTeams}}
	if got := r.String(); got != "verified 17 selections; not checked (left out of the document): population, selection, teams" {
		t.Errorf("report: %q", got)
	}
	f := Failure{Rank: 18, UID: "9241010048W4YE7P3G", Department: "SCJG"}
	if got := f.String(); !strings.Contains(got, "rank 18") || !strings.Contains(got, "SCJG") {
		t.Errorf("failure: %q", got)
	}
}
