package service

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/draw"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

// PlanKinds lists plan kinds.
var PlanKinds = []string{"ANNUAL", "SPECIAL"}

// PlanScope says which objects a plan draws from.
type PlanScope struct {
	Kinds         []string `json:"kinds"`
	TagIDs        []string `json:"tagIds"`
	RegionCodes   []string `json:"regionCodes"`
	IndustryCodes []string `json:"industryCodes"`
	DepartmentIDs []string `json:"supervisingDepartmentIds"`
	ActiveOnly    bool     `json:"activeOnly"`
}

// StratumRule samples one credit-risk class: a ratio in basis points or a count.
type StratumRule struct {
	Label   string `json:"label"`
	RatioBP *int   `json:"ratioBp,omitempty"`
	Count   *int   `json:"count,omitempty"`
}

// PlanDepartmentInput is a participating department with its items.
type PlanDepartmentInput struct {
	DepartmentID string
	PerTeam      *int
	ItemIDs      []string
}

// PlanInput is a plan to create or the new state of a draft.
type PlanInput struct {
	Kind               string
	Name               string
	Year               int
	InitiatorID        string
	Departments        []PlanDepartmentInput
	Scope              PlanScope
	Strata             []StratumRule
	Cap                *int
	AvoidRecentMonths  int
	AvoidOwnRegion     bool
	IncludeDrawn       bool
	IncludeDrawnReason string
	PublishPopulation  bool
	WindowStart        string
	WindowEnd          string
	Notes              string
}

// PlanView is a plan with its parts, as the API shows it.
type PlanView struct {
	db.Plan
	Departments []db.PlanDepartment
	Items       []db.PlanItem
}

// ScopeOf decodes a plan's scope.
func ScopeOf(p *db.Plan) PlanScope {
	var s PlanScope
	_ = json.Unmarshal([]byte(p.Scope), &s)
	return s
}

// StrataOf decodes a plan's strata rules.
func StrataOf(p *db.Plan) []StratumRule {
	var s []StratumRule
	_ = json.Unmarshal([]byte(p.Strata), &s)
	return s
}

// chinaToday is today's date in China Standard Time, where plan windows and
// years are counted.
func (s *Service) chinaToday() string { return s.now().In(chinaTime).Format(time.DateOnly) }

// canSeePlan: the public sees published plans; departments also their own
// (initiated or joined) drafts; ADMIN and ANALYST everything.
func canSeePlan(c identity.Caller, p *db.Plan, depts []db.PlanDepartment) bool {
	if p.Public() || c.Is(identity.Admin, identity.Analyst) {
		return true
	}
	if c.DepartmentID == "" {
		return false
	}
	if p.InitiatorID == c.DepartmentID {
		return true
	}
	for _, d := range depts {
		if d.DepartmentID == c.DepartmentID {
			return true
		}
	}
	return false
}

// Plans lists the plans the caller may see, newest first.
func (s *Service) Plans(ctx context.Context, f db.PlanFilter, first int, before string) ([]db.Plan, bool, error) {
	f = planVisibility(identity.From(ctx), f)
	return db.ListPlans(ctx, s.db, f, first, before)
}

// CountPlans counts the plans the caller may see.
func (s *Service) CountPlans(ctx context.Context, f db.PlanFilter) (int, error) {
	return db.CountPlans(ctx, s.db, planVisibility(identity.From(ctx), f))
}

func planVisibility(c identity.Caller, f db.PlanFilter) db.PlanFilter {
	if !c.Is(identity.Admin, identity.Analyst) {
		f.PublicOnly, f.VisibleTo = true, c.DepartmentID
	}
	return f
}

// Plan returns one plan with its parts, if the caller may see it.
func (s *Service) Plan(ctx context.Context, id string, byUID bool) (*PlanView, error) {
	var (
		p   *db.Plan
		err error
	)
	if byUID {
		p, err = db.GetPlanByUID(ctx, s.db, id)
	} else {
		p, err = db.GetPlan(ctx, s.db, id)
	}
	if err != nil {
		return nil, notFound(err, "plan")
	}
	depts, items, err := db.PlanParts(ctx, s.db, p.ID)
	if err != nil {
		return nil, err
	}
	if !canSeePlan(identity.From(ctx), p, depts) {
		return nil, notFound(db.ErrNotFound, "plan")
	}
	return &PlanView{Plan: *p, Departments: depts, Items: items}, nil
}

