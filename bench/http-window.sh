#!/usr/bin/env bash
# One measured HTTP window, shared by bench/http-ab.sh and bench/report.sh: starts the bus with the command given
# (API on 127.0.0.1:18180, management on 18181, console off, a fresh data directory appended as crystal.data.dir),
# waits until it answers, warms up with wrk (Debian's package), measures, stops the bus; prints one line: requests/s,
# wagers/s, p50, p99 and the bus process's CPU per wager (any non-2xx count wrk saw).
# Usage: bench/http-window.sh NAME CONNECTIONS WAGERS_PER_REQUEST WARMUP_S WINDOW_S COMMAND...
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
name=$1 connections=$2 size=$3 warmup=$4 window=$5; shift 5
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$@" camel.server.port=18180 camel.management.port=18181 crystal.console.enabled=false "crystal.data.dir=$dir/data" \
  > "$dir/bus.log" 2>&1 &
bus=$!
for _ in $(seq 1 150); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18180/api/v1/balances/none)" = 404 ] && break; sleep 0.2
done
pid=$(pgrep -P "$bus" java || echo "$bus") # the launcher execs java in the foreground; a wrapper would be its parent
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
WAGERS_PER_REQUEST=$size wrk -t2 -c"$connections" -d"${warmup}s" -s "$here/wrk-wager.lua" http://127.0.0.1:18180 > /dev/null
before=$(cpu_ticks)
WAGERS_PER_REQUEST=$size wrk -t2 -c"$connections" -d"${window}s" --latency -s "$here/wrk-wager.lua" http://127.0.0.1:18180 > "$dir/wrk.txt"
after=$(cpu_ticks)
requests=$(awk '/requests in/ {print $1}' "$dir/wrk.txt")
printf '%-28s %10s requests/s  %10.0f wagers/s  p50 %8s  p99 %8s  %7.1f us CPU/wager  %s\n' "$name" \
  "$(awk '/Requests\/sec/ {print $2}' "$dir/wrk.txt")" "$(awk -v n="$size" '/Requests\/sec/ {print $2 * n}' "$dir/wrk.txt")" \
  "$(awk '$1 == "50%" {print $2}' "$dir/wrk.txt")" "$(awk '$1 == "99%" {print $2}' "$dir/wrk.txt")" \
  "$(echo "($after - $before) * 1000000 / $(getconf CLK_TCK) / ($requests * $size)" | bc -l)" "$(grep -i 'non-2xx' "$dir/wrk.txt" || true)"
kill "$bus"; wait "$bus" || true
