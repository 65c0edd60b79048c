package model

import (
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/service"
)

// Plan is a plan with its parts; relations resolve on demand.
type Plan struct {
	service.PlanView
	ID string // opaque
}

func (Plan) IsNode() {}

// Draw is a draw attempt without its evidence.
type Draw struct {
	db.Draw
	ID string // opaque
}

func (Draw) IsNode() {}

// InspectionTask is one task; team and items resolve on demand.
type InspectionTask struct {
	db.Task
	ID string // opaque
}

func (InspectionTask) IsNode() {}

// PlanConnection carries its filter for totalCount.
type PlanConnection struct {
	Edges    []*PlanEdge
	PageInfo *PageInfo
	Filter   db.PlanFilter
}

// InspectionTaskConnection carries its draw for totalCount.
type InspectionTaskConnection struct {
	Edges    []*InspectionTaskEdge
	PageInfo *PageInfo
	DrawID   string
}

// PlanDepartment is a participating department with its item ids.
type PlanDepartment struct {
	DepartmentID string
	PerTeam      *int
	ItemIDs      []string
}

// DrawStage is a recorded stage of a draw.
type DrawStage struct {
	db.DrawStage
	PlanID string
}