// PlanEvents returns a visible plan's workflow history.
func (s *Service) PlanEvents(ctx context.Context, planID string) ([]db.PlanEvent, error) {
	if _, err := s.Plan(ctx, planID, false); err != nil {
		return nil, err
	}
	return db.PlanEvents(ctx, s.db, planID)
}

// CreatePlan drafts a plan initiated by the caller's department (ADMIN: any).
func (s *Service) CreatePlan(ctx context.Context, in PlanInput) (*PlanView, error) {
	c := identity.From(ctx)
	if c.Role == identity.DeptAdmin && in.InitiatorID == "" {
		in.InitiatorID = c.DepartmentID
	}
	if err := requireDepartment(ctx, in.InitiatorID); err != nil {
		return nil, err
	}
	var out *PlanView
	err := s.mutate(ctx, "plan.create", func(ctx context.Context, tx bun.Tx) (Change, error) {
		now := s.now()
		p := &db.Plan{ID: uuid.Must(uuid.NewV7()).String(), Status: db.PlanDraft, CreatedBy: c.Username, CreatedAt: now, UpdatedAt: now}
		view, err := s.applyPlan(ctx, tx, p, in)
		if err != nil {
			return Change{}, err
		}
		if p.UID, err = db.NextPlanUID(ctx, tx, p.Year); err != nil {
			return Change{}, err
		}
		view.Plan = *p
		if _, err := tx.NewInsert().Model(p).Exec(ctx); err != nil {
			return Change{}, uniqueAsConflict(err, "uid", p.UID)
		}
		if err := db.SavePlanParts(ctx, tx, p.ID, view.Departments, view.Items); err != nil {
			return Change{}, err
		}
		if err := s.planEvent(ctx, tx, p, "", "创建计划"); err != nil {
			return Change{}, err
		}
		out = view
		return Change{TargetType: "Plan", TargetID: p.ID, After: view}, nil
	})
	return out, err
}

// UpdatePlan edits a DRAFT or RETURNED plan.
func (s *Service) UpdatePlan(ctx context.Context, id string, in PlanInput) (*PlanView, error) {
	var out *PlanView
	err := s.mutate(ctx, "plan.update", func(ctx context.Context, tx bun.Tx) (Change, error) {
		p, err := s.planForChange(ctx, tx, id)
		if err != nil {
			return Change{}, err
		}
		if p.Status != db.PlanDraft && p.Status != db.PlanReturned {
			return Change{}, wrongState(p, "修改", db.PlanDraft, db.PlanReturned)
		}
		before := *p
		in.InitiatorID = p.InitiatorID // the initiator stays
		view, err := s.applyPlan(ctx, tx, p, in)
		if err != nil {
			return Change{}, err
		}
		p.UpdatedAt = s.now()
		if _, err := tx.NewUpdate().Model(p).WherePK().Exec(ctx); err != nil {
			return Change{}, err
		}
		if err := db.SavePlanParts(ctx, tx, p.ID, view.Departments, view.Items); err != nil {
			return Change{}, err
		}
		out = view
		return Change{TargetType: "Plan", TargetID: p.ID, Before: before, After: view}, nil
	})
	return out, err
}

// planForChange loads a plan the caller may change: ADMIN any, a DEPT_ADMIN
// those its department initiated.
func (s *Service) planForChange(ctx context.Context, tx bun.IDB, id string) (*db.Plan, error) {
	p, err := db.GetPlan(ctx, tx, id)
	if err != nil {
		return nil, notFound(err, "plan")
	}
	if err := requireDepartment(ctx, p.InitiatorID); err != nil {
		return nil, fault.New(fault.Forbidden, "只有发起部门或联席办可以办理此计划 (only the initiating department or the joint office may do this)")
	}
	return p, nil
}

