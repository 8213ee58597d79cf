#!/usr/bin/env bash
# Read benchmark of the sessions service (issue 3): throughput and p50/p99 at 50 connections for
#   (a) GET /api/v1/sessions/example            authenticated constant body of similar size (ceiling)
#   (b) GET /api/v1/sessions/{id}               served from the Redis cache
#   (c) GET /api/v1/sessions/{id} + no-cache    the same read from PostgreSQL
# Needs the platform running (./nexus up) and wrk (apt-get install wrk). Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
curl -fs "${SESSIONS_MANAGEMENT_URL:-http://localhost:9082}/q/health/ready" >/dev/null || { echo "sessions is not running at $SESSIONS: ./nexus up" >&2; exit 1; }

token=$(register)
group=$(create_group "$token")
session=$(create_session "$token" "$group")

echo "sessions read benchmark: $CONNECTIONS connections, $THREADS threads, $DURATION each (after a 5 s warm-up)"
run "(a) constant, authenticated" "$SESSIONS/api/v1/sessions/example"
run "(b) session by id, cached" "$SESSIONS/api/v1/sessions/$session"
run "(c) session by id, no-cache" "$SESSIONS/api/v1/sessions/$session" -H 'cache-control: no-cache'
