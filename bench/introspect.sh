#!/usr/bin/env bash
# Benchmarks /introspect (a valid access token, a revoked one), the refresh_token grant and, as the
# yardstick, the client_credentials grant, with wrk against a Release build of Auth.Api.
#
#   bench/introspect.sh [--million | --both]
#     (default)   run every case on the database as it is
#     --million   first load 1,000,000 refresh tokens and 1,000,000 revoked access-token ids, then run
#     --both      run, load the million rows, run again (the comparison the issue asks for)
#
# Environment (all optional):
#   ConnectionStrings__Auth  database to use (migrated and seeded with the demo clients); unset: the
#                            dev cluster of `Auth.Api dev` under AUTH_DEV_DIR (default /tmp/auth-dev)
#   DURATION=30s  CONNECTIONS=32  THREADS=2   wrk settings per case
#   WARMUP=10s                                wrk run before the first case, not reported
#   PORT=5099                                 where the service listens
#   POOL=200000                               refresh tokens pre-issued per refresh run (one per request)
#   ROWS=1000000                              rows loaded by --million / --both
#   CASES="introspect_valid introspect_revoked refresh client_credentials"
#
# The dev cluster keeps running after the script (stop it with pg_ctl as the postgres user).
# Prints one JSON line per case: requests/s, p50, p99, non-2xx, socket errors, and the service's RSS.
set -euo pipefail
cd "$(dirname "$0")/.."

MODE=${1:-}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-5099}
POOL=${POOL:-200000}
ROWS=${ROWS:-1000000}
CASES=${CASES:-"introspect_valid introspect_revoked refresh client_credentials"}
export BENCH_DIR="$PWD/bench"

command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install -y wrk)" >&2; exit 1; }
command -v psql >/dev/null || { echo "bench: psql is missing (apt-get install -y postgresql-client)" >&2; exit 1; }

BENCH_PORT=$PORT BENCH_PG_DIR=${AUTH_DEV_DIR:-/tmp/auth-dev} BENCH_PG_PORT=${AUTH_DEV_PG_PORT:-55432}
source bench/lib.sh
work=$BENCH_OUT
echo "bench: starting a Release build on $BENCH_URL" >&2
start_service
server_pid=$BENCH_PID
client_secret=$DEMO_SECRET
user_password=$DEMO_PASSWORD
connection=$CONN
[ -n "$client_secret" ] && [ -n "$user_password" ] && [ -n "$connection" ] || { echo "bench: could not read the dev banner" >&2; exit 1; }

# psql takes the Npgsql connection string as PG* variables.
while IFS='=' read -r key value; do
  case "${key,,}" in
    host|server) export PGHOST="$value" ;;
    port) export PGPORT="$value" ;;
    username|user|"user id"|userid) export PGUSER="$value" ;;
    password) export PGPASSWORD="$value" ;;
    database|db) export PGDATABASE="$value" ;;
  esac
done < <(tr ';' '\n' <<<"$connection")
sql() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

auth="Basic $(printf '%s' "demo-client:$client_secret" | base64 -w0)"
user_token() {
  curl -fs -H "Authorization: $auth" --data-urlencode grant_type=password --data-urlencode username=demo \
    --data-urlencode "password=$user_password" --data-urlencode scope=profile "$BENCH_URL/oauth/token" |
    sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}
valid_token=$(user_token)
revoked_token=$(user_token)
curl -fs -H "Authorization: $auth" --data-urlencode "token=$revoked_token" "$BENCH_URL/revoke" >/dev/null
curl -fs -H "Authorization: $auth" --data-urlencode "token=$valid_token" "$BENCH_URL/introspect" | grep -q '"active":true' ||
  { echo "bench: the valid token does not introspect as active" >&2; exit 1; }
curl -fs -H "Authorization: $auth" --data-urlencode "token=$revoked_token" "$BENCH_URL/introspect" | grep -q '"active":false' ||
  { echo "bench: the revoked token does not introspect as inactive" >&2; exit 1; }

