package service

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

// Value lists of items.
var (
	InspectionMethods = []string{"ONSITE", "DOCUMENT", "ONLINE", "LAB", "OTHER"}
	ItemCategories    = []string{"KEY", "GENERAL"}
	ItemStatuses      = []string{"ACTIVE", "SUSPENDED", "RETIRED"}

	itemCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$`)
)

// ItemInput is an item to create, or the next version of one.
type ItemInput struct {
	DepartmentID     string
	Code             string
	Name             string
	Basis            string
	BasisRefs        []db.LegalRef
	Subject          string
	ObjectKinds      []string
	Content          string
	Method           string
	Category         string
	RatioCapBP       *int
	QualificationIDs []string
	Status           string
	Note             string
}

// ItemRecord is an item version with its required qualifications.
type ItemRecord struct {
	db.Item
	QualificationIDs []string `json:"qualificationIds"`
}

// Items lists current items. The public sees active items only.
func (s *Service) Items(ctx context.Context, f db.ItemFilter, first int, after db.ItemPosition) ([]db.Item, bool, error) {
	f = itemScope(ctx, f)
	return db.ListItems(ctx, s.db, f, first, after)
}

// CountItems counts current items matching f.
func (s *Service) CountItems(ctx context.Context, f db.ItemFilter) (int, error) {
	return db.CountItems(ctx, s.db, itemScope(ctx, f))
}

func itemScope(ctx context.Context, f db.ItemFilter) db.ItemFilter {
	if !identity.From(ctx).SignedIn() {
		f.Statuses = []string{"ACTIVE"}
	} else if len(f.Statuses) == 0 {
		f.Statuses = []string{"ACTIVE", "SUSPENDED"}
	}
	return f
}

// Item returns one item version; the public only active current ones.
func (s *Service) Item(ctx context.Context, id string) (*db.Item, error) {
	it, err := db.GetItem(ctx, s.db, id)
	if err != nil {
		return nil, notFound(err, "item")
	}
	if !identity.From(ctx).SignedIn() && (!it.Current || it.Status != "ACTIVE") {
		return nil, notFound(db.ErrNotFound, "item")
	}
	return it, nil
}

// ItemVersions returns every version of the item, newest first.
func (s *Service) ItemVersions(ctx context.Context, it *db.Item) ([]db.Item, error) {
	if !identity.From(ctx).SignedIn() {
		return []db.Item{*it}, nil
	}
	return db.ItemVersions(ctx, s.db, it.DepartmentID, it.Code)
}

// CreateItem adds an item to a department's list (ADMIN any, DEPT_ADMIN its own).
func (s *Service) CreateItem(ctx context.Context, in ItemInput) (*db.Item, error) {
	if err := requireDepartment(ctx, in.DepartmentID); err != nil {
		return nil, err
	}
	var out *db.Item
	err := s.mutate(ctx, "item.create", func(ctx context.Context, tx bun.Tx) (Change, error) {
		refs, err := loadRefs(ctx, tx)
		if err != nil {
			return Change{}, err
		}
		rec, probs := buildItem(refs, in)
		if err := probs.Err(); err != nil {
			return Change{}, err
		}
		if _, err := db.CurrentItem(ctx, tx, rec.DepartmentID, rec.Code); err == nil {
			return Change{}, &fault.Error{Code: fault.Conflict, Field: "code",
				Message: fmt.Sprintf("本部门已有编号为“%s”的事项；修改请编辑它 (item %s already exists: edit it instead)", rec.Code, rec.Code)}
		}
		rec.Version = 1
		if err := s.saveItem(ctx, tx, rec); err != nil {
			return Change{}, uniqueAsConflict(err, "code", rec.Code)
		}
		out = &rec.Item
		return Change{TargetType: "Item", TargetID: rec.ID, After: rec}, nil
	})
	return out, err
}

// UpdateItem makes a new version of the item that version id belongs to;
// the old version stays for the plans that use it. An edit that changes
// nothing makes no version.
func (s *Service) UpdateItem(ctx context.Context, id string, in ItemInput) (*db.Item, error) {
	var out *db.Item
	err := s.mutate(ctx, "item.update", func(ctx context.Context, tx bun.Tx) (Change, error) {
		old, err := db.GetItem(ctx, tx, id)
		if err != nil {
			return Change{}, notFound(err, "item")
		}
		if err := requireDepartment(ctx, old.DepartmentID); err != nil {
			return Change{}, err
		}
		cur, err := db.CurrentItem(ctx, tx, old.DepartmentID, old.Code)
		if err != nil {
			return Change{}, err
		}
		before, err := s.itemRecord(ctx, tx, cur)
		if err != nil {
			return Change{}, err
		}
		in.DepartmentID, in.Code = cur.DepartmentID, cur.Code // permanent
		refs, err := loadRefs(ctx, tx)
		if err != nil {
			return Change{}, err
		}
		rec, probs := buildItem(refs, in)
		if err := probs.Err(); err != nil {
			return Change{}, err
		}
		if sameItem(before, rec) {
			out = cur
			return Change{}, errUnchanged
		}
		rec.Version = cur.Version + 1
		if err := s.saveItem(ctx, tx, rec); err != nil {
			return Change{}, err
		}
		out = &rec.Item
		return Change{TargetType: "Item", TargetID: rec.ID, Before: before, After: rec}, nil
	})
	if err == errUnchanged {
		return out, nil
	}
	return out, err
}

func (s *Service) saveItem(ctx context.Context, tx bun.IDB, rec *ItemRecord) error {
	rec.ID = uuid.Must(uuid.NewV7()).String()
	rec.CreatedAt = s.now()
	rec.CreatedBy = identity.From(ctx).Username
	if err := db.InsertItemVersion(ctx, tx, &rec.Item); err != nil {
		return err
	}
	return db.SetLinks(ctx, tx, "item_qualifications", "item_id", "tag_id", rec.ID, rec.QualificationIDs)
}

func (s *Service) itemRecord(ctx context.Context, tx bun.IDB, it *db.Item) (*ItemRecord, error) {
	links, err := db.TagLinks(ctx, tx, "item_qualifications", "item_id", []string{it.ID})
	if err != nil {
		return nil, err
	}
	return &ItemRecord{Item: *it, QualificationIDs: links[it.ID]}, nil
}

// buildItem validates in and returns the item version it describes.
func buildItem(refs *refs, in ItemInput) (*ItemRecord, Problems) {
	var p Problems
	rec := &ItemRecord{}
	rec.DepartmentID = in.DepartmentID
	if d, ok := refs.departments[in.DepartmentID]; !ok || !d.Active {
		p.add("departmentId", "unknown_department", "部门不存在或已停用 (unknown or disabled department)")
	}
	rec.Code = strings.TrimSpace(in.Code)
	if rec.Code == "" {
		p.add("code", "required", "事项编号不能为空 (code is required)")
	} else {
		p.match("code", "事项编号", rec.Code, itemCode, "1–32位字母、数字、.、_、- (1–32 of letters, digits, . _ -)")
	}
	rec.Name = p.text("name", "事项名称", in.Name, true, 200)
	rec.Basis = p.text("basis", "抽查依据", in.Basis, true, 4000)
	legal := make([]db.LegalRef, 0, len(in.BasisRefs))
	for _, r := range in.BasisRefs {
		law := p.text("basisRefs", "法律法规名称", r.Law, true, 200)
		art := p.text("basisRefs", "条款", r.Article, false, 100)
		legal = append(legal, db.LegalRef{Law: law, Article: art})
	}
	b, _ := json.Marshal(legal)
	rec.BasisRefs = string(b)
	rec.Subject = p.text("subject", "抽查主体", in.Subject, true, 200)
	kinds := uniqueSorted(in.ObjectKinds)
	if len(kinds) == 0 {
		p.add("objectKinds", "required", "至少选择一种对象类型 (choose at least one object kind)")
	}
	for _, k := range kinds {
		p.oneOf("objectKinds", "对象类型", k, ObjectKinds)
	}
	k, _ := json.Marshal(kinds)
	rec.ObjectKinds = string(k)
	rec.Content = p.text("content", "抽查内容", in.Content, true, 4000)
	rec.Method = in.Method
	p.oneOf("method", "抽查方式", in.Method, InspectionMethods)
	rec.Category = in.Category
	p.oneOf("category", "事项类别", in.Category, ItemCategories)
	switch {
	case in.Category == "KEY" && in.RatioCapBP != nil:
		p.add("ratioCapBp", "not_allowed", "重点检查事项不设抽查比例上限 (KEY items have no ratio cap)")
	case in.Category == "GENERAL" && in.RatioCapBP == nil:
		p.add("ratioCapBp", "required", "一般检查事项须设抽查比例上限 (GENERAL items need a ratio cap)")
	case in.RatioCapBP != nil && (*in.RatioCapBP < 1 || *in.RatioCapBP > 10000):
		p.add("ratioCapBp", "out_of_range", "抽查比例上限应在1到10000个基点之间（0.01%%–100%%） (ratioCapBp must be 1–10000)")
	}
	rec.RatioCapBP = in.RatioCapBP
	rec.QualificationIDs = refs.checkTags(&p, "qualificationIds", in.QualificationIDs, db.TagQualification)
	rec.Status = in.Status
	if rec.Status == "" {
		rec.Status = "ACTIVE"
	}
	p.oneOf("status", "状态", rec.Status, ItemStatuses)
	rec.Note = p.text("note", "备注", in.Note, false, 2000)
	return rec, p
}

func sameItem(a, b *ItemRecord) bool {
	x, y := a.Item, b.Item
	x.ID, x.Version, x.Current, x.CreatedAt, x.CreatedBy = y.ID, y.Version, y.Current, y.CreatedAt, y.CreatedBy
	return x.DepartmentID == y.DepartmentID && x.Code == y.Code && x.Name == y.Name && x.Basis == y.Basis &&
		x.BasisRefs == y.BasisRefs && x.Subject == y.Subject && x.ObjectKinds == y.ObjectKinds &&
		x.Content == y.Content && x.Method == y.Method && x.Category == y.Category &&
		intPtrEqual(x.RatioCapBP, y.RatioCapBP) && x.Status == y.Status && x.Note == y.Note &&
		slices.Equal(uniqueSorted(a.QualificationIDs), uniqueSorted(b.QualificationIDs))
}

func intPtrEqual(a, b *int) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// requireDepartment: ADMIN may act on any department's records, a
// DEPT_ADMIN only on its own.
func requireDepartment(ctx context.Context, departmentID string) error {
	if err := require(ctx, identity.Admin, identity.DeptAdmin); err != nil {
		return err
	}
	if !identity.From(ctx).SeesDepartment(departmentID) {
		return fault.New(fault.Forbidden, "只能管理本部门的记录 (you may only manage your own department's records)")
	}
	return nil
}
