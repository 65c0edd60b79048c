package db

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/uptrace/bun"
)

// Migrations are append-only: a file, once released, is never edited; a
// change is a new file with the next number. Each file is plain SQL that both
// stores accept (TEXT ids, TIMESTAMPTZ, BOOLEAN, BIGINT), statements separated
// by lines holding only "--split". A statement holding a line "--store sqlite"
// or "--store postgres" runs on that store only: for what one store does its
// own way (SQLite's search index, migration 0009).
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one versioned schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations returns the embedded migrations in order.
func Migrations() ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var out []Migration
	seen := map[int]string{}
	for _, e := range entries {
		name := e.Name()
		num, rest, ok := strings.Cut(strings.TrimSuffix(name, ".sql"), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must be NNNN_description.sql", name)
		}
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migrations %s and %s share version %d", prev, name, v)
		}
		seen[v] = name
		body, err := fs.ReadFile(migrationFiles, "migrations/"+name)
		if err != nil {
			return nil, err
		}
		for i, stmt := range splitStatements(string(body)) {
			if k := statementStore(stmt); k != "" && k != SQLite && k != Postgres {
				return nil, fmt.Errorf("migration %s statement %d: unknown store %q (sqlite or postgres)", name, i+1, k)
			}
		}
		out = append(out, Migration{Version: v, Name: rest, SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// Migrate applies every pending migration in one transaction. On PostgreSQL
// an advisory lock makes concurrent replicas wait for each other; on SQLite
// the transaction starts as BEGIN IMMEDIATE, which does the same.
// It returns the versions it applied.
func (db *DB) Migrate(ctx context.Context) ([]int, error) { return db.migrateTo(ctx, math.MaxInt) }

// migrateTo applies the pending migrations up to version last: tests of an
// upgrade start from an older schema with it.
func (db *DB) migrateTo(ctx context.Context, last int) ([]int, error) {
	all, err := Migrations()
	if err != nil {
		return nil, err
	}
	var applied []int
	err = db.Tx(ctx, func(ctx context.Context, tx bun.Tx) error {
		if db.Kind == Postgres {
			// 0x5375696a69 = "Suiji": one fixed lock id for the schema.
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(358402237801)"); err != nil {
				return fmt.Errorf("take migration lock: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version BIGINT PRIMARY KEY,
			name TEXT NOT NULL,
			applied_at TIMESTAMPTZ NOT NULL)`); err != nil {
			return fmt.Errorf("create schema_migrations: %w", err)
		}
		done := map[int]bool{}
		var versions []int
		if err := tx.NewSelect().Table("schema_migrations").Column("version").Scan(ctx, &versions); err != nil {
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		for _, v := range versions {
			done[v] = true
		}
		for _, m := range all {
			if done[m.Version] || m.Version > last {
				continue
			}
			for i, stmt := range splitStatements(m.SQL) {
				if only := statementStore(stmt); only != "" && only != db.Kind {
					continue
				}
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("migration %04d_%s statement %d: %w", m.Version, m.Name, i+1, err)
				}
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
				m.Version, m.Name, Now()); err != nil {
				return fmt.Errorf("record migration %d: %w", m.Version, err)
			}
			applied = append(applied, m.Version)
		}
		return nil
	})
	return applied, err
}

// Pending returns the versions not yet applied (for readiness checks).
func (db *DB) Pending(ctx context.Context) ([]int, error) {
	all, err := Migrations()
	if err != nil {
		return nil, err
	}
	var versions []int
	if err := db.NewSelect().Table("schema_migrations").Column("version").Scan(ctx, &versions); err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	done := map[int]bool{}
	for _, v := range versions {
		done[v] = true
	}
	var out []int
	for _, m := range all {
		if !done[m.Version] {
			out = append(out, m.Version)
		}
	}
	return out, nil
}

// statementStore is the store a statement is for ("" for both).
func statementStore(stmt string) Kind {
	for line := range strings.Lines(stmt) {
		if k, ok := strings.CutPrefix(strings.TrimSpace(line), "--store "); ok {
			return Kind(strings.TrimSpace(k))
		}
	}
	return ""
}

func splitStatements(sql string) []string {
	var out []string
	for _, part := range strings.Split(sql, "\n--split\n") {
		if s := strings.TrimSpace(part); s != "" {
			out = append(out, s)
		}
	}
	return out
}