# Refresh tokens issued by SQL, one family each, their values written to a file for the lua script.
# The value is 32 random bytes in base64url, like the service's own; only its SHA-256 is stored.
issue_pool() {
  sql >/dev/null <<SQL
create temp table pool as
  select translate(rtrim(encode(decode(md5(random()::text) || md5(random()::text), 'hex'), 'base64'), '='), '+/', '-_') as token,
         gen_random_uuid() as family
  from generate_series(1, $POOL);
insert into token_families (id, client_id, user_id, expires_at)
  select family, 'demo-client', (select id from users where username = 'demo'), now() + interval '1 day' from pool;
insert into refresh_tokens (token_hash, family_id, client_id, user_id, scope, expires_at)
  select sha256(convert_to(token, 'UTF8')), family, 'demo-client', (select id from users where username = 'demo'), 'profile',
         now() + interval '1 day' from pool;
\copy pool (token) to '$work/pool.txt'
SQL
}

load_million() {
  echo "bench: loading $ROWS refresh tokens (in families of 10) and $ROWS revoked access-token ids" >&2
  sql <<SQL
insert into token_families (id, client_id, user_id, expires_at)
  select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'demo-client',
         (select id from users where username = 'demo'), now() + interval '30 days'
  from generate_series(1, ($ROWS + 9) / 10) i
  on conflict do nothing;
insert into refresh_tokens (token_hash, family_id, client_id, user_id, scope, expires_at, consumed_at)
  select sha256(convert_to('bench-' || i, 'UTF8')),
         ('00000000-0000-4000-8000-' || lpad(to_hex((i + 9) / 10), 12, '0'))::uuid, 'demo-client',
         (select id from users where username = 'demo'), 'profile', now() + interval '30 days',
         case when i % 10 <> 0 then now() end
  from generate_series(1, $ROWS) i
  on conflict do nothing;
insert into revoked_access_tokens (jti, client_id, expires_at)
  select gen_random_uuid(), 'demo-client', now() + interval '1 hour' from generate_series(1, $ROWS);
analyze token_families; analyze refresh_tokens; analyze revoked_access_tokens;
SQL
}

run_case() {
  local name=$1 label=$2 script=$3
  local result
  result=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$script" "$BENCH_URL" | tail -1)
  result=${result#\{}
  printf '{"case":"%s","tables":"%s","duration":"%s","connections":%s,%s,"rss_mb":%s}\n' \
    "$name" "$label" "$DURATION" "$CONNECTIONS" "${result%\}}" "$(rss_mb "$server_pid")"
}

run_all() {
  local label=$1
  for name in $CASES; do
    case "$name" in
      introspect_valid)
        BENCH_PATH=/introspect BENCH_BODY="token=$valid_token" BENCH_AUTH="$auth" run_case "$name" "$label" bench/post-form.lua ;;
      introspect_revoked)
        BENCH_PATH=/introspect BENCH_BODY="token=$revoked_token" BENCH_AUTH="$auth" run_case "$name" "$label" bench/post-form.lua ;;
      refresh)
        issue_pool
        BENCH_POOL="$work/pool.txt" BENCH_THREADS="$THREADS" BENCH_AUTH="$auth" run_case "$name" "$label" bench/refresh-pool.lua ;;
      client_credentials)
        BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials&scope=profile" BENCH_AUTH="$auth" \
          run_case "$name" "$label" bench/post-form.lua ;;
      *) echo "bench: unknown case $name" >&2; exit 1 ;;
    esac
  done
}

echo "bench: service RSS at start $(rss_mb "$server_pid") MB; warming up for $WARMUP" >&2
BENCH_PATH=/introspect BENCH_BODY="token=$valid_token" BENCH_AUTH="$auth" \
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s bench/post-form.lua "$BENCH_URL" >/dev/null
case "$MODE" in
  "") run_all "as-is" ;;
  --million) load_million; run_all "million" ;;
  --both) run_all "as-is"; load_million; run_all "million" ;;
  *) echo "usage: bench/introspect.sh [--million | --both]" >&2; exit 2 ;;
esac