func wrongState(p *db.Plan, verb string, allowed ...string) error {
	return &fault.Error{Code: fault.Conflict, Field: "status", Message: fmt.Sprintf(
		"计划当前状态为%s，不能%s（应为%s） (plan is %s; %s needs %s)", statusLabel[p.Status], verb,
		strings.Join(labels(allowed), "或"), p.Status, verbEnglish[verb], strings.Join(allowed, " or "))}
}

var statusLabel = map[string]string{db.PlanDraft: "草稿", db.PlanSubmitted: "已提交", db.PlanApproved: "已审批",
	db.PlanReturned: "已退回", db.PlanPublished: "已公布", db.PlanFrozen: "已冻结", db.PlanDrawn: "已抽取",
	db.PlanInProgress: "检查中", db.PlanCompleted: "已完成", db.PlanCancelled: "已取消"}

var verbEnglish = map[string]string{"修改": "editing", "提交": "submitting", "审批": "reviewing", "公布": "publishing",
	"冻结": "freezing", "抽取": "drawing", "取消": "cancelling"}

func labels(states []string) []string {
	out := make([]string, len(states))
	for i, s := range states {
		out[i] = statusLabel[s]
	}
	return out
}

// applyPlan validates in and copies it onto p; it returns the plan's parts.
func (s *Service) applyPlan(ctx context.Context, tx bun.IDB, p *db.Plan, in PlanInput) (*PlanView, error) {
	var pr Problems
	p.Kind = in.Kind
	pr.oneOf("kind", "计划类型", in.Kind, PlanKinds)
	p.Name = pr.text("name", "计划名称", in.Name, true, 200)
	if in.Year < 2000 || in.Year > 2100 {
		pr.add("year", "out_of_range", "年度应在2000到2100之间 (year must be 2000–2100)")
	}
	p.Year = in.Year
	p.InitiatorID = in.InitiatorID
	p.Notes = pr.text("notes", "备注", in.Notes, false, 4000)
	p.WindowStart, p.WindowEnd = pr.date("windowStart", "检查开始日期", in.WindowStart), pr.date("windowEnd", "检查结束日期", in.WindowEnd)
	switch {
	case p.WindowStart == "" || p.WindowEnd == "":
		pr.add("windowStart", "required", "请填写检查时间窗口 (the inspection window is required)")
	case p.WindowEnd < p.WindowStart:
		pr.add("windowEnd", "order", "结束日期早于开始日期 (the window ends before it starts)")
	case p.WindowEnd < s.chinaToday():
		pr.add("windowEnd", "past", "检查时间窗口已过 (the inspection window is in the past)")
	}
	if in.Cap != nil && (*in.Cap < 1 || *in.Cap > 100000) {
		pr.add("cap", "out_of_range", "每名检查人员最多检查对象数应为1到100000 (cap must be 1–100000)")
	}
	p.Cap = in.Cap
	if in.AvoidRecentMonths < 0 || in.AvoidRecentMonths > 60 {
		pr.add("avoidRecentMonths", "out_of_range", "回避月数应为0到60 (avoidRecentMonths must be 0–60)")
	}
	p.AvoidRecentMonths, p.AvoidOwnRegion, p.PublishPopulation = in.AvoidRecentMonths, in.AvoidOwnRegion, in.PublishPopulation
	p.IncludeDrawn = in.IncludeDrawn
	p.IncludeDrawnReason = pr.text("includeDrawnReason", "重复抽取理由", in.IncludeDrawnReason, in.IncludeDrawn, 500)

	refs, err := loadRefs(ctx, tx)
	if err != nil {
		return nil, err
	}
	// Scope.
	sc := in.Scope
	sc.Kinds = uniqueSorted(sc.Kinds)
	if len(sc.Kinds) == 0 {
		pr.add("scope.kinds", "empty_scope", "抽查范围为空：至少选择一种对象类型 (the scope is empty: choose at least one object kind)")
	}
	for _, k := range sc.Kinds {
		pr.oneOf("scope.kinds", "对象类型", k, ObjectKinds)
	}
	sc.TagIDs = refs.checkTags(&pr, "scope.tagIds", sc.TagIDs, db.TagObject)
	sc.DepartmentIDs = refs.checkDepartments(&pr, "scope.supervisingDepartmentIds", sc.DepartmentIDs)
	for _, c := range append(slices.Clone(sc.RegionCodes), sc.IndustryCodes...) {
		if c == "" || len(c) > 6 || strings.ContainsAny(c, "%_\\ ") {
			pr.add("scope", "format", "区划或行业代码“%s”格式不对 (bad region or industry code %q)", c, c)
		}
	}
	scope, _ := json.Marshal(sc)
	p.Scope = string(scope)
	// Strata.
	if len(in.Strata) == 0 {
		pr.add("strata", "required", "至少设置一个分层抽取规则 (at least one stratum rule)")
	}
	seen := map[string]bool{}
	for _, r := range in.Strata {
		pr.oneOf("strata", "风险分层", r.Label, RiskClasses)
		if seen[r.Label] {
			pr.add("strata", "duplicate", "风险分层%s重复 (stratum %s appears twice)", r.Label, r.Label)
		}
		seen[r.Label] = true
		switch {
		case (r.RatioBP == nil) == (r.Count == nil):
			pr.add("strata", "rule", "分层%s须设置比例或数量之一 (stratum %s needs exactly one of ratioBp or count)", r.Label, r.Label)
		case r.RatioBP != nil && (*r.RatioBP < 0 || *r.RatioBP > 10000):
			pr.add("strata", "out_of_range", "分层%s的抽取比例%d个基点超出0–10000 (ratio %d bp is outside 0–10000)", r.Label, *r.RatioBP, *r.RatioBP)
		case r.Count != nil && *r.Count < 0:
			pr.add("strata", "out_of_range", "分层%s的抽取数量不能为负 (count must not be negative)", r.Label)
		}
	}
	strata, _ := json.Marshal(in.Strata)
	p.Strata = string(strata)
	// Departments and their items.
	view := &PlanView{}
	if len(in.Departments) == 0 {
		pr.add("departments", "required", "计划没有参与部门 (the plan has no participating department)")
	}
	deptSeen := map[string]bool{}
	initiatorJoins := false
	for _, d := range in.Departments {
		if d.DepartmentID == p.InitiatorID {
			initiatorJoins = true
		}
		dep, ok := refs.departments[d.DepartmentID]
		if !ok || !dep.Active {
			pr.add("departments", "unknown_department", "参与部门不存在或已停用 (unknown or disabled department)")
			continue
		}
		if deptSeen[d.DepartmentID] {
			pr.add("departments", "duplicate", "部门%s重复 (department %s appears twice)", dep.Name, dep.Code)
		}
		deptSeen[d.DepartmentID] = true
		if d.PerTeam != nil && (*d.PerTeam < 1 || *d.PerTeam > 10) {
			pr.add("departments", "out_of_range", "%s每组人数应为1到10 (perTeam must be 1–10)", dep.Name)
		}
		if len(d.ItemIDs) == 0 {
			pr.add("departments", "no_items", "%s没有选择抽查事项 (department %s has no items)", dep.Name, dep.Code)
		}
		items, err := db.ItemsByIDs(ctx, tx, uniqueSorted(d.ItemIDs))
		if err != nil {
			return nil, err
		}
		if len(items) != len(uniqueSorted(d.ItemIDs)) {
			pr.add("departments", "unknown_item", "%s的抽查事项不存在 (unknown item)", dep.Name)
		}
		for _, it := range items {
			if it.DepartmentID != d.DepartmentID {
				pr.add("departments", "foreign_item", "事项“%s”不属于%s (item %s is another department's)", it.Name, dep.Name, it.Code)
			}
			if it.Status != "ACTIVE" {
				pr.add("departments", "inactive_item", "事项“%s”不是有效状态 (item %s is not active)", it.Name, it.Code)
			}
			checkItemCap(&pr, it, in.Strata)
			view.Items = append(view.Items, db.PlanItem{PlanID: p.ID, DepartmentID: d.DepartmentID, ItemID: it.ID})
		}
		view.Departments = append(view.Departments, db.PlanDepartment{PlanID: p.ID, DepartmentID: d.DepartmentID, PerTeam: d.PerTeam})
	}
	if len(in.Departments) > 0 && !initiatorJoins && p.InitiatorID != "" {
		pr.add("departments", "initiator", "发起部门须参与计划 (the initiating department must take part)")
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	view.Plan = *p
	return view, nil
}

// checkItemCap: a GENERAL item's ratio cap bounds every stratum ratio the
// plan applies to it.
func checkItemCap(pr *Problems, it db.Item, strata []StratumRule) {
	if it.Category != "GENERAL" || it.RatioCapBP == nil {
		return
	}
	for _, r := range strata {
		if r.RatioBP != nil && *r.RatioBP > *it.RatioCapBP {
			pr.add("strata", "over_item_cap", "分层%s的抽取比例%s高于一般检查事项“%s”的比例上限%s (stratum %s ratio %d bp exceeds item %s cap %d bp)",
				r.Label, percent(*r.RatioBP), it.Name, percent(*it.RatioCapBP), r.Label, *r.RatioBP, it.Code, *it.RatioCapBP)
		}
	}
}

func percent(bp int) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", float64(bp)/100), "0"), ".") + "%"
}

