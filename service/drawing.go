package service

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/draw"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

// maxRegionConflicts bounds the pairs the own-region avoidance rule may
// produce: every inspector of a region against every object of it.
const maxRegionConflicts = 2_000_000

// frozenInputs is what a freeze fixes, stored with the plan (gzip JSON).
type frozenInputs struct {
	PlanUID       string            `json:"plan_uid"`
	Commitment    string            `json:"commitment"`
	EntropySource string            `json:"entropy_source"`
	Strata        []draw.Rule       `json:"strata"`
	Population    frozenPopulation  `json:"population"`
	Departments   []draw.Department `json:"departments"`
	Conflicts     []draw.Conflict   `json:"conflicts"`
	Cap           *int64            `json:"cap"`
	// Who is who, to turn uids into records when the tasks are stored.
	DepartmentIDs map[string]string `json:"department_ids"` // code → id
	InspectorIDs  map[string]string `json:"inspector_ids"`  // uid → id
}

// frozenPopulation is stored as one JSON string of the digest's lines
// (stratum TAB uid NEWLINE, spec §2; neither holds a tab or a newline): a
// million entries decode in a fraction of the time an array of objects
// takes. Inputs frozen before hold an array of {stratum, uid}, which still
// decodes.
type frozenPopulation []draw.Entry

func (p frozenPopulation) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	for _, e := range p {
		b.WriteString(e.Stratum)
		b.WriteByte('\t')
		b.WriteString(e.UID)
		b.WriteByte('\n')
	}
	return json.Marshal(b.String())
}

func (p *frozenPopulation) UnmarshalJSON(data []byte) error {
	if len(data) == 0 || data[0] != '"' {
		return json.Unmarshal(data, (*[]draw.Entry)(p))
	}
	var lines string
	if err := json.Unmarshal(data, &lines); err != nil {
		return err
	}
	out := make(frozenPopulation, 0, strings.Count(lines, "\n"))
	for rest := lines; rest != ""; {
		line, tail, ok := strings.Cut(rest, "\n")
		stratum, uid, tab := strings.Cut(line, "\t")
		if !ok || !tab {
			return fmt.Errorf("frozen population: entry %d is not a stratum and a uid", len(out)+1)
		}
		out = append(out, draw.Entry{Stratum: stratum, UID: uid})
		rest = tail
	}
	*p = out
	return nil
}

func (f *frozenInputs) plan() draw.Plan {
	return draw.Plan{PlanUID: f.PlanUID, Commitment: f.Commitment, EntropySource: f.EntropySource, Strata: f.Strata,
		Population: f.Population, Departments: f.Departments, Conflicts: f.Conflicts, Cap: f.Cap}
}

// checkEntropyText: the entropy source and the entropy are valid UTF-8 of at
// most 256 bytes without control characters (spec §0).
func checkEntropyText(field, label, v string, required bool) error {
	switch {
	case required && v == "":
		return fault.Invalid(field, "%s不能为空 (%s is required)", label, field)
	case len(v) > 256:
		return fault.Invalid(field, "%s最多256字节，现有%d字节 (%s: at most 256 bytes, got %d)", label, len(v), field, len(v))
	case !utf8.ValidString(v):
		return fault.Invalid(field, "%s不是有效的文字 (%s is not valid UTF-8)", label, field)
	case strings.ContainsFunc(v, func(r rune) bool { return unicode.IsControl(r) }):
		return fault.Invalid(field, "%s含有控制字符（如换行） (%s contains a control character such as a newline)", label, field)
	}
	return nil
}

