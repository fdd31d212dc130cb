#!/usr/bin/env bash
# Runs every test on a real PostgreSQL and ends with the line "N passed, N failed".
# Installs what the tests need when absent and we are root: PostgreSQL's server, Debian's Chromium.
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${AUTH_TEST_CONNECTION:-}" ]; then
  need_apt+=(postgresql)
fi
if [ -d Auth.Tests/Browser ] && ! [ -x /usr/bin/chromium ]; then
  need_apt+=(chromium)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need_apt[*]} with apt-get" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: missing ${need_apt[*]}; install with: sudo apt-get install ${need_apt[*]}" >&2
  fi
fi

results=$(mktemp -d)
# A hung test fails the run after 10 minutes instead of eating the CI budget.
dotnet test Auth.sln -c Release --blame-hang-timeout 10m --blame-hang-dump-type none \
  --logger trx --results-directory "$results" "$@"
status=$?

# One .trx per test project: the totals are summed over all of them.
mapfile -t trx < <(find "$results" -name '*.trx')
if [ ${#trx[@]} -gt 0 ]; then
  passed=0; failed=0
  for file in "${trx[@]}"; do
    counters=$(grep -o '<Counters [^>]*>' "$file" | head -1)
    passed=$(( passed + $(grep -o ' passed="[0-9]*"' <<<"$counters" | grep -o '[0-9]*' || echo 0) ))
    failed=$(( failed + $(grep -o ' failed="[0-9]*"' <<<"$counters" | grep -o '[0-9]*' || echo 0) ))
  done
else
  passed=0; failed=1
fi
rm -rf "$results"
[ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ] && failed=1
echo "${passed:-0} passed, ${failed:-0} failed"
exit $status
