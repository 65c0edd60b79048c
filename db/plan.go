package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/uptrace/bun"
)

// Plan states.
const (
	PlanDraft      = "DRAFT"
	PlanSubmitted  = "SUBMITTED"
	PlanApproved   = "APPROVED"
	PlanReturned   = "RETURNED"
	PlanPublished  = "PUBLISHED"
	PlanFrozen     = "FROZEN"
	PlanDrawn      = "DRAWN"
	PlanInProgress = "IN_PROGRESS"
	PlanCompleted  = "COMPLETED"
	PlanCancelled  = "CANCELLED"
)

// Plan is a joint inspection plan. Scope and strata are JSON text.
type Plan struct {
	bun.BaseModel `bun:"table:plans"`

	ID                 string     `bun:"id,pk" json:"-"`
	UID                string     `bun:"uid" json:"uid"`
	Kind               string     `bun:"kind" json:"kind"`
	Name               string     `bun:"name" json:"name"`
	Year               int        `bun:"year" json:"year"`
	InitiatorID        string     `bun:"initiator_id" json:"initiatorId"`
	Status             string     `bun:"status" json:"status"`
	Scope              string     `bun:"scope" json:"scope"`
	Strata             string     `bun:"strata" json:"strata"`
	Cap                *int       `bun:"cap" json:"cap"`
	AvoidRecentMonths  int        `bun:"avoid_recent_months" json:"avoidRecentMonths"`
	AvoidOwnRegion     bool       `bun:"avoid_own_region" json:"avoidOwnRegion"`
	IncludeDrawn       bool       `bun:"include_drawn" json:"includeDrawnThisYear"`
	IncludeDrawnReason string     `bun:"include_drawn_reason" json:"includeDrawnReason"`
	PublishPopulation  bool       `bun:"publish_population" json:"publishPopulation"`
	WindowStart        string     `bun:"window_start" json:"windowStart"`
	WindowEnd          string     `bun:"window_end" json:"windowEnd"`
	Notes              string     `bun:"notes" json:"notes"`
	ReviewComment      string     `bun:"review_comment" json:"-"`
	OverrideReason     string     `bun:"override_reason" json:"-"`
	Attempt            int        `bun:"attempt" json:"-"`
	Commitment         *string    `bun:"commitment" json:"-"`
	Secret             *string    `bun:"secret" json:"-"` // R, hex; revealed only in the draw's evidence
	EntropySource      *string    `bun:"entropy_source" json:"-"`
	FreezeDigest       *string    `bun:"freeze_digest" json:"-"`
	PopulationSize     *int       `bun:"population_size" json:"-"`
	PublishedAt        *time.Time `bun:"published_at" json:"-"`
	FrozenAt           *time.Time `bun:"frozen_at" json:"-"`
	DrawnAt            *time.Time `bun:"drawn_at" json:"-"`
	CancelledReason    string     `bun:"cancelled_reason" json:"-"`
	CreatedBy          string     `bun:"created_by" json:"-"`
	CreatedAt          time.Time  `bun:"created_at" json:"-"`
	UpdatedAt          time.Time  `bun:"updated_at" json:"-"`
}

// PlanDepartment is a participating department of a plan.
type PlanDepartment struct {
	bun.BaseModel `bun:"table:plan_departments"`

	PlanID       string `bun:"plan_id,pk" json:"-"`
	DepartmentID string `bun:"department_id,pk" json:"departmentId"`
	PerTeam      *int   `bun:"per_team" json:"perTeam"`
}

// PlanItem is an item version a department checks under a plan.
type PlanItem struct {
	bun.BaseModel `bun:"table:plan_items"`

	PlanID       string `bun:"plan_id,pk" json:"-"`
	DepartmentID string `bun:"department_id" json:"departmentId"`
	ItemID       string `bun:"item_id,pk" json:"itemId"`
}