// gatherInputs reads the plan's population, pools and conflicts from the
// library as they stand now.
func (s *Service) gatherInputs(ctx context.Context, p *db.Plan) (*frozenInputs, []db.PopulationEntry, error) {
	depts, items, err := db.PlanParts(ctx, s.db, p.ID)
	if err != nil {
		return nil, nil, err
	}
	refs, err := loadRefs(ctx, s.db)
	if err != nil {
		return nil, nil, err
	}
	scope, strata := ScopeOf(p), StrataOf(p)
	in := &frozenInputs{PlanUID: p.UID, DepartmentIDs: map[string]string{}, InspectorIDs: map[string]string{}}
	if p.Commitment != nil {
		in.Commitment = *p.Commitment
	}
	var labels []string
	for _, r := range strata {
		rule := draw.Rule{Label: r.Label}
		if r.RatioBP != nil {
			v := int64(*r.RatioBP)
			rule.RatioBP = &v
		} else if r.Count != nil {
			v := int64(*r.Count)
			rule.Count = &v
		}
		in.Strata = append(in.Strata, rule)
		labels = append(labels, r.Label)
	}
	q := db.PopulationQuery{Kinds: scope.Kinds, TagIDs: scope.TagIDs, RegionCodes: scope.RegionCodes,
		IndustryCodes: scope.IndustryCodes, DepartmentIDs: scope.DepartmentIDs, ActiveOnly: scope.ActiveOnly, Labels: labels}
	if !p.IncludeDrawn {
		q.ExcludeDrawnYear = p.Year
	}
	pop, err := db.Population(ctx, s.db, q)
	if err != nil {
		return nil, nil, err
	}
	in.Population = make([]draw.Entry, len(pop))
	for i := range pop {
		in.Population[i] = pop[i].Entry
	}
	// Pools: the qualifications any of a department's items require.
	itemIDs := make([]string, len(items))
	for i, it := range items {
		itemIDs[i] = it.ItemID
	}
	quals, err := db.TagLinks(ctx, s.db, "item_qualifications", "item_id", itemIDs)
	if err != nil {
		return nil, nil, err
	}
	today := s.chinaToday()
	var poolIDs []string
	var members []db.PoolMember
	for _, d := range depts {
		var need []string
		for _, it := range items {
			if it.DepartmentID == d.DepartmentID {
				need = append(need, quals[it.ItemID]...)
			}
		}
		pool, err := db.Pool(ctx, s.db, d.DepartmentID, today, uniqueSorted(need))
		if err != nil {
			return nil, nil, err
		}
		code := refs.departments[d.DepartmentID].Code
		dep := draw.Department{Code: code}
		if d.PerTeam != nil {
			dep.PerTeam = int64(*d.PerTeam)
		}
		for _, m := range pool {
			dep.Pool = append(dep.Pool, m.UID)
			in.InspectorIDs[m.UID] = m.ID
			poolIDs = append(poolIDs, m.ID)
		}
		members = append(members, pool...)
		in.DepartmentIDs[code] = d.DepartmentID
		in.Departments = append(in.Departments, dep)
	}
	// Conflicts: declared ones always; the plan's avoidance rules.
	declared, err := db.DeclaredConflicts(ctx, s.db, poolIDs)
	if err != nil {
		return nil, nil, err
	}
	in.Conflicts = declared
	if p.AvoidRecentMonths > 0 {
		recent, err := db.RecentChecks(ctx, s.db, poolIDs, s.now().AddDate(0, -p.AvoidRecentMonths, 0))
		if err != nil {
			return nil, nil, err
		}
		in.Conflicts = append(in.Conflicts, recent...)
	}
	if p.AvoidOwnRegion {
		byRegion := map[string][]string{}
		for _, m := range members {
			if m.Region != "" {
				byRegion[m.Region] = append(byRegion[m.Region], m.UID)
			}
		}
		n := 0
		for _, e := range pop {
			for _, i := range byRegion[e.Region] {
				if n++; n > maxRegionConflicts {
					return nil, nil, fault.Invalid("avoidOwnRegion", "“回避本区域检查人员”产生的回避关系超过%d条：检查人员与对象同属一个区域时无法使用此规则 (own-region avoidance yields over %d pairs)", maxRegionConflicts, maxRegionConflicts)
				}
				in.Conflicts = append(in.Conflicts, draw.Conflict{Inspector: i, Object: e.UID})
			}
		}
	}
	if p.Cap != nil {
		c := int64(*p.Cap)
		in.Cap = &c
	}
	return in, pop, nil
}

// refusal turns the engine's refusal into a message a person can act on.
func refusal(err error) error {
	var r *draw.Refusal
	if errors.As(err, &r) {
		msg := fmt.Sprintf("抽取输入不合规：%s (%s)", r.Code.Chinese(), r.Code.English())
		if r.Detail != "" {
			msg += "：" + r.Detail
		}
		return &fault.Error{Code: fault.BadInput, Field: "plan", Message: msg, Err: err}
	}
	return err
}

