#!/usr/bin/env bash
# Hot reads of the sessions service, each next to the service's own ceiling (issue 15):
#   ceiling  GET :9082/q/health/live                   unauthenticated, the most a Quarkus endpoint serves here
#   (a)      GET /api/v1/sessions/example              authenticated constant body of similar size
#   (b)      GET /api/v1/sessions/{id}                 cached
#   (c)      GET /api/v1/groups/{id}/sessions          a group's upcoming occurrences, cached
#   (d)      GET /api/v1/me/sessions                   the caller's agenda, cached
#   (e)      GET /api/v1/sessions/{id} + no-cache      the same read as (b) from PostgreSQL
# Needs the platform running (./nexus up), wrk, curl and python3. Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
SESSIONS_MANAGEMENT="${SESSIONS_MANAGEMENT_URL:-http://localhost:9082}"
sessions_fixture

warm_up "$SESSIONS/api/v1/sessions/example" "$SESSIONS/api/v1/sessions/$session" "$SESSIONS/api/v1/groups/$group/sessions" "$SESSIONS/api/v1/me/sessions"
header "sessions hot reads"
ceiling sessions "$SESSIONS_MANAGEMENT"
measure "(a) constant, authenticated" "$SESSIONS/api/v1/sessions/example"
measure "(b) session by id, cached" "$SESSIONS/api/v1/sessions/$session"
measure "(c) group's upcoming, cached" "$SESSIONS/api/v1/groups/$group/sessions"
measure "(d) agenda, cached" "$SESSIONS/api/v1/me/sessions"
measure "(e) session by id, no-cache" "$SESSIONS/api/v1/sessions/$session" -H 'cache-control: no-cache'