// PlanEvent is one step of a plan's workflow.
type PlanEvent struct {
	bun.BaseModel `bun:"table:plan_events"`

	PlanID     string    `bun:"plan_id,pk"`
	Seq        int       `bun:"seq,pk"`
	At         time.Time `bun:"at"`
	Actor      string    `bun:"actor"`
	FromStatus *string   `bun:"from_status"`
	ToStatus   string    `bun:"to_status"`
	Comment    string    `bun:"comment"`
}

// GetPlan returns a plan by id, or ErrNotFound.
func GetPlan(ctx context.Context, idb bun.IDB, id string) (*Plan, error) {
	return getPlan(ctx, idb, "id", id)
}

// GetPlanByUID returns a plan by its public uid, or ErrNotFound.
func GetPlanByUID(ctx context.Context, idb bun.IDB, uid string) (*Plan, error) {
	return getPlan(ctx, idb, "uid", uid)
}

func getPlan(ctx context.Context, idb bun.IDB, column, v string) (*Plan, error) {
	p := new(Plan)
	err := idb.NewSelect().Model(p).Where("? = ?", bun.Ident(column), v).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get plan %s: %w", v, err)
	}
	return p, nil
}

// PlanFilter narrows a plan listing. Visible, when set, limits it to what a
// caller may see: public states, plus the drafts of DepartmentID.
type PlanFilter struct {
	Statuses     []string
	Year         int
	DepartmentID string
	Search       string
	// PublicOnly keeps plans the public may see; VisibleTo adds the
	// unpublished plans a department initiates or joins.
	PublicOnly bool
	VisibleTo  string
}

// PublicStatuses are the states in which a plan is public.
var PublicStatuses = []string{PlanPublished, PlanFrozen, PlanDrawn, PlanInProgress, PlanCompleted}

// Public reports whether the public may see the plan: once published it
// stays public, also when it is cancelled afterwards (its commitment was
// out, so its end must be too).
func (p *Plan) Public() bool {
	return slices.Contains(PublicStatuses, p.Status) || (p.Status == PlanCancelled && p.PublishedAt != nil)
}

// publicPlanSQL is Plan.Public as a condition on plans AS p.
const publicPlanSQL = "(p.status IN (?) OR (p.status = '" + PlanCancelled + "' AND p.published_at IS NOT NULL))"

func (f PlanFilter) apply(q *bun.SelectQuery) *bun.SelectQuery {
	if len(f.Statuses) > 0 {
		q = q.Where("p.status IN (?)", bun.In(f.Statuses))
	}
	if f.Year != 0 {
		q = q.Where("p.year = ?", f.Year)
	}
	if f.DepartmentID != "" {
		q = q.Where("(p.initiator_id = ? OR EXISTS (SELECT 1 FROM plan_departments AS pd WHERE pd.plan_id = p.id AND pd.department_id = ?))",
			f.DepartmentID, f.DepartmentID)
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		like := "%" + escapeLike(s) + "%"
		q = q.Where("(p.name LIKE ? ESCAPE '\\' OR p.uid LIKE ? ESCAPE '\\')", like, like)
	}
	switch {
	case f.PublicOnly && f.VisibleTo != "":
		q = q.Where("("+publicPlanSQL+" OR p.initiator_id = ? OR EXISTS (SELECT 1 FROM plan_departments AS pv WHERE pv.plan_id = p.id AND pv.department_id = ?))",
			bun.In(PublicStatuses), f.VisibleTo, f.VisibleTo)
	case f.PublicOnly:
		q = q.Where(publicPlanSQL, bun.In(PublicStatuses))
	}
	return q
}

