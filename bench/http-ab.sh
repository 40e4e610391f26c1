#!/usr/bin/env bash
# Two jars of crystal-bus side by side over HTTP: single settled wagers from wrk (Debian's package), 2 threads and
# 32 connections on loopback, the JVM options of etc/jvm.options. Each round starts each jar fresh (the order flips
# every round), warms up, then measures (bench/http-window.sh); one line per window.
# Lists instead of single wagers: WAGERS_PER_REQUEST=100 (and fewer connections, e.g. CONNECTIONS=8).
# Usage: bench/http-ab.sh OLD.jar NEW.jar [rounds=6] [warmup seconds=10] [window seconds=20]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
old=$1 new=$2 rounds=${3:-6} warmup=${4:-10} window=${5:-20}
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then order="old new"; else order="new old"; fi
  for which in $order; do
    jar=$old; [ "$which" = new ] && jar=$new
    "$here/http-window.sh" "round $round $which" "${CONNECTIONS:-32}" "${WAGERS_PER_REQUEST:-1}" "$warmup" "$window" \
      java -Xms512m -Xmx2g -XX:+UseParallelGC -Xmn16m -jar "$jar"
  done
done
