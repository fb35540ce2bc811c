#!/usr/bin/env bash
# Time the cross-engine benchmark programs (../shared/bench/programs, plus
# bench/*.lua) under lua5.4 and moonbox in one run, and print a markdown
# table of ratios (moonbox / lua5.4).
#
#   bench/run.sh                      # every program, 3 runs each
#   RUNS=5 bench/run.sh fib n-body    # some programs
#
# Times are CPU seconds (user + sys) of the whole process, median of RUNS,
# taken with /usr/bin/time: on a shared machine they vary much less than wall
# time. The two engines alternate run by run so load changes hit both alike.
# Each program's output must be identical under both engines (checked).
# Needs lua5.4 (apt-get install lua5.4) and a build (npm run build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
runs=${RUNS:-3}
moonbox="node $root/bin/moonbox.js"
command -v lua5.4 >/dev/null || { echo "bench/run.sh: lua5.4 not found" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/run.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }

programs=()
if [ $# -gt 0 ]; then
  for b in "$@"; do
    if [ -f "$shared/bench/programs/$b.lua" ]; then programs+=("$shared/bench/programs/$b.lua"); else programs+=("$here/$b.lua"); fi
  done
else
  for f in "$shared"/bench/programs/*.lua "$here"/*.lua; do [ -f "$f" ] && programs+=("$f"); done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cpu_time CMD... : run once, print user+sys seconds; output goes to $tmp/out
cpu_time() {
  /usr/bin/time -f '%U %S' -o "$tmp/t" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || { echo FAIL; return; }
  awk '{printf "%.3f\n", $1 + $2}' "$tmp/t"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "CPU seconds (user+sys), median of $runs runs; ratio = moonbox / lua5.4."
echo "Machine: $(nproc) cores, $(uname -sr), $(node --version), $(lua5.4 -v 2>&1 | cut -d' ' -f1-2); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| program | lua5.4 | moonbox | ratio | output |"
echo "|---|---:|---:|---:|---|"
logsum=0; count=0
xlogsum=0; xcount=0 # the cross-engine programs of ../shared/bench only (the issue's targets)
for f in "${programs[@]}"; do
  name=$(basename "$f" .lua)
  : >"$tmp/lua"; : >"$tmp/mb"
  for ((i = 0; i < runs; i++)); do
    cpu_time lua5.4 "$f" >>"$tmp/lua"; cp "$tmp/out" "$tmp/lua.out"
    cpu_time $moonbox "$f" >>"$tmp/mb"; cp "$tmp/out" "$tmp/mb.out"
  done
  tl=$(median <"$tmp/lua"); tm=$(median <"$tmp/mb")
  same=$(cmp -s "$tmp/lua.out" "$tmp/mb.out" && echo same || echo DIFFERENT)
  ratio=$(awk -v a="$tm" -v b="$tl" 'BEGIN {printf "%.2f", a / b}')
  echo "| $name | $tl | $tm | ${ratio}× | $same |"
  logsum=$(awk -v s="$logsum" -v r="$ratio" 'BEGIN {print s + log(r)}'); count=$((count + 1))
  if [[ "$f" == "$shared"/bench/programs/* ]]; then
    xlogsum=$(awk -v s="$xlogsum" -v r="$ratio" 'BEGIN {print s + log(r)}'); xcount=$((xcount + 1))
  fi
done
geomean() { awk -v s="$1" -v n="$2" 'BEGIN {printf "%.2f", exp(s / n)}'; }
if ((xcount > 0 && xcount < count)); then
  echo "| **geometric mean, the $xcount programs of ../shared/bench** | | | **$(geomean "$xlogsum" "$xcount")×** | |"
fi
echo "| **geometric mean, all $count** | | | **$(geomean "$logsum" "$count")×** | |"
t0=$(for i in 1 2 3 4 5; do cpu_time lua5.4 "$shared/bench/empty.lua"; done | median)
t1=$(for i in 1 2 3 4 5; do cpu_time $moonbox "$shared/bench/empty.lua"; done | median)
echo
echo "Startup (empty script, CPU seconds, median of 5): lua5.4 $t0, moonbox $t1 (included in every figure above)."
