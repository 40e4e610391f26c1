#!/usr/bin/env bash
# Runs crystal-bus's settlement flow and the worker peers (Bun Web Workers, Node worker_threads; object and
# JSON payloads) one after the other, in several rounds, and prints medians and ratios.
# Usage: bench/compare.sh [rounds=3] [warmup seconds=10] [window seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
warmup=${2:-10}
window=${3:-10}
[ -f target/crystal-bus.jar ] || mvn -B -q package -DskipTests
[ -x bench/peers/node_modules/.bin/bun ] || (cd bench/peers && npm install --no-audit --no-fund --silent)
exec node bench/compare.mjs "$rounds" "$warmup" "$window"
