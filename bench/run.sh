#!/usr/bin/env bash
# The foundation benchmark: this machine's RS256 and password-hash limits, then wrk against a
# Release build on a local PostgreSQL for client_credentials, password and /api/system/ping.
# Usage: bench/run.sh [DURATION=15s] [RUNS=3]
set -euo pipefail
cd "$(dirname "$0")"
source ./lib.sh
DURATION=${1:-15s}
RUNS=${2:-3}
ensure_wrk

echo "## Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "### Crypto limits (all cores, the service's own code)"
dotnet run --project CryptoLimits -c Release -- 5 210000
echo

start_service
AUTH=$(basic demo-client "$DEMO_SECRET")
TOKEN=$(curl -s -u "demo-client:$DEMO_SECRET" -d grant_type=client_credentials "$BENCH_URL/oauth/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

# Warm-up (JIT, connection pools), not reported.
BENCH_AUTH=$AUTH BENCH_BODY="grant_type=client_credentials" bench_row warmup 8 3s -s post.lua "$BENCH_URL/oauth/token" >/dev/null
BENCH_AUTH="Bearer $TOKEN" bench_row warmup 8 3s -s get.lua "$BENCH_URL/api/system/ping" >/dev/null

echo "### wrk, $DURATION per run, $RUNS runs"
echo "| case | connections | requests/s | p50 | p99 | errors |"
echo "| --- | --- | --- | --- | --- | --- |"
for run in $(seq 1 "$RUNS"); do
  BENCH_AUTH=$AUTH BENCH_BODY="grant_type=client_credentials" bench_row "client_credentials" 4 "$DURATION" -s post.lua "$BENCH_URL/oauth/token"
  BENCH_AUTH=$AUTH BENCH_BODY="grant_type=client_credentials" bench_row "client_credentials" 32 "$DURATION" -s post.lua "$BENCH_URL/oauth/token"
  BENCH_AUTH="Bearer $TOKEN" bench_row "ping" 4 "$DURATION" -s get.lua "$BENCH_URL/api/system/ping"
  BENCH_AUTH="Bearer $TOKEN" bench_row "ping" 32 "$DURATION" -s get.lua "$BENCH_URL/api/system/ping"
  BENCH_AUTH=$AUTH BENCH_BODY="grant_type=password&username=demo&password=$DEMO_PASSWORD" bench_row "password" 1 "$DURATION" -s post.lua "$BENCH_URL/oauth/token"
  BENCH_AUTH=$AUTH BENCH_BODY="grant_type=password&username=demo&password=$DEMO_PASSWORD" bench_row "password" "$(nproc)" "$DURATION" -s post.lua "$BENCH_URL/oauth/token"
  BENCH_AUTH=$AUTH BENCH_BODY="grant_type=password&username=demo&password=$DEMO_PASSWORD" bench_row "password" 4 "$DURATION" -s post.lua "$BENCH_URL/oauth/token"
done
echo
echo "service RSS after the runs: $(rss_mb "$BENCH_PID") MiB"
