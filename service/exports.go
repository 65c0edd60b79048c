package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/uptrace/bun"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/privacy"
	"github.com/suiji-dev/suiji/tabular"
)

// exportTTL is how long an export link stays valid.
const exportTTL = 2 * time.Minute

// ExportLink is a one-time download link.
type ExportLink struct {
	Token     string
	ExpiresAt time.Time
}

type exportLinkRow struct {
	bun.BaseModel `bun:"table:export_links"`

	ID        string     `bun:"id,pk"`
	TokenHash string     `bun:"token_hash"`
	UserID    *string    `bun:"user_id"`
	Kind      string     `bun:"kind"`
	Format    string     `bun:"format"`
	Filter    string     `bun:"filter"`
	CreatedAt time.Time  `bun:"created_at"`
	ExpiresAt time.Time  `bun:"expires_at"`
	UsedAt    *time.Time `bun:"used_at"`
}

// PrepareExport records what the caller wants exported and returns a
// one-time token for the download. Who may export what is checked here and
// again when the download starts.
func (s *Service) PrepareExport(ctx context.Context, kind, format string, filter any) (*ExportLink, error) {
	c := identity.From(ctx)
	if kind != "items" {
		if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
			return nil, err
		}
	}
	if format != "csv" && format != "xlsx" {
		return nil, fault.Invalid("format", "导出格式应为 CSV 或 XLSX (format must be CSV or XLSX)")
	}
	f, err := json.Marshal(filter)
	if err != nil {
		return nil, err
	}
	raw := make([]byte, 24)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	sum := sha256.Sum256([]byte(token))
	row := &exportLinkRow{ID: uuid.Must(uuid.NewV7()).String(), TokenHash: hex.EncodeToString(sum[:]), Kind: kind,
		Format: format, Filter: string(f), CreatedAt: s.now(), ExpiresAt: s.now().Add(exportTTL)}
	if c.SignedIn() {
		row.UserID = &c.UserID
	}
	err = s.mutate(ctx, "export.prepare", func(ctx context.Context, tx bun.Tx) (Change, error) {
		if _, err := tx.NewInsert().Model(row).Exec(ctx); err != nil {
			return Change{}, fmt.Errorf("store export link: %w", err)
		}
		return Change{TargetType: "Export", TargetID: row.ID, After: map[string]any{"kind": kind, "format": format, "filter": json.RawMessage(f)}}, nil
	})
	if err != nil {
		return nil, err
	}
	return &ExportLink{Token: token, ExpiresAt: row.ExpiresAt}, nil
}

// Download is a spent export link, ready to stream.
type Download struct {
	FileName    string
	ContentType string
	write       func(ctx context.Context, w io.Writer) error
}

// Write streams the export to w.
func (d *Download) Write(ctx context.Context, w io.Writer) error { return d.write(ctx, w) }

// OpenExport spends a one-time token and returns the download, streamed
// with the privileges of whoever asked for it (checked again now: a user
// disabled since is refused).
func (s *Service) OpenExport(ctx context.Context, token string) (*Download, error) {
	sum := sha256.Sum256([]byte(token))
	row := new(exportLinkRow)
	now := s.now()
	err := s.db.NewRaw(`UPDATE export_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
		RETURNING id, user_id, kind, format, filter`, now, hex.EncodeToString(sum[:]), now).
		Scan(ctx, &row.ID, &row.UserID, &row.Kind, &row.Format, &row.Filter)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fault.New(fault.NotFound, "下载链接无效或已过期，请重新导出 (the download link is invalid, used or expired: export again)")
	}
	if err != nil {
		return nil, err
	}
	caller := identity.From(ctx)
	if row.UserID != nil {
		u, err := db.GetUser(ctx, s.db, *row.UserID)
		if err != nil || u.Disabled {
			return nil, fault.New(fault.Unauthenticated, "账号不可用 (account unavailable)")
		}
		caller = callerOf(u, caller)
	}
	ctx = identity.With(ctx, caller)
	stamp := time.Now().In(chinaTime).Format("20060102-1504")
	d := &Download{FileName: row.Kind + "-" + stamp + "." + row.Format, ContentType: "text/csv; charset=utf-8"}
	if row.Format == "xlsx" {
		d.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	switch row.Kind {
	case "objects":
		var f db.ObjectFilter
		if err := json.Unmarshal([]byte(row.Filter), &f); err != nil {
			return nil, err
		}
		if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
			return nil, err
		}
		d.write = func(ctx context.Context, w io.Writer) error { return s.exportObjects(ctx, w, row.Format, f) }
	case "inspectors":
		var f db.InspectorFilter
		if err := json.Unmarshal([]byte(row.Filter), &f); err != nil {
			return nil, err
		}
		if err := require(ctx, identity.Admin, identity.DeptAdmin, identity.Analyst); err != nil {
			return nil, err
		}
		d.write = func(ctx context.Context, w io.Writer) error { return s.exportInspectors(ctx, w, row.Format, f) }
	case "items":
		var f db.ItemFilter
		if err := json.Unmarshal([]byte(row.Filter), &f); err != nil {
			return nil, err
		}
		d.write = func(ctx context.Context, w io.Writer) error { return s.exportItems(ctx, w, row.Format, f) }
	default:
		return nil, fault.New(fault.NotFound, "未知的导出类型 (unknown export)")
	}
	return d, nil
}

var chinaTime = time.FixedZone("CST", 8*3600)

// sheetWriter is what both spreadsheet writers offer.
type sheetWriter interface {
	Write(cells []string) error
	Close() error
}

