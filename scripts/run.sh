#!/usr/bin/env bash
# Builds everything (Go, the SPA) and starts suiji on the embedded SQLite
# store with demo data. Configuration: SUIJI_ADDR (default 127.0.0.1:8080),
# SUIJI_DATA_DIR (default ./var), SUIJI_DEMO_PASSWORD (default suiji-demo).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v go >/dev/null || { echo "run: Go is not installed (https://go.dev/dl/)" >&2; exit 2; }
command -v npm >/dev/null || { echo "run: Node.js and npm are not installed" >&2; exit 2; }

echo "==> installing npm packages"
./scripts/npm-ci.sh
echo "==> building the web app"
npm run --silent build
echo "==> building bin/suiji"
go build -o bin/suiji ./server
echo "==> loading demo data"
./bin/suiji seed --demo
echo "==> starting (Ctrl-C stops)"
exec ./bin/suiji serve "$@"
