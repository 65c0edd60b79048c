package service

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/privacy"
	"github.com/suiji-dev/suiji/uscc"
)

// Value lists of the libraries, as stored and as the API names them.
var (
	ObjectKinds      = []string{"ENTERPRISE", "INDIVIDUAL_BUSINESS", "PRODUCT", "PROJECT", "BEHAVIOUR", "OTHER"}
	RiskClasses      = []string{"A", "B", "C", "D"}
	marketEntityKind = map[string]bool{"ENTERPRISE": true, "INDIVIDUAL_BUSINESS": true}

	libraryCode  = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{3,39}$`)
	regionCode   = regexp.MustCompile(`^\d{6}$`)
	industryCode = regexp.MustCompile(`^([A-T]|[A-T]?\d{2,4})$`)
	phoneNumber  = regexp.MustCompile(`^[0-9+()\- ]{3,32}$`)
)

// ObjectInput is an object to create, or the fields of one to change (nil:
// unchanged; on create, nil is empty).
type ObjectInput struct {
	UID           string
	Kind          *string
	Name          *string
	LegalRep      *string
	Address       *string
	RegionCode    *string
	IndustryCode  *string
	RegStatus     *string
	RiskClass     *string // "" clears
	RiskSource    string
	TagIDs        *[]string
	DepartmentIDs *[]string
	ContactName   *string
	ContactPhone  *string
	Active        *bool
}

// Objects lists objects (ADMIN, DEPT_ADMIN, ANALYST: joint plans need the
// whole library).
func (s *Service) Objects(ctx context.Context, f db.ObjectFilter, first int, after string) ([]db.Object, bool, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return nil, false, err
	}
	return db.ListObjects(ctx, s.db, f, first, after)
}

// CountObjects counts the objects matching f.
func (s *Service) CountObjects(ctx context.Context, f db.ObjectFilter) (int, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return 0, err
	}
	return db.CountObjects(ctx, s.db, f)
}

// Object returns one object by id or, when byUID, by uid.
func (s *Service) Object(ctx context.Context, key string, byUID bool) (*db.Object, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return nil, err
	}
	var (
		o   *db.Object
		err error
	)
	if byUID {
		o, err = db.GetObjectByUID(ctx, s.db, uscc.Normalize(key))
	} else {
		o, err = db.GetObject(ctx, s.db, key)
	}
	return o, notFound(err, "object")
}

// ObjectHistory returns an object's newest versions.
func (s *Service) ObjectHistory(ctx context.Context, id string, limit int) ([]db.RecordVersion, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
		return nil, err
	}
	vs, err := db.History(ctx, s.db, "object_versions", "object_id", id, limit)
	return maskHistory(ctx, vs, "contactName", "contactPhone"), err
}

// CreateObject adds an object. A DEPT_ADMIN's department always supervises
// the objects it creates.
func (s *Service) CreateObject(ctx context.Context, in ObjectInput) (*db.Object, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin); err != nil {
		return nil, err
	}
	c := identity.From(ctx)
	now := s.now()
	rec := &db.ObjectRecord{Object: db.Object{ID: uuid.Must(uuid.NewV7()).String(), Active: true, Version: 1,
		CreatedAt: now, UpdatedAt: now}}
	if c.Role == identity.DeptAdmin {
		ids := withDepartment(in.DepartmentIDs, c.DepartmentID)
		in.DepartmentIDs = &ids
	}
	err := s.mutate(ctx, "object.create", func(ctx context.Context, tx bun.Tx) (Change, error) {
		refs, err := loadRefs(ctx, tx)
		if err != nil {
			return Change{}, err
		}
		probs := s.applyObject(refs, rec, in, true)
		if err := probs.Err(); err != nil {
			return Change{}, err
		}
		if _, err := db.GetObjectByUID(ctx, tx, rec.UID); err == nil {
			return Change{}, &fault.Error{Code: fault.Conflict, Field: "uid",
				Message: fmt.Sprintf("对象“%s”已在名录库中 (object %s already exists)", rec.UID, rec.UID)}
		}
		changes, err := historyEntry(nil, rec)
		if err != nil {
			return Change{}, err
		}
		if err := db.InsertObjects(ctx, tx, []*db.ObjectRecord{rec}, c.Username, "api", []string{changes}); err != nil {
			return Change{}, uniqueAsConflict(err, "uid", rec.UID)
		}
		return Change{TargetType: "InspectionObject", TargetID: rec.ID, After: rec}, nil
	})
	if err != nil {
		return nil, err
	}
	return &rec.Object, nil
}

// UpdateObject changes an object; a DEPT_ADMIN only one its department
// supervises, and it stays among the supervisors.
func (s *Service) UpdateObject(ctx context.Context, id string, in ObjectInput) (*db.Object, error) {
	if err := require(ctx, identity.Admin, identity.DeptAdmin); err != nil {
		return nil, err
	}
	c := identity.From(ctx)
	var out *db.Object
	err := s.mutate(ctx, "object.update", func(ctx context.Context, tx bun.Tx) (Change, error) {
		o, err := db.GetObject(ctx, tx, id)
		if err != nil {
			return Change{}, notFound(err, "object")
		}
		recs, err := db.ObjectRecordsByUIDs(ctx, tx, []string{o.UID})
		if err != nil {
			return Change{}, err
		}
		rec := recs[o.UID]
		if c.Role == identity.DeptAdmin {
			if !slices.Contains(rec.DepartmentIDs, c.DepartmentID) {
				return Change{}, fault.New(fault.Forbidden, "该对象不归本部门监管，不能修改 (your department does not supervise this object)")
			}
			if in.DepartmentIDs != nil {
				ids := withDepartment(in.DepartmentIDs, c.DepartmentID)
				in.DepartmentIDs = &ids
			}
		}
		before := *rec
		before.TagIDs, before.DepartmentIDs = slices.Clone(rec.TagIDs), slices.Clone(rec.DepartmentIDs)
		in.UID = rec.UID // permanent
		refs, err := loadRefs(ctx, tx)
		if err != nil {
			return Change{}, err
		}
		if err := s.applyObject(refs, rec, in, false).Err(); err != nil {
			return Change{}, err
		}
		out = &rec.Object
		if sameObject(&before, rec) {
			return Change{}, errUnchanged
		}
		rec.Version++
		rec.UpdatedAt = s.now()
		changes, err := historyEntry(&before, rec)
		if err != nil {
			return Change{}, err
		}
		if err := db.UpdateObjects(ctx, tx, []*db.ObjectRecord{rec}, c.Username, "api", []string{changes}); err != nil {
			return Change{}, err
		}
		return Change{TargetType: "InspectionObject", TargetID: rec.ID, Before: before, After: rec}, nil
	})
	if errors.Is(err, errUnchanged) {
		return out, nil
	}
	return out, err
}

// errUnchanged ends a mutation that would change nothing: nothing is
// written and nothing audited.
var errUnchanged = errors.New("unchanged")

// applyObject validates in and copies it onto rec, resolving the linked
// departments and tags against refs.
func (s *Service) applyObject(refs *refs, rec *db.ObjectRecord, in ObjectInput, create bool) Problems {
	var p Problems
	if create {
		rec.UID = uscc.Normalize(in.UID)
	}
	set := func(dst *string, v *string, field, label string, required bool, max int) {
		if v != nil || create {
			*dst = p.text(field, label, deref(v), required, max)
		}
	}
	set(&rec.Kind, in.Kind, "kind", "对象类型", true, 32)
	if rec.Kind != "" {
		p.oneOf("kind", "对象类型", rec.Kind, ObjectKinds)
	}
	if create {
		checkObjectUID(&p, rec.UID, rec.Kind)
	}
	set(&rec.Name, in.Name, "name", "名称", true, 200)
	set(&rec.LegalRep, in.LegalRep, "legalRepresentative", "法定代表人", false, 100)
	set(&rec.Address, in.Address, "address", "地址", false, 300)
	set(&rec.RegionCode, in.RegionCode, "regionCode", "行政区划代码", false, 6)
	p.match("regionCode", "行政区划代码", rec.RegionCode, regionCode, "6位数字 (6 digits)")
	set(&rec.IndustryCode, in.IndustryCode, "industryCode", "行业代码", false, 5)
	rec.IndustryCode = strings.ToUpper(rec.IndustryCode)
	p.match("industryCode", "行业代码", rec.IndustryCode, industryCode, "GB/T 4754 代码，如 C1391 或 52 (a GB/T 4754 code)")
	set(&rec.RegStatus, in.RegStatus, "registrationStatus", "登记状态", false, 32)
	set(&rec.ContactName, in.ContactName, "contactName", "联系人", false, 50)
	set(&rec.ContactPhone, in.ContactPhone, "contactPhone", "联系电话", false, 32)
	p.match("contactPhone", "联系电话", rec.ContactPhone, phoneNumber, "数字、空格、+、-、括号 (digits, spaces, + - ( ))")
	if in.RiskClass != nil {
		risk := strings.ToUpper(strings.TrimSpace(*in.RiskClass))
		if risk != "" {
			p.oneOf("riskClass", "信用风险分类", risk, RiskClasses)
		}
		if risk != rec.RiskClass {
			now := s.now()
			rec.RiskClass, rec.RiskChangedAt = risk, &now
			rec.RiskSource = p.text("riskSource", "风险分类来源", in.RiskSource, false, 100)
			if rec.RiskSource == "" {
				rec.RiskSource = "手工录入"
			}
		}
	}
	if in.Active != nil {
		rec.Active = *in.Active
	}
	if in.TagIDs != nil {
		rec.TagIDs = refs.checkTags(&p, "tagIds", *in.TagIDs, db.TagObject)
	}
	if in.DepartmentIDs != nil {
		rec.DepartmentIDs = refs.checkDepartments(&p, "supervisingDepartmentIds", *in.DepartmentIDs)
	}
	return p
}

// checkObjectUID: market entities carry a valid 统一社会信用代码; other
// objects a library code.
func checkObjectUID(p *Problems, uid, kind string) {
	switch {
	case uid == "":
		p.add("uid", "required", "统一社会信用代码或编码不能为空 (uid is required)")
	case marketEntityKind[kind]:
		if err := uscc.Validate(uid); err != nil {
			var ue *uscc.Error
			code := "uscc"
			if errors.As(err, &ue) {
				code = "uscc_" + string(ue.Code)
			}
			p.add("uid", code, "统一社会信用代码“%s”无效：%v", uid, err)
		}
	default:
		p.match("uid", "对象编码", uid, libraryCode, "4–40位大写字母、数字、-、_ (4–40 of A–Z, 0–9, - or _)")
	}
}

func withDepartment(ids *[]string, dept string) []string {
	var out []string
	if ids != nil {
		out = slices.Clone(*ids)
	}
	if !slices.Contains(out, dept) {
		out = append(out, dept)
	}
	return out
}

func uniqueSorted(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// sameObject reports whether two records store the same thing.
func sameObject(a, b *db.ObjectRecord) bool {
	x, y := a.Object, b.Object
	x.Version, y.Version = 0, 0
	x.UpdatedAt = y.UpdatedAt
	x.RiskChangedAt, y.RiskChangedAt = nil, nil
	return x == y && slices.Equal(uniqueSorted(a.TagIDs), uniqueSorted(b.TagIDs)) &&
		slices.Equal(uniqueSorted(a.DepartmentIDs), uniqueSorted(b.DepartmentIDs))
}

// historyEntry is the compact before/after of what changed, kept in a
// record's history table.
func historyEntry(before, after any) (string, error) {
	b, a, err := audit.Diff(nilIfNil(before), after)
	if err != nil {
		return "", err
	}
	// Marshalling the pair checks and compacts both sides again, and
	// escapes <, > and &: an import's first versions are written as they
	// are when they hold none of those (the same bytes, without the pass).
	if !htmlEscaped(b) && !htmlEscaped(a) {
		return `{"after":` + jsonOrNull(a) + `,"before":` + jsonOrNull(b) + `}`, nil
	}
	out, err := json.Marshal(map[string]json.RawMessage{"before": b, "after": a})
	return string(out), err
}

// htmlEscaped reports whether json.Marshal would rewrite characters of raw.
func htmlEscaped(raw json.RawMessage) bool {
	return bytes.ContainsAny(raw, "<>&\u2028\u2029")
}

func jsonOrNull(raw json.RawMessage) string {
	if raw == nil {
		return "null"
	}
	return string(raw)
}

func nilIfNil(v any) any {
	if r, ok := v.(*db.ObjectRecord); ok && r == nil {
		return nil
	}
	if r, ok := v.(*db.InspectorRecord); ok && r == nil {
		return nil
	}
	return v
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func uniqueAsConflict(err error, field, value string) error {
	if db.IsUniqueViolation(err) {
		return &fault.Error{Code: fault.Conflict, Field: field, Err: err,
			Message: fmt.Sprintf("“%s”已存在 (%s %q already exists)", value, field, value)}
	}
	return err
}

// maskHistory masks the personal fields of history entries for callers
// below ADMIN and DEPT_ADMIN, as the API's @personal directive masks the
// fields themselves: history must not be a way around it.
func maskHistory(ctx context.Context, vs []db.RecordVersion, personalKeys ...string) []db.RecordVersion {
	if identity.From(ctx).Is(identity.Admin, identity.DeptAdmin) {
		return vs
	}
	for i := range vs {
		var entry map[string]map[string]any
		if json.Unmarshal([]byte(vs[i].Data), &entry) != nil {
			vs[i].Data = "{}"
			continue
		}
		for _, side := range entry {
			for _, k := range personalKeys {
				if v, ok := side[k].(string); ok {
					side[k] = privacy.Mask(v)
				}
			}
		}
		b, _ := json.Marshal(entry)
		vs[i].Data = string(b)
	}
	return vs
}
