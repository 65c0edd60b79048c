package db

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/schema"
)

// rowsPerInsert is the size of the multi-row INSERT statements of bulk
// writes (SQLite, and small ones on PostgreSQL). 100-row statements are as
// fast as 500-row ones and keep each statement's text and undo small
// (docs/benchmarks.md).
const rowsPerInsert = 100

// bulkRows is one table's rows for bulkInsert: n rows, each given as plain
// values (for COPY and bound parameters) or appended as SQL literals.
type bulkRows struct {
	table    string
	cols     []string
	n        int
	values   func(i int) []any
	literals func(gen schema.QueryGen, b []byte, i int) []byte
}

// plainRows is rows of plain values in the order of cols. table and cols
// are this package's own names, never input.
func plainRows(table string, cols []string, rows [][]any) bulkRows {
	return bulkRows{table: table, cols: cols, n: len(rows),
		values: func(i int) []any { return rows[i] },
		literals: func(gen schema.QueryGen, b []byte, i int) []byte {
			for j, v := range rows[i] {
				if j > 0 {
					b = append(b, ", "...)
				}
				b = gen.Append(b, v)
			}
			return b
		}}
}

// modelRows is models as rows of their table, each value read and quoted
// as bun does for a model insert.
func modelRows[T any](idb bun.IDB, models []T) bulkRows {
	table := idb.Dialect().Tables().Get(reflect.TypeFor[T]())
	cols := make([]string, len(table.Fields))
	for i, f := range table.Fields {
		cols[i] = f.Name
	}
	return bulkRows{table: table.Name, cols: cols, n: len(models),
		values: func(i int) []any {
			v := reflect.ValueOf(&models[i]).Elem()
			row := make([]any, len(table.Fields))
			for j, f := range table.Fields {
				if f.NullZero && f.HasZeroValue(v) {
					continue // NULL, as bun writes it
				}
				row[j] = f.Value(v).Interface()
			}
			return row
		},
		literals: func(gen schema.QueryGen, b []byte, i int) []byte {
			v := reflect.ValueOf(&models[i]).Elem()
			for j, f := range table.Fields {
				if j > 0 {
					b = append(b, ", "...)
				}
				b = f.AppendValue(gen, b, v)
			}
			return b
		}}
}

// insertRows inserts rows of plain values, in the order of cols.
func insertRows(ctx context.Context, idb bun.IDB, table string, cols []string, rows [][]any) error {
	return bulkInsert(ctx, idb, func() (bulkRows, error) { return plainRows(table, cols, rows), nil })
}

// insertModels stores models in their table.
func insertModels[T any](ctx context.Context, idb bun.IDB, models []T) error {
	return bulkInsert(ctx, idb, func() (bulkRows, error) { return modelRows(idb, models), nil })
}

// bulkWrite is one statement of a bulk insert: rows to COPY, a multi-row
// INSERT's text with the values bound to its parameters or written into
// it; or the error that stopped producing them.
type bulkWrite struct {
	table string
	cols  []string
	copy  [][]any
	sql   string
	args  []any
	err   error
}

