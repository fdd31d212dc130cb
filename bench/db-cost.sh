#!/usr/bin/env bash
# Measures the database cost of each request kind: statements per request (pg_stat_statements,
# BEGIN/COMMIT included) and the PostgreSQL time they took, over N requests of one kind at a time.
# The scale-out estimate in docs/OPERATIONS.md is computed from these figures.
# Usage: bench/db-cost.sh [N=500]   (DETAIL=1: also each statement's calls per request, after each kind's row)
set -euo pipefail
cd "$(dirname "$0")"
N=${1:-500}
export BENCH_PG_DIR=${BENCH_PG_DIR:-/tmp/auth-bench-dbcost} BENCH_PG_PORT=${BENCH_PG_PORT:-55441} BENCH_PORT=${BENCH_PORT:-5097}
export AUTH_DEV_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_utility=on"
source ./lib.sh
command -v psql >/dev/null || { echo "psql is missing" >&2; exit 1; }
start_service
PGPASSWORD=$(cat "$BENCH_PG_DIR/password"); export PGPASSWORD
sql() { psql -X -q -t -A -h 127.0.0.1 -p "$BENCH_PG_PORT" -U postgres -d auth -c "$1"; }
sql "create extension if not exists pg_stat_statements" >/dev/null

T=$(curl -s -u "demo-client:$DEMO_SECRET" -d grant_type=client_credentials "$BENCH_URL/oauth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
measure() {
  local name=$1; shift
  sql "select pg_stat_statements_reset()" >/dev/null
  for _ in $(seq 1 "$N"); do "$@" >/dev/null; done
  sql "select '| $name | ' || coalesce(round(sum(calls)::numeric / $N, 2), 0) || ' | ' || coalesce(round((sum(total_exec_time) / $N)::numeric, 3), 0) || ' |'
       from pg_stat_statements where dbid = (select oid from pg_database where datname = 'auth')
       and query not like '%pg_stat_statements%'"
  [ "${DETAIL:-0}" = 1 ] || return 0
  sql "select '|   ' || round(calls::numeric / $N, 2) || ' x ' || left(regexp_replace(query, '\s+', ' ', 'g'), 90) || ' |'
       from pg_stat_statements where dbid = (select oid from pg_database where datname = 'auth')
       and query not like '%pg_stat_statements%' and calls >= $N / 20 order by calls desc"
}
echo "| request | statements per request | PostgreSQL ms per request |"
echo "| --- | --- | --- |"
measure client_credentials curl -s -u "demo-client:$DEMO_SECRET" -d grant_type=client_credentials "$BENCH_URL/oauth/token"
measure password curl -s -u "demo-client:$DEMO_SECRET" -d grant_type=password -d username=demo --data-urlencode "password=$DEMO_PASSWORD" "$BENCH_URL/oauth/token"
measure ping curl -s -H "Authorization: Bearer $T" "$BENCH_URL/api/system/ping"
measure introspect curl -s -u "demo-client:$DEMO_SECRET" -d "token=$T" "$BENCH_URL/introspect"
RT=$(curl -s -u "demo-client:$DEMO_SECRET" -d grant_type=password -d username=demo --data-urlencode "password=$DEMO_PASSWORD" "$BENCH_URL/oauth/token" | sed 's/.*"refresh_token":"\([^"]*\)".*/\1/')
refresh_once() {
  local out; out=$(curl -s -u "demo-client:$DEMO_SECRET" -d grant_type=refresh_token -d "refresh_token=$RT" "$BENCH_URL/oauth/token")
  RT=$(sed 's/.*"refresh_token":"\([^"]*\)".*/\1/' <<<"$out")
}
sql "select pg_stat_statements_reset()" >/dev/null
for _ in $(seq 1 "$N"); do refresh_once; done
sql "select '| refresh_token | ' || coalesce(round(sum(calls)::numeric / $N, 2), 0) || ' | ' || coalesce(round((sum(total_exec_time) / $N)::numeric, 3), 0) || ' |'
     from pg_stat_statements where dbid = (select oid from pg_database where datname = 'auth') and query not like '%pg_stat_statements%'"
runuser -u postgres -- "$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)")/pg_ctl" stop -D "$BENCH_PG_DIR/data" -m fast >/dev/null 2>&1 || true