// FreezePlan fixes every input of the draw and names the future public
// entropy source; invalid inputs (spec §8) are refused here.
func (s *Service) FreezePlan(ctx context.Context, id, entropySource string) (*db.Plan, error) {
	if err := checkEntropyText("entropySource", "随机数来源", entropySource, true); err != nil {
		return nil, err
	}
	p, err := s.planForChange(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if p.Status != db.PlanPublished {
		return nil, wrongState(p, "冻结", db.PlanPublished)
	}
	in, _, err := s.gatherInputs(ctx, p)
	if err != nil {
		return nil, err
	}
	in.EntropySource = entropySource
	frozen, err := draw.FreezeSorted(in.plan())
	if err != nil {
		return nil, refusal(err)
	}
	gz, err := db.GzipJSON(in)
	if err != nil {
		return nil, err
	}
	d := frozen.Digests()
	attempt := p.Attempt
	return s.transition(ctx, id, "plan.freeze", "冻结", []string{db.PlanPublished},
		func(ctx context.Context, tx bun.Tx, p *db.Plan) (string, []string, error) {
			if p.Attempt != attempt {
				return "", nil, fault.New(fault.Conflict, "计划已被他人办理，请刷新 (the plan changed meanwhile: reload)")
			}
			now := s.now()
			size := int(d.PopulationSize)
			p.Status, p.EntropySource, p.FreezeDigest, p.PopulationSize, p.FrozenAt = db.PlanFrozen, &entropySource, &d.FreezeDigest, &size, &now
			if _, err := tx.NewInsert().Model(&db.Freeze{PlanID: p.ID, Attempt: p.Attempt, FrozenAt: now,
				FreezeDigest: d.FreezeDigest, PopulationSize: size, InputsGz: gz}).Exec(ctx); err != nil {
				return "", nil, fmt.Errorf("store frozen inputs: %w", err)
			}
			return fmt.Sprintf("冻结输入：F=%s，总体%d，随机数来源：%s", d.FreezeDigest, size, entropySource),
				[]string{"entropy_source", "freeze_digest", "population_size", "frozen_at"}, nil
		})
}

// stage records a stage of a draw for the ceremony screen, in its own
// transaction so that every replica's subscribers see it at once.
func (s *Service) stage(ctx context.Context, p *db.Plan, seq *int, name, detail string) {
	*seq++
	if _, err := s.db.NewInsert().Model(&db.DrawStage{PlanID: p.ID, Attempt: p.Attempt, Seq: *seq, Stage: name,
		At: s.now(), Detail: detail}).Exec(ctx); err != nil {
		s.log.Warn("record draw stage", "plan", p.UID, "stage", name, "err", err)
	}
}

// DrawPlan draws a frozen plan with the named source's value E: it reveals
// R, recomputes the frozen inputs' digest, selects the objects, matches the
// teams and, in one transaction, stores the draw, its evidence and one task
// per selected object. A plan is drawn once: of two requests at once, one
// draws and the other gets CONFLICT. A draw that cannot staff a team stores
// the failed attempt only and returns the plan to PUBLISHED with a new
// commitment.
func (s *Service) DrawPlan(ctx context.Context, id, entropy string) (*db.Draw, error) {
	if err := checkEntropyText("entropy", "随机数", entropy, false); err != nil {
		return nil, err
	}
	p, err := s.planForChange(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if p.Status != db.PlanFrozen {
		return nil, wrongState(p, "抽取", db.PlanFrozen)
	}
	seq := 0
	fz, err := db.GetFreeze(ctx, s.db, p.ID, p.Attempt)
	if err != nil {
		return nil, fmt.Errorf("frozen inputs of %s: %w", p.UID, err)
	}
	raw, err := db.Gunzip(fz.InputsGz)
	if err != nil {
		return nil, err
	}
	var in frozenInputs
	if err := json.Unmarshal(raw, &in); err != nil {
		return nil, fmt.Errorf("decode frozen inputs: %w", err)
	}
	frozen, err := draw.FreezeSorted(in.plan())
	if err != nil {
		return nil, refusal(err)
	}
	if f := frozen.Digests().FreezeDigest; f != fz.FreezeDigest || p.FreezeDigest == nil || f != *p.FreezeDigest {
		return nil, fmt.Errorf("frozen inputs of %s no longer give the published freeze digest", p.UID)
	}
	s.stage(ctx, p, &seq, "INPUTS_LOADED", fmt.Sprintf("总体%d，F=%s", len(in.Population), fz.FreezeDigest))
	ev, failure, err := draw.Draw(frozen, *p.Secret, entropy)
	if err != nil {
		return nil, refusal(err)
	}
	s.stage(ctx, p, &seq, "SEED_COMPUTED", "seed="+ev.Seed)
	d := &db.Draw{ID: uuid.Must(uuid.NewV7()).String(), PlanID: p.ID, Attempt: p.Attempt, DrawnAt: s.now(),
		EntropySource: in.EntropySource, Entropy: entropy, Commitment: in.Commitment, FreezeDigest: fz.FreezeDigest,
		Reveal: *p.Secret, Seed: ev.Seed, PopulationSize: len(in.Population), SelectionsCount: len(ev.Selections)}
	if failure != nil {
		return s.failDraw(ctx, p, d, failure, &seq)
	}
	s.stage(ctx, p, &seq, "OBJECTS_SELECTED", fmt.Sprintf("抽中%d户", len(ev.Selections)))
	s.stage(ctx, p, &seq, "TEAMS_MATCHED", fmt.Sprintf("匹配%d个检查组", len(ev.Selections)))
	d.Status = db.DrawSucceeded
	// The evidence is compressed while the tasks are built (both take a
	// while on a large draw, and the machine has more than one core).
	var gzErr error
	var gzDone sync.WaitGroup
	gzDone.Go(func() { d.EvidenceGz, gzErr = db.GzipJSON(ev) })
	tasks, members, err := s.buildTasks(ctx, p, d, &in, ev)
	gzDone.Wait()
	if err != nil {
		return nil, err
	}
	if gzErr != nil {
		return nil, gzErr
	}
	err = s.mutate(ctx, "plan.draw", func(ctx context.Context, tx bun.Tx) (Change, error) {
		p.Status, p.DrawnAt, p.UpdatedAt = db.PlanDrawn, &d.DrawnAt, s.now()
		ok, err := db.TransitionPlan(ctx, tx, p, []string{db.PlanFrozen}, "drawn_at")
		if err != nil {
			return Change{}, err
		}
		if !ok {
			return Change{}, fault.New(fault.Conflict, "该计划已经抽取过 (the plan has been drawn already)")
		}
		if _, err := tx.NewInsert().Model(d).Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return Change{}, fault.New(fault.Conflict, "该计划已经抽取过 (the plan has been drawn already)")
			}
			return Change{}, err
		}
		if err := db.InsertTasks(ctx, tx, tasks, members); err != nil {
			return Change{}, err
		}
		if err := s.planEvent(ctx, tx, p, db.PlanFrozen, fmt.Sprintf("抽取：E=%q，抽中%d户", entropy, len(tasks))); err != nil {
			return Change{}, err
		}
		return Change{TargetType: "Plan", TargetID: p.ID, After: map[string]any{"draw": d.ID, "attempt": d.Attempt,
			"entropy": entropy, "seed": d.Seed, "selections": len(tasks), "freezeDigest": d.FreezeDigest}}, nil
	})
	if err != nil {
		if fault.Is(err, fault.Conflict) {
			return nil, err
		}
		s.stage(ctx, p, &seq, "FAILED", "存储失败 (could not store the draw)")
		return nil, err
	}
	s.stage(ctx, p, &seq, "STORED", fmt.Sprintf("已生成%d项检查任务", len(tasks)))
	d.EvidenceGz = nil
	return d, nil
}

