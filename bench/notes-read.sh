#!/usr/bin/env bash
# Read benchmark of the notes service (issue 4): throughput and p50/p99 at 50 connections for
#   (a) GET /api/v1/notes/example            authenticated constant note of the same shape (ceiling)
#   (b) GET /api/v1/notes/{id}               served from the Redis cache
#   (c) GET /api/v1/notes/{id} + no-cache    the same read from PostgreSQL
# The group is created in sessions; notes learns the membership from its group.created event.
# Needs the platform running (./nexus up) and wrk (apt-get install wrk). Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
curl -fs "${NOTES_MANAGEMENT_URL:-http://localhost:9083}/q/health/ready" >/dev/null || { echo "notes is not running at $NOTES: ./nexus up" >&2; exit 1; }

token=$(register)
group=$(create_group "$token")
body='# Binary search\n\nHalve the range until it is empty:\n\n```java\nint mid = lo + (hi - lo) / 2;\n```\n\n| n | steps |\n|---|---|\n| 1024 | 10 |\n'
note=""
for _ in $(seq 1 100); do  # until the group.created event reached notes
  note=$(curl -fs -X POST "$NOTES/api/v1/notes" -H "authorization: Bearer $token" -H 'content-type: application/json' \
    -d "{\"groupId\":\"$group\",\"title\":\"Binary search, step by step\",\"body\":\"$body\",\"tags\":[\"search\",\"arrays\"]}" \
    | json "['id']" 2>/dev/null) && break
  sleep 0.1
done
[ -n "$note" ] || { echo "notes never learned of the group: is the event path up?" >&2; exit 1; }

echo "notes read benchmark: $CONNECTIONS connections, $THREADS threads, $DURATION each (after a 5 s warm-up)"
run "(a) constant, authenticated" "$NOTES/api/v1/notes/example"
run "(b) note by id, cached" "$NOTES/api/v1/notes/$note"
run "(c) note by id, no-cache" "$NOTES/api/v1/notes/$note" -H 'cache-control: no-cache'
