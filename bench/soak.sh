#!/usr/bin/env bash
# Soak under faults: two instances of a Release build on one local PostgreSQL, a mixed load
# (client_credentials, password, refresh races, code replays, introspection, revocation) for
# DURATION seconds; a third of the way in instance 2 is killed with SIGKILL and restarted, two
# thirds in PostgreSQL is restarted. Prints answers by kind and second, then the invariants.
# Then the failover phase (issue 14): a primary and a synchronous standby (pg_basebackup -R), both
# instances on one multi-host string (Target Session Attributes=read-write), the same load for
# FAILOVER_DURATION seconds; a third of the way in the primary is stopped with -m immediate and,
# FAILOVER_GAP seconds later, the standby promoted. Prints the failover's table: the gap, 503s only
# in it, and the invariants (no refresh token or code redeemed twice, no answered token lost).
# Loopback only, bounded by the durations.
# Usage: bench/soak.sh [DURATION=240]
# Environment: PHASES=main,failover (either or both) FAILOVER_DURATION=60 FAILOVER_GAP=5
#   BENCH_PORT BENCH_PG_PORT BENCH_PG_DIR (see lib.sh; the failover's servers take BENCH_PG_PORT+2, +3
#   and live in $BENCH_PG_DIR-failover, deleted at the end)
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
DURATION=${1:-240}
PHASES=${PHASES:-main,failover}
FAILOVER_DURATION=${FAILOVER_DURATION:-60}
FAILOVER_GAP=${FAILOVER_GAP:-5}
SECOND_PORT=$((BENCH_PORT + 1))
SECOND_URL="http://127.0.0.1:$SECOND_PORT"
pg_bin=$(dirname "$(readlink -f "$(command -v pg_ctl 2>/dev/null || ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)")")
FO_DIR="$BENCH_PG_DIR-failover"
SECOND_PID=

cleanup() {
  [ -n "$SECOND_PID" ] && { kill "$SECOND_PID" 2>/dev/null || true; }
  stop_service
  if [ -d "$FO_DIR" ]; then
    for server in primary standby; do
      pg_run "$pg_bin/pg_ctl" stop -D "$FO_DIR/$server/data" -m immediate >/dev/null 2>&1 || true
    done
    rm -rf "$FO_DIR"
  fi
  return 0
}

# The server tools run as the postgres OS user when we are root (initdb and pg_ctl refuse root).
pg_run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_second() {
  # Note: both instances serve one issuer, as behind a load balancer (OPERATIONS.md).
  ConnectionStrings__Auth="$CONN" Auth__Issuer="$BENCH_URL" Logging__LogLevel__Default=Warning \
  Auth__Keys__EncryptionKeyFile="$BENCH_PG_DIR/key-encryption-key" \
  Auth__Management__Urls="http://127.0.0.1:$((BENCH_MGMT_PORT + 1))" \
    dotnet "$BENCH_OUT/app/Auth.Api.dll" --urls "$SECOND_URL" >>"$BENCH_OUT/second.log" 2>&1 &
  SECOND_PID=$!
  for _ in $(seq 1 100); do curl -sf "$SECOND_URL/readyz" >/dev/null 2>&1 && return; sleep 0.2; done
}

main_phase() {
  start_second
  dotnet Soak/bin/Release/net10.0/Soak.dll "$DURATION" "$BENCH_URL" "$SECOND_URL" "$CONN" "$DEMO_SECRET" "$DEMO_PASSWORD" "$ADMIN_SECRET" &
  local soak=$!

  sleep $((DURATION / 3))
  echo "t+$((DURATION / 3))s: SIGKILL instance 2" >&2
  kill -9 "$SECOND_PID"; sleep 3; start_second
  echo "instance 2 back" >&2

  sleep $((DURATION / 3 - 3))
  echo "t+$((2 * DURATION / 3))s: restarting PostgreSQL" >&2
  pg_run "$pg_bin/pg_ctl" restart -D "$BENCH_PG_DIR/data" -m fast -w >/dev/null
  echo "PostgreSQL back" >&2
  wait "$soak" || status=$?
}

# pg_start ROOT PORT: the server of ROOT/data on 127.0.0.1:PORT, as LocalPostgresCluster starts it.
pg_start() {
  mkdir -p "$1/socket"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$1"
  pg_run "$pg_bin/pg_ctl" start -w -D "$1/data" -l "$1/postgres.log" \
    -o "-p $2 -k $1/socket -c listen_addresses=127.0.0.1 -c max_connections=300" >/dev/null
}

