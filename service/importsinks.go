package service

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/tabular"
	"github.com/suiji-dev/suiji/uscc"
)

// present returns a pointer to the cell of column key, or nil when the file
// has no such column (the field is then left as it is).
func present(m *tabular.Mapping, row tabular.Row, key string) *string {
	if !m.Has(key) {
		return nil
	}
	v := m.Get(row, key)
	return &v
}

// --- objects -------------------------------------------------------------------

type objectSink struct {
	s      *Service
	refs   *refs
	caller identity.Caller
}

type objectRow struct {
	in  ObjectInput
	rec *db.ObjectRecord
	// deptColumn: the file has a supervising-departments column. Without
	// one a DEPT_ADMIN's new objects get its department, and existing
	// objects keep theirs.
	deptColumn bool
}

func (k *objectSink) columns() []tabular.Column { return objectColumns() }

func (k *objectSink) parse(m *tabular.Mapping, row tabular.Row) (string, any, Problems) {
	var p Problems
	in := ObjectInput{UID: uscc.Normalize(m.Get(row, "uid"))}
	kind := ""
	if v := present(m, row, "kind"); v != nil && strings.TrimSpace(*v) != "" {
		if kind = codeOf(kindLabel, *v); kind == "" {
			p.add("kind", "invalid_value", "对象类型“%s”无效，应为企业、个体工商户、产品、工程项目、行为或其他 (unknown object kind)", *v)
		}
	} else {
		kind = guessKind(in.UID)
	}
	in.Kind = &kind
	in.Name = present(m, row, "name")
	in.LegalRep = present(m, row, "legalRepresentative")
	in.Address = present(m, row, "address")
	in.RegionCode = present(m, row, "regionCode")
	in.IndustryCode = present(m, row, "industryCode")
	in.RegStatus = present(m, row, "registrationStatus")
	in.ContactName = present(m, row, "contactName")
	in.ContactPhone = present(m, row, "contactPhone")
	if v := present(m, row, "riskClass"); v != nil {
		risk := strings.TrimSuffix(strings.TrimSpace(*v), "类")
		if c := codeOf(riskLabel, risk); c != "" || risk == "" {
			in.RiskClass = &c
			in.RiskSource = "导入"
		} else {
			p.add("riskClass", "invalid_value", "信用风险分类“%s”无效，应为A、B、C或D (risk class must be A, B, C or D)", *v)
		}
	}
	if v := present(m, row, "active"); v != nil && strings.TrimSpace(*v) != "" {
		active := !strings.Contains(*v, "关闭") && !strings.Contains(*v, "注销") && !strings.Contains(*v, "无效") && *v != "否"
		in.Active = &active
	}
	if m.Has("tags") {
		ids := k.names(&p, "tags", m.Values(row, "tags"), func(n string) (string, bool) { return k.refs.tagNamed(db.TagObject, n) })
		in.TagIDs = &ids
	}
	if m.Has("departments") || k.caller.Role == identity.DeptAdmin {
		ids := k.names(&p, "departments", m.Values(row, "departments"), k.refs.departmentNamed)
		if k.caller.Role == identity.DeptAdmin {
			ids = withDepartment(&ids, k.caller.DepartmentID)
		}
		in.DepartmentIDs = &ids
	}
	rec := &db.ObjectRecord{Object: db.Object{Active: true, Version: 1}}
	p = append(p, k.s.applyObject(k.refs, rec, in, true)...)
	return rec.UID, &objectRow{in: in, rec: rec, deptColumn: m.Has("departments")}, p
}

// names resolves department or tag names of one cell, reporting each unknown one.
func (k *objectSink) names(p *Problems, field string, names []string, find func(string) (string, bool)) []string {
	return resolveNames(p, field, names, find)
}

func resolveNames(p *Problems, field string, names []string, find func(string) (string, bool)) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		id, ok := find(n)
		if !ok {
			code := "unknown_tag"
			zh := "标签"
			if field == "departments" || field == "department" {
				code, zh = "unknown_department", "部门"
			}
			p.add(field, code, "%s“%s”不存在 (unknown %s %q)", zh, n, strings.TrimSuffix(field, "s"), n)
			continue
		}
		out = append(out, id)
	}
	return out
}

