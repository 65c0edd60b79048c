package graph

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/graph/model"
	"github.com/suiji-dev/suiji/service"
)

func toTag(t *db.Tag) *model.Tag {
	return &model.Tag{ID: globalID("Tag", t.ID), Scope: model.TagScope(t.Scope), Code: t.Code, Name: t.Name, Description: t.Description}
}

func toItem(it *db.Item) *model.Item {
	if it == nil {
		return nil
	}
	return &model.Item{Item: *it, ID: globalID("Item", it.ID)}
}

func toObject(o *db.Object) *model.InspectionObject {
	if o == nil {
		return nil
	}
	return &model.InspectionObject{Object: *o, ID: globalID("InspectionObject", o.ID)}
}

func toInspector(n *db.Inspector) *model.Inspector {
	if n == nil {
		return nil
	}
	return &model.Inspector{Inspector: *n, ID: globalID("Inspector", n.ID)}
}

func toImportJob(j *db.ImportJob) *model.ImportJob {
	if j == nil {
		return nil
	}
	return &model.ImportJob{ImportJob: *j, ID: globalID("ImportJob", j.ID)}
}

func toVersions(vs []db.RecordVersion) []*model.RecordVersion {
	out := make([]*model.RecordVersion, len(vs))
	for i, v := range vs {
		out[i] = &model.RecordVersion{Version: v.Version, ChangedAt: v.ChangedAt, Actor: v.Actor, Source: v.Source, Changes: v.Data}
	}
	return out
}

// tagsOf converts tags, keeping those of scope ("" for any).
func tagsOf(tags []db.Tag, err error, scope string) ([]*model.Tag, error) {
	if err != nil {
		return nil, err
	}
	out := make([]*model.Tag, 0, len(tags))
	for i := range tags {
		if scope == "" || tags[i].Scope == scope {
			out = append(out, toTag(&tags[i]))
		}
	}
	return out, nil
}

func departmentsOf(ds []db.Department, err error) ([]*model.Department, error) {
	if err != nil {
		return nil, err
	}
	out := make([]*model.Department, len(ds))
	for i := range ds {
		out[i] = toDepartment(&ds[i])
	}
	return out, nil
}

// requested reports whether the current list field's selection asks for
// edges.node.<field>, so a list resolver primes only the loaders it needs.
func requested(ctx context.Context, field string) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return false
	}
	oc := graphql.GetOperationContext(ctx)
	for _, edges := range graphql.CollectFields(oc, fc.Field.Selections, nil) {
		if edges.Name != "edges" {
			continue
		}
		for _, node := range graphql.CollectFields(oc, edges.Selections, nil) {
			if node.Name != "node" {
				continue
			}
			for _, f := range graphql.CollectFields(oc, node.Selections, nil) {
				if f.Name == field {
					return true
				}
			}
		}
	}
	return false
}

// prime queues the keys of a page's relations in one batch before the
// page's rows resolve, so each relation costs one statement whatever the
// page size (without it, batching would depend on goroutine timing).
func prime[V any](ctx context.Context, l *dataloadgen.Loader[string, V], keys []string) {
	if len(keys) > 0 {
		_ = l.LoadAllThunk(ctx, keys)
	}
}

// ids decodes a list of opaque ids of one type.
func ids(field, typ string, in []string) ([]string, error) {
	out := make([]string, 0, len(in))
	for _, id := range in {
		key, err := localID(field, typ, id)
		if err != nil {
			return nil, err
		}
		out = append(out, key)
	}
	return out, nil
}

func optionalIDs(field, typ string, in []string) (*[]string, error) {
	if in == nil {
		return nil, nil
	}
	out, err := ids(field, typ, in)
	return &out, err
}

func enumStrings[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}

