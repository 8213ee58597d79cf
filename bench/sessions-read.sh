#!/usr/bin/env bash
# Read benchmark of the sessions service (issue 3): throughput and p50/p99 at 50 connections for
#   (a) GET /api/v1/sessions/example            authenticated constant body of similar size (ceiling)
#   (b) GET /api/v1/sessions/{id}               served from the Redis cache
#   (c) GET /api/v1/sessions/{id} + no-cache    the same read from PostgreSQL
# Needs the platform running (./nexus up) and wrk (apt-get install wrk). Prints figures; asserts nothing.
set -euo pipefail

IDENTITY="${IDENTITY_URL:-http://localhost:8081}"
SESSIONS="${SESSIONS_URL:-http://localhost:8082}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-50}"
THREADS="${BENCH_THREADS:-2}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
curl -fs "$SESSIONS/q/health/ready" >/dev/null || { echo "sessions is not running at $SESSIONS: ./nexus up" >&2; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

email="bench-$(date +%s%N)@example.org"
token=$(curl -fs -X POST "$IDENTITY/api/v1/auth/register" -H 'content-type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"benchmark password\",\"displayName\":\"Bench\"}" | json "['accessToken']")
group=$(curl -fs -X POST "$SESSIONS/api/v1/groups" -H "authorization: Bearer $token" -H 'content-type: application/json' \
  -d '{"name":"Benchmark group","visibility":"PRIVATE"}' | json "['id']")
starts=$(date -u -d '+1 day' +%Y-%m-%dT18:00:00Z)
session=$(curl -fs -X POST "$SESSIONS/api/v1/groups/$group/sessions" -H "authorization: Bearer $token" \
  -H 'content-type: application/json' \
  -d "{\"title\":\"Mob programming: a parser combinator library\",\"description\":\"Bring a laptop; we rotate every 10 minutes.\",\"startsAt\":\"$starts\",\"durationMinutes\":90,\"timeZone\":\"Europe/Berlin\",\"capacity\":8,\"recurrence\":\"FREQ=WEEKLY;COUNT=6\",\"meetingUrl\":\"https://meet.example.org/parsers\"}" \
  | json "['id']")

run() {
  local name="$1" url="$2"; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "authorization: Bearer $token" "$@" "$url" >/dev/null  # warm-up
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "authorization: Bearer $token" "$@" "$url")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)
  printf '%-34s %10s req/s   p50 %8s   p99 %8s  %s\n' "$name" "$rps" "$p50" "$p99" "$errors"
}

echo "sessions read benchmark: $CONNECTIONS connections, $THREADS threads, $DURATION each (after a 5 s warm-up)"
run "(a) constant, authenticated" "$SESSIONS/api/v1/sessions/example"
run "(b) session by id, cached" "$SESSIONS/api/v1/sessions/$session"
run "(c) session by id, no-cache" "$SESSIONS/api/v1/sessions/$session" -H 'cache-control: no-cache'