// guessKind, for files without a kind column: an 18-character uid is a
// 统一社会信用代码 (category 92 an individual business, the rest enterprises),
// so a mistyped one is caught by its check character instead of passing as
// a library code; anything else is an object of another kind.
func guessKind(uid string) string {
	switch {
	case len(uid) == 18 && strings.HasPrefix(uid, "92"):
		return "INDIVIDUAL_BUSINESS"
	case len(uid) == 18:
		return "ENTERPRISE"
	}
	return "OTHER"
}

func (k *objectSink) store(ctx context.Context, tx bun.IDB, batch []parsedRow, write bool) (map[int]Problems, error) {
	uids := make([]string, len(batch))
	for i, b := range batch {
		uids[i] = b.key
	}
	existing, err := db.ObjectRecordsByUIDs(ctx, tx, uids)
	if err != nil {
		return nil, err
	}
	bad := map[int]Problems{}
	var creates, updates []*db.ObjectRecord
	var updateChanges []string
	now := k.s.now()
	for i := range batch {
		b := &batch[i]
		row := b.rec.(*objectRow)
		old, ok := existing[b.key]
		if !ok {
			rec := row.rec
			rec.ID, rec.CreatedAt, rec.UpdatedAt = uuid.Must(uuid.NewV7()).String(), now, now
			creates = append(creates, rec)
			b.outcome = "created"
			continue
		}
		if k.caller.Role == identity.DeptAdmin && !slices.Contains(old.DepartmentIDs, k.caller.DepartmentID) {
			var p Problems
			p.add("uid", "forbidden", "该对象不归本部门监管，不能修改 (your department does not supervise this object)")
			bad[b.row] = p
			continue
		}
		rec := *old
		rec.TagIDs, rec.DepartmentIDs = slices.Clone(old.TagIDs), slices.Clone(old.DepartmentIDs)
		in := row.in
		if !row.deptColumn {
			in.DepartmentIDs = nil // keep the supervisors as they are
		}
		if ps := k.s.applyObject(k.refs, &rec, in, false); len(ps) > 0 {
			bad[b.row] = ps
			continue
		}
		if sameObject(old, &rec) {
			b.outcome = "unchanged"
			continue
		}
		rec.Version++
		rec.UpdatedAt = now
		ch, err := historyEntry(old, &rec)
		if err != nil {
			return nil, err
		}
		updates, updateChanges = append(updates, &rec), append(updateChanges, ch)
		b.outcome = "updated"
	}
	if !write {
		return bad, nil
	}
	// The new objects' history entries are written last: they are computed
	// meanwhile, while the store writes the objects.
	createChanges := make([]string, len(creates))
	var historyErr error
	var wg sync.WaitGroup
	wg.Go(func() {
		for i, rec := range creates {
			if createChanges[i], historyErr = historyEntry(nil, rec); historyErr != nil {
				return
			}
		}
	})
	err = db.InsertObjectsThen(ctx, tx, creates, k.caller.Username, "import", func() ([]string, error) {
		wg.Wait()
		return createChanges, historyErr
	})
	wg.Wait() // done with creates before anyone else touches them
	if err != nil {
		return nil, err
	}
	return bad, db.UpdateObjects(ctx, tx, updates, k.caller.Username, "import", updateChanges)
}

var riskLabel = map[string]string{"A": "低风险", "B": "一般风险", "C": "较高风险", "D": "高风险"}

// --- inspectors ----------------------------------------------------------------

type inspectorSink struct {
	s      *Service
	refs   *refs
	caller identity.Caller
}

func (k *inspectorSink) columns() []tabular.Column { return inspectorColumns() }