// failDraw stores a failed attempt (public and audited) and returns the plan
// to PUBLISHED with a new commitment: it must be frozen again.
func (s *Service) failDraw(ctx context.Context, p *db.Plan, d *db.Draw, f *draw.Failure, seq *int) (*db.Draw, error) {
	reason, _ := json.Marshal(f)
	r := string(reason)
	d.Status, d.Failure = db.DrawFailed, &r
	err := s.mutate(ctx, "plan.draw_failed", func(ctx context.Context, tx bun.Tx) (Change, error) {
		if err := s.newCommitment(p); err != nil {
			return Change{}, err
		}
		p.Status, p.UpdatedAt = db.PlanPublished, s.now()
		ok, err := db.TransitionPlan(ctx, tx, p, []string{db.PlanFrozen},
			"commitment", "secret", "attempt", "entropy_source", "freeze_digest", "population_size", "frozen_at")
		if err != nil {
			return Change{}, err
		}
		if !ok {
			return Change{}, fault.New(fault.Conflict, "该计划已经抽取过 (the plan has been drawn already)")
		}
		if _, err := tx.NewInsert().Model(d).Exec(ctx); err != nil {
			return Change{}, err
		}
		if err := s.planEvent(ctx, tx, p, db.PlanFrozen, fmt.Sprintf("抽取失败：第%d位对象%s在%s无可用检查人员；已生成新的承诺值，需重新冻结",
			f.Rank, f.UID, f.Department)); err != nil {
			return Change{}, err
		}
		return Change{TargetType: "Plan", TargetID: p.ID, After: map[string]any{"draw": d.ID, "attempt": d.Attempt,
			"failure": f, "entropy": d.Entropy, "reveal": d.Reveal}}, nil
	})
	if err != nil {
		return nil, err
	}
	s.stage(ctx, &db.Plan{ID: p.ID, Attempt: d.Attempt}, seq, "FAILED",
		fmt.Sprintf("第%d位对象%s在%s无可用检查人员 (no inspector left at rank %d)", f.Rank, f.UID, f.Department, f.Rank))
	d.EvidenceGz = nil
	return d, nil
}

