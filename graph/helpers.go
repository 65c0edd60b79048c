package graph

import (
	"context"
	"time"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/graph/model"
	"github.com/suiji-dev/suiji/service"
)

// optionalID decodes an optional opaque id; "" stays "" (meaning: none).
func optionalID(field, typ string, id *string) (*string, error) {
	if id == nil || *id == "" {
		return id, nil
	}
	key, err := localID(field, typ, *id)
	if err != nil {
		return nil, err
	}
	return &key, nil
}

// nullIfNotFound answers a single-record lookup of a missing record with
// null, as GraphQL clients expect, and passes other errors on.
func nullIfNotFound[T any](v *T, err error) (*T, error) {
	if fault.Is(err, fault.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

func nodeOrNil[T model.Node](v T, err error) (model.Node, error) {
	if fault.Is(err, fault.NotFound) || fault.Is(err, fault.Forbidden) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return v, nil
}

func setPageCursors(p *model.PageInfo, n int, at func(int) string) {
	if n == 0 {
		return
	}
	start, end := at(0), at(n-1)
	p.StartCursor, p.EndCursor = &start, &end
}

func userFilter(f *model.UserFilter) (db.UserFilter, error) {
	var out db.UserFilter
	if f == nil {
		return out, nil
	}
	out.Search = str(f.Search)
	if f.Role != nil {
		out.Role = *f.Role
	}
	dept, err := optionalID("filter.departmentId", "Department", f.DepartmentID)
	if err != nil {
		return out, err
	}
	out.DepartmentID = str(dept)
	out.Disabled = f.Disabled
	return out, nil
}

func auditFilter(f *model.AuditFilter) db.AuditFilter {
	var out db.AuditFilter
	if f == nil {
		return out
	}
	out.Actor, out.TargetType, out.Action = str(f.Actor), str(f.TargetType), str(f.Action)
	out.TargetID = str(f.TargetID)
	if _, key, ok := splitID(out.TargetID); ok {
		out.TargetID = key // a public id from the UI: match the stored database id
	}
	out.From, out.To = f.From, f.To
	return out
}

// pollAudit streams entries after seq, checking the store every interval.
func pollAudit(ctx context.Context, svc *service.Service, after int64, every time.Duration) <-chan *model.AuditEntry {
	ch := make(chan *model.AuditEntry, 16)
	go func() {
		defer close(ch)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			entries, err := svc.AuditAfter(ctx, after, 100)
			if err != nil {
				return
			}
			for _, e := range entries {
				select {
				case ch <- toAuditEntry(e):
					after = e.Seq
				case <-ctx.Done():
					return
				}
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