func (k *inspectorSink) parse(m *tabular.Mapping, row tabular.Row) (string, any, Problems) {
	var p Problems
	in := InspectorInput{UID: strings.ToUpper(m.Get(row, "uid")), Name: m.Get(row, "name"),
		Organisation: m.Get(row, "organisation"), CertNo: m.Get(row, "certificateNumber"),
		CertExpires: normalizeDate(m.Get(row, "certificateExpiresOn")), RegionCode: m.Get(row, "regionCode"),
		Phone: m.Get(row, "phone"), StatusSince: normalizeDate(m.Get(row, "statusSince"))}
	if dept := m.Get(row, "department"); dept != "" {
		if id, ok := k.refs.departmentNamed(dept); ok {
			in.DepartmentID = id
		} else {
			p.add("department", "unknown_department", "部门“%s”不存在 (unknown department %q)", dept, dept)
		}
	}
	if k.caller.Role == identity.DeptAdmin && in.DepartmentID != "" && in.DepartmentID != k.caller.DepartmentID {
		p.add("department", "forbidden", "只能导入本部门的检查人员 (you may only import your own department's inspectors)")
	}
	in.Kind = "LAW_ENFORCEMENT"
	if v := m.Get(row, "kind"); v != "" {
		if in.Kind = codeOf(inspectorKindLabel, v); in.Kind == "" {
			p.add("kind", "invalid_value", "人员类别“%s”无效，应为执法人员、工作人员或专家 (unknown inspector kind)", v)
		}
	}
	if v := m.Get(row, "status"); v != "" {
		if in.Status = codeOf(inspectorStatusLabel, v); in.Status == "" {
			p.add("status", "invalid_value", "状态“%s”无效，应为在岗、休假、调离或退休 (unknown status)", v)
		}
	}
	in.QualificationIDs = resolveNames(&p, "qualifications", m.Values(row, "qualifications"),
		func(n string) (string, bool) { return k.refs.tagNamed(db.TagQualification, n) })
	in.ExpertiseIDs = resolveNames(&p, "expertise", m.Values(row, "expertise"),
		func(n string) (string, bool) { return k.refs.tagNamed(db.TagExpertise, n) })
	if len(p) > 0 {
		return in.UID, &in, p
	}
	rec := &db.InspectorRecord{}
	p = append(p, applyInspector(k.refs, rec, in)...)
	return rec.UID, &in, p
}

func (k *inspectorSink) store(ctx context.Context, tx bun.IDB, batch []parsedRow, write bool) (map[int]Problems, error) {
	uids := make([]string, len(batch))
	for i, b := range batch {
		uids[i] = b.key
	}
	existing, err := db.InspectorRecordsByUIDs(ctx, tx, uids)
	if err != nil {
		return nil, err
	}
	bad := map[int]Problems{}
	now := k.s.now()
	for i := range batch {
		b := &batch[i]
		in := *b.rec.(*InspectorInput)
		rec := &db.InspectorRecord{}
		var before *db.InspectorRecord
		if old, ok := existing[b.key]; ok {
			if k.caller.Role == identity.DeptAdmin && old.DepartmentID != k.caller.DepartmentID {
				var p Problems
				p.add("uid", "forbidden", "该人员不属于本部门，不能修改 (this inspector belongs to another department)")
				bad[b.row] = p
				continue
			}
			cp := *old
			cp.TagIDs = slices.Clone(old.TagIDs)
			before, rec = old, &cp
		}
		if ps := applyInspector(k.refs, rec, in); len(ps) > 0 {
			bad[b.row] = ps
			continue
		}
		switch {
		case before == nil:
			rec.ID, rec.Version, rec.CreatedAt = uuid.Must(uuid.NewV7()).String(), 1, now
			b.outcome = "created"
		case sameInspector(before, rec):
			b.outcome = "unchanged"
			continue
		default:
			rec.Version++
			b.outcome = "updated"
		}
		rec.UpdatedAt = now
		if !write {
			continue
		}
		ch, err := historyEntry(before, rec)
		if err != nil {
			return nil, err
		}
		if err := db.SaveInspector(ctx, tx, rec, before == nil, k.caller.Username, "import", ch); err != nil {
			return nil, err
		}
	}
	return bad, nil
}

