#!/usr/bin/env bash
# Every run of the report in docs/benchmarks.md, one after the other, on the distribution that `mvn package` built
# (bin/crystal-bus, so etc/jvm.options): the peers and the floors, the end-to-end latency per rate, the API over
# HTTP (wrk), the durable path, and a profile of the flow. About 50 minutes on 2 cores; nothing else should run.
# Writes target/report/: each run's output, the flow reports (report.md, latency.svg) and the profile's summary.
# Usage: bench/report.sh [rounds=3]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
[ -f target/crystal-bus.jar ] || mvn -B -q package -DskipTests
bus=$(ls -d target/crystal-bus-*/bin/crystal-bus | head -1)
out=target/report
rm -rf "$out" && mkdir -p "$out"
git rev-parse --short HEAD > "$out/commit.txt" 2>/dev/null || true
java -version 2> "$out/java.txt"

echo "== 1. the peers and the floors (bench/compare.sh $rounds 10 10)"
bench/compare.sh "$rounds" 10 10 | tee "$out/compare.txt"

echo "== 2. end to end latency per rate, object mode one by one"
"$bus" bench --modes object --rate 1000,5000,10000,20000 --rounds "$rounds" --warmup 10s --duration 15s --out "$out/rates" \
  | tee "$out/rates.txt"

echo "== 3. the API over HTTP: wrk on loopback, a fresh bus per window, 30 s warm-up, 15 s measured"
batched=(crystal.rollout.balance.control=batch crystal.rollout.free-play.control=batch crystal.rollout.distributions.control=batch)
for round in $(seq 1 "$rounds"); do
  bench/http-window.sh "round $round single" 32 1 30 15 "$bus"
  bench/http-window.sh "round $round lists of 100" 8 100 30 15 "$bus"
  bench/http-window.sh "round $round lists, batched" 8 100 30 15 "$bus" "${batched[@]}"
done | tee "$out/http.txt"

echo "== 4. the durable path: Artemis inboxes and the SQLite store"
"$bus" bench --transport jms --modes json --rate 0 --rounds "$rounds" --duration 20s --out "$out/durable" | tee "$out/durable.txt"
"$bus" bench --transport jms --modes json --ingress-batch 100 --batch mode --rate 5000 --rounds "$rounds" --warmup 10s --duration 20s \
  --out "$out/durable-batched" | tee "$out/durable-batched.txt"

echo "== 5. where the flow's CPU goes: async-profiler on object mode one by one at maximum rate"
mvn -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 -DoutputDirectory="$out/profiler"
(cd "$out/profiler" && unzip -q -o async-profiler-4.1-linux-x64.jar)
JAVA_OPTS="-agentpath:$PWD/$out/profiler/linux-x64/libasyncProfiler.so=start,event=itimer,interval=1ms,threads,loop=15s,file=$PWD/$out/profiler/profile-%t.txt,collapsed" \
  "$bus" bench window profile --flow SETTLEMENT --mode object --rate 0 --warmup 30s --duration 15s > "$out/profile-window.txt"
# the third 15 s part (30-45 s after the start) is the measured window
node bench/profile-summary.mjs "$(ls "$out"/profiler/profile-*.txt | sort | sed -n 3p)" | tee "$out/profile.md"
