package draw

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
)

// naiveDraw is a second, deliberately plain implementation of the spec,
// written from its text without any of the engine's shortcuts: it hashes
// every key, sorts whole strata, and hashes every eligible inspector at
// every pick. It builds the document as a generic JSON tree, so it also
// checks the engine's field names and encodings. It assumes a valid input.
func naiveDraw(in Input) (doc []byte, fail *Failure) {
	h := func(parts ...string) [32]byte { return sha256.Sum256([]byte(strings.Join(parts, ""))) }
	hx := func(b [32]byte) string { return hex.EncodeToString(b[:]) }
	u64 := func(b [32]byte) uint64 { return binary.BigEndian.Uint64(b[:8]) }

	r, _ := hex.DecodeString(in.Reveal)
	c := hx(h(string(r)))

	pop := append([]Entry(nil), in.Population...)
	sort.Slice(pop, func(i, j int) bool {
		return pop[i].Stratum < pop[j].Stratum || (pop[i].Stratum == pop[j].Stratum && pop[i].UID < pop[j].UID)
	})
	var lines strings.Builder
	for _, e := range pop {
		lines.WriteString(e.Stratum + "\t" + e.UID + "\n")
	}
	d := hx(h(lines.String()))

	rules := append([]Rule(nil), in.Strata...)
	sort.Slice(rules, func(i, j int) bool { return rules[i].Label < rules[j].Label })
	lines.Reset()
	for _, rule := range rules {
		if rule.RatioBP != nil {
			lines.WriteString(rule.Label + "\tratio_bp\t" + strconv.FormatInt(*rule.RatioBP, 10) + "\n")
		} else {
			lines.WriteString(rule.Label + "\tcount\t" + strconv.FormatInt(*rule.Count, 10) + "\n")
		}
	}
	s := hx(h(lines.String()))

	type dept struct {
		code string
		t    int
		pool []string
	}
	var depts []dept
	for _, dp := range in.Departments {
		t := int(dp.PerTeam)
		if t == 0 {
			t = 1
			if len(in.Departments) == 1 {
				t = 2
			}
		}
		pool := append([]string(nil), dp.Pool...)
		sort.Strings(pool)
		depts = append(depts, dept{dp.Code, t, pool})
	}
	sort.Slice(depts, func(i, j int) bool { return depts[i].code < depts[j].code })
	conflictSet := map[[2]string]bool{}
	for _, cf := range in.Conflicts {
		conflictSet[[2]string{cf.Inspector, cf.Object}] = true
	}
	var conflicts [][2]string
	for cf := range conflictSet {
		conflicts = append(conflicts, cf)
	}
	sort.Slice(conflicts, func(i, j int) bool {
		return conflicts[i][0] < conflicts[j][0] || (conflicts[i][0] == conflicts[j][0] && conflicts[i][1] < conflicts[j][1])
	})
	lines.Reset()
	for _, dp := range depts {
		lines.WriteString("department\t" + dp.code + "\t" + strconv.Itoa(dp.t) + "\n")
		for _, i := range dp.pool {
			lines.WriteString("pool\t" + dp.code + "\t" + i + "\n")
		}
	}
	for _, cf := range conflicts {
		lines.WriteString("conflict\t" + cf[0] + "\t" + cf[1] + "\n")
	}
	if in.Cap == nil {
		lines.WriteString("cap\tnone\n")
	} else {
		lines.WriteString("cap\t" + strconv.FormatInt(*in.Cap, 10) + "\n")
	}
	tt := hx(h(lines.String()))
	n := strconv.Itoa(len(pop))
	f := hx(h("suiji/freeze/v1\x00", in.PlanUID, "\x00", c, "\x00", d, "\x00", n, "\x00", s, "\x00", tt, "\x00", in.EntropySource))
	seed := h("suiji/draw/v1\x00", in.PlanUID, "\x00", in.Reveal, "\x00", in.Entropy)

	type sel struct {
		e   Entry
		key uint64
	}
	var strata []any
	var selected []sel
	for _, rule := range rules {
		var members []sel
		for _, e := range pop {
			if e.Stratum == rule.Label {
				members = append(members, sel{e, u64(h(string(seed[:]), "object\x00", e.Stratum, "\x00", e.UID))})
			}
		}
		sort.Slice(members, func(i, j int) bool {
			return members[i].key < members[j].key || (members[i].key == members[j].key && members[i].e.UID < members[j].e.UID)
		})
		size := uint64(len(members))
		var ns uint64
		m := map[string]any{"label": rule.Label, "size": size}
		if rule.Count != nil {
			ns = min(size, uint64(*rule.Count))
			m["count"] = *rule.Count
		} else {
			ns = min(size, (size*uint64(*rule.RatioBP)+9999)/10000)
			m["ratio_bp"] = *rule.RatioBP
		}
		m["sample_size"] = ns
		strata = append(strata, m)
		selected = append(selected, members[:ns]...)
	}
	sort.Slice(selected, func(i, j int) bool {
		return selected[i].key < selected[j].key || (selected[i].key == selected[j].key && selected[i].e.UID < selected[j].e.UID)
	})

	load := map[string]int64{}
	var selections []any
	for k, sl := range selected {
		o := sl.e.UID
		team := []any{}
		onTeam := map[string]bool{}
		for _, dp := range depts {
			for range dp.t {
				best, found := "", false
				var bestLoad int64
				var bestKey uint64
				for _, i := range dp.pool {
					if onTeam[i] || conflictSet[[2]string{i, o}] || (in.Cap != nil && load[i] >= *in.Cap) {
						continue
					}
					ik := u64(h(string(seed[:]), "inspector\x00", o, "\x00", i))
					better := !found || load[i] < bestLoad ||
						(load[i] == bestLoad && (ik < bestKey || (ik == bestKey && i < best)))
					if better {
						best, bestLoad, bestKey, found = i, load[i], ik, true
					}
				}
				if !found {
					return nil, &Failure{Rank: int64(k + 1), UID: o, Department: dp.code}
				}
				onTeam[best] = true
				load[best]++
				team = append(team, best)
			}
		}
		selections = append(selections, map[string]any{"rank": k + 1, "stratum": sl.e.Stratum, "uid": o,
			"key": strconv.FormatUint(sl.key, 10), "team": team})
	}
	population := []any{}
	for _, e := range pop {
		population = append(population, map[string]any{"stratum": e.Stratum, "uid": e.UID})
	}
	departments := []any{}
	for _, dp := range depts {
		departments = append(departments, map[string]any{"code": dp.code, "per_team": dp.t, "pool": dp.pool})
	}
	conflictList := []any{}
	for _, cf := range conflicts {
		conflictList = append(conflictList, []string{cf[0], cf[1]})
	}
	if selections == nil {
		selections = []any{}
	}
	if strata == nil {
		strata = []any{}
	}
	out := map[string]any{
		"algorithm": "suiji/draw/v1", "plan_uid": in.PlanUID, "commitment": c, "entropy_source": in.EntropySource,
		"freeze_digest": f, "rules_digest": s, "teams_digest": tt, "population_digest": d, "population_size": len(pop),
		"reveal": in.Reveal, "entropy": in.Entropy, "seed": hx(seed), "strata": strata, "population": population,
		"selections": selections, "departments": departments, "conflicts": conflictList, "cap": in.Cap,
	}
	b, err := json.Marshal(out)
	if err != nil {
		panic(err)
	}
	return b, nil
}