// taskItems is the JSON of a task's items: per department, the item versions
// of the plan that apply to the object's kind.
type taskItems struct {
	DepartmentID string   `json:"departmentId"`
	ItemIDs      []string `json:"itemIds"`
}

func (s *Service) buildTasks(ctx context.Context, p *db.Plan, d *db.Draw, in *frozenInputs, ev draw.Evidence) ([]db.Task, []db.TaskMember, error) {
	uids := make([]string, len(ev.Selections))
	for i, sel := range ev.Selections {
		uids[i] = sel.UID
	}
	objs := map[string]db.Object{}
	for start := 0; start < len(uids); start += 1000 {
		page, err := db.ObjectsByUIDs(ctx, s.db, uids[start:min(start+1000, len(uids))])
		if err != nil {
			return nil, nil, err
		}
		for _, o := range page {
			objs[o.UID] = o
		}
	}
	_, planItems, err := db.PlanParts(ctx, s.db, p.ID)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(planItems))
	for i, it := range planItems {
		ids[i] = it.ItemID
	}
	items, err := db.ItemsByIDs(ctx, s.db, ids)
	if err != nil {
		return nil, nil, err
	}
	byDept := map[string][]db.Item{}
	for _, it := range items {
		byDept[it.DepartmentID] = append(byDept[it.DepartmentID], it)
	}
	codes := make([]string, 0, len(in.DepartmentIDs))
	for code := range in.DepartmentIDs {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	deptOf := map[string]string{} // inspector uid → department id
	for _, dep := range in.Departments {
		for _, uid := range dep.Pool {
			deptOf[uid] = in.DepartmentIDs[dep.Code]
		}
	}
	now := s.now()
	tasks := make([]db.Task, 0, len(ev.Selections))
	var members []db.TaskMember
	for _, sel := range ev.Selections {
		o, ok := objs[sel.UID]
		if !ok {
			return nil, nil, fmt.Errorf("selected object %s is gone from the library", sel.UID)
		}
		t := db.Task{ID: uuid.Must(uuid.NewV7()).String(), DrawID: d.ID, PlanID: p.ID, ObjectID: o.ID, ObjectUID: o.UID,
			Rank: int(sel.Rank), Stratum: sel.Stratum, Status: "PENDING", CreatedAt: now}
		var ti []taskItems
		for _, code := range codes {
			deptID := in.DepartmentIDs[code]
			var its []string
			for _, it := range byDept[deptID] {
				if slices.Contains(it.Kinds(), o.Kind) {
					its = append(its, it.ID)
				}
			}
			ti = append(ti, taskItems{DepartmentID: deptID, ItemIDs: its})
		}
		b, _ := json.Marshal(ti)
		t.Items = string(b)
		for pos, uid := range sel.Team {
			members = append(members, db.TaskMember{TaskID: t.ID, InspectorID: in.InspectorIDs[uid], DepartmentID: deptOf[uid], Position: pos + 1})
		}
		tasks = append(tasks, t)
	}
	return tasks, members, nil
}

