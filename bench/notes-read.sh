#!/usr/bin/env bash
# Hot reads of the notes service, each next to the service's own ceiling (issue 15):
#   ceiling  GET :9083/q/health/live                   unauthenticated, the most a Quarkus endpoint serves here
#   (a)      GET /api/v1/notes/example                 authenticated constant note of the same shape
#   (b)      GET /api/v1/notes/{id}                    cached
#   (c)      GET /api/v1/problems/{id}/solutions       a problem's top solutions, cached
#   (d)      GET /api/v1/notes/{id} + no-cache         the same read as (b) from PostgreSQL
# The group is created in sessions; notes learns the membership from its group.created event.
# Needs the platform running (./nexus up), wrk, curl and python3. Prints figures; asserts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
MANAGEMENT="${NOTES_MANAGEMENT_URL:-http://localhost:9083}"
require_ready notes "$MANAGEMENT"
require_ready sessions "${SESSIONS_MANAGEMENT_URL:-http://localhost:9082}"
require_ready identity "${IDENTITY_MANAGEMENT_URL:-http://localhost:9081}"

token=$(register)
group=$(create_group "$token")
body='# Binary search\n\nHalve the range until it is empty:\n\n```java\nint mid = lo + (hi - lo) / 2;\n```\n\n| n | steps |\n|---|---|\n| 1024 | 10 |\n'
note=$(post_to_notes /api/v1/notes \
  "{\"groupId\":\"$group\",\"title\":\"Binary search, step by step\",\"body\":\"$body\",\"tags\":[\"search\",\"arrays\"]}")
problem=$(post_to_notes /api/v1/problems \
  "{\"groupId\":\"$group\",\"title\":\"Two sum\",\"statement\":\"Find two numbers of an array that add up to a target.\"}")
for language in java python go; do
  post_to_notes "/api/v1/problems/$problem/solutions" \
    "{\"body\":\"$body\",\"language\":\"$language\"}" >/dev/null
done

warm_up "$NOTES/api/v1/notes/example" "$NOTES/api/v1/notes/$note" "$NOTES/api/v1/problems/$problem/solutions"
header "notes hot reads"
ceiling notes "$MANAGEMENT"
measure "(a) constant, authenticated" "$NOTES/api/v1/notes/example"
measure "(b) note by id, cached" "$NOTES/api/v1/notes/$note"
measure "(c) top solutions, cached" "$NOTES/api/v1/problems/$problem/solutions"
measure "(d) note by id, no-cache" "$NOTES/api/v1/notes/$note" -H 'cache-control: no-cache'
