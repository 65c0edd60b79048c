package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/service"
)

// SeedPlan creates, unless a plan exists already, a joint special plan of
// 市场监管局 and 消防大队 and takes it through the whole lifecycle —
// submitted, approved, published, frozen and drawn — so a new user sees a
// real draw, its evidence and its tasks on first start.
func SeedPlan(ctx context.Context, svc *service.Service, log io.Writer) error {
	ctx = identity.With(ctx, identity.System())
	store := svc.DB()
	if n, err := db.CountPlans(ctx, store, db.PlanFilter{}); err != nil || n > 0 {
		return err
	}
	dept := func(code string) (string, error) {
		d, err := db.GetDepartmentByCode(ctx, store, code)
		if err != nil {
			return "", fmt.Errorf("demo department %s: %w", code, err)
		}
		return d.ID, nil
	}
	item := func(deptID, code string) (string, error) {
		it, err := db.CurrentItem(ctx, store, deptID, code)
		if err != nil {
			return "", fmt.Errorf("demo item %s: %w", code, err)
		}
		return it.ID, nil
	}
	scjg, err := dept("SCJG")
	if err != nil {
		return err
	}
	xfdd, err := dept("XFDD")
	if err != nil {
		return err
	}
	var items [3]string
	for i, c := range []struct{ dept, code string }{{scjg, "SCJG-001"}, {scjg, "SCJG-002"}, {xfdd, "XFDD-001"}} {
		if items[i], err = item(c.dept, c.code); err != nil {
			return err
		}
	}
	cst := time.FixedZone("CST", 8*3600)
	now := time.Now().In(cst)
	ratio := func(bp int) *int { return &bp }
	count := func(n int) *int { return &n }
	plan, err := svc.CreatePlan(ctx, service.PlanInput{
		Kind: "SPECIAL", Name: fmt.Sprintf("%d年食品经营与消防安全联合专项抽查", now.Year()), Year: now.Year(),
		InitiatorID: scjg,
		Departments: []service.PlanDepartmentInput{
			{DepartmentID: scjg, ItemIDs: []string{items[0], items[1]}},
			{DepartmentID: xfdd, ItemIDs: []string{items[2]}},
		},
		Scope: service.PlanScope{Kinds: []string{"ENTERPRISE", "INDIVIDUAL_BUSINESS"}, ActiveOnly: true,
			RegionCodes: []string{ZoneRegion}},
		Strata: []service.StratumRule{{Label: "D", Count: count(10)}, {Label: "C", RatioBP: ratio(300)},
			{Label: "B", RatioBP: ratio(200)}, {Label: "A", RatioBP: ratio(100)}},
		WindowStart: now.AddDate(0, 0, 7).Format(time.DateOnly), WindowEnd: now.AddDate(0, 2, 0).Format(time.DateOnly),
		Notes: "演示计划：进一次门、查多项事。",
	})
	if err != nil {
		return fmt.Errorf("demo plan: %w", err)
	}
	id := plan.ID
	steps := []func() error{
		func() error { _, err := svc.SubmitPlan(ctx, id); return err },
		func() error { _, err := svc.ReviewPlan(ctx, id, true, "同意（演示）"); return err },
		func() error { _, err := svc.PublishPlan(ctx, id, "演示数据"); return err },
		func() error {
			_, err := svc.FreezePlan(ctx, id, fmt.Sprintf("体彩排列五 第%d%03d期 开奖号码（演示）", now.Year(), now.YearDay()))
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return fmt.Errorf("demo plan %s: %w", plan.UID, err)
		}
	}
	d, err := svc.DrawPlan(ctx, id, "8 3 0 2 1")
	if err != nil {
		return fmt.Errorf("demo draw: %w", err)
	}
	fmt.Fprintf(log, "demo plan %s: %s, drawn %d of %d objects (evidence: /public/draws/%s/evidence.json)\n",
		plan.UID, d.Status, d.SelectionsCount, d.PopulationSize, d.ID)
	return nil
}
