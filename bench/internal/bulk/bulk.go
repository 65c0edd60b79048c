// Package bulk loads generated objects into a migrated PostgreSQL database
// with COPY, writing the rows the import pipeline would write for them:
// objects, object_tags, object_departments, object_grams (db.PostingGrams of the
// name) and the first object_versions entry (the same before/after JSON).
// It is for benchmarks only: it skips the audit entry and the import job.
// The database needs the demo departments and tags (suiji seed --demo).
package bulk

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"

	"github.com/suiji-dev/suiji/audit"
	"github.com/suiji-dev/suiji/bench/internal/objgen"
	"github.com/suiji-dev/suiji/db"
)

// Stats says what a load wrote and how long it took.
type Stats struct {
	Objects, Tags, Departments, Grams int
	Elapsed                           time.Duration
}

var kindCode = map[string]string{"企业": "ENTERPRISE", "个体工商户": "INDIVIDUAL_BUSINESS"}

// Load writes n new objects (uids distinct from each other and from the
// objects already there) in transactions of chunk objects.
func Load(ctx context.Context, url string, n, chunk int, seed uint64, progress io.Writer) (Stats, error) {
	start := time.Now()
	var st Stats
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return st, err
	}
	defer conn.Close(context.Background())
	depts, err := names(ctx, conn, "SELECT name, id FROM departments")
	if err != nil {
		return st, err
	}
	tags, err := names(ctx, conn, "SELECT name, id FROM tags WHERE scope = '"+db.TagObject+"'")
	if err != nil {
		return st, err
	}
	if depts["市场监管局"] == "" || tags["食品经营"] == "" {
		return st, fmt.Errorf("the database has no demo departments or tags: run suiji seed --demo on it first")
	}
	var super string
	_ = conn.QueryRow(ctx, "SELECT current_setting('is_superuser')").Scan(&super)
	fkOff := super == "on"
	gen := objgen.New(seed)
	rows, err := conn.Query(ctx, "SELECT uid FROM objects")
	if err != nil {
		return st, err
	}
	for rows.Next() {
		var u string
		if err := rows.Scan(&u); err != nil {
			return st, err
		}
		gen.Exclude(u)
	}
	if rows.Err() != nil {
		return st, rows.Err()
	}
	objCols := []string{"id", "uid", "kind", "name", "legal_rep", "address", "region_code", "industry_code", "reg_status",
		"risk_class", "risk_changed_at", "risk_source", "contact_name", "contact_phone", "active", "version", "created_at", "updated_at"}
	for done := 0; done < n; {
		size := min(chunk, n-done)
		var objs, tagRows, deptRows, gramRows, verRows [][]any
		now := time.Now().UTC().Truncate(time.Microsecond)
		for len(objs) < size {
			r, err := gen.Next()
			if err != nil {
				return st, err
			}
			rec := db.ObjectRecord{Object: db.Object{ID: uuid.Must(uuid.NewV7()).String(), UID: r[0], Kind: kindCode[r[1]],
				Name: r[2], LegalRep: r[3], Address: r[4], RegionCode: r[5], IndustryCode: r[6], RegStatus: r[7],
				RiskClass: r[8], RiskChangedAt: &now, RiskSource: "导入", ContactName: r[11], ContactPhone: r[12],
				Active: r[13] == "有效", Version: 1, CreatedAt: now, UpdatedAt: now}}
			for _, t := range split(r[9]) {
				rec.TagIDs = append(rec.TagIDs, tags[t])
			}
			for _, d := range split(r[10]) {
				rec.DepartmentIDs = append(rec.DepartmentIDs, depts[d])
			}
			o := rec.Object
			objs = append(objs, []any{o.ID, o.UID, o.Kind, o.Name, o.LegalRep, o.Address, o.RegionCode, o.IndustryCode,
				o.RegStatus, o.RiskClass, o.RiskChangedAt, o.RiskSource, o.ContactName, o.ContactPhone, o.Active,
				o.Version, o.CreatedAt, o.UpdatedAt})
			for _, t := range rec.TagIDs {
				tagRows = append(tagRows, []any{o.ID, t})
			}
			for _, d := range rec.DepartmentIDs {
				deptRows = append(deptRows, []any{o.ID, d})
			}
			for _, g := range db.PostingGrams(o.Name) {
				gramRows = append(gramRows, []any{g, o.UID})
			}
			b, a, err := audit.Diff(nil, &rec)
			if err != nil {
				return st, err
			}
			data, err := json.Marshal(map[string]json.RawMessage{"before": b, "after": a})
			if err != nil {
				return st, err
			}
			verRows = append(verRows, []any{o.ID, 1, now, "bench", "import", string(data)})
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			// The rows are consistent by construction: skip the per-row
			// foreign-key triggers, which cost more than the COPY itself
			// (needs a superuser; the benchmarks' own server has one).
			if fkOff {
				if _, err := tx.Exec(ctx, "SET LOCAL session_replication_role = replica"); err != nil {
					return err
				}
			}
			for _, c := range []struct {
				table string
				cols  []string
				rows  [][]any
			}{
				{"objects", objCols, objs},
				{"object_tags", []string{"object_id", "tag_id"}, tagRows},
				{"object_departments", []string{"object_id", "department_id"}, deptRows},
				{"object_grams", []string{"gram", "uid"}, gramRows},
				{"object_versions", []string{"object_id", "version", "changed_at", "actor", "source", "data"}, verRows},
			} {
				if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
					return fmt.Errorf("copy %s: %w", c.table, err)
				}
			}
			return nil
		})
		if err != nil {
			return st, err
		}
		done += size
		st.Objects += len(objs)
		st.Tags += len(tagRows)
		st.Departments += len(deptRows)
		st.Grams += len(gramRows)
		if progress != nil {
			fmt.Fprintf(progress, "loaded %d/%d objects (%d grams) in %s\n", done, n, st.Grams, time.Since(start).Round(time.Second))
		}
	}
	st.Elapsed = time.Since(start)
	return st, nil
}

// Analyze runs VACUUM (ANALYZE) on the database: statistics for the
// planner, and the visibility map that lets index-only scans (the search's
// posting probes) skip the heap, as autovacuum keeps it on a live server
// after a bulk load.
func Analyze(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, "VACUUM (ANALYZE)")
	return err
}

func names(ctx context.Context, conn *pgx.Conn, q string) (map[string]string, error) {
	rows, err := conn.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for rows.Next() {
		var name, id string
		if err := rows.Scan(&name, &id); err != nil {
			return nil, err
		}
		out[name] = id
	}
	return out, rows.Err()
}

func split(cell string) []string {
	var out []string
	for _, s := range strings.Split(cell, "；") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
