#!/usr/bin/env bash
# bench/pg.sh start DIR PORT | stop DIR — a throwaway PostgreSQL 15 for the
# benchmarks, on 127.0.0.1 only, trust authentication, fsync off (a
# benchmark store, never data anyone keeps). Runs as the postgres user when
# called as root. `start` prints the admin URL.
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?data directory}
port=${3:-55432}
PATH=/usr/lib/postgresql/15/bin:$PATH
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		as_pg initdb -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
	fi
	as_pg pg_ctl -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off \
-c shared_buffers=1GB -c work_mem=16MB -c maintenance_work_mem=512MB -c max_wal_size=4GB -c effective_cache_size=8GB \
-c max_connections=100" start >/dev/null
	echo "postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable"
	;;
stop)
	as_pg pg_ctl -D "$dir/data" -m fast -w stop >/dev/null || true
	;;
*)
	echo "usage: $0 start|stop DIR [PORT]" >&2
	exit 2
	;;
esac
