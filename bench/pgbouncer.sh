#!/usr/bin/env bash
# PgBouncer against a direct connection (issue 14), with wrk against two instances of a Release
# build on one local PostgreSQL, the same but for their main connection string:
#   direct     ConnectionStrings__Auth straight to PostgreSQL (Npgsql's pool, auto-prepare on, the default)
#   pgbouncer  through Debian's PgBouncer in transaction mode (default_pool_size 20), with
#              Auth__Database__AutoPrepare=false and ConnectionStrings__AuthListen direct (OPERATIONS.md)
# Cases: cc_* (client_credentials, Basic) and introspect_* (/introspect of one access token), each
# on both; they alternate direct/pgbouncer, RUNS times, so the ratios compare runs made under the
# same load. One JSON line per case and run.
#
#   flock /tmp/auth-bench.lock bench/pgbouncer.sh
# Environment (all optional): DURATION=15s CONNECTIONS=32 THREADS=2 RUNS=3 WARMUP=5s POOL_SIZE=20
#   BENCH_PORT BENCH_PG_PORT BENCH_PG_DIR (see lib.sh); PgBouncer listens on BENCH_PG_PORT+5.
set -euo pipefail
cd "$(dirname "$0")/.."

POOL_SIZE=${POOL_SIZE:-20}
PGBOUNCER=/usr/sbin/pgbouncer

source bench/lib.sh
ab_defaults
ensure_wrk
if ! [ -x "$PGBOUNCER" ]; then
  [ "$(id -u)" = 0 ] || { echo "bench: pgbouncer is missing: apt-get install pgbouncer" >&2; exit 1; }
  apt-get update -qq && apt-get install -y -qq pgbouncer >/dev/null
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

echo "bench: starting a Release build (dev seeds the database, then two plain instances take over)" >&2
start_service
DIRECT=$CONN
kill "$BENCH_PID"; wait "$BENCH_PID" 2>/dev/null || true
pg_port=$(sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<<"$DIRECT")
pg_password=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$DIRECT")
BOUNCER_PORT=$(( ${BENCH_PG_PORT:-55439} + 5 ))
# Note: a folder of its own, since the postgres OS user cannot enter $BENCH_OUT (mode 0700, root's).
BOUNCER_DIR=$(mktemp -d /tmp/auth-bench-pgbouncer.XXXXXX)
BOUNCER_PID=
INSTANCE_PIDS=()
cleanup() {
  for pid in "${INSTANCE_PIDS[@]}" $BOUNCER_PID; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$BOUNCER_DIR/pgbouncer.pid" ]; then kill "$(cat "$BOUNCER_DIR/pgbouncer.pid")" 2>/dev/null || true; fi
  rm -rf "$BOUNCER_DIR"
  stop_service
}
trap cleanup EXIT
cat > "$BOUNCER_DIR/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$pg_port user=postgres password=$pg_password

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = any
pool_mode = transaction
default_pool_size = $POOL_SIZE
max_client_conn = 500
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = $BOUNCER_DIR/pgbouncer.log
pidfile = $BOUNCER_DIR/pgbouncer.pid
INI
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$BOUNCER_DIR"
# Note: PgBouncer refuses to run as root; in the foreground, so this script owns its process.
as_postgres "$PGBOUNCER" "$BOUNCER_DIR/pgbouncer.ini" >/dev/null 2>&1 &
BOUNCER_PID=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$BOUNCER_PORT") 2>/dev/null && break; sleep 0.1; done
(exec 3<>"/dev/tcp/127.0.0.1/$BOUNCER_PORT") 2>/dev/null ||
  { echo "bench: pgbouncer did not start: $(cat "$BOUNCER_DIR/pgbouncer.log" 2>/dev/null)" >&2; exit 1; }
DIRECT_URL=$BENCH_URL
BOUNCED_URL="http://127.0.0.1:$((BENCH_PORT + 1))"

# instance URL MANAGEMENT_PORT ENV...: a plain instance of the published build, both serving one issuer.
instance() {
  local url=$1 management=$2; shift 2
  env Auth__Issuer="$BENCH_URL" Logging__LogLevel__Default=Warning Auth__Management__Urls="http://127.0.0.1:$management" \
    Auth__Keys__EncryptionKeyFile="$BENCH_PG_DIR/key-encryption-key" "$@" \
    dotnet "$BENCH_OUT/app/Auth.Api.dll" --urls "$url" >>"$BENCH_OUT/instances.log" 2>&1 &
  INSTANCE_PIDS+=($!)
  for _ in $(seq 1 120); do curl -sf "$url/readyz" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "bench: the instance on $url did not become ready" >&2; tail -5 "$BENCH_OUT/instances.log" >&2; exit 1
}
instance "$DIRECT_URL" "$BENCH_MGMT_PORT" ConnectionStrings__Auth="$DIRECT"
instance "$BOUNCED_URL" "$((BENCH_MGMT_PORT + 1))" \
  ConnectionStrings__Auth="Host=127.0.0.1;Port=$BOUNCER_PORT;Username=postgres;Password=unused;Database=auth;Timeout=3" \
  ConnectionStrings__AuthListen="$DIRECT" Auth__Database__AutoPrepare=false

auth=$(basic demo-client "$DEMO_SECRET")
token=$(curl -fs -H "Authorization: $auth" -d grant_type=client_credentials "$DIRECT_URL/oauth/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
for url in "$DIRECT_URL" "$BOUNCED_URL"; do
  curl -fs -H "Authorization: $auth" --data-urlencode "token=$token" "$url/introspect" | grep -q '"active":true' ||
    { echo "bench: the token does not introspect active on $url" >&2; exit 1; }
done

run_case() {
  local name=$1 url=$2 script=$3 result
  result=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$script" "$url" | tail -1)
  printf '{"case":"%s","run":%s,"duration":"%s","connections":%s,%s,"load":"%s"}\n' \
    "$name" "$run" "$DURATION" "$CONNECTIONS" "$(sed 's/^{//; s/}$//' <<<"$result")" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
cc() { BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="$auth" run_case "cc_$1" "$2" bench/post-form.lua; }
introspect() { BENCH_PATH=/introspect BENCH_BODY="token=$token" BENCH_AUTH="$auth" run_case "introspect_$1" "$2" bench/post-form.lua; }

echo "bench: warming up for $WARMUP each; PgBouncer on $BOUNCER_PORT, transaction mode, pool $POOL_SIZE" >&2
for url in "$DIRECT_URL" "$BOUNCED_URL"; do
  BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="$auth" \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s bench/post-form.lua "$url" >/dev/null
done
for run in $(seq 1 "$RUNS"); do
  cc direct "$DIRECT_URL"
  cc pgbouncer "$BOUNCED_URL"
  introspect direct "$DIRECT_URL"
  introspect pgbouncer "$BOUNCED_URL"
done
