package service

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestFrozenPopulation(t *testing.T) {
	pop := frozenPopulation{{Stratum: "A", UID: "91410100MA0001"}, {Stratum: "B", UID: "统一 代码"}, {Stratum: "D", UID: "x\"y\\z"}}
	raw, err := json.Marshal(frozenInputs{PlanUID: "PLAN-2026-0001", Population: pop})
	if err != nil {
		t.Fatal(err)
	}
	var back frozenInputs
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(back.Population, pop) {
		t.Errorf("round trip: %+v", back.Population)
	}
	// Inputs frozen before this format held an array of objects.
	var old frozenInputs
	if err := json.Unmarshal([]byte(`{"population":[{"stratum":"A","uid":"u1"},{"stratum":"C","uid":"u2"}]}`), &old); err != nil {
		t.Fatal(err)
	}
	if want := (frozenPopulation{{Stratum: "A", UID: "u1"}, {Stratum: "C", UID: "u2"}}); !slices.Equal(old.Population, want) {
		t.Errorf("old format: %+v", old.Population)
	}
	var empty frozenInputs
	if err := json.Unmarshal([]byte(`{"population":""}`), &empty); err != nil || len(empty.Population) != 0 {
		t.Errorf("empty population: %v %+v", err, empty.Population)
	}
	for _, bad := range []string{`{"population":"A\tu1"}`, `{"population":"A u1\n"}`} {
		var in frozenInputs
		if err := json.Unmarshal([]byte(bad), &in); err == nil {
			t.Errorf("%s decoded: %+v", bad, in.Population)
		}
	}
}