// Staffing outcomes of a simulation.
const (
	StaffingGuaranteed = "GUARANTEED"
	StaffingAtRisk     = "AT_RISK"
)

// Simulation is what a draw of a plan would look like now, without a seed.
type Simulation struct {
	PopulationSize, SampleSize int
	Strata                     []draw.Stratum
	Departments                []DepartmentSimulation
	Staffing                   string
	Binding                    string
}

// DepartmentSimulation is one department's staffing outlook.
type DepartmentSimulation struct {
	DepartmentID           string
	PerTeam, Pool, MaxConf int
	Staffing               string
}

// SimulatePlan computes the population per stratum, the sample sizes and
// whether every department's pool can staff every team whatever the draw
// picks: GUARANTEED when for every department d and object o,
// |pool_d| − conflicts_d(o) − ⌊(n·t_d − 1)/m⌋ ≥ t_d (the last term only with
// a cap m: the inspectors the cap could have exhausted), else AT_RISK with
// the binding constraint named.
func (s *Service) SimulatePlan(ctx context.Context, id string) (*Simulation, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return nil, err
	}
	view, err := s.Plan(ctx, id, false)
	if err != nil {
		return nil, err
	}
	p := &view.Plan
	in, _, err := s.gatherInputs(ctx, p)
	if err != nil {
		return nil, err
	}
	in.EntropySource = "simulation"
	if in.Commitment == "" {
		in.Commitment = strings.Repeat("0", 64) // no commitment yet: digests are not shown
	}
	frozen, err := draw.FreezeSorted(in.plan())
	if err != nil {
		return nil, refusal(err)
	}
	sim := &Simulation{PopulationSize: len(in.Population), Strata: frozen.Strata(), Staffing: StaffingGuaranteed}
	for _, st := range sim.Strata {
		sim.SampleSize += int(st.SampleSize)
	}
	inPopulation := make(map[string]bool, len(in.Population))
	for _, e := range in.Population {
		inPopulation[e.UID] = true
	}
	multi := len(in.Departments) > 1
	for _, dep := range frozen.Plan().Departments {
		t := int(dep.PerTeam)
		if t == 0 {
			t = 2
			if multi {
				t = 1
			}
		}
		pool := map[string]bool{}
		for _, u := range dep.Pool {
			pool[u] = true
		}
		perObject := map[string]int{}
		worst, worstObj := 0, ""
		for _, c := range in.Conflicts {
			if pool[c.Inspector] && inPopulation[c.Object] {
				perObject[c.Object]++
				if perObject[c.Object] > worst {
					worst, worstObj = perObject[c.Object], c.Object
				}
			}
		}
		exhausted := 0
		if in.Cap != nil && sim.SampleSize > 0 {
			exhausted = (sim.SampleSize*t - 1) / int(*in.Cap)
		}
		ds := DepartmentSimulation{DepartmentID: in.DepartmentIDs[dep.Code], PerTeam: t, Pool: len(dep.Pool), MaxConf: worst, Staffing: StaffingGuaranteed}
		if sim.SampleSize > 0 && len(dep.Pool)-worst-exhausted < t {
			ds.Staffing, sim.Staffing = StaffingAtRisk, StaffingAtRisk
			if sim.Binding == "" {
				sim.Binding = bindingConstraint(dep.Code, len(dep.Pool), worst, worstObj, exhausted, t)
			}
		}
		sim.Departments = append(sim.Departments, ds)
	}
	return sim, nil
}