func objectFilter(f *model.ObjectFilter) (db.ObjectFilter, error) {
	var out db.ObjectFilter
	if f == nil {
		return out, nil
	}
	var err error
	out.Kinds, out.RiskClasses = enumStrings(f.Kinds), enumStrings(f.RiskClasses)
	if out.TagsAny, err = ids("filter.tagsAny", "Tag", f.TagsAny); err != nil {
		return out, err
	}
	if out.TagsAll, err = ids("filter.tagsAll", "Tag", f.TagsAll); err != nil {
		return out, err
	}
	out.RegionCode, out.IndustryCode = strings.TrimSpace(str(f.RegionCode)), strings.ToUpper(strings.TrimSpace(str(f.IndustryCode)))
	dept, err := optionalID("filter.supervisingDepartmentId", "Department", f.SupervisingDepartmentID)
	if err != nil {
		return out, err
	}
	out.SupervisingDepartmentID = str(dept)
	out.Active = f.Active
	out.Search = str(f.Search)
	if len([]rune(out.Search)) > 100 {
		return out, fault.Invalid("filter.search", "搜索词最多100个字符 (search: at most 100 characters)")
	}
	return out, nil
}

func inspectorFilter(f *model.InspectorFilter) (db.InspectorFilter, error) {
	var out db.InspectorFilter
	if f == nil {
		return out, nil
	}
	dept, err := optionalID("filter.departmentId", "Department", f.DepartmentID)
	if err != nil {
		return out, err
	}
	out.DepartmentID = str(dept)
	out.Kinds, out.Statuses = enumStrings(f.Kinds), enumStrings(f.Statuses)
	if out.QualificationIDs, err = ids("filter.qualificationIds", "Tag", f.QualificationIds); err != nil {
		return out, err
	}
	out.RegionCode, out.Search = str(f.RegionCode), str(f.Search)
	return out, nil
}

func itemFilter(f *model.ItemFilter) (db.ItemFilter, error) {
	var out db.ItemFilter
	if f == nil {
		return out, nil
	}
	dept, err := optionalID("filter.departmentId", "Department", f.DepartmentID)
	if err != nil {
		return out, err
	}
	out.DepartmentID = str(dept)
	if f.Category != nil {
		out.Category = string(*f.Category)
	}
	if f.Method != nil {
		out.Method = string(*f.Method)
	}
	if f.ObjectKind != nil {
		out.ObjectKind = string(*f.ObjectKind)
	}
	out.Statuses, out.Search = enumStrings(f.Statuses), str(f.Search)
	return out, nil
}

func objectInput(in model.ObjectInput) (service.ObjectInput, error) {
	kind, name := string(in.Kind), in.Name
	out := service.ObjectInput{UID: str(in.UID), Kind: &kind, Name: &name, LegalRep: in.LegalRepresentative,
		Address: in.Address, RegionCode: in.RegionCode, IndustryCode: in.IndustryCode, RegStatus: in.RegistrationStatus,
		RiskSource: str(in.RiskSource), ContactName: in.ContactName, ContactPhone: in.ContactPhone, Active: in.Active}
	if in.RiskClass != nil {
		r := string(*in.RiskClass)
		out.RiskClass = &r
	}
	var err error
	if out.TagIDs, err = optionalIDs("tagIds", "Tag", in.TagIds); err != nil {
		return out, err
	}
	out.DepartmentIDs, err = optionalIDs("supervisingDepartmentIds", "Department", in.SupervisingDepartmentIds)
	return out, err
}

func inspectorInput(in model.InspectorInput) (service.InspectorInput, error) {
	dept, err := localID("departmentId", "Department", in.DepartmentID)
	if err != nil {
		return service.InspectorInput{}, err
	}
	out := service.InspectorInput{UID: str(in.UID), Name: in.Name, DepartmentID: dept, Kind: string(in.Kind),
		Organisation: str(in.Organisation), CertNo: str(in.CertificateNumber), RegionCode: str(in.RegionCode),
		Phone: str(in.Phone)}
	if in.CertificateExpiresOn != nil {
		out.CertExpires = string(*in.CertificateExpiresOn)
	}
	if in.StatusSince != nil {
		out.StatusSince = string(*in.StatusSince)
	}
	if in.Status != nil {
		out.Status = string(*in.Status)
	}
	if out.QualificationIDs, err = ids("qualificationIds", "Tag", in.QualificationIds); err != nil {
		return out, err
	}
	out.ExpertiseIDs, err = ids("expertiseIds", "Tag", in.ExpertiseIds)
	return out, err
}