// planEvent records a workflow step from fromStatus to p.Status.
func (s *Service) planEvent(ctx context.Context, tx bun.IDB, p *db.Plan, from, comment string) error {
	e := &db.PlanEvent{PlanID: p.ID, At: s.now(), Actor: identity.From(ctx).Username, ToStatus: p.Status, Comment: comment}
	if from != "" {
		e.FromStatus = &from
	}
	return db.AppendPlanEvent(ctx, tx, e)
}

// transition moves a plan through one workflow step in one transaction
// with its event and audit entry.
func (s *Service) transition(ctx context.Context, id, action, verb string, from []string,
	step func(ctx context.Context, tx bun.Tx, p *db.Plan) (comment string, columns []string, err error)) (*db.Plan, error) {
	var out *db.Plan
	err := s.mutate(ctx, action, func(ctx context.Context, tx bun.Tx) (Change, error) {
		p, err := s.planForChange(ctx, tx, id)
		if err != nil {
			return Change{}, err
		}
		if !slices.Contains(from, p.Status) {
			return Change{}, wrongState(p, verb, from...)
		}
		before, old := *p, p.Status
		comment, columns, err := step(ctx, tx, p)
		if err != nil {
			return Change{}, err
		}
		p.UpdatedAt = s.now()
		ok, err := db.TransitionPlan(ctx, tx, p, from, columns...)
		if err != nil {
			return Change{}, err
		}
		if !ok {
			return Change{}, fault.New(fault.Conflict, "计划已被他人办理，请刷新 (the plan changed meanwhile: reload)")
		}
		if err := s.planEvent(ctx, tx, p, old, comment); err != nil {
			return Change{}, err
		}
		out = p
		return Change{TargetType: "Plan", TargetID: p.ID, Before: map[string]any{"status": before.Status},
			After: map[string]any{"status": p.Status, "comment": comment}}, nil
	})
	return out, err
}

