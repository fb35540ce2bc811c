#!/usr/bin/env bash
# Time the cross-engine benchmark programs (../shared/bench/programs, plus
# bench/*.lua) under the reference interpreter and moonbox in one run, and
# print a markdown table of ratios (moonbox / reference).
#
#   bench/run.sh                      # every program, 3 runs each
#   RUNS=5 bench/run.sh fib n-body    # some programs
#   LUA=lua5.4 bench/run.sh           # another reference interpreter
#   MOONBOX_FLAGS=--no-compile bench/run.sh   # the interpreter alone (no compiling tier)
#
# For each engine and program: CPU seconds (user + sys) and wall seconds of
# the whole process, and its peak resident memory, each the median of RUNS,
# taken with /usr/bin/time. The machines are shared and noisy: read the
# ratios, not the absolute times. The two engines alternate run by run so
# load changes hit both alike. Each program's output must be identical under
# both engines (checked). Needs the reference (default ../shared/bin/lua5.4.6)
# and a build (npm run build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
runs=${RUNS:-3}
lua=${LUA:-$shared/bin/lua5.4.6}
moonbox="node $root/bin/moonbox.js ${MOONBOX_FLAGS:-}"
command -v "$lua" >/dev/null || { echo "bench/run.sh: reference $lua not found" >&2; exit 2; }
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

# measure CMD... : run once, print "cpu wall rss_mb"; output goes to $tmp/out
measure() {
  /usr/bin/time -f '%U %S %e %M' -o "$tmp/t" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null || { echo "FAIL FAIL FAIL"; return; }
  awk '{printf "%.3f %.3f %.0f\n", $1 + $2, $3, $4 / 1024}' "$tmp/t"
}
# column K (1-based) of the runs in file F, median
median() { awk -v k="$2" '{print $k}' "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

refname=$(basename "$lua")
echo "Medians of $runs runs; ratios are moonbox / $refname. CPU = user + sys seconds; RSS = peak resident MB."
echo "Machine: $(nproc) cores, $(uname -sr), node $(node --version), $("$lua" -v 2>&1 | cut -d' ' -f1-2); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "| program | $refname CPU | moonbox CPU | CPU ratio | wall ratio | $refname RSS | moonbox RSS | output |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
cpulog=0; walllog=0; count=0
xcpulog=0; xwalllog=0; xcount=0 # the cross-engine programs of ../shared/bench only
for f in "${programs[@]}"; do
  name=$(basename "$f" .lua)
  : >"$tmp/lua"; : >"$tmp/mb"
  for ((i = 0; i < runs; i++)); do
    measure "$lua" "$f" >>"$tmp/lua"; cp "$tmp/out" "$tmp/lua.out"
    measure $moonbox "$f" >>"$tmp/mb"; cp "$tmp/out" "$tmp/mb.out"
  done
  lc=$(median "$tmp/lua" 1); lw=$(median "$tmp/lua" 2); lr=$(median "$tmp/lua" 3)
  mc=$(median "$tmp/mb" 1); mw=$(median "$tmp/mb" 2); mr=$(median "$tmp/mb" 3)
  same=$(cmp -s "$tmp/lua.out" "$tmp/mb.out" && echo same || echo DIFFERENT)
  rc=$(ratio "$mc" "$lc"); rw=$(ratio "$mw" "$lw")
  echo "| $name | $lc | $mc | ${rc}× | ${rw}× | $lr | $mr | $same |"
  cpulog=$(awk -v s="$cpulog" -v r="$rc" 'BEGIN {print s + log(r)}')
  walllog=$(awk -v s="$walllog" -v r="$rw" 'BEGIN {print s + log(r)}'); count=$((count + 1))
  if [[ "$f" == "$shared"/bench/programs/* ]]; then
    xcpulog=$(awk -v s="$xcpulog" -v r="$rc" 'BEGIN {print s + log(r)}')
    xwalllog=$(awk -v s="$xwalllog" -v r="$rw" 'BEGIN {print s + log(r)}'); xcount=$((xcount + 1))
  fi
done
geomean() { awk -v s="$1" -v n="$2" 'BEGIN {printf "%.2f", exp(s / n)}'; }
if ((xcount > 0 && xcount < count)); then
  echo "| **geometric mean, the $xcount programs of ../shared/bench** | | | **$(geomean "$xcpulog" "$xcount")×** | **$(geomean "$xwalllog" "$xcount")×** | | | |"
fi
echo "| **geometric mean, all $count** | | | **$(geomean "$cpulog" "$count")×** | **$(geomean "$walllog" "$count")×** | | | |"
: >"$tmp/lua"; : >"$tmp/mb"
for i in 1 2 3 4 5; do measure "$lua" "$shared/bench/empty.lua" >>"$tmp/lua"; measure $moonbox "$shared/bench/empty.lua" >>"$tmp/mb"; done
echo
echo "Start-up (empty script, median of 5): $refname $(median "$tmp/lua" 1) s CPU, $(median "$tmp/lua" 3) MB;" \
  "moonbox $(median "$tmp/mb" 1) s CPU, $(median "$tmp/mb" 3) MB (included in every figure above)."