on_primary() { PGPASSWORD=$FO_PASSWORD "$(command -v psql || echo "$pg_bin/psql")" -h 127.0.0.1 -p "$FO_PRIMARY_PORT" -U postgres -d postgres -Atqc "$1"; }

failover_phase() {
  FO_PRIMARY_PORT=$(( ${BENCH_PG_PORT:-55439} + 2 ))
  local standby_port=$(( ${BENCH_PG_PORT:-55439} + 3 ))
  rm -rf "$FO_DIR"; mkdir -p "$FO_DIR/primary" "$FO_DIR/standby"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$FO_DIR"
  FO_PASSWORD=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  echo "$FO_PASSWORD" > "$FO_DIR/primary/password"; cp "$FO_DIR/primary/password" "$FO_DIR/standby/password"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$FO_DIR"
  pg_run "$pg_bin/initdb" -D "$FO_DIR/primary/data" -U postgres --auth=scram-sha-256 \
    --pwfile="$FO_DIR/primary/password" -E UTF8 --no-sync >/dev/null
  pg_start "$FO_DIR/primary" "$FO_PRIMARY_PORT"
  pg_run "$pg_bin/pg_basebackup" -d "host=127.0.0.1 port=$FO_PRIMARY_PORT user=postgres password=$FO_PASSWORD application_name=standby1" \
    -D "$FO_DIR/standby/data" -R -X stream --no-sync
  pg_start "$FO_DIR/standby" "$standby_port"
  for _ in $(seq 1 100); do
    [ "$(on_primary "select count(*) from pg_stat_replication where state = 'streaming'")" -gt 0 ] && break
    sleep 0.2
  done
  # Note: synchronous only once the standby streams, or every commit would wait for a standby not yet there.
  on_primary "alter system set synchronous_standby_names = 'standby1'" >/dev/null
  on_primary "select pg_reload_conf()" >/dev/null
  on_primary "create database auth" >/dev/null
  echo "failover: primary on $FO_PRIMARY_PORT, synchronous standby on $standby_port streaming" >&2

  # Note: Host Recheck Seconds=1 so the promoted standby is seen soon (Npgsql's default trusts what it learnt for 10 s).
  local multi="Host=127.0.0.1:$FO_PRIMARY_PORT,127.0.0.1:$standby_port;Username=postgres;Password=$FO_PASSWORD;Database=auth;Target Session Attributes=read-write;Host Recheck Seconds=1;Timeout=3"
  # Note: the load signs in with one password from one address; the per-address limits would turn it into 429s.
  export Auth__RateLimits__PasswordChecksPerAddress=1000000 Auth__RateLimits__SignInPostsPerAddress=1000000
  ConnectionStrings__Auth="$multi" run_dev
  CONN=$multi
  start_second

  local marks="$BENCH_OUT/failover.marks"
  : > "$marks"
  dotnet Soak/bin/Release/net10.0/Soak.dll "$FAILOVER_DURATION" "$BENCH_URL" "$SECOND_URL" "$CONN" "$DEMO_SECRET" "$DEMO_PASSWORD" "$ADMIN_SECRET" "$marks" &
  local soak=$!
  sleep $((FAILOVER_DURATION / 3))
  echo "t+$((FAILOVER_DURATION / 3))s: stopping the primary (-m immediate)" >&2
  echo "kill $(date +%s%3N)" >> "$marks"
  pg_run "$pg_bin/pg_ctl" stop -D "$FO_DIR/primary/data" -m immediate >/dev/null
  sleep "$FAILOVER_GAP"
  echo "promote $(date +%s%3N)" >> "$marks"
  pg_run "$pg_bin/pg_ctl" promote -w -D "$FO_DIR/standby/data" >/dev/null
  echo "standby promoted" >&2
  wait "$soak" || status=$?
}

start_service
trap cleanup EXIT
dotnet build Soak -c Release -v q --nologo >/dev/null

# Note: the phases run as plain commands (not in an || list, where set -e would not apply); a
# soak's own failure (an invariant violated) is kept in status and becomes the exit code.
status=0
if [[ ",$PHASES," == *,main,* ]]; then main_phase; fi
if [[ ",$PHASES," == *,failover,* ]]; then
  for pid in $SECOND_PID $BENCH_PID; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  failover_phase
fi
exit "$status"
