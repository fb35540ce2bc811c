#!/usr/bin/env bash
# Time the cross-engine benchmark programs (../shared/bench) under lua5.4 and
# moonbox in one run and print a markdown table of ratios (time / lua5.4).
#
#   bench/run.sh                 # all programs, 3 runs each
#   RUNS=5 bench/run.sh fib n-body
#
# Needs lua5.4 (apt-get install lua5.4) and a build (npm run build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
if [ ! -x "$shared/bench/compare.sh" ]; then
  echo "bench/run.sh: $shared/bench/compare.sh not found (set SHARED)" >&2
  exit 2
fi
benches="${*:-}"
export ENGINES="lua5.4=lua5.4;moonbox=node $root/bin/moonbox.js"
export RESULTS="${RESULTS:-$root/bench/results/$(date +%Y%m%d-%H%M%S)}"
if [ -n "$benches" ]; then export BENCHES="$benches"; fi
exec "$shared/bench/compare.sh"