// SubmitPlan sends a draft to the joint office.
func (s *Service) SubmitPlan(ctx context.Context, id string) (*db.Plan, error) {
	return s.transition(ctx, id, "plan.submit", "提交", []string{db.PlanDraft, db.PlanReturned},
		func(ctx context.Context, tx bun.Tx, p *db.Plan) (string, []string, error) {
			if p.WindowEnd < s.chinaToday() {
				return "", nil, fault.Invalid("windowEnd", "检查时间窗口已过 (the inspection window is in the past)")
			}
			p.Status = db.PlanSubmitted
			return "提交联席办审批", nil, nil
		})
}

// ReviewPlan approves a submitted plan or returns it with comments (ADMIN).
func (s *Service) ReviewPlan(ctx context.Context, id string, approve bool, comment string) (*db.Plan, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	var pr Problems
	comment = pr.text("comment", "审批意见", comment, !approve, 2000)
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return s.transition(ctx, id, "plan.review", "审批", []string{db.PlanSubmitted},
		func(ctx context.Context, tx bun.Tx, p *db.Plan) (string, []string, error) {
			p.Status, p.ReviewComment = db.PlanReturned, comment
			if approve {
				p.Status = db.PlanApproved
			}
			return comment, []string{"review_comment"}, nil
		})
}

