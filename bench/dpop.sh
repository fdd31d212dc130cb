#!/usr/bin/env bash
# DPoP against plain Bearer in one run (issue 16), with wrk against a Release build of Auth.Api:
#   cc_bearer        client_credentials, Basic, no proof (the yardstick)
#   cc_dpop          client_credentials, Basic, a fresh ES256 DPoP proof per request (jti stored in PostgreSQL)
#   cc_bearer_pool   cc_bearer sent by cc_dpop's script, the proof in a header the service ignores (the fair yardstick)
#   introspect_bearer  /introspect of a Bearer access token
#   introspect_dpop    /introspect of a DPoP-bound access token (answer carries cnf, token_type DPoP)
# Cases alternate A/B/A/B, RUNS times, so the ratios compare runs made under the same load.
#
#   flock /tmp/auth-bench.lock bench/dpop.sh
# Environment (all optional): DURATION=15s CONNECTIONS=32 THREADS=2 RUNS=3 WARMUP=5s
#   BENCH_PORT BENCH_PG_PORT BENCH_PG_DIR (see lib.sh)
# The proofs are made before each DPoP run by bench/dpop-proofs.mjs (node), POOL of them
# (default 150000, more than a run can send); the service accepts proofs up to 300 s old here.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
RUNS=${RUNS:-3}
WARMUP=${WARMUP:-5s}
POOL=${POOL:-150000}
export BENCH_DIR="$PWD/bench"

command -v node >/dev/null || { echo "bench: node is missing" >&2; exit 1; }
source bench/lib.sh
ensure_wrk
echo "bench: starting a Release build on $BENCH_URL" >&2
Auth__Dpop__ProofWindowSeconds=300 start_service
server_pid=$BENCH_PID
auth=$(basic demo-client "$DEMO_SECRET")
token_uri="$BENCH_URL/oauth/token"

bearer_token=$(curl -fs -H "Authorization: $auth" -d grant_type=client_credentials "$token_uri" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
node bench/dpop-proofs.mjs 1 "$token_uri" "$BENCH_OUT/one.txt"
dpop_answer=$(curl -fs -H "Authorization: $auth" -H "DPoP: $(cat "$BENCH_OUT/one.txt")" -d grant_type=client_credentials "$token_uri")
grep -q '"token_type":"DPoP"' <<<"$dpop_answer" || { echo "bench: no DPoP-bound token: $dpop_answer" >&2; exit 1; }
dpop_token=$(sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p' <<<"$dpop_answer")
curl -fs -H "Authorization: $auth" --data-urlencode "token=$dpop_token" "$BENCH_URL/introspect" | grep -q '"token_type":"DPoP"' ||
  { echo "bench: the DPoP token does not introspect as DPoP" >&2; exit 1; }

# The service's CPU time (user + system, clock ticks) so far: per request it is the service's own cost,
# apart from the load generator's, which shares the cores.
service_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
run_case() {
  local name=$1 script=$2 result before requests
  before=$(service_ticks)
  result=$(wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s "$script" "$BENCH_URL" | tail -1)
  requests=$(sed 's/.*"requests":\([0-9]*\).*/\1/' <<<"$result")
  printf '{"case":"%s","run":%s,"duration":"%s","connections":%s,%s,"service_cpu_ms_per_request":%s,"load":"%s"}\n' \
    "$name" "$run" "$DURATION" "$CONNECTIONS" "$(sed 's/^{//; s/}$//' <<<"$result")" \
    "$(awk -v t=$(( $(service_ticks) - before )) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.3f", t * 1000 / hz / (n > 0 ? n : 1)}')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
}

cc_bearer() { BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="$auth" run_case cc_bearer bench/post-form.lua; }
cc_dpop() {
  node bench/dpop-proofs.mjs "$POOL" "$token_uri" "$BENCH_OUT/proofs.txt"
  BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="$auth" BENCH_POOL="$BENCH_OUT/proofs.txt" \
    BENCH_THREADS="$THREADS" run_case cc_dpop bench/dpop-pool.lua
}
# The Bearer request sent the way cc_dpop sends its own: the same script and the same pool of proofs, but
# in a header the service ignores, so the load generator does the same work for both and only the
# service's differs.
cc_bearer_pool() {
  BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="$auth" BENCH_POOL="$BENCH_OUT/proofs.txt" \
    BENCH_THREADS="$THREADS" BENCH_PROOF_HEADER=X-Unused-Proof run_case cc_bearer_pool bench/dpop-pool.lua
}
introspect() { BENCH_PATH=/introspect BENCH_BODY="token=$2" BENCH_AUTH="$auth" run_case "$1" bench/post-form.lua; }

echo "bench: warming up for $WARMUP" >&2
BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="$auth" \
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s bench/post-form.lua "$BENCH_URL" >/dev/null
run=0
node bench/dpop-proofs.mjs "$POOL" "$token_uri" "$BENCH_OUT/proofs.txt"
BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="$auth" BENCH_POOL="$BENCH_OUT/proofs.txt" \
  BENCH_THREADS="$THREADS" wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s bench/dpop-pool.lua "$BENCH_URL" >/dev/null
BENCH_PATH=/introspect BENCH_BODY="token=$dpop_token" BENCH_AUTH="$auth" \
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s bench/post-form.lua "$BENCH_URL" >/dev/null
for run in $(seq 1 "$RUNS"); do
  cc_bearer
  cc_dpop
  cc_bearer_pool
  introspect introspect_bearer "$bearer_token"
  introspect introspect_dpop "$dpop_token"
done
echo "bench: service RSS after the runs $(rss_mb "$server_pid") MB; rows in used_jtis: see the database" >&2
