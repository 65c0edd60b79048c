package db

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
)

// copyMinRows is the size from which a bulk insert on PostgreSQL goes
// through COPY instead of multi-row INSERT statements: COPY skips parsing
// and planning, about 2.5 times faster for the search postings of an
// import (docs/benchmarks.md), but is one more round trip to set up.
const copyMinRows = 64

// copier is a PostgreSQL transaction's own connection, kept in the context
// of the transaction's function so that insertRows can COPY inside it.
type copier struct {
	conn    bun.Conn
	tx      *sql.Tx
	onQuery func()
}

type copierKey struct{}

// copierFor returns the copier of the transaction idb is, or nil: another
// handle (the pool, another transaction) must not write through it.
func copierFor(ctx context.Context, idb bun.IDB) *copier {
	c, _ := ctx.Value(copierKey{}).(*copier)
	if c == nil {
		return nil
	}
	if tx, ok := idb.(bun.Tx); !ok || tx.Tx != c.tx {
		return nil
	}
	return c
}

// copy writes rows into table with COPY FROM STDIN on the transaction's
// connection, so the rows are part of the transaction.
func (c *copier) copy(ctx context.Context, table string, cols []string, rows [][]any) error {
	err := c.conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("not a pgx connection: %T", dc)
		}
		_, err := sc.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
	if c.onQuery != nil {
		c.onQuery()
	}
	if err != nil {
		return fmt.Errorf("copy %d rows into %s: %w", len(rows), table, err)
	}
	return nil
}

// insertModels stores models: with COPY inside a PostgreSQL transaction,
// otherwise in multi-row INSERT statements of rowsPerInsert rows.
func insertModels[T any](ctx context.Context, idb bun.IDB, models []T) error {
	if copierFor(ctx, idb) != nil && len(models) >= copyMinRows {
		cols, rows := modelRows(idb, models)
		table := idb.Dialect().Tables().Get(reflect.TypeFor[T]())
		return insertRows(ctx, idb, table.Name, cols, rows)
	}
	for start := 0; start < len(models); start += rowsPerInsert {
		chunk := models[start:min(start+rowsPerInsert, len(models))]
		if _, err := idb.NewInsert().Model(&chunk).Exec(ctx); err != nil {
			return fmt.Errorf("insert %d rows: %w", len(chunk), err)
		}
	}
	return nil
}

// modelRows reads models' columns and values as bun maps them.
func modelRows[T any](idb bun.IDB, models []T) (cols []string, rows [][]any) {
	table := idb.Dialect().Tables().Get(reflect.TypeFor[T]())
	for _, f := range table.Fields {
		cols = append(cols, f.Name)
	}
	rows = make([][]any, len(models))
	for i := range models {
		v := reflect.ValueOf(&models[i]).Elem()
		row := make([]any, len(table.Fields))
		for j, f := range table.Fields {
			row[j] = f.Value(v).Interface()
		}
		rows[i] = row
	}
	return cols, rows
}
