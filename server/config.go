package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"time"
)

// Config is everything the server reads from flags and the environment.
// Flags win over the environment; the environment wins over defaults.
type Config struct {
	Addr         string   // SUIJI_ADDR
	DataDir      string   // SUIJI_DATA_DIR
	DatabaseURL  string   // SUIJI_DATABASE_URL
	AuditKeyFile string   // SUIJI_AUDIT_KEY_FILE
	CORSOrigins  []string // SUIJI_CORS_ORIGINS, comma-separated
	LogFormat    string   // SUIJI_LOG_FORMAT: text or json
	LogLevel     string   // SUIJI_LOG_LEVEL: debug, info, warn, error
	// CheckpointInterval is how often the server signs an audit checkpoint.
	CheckpointInterval time.Duration // SUIJI_AUDIT_CHECKPOINT_INTERVAL
	MaxBodyBytes       int64
}

// configFlags registers the shared configuration flags on fs, with defaults
// from getenv, and returns a function that finishes and checks the Config.
func configFlags(fs *flag.FlagSet, getenv func(string) string) func() (Config, error) {
	env := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			return v
		}
		return def
	}
	var c Config
	var cors, interval string
	fs.StringVar(&c.Addr, "addr", env("SUIJI_ADDR", "127.0.0.1:8080"), "listen address (SUIJI_ADDR)")
	fs.StringVar(&c.DataDir, "data-dir", env("SUIJI_DATA_DIR", "./var"), "data directory: the SQLite file, uploads, keys (SUIJI_DATA_DIR)")
	fs.StringVar(&c.DatabaseURL, "database-url", env("SUIJI_DATABASE_URL", ""), "postgres://… selects PostgreSQL; empty means the embedded SQLite (SUIJI_DATABASE_URL)")
	fs.StringVar(&c.AuditKeyFile, "audit-key-file", env("SUIJI_AUDIT_KEY_FILE", ""), "Ed25519 key that signs audit checkpoints, kept outside the database (SUIJI_AUDIT_KEY_FILE; default <data-dir>/audit-checkpoint.key)")
	fs.StringVar(&cors, "cors-origins", env("SUIJI_CORS_ORIGINS", ""), "comma-separated browser origins allowed to call the API from elsewhere (SUIJI_CORS_ORIGINS)")
	fs.StringVar(&c.LogFormat, "log-format", env("SUIJI_LOG_FORMAT", "text"), "log format: text or json (SUIJI_LOG_FORMAT)")
	fs.StringVar(&c.LogLevel, "log-level", env("SUIJI_LOG_LEVEL", "info"), "log level: debug, info, warn, error (SUIJI_LOG_LEVEL)")
	fs.StringVar(&interval, "audit-checkpoint-interval", env("SUIJI_AUDIT_CHECKPOINT_INTERVAL", "24h"), "how often to sign an audit checkpoint (SUIJI_AUDIT_CHECKPOINT_INTERVAL)")
	return func() (Config, error) {
		c.MaxBodyBytes = 1 << 20
		for _, o := range strings.Split(cors, ",") {
			if o = strings.TrimSpace(o); o != "" {
				if !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
					return c, fmt.Errorf("SUIJI_CORS_ORIGINS: %q is not an origin like https://example.cn", o)
				}
				c.CORSOrigins = append(c.CORSOrigins, strings.TrimRight(o, "/"))
			}
		}
		d, err := time.ParseDuration(interval)
		if err != nil || d < time.Minute {
			return c, fmt.Errorf("SUIJI_AUDIT_CHECKPOINT_INTERVAL: %q is not a duration of at least 1m (e.g. 24h)", interval)
		}
		c.CheckpointInterval = d
		if c.DataDir == "" {
			return c, errors.New("SUIJI_DATA_DIR must not be empty")
		}
		if c.AuditKeyFile == "" {
			c.AuditKeyFile = filepath.Join(c.DataDir, "audit-checkpoint.key")
		}
		if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
			return c, errors.New("SUIJI_DATABASE_URL must start with postgres:// (or be unset for the embedded SQLite store)")
		}
		if _, _, err := net.SplitHostPort(c.Addr); err != nil {
			return c, fmt.Errorf("SUIJI_ADDR: %q is not host:port (e.g. 127.0.0.1:8080)", c.Addr)
		}
		switch c.LogFormat {
		case "text", "json":
		default:
			return c, fmt.Errorf("SUIJI_LOG_FORMAT: %q is neither text nor json", c.LogFormat)
		}
		switch c.LogLevel {
		case "debug", "info", "warn", "error":
		default:
			return c, fmt.Errorf("SUIJI_LOG_LEVEL: %q is not one of debug, info, warn, error", c.LogLevel)
		}
		return c, nil
	}
}