// bulkInsert inserts the rows of each step into its table, the steps in
// order, within idb, in one of three ways:
//   - inside a PostgreSQL transaction, a step of many rows with COPY;
//   - inside an SQLite transaction, in multi-row INSERT statements of
//     rowsPerInsert rows with bound parameters, each statement prepared once
//     per call: SQLite's parser and code generator took a quarter of an
//     import's writing time when the values were written into the text;
//   - otherwise in multi-row INSERT statements with each value written into
//     the text by the store's own quoting, as bun does with arguments.
//
// The steps run, and the statements are made, on a goroutine ahead of the
// store executing them: on SQLite, whose one writer is an
// import's bottleneck, computing rows and converting values then overlap
// with the store's work. A step must not use idb.
//
// Inside an SQLite transaction the statements are INSERT OR FAIL: a
// failing statement keeps the rows it wrote before the failure instead of
// undoing them, so SQLite keeps no statement journal of the pages each
// statement changes (about a tenth of an import's time). Every caller
// undoes the whole transaction on an error, as it must on PostgreSQL,
// where a failed statement aborts the transaction.
func bulkInsert(ctx context.Context, idb bun.IDB, steps ...func() (bulkRows, error)) error {
	btx := bulkTxOf(ctx, idb)
	copies := btx != nil && btx.conn != nil
	bound := btx != nil && onSQLite(idb)
	verb := "INSERT INTO "
	if bound {
		verb = "INSERT OR FAIL INTO "
	}
	gen := schema.NewQueryGen(idb.Dialect())
	// Up to 64 statements ahead: the producer shares the second core with
	// an import's reader and history, and one or two statements ahead left
	// SQLite waiting for it about a sixth of the time, mostly while the
	// postings were being made.
	writes := make(chan bulkWrite, 64)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(writes)
		send := func(w bulkWrite) bool {
			select {
			case writes <- w:
				return true
			case <-stop:
				return false
			}
		}
		for _, step := range steps {
			rows, err := step()
			if err != nil {
				send(bulkWrite{err: err})
				return
			}
			if copies && rows.n >= copyMinRows {
				values := make([][]any, rows.n)
				for i := range values {
					values[i] = rows.values(i)
				}
				if !send(bulkWrite{table: rows.table, cols: rows.cols, copy: values}) {
					return
				}
				continue
			}
			head := verb + rows.table + " (" + strings.Join(rows.cols, ", ") + ") VALUES "
			tuple := "(" + strings.Repeat("?, ", len(rows.cols)-1) + "?)"
			var full string // the text of a whole rowsPerInsert-row statement, made once
			for start := 0; start < rows.n; start += rowsPerInsert {
				end := min(start+rowsPerInsert, rows.n)
				w := bulkWrite{table: rows.table}
				if bound {
					if end-start < rowsPerInsert {
						w.sql = head + strings.Repeat(tuple+", ", end-start-1) + tuple
					} else {
						if full == "" {
							full = head + strings.Repeat(tuple+", ", rowsPerInsert-1) + tuple
						}
						w.sql = full
					}
					w.args = make([]any, 0, (end-start)*len(rows.cols))
					for i := start; i < end; i++ {
						for _, v := range rows.values(i) {
							if v, err = sqliteArg(v); err != nil {
								send(bulkWrite{err: fmt.Errorf("insert into %s: %w", rows.table, err)})
								return
							}
							w.args = append(w.args, v)
						}
					}
				} else {
					q := []byte(head)
					for i := start; i < end; i++ {
						if i > start {
							q = append(q, ", "...)
						}
						q = append(rows.literals(gen, append(q, '('), i), ')')
					}
					w.sql = string(q)
				}
				if !send(w) {
					return
				}
			}
		}
	}()
	defer func() { close(stop); <-done }() // the producer has stopped when bulkInsert returns
	prepared := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range prepared {
			_ = st.Close()
		}
	}()
	for w := range writes {
		var err error
		switch {
		case w.err != nil:
			return w.err
		case w.copy != nil:
			err = btx.copy(ctx, w.table, w.cols, w.copy)
		case w.args != nil:
			st := prepared[w.sql]
			if st == nil {
				if st, err = btx.tx.PrepareContext(ctx, w.sql); err != nil {
					return fmt.Errorf("prepare insert into %s: %w", w.table, err)
				}
				prepared[w.sql] = st
			}
			_, err = st.ExecContext(ctx, w.args...)
			btx.counted()
		default:
			_, err = idb.ExecContext(ctx, w.sql)
		}
		if err != nil {
			return fmt.Errorf("insert into %s: %w", w.table, err)
		}
	}
	return nil
}

// sqliteArg converts a value of a bulk insert to the parameter that stores
// what bun's literal for it stores: times as bun's SQLite text, booleans
// as 1 and 0.
func sqliteArg(v any) (any, error) {
	switch v := v.(type) {
	case nil, string, int64, []byte:
		return v, nil
	case int:
		return int64(v), nil
	case bool:
		if v {
			return int64(1), nil
		}
		return int64(0), nil
	case time.Time:
		return sqliteTime(v), nil
	case *time.Time:
		if v == nil {
			return nil, nil
		}
		return sqliteTime(*v), nil
	}
	return nil, fmt.Errorf("no SQLite parameter for a %T", v)
}

// sqliteTime is bun's SQLite literal of t, unquoted (schema.BaseDialect.AppendTime).
func sqliteTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.999999-07:00") }
