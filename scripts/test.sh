#!/usr/bin/env bash
# Runs every test of suiji: generated code is current, go vet, the Go tests
# on SQLite and on a throwaway PostgreSQL 15 started here, the SPA's type
# check and unit tests, and the browser end-to-end test against a real server.
# On a fresh machine it installs what it needs (npm packages, Debian's
# chromium) and fails loudly when it cannot.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
artifacts=${SUIJI_ARTIFACTS:-$root/artifacts}
mkdir -p "$artifacts"
step() { printf '\n==> %s\n' "$*"; }
fail() { echo "test: $*" >&2; exit 1; }

command -v go >/dev/null || fail "Go is not installed"
command -v npm >/dev/null || fail "Node.js and npm are not installed"

# --- set-up ------------------------------------------------------------------
# Debian packages for the browser test: chromium, and CJK fonts so that
# screenshots show Chinese text instead of boxes.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]} for the browser test (Debian packages)"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
    || fail "could not install ${missing[*]} (needs root or sudo, and Debian's package mirror)"
fi
step "installing npm packages"
./scripts/npm-ci.sh

# --- a throwaway PostgreSQL for every Go package -----------------------------
pgbin=""
for d in "" /usr/lib/postgresql/*/bin; do
  if [ -z "$d" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then pgbin=$(dirname "$(command -v pg_ctl)"); break; fi
  if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then pgbin=$d; fi
done
[ -n "$pgbin" ] || fail "PostgreSQL server binaries (initdb, pg_ctl) not found: install postgresql-15"
pgdir=$(mktemp -d /tmp/suiji-test-pg.XXXXXX)
pgport=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || echo 55432)
asuser=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || fail "running as root and there is no postgres user to run PostgreSQL as"
  chown postgres "$pgdir"
  asuser=(runuser -u postgres --)
fi
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  "${asuser[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgdir"
}
trap cleanup EXIT
step "starting a throwaway PostgreSQL on port $pgport"
"${asuser[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$pgdir/initdb.log" 2>&1 \
  || { cat "$pgdir/initdb.log"; fail "initdb failed"; }
"${asuser[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -t 60 \
  -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$pgdir/log"; fail "PostgreSQL did not start"; }
export SUIJI_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$pgport/postgres?sslmode=disable"

# --- generated code ------------------------------------------------------------
step "checking that generated code is current (make generate)"
go generate ./...
npm run --silent codegen:check --workspace frontend >/dev/null || fail "the SPA's generated GraphQL types are stale: run 'make generate' and commit"
if git rev-parse --git-dir >/dev/null 2>&1; then
  if ! git diff --exit-code --stat -- graph frontend/src/gql; then
    fail "generated code is stale: run 'make generate' and commit the result"
  fi
  untracked=$(git ls-files --others --exclude-standard -- graph frontend/src/gql)
  [ -z "$untracked" ] || fail "generated files not committed: $untracked"
fi

# --- Go ------------------------------------------------------------------------
step "go vet"
go vet ./...
step "go test (SQLite and PostgreSQL)"
go test -count=1 -timeout 20m ./...

# --- the SPA -------------------------------------------------------------------
step "SPA: type check and unit tests"
npm run --silent typecheck
npm test --silent

step "SPA build and the suiji binary"
npm run --silent build
go build -o bin/suiji ./server

# --- end to end in a browser ---------------------------------------------------
step "browser end-to-end test"
e2edata=$(mktemp -d /tmp/suiji-e2e.XXXXXX)
e2eport=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || echo 18099)
export SUIJI_DATA_DIR="$e2edata" SUIJI_ADDR="127.0.0.1:$e2eport" SUIJI_DEMO_PASSWORD="suiji-e2e-pass"
./bin/suiji seed --demo >/dev/null
./bin/suiji serve >"$artifacts/e2e-server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  curl -fsS "http://$SUIJI_ADDR/readyz" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://$SUIJI_ADDR/readyz" >/dev/null || { cat "$artifacts/e2e-server.log"; fail "server did not become ready"; }
SUIJI_E2E_URL="http://$SUIJI_ADDR" SUIJI_E2E_PASSWORD="$SUIJI_DEMO_PASSWORD" SUIJI_E2E_SCREENSHOTS="$artifacts/screenshots" \
  npm run --silent e2e
kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
rm -rf "$e2edata"

echo
echo "all tests passed (screenshots in $artifacts/screenshots)"