func newSheet(w io.Writer, format, sheet string, header []string) (sheetWriter, error) {
	if format == "xlsx" {
		return tabular.NewXLSXWriter(w, sheet, header)
	}
	return tabular.NewCSVWriter(w, header)
}

// personal masks personal data for callers below ADMIN and DEPT_ADMIN, as
// the API's @personal directive does.
func personal(ctx context.Context, v string) string {
	if identity.From(ctx).Is(identity.Admin, identity.DeptAdmin) {
		return v
	}
	return privacy.Mask(v)
}

func (s *Service) exportObjects(ctx context.Context, w io.Writer, format string, f db.ObjectFilter) error {
	refs, err := loadRefs(ctx, s.db)
	if err != nil {
		return err
	}
	cols := objectColumns()
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Names[0]
	}
	out, err := newSheet(w, format, "检查对象", header)
	if err != nil {
		return err
	}
	seesRisk := identity.From(ctx).Is(identity.Admin, identity.DeptAdmin, identity.Analyst)
	err = db.EachObject(ctx, s.db, f, func(page []db.Object) error {
		ids := make([]string, len(page))
		for i := range page {
			ids[i] = page[i].ID
		}
		tags, err := db.TagLinks(ctx, s.db, "object_tags", "object_id", ids)
		if err != nil {
			return err
		}
		depts, err := db.ObjectDepartmentLinks(ctx, s.db, ids)
		if err != nil {
			return err
		}
		for _, o := range page {
			risk := ""
			if seesRisk {
				risk = o.RiskClass
			}
			row := []string{o.UID, kindLabel[o.Kind], o.Name, o.LegalRep, o.Address, o.RegionCode, o.IndustryCode,
				o.RegStatus, risk, refs.tagNames(tags[o.ID]), refs.departmentNames(depts[o.ID]),
				personal(ctx, o.ContactName), personal(ctx, o.ContactPhone), activeLabel(o.Active)}
			if err := out.Write(row); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return out.Close()
}

func (s *Service) exportInspectors(ctx context.Context, w io.Writer, format string, f db.InspectorFilter) error {
	refs, err := loadRefs(ctx, s.db)
	if err != nil {
		return err
	}
	cols := inspectorColumns()
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Names[0]
	}
	out, err := newSheet(w, format, "检查人员", header)
	if err != nil {
		return err
	}
	after := ""
	for {
		page, more, err := db.ListInspectors(ctx, s.db, f, 1000, after)
		if err != nil {
			return err
		}
		ids := make([]string, len(page))
		for i := range page {
			ids[i] = page[i].ID
		}
		tags, err := db.TagLinks(ctx, s.db, "inspector_tags", "inspector_id", ids)
		if err != nil {
			return err
		}
		for _, n := range page {
			var quals, exps []string
			for _, t := range tags[n.ID] {
				if refs.tags[t].Scope == db.TagQualification {
					quals = append(quals, t)
				} else {
					exps = append(exps, t)
				}
			}
			row := []string{n.UID, n.Name, refs.departments[n.DepartmentID].Name, inspectorKindLabel[n.Kind], n.Organisation,
				personal(ctx, n.CertNo), n.CertExpires, refs.tagNames(quals), refs.tagNames(exps), n.RegionCode,
				personal(ctx, n.Phone), inspectorStatusLabel[n.Status], n.StatusSince}
			if err := out.Write(row); err != nil {
				return err
			}
		}
		if !more || len(page) == 0 {
			break
		}
		after = page[len(page)-1].UID
	}
	return out.Close()
}

func (s *Service) exportItems(ctx context.Context, w io.Writer, format string, f db.ItemFilter) error {
	refs, err := loadRefs(ctx, s.db)
	if err != nil {
		return err
	}
	f = itemScope(ctx, f)
	cols := itemColumns()
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Names[0]
	}
	out, err := newSheet(w, format, "抽查事项清单", header)
	if err != nil {
		return err
	}
	var after db.ItemPosition
	for {
		page, more, err := db.ListItems(ctx, s.db, f, 1000, after)
		if err != nil {
			return err
		}
		ids := make([]string, len(page))
		for i := range page {
			ids[i] = page[i].ID
		}
		quals, err := db.TagLinks(ctx, s.db, "item_qualifications", "item_id", ids)
		if err != nil {
			return err
		}
		for _, it := range page {
			kinds := it.Kinds()
			labels := make([]string, len(kinds))
			for i, k := range kinds {
				labels[i] = kindLabel[k]
			}
			ratio := ""
			if it.RatioCapBP != nil {
				ratio = strconv.FormatFloat(float64(*it.RatioCapBP)/100, 'f', -1, 64)
			}
			row := []string{refs.departments[it.DepartmentID].Name, it.Code, it.Name, it.Basis, it.Subject,
				strings.Join(labels, "；"), it.Content, methodLabel[it.Method], categoryLabel[it.Category], ratio,
				refs.tagNames(quals[it.ID]), itemStatusLabel[it.Status], it.Note}
			if err := out.Write(row); err != nil {
				return err
			}
		}
		if !more || len(page) == 0 {
			break
		}
		last := page[len(page)-1]
		d := refs.departments[last.DepartmentID]
		after = db.ItemPosition{SortOrder: d.SortOrder, DepartmentCode: d.Code, Code: last.Code}
	}
	return out.Close()
}

func (r *refs) tagNames(ids []string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		names = append(names, r.tags[id].Name)
	}
	return strings.Join(names, "；")
}

func (r *refs) departmentNames(ids []string) string {
	names := make([]string, 0, len(ids))
	for _, id := range ids {
		names = append(names, r.departments[id].Name)
	}
	return strings.Join(names, "；")
}

func activeLabel(active bool) string {
	if active {
		return "有效"
	}
	return "已关闭"
}
