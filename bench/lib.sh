# Shared by the read benchmarks: sourced, not run. Needs the platform running (./nexus up), wrk,
# curl and python3. Each hot read is measured in the same run as its service's ceiling: an
# unauthenticated Quarkus endpoint of that service (/q/health/live on its management port), so the
# ratio holds on any machine, however fast.
IDENTITY="${IDENTITY_URL:-http://localhost:8081}"
SESSIONS="${SESSIONS_URL:-http://localhost:8082}"
NOTES="${NOTES_URL:-http://localhost:8083}"
NOTIFICATIONS="${NOTIFICATIONS_URL:-http://localhost:8084}"
DURATION="${BENCH_DURATION:-10s}"
WARMUP="${BENCH_WARMUP:-5s}"
CONNECTIONS="${BENCH_CONNECTIONS:-50}"
THREADS="${BENCH_THREADS:-2}"

missing=()
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
  echo "missing: ${missing[*]} (on Debian: apt-get install -y ${missing[*]})" >&2
  exit 1
fi

# require_ready NAME MANAGEMENT_URL: fails with a clear message unless the service is up.
require_ready() {
  curl -fs --max-time 3 "$2/q/health/ready" >/dev/null \
    || { echo "$1 is not running or not ready ($2/q/health/ready): start the platform with ./nexus up" >&2; exit 1; }
}

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

# post_to_notes PATH BODY: retried until notes has learned of the group from its event (10 s at
# most); prints the new id.
post_to_notes() {
  local id=""
  for _ in $(seq 1 100); do
    id=$(curl -fs -X POST "$NOTES$1" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "$2" | json "['id']" 2>/dev/null) && break
    sleep 0.1
  done
  [ -n "$id" ] || { echo "notes never accepted POST $1: is the event path up (RabbitMQ)?" >&2; exit 1; }
  echo "$id"
}

ceiling_rps=""

# warm_up URL...: each URL for BENCH_FIRST_WARMUP (10s): a freshly started service's JIT has compiled
# the paths before anything is measured, whatever the order of the measurements.
warm_up() {
  local url auth=()
  [[ -n "${token:-}" ]] && auth=(-H "authorization: Bearer $token")
  for url in "$@"; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${BENCH_FIRST_WARMUP:-10s}" "${auth[@]}" "$url" >/dev/null
  done
}

# measure NAME URL [wrk options]: a warm-up, then one measured run; prints req/s, p50, p99, errors,
# and the ratio to the service's ceiling once `ceiling` measured it. Sends $token when it is set.
measure() {
  local name="$1" url="$2"; shift 2
  local auth=()
  [[ -n "${token:-}" ]] && auth=(-H "authorization: Bearer $token")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${auth[@]}" "$@" "$url" >/dev/null
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${auth[@]}" "$@" "$url")
  local rps p50 p99 errors ratio=""
  read -r rps p50 p99 <<<"$(wrk_figures "$out")"
  errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' \n' ' ' || true)
  [[ -n "$ceiling_rps" ]] && ratio=$(python3 -c "print(f'{$rps / $ceiling_rps:.2f}x')")
  printf '%-36s %10s req/s   p50 %8s   p99 %8s   %6s %s\n' "$name" "$rps" "$p50" "$p99" "$ratio" "$errors"
  last_rps="$rps"
}

# wrk_figures OUTPUT: "req/s p50 p99" of a `wrk --latency` run.
wrk_figures() {
  awk '/Requests\/sec/ {rps = $2} $1 == "50%" {p50 = $2} $1 == "99%" {p99 = $2} END {print rps, p50, p99}' <<<"$1"
}

# sessions_fixture: checks sessions and identity are ready, then sets token, group and session (one
# of the group's sessions) for the sessions benchmarks.
sessions_fixture() {
  require_ready sessions "$SESSIONS_MANAGEMENT"
  require_ready identity "${IDENTITY_MANAGEMENT_URL:-http://localhost:9081}"
  token=$(register)
  group=$(create_group "$token")
  session=$(create_session "$token" "$group")
}

# ceiling NAME MANAGEMENT_URL: the service's unauthenticated /q/health/live; later lines show their ratio to it.
ceiling() {
  ceiling_rps=""
  token="" measure "$1: ceiling (unauthenticated)" "$2/q/health/live"
  ceiling_rps="$last_rps"
}

header() {
  echo "$1: $CONNECTIONS connections, $THREADS wrk threads, $DURATION each after a $WARMUP warm-up; ratio = req/s ÷ ceiling"
}
