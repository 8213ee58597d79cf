#!/usr/bin/env bash
# Gateway benchmark (issue 11): the cached session read at 50 connections
#   (a) direct:   GET :8082/api/v1/sessions/{id}            the sessions service itself
#   (b) gateway:  GET :8080/api/v1/sessions/{id}            through the proxy (rate limit counted in Redis)
#   (c) GraphQL:  POST :8080/graphql { session(id) {...} }  the same fields through GraphQL
# and what the gateway adds: throughput ratio and p50 difference. Needs the platform running with
# limits high enough for a benchmark:
#   NEXUS_RATE_LIMIT_USER=1000000000 NEXUS_RATE_LIMIT_GRAPHQL=1000000000 ./nexus up
# and wrk (apt-get install wrk). Prints figures; asserts nothing.
set -euo pipefail
BENCH_WARMUP="${BENCH_WARMUP:-15s}" # three JVMs' JITs (sessions, gateway, Redis client paths) settle
source "$(dirname "$0")/lib.sh"
GATEWAY="${GATEWAY_URL:-http://localhost:8080}"
IDENTITY="$GATEWAY" # register through the one origin
curl -fs "${SESSIONS_MANAGEMENT_URL:-http://localhost:9082}/q/health/ready" >/dev/null || { echo "sessions is not running at $SESSIONS: ./nexus up" >&2; exit 1; }

token=$(register)
limit=$(curl -fs -o /dev/null -D - "$GATEWAY/api/v1/users/me" -H "authorization: Bearer $token" \
  | awk 'tolower($1) == "ratelimit-limit:" {print $2+0}')
if [[ -n "$limit" && "$limit" -lt 100000000 ]]; then
  echo "the gateway allows $limit calls a minute per user; restart it for a benchmark with" >&2
  echo "  ./nexus down && NEXUS_RATE_LIMIT_USER=1000000000 NEXUS_RATE_LIMIT_GRAPHQL=1000000000 ./nexus up" >&2
  exit 1
fi
group=$(create_group "$token")
session=$(create_session "$token" "$group")

graphql=$(mktemp --suffix .lua)
trap 'rm -f "$graphql"' EXIT
fields="id groupId title description startsAt endsAt durationMinutes timeZone capacity recurrence meetingUrl organizerId cancelled cancelReason version inYourZone { timeZone startsAt endsAt }"
cat >"$graphql" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ session(id: \\\\"$session\\\\") { $fields } }"}'
LUA

echo "gateway read benchmark: $CONNECTIONS connections, $THREADS threads, $DURATION each (after a $BENCH_WARMUP warm-up)"
direct=$(measure "(a) session by id, direct" "$SESSIONS/api/v1/sessions/$session")
echo "$direct"
proxied=$(measure "(b) session by id, via gateway" "$GATEWAY/api/v1/sessions/$session")
echo "$proxied"
measure "(c) the same fields, GraphQL" "$GATEWAY/graphql" -s "$graphql"
python3 - "$direct" "$proxied" <<'PY'
import re, sys
def parse(line):
    rps = float(re.search(r'([\d.]+) req/s', line).group(1))
    p50 = re.search(r'p50\s+([\d.]+)(us|ms|s)', line)
    scale = {'us': 0.001, 'ms': 1, 's': 1000}[p50.group(2)]
    return rps, float(p50.group(1)) * scale
(d_rps, d_p50), (g_rps, g_p50) = parse(sys.argv[1]), parse(sys.argv[2])
print(f"gateway/direct throughput: {g_rps / d_rps:.2f}x   p50 added by the gateway: {g_p50 - d_p50:+.2f} ms")
PY
