// Package db is suiji's storage: bun models, queries and the embedded,
// versioned migrations, on PostgreSQL (production) or a pure-Go SQLite file
// (the embedded default). Every query function takes bun.IDB so it composes
// into the one transaction a mutation runs in.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/uptrace/bun"
	"github.com/uptrace/bun/dialect"
	"github.com/uptrace/bun/dialect/pgdialect"
	"github.com/uptrace/bun/dialect/sqlitedialect"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// Kind names the store behind a DB.
type Kind string

const (
	Postgres Kind = "postgres"
	SQLite   Kind = "sqlite"
)

// Config says which store to open.
type Config struct {
	// URL selects PostgreSQL when it starts with postgres:// or postgresql://.
	// Empty means the embedded SQLite file under DataDir.
	URL     string
	DataDir string
	// OnQuery, when set, is called once per SQL statement (metrics).
	OnQuery func()
	// MaxOpenConns bounds the pool; 0 picks a default per store.
	MaxOpenConns int
}

// DB is an open store.
type DB struct {
	*bun.DB
	Kind Kind
	// Where names the store for logs without credentials.
	Where   string
	onQuery func()
}

// Open connects to the store named by cfg and checks that it answers.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	var (
		sqldb *sql.DB
		bdb   *bun.DB
		kind  Kind
		where string
	)
	switch {
	case strings.HasPrefix(cfg.URL, "postgres://") || strings.HasPrefix(cfg.URL, "postgresql://"):
		pcfg, err := pgx.ParseConfig(cfg.URL)
		if err != nil {
			return nil, fmt.Errorf("SUIJI_DATABASE_URL is not a valid PostgreSQL URL: %w", err)
		}
		pcfg.RuntimeParams["timezone"] = "UTC"
		// The API's statements are short; starting parallel workers costs more
		// (~20 ms) than it saves (docs/benchmarks.md).
		pcfg.RuntimeParams["max_parallel_workers_per_gather"] = "0"
		sqldb = stdlib.OpenDB(*pcfg)
		n := cfg.MaxOpenConns
		if n == 0 {
			n = 20
		}
		sqldb.SetMaxOpenConns(n)
		sqldb.SetMaxIdleConns(n)
		bdb = bun.NewDB(sqldb, pgdialect.New())
		kind, where = Postgres, fmt.Sprintf("postgres %s:%d/%s", pcfg.Host, pcfg.Port, pcfg.Database)
	case cfg.URL == "":
		if cfg.DataDir == "" {
			return nil, errors.New("no data directory for the embedded SQLite store")
		}
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("create data directory %s: %w", cfg.DataDir, err)
		}
		path := filepath.Join(cfg.DataDir, "suiji.db")
		// Writing transactions start as BEGIN IMMEDIATE and wait up to the busy
		// timeout, so concurrent writers queue instead of failing with SQLITE_BUSY.
		dsn := "file:" + path + "?_txlock=immediate" +
			"&_pragma=busy_timeout(15000)&_pragma=journal_mode(WAL)" +
			"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_time_format=sqlite" +
			// Keep temporary tables in memory, and a 16 MiB page cache per
			// connection: an import of 100,000 rows is as fast with 8 MiB as
			// with 32 MiB, and each connection's cache counts in the process's
			// memory (32 MiB took about 33 MB more; docs/benchmarks.md).
			"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-16384)"
		var err error
		sqldb, err = sql.Open("sqlite", dsn)
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		n := cfg.MaxOpenConns
		if n == 0 {
			n = 4
		}
		sqldb.SetMaxOpenConns(n)
		sqldb.SetMaxIdleConns(n)
		sqldb.SetConnMaxIdleTime(0)
		bdb = bun.NewDB(sqldb, sqlitedialect.New())
		kind, where = SQLite, "sqlite "+path
	default:
		return nil, fmt.Errorf("SUIJI_DATABASE_URL must start with postgres:// (or be unset for the embedded SQLite store)")
	}
	if cfg.OnQuery != nil {
		bdb.AddQueryHook(countHook{cfg.OnQuery})
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := bdb.PingContext(pingCtx); err != nil {
		_ = bdb.Close()
		return nil, fmt.Errorf("cannot reach %s: %w", where, err)
	}
	return &DB{DB: bdb, Kind: kind, Where: where, onQuery: cfg.OnQuery}, nil
}

// Tx runs fn in one transaction: committed when fn returns nil, rolled back
// otherwise (and on panic).
//
// The context fn gets keeps the transaction at hand for bulk inserts inside
// it (bulktx.go); on PostgreSQL the transaction runs on a connection of its
// own, so that they can use COPY.
func (db *DB) Tx(ctx context.Context, fn func(ctx context.Context, tx bun.Tx) error) error {
	if db.Kind != Postgres {
		return db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
			return fn(context.WithValue(ctx, bulkTxKey{}, &bulkTx{tx: tx.Tx, onQuery: db.onQuery}), tx)
		})
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("a connection for the transaction: %w", err)
	}
	defer conn.Close()
	return conn.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		return fn(context.WithValue(ctx, bulkTxKey{}, &bulkTx{tx: tx.Tx, conn: &conn, onQuery: db.onQuery}), tx)
	})
}

// Begin starts a transaction that outlives one function, as an import's
// group of batches on SQLite does; the statements inside it run with the
// context Begin returns. Bulk inserts inside it use INSERT statements on
// both stores (Tx lets PostgreSQL COPY).
func (db *DB) Begin(ctx context.Context) (context.Context, bun.Tx, error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return ctx, tx, err
	}
	return context.WithValue(ctx, bulkTxKey{}, &bulkTx{tx: tx.Tx, onQuery: db.onQuery}), tx, nil
}

type countHook struct{ inc func() }

func (h countHook) BeforeQuery(ctx context.Context, _ *bun.QueryEvent) context.Context { return ctx }
func (h countHook) AfterQuery(context.Context, *bun.QueryEvent)                        { h.inc() }

// Now is the storage clock: UTC at microsecond precision, so times survive a
// round trip through PostgreSQL unchanged (and hashes over them stay valid).
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// IsUniqueViolation reports whether err is a unique-constraint failure on
// either store.
func IsUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "SQLSTATE 23505") || strings.Contains(s, "UNIQUE constraint failed") ||
		strings.Contains(s, "duplicate key value")
}

// onSQLite says whether idb works on the embedded store.
func onSQLite(idb bun.IDB) bool { return idb.Dialect().Name() == dialect.SQLite }
