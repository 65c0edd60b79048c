#!/usr/bin/env bash
# bench/import.sh — times `suiji import objects FILE` of a 100,000-row XLSX
# as a whole process, into a fresh store, on SQLite and on PostgreSQL: the
# first import (every row created) and the second of the same file (every
# row unchanged). Wall time and peak RSS come from /usr/bin/time -v.
#
#   bench/import.sh [-n ROWS] [-r RUNS] [-s sqlite,postgres] [-u POSTGRES_ADMIN_URL]
#
# Without -u it starts a throwaway PostgreSQL 15 (bench/pg.sh) and removes
# it at the end. Each run gets a fresh SQLite data directory or a fresh
# database, seeded with the demo departments and tags first (untimed).
set -euo pipefail
cd "$(dirname "$0")/.."
rows=100000 runs=3 stores=sqlite,postgres admin=""
while getopts "n:r:s:u:" o; do
	case $o in
	n) rows=$OPTARG ;;
	r) runs=$OPTARG ;;
	s) stores=$OPTARG ;;
	u) admin=$OPTARG ;;
	*) exit 2 ;;
	esac
done
[ -x /usr/bin/time ] || { echo "need /usr/bin/time: apt-get install -y time" >&2; exit 2; }
work=$(mktemp -d /tmp/suiji-import-bench.XXXXXX)
pgdir=""
cleanup() {
	[ -n "$pgdir" ] && bench/pg.sh stop "$pgdir" && rm -rf "$pgdir"
	rm -rf "$work"
}
trap cleanup EXIT
echo "building suiji and the ${rows}-row file…" >&2
go build -o "$work/suiji" ./server
go run ./bench/genobjects -n "$rows" -o "$work/objects.xlsx" >&2
ls -l "$work/objects.xlsx" >&2
if [[ $stores == *postgres* && -z $admin ]]; then
	pgdir=$(mktemp -d /tmp/suiji-import-pg.XXXXXX)
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	admin=$(bench/pg.sh start "$pgdir" "$port")
fi

# timed LABEL ENV... : runs the import once under /usr/bin/time -v.
timed() {
	local label=$1
	shift
	if ! env "$@" timeout 600 /usr/bin/time -v "$work/suiji" import objects "$work/objects.xlsx" >"$work/out" 2>"$work/time"; then
		echo "import failed:" >&2
		tail -5 "$work/out" "$work/time" >&2
		exit 1
	fi
	local wall rss
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/time")
	printf "%-10s %-7s %6.1f s %5s MB  %s\n" "$store" "$label" "$wall" "$rss" "$(tail -1 "$work/out")"
}

printf "%-10s %-7s %8s %8s  %s\n" store import wall peakRSS result
for store in ${stores//,/ }; do
	for run in $(seq "$runs"); do
		case $store in
		sqlite)
			dir="$work/sqlite-$run"
			envs=(SUIJI_DATA_DIR="$dir")
			;;
		postgres)
			dbname="import_bench_$run"
			psql "$admin" -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" -c "CREATE DATABASE $dbname" >/dev/null
			url="${admin%/*}/$dbname?sslmode=disable"
			envs=(SUIJI_DATA_DIR="$work/pgdata-$run" SUIJI_DATABASE_URL="$url")
			;;
		*) echo "unknown store $store" >&2; exit 2 ;;
		esac
		env "${envs[@]}" "$work/suiji" seed --demo --objects 1 >/dev/null 2>&1 # departments, tags, users: untimed
		timed first "${envs[@]}"
		timed second "${envs[@]}"
		if [ "$store" = postgres ]; then
			psql "$admin" -qc "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null
		else
			rm -rf "$dir"
		fi
	done
done
