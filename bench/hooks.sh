#!/usr/bin/env bash
# What hooks and the profiler cost, on the cross-engine benchmark programs.
#
#   bench/hooks.sh                         # the profiler's overhead, every program
#   RUNS=5 bench/hooks.sh fib n-body       # some programs
#   BASE=/path/to/other/checkout bench/hooks.sh
#       # also: this build with no hook against another build (e.g. the commit
#       # before hooks existed: git worktree add /tmp/base REV, then npm ci and
#       # npm run build there), to show that hooks cost nothing when unused
#
# Columns, each a median of RUNS CPU times (user + sys) as a ratio to plain
# moonbox on the same program:
#   --profile        the built-in profiler (functions)
#   --profile-lines  the built-in profiler with per-line times
#   Lua "cr" hook    debug.sethook(function() end, "cr"): the least a profiler
#                    written in Lua on call and return hooks pays (PiL ch. 25)
#   lua5.4 "cr"      the same Lua hook under the reference, against plain lua5.4
# and, with BASE, "no hook vs BASE": this build's plain time / BASE's.
# Every variant's output must be the plain run's (checked). The machines are
# shared and noisy: runs of the variants alternate, and only ratios are shown.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
runs=${RUNS:-3}
lua=${LUA:-$shared/bin/lua5.4.6}
base=${BASE:-}
[ -x /usr/bin/time ] || { echo "bench/hooks.sh: /usr/bin/time not found (apt-get install time)" >&2; exit 2; }
command -v "$lua" >/dev/null || { echo "bench/hooks.sh: reference $lua not found" >&2; exit 2; }

programs=()
if [ $# -gt 0 ]; then
  for b in "$@"; do programs+=("$shared/bench/programs/$b.lua"); done
else
  for f in "$shared"/bench/programs/*.lua; do programs+=("$f"); done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hook="debug.sethook(function() end, 'cr')"

# cpu NAME CMD...: run once, append the CPU seconds to $tmp/NAME, keep the output in $tmp/NAME.out
cpu() {
  local name=$1; shift
  /usr/bin/time -f '%U %S' -o "$tmp/t" "$@" >"$tmp/$name.out" 2>/dev/null </dev/null || echo "FAILED: $*" >&2
  awk '{printf "%.3f\n", $1 + $2}' "$tmp/t" >>"$tmp/$name"
}
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }

mb="node $root/bin/moonbox.js"
echo "Medians of $runs runs; CPU time ratios. Machine: $(nproc) cores, node $(node --version); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
header="| program | moonbox s | --profile | --profile-lines | Lua \"cr\" hook | lua5.4 \"cr\" hook |"
sep="|---|---:|---:|---:|---:|---:|"
if [ -n "$base" ]; then header="$header no hook vs BASE |"; sep="$sep---:|"; fi
echo "$header"; echo "$sep"
for f in "${programs[@]}"; do
  name=$(basename "$f" .lua)
  rm -f "$tmp"/plain "$tmp"/prof "$tmp"/lines "$tmp"/luahook "$tmp"/ref "$tmp"/refhook "$tmp"/base
  for ((i = 0; i < runs; i++)); do
    cpu plain $mb "$f"
    cpu prof $mb --profile="$tmp/p.txt" "$f"
    cpu lines $mb --profile="$tmp/p.txt" --profile-lines "$f"
    cpu luahook $mb -e "$hook" "$f"
    cpu ref "$lua" "$f"
    cpu refhook "$lua" -e "$hook" "$f"
    if [ -n "$base" ]; then cpu base node "$base/bin/moonbox.js" "$f"; fi
  done
  for v in prof lines luahook; do
    cmp -s "$tmp/plain.out" "$tmp/$v.out" || echo "bench/hooks.sh: $name: output differs under $v" >&2
  done
  p=$(median "$tmp/plain")
  row="| $name | $p | $(ratio "$(median "$tmp/prof")" "$p")× | $(ratio "$(median "$tmp/lines")" "$p")× | $(ratio "$(median "$tmp/luahook")" "$p")× | $(ratio "$(median "$tmp/refhook")" "$(median "$tmp/ref")")× |"
  if [ -n "$base" ]; then row="$row $(ratio "$p" "$(median "$tmp/base")")× |"; fi
  echo "$row"
done
