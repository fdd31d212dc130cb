#!/usr/bin/env bash
# Keys encrypted at rest against plain keys (issue 12), with wrk against a Release build of Auth.Api:
#   cc_sealed  client_credentials on an instance whose keys are sealed under a KEK (what `dev` does)
#   cc_plain   client_credentials on an instance with Auth__Keys__AllowPlaintext=true and no KEK
# Both instances run at once, on one PostgreSQL cluster (the plain one on its `postgres` database),
# and are measured in turn, A/B/A/B, RUNS times, so the ratio compares runs made under the same load.
# The signing key is unsealed when the key ring loads, never per token: expect the same figures.
#
#   flock -o /tmp/auth-bench.lock bash bench/keys-at-rest.sh
# Environment (all optional): DURATION=15s CONNECTIONS=32 THREADS=2 RUNS=3 WARMUP=5s
#   BENCH_PORT (the plain instance listens on BENCH_PORT+1) BENCH_PG_PORT BENCH_PG_DIR (see lib.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/lib.sh
ab_defaults
ensure_wrk
echo "bench: starting a Release build with sealed keys on $BENCH_URL" >&2
start_service
sealed_url=$BENCH_URL
sealed_auth=$(basic demo-client "$DEMO_SECRET")
test -s "$BENCH_PG_DIR/key-encryption-key" || { echo "bench: dev made no key-encryption key" >&2; exit 1; }

plain_url="http://127.0.0.1:$((BENCH_PORT + 1))"
if curl -s -o /dev/null "$plain_url/healthz"; then echo "bench: something already listens on $plain_url" >&2; exit 1; fi
echo "bench: starting the same build with plain keys on $plain_url" >&2
ConnectionStrings__Auth="${CONN/Database=auth/Database=postgres}" Auth__Keys__AllowPlaintext=true \
  Auth__Keys__EncryptionKeyFile= Logging__LogLevel__Default=Warning \
  dotnet "$BENCH_OUT/app/Auth.Api.dll" dev --urls "$plain_url" >"$BENCH_OUT/plain.out" 2>"$BENCH_OUT/plain.err" &
plain_pid=$!
trap 'kill $plain_pid 2>/dev/null; wait $plain_pid 2>/dev/null; stop_service' EXIT
for _ in $(seq 1 120); do curl -sf "$plain_url/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -sf "$plain_url/readyz" >/dev/null || { cat "$BENCH_OUT/plain.err" >&2; exit 1; }
plain_auth=$(basic demo-client "$(awk '/demo client :/ {print $6}' "$BENCH_OUT/plain.out")")

for pair in "$sealed_url|$sealed_auth" "$plain_url|$plain_auth"; do
  curl -fs -H "Authorization: ${pair#*|}" -d grant_type=client_credentials "${pair%%|*}/oauth/token" | grep -q access_token ||
    { echo "bench: no token from ${pair%%|*}" >&2; exit 1; }
done

run_case() {
  local name=$1 url=$2 auth=$3 result
  result=$(BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="$auth" \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s bench/post-form.lua "$url" | tail -1)
  printf '{"case":"%s","run":%s,"duration":"%s","connections":%s,%s,"load":"%s"}\n' \
    "$name" "$run" "$DURATION" "$CONNECTIONS" "$(sed 's/^{//; s/}$//' <<<"$result")" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "bench: warming up both for $WARMUP" >&2
for pair in "$sealed_url|$sealed_auth" "$plain_url|$plain_auth"; do
  BENCH_PATH=/oauth/token BENCH_BODY="grant_type=client_credentials" BENCH_AUTH="${pair#*|}" \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "$WARMUP" -s bench/post-form.lua "${pair%%|*}" >/dev/null
done
# Note: the order alternates (sealed first in odd rounds, plain first in even ones), since the
# second case of a round runs on a warmer machine.
for run in $(seq 1 "$RUNS"); do
  if (( run % 2 )); then
    run_case cc_sealed "$sealed_url" "$sealed_auth"
    run_case cc_plain "$plain_url" "$plain_auth"
  else
    run_case cc_plain "$plain_url" "$plain_auth"
    run_case cc_sealed "$sealed_url" "$sealed_auth"
  fi
done
echo "bench: RSS after the runs: sealed $(rss_mb "$BENCH_PID") MB, plain $(rss_mb "$plain_pid") MB" >&2