// PlanWarnings are the rules a publication breaks that the ADMIN may
// override with a reason (the plan text's deadlines).
func (s *Service) PlanWarnings(p *db.Plan) []Problem {
	today := s.chinaToday()
	var w Problems
	switch p.Kind {
	case "ANNUAL":
		if deadline := fmt.Sprintf("%d-12-31", p.Year-1); today > deadline {
			w.add("publish", "annual_late", "年度计划应于上一年12月底前公布（%d年度计划截止%s） (annual plans are published by the end of December of the year before)", p.Year, deadline)
		}
	case "SPECIAL":
		start, err := time.Parse(time.DateOnly, p.WindowStart)
		if err == nil {
			if today > p.WindowStart {
				w.add("publish", "special_late", "专项计划应在检查开始前公布 (special plans are published before their window starts)")
			} else if today < start.AddDate(0, -1, 0).Format(time.DateOnly) {
				w.add("publish", "special_early", "专项计划应在开始前一个月内报送并公布 (special plans are published within the month before they start)")
			}
		}
	}
	return w
}

// PublishPlan publishes an approved plan with a fresh commitment: R is drawn
// from the system's cryptographic random source and kept secret; C =
// hex(SHA-256(R)) is public from now on.
func (s *Service) PublishPlan(ctx context.Context, id, overrideReason string) (*db.Plan, error) {
	return s.transition(ctx, id, "plan.publish", "公布", []string{db.PlanApproved},
		func(ctx context.Context, tx bun.Tx, p *db.Plan) (string, []string, error) {
			comment := "公布计划并公开承诺值 C"
			if w := s.PlanWarnings(p); len(w) > 0 {
				reason := strings.TrimSpace(overrideReason)
				if !identity.From(ctx).Is(identity.Admin) || reason == "" {
					msgs := make([]string, len(w))
					for i, x := range w {
						msgs[i] = x.Message
					}
					return "", nil, &fault.Error{Code: fault.BadInput, Field: "overrideReason", Message: strings.Join(msgs, "；") +
						"。需联席办填写理由后方可公布 (an ADMIN must give a reason to publish anyway)"}
				}
				if utf8.RuneCountInString(reason) > 500 {
					return "", nil, fault.Invalid("overrideReason", "理由最多500个字符 (at most 500 characters)")
				}
				p.OverrideReason = reason
				comment += "；例外理由：" + reason
			}
			if err := s.newCommitment(p); err != nil {
				return "", nil, err
			}
			now := s.now()
			p.Status, p.PublishedAt = db.PlanPublished, &now
			return comment, []string{"override_reason", "commitment", "secret", "attempt", "published_at"}, nil
		})
}

// newCommitment starts a new draw attempt with a fresh secret R and its C.
func (s *Service) newCommitment(p *db.Plan) error {
	r := make([]byte, 32)
	if _, err := rand.Read(r); err != nil {
		return fmt.Errorf("draw the secret: %w", err)
	}
	reveal := hex.EncodeToString(r)
	c, err := draw.Commitment(reveal)
	if err != nil {
		return err
	}
	p.Secret, p.Commitment = &reveal, &c
	p.Attempt++
	p.EntropySource, p.FreezeDigest, p.PopulationSize, p.FrozenAt = nil, nil, nil, nil
	return nil
}

// CancelPlan cancels a plan that has not been drawn, with the reason.
func (s *Service) CancelPlan(ctx context.Context, id, reason string) (*db.Plan, error) {
	var pr Problems
	reason = pr.text("reason", "取消原因", reason, true, 1000)
	if err := pr.Err(); err != nil {
		return nil, err
	}
	return s.transition(ctx, id, "plan.cancel", "取消",
		[]string{db.PlanDraft, db.PlanSubmitted, db.PlanApproved, db.PlanReturned, db.PlanPublished, db.PlanFrozen},
		func(ctx context.Context, tx bun.Tx, p *db.Plan) (string, []string, error) {
			p.Status, p.CancelledReason = db.PlanCancelled, reason
			return reason, []string{"cancelled_reason"}, nil
		})
}
