package graph

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/draw"
	"github.com/suiji-dev/suiji/graph/loaders"
	"github.com/suiji-dev/suiji/graph/model"
	"github.com/suiji-dev/suiji/service"
)

func toPlan(v *service.PlanView) *model.Plan {
	if v == nil {
		return nil
	}
	return &model.Plan{PlanView: *v, ID: globalID("Plan", v.Plan.ID)}
}

func toPlanOnly(p *db.Plan) *model.Plan {
	if p == nil {
		return nil
	}
	return toPlan(&service.PlanView{Plan: *p})
}

func toDraw(d *db.Draw) *model.Draw {
	if d == nil {
		return nil
	}
	return &model.Draw{Draw: *d, ID: globalID("Draw", d.ID)}
}

func toTask(t *db.Task) *model.InspectionTask {
	return &model.InspectionTask{Task: *t, ID: globalID("InspectionTask", t.ID)}
}

func planInput(in model.PlanInput) (service.PlanInput, error) {
	out := service.PlanInput{Kind: string(in.Kind), Name: in.Name, Year: in.Year, Cap: in.Cap,
		WindowStart: string(in.WindowStart), WindowEnd: string(in.WindowEnd), Notes: str(in.Notes),
		IncludeDrawnReason: str(in.IncludeDrawnReason)}
	if in.AvoidRecentMonths != nil {
		out.AvoidRecentMonths = *in.AvoidRecentMonths
	}
	out.AvoidOwnRegion = in.AvoidOwnRegion != nil && *in.AvoidOwnRegion
	out.IncludeDrawn = in.IncludeDrawnThisYear != nil && *in.IncludeDrawnThisYear
	out.PublishPopulation = in.PublishPopulation != nil && *in.PublishPopulation
	init, err := optionalID("initiatorId", "Department", in.InitiatorID)
	if err != nil {
		return out, err
	}
	out.InitiatorID = str(init)
	for _, d := range in.Departments {
		dept, err := localID("departments.departmentId", "Department", d.DepartmentID)
		if err != nil {
			return out, err
		}
		items, err := ids("departments.itemIds", "Item", d.ItemIds)
		if err != nil {
			return out, err
		}
		out.Departments = append(out.Departments, service.PlanDepartmentInput{DepartmentID: dept, PerTeam: d.PerTeam, ItemIDs: items})
	}
	sc := in.Scope
	out.Scope = service.PlanScope{Kinds: enumStrings(sc.Kinds), RegionCodes: sc.RegionCodes, IndustryCodes: sc.IndustryCodes,
		ActiveOnly: sc.ActiveOnly == nil || *sc.ActiveOnly}
	if out.Scope.TagIDs, err = ids("scope.tagIds", "Tag", sc.TagIds); err != nil {
		return out, err
	}
	if out.Scope.DepartmentIDs, err = ids("scope.supervisingDepartmentIds", "Department", sc.SupervisingDepartmentIds); err != nil {
		return out, err
	}
	for _, r := range in.Strata {
		out.Strata = append(out.Strata, service.StratumRule{Label: r.Label, RatioBP: r.RatioBp, Count: r.Count})
	}
	return out, nil
}

func planFilter(f *model.PlanFilter) (db.PlanFilter, error) {
	var out db.PlanFilter
	if f == nil {
		return out, nil
	}
	out.Statuses = enumStrings(f.Statuses)
	if f.Year != nil {
		out.Year = *f.Year
	}
	dept, err := optionalID("filter.departmentId", "Department", f.DepartmentID)
	out.DepartmentID, out.Search = str(dept), str(f.Search)
	return out, err
}

