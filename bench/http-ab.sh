#!/usr/bin/env bash
# Two jars of crystal-bus side by side over HTTP: single settled wagers from wrk (Debian's package), 2 threads and
# 32 connections on loopback, the JVM options of etc/jvm.options. Each round starts each jar fresh (the order flips
# every round), warms up, then measures; prints requests/s, p99 and the bus's CPU per request, one line per window.
# Lists instead of single wagers: WAGERS_PER_REQUEST=100 (and fewer connections, e.g. CONNECTIONS=8).
# Usage: bench/http-ab.sh OLD.jar NEW.jar [rounds=6] [warmup seconds=10] [window seconds=20]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
old=$1 new=$2 rounds=${3:-6} warmup=${4:-10} window=${5:-20} connections=${CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then order="old new"; else order="new old"; fi
  for which in $order; do
    jar=$old; [ "$which" = new ] && jar=$new
    dir="$work/$which-$round"; mkdir -p "$dir"
    java -Xms512m -Xmx2g -XX:+UseParallelGC -Xmn16m -jar "$jar" camel.server.port=18180 camel.management.port=18181 \
      crystal.console.enabled=false "crystal.data.dir=$dir/data" > "$dir/bus.log" 2>&1 &
    bus=$!
    for _ in $(seq 1 150); do
      [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18180/api/v1/openapi.json)" = 200 ] && break; sleep 0.2
    done
    wrk -t2 -c"$connections" -d"${warmup}s" -s "$here/wrk-wager.lua" http://127.0.0.1:18180 > /dev/null
    before=$(cpu_ticks $bus)
    wrk -t2 -c"$connections" -d"${window}s" --latency -s "$here/wrk-wager.lua" http://127.0.0.1:18180 > "$dir/wrk.txt"
    after=$(cpu_ticks $bus)
    requests=$(awk '/requests in/ {print $1}' "$dir/wrk.txt")
    ticks_per_second=$(getconf CLK_TCK)
    printf 'round %d %-3s %10s requests/s  p99 %8s  %6.1f us CPU/request  %s\n' "$round" "$which" \
      "$(awk '/Requests\/sec/ {print $2}' "$dir/wrk.txt")" "$(awk '$1 == "99%" {print $2}' "$dir/wrk.txt")" \
      "$(echo "($after - $before) * 1000000 / $ticks_per_second / $requests" | bc -l)" "$(grep -i 'non-2xx' "$dir/wrk.txt" || true)"
    kill $bus; wait $bus || true
  done
done
