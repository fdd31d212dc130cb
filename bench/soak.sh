#!/usr/bin/env bash
# Soak under faults: two instances of a Release build on one local PostgreSQL, a mixed load
# (client_credentials, password, refresh races, code replays, introspection, revocation) for
# DURATION seconds; a third of the way in instance 2 is killed with SIGKILL and restarted, two
# thirds in PostgreSQL is restarted. Prints answers by kind and second, then the invariants.
# Loopback only, bounded by DURATION. Usage: bench/soak.sh [DURATION=240]
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
DURATION=${1:-240}
SECOND_PORT=$((BENCH_PORT + 1))
SECOND_URL="http://127.0.0.1:$SECOND_PORT"

start_service
dotnet build Soak -c Release -v q --nologo >/dev/null

start_second() {
  # Note: both instances serve one issuer, as behind a load balancer (OPERATIONS.md).
  ConnectionStrings__Auth="$CONN" Auth__Issuer="$BENCH_URL" Logging__LogLevel__Default=Warning \
  Auth__Management__Urls="http://127.0.0.1:$((BENCH_MGMT_PORT + 1))" \
    dotnet "$BENCH_OUT/app/Auth.Api.dll" --urls "$SECOND_URL" >>"$BENCH_OUT/second.log" 2>&1 &
  SECOND_PID=$!
  for _ in $(seq 1 100); do curl -sf "$SECOND_URL/readyz" >/dev/null 2>&1 && return; sleep 0.2; done
}
start_second
trap 'kill $SECOND_PID 2>/dev/null; stop_service' EXIT

dotnet Soak/bin/Release/net10.0/Soak.dll "$DURATION" "$BENCH_URL" "$SECOND_URL" "$CONN" "$DEMO_SECRET" "$DEMO_PASSWORD" "$ADMIN_SECRET" &
SOAK_PID=$!

sleep $((DURATION / 3))
echo "t+$((DURATION / 3))s: SIGKILL instance 2" >&2
kill -9 "$SECOND_PID"; sleep 3; start_second
echo "instance 2 back" >&2

sleep $((DURATION / 3 - 3))
echo "t+$((2 * DURATION / 3))s: restarting PostgreSQL" >&2
pg_bin=$(dirname "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)")
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$pg_bin/pg_ctl" restart -D "$BENCH_PG_DIR/data" -m fast -w >/dev/null
else "$pg_bin/pg_ctl" restart -D "$BENCH_PG_DIR/data" -m fast -w >/dev/null; fi
echo "PostgreSQL back" >&2

wait "$SOAK_PID"
