package db

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
)

// copyMinRows is the size from which a bulk insert on PostgreSQL goes
// through COPY instead of multi-row INSERT statements: COPY skips parsing
// and planning, about 2.5 times faster for the search postings of an
// import (docs/benchmarks.md), but is one more round trip to set up.
const copyMinRows = 64

// bulkTx is what bulk inserts inside a transaction keep at hand, in the
// context of the transaction's function: the transaction itself (SQLite
// prepares its INSERT statements on it), on PostgreSQL the transaction's
// own connection (for COPY), and the store's statement counter, which bun's
// hooks do not reach for either.
type bulkTx struct {
	tx      *sql.Tx
	conn    *bun.Conn // PostgreSQL only
	onQuery func()
}

type bulkTxKey struct{}

// bulkTxOf returns the bulkTx of the transaction idb is, or nil: another
// handle (the pool, another transaction) must not write through it.
func bulkTxOf(ctx context.Context, idb bun.IDB) *bulkTx {
	b, _ := ctx.Value(bulkTxKey{}).(*bulkTx)
	if b == nil {
		return nil
	}
	if tx, ok := idb.(bun.Tx); !ok || tx.Tx != b.tx {
		return nil
	}
	return b
}

func (b *bulkTx) counted() {
	if b.onQuery != nil {
		b.onQuery()
	}
}

// copy writes rows into table with COPY FROM STDIN on the transaction's
// connection, so the rows are part of the transaction.
func (b *bulkTx) copy(ctx context.Context, table string, cols []string, rows [][]any) error {
	err := b.conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("not a pgx connection: %T", dc)
		}
		_, err := sc.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
	b.counted()
	if err != nil {
		return fmt.Errorf("copy %d rows into %s: %w", len(rows), table, err)
	}
	return nil
}
