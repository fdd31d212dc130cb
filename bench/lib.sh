# Shared by the bench scripts: a Release build of the service on its own local PostgreSQL,
# the demo credentials it prints, and wrk runs summarised as one table row each.
# Loopback only; every run is bounded by its duration.

BENCH_PORT=${BENCH_PORT:-5099}
BENCH_URL="http://127.0.0.1:$BENCH_PORT"
# The management listener (/metrics): its own port per bench, never the default 9464.
BENCH_MGMT_PORT=${BENCH_MGMT_PORT:-$((BENCH_PORT + 1000))}
BENCH_MGMT_URL="http://127.0.0.1:$BENCH_MGMT_PORT"
BENCH_PG_DIR=${BENCH_PG_DIR:-/tmp/auth-bench}
BENCH_OUT=$(mktemp -d)

# The A/B scripts' settings (keys-at-rest.sh, pgbouncer.sh): wrk's, each unless the environment sets it,
# and BENCH_DIR for the Lua scripts' report.lua.
ab_defaults() {
  DURATION=${DURATION:-15s}
  CONNECTIONS=${CONNECTIONS:-32}
  THREADS=${THREADS:-2}
  RUNS=${RUNS:-3}
  WARMUP=${WARMUP:-5s}
  BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  export BENCH_DIR
}

ensure_wrk() {
  command -v wrk >/dev/null 2>&1 && return
  [ "$(id -u)" = 0 ] || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
}

# Publishes Release, starts `dev` (private cluster under $BENCH_PG_DIR, or the database of
# ConnectionStrings__Auth when set), waits until ready, and sets DEMO_SECRET, DEMO_PASSWORD,
# ADMIN_SECRET, BENCH_PID, CONN.
start_service() {
  local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  # Refuse a busy port: readiness would be answered by someone else's server.
  if curl -s -o /dev/null "$BENCH_URL/healthz"; then echo "bench: something already listens on $BENCH_URL" >&2; exit 1; fi
  dotnet publish "$root/Auth.Api" -c Release -o "$BENCH_OUT/app" -v q --nologo >/dev/null || exit 1
  trap stop_service EXIT
  run_dev "$@"
}

# Starts the published build's `dev` on $BENCH_URL, as start_service does, without publishing again.
run_dev() {
  AUTH_DEV_DIR=$BENCH_PG_DIR AUTH_DEV_PG_PORT=${BENCH_PG_PORT:-55439} \
  Logging__LogLevel__Default=Warning Auth__Management__Urls="$BENCH_MGMT_URL" \
    dotnet "$BENCH_OUT/app/Auth.Api.dll" dev --urls "$BENCH_URL" "$@" >"$BENCH_OUT/dev.out" 2>"$BENCH_OUT/dev.err" &
  BENCH_PID=$!
  for _ in $(seq 1 120); do
    curl -sf "$BENCH_URL/readyz" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -sf "$BENCH_URL/readyz" >/dev/null || { cat "$BENCH_OUT/dev.err" >&2; exit 1; }
  DEMO_SECRET=$(awk '/demo client :/ {print $6}' "$BENCH_OUT/dev.out")
  DEMO_PASSWORD=$(awk '/demo user   :/ {print $6}' "$BENCH_OUT/dev.out")
  ADMIN_SECRET=$(awk '/admin client:/ {print $5}' "$BENCH_OUT/dev.out")
  CONN=$(sed -n 's/.*ConnectionStrings__Auth="\(.*\)"/\1/p' "$BENCH_OUT/dev.out")
}

stop_service() {
  [ -n "${BENCH_PID:-}" ] && kill "$BENCH_PID" 2>/dev/null && wait "$BENCH_PID" 2>/dev/null
  rm -rf "$BENCH_OUT"
}

basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$2" | base64 -w0)"; }

# bench_row NAME CONNECTIONS DURATION wrk-args... : prints "| NAME | c | req/s | p50 | p99 | errors |"
bench_row() {
  local name=$1 conns=$2 duration=$3; shift 3
  local out; out=$(wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"$duration" --latency "$@" 2>&1)
  local rps p50 p99 non2xx sock
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  sock=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")
  echo "| $name | $conns | $rps | $p50 | $p99 | $(( ${non2xx:-0} + ${sock:-0} )) |"
}

rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
