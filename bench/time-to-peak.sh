#!/usr/bin/env bash
# Time to peak throughput of a freshly started instance (issue 15): restarts the sessions service
# with ./nexus, then, from the moment it is ready, reads one cached session by id under load in
# consecutive slices of BENCH_SLICE (5s) and prints req/s and p99 of each. Run it twice to see both
# the first start after a build (which records the class archive) and a start that uses it.
# Needs the platform running (./nexus up), wrk, curl and python3. Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SESSIONS_MANAGEMENT="${SESSIONS_MANAGEMENT_URL:-http://localhost:9082}"
SLICE="${BENCH_SLICE:-5s}"
SLICES="${BENCH_SLICES:-8}"
sessions_fixture

cd "$(dirname "$0")/.."
./nexus stop sessions >/dev/null
./nexus start sessions >/dev/null
echo "sessions restarted ($(grep -o 'started in [0-9.]*s' .nexus/logs/sessions.log)); session by id, cached," \
  "$CONNECTIONS connections, slices of $SLICE from ready:"
for slice in $(seq 1 "$SLICES"); do
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$SLICE" --latency -H "authorization: Bearer $token" \
    "$SESSIONS/api/v1/sessions/$session")
  read -r rps _ p99 <<<"$(wrk_figures "$out")"
  printf 'slice %2d %10s req/s   p99 %8s\n' "$slice" "$rps" "$p99"
done