func bindingConstraint(code string, pool, worst int, obj string, exhausted, t int) string {
	parts := []string{fmt.Sprintf("%s：检查人员库%d人", code, pool)}
	if worst > 0 {
		parts = append(parts, fmt.Sprintf("对象%s有%d人需回避", obj, worst))
	}
	if exhausted > 0 {
		parts = append(parts, fmt.Sprintf("上限可能用尽%d人", exhausted))
	}
	return strings.Join(parts, "，") + fmt.Sprintf("，不足每组%d人 (department %s: pool %d − conflicts %d − capped %d < %d per team)",
		t, code, pool, worst, exhausted, t)
}

// Draws returns a visible plan's draw attempts.
func (s *Service) Draws(ctx context.Context, planID string) ([]db.Draw, error) {
	if _, err := s.Plan(ctx, planID, false); err != nil {
		return nil, err
	}
	return db.PlanDraws(ctx, s.db, planID)
}

// Draw returns one draw of a visible plan.
func (s *Service) Draw(ctx context.Context, id string) (*db.Draw, error) {
	d, err := db.GetDraw(ctx, s.db, id)
	if err != nil {
		return nil, notFound(err, "draw")
	}
	if _, err := s.Plan(ctx, d.PlanID, false); err != nil {
		return nil, err
	}
	return d, nil
}

// Evidence returns a draw's evidence document in the form the caller may
// see: whole for ADMIN, ANALYST and the plan's departments; public for
// everyone else (no pools or conflicts; no population, strata or keys
// unless the plan was published with its population).
func (s *Service) Evidence(ctx context.Context, drawID string) ([]byte, bool, error) {
	d, err := db.GetDraw(ctx, s.db, drawID)
	if err != nil {
		return nil, false, notFound(err, "draw")
	}
	if d.Status != db.DrawSucceeded {
		return nil, false, notFound(db.ErrNotFound, "draw")
	}
	view, err := s.Plan(ctx, d.PlanID, false)
	if err != nil {
		return nil, false, err
	}
	gz, err := db.DrawEvidence(ctx, s.db, drawID)
	if err != nil {
		return nil, false, err
	}
	raw, err := db.Gunzip(gz)
	if err != nil {
		return nil, false, err
	}
	c := identity.From(ctx)
	whole := c.Is(identity.Admin, identity.Analyst)
	for _, pd := range view.Departments {
		if c.Is(identity.DeptAdmin) && pd.DepartmentID == c.DepartmentID {
			whole = true
		}
	}
	if whole {
		return raw, true, nil
	}
	ev, err := draw.DecodeEvidence(raw)
	if err != nil {
		return nil, false, err
	}
	pub, err := json.Marshal(draw.PublicEvidence(ev, view.PublishPopulation))
	return pub, false, err
}

// PublicDraws lists draws newest first for the public portal.
func (s *Service) PublicDraws(ctx context.Context, limit int, before string) ([]db.PublicDraw, error) {
	return db.ListPublicDraws(ctx, s.db, limit, before)
}

// Tasks lists a draw's tasks: everyone who may see the plan; an INSPECTOR
// only the tasks on which it is a member.
func (s *Service) Tasks(ctx context.Context, drawID string, first, afterRank int) ([]db.Task, bool, error) {
	d, err := s.Draw(ctx, drawID)
	if err != nil {
		return nil, false, err
	}
	inspector := ""
	if c := identity.From(ctx); c.Role == identity.Inspector {
		id, err := db.InspectorOfUser(ctx, s.db, c.UserID)
		if err != nil {
			return nil, false, err
		}
		if id == "" {
			return nil, false, nil
		}
		inspector = id
	}
	return db.ListTasks(ctx, s.db, d.ID, first, afterRank, inspector)
}

// DrawStagesAfter returns recorded stages of a visible plan after (attempt, seq).
func (s *Service) DrawStagesAfter(ctx context.Context, planID string, attempt, seq int) ([]db.DrawStage, error) {
	if _, err := s.Plan(ctx, planID, false); err != nil {
		return nil, err
	}
	return db.DrawStagesAfter(ctx, s.db, planID, attempt, seq)
}

// CountTasks counts a draw's tasks.
func (s *Service) CountTasks(ctx context.Context, drawID string) (int, error) {
	if _, err := s.Draw(ctx, drawID); err != nil {
		return 0, err
	}
	return db.CountTasks(ctx, s.db, drawID)
}