// normalizeDate accepts 2027-6-30, 2027/06/30, 2027.06.30 and 20270630.
func normalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 8 && strings.Trim(s, "0123456789") == "" {
		return s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' || r == '年' || r == '月' || r == '日' })
	if len(parts) == 3 {
		y, e1 := strconv.Atoi(parts[0])
		mo, e2 := strconv.Atoi(parts[1])
		d, e3 := strconv.Atoi(parts[2])
		if e1 == nil && e2 == nil && e3 == nil {
			return strconv.Itoa(y) + "-" + pad2(mo) + "-" + pad2(d)
		}
	}
	return s
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// --- items ---------------------------------------------------------------------

type itemSink struct {
	s      *Service
	refs   *refs
	caller identity.Caller
}

func (k *itemSink) columns() []tabular.Column { return itemColumns() }

func (k *itemSink) parse(m *tabular.Mapping, row tabular.Row) (string, any, Problems) {
	var p Problems
	in := ItemInput{Code: m.Get(row, "code"), Name: m.Get(row, "name"), Basis: m.Get(row, "basis"),
		Subject: m.Get(row, "subject"), Content: m.Get(row, "content"), Note: m.Get(row, "note")}
	if dept := m.Get(row, "department"); dept != "" {
		if id, ok := k.refs.departmentNamed(dept); ok {
			in.DepartmentID = id
		} else {
			p.add("department", "unknown_department", "部门“%s”不存在 (unknown department %q)", dept, dept)
		}
	}
	if k.caller.Role == identity.DeptAdmin && in.DepartmentID != "" && in.DepartmentID != k.caller.DepartmentID {
		p.add("department", "forbidden", "只能导入本部门的抽查事项 (you may only import your own department's items)")
	}
	for _, v := range m.Values(row, "objectKinds") {
		if c := codeOf(kindLabel, v); c != "" {
			in.ObjectKinds = append(in.ObjectKinds, c)
		} else {
			p.add("objectKinds", "invalid_value", "对象类型“%s”无效 (unknown object kind %q)", v, v)
		}
	}
	if v := m.Get(row, "method"); v != "" {
		if in.Method = codeOf(methodLabel, v); in.Method == "" {
			p.add("method", "invalid_value", "抽查方式“%s”无效，应为实地核查、书面检查、网络监测、委托检验检测或其他 (unknown method)", v)
		}
	}
	if v := m.Get(row, "category"); v != "" {
		if in.Category = codeOf(categoryLabel, v); in.Category == "" {
			p.add("category", "invalid_value", "事项类别“%s”无效，应为重点或一般 (category must be KEY or GENERAL)", v)
		}
	}
	if v := strings.TrimSuffix(strings.TrimSpace(m.Get(row, "ratioCap")), "%"); v != "" {
		pct, err := strconv.ParseFloat(strings.TrimSuffix(v, "％"), 64)
		if err != nil || pct <= 0 || pct > 100 {
			p.add("ratioCapBp", "invalid_value", "抽查比例上限“%s”无效，应为0到100之间的百分数 (ratio cap must be a percentage 0–100)", v)
		} else {
			bp := int(pct*100 + 0.5)
			in.RatioCapBP = &bp
		}
	}
	if v := m.Get(row, "status"); v != "" {
		if in.Status = codeOf(itemStatusLabel, v); in.Status == "" {
			p.add("status", "invalid_value", "状态“%s”无效，应为有效、暂停或废止 (unknown status)", v)
		}
	}
	in.QualificationIDs = resolveNames(&p, "qualifications", m.Values(row, "qualifications"),
		func(n string) (string, bool) { return k.refs.tagNamed(db.TagQualification, n) })
	if len(p) == 0 {
		_, ps := buildItem(k.refs, in)
		p = append(p, ps...)
	}
	return in.DepartmentID + "\x00" + in.Code, &in, p
}

func (k *itemSink) store(ctx context.Context, tx bun.IDB, batch []parsedRow, write bool) (map[int]Problems, error) {
	bad := map[int]Problems{}
	for i := range batch {
		b := &batch[i]
		in := *b.rec.(*ItemInput)
		rec, ps := buildItem(k.refs, in)
		if len(ps) > 0 {
			bad[b.row] = ps
			continue
		}
		cur, err := db.CurrentItem(ctx, tx, in.DepartmentID, in.Code)
		switch {
		case err == db.ErrNotFound:
			rec.Version = 1
			b.outcome = "created"
		case err != nil:
			return nil, err
		default:
			before, err := k.s.itemRecord(ctx, tx, cur)
			if err != nil {
				return nil, err
			}
			if sameItem(before, rec) {
				b.outcome = "unchanged"
				continue
			}
			rec.Version = cur.Version + 1
			b.outcome = "updated"
		}
		if write {
			if err := k.s.saveItem(ctx, tx, rec); err != nil {
				return nil, err
			}
		}
	}
	return bad, nil
}
