package service

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
)

// Value lists of inspectors.
var (
	InspectorKinds    = []string{"LAW_ENFORCEMENT", "STAFF", "EXPERT"}
	InspectorStatuses = []string{"ACTIVE", "ON_LEAVE", "TRANSFERRED", "RETIRED"}

	inspectorUID = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{1,31}$`)
)

// InspectorInput is an inspector to create, or the new state of one.
type InspectorInput struct {
	UID              string
	Name             string
	DepartmentID     string
	Kind             string
	Organisation     string
	CertNo           string
	CertExpires      string // YYYY-MM-DD or ""
	QualificationIDs []string
	ExpertiseIDs     []string
	RegionCode       string
	Phone            string
	Status           string
	StatusSince      string
}

// Inspectors lists inspectors (ADMIN, DEPT_ADMIN, ANALYST).
func (s *Service) Inspectors(ctx context.Context, f db.InspectorFilter, first int, after string) ([]db.Inspector, bool, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return nil, false, err
	}
	return db.ListInspectors(ctx, s.db, f, first, after)
}

// CountInspectors counts inspectors matching f.
func (s *Service) CountInspectors(ctx context.Context, f db.InspectorFilter) (int, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return 0, err
	}
	return db.CountInspectors(ctx, s.db, f)
}

// Inspector returns one inspector.
func (s *Service) Inspector(ctx context.Context, id string) (*db.Inspector, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return nil, err
	}
	n, err := db.GetInspector(ctx, s.db, id)
	return n, notFound(err, "inspector")
}

// InspectorHistory returns an inspector's newest versions.
func (s *Service) InspectorHistory(ctx context.Context, id string, limit int) ([]db.RecordVersion, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return nil, err
	}
	vs, err := db.History(ctx, s.db, "inspector_versions", "inspector_id", id, limit)
	return maskHistory(ctx, vs, "certificateNumber", "phone"), err
}

// SaveInspector creates (id "") or updates an inspector of a department the
// caller manages.
func (s *Service) SaveInspector(ctx context.Context, id string, in InspectorInput) (*db.Inspector, error) {
	if err := requireDepartment(ctx, in.DepartmentID); err != nil {
		return nil, err
	}
	action := "inspector.update"
	if id == "" {
		action = "inspector.create"
	}
	var out *db.Inspector
	err := s.mutate(ctx, action, func(ctx context.Context, tx bun.Tx) (Change, error) {
		var before *db.InspectorRecord
		rec := &db.InspectorRecord{}
		if id != "" {
			n, err := db.GetInspector(ctx, tx, id)
			if err != nil {
				return Change{}, notFound(err, "inspector")
			}
			if err := requireDepartment(ctx, n.DepartmentID); err != nil {
				return Change{}, err
			}
			recs, err := db.InspectorRecordsByUIDs(ctx, tx, []string{n.UID})
			if err != nil {
				return Change{}, err
			}
			b := *recs[n.UID]
			b.TagIDs = slices.Clone(b.TagIDs)
			before, rec = &b, recs[n.UID]
			in.UID = n.UID // permanent
		}
		refs, err := loadRefs(ctx, tx)
		if err != nil {
			return Change{}, err
		}
		if err := applyInspector(refs, rec, in).Err(); err != nil {
			return Change{}, err
		}
		out = &rec.Inspector
		if before != nil && sameInspector(before, rec) {
			return Change{}, errUnchanged
		}
		now := s.now()
		if before == nil {
			existing, err := db.InspectorRecordsByUIDs(ctx, tx, []string{rec.UID})
			if err != nil {
				return Change{}, err
			}
			if len(existing) > 0 {
				return Change{}, &fault.Error{Code: fault.Conflict, Field: "uid",
					Message: fmt.Sprintf("人员编号“%s”已存在 (inspector %s already exists)", rec.UID, rec.UID)}
			}
			rec.ID, rec.Version, rec.CreatedAt = uuid.Must(uuid.NewV7()).String(), 1, now
		} else {
			rec.Version++
		}
		rec.UpdatedAt = now
		changes, err := historyEntry(before, rec)
		if err != nil {
			return Change{}, err
		}
		if err := db.SaveInspector(ctx, tx, rec, before == nil, identity.From(ctx).Username, "api", changes); err != nil {
			return Change{}, uniqueAsConflict(err, "uid", rec.UID)
		}
		return Change{TargetType: "Inspector", TargetID: rec.ID, Before: nilIfNil(before), After: rec}, nil
	})
	if err == errUnchanged {
		return out, nil
	}
	return out, err
}

// applyInspector validates in and copies it onto rec.
func applyInspector(refs *refs, rec *db.InspectorRecord, in InspectorInput) Problems {
	var p Problems
	if rec.UID == "" {
		rec.UID = strings.ToUpper(strings.TrimSpace(in.UID))
		if rec.UID == "" {
			p.add("uid", "required", "人员编号不能为空 (uid is required)")
		}
		p.match("uid", "人员编号", rec.UID, inspectorUID, "2–32位大写字母、数字、-、_ (2–32 of A–Z, 0–9, - or _)")
	}
	rec.Name = p.text("name", "姓名", in.Name, true, 50)
	rec.DepartmentID = in.DepartmentID
	if d, ok := refs.departments[in.DepartmentID]; !ok || !d.Active {
		p.add("departmentId", "unknown_department", "部门不存在或已停用 (unknown or disabled department)")
	}
	rec.Kind = in.Kind
	p.oneOf("kind", "人员类别", in.Kind, InspectorKinds)
	rec.Organisation = p.text("organisation", "所在单位", in.Organisation, in.Kind == "EXPERT", 200)
	rec.CertNo = p.text("certificateNumber", "执法证号", in.CertNo, false, 64)
	rec.CertExpires = p.date("certificateExpiresOn", "执法证有效期", in.CertExpires)
	rec.RegionCode = p.text("regionCode", "行政区划代码", in.RegionCode, false, 6)
	p.match("regionCode", "行政区划代码", rec.RegionCode, regionCode, "6位数字 (6 digits)")
	rec.Phone = p.text("phone", "电话", in.Phone, false, 32)
	p.match("phone", "电话", rec.Phone, phoneNumber, "数字、空格、+、-、括号 (digits, spaces, + - ( ))")
	rec.Status = in.Status
	if rec.Status == "" {
		rec.Status = "ACTIVE"
	}
	p.oneOf("status", "状态", rec.Status, InspectorStatuses)
	rec.StatusSince = p.date("statusSince", "状态起始日期", in.StatusSince)
	quals := refs.checkTags(&p, "qualificationIds", in.QualificationIDs, db.TagQualification)
	exps := refs.checkTags(&p, "expertiseIds", in.ExpertiseIDs, db.TagExpertise)
	rec.TagIDs = uniqueSorted(append(quals, exps...))
	return p
}

// date checks an optional calendar date written YYYY-MM-DD.
func (p *Problems) date(field, label, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		p.add(field, "date", "%s应为日期，如2027-06-30 (%s: expected a date like 2027-06-30)", label, field)
	}
	return v
}

func sameInspector(a, b *db.InspectorRecord) bool {
	x, y := a.Inspector, b.Inspector
	x.Version, x.UpdatedAt, x.CreatedAt = y.Version, y.UpdatedAt, y.CreatedAt
	return x.UID == y.UID && x.Name == y.Name && x.DepartmentID == y.DepartmentID && x.Kind == y.Kind &&
		x.Organisation == y.Organisation && x.CertNo == y.CertNo && x.CertExpires == y.CertExpires &&
		x.RegionCode == y.RegionCode && x.Phone == y.Phone && x.Status == y.Status && x.StatusSince == y.StatusSince &&
		slices.Equal(uniqueSorted(a.TagIDs), uniqueSorted(b.TagIDs))
}

// DeclareConflict records that an inspector must never be matched with an
// object (回避), with the reason.
func (s *Service) DeclareConflict(ctx context.Context, inspectorID, objectID, reason string) (*db.Inspector, error) {
	return s.changeConflict(ctx, "inspector.declare_conflict", inspectorID, objectID, reason, true)
}

// WithdrawConflict removes a declared conflict, with the reason.
func (s *Service) WithdrawConflict(ctx context.Context, inspectorID, objectID, reason string) (*db.Inspector, error) {
	return s.changeConflict(ctx, "inspector.withdraw_conflict", inspectorID, objectID, reason, false)
}

func (s *Service) changeConflict(ctx context.Context, action, inspectorID, objectID, reason string, declare bool) (*db.Inspector, error) {
	var p Problems
	reason = p.text("reason", "原因", reason, true, 500)
	if err := p.Err(); err != nil {
		return nil, err
	}
	var out *db.Inspector
	err := s.mutate(ctx, action, func(ctx context.Context, tx bun.Tx) (Change, error) {
		n, err := db.GetInspector(ctx, tx, inspectorID)
		if err != nil {
			return Change{}, notFound(err, "inspector")
		}
		if err := requireDepartment(ctx, n.DepartmentID); err != nil {
			return Change{}, err
		}
		o, err := db.GetObject(ctx, tx, objectID)
		if err != nil {
			return Change{}, notFound(err, "object")
		}
		out = n
		change := map[string]any{"objectUid": o.UID, "reason": reason}
		if declare {
			err := db.InsertConflict(ctx, tx, &db.Conflict{InspectorID: n.ID, ObjectID: o.ID, Reason: reason, DeclaredAt: s.now()})
			if db.IsUniqueViolation(err) {
				return Change{}, fault.New(fault.Conflict, "该回避关系已登记 (this conflict is already declared)")
			}
			if err != nil {
				return Change{}, err
			}
			return Change{TargetType: "Inspector", TargetID: n.ID, After: change}, nil
		}
		found, err := db.DeleteConflict(ctx, tx, n.ID, o.ID)
		if err != nil {
			return Change{}, err
		}
		if !found {
			return Change{}, fault.New(fault.NotFound, "没有这条回避关系 (no such conflict)")
		}
		return Change{TargetType: "Inspector", TargetID: n.ID, Before: change}, nil
	})
	return out, err
}

// LinkInspectorUser binds an INSPECTOR account to an inspector record, or
// unbinds it when userID is "" (ADMIN).
func (s *Service) LinkInspectorUser(ctx context.Context, inspectorID, userID string) (*db.Inspector, error) {
	if err := require(ctx, identity.Admin); err != nil {
		return nil, err
	}
	var out *db.Inspector
	err := s.mutate(ctx, "inspector.link_user", func(ctx context.Context, tx bun.Tx) (Change, error) {
		n, err := db.GetInspector(ctx, tx, inspectorID)
		if err != nil {
			return Change{}, notFound(err, "inspector")
		}
		before := map[string]any{"userId": n.UserID}
		if userID == "" {
			n.UserID = nil
		} else {
			u, err := db.GetUser(ctx, tx, userID)
			if err != nil {
				return Change{}, notFound(err, "user")
			}
			if u.Role != identity.Inspector {
				return Change{}, fault.Invalid("userId", "只能关联角色为检查人员的账号 (only INSPECTOR accounts can be linked)")
			}
			n.UserID = &u.ID
		}
		n.UpdatedAt = s.now()
		if _, err := tx.NewUpdate().Model(n).Column("user_id", "updated_at").WherePK().Exec(ctx); err != nil {
			if db.IsUniqueViolation(err) {
				return Change{}, fault.New(fault.Conflict, "该账号已关联其他检查人员 (that account is linked to another inspector)")
			}
			return Change{}, err
		}
		out = n
		return Change{TargetType: "Inspector", TargetID: n.ID, Before: before, After: map[string]any{"userId": n.UserID}}, nil
	})
	return out, err
}
