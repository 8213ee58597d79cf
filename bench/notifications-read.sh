#!/usr/bin/env bash
# The hot read of the notifications service next to the service's own ceiling (issue 15):
#   ceiling  GET :9084/q/health/live                   unauthenticated, the most a Quarkus endpoint serves here
#   (a)      GET /api/v1/notifications/unread-count    the caller's unread count, from Redis
# Needs the platform running (./nexus up), wrk, curl and python3. Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MANAGEMENT="${NOTIFICATIONS_MANAGEMENT_URL:-http://localhost:9084}"
require_ready notifications "$MANAGEMENT"
require_ready identity "${IDENTITY_MANAGEMENT_URL:-http://localhost:9081}"

token=$(register)

warm_up "$NOTIFICATIONS/api/v1/notifications/unread-count"
header "notifications hot read"
ceiling notifications "$MANAGEMENT"
measure "(a) unread count" "$NOTIFICATIONS/api/v1/notifications/unread-count"