// ListPlans returns plans newest first (ids are UUIDv7) before the given id.
func ListPlans(ctx context.Context, idb bun.IDB, f PlanFilter, first int, beforeID string) ([]Plan, bool, error) {
	var out []Plan
	q := f.apply(idb.NewSelect().Model(&out).ModelTableExpr("plans AS p").ColumnExpr("p.*")).
		OrderExpr("p.id DESC").Limit(int64(first + 1))
	if beforeID != "" {
		q = q.Where("p.id < ?", beforeID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("list plans: %w", err)
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// CountPlans counts plans matching f.
func CountPlans(ctx context.Context, idb bun.IDB, f PlanFilter) (int, error) {
	n, err := f.apply(idb.NewSelect().TableExpr("plans AS p")).Count(ctx)
	return int(n), err
}

// NextPlanUID returns the next free uid of a year: PLAN-2026-0001, …
func NextPlanUID(ctx context.Context, idb bun.IDB, year int) (string, error) {
	var uids []string
	prefix := fmt.Sprintf("PLAN-%d-", year)
	if err := idb.NewSelect().Model((*Plan)(nil)).Column("uid").Where("uid LIKE ?", prefix+"%").Scan(ctx, &uids); err != nil {
		return "", fmt.Errorf("next plan uid: %w", err)
	}
	max := 0
	for _, u := range uids {
		var n int
		if _, err := fmt.Sscanf(strings.TrimPrefix(u, prefix), "%d", &n); err == nil && n > max {
			max = n
		}
	}
	return fmt.Sprintf("%s%04d", prefix, max+1), nil
}

// SavePlanParts replaces a plan's departments and items.
func SavePlanParts(ctx context.Context, idb bun.IDB, planID string, depts []PlanDepartment, items []PlanItem) error {
	for _, t := range []string{"plan_departments", "plan_items"} {
		if _, err := idb.NewDelete().TableExpr(t).Where("plan_id = ?", planID).Exec(ctx); err != nil {
			return fmt.Errorf("clear %s: %w", t, err)
		}
	}
	if len(depts) > 0 {
		if _, err := idb.NewInsert().Model(&depts).Exec(ctx); err != nil {
			return fmt.Errorf("store plan departments: %w", err)
		}
	}
	if len(items) > 0 {
		if _, err := idb.NewInsert().Model(&items).Exec(ctx); err != nil {
			return fmt.Errorf("store plan items: %w", err)
		}
	}
	return nil
}

// PlanParts returns a plan's departments and items.
func PlanParts(ctx context.Context, idb bun.IDB, planID string) ([]PlanDepartment, []PlanItem, error) {
	var depts []PlanDepartment
	var items []PlanItem
	if err := idb.NewSelect().Model(&depts).Where("plan_id = ?", planID).Scan(ctx); err != nil {
		return nil, nil, fmt.Errorf("plan departments: %w", err)
	}
	if err := idb.NewSelect().Model(&items).Where("plan_id = ?", planID).Scan(ctx); err != nil {
		return nil, nil, fmt.Errorf("plan items: %w", err)
	}
	return depts, items, nil
}

// AppendPlanEvent records a workflow step.
func AppendPlanEvent(ctx context.Context, idb bun.IDB, e *PlanEvent) error {
	var seq int
	if err := idb.NewSelect().Model((*PlanEvent)(nil)).ColumnExpr("COALESCE(MAX(seq), 0)").
		Where("plan_id = ?", e.PlanID).Scan(ctx, &seq); err != nil {
		return fmt.Errorf("plan event seq: %w", err)
	}
	e.Seq = seq + 1
	if _, err := idb.NewInsert().Model(e).Exec(ctx); err != nil {
		return fmt.Errorf("plan event: %w", err)
	}
	return nil
}

// PlanEvents returns a plan's workflow steps in order.
func PlanEvents(ctx context.Context, idb bun.IDB, planID string) ([]PlanEvent, error) {
	var out []PlanEvent
	err := idb.NewSelect().Model(&out).Where("plan_id = ?", planID).Order("seq").Scan(ctx)
	return out, err
}

// TransitionPlan moves a plan from one of from to status, writing the other
// columns of p given; it reports false when the plan was not in one of from
// (someone else moved it first: two draws at once give one draw).
func TransitionPlan(ctx context.Context, idb bun.IDB, p *Plan, from []string, columns ...string) (bool, error) {
	res, err := idb.NewUpdate().Model(p).Column(append(columns, "status", "updated_at")...).
		WherePK().Where("status IN (?)", bun.In(from)).Exec(ctx)
	if err != nil {
		return false, fmt.Errorf("move plan %s to %s: %w", p.UID, p.Status, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}
