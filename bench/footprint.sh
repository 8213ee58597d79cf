#!/usr/bin/env bash
# Start-up and footprint of every service (issue 15). Prints, per service:
#   alone     seconds from `./nexus start <svc>` to ready (and Quarkus' own "started in"), RSS then
#   together  seconds for `./nexus up` (all four services, then the gateway), RSS of each after start
#   loaded    RSS of each after the hot-read benchmarks (bench/hot-reads.sh), unless --no-load
# Stops a running platform first, and leaves it stopped. Needs the services built (./nexus up --build),
# PostgreSQL, Redis and RabbitMQ (./nexus up starts local ones), and for the load wrk, curl, python3.
# Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
load=1
[[ "${1:-}" == --no-load ]] && load=0
SERVICES=(identity sessions notes notifications gateway)

for svc in "${SERVICES[@]}"; do
  [[ -f "services/$svc/target/quarkus-app/quarkus-run.jar" ]] || { echo "$svc is not built: ./nexus up --build" >&2; exit 1; }
done

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.1f}')"; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$(cat ".nexus/run/$1.pid")/status"; }
started_in() { sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' ".nexus/logs/$1.log" | tail -1; }

# Once up and down first: the first start after a build records each service's class archive (./nexus).
./nexus down >/dev/null
./nexus up >/dev/null
./nexus down >/dev/null
declare -A alone alone_rss quarkus_alone together_rss loaded_rss
for svc in "${SERVICES[@]}"; do
  [[ "$svc" == gateway ]] && continue # the gateway alone is not ready: nothing behind it
  t0=$(now)
  ./nexus start "$svc" >/dev/null
  alone[$svc]=$(elapsed "$t0" "$(now)")
  quarkus_alone[$svc]=$(started_in "$svc")
  alone_rss[$svc]=$(rss_mb "$svc")
  ./nexus stop "$svc" >/dev/null
done

t0=$(now)
./nexus up >/dev/null
all=$(elapsed "$t0" "$(now)")
for svc in "${SERVICES[@]}"; do together_rss[$svc]=$(rss_mb "$svc"); done

if ((load)); then
  bench/hot-reads.sh
  for svc in "${SERVICES[@]}"; do loaded_rss[$svc]=$(rss_mb "$svc"); done
fi
./nexus down >/dev/null

echo "start-up and footprint (JVM options: ${NEXUS_JAVA_OPTS:-the ./nexus default})"
printf '%-14s %12s %14s %12s %16s %14s\n' SERVICE "ALONE (s)" "QUARKUS (s)" "RSS (MB)" "RSS ALL UP (MB)" "RSS LOADED (MB)"
for svc in "${SERVICES[@]}"; do
  printf '%-14s %12s %14s %12s %16s %14s\n' "$svc" "${alone[$svc]:--}" "${quarkus_alone[$svc]:--}" \
    "${alone_rss[$svc]:--}" "${together_rss[$svc]}" "${loaded_rss[$svc]:--}"
done
echo "./nexus up, everything ready: $all s"