func toSimulation(ctx context.Context, s *service.Simulation) (*model.PlanSimulation, error) {
	out := &model.PlanSimulation{PopulationSize: s.PopulationSize, SampleSize: s.SampleSize,
		Staffing: model.Staffing(s.Staffing), BindingConstraint: optionalString(s.Binding)}
	for _, st := range s.Strata {
		rule := &model.StratumRule{Label: st.Label}
		if st.RatioBP != nil {
			v := int(*st.RatioBP)
			rule.RatioBp = &v
		}
		if st.Count != nil {
			v := int(*st.Count)
			rule.Count = &v
		}
		out.Strata = append(out.Strata, &model.StratumSimulation{Label: st.Label, Rule: rule, Size: int(st.Size), SampleSize: int(st.SampleSize)})
	}
	for _, d := range s.Departments {
		dept, err := loaders.From(ctx).Department.Load(ctx, d.DepartmentID)
		if err != nil {
			return nil, err
		}
		out.Departments = append(out.Departments, &model.DepartmentSimulation{Department: toDepartment(dept), PerTeam: d.PerTeam,
			PoolSize: d.Pool, MaxConflicts: d.MaxConf, Staffing: model.Staffing(d.Staffing)})
	}
	return out, nil
}

func optionalString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func drawFailure(d *model.Draw) *model.DrawFailure {
	if d.Failure == nil {
		return nil
	}
	var f draw.Failure
	if json.Unmarshal([]byte(*d.Failure), &f) != nil {
		return nil
	}
	return &model.DrawFailure{Rank: int(f.Rank), UID: f.UID, Department: f.Department}
}

func (r *Resolver) taskConnection(ctx context.Context, drawID string, first *int, after *string) (*model.InspectionTaskConnection, error) {
	n, err := pageSize(first, 50, 500)
	if err != nil {
		return nil, err
	}
	pos, err := fromCursor(after)
	if err != nil {
		return nil, err
	}
	afterRank, _ := strconv.Atoi(pos)
	tasks, more, err := r.svc.Tasks(ctx, drawID, n, afterRank)
	if err != nil {
		return nil, err
	}
	conn := &model.InspectionTaskConnection{DrawID: drawID, PageInfo: &model.PageInfo{HasNextPage: more, HasPreviousPage: afterRank > 0}}
	ids, objects := make([]string, len(tasks)), make([]string, len(tasks))
	for i := range tasks {
		ids[i], objects[i] = tasks[i].ID, tasks[i].ObjectID
	}
	if requested(ctx, "object") {
		prime(ctx, loaders.From(ctx).Object, objects)
	}
	if requested(ctx, "team") {
		prime(ctx, loaders.From(ctx).TaskMembers, ids)
	}
	for i := range tasks {
		conn.Edges = append(conn.Edges, &model.InspectionTaskEdge{Cursor: cursor(strconv.Itoa(tasks[i].Rank)), Node: toTask(&tasks[i])})
	}
	setPageCursors(conn.PageInfo, len(conn.Edges), func(i int) string { return conn.Edges[i].Cursor })
	return conn, nil
}

// pollDrawStages streams a plan's draw stages as they are recorded.
func pollDrawStages(ctx context.Context, svc *service.Service, planID string, every time.Duration) <-chan *model.DrawStage {
	ch := make(chan *model.DrawStage, 8)
	go func() {
		defer close(ch)
		t := time.NewTicker(every)
		defer t.Stop()
		attempt, seq := 0, 0
		for {
			stages, err := svc.DrawStagesAfter(ctx, planID, attempt, seq)
			if err != nil {
				return
			}
			for _, st := range stages {
				select {
				case ch <- &model.DrawStage{DrawStage: st, PlanID: planID}:
					attempt, seq = st.Attempt, st.Seq
				case <-ctx.Done():
					return
				}
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	return ch
}

// planAfter re-reads a plan after a workflow step, with its parts.
func (r *Resolver) planAfter(ctx context.Context, p *db.Plan, err error) (*model.Plan, error) {
	if err != nil {
		return nil, err
	}
	v, err := r.svc.Plan(ctx, p.ID, false)
	return toPlan(v), err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
