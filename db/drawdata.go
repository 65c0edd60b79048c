package db

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/draw"
)

// PopulationQuery selects the objects a plan draws from.
type PopulationQuery struct {
	Kinds         []string
	TagIDs        []string // any of
	RegionCodes   []string // codes or prefixes, any of
	IndustryCodes []string // codes or prefixes, any of
	DepartmentIDs []string // supervised by any of
	ActiveOnly    bool
	Labels        []string // strata with a rule: objects of other classes are out of scope
	// ExcludeDrawnYear leaves out objects drawn by any plan of that year
	// (无事不扰); 0 keeps them.
	ExcludeDrawnYear int
}

// PopulationEntry is one eligible object.
type PopulationEntry struct {
	draw.Entry
	Region string
}

// byteOrder makes ORDER BY compare strings byte-wise on both stores, as the
// draw spec orders them (SQLite's default collation already does).
func (db *DB) byteOrder(column string) string {
	if db.Kind == Postgres {
		return column + ` COLLATE "C"`
	}
	return column
}

// Population returns the eligible objects sorted by (stratum, uid) in byte
// order, streamed from the store into memory once.
func Population(ctx context.Context, store *DB, q PopulationQuery) ([]PopulationEntry, error) {
	if len(q.Labels) == 0 {
		return nil, nil
	}
	var where []string
	var args []any
	add := func(cond string, a ...any) { where = append(where, cond); args = append(args, a...) }
	add("o.risk_class IN (?)", bun.In(q.Labels))
	if len(q.Kinds) > 0 {
		add("o.kind IN (?)", bun.In(q.Kinds))
	}
	if q.ActiveOnly {
		add("o.active = ?", true)
	}
	if len(q.TagIDs) > 0 {
		add("EXISTS (SELECT 1 FROM object_tags AS ot WHERE ot.object_id = o.id AND ot.tag_id IN (?))", bun.In(q.TagIDs))
	}
	if len(q.DepartmentIDs) > 0 {
		add("EXISTS (SELECT 1 FROM object_departments AS od WHERE od.object_id = o.id AND od.department_id IN (?))", bun.In(q.DepartmentIDs))
	}
	for _, p := range []struct {
		column string
		codes  []string
	}{{"o.region_code", q.RegionCodes}, {"o.industry_code", q.IndustryCodes}} {
		if len(p.codes) == 0 {
			continue
		}
		var ors []string
		for _, c := range p.codes {
			ors = append(ors, p.column+" LIKE ? ESCAPE '\\'")
			args = append(args, escapeLike(c)+"%")
		}
		where = append(where, "("+strings.Join(ors, " OR ")+")")
	}
	if q.ExcludeDrawnYear != 0 {
		add(`NOT EXISTS (SELECT 1 FROM inspection_tasks AS t JOIN plans AS p ON p.id = t.plan_id
			WHERE t.object_id = o.id AND p.year = ?)`, q.ExcludeDrawnYear)
	}
	query := "SELECT o.risk_class, o.uid, o.region_code FROM objects AS o WHERE " + strings.Join(where, " AND ") +
		" ORDER BY " + store.byteOrder("o.risk_class") + ", " + store.byteOrder("o.uid")
	rows, err := store.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("read population: %w", err)
	}
	defer rows.Close()
	var out []PopulationEntry
	for rows.Next() {
		var e PopulationEntry
		if err := rows.Scan(&e.Stratum, &e.UID, &e.Region); err != nil {
			return nil, fmt.Errorf("read population: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// PoolMember is an inspector eligible for a plan's teams.
type PoolMember struct {
	ID, UID, Region string
}

// Pool returns the law-enforcement officers of a department who are active,
// hold a valid enforcement certificate on day, and hold every qualification
// in quals, sorted by uid in byte order.
func Pool(ctx context.Context, idb bun.IDB, departmentID, day string, quals []string) ([]PoolMember, error) {
	var out []PoolMember
	q := idb.NewSelect().TableExpr("inspectors AS n").Column("n.id", "n.uid").ColumnExpr("n.region_code AS region").
		Where("n.department_id = ?", departmentID).Where("n.kind = ?", "LAW_ENFORCEMENT").
		Where("n.status = ?", "ACTIVE").Where("n.cert_no <> ''").Where("n.cert_expires >= ?", day)
	for _, t := range quals {
		q = q.Where("EXISTS (SELECT 1 FROM inspector_tags AS it WHERE it.inspector_id = n.id AND it.tag_id = ?)", t)
	}
	if err := q.Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("read pool: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UID < out[j].UID })
	return out, nil
}

// DeclaredConflicts returns the declared conflicts of the given inspectors
// as (inspector uid, object uid) pairs.
func DeclaredConflicts(ctx context.Context, idb bun.IDB, inspectorIDs []string) ([]draw.Conflict, error) {
	if len(inspectorIDs) == 0 {
		return nil, nil
	}
	var rows []struct {
		I string `bun:"i"`
		O string `bun:"o"`
	}
	err := idb.NewSelect().TableExpr("inspector_conflicts AS c").ColumnExpr("n.uid AS i, o.uid AS o").
		Join("JOIN inspectors AS n ON n.id = c.inspector_id").Join("JOIN objects AS o ON o.id = c.object_id").
		Where("c.inspector_id IN (?)", bun.In(inspectorIDs)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	out := make([]draw.Conflict, len(rows))
	for i, r := range rows {
		out[i] = draw.Conflict{Inspector: r.I, Object: r.O}
	}
	return out, nil
}

// RecentChecks returns (inspector uid, object uid) pairs for inspectors of
// the given ids who were on a team for the object in a draw since since.
func RecentChecks(ctx context.Context, idb bun.IDB, inspectorIDs []string, since time.Time) ([]draw.Conflict, error) {
	if len(inspectorIDs) == 0 {
		return nil, nil
	}
	var rows []struct {
		I string `bun:"i"`
		O string `bun:"o"`
	}
	err := idb.NewSelect().TableExpr("task_members AS m").ColumnExpr("n.uid AS i, t.object_uid AS o").
		Join("JOIN inspection_tasks AS t ON t.id = m.task_id").Join("JOIN draws AS d ON d.id = t.draw_id").
		Join("JOIN inspectors AS n ON n.id = m.inspector_id").
		Where("m.inspector_id IN (?)", bun.In(inspectorIDs)).Where("d.drawn_at >= ?", since).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("read recent checks: %w", err)
	}
	out := make([]draw.Conflict, len(rows))
	for i, r := range rows {
		out[i] = draw.Conflict{Inspector: r.I, Object: r.O}
	}
	return out, nil
}

// Freeze is the stored inputs of one freeze of a plan.
type Freeze struct {
	bun.BaseModel `bun:"table:plan_freezes"`

	PlanID         string    `bun:"plan_id,pk"`
	Attempt        int       `bun:"attempt,pk"`
	FrozenAt       time.Time `bun:"frozen_at"`
	FreezeDigest   string    `bun:"freeze_digest"`
	PopulationSize int       `bun:"population_size"`
	InputsGz       []byte    `bun:"inputs_gz"`
}

// GetFreeze returns the freeze of a plan's attempt, or ErrNotFound.
func GetFreeze(ctx context.Context, idb bun.IDB, planID string, attempt int) (*Freeze, error) {
	f := new(Freeze)
	err := idb.NewSelect().Model(f).Where("plan_id = ? AND attempt = ?", planID, attempt).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return f, err
}

// Draw is one draw attempt of a plan.
type Draw struct {
	bun.BaseModel `bun:"table:draws"`

	ID              string    `bun:"id,pk"`
	PlanID          string    `bun:"plan_id"`
	Attempt         int       `bun:"attempt"`
	Status          string    `bun:"status"`
	DrawnAt         time.Time `bun:"drawn_at"`
	EntropySource   string    `bun:"entropy_source"`
	Entropy         string    `bun:"entropy"`
	Commitment      string    `bun:"commitment"`
	FreezeDigest    string    `bun:"freeze_digest"`
	Reveal          string    `bun:"reveal"`
	Seed            string    `bun:"seed"`
	PopulationSize  int       `bun:"population_size"`
	SelectionsCount int       `bun:"selections_count"`
	Failure         *string   `bun:"failure"`
	EvidenceGz      []byte    `bun:"evidence_gz"`
}

// Draw states.
const (
	DrawSucceeded = "SUCCEEDED"
	DrawFailed    = "FAILED"
)

// GetDraw returns a draw without its evidence, or ErrNotFound.
func GetDraw(ctx context.Context, idb bun.IDB, id string) (*Draw, error) {
	d := new(Draw)
	err := idb.NewSelect().Model(d).ExcludeColumn("evidence_gz").Where("id = ?", id).Scan(ctx)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("get draw %s: %w", id, err)
	}
	return d, nil
}

// DrawEvidence returns a draw's compressed evidence.
func DrawEvidence(ctx context.Context, idb bun.IDB, id string) ([]byte, error) {
	var gz []byte
	err := idb.NewSelect().Model((*Draw)(nil)).Column("evidence_gz").Where("id = ?", id).Scan(ctx, &gz)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return gz, err
}

// PlanDraws returns a plan's draw attempts in order, without evidence.
func PlanDraws(ctx context.Context, idb bun.IDB, planID string) ([]Draw, error) {
	var out []Draw
	err := idb.NewSelect().Model(&out).ExcludeColumn("evidence_gz").Where("plan_id = ?", planID).Order("attempt").Scan(ctx)
	return out, err
}

// PublicDraw is a draw as the public list shows it.
type PublicDraw struct {
	ID              string    `bun:"id" json:"id"`
	PlanUID         string    `bun:"plan_uid" json:"plan_uid"`
	PlanName        string    `bun:"plan_name" json:"plan_name"`
	DrawnAt         time.Time `bun:"drawn_at" json:"drawn_at"`
	PopulationSize  int       `bun:"population_size" json:"population_size"`
	SelectionsCount int       `bun:"selections_count" json:"selections_count"`
	Status          string    `bun:"status" json:"status"`
}

// ListPublicDraws returns draws newest first, before beforeID.
func ListPublicDraws(ctx context.Context, idb bun.IDB, limit int, beforeID string) ([]PublicDraw, error) {
	var out []PublicDraw
	q := idb.NewSelect().TableExpr("draws AS d").Join("JOIN plans AS p ON p.id = d.plan_id").
		ColumnExpr("d.id, p.uid AS plan_uid, p.name AS plan_name, d.drawn_at, d.population_size, d.selections_count, d.status").
		OrderExpr("d.id DESC").Limit(int64(limit))
	if beforeID != "" {
		q = q.Where("d.id < ?", beforeID)
	}
	if err := q.Scan(ctx, &out); err != nil {
		return nil, fmt.Errorf("list draws: %w", err)
	}
	return out, nil
}

// Task is one inspection task a draw produced.
type Task struct {
	bun.BaseModel `bun:"table:inspection_tasks"`

	ID        string    `bun:"id,pk"`
	DrawID    string    `bun:"draw_id"`
	PlanID    string    `bun:"plan_id"`
	ObjectID  string    `bun:"object_id"`
	ObjectUID string    `bun:"object_uid"`
	Rank      int       `bun:"rank"`
	Stratum   string    `bun:"stratum"`
	Items     string    `bun:"items"` // JSON [{"departmentId", "itemIds": [...]}]
	Status    string    `bun:"status"`
	CreatedAt time.Time `bun:"created_at"`
}

// TaskMember is one inspector of a task's team.
type TaskMember struct {
	bun.BaseModel `bun:"table:task_members"`

	TaskID       string `bun:"task_id,pk"`
	InspectorID  string `bun:"inspector_id"`
	DepartmentID string `bun:"department_id"`
	Position     int    `bun:"position,pk"`
}

// InsertTasks stores tasks and their members (COPY on PostgreSQL).
func InsertTasks(ctx context.Context, idb bun.IDB, tasks []Task, members []TaskMember) error {
	if err := insertModels(ctx, idb, tasks); err != nil {
		return fmt.Errorf("store tasks: %w", err)
	}
	if err := insertModels(ctx, idb, members); err != nil {
		return fmt.Errorf("store task members: %w", err)
	}
	return nil
}

// ListTasks returns a draw's tasks by rank after afterRank.
func ListTasks(ctx context.Context, idb bun.IDB, drawID string, first, afterRank int, inspectorID string) ([]Task, bool, error) {
	var out []Task
	q := idb.NewSelect().Model(&out).Where("draw_id = ?", drawID).Where("rank > ?", afterRank).Order("rank").Limit(int64(first + 1))
	if inspectorID != "" {
		q = q.Where("EXISTS (SELECT 1 FROM task_members AS m WHERE m.task_id = inspection_task.id AND m.inspector_id = ?)", inspectorID)
	}
	if err := q.Scan(ctx); err != nil {
		return nil, false, fmt.Errorf("list tasks: %w", err)
	}
	more := len(out) > first
	if more {
		out = out[:first]
	}
	return out, more, nil
}

// CountTasks counts a draw's tasks.
func CountTasks(ctx context.Context, idb bun.IDB, drawID string) (int, error) {
	n, err := idb.NewSelect().Model((*Task)(nil)).Where("draw_id = ?", drawID).Count(ctx)
	return int(n), err
}

// MembersOf returns the members of tasks, keyed by task id, in team order.
func MembersOf(ctx context.Context, idb bun.IDB, taskIDs []string) (map[string][]TaskMember, error) {
	out := map[string][]TaskMember{}
	if len(taskIDs) == 0 {
		return out, nil
	}
	var rows []TaskMember
	if err := idb.NewSelect().Model(&rows).Where("task_id IN (?)", bun.In(taskIDs)).Order("task_id", "position").Scan(ctx); err != nil {
		return nil, fmt.Errorf("task members: %w", err)
	}
	for _, m := range rows {
		out[m.TaskID] = append(out[m.TaskID], m)
	}
	return out, nil
}

// DrawStage is one recorded stage of a draw.
type DrawStage struct {
	bun.BaseModel `bun:"table:draw_stages"`

	PlanID  string    `bun:"plan_id,pk"`
	Attempt int       `bun:"attempt,pk"`
	Seq     int       `bun:"seq,pk"`
	Stage   string    `bun:"stage"`
	At      time.Time `bun:"at"`
	Detail  string    `bun:"detail"`
}

// DrawStagesAfter returns a plan's recorded stages after (attempt, seq).
func DrawStagesAfter(ctx context.Context, idb bun.IDB, planID string, attempt, seq int) ([]DrawStage, error) {
	var out []DrawStage
	err := idb.NewSelect().Model(&out).Where("plan_id = ?", planID).
		Where("(attempt > ? OR (attempt = ? AND seq > ?))", attempt, attempt, seq).Order("attempt", "seq").Scan(ctx)
	return out, err
}

// GzipJSON encodes v as gzip-compressed JSON.
func GzipJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	if err := json.NewEncoder(zw).Encode(v); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Gunzip returns the uncompressed bytes of gz.
func Gunzip(gz []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	return io.ReadAll(zr)
}