func itemInput(in model.ItemInput) (service.ItemInput, error) {
	dept, err := optionalID("departmentId", "Department", in.DepartmentID)
	if err != nil {
		return service.ItemInput{}, err
	}
	out := service.ItemInput{DepartmentID: str(dept), Code: str(in.Code), Name: in.Name, Basis: in.Basis,
		Subject: in.Subject, ObjectKinds: enumStrings(in.ObjectKinds), Content: in.Content, Method: string(in.Method),
		Category: string(in.Category), RatioCapBP: in.RatioCapBp, Note: str(in.Note)}
	if in.Status != nil {
		out.Status = string(*in.Status)
	}
	for _, r := range in.BasisRefs {
		out.BasisRefs = append(out.BasisRefs, db.LegalRef{Law: r.Law, Article: str(r.Article)})
	}
	out.QualificationIDs, err = ids("qualificationIds", "Tag", in.QualificationIds)
	return out, err
}

// itemPosition encodes and decodes the keyset position of the item listing.
func itemCursor(it *db.Item, sortOrder int, deptCode string) string {
	return cursor(strconv.Itoa(sortOrder) + "|" + deptCode + "|" + it.Code)
}

func itemPosition(after *string) (db.ItemPosition, error) {
	pos, err := fromCursor(after)
	if err != nil || pos == "" {
		return db.ItemPosition{}, err
	}
	parts := strings.SplitN(pos, "|", 3)
	if len(parts) != 3 {
		return db.ItemPosition{}, fault.Invalid("after", "分页游标无效 (invalid cursor)")
	}
	n, err := strconv.Atoi(parts[0])
	if err != nil {
		return db.ItemPosition{}, fault.Invalid("after", "分页游标无效 (invalid cursor)")
	}
	return db.ItemPosition{SortOrder: n, DepartmentCode: parts[1], Code: parts[2]}, nil
}

func optionalDate(s string) *model.Date {
	if s == "" {
		return nil
	}
	d := model.Date(s)
	return &d
}

func conflictIDs(inspectorID, objectID string) (string, string, error) {
	ik, err := localID("inspectorId", "Inspector", inspectorID)
	if err != nil {
		return "", "", err
	}
	ok, err := localID("objectId", "InspectionObject", objectID)
	return ik, ok, err
}

// exportLink asks the service for a one-time download link of a filtered list.
func (r *Resolver) exportLink(ctx context.Context, kind string, format model.ExportFormat, filter any) (*model.ExportLink, error) {
	link, err := r.svc.PrepareExport(ctx, kind, strings.ToLower(string(format)), filter)
	if err != nil {
		return nil, err
	}
	return &model.ExportLink{URL: "/export/" + link.Token, ExpiresAt: link.ExpiresAt}, nil
}

// pollImportJob streams a job's state every interval until it ends.
func pollImportJob(ctx context.Context, svc *service.Service, id string, every time.Duration) <-chan *model.ImportJob {
	ch := make(chan *model.ImportJob, 1)
	go func() {
		defer close(ch)
		t := time.NewTicker(every)
		defer t.Stop()
		last := ""
		for {
			j, err := svc.ImportJob(ctx, id)
			if err != nil {
				return
			}
			state := fmt.Sprintf("%s/%d/%d", j.Status, j.ProcessedRows, j.RejectedCount)
			if state != last {
				select {
				case ch <- toImportJob(j):
					last = state
				case <-ctx.Done():
					return
				}
			}
			if j.Status == db.ImportSucceeded || j.Status == db.ImportFailed {
				return
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
