# Shared by the read benchmarks: sourced, not run. Needs the platform running (./nexus up) and wrk.
IDENTITY="${IDENTITY_URL:-http://localhost:8081}"
SESSIONS="${SESSIONS_URL:-http://localhost:8082}"
NOTES="${NOTES_URL:-http://localhost:8083}"
DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-50}"
THREADS="${BENCH_THREADS:-2}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# Registers a new user with identity; prints an access token.
register() {
  local email="bench-$(date +%s%N)@example.org"
  curl -fs -X POST "$IDENTITY/api/v1/auth/register" -H 'content-type: application/json' \
    -d "{\"email\":\"$email\",\"password\":\"benchmark password\",\"displayName\":\"Bench\"}" | json "['accessToken']"
}

# Creates a private group in sessions; prints its id.
create_group() {
  curl -fs -X POST "$SESSIONS/api/v1/groups" -H "authorization: Bearer $1" -H 'content-type: application/json' \
    -d '{"name":"Benchmark group","visibility":"PRIVATE"}' | json "['id']"
}

# Schedules a weekly session with a capacity in a group; prints its id. Args: token, group id.
create_session() {
  local starts; starts=$(date -u -d '+1 day' +%Y-%m-%dT18:00:00Z)
  curl -fs -X POST "$SESSIONS/api/v1/groups/$2/sessions" -H "authorization: Bearer $1" \
    -H 'content-type: application/json' \
    -d "{\"title\":\"Mob programming: a parser combinator library\",\"description\":\"Bring a laptop; we rotate every 10 minutes.\",\"startsAt\":\"$starts\",\"durationMinutes\":90,\"timeZone\":\"Europe/Berlin\",\"capacity\":8,\"recurrence\":\"FREQ=WEEKLY;COUNT=6\",\"meetingUrl\":\"https://meet.example.org/parsers\"}" \
    | json "['id']"
}

# run NAME URL [wrk options]: a warm-up (BENCH_WARMUP, default 5s), then one measured run; prints req/s, p50, p99 and errors.
run() {
  local name="$1" url="$2"; shift 2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${BENCH_WARMUP:-5s}" -H "authorization: Bearer $token" "$@" "$url" >/dev/null
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "authorization: Bearer $token" "$@" "$url")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)
  printf '%-34s %10s req/s   p50 %8s   p99 %8s  %s\n' "$name" "$rps" "$p50" "$p99" "$errors"
}
