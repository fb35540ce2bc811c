#!/usr/bin/env bash
# Regenerate expected outputs of the differential Lua corpus (test/lua/<area>/<name>.lua)
# using the reference interpreter: PUC-Rio Lua 5.4.6, ../shared/bin/lua5.4.6 beside the
# checkout (LUA=... to use another).
#
#   test/regen.sh                      # all cases
#   test/regen.sh test/lua/arith/x.lua # only the given cases (.lua, .out or .err paths,
#                                      #   or directories)
#
# For each case:   cd test/lua/<area> && $LUA <name>.lua </dev/null
#   <name>.out  stdout, byte for byte (always written, possibly empty)
#   <name>.err  only if stderr is non-empty or exit status != 0:
#               stderr with the interpreter's "<progname>: " prefix removed from each line and every
#               "stack traceback:" section (that line plus following lines starting
#               with a tab) removed, then a final line "[exit N]".
set -u
here=$(cd "$(dirname "$0")" && pwd)
LUA=${LUA:-$(cd "$here/../../shared/bin" 2>/dev/null && pwd)/lua5.4.6}
if ! command -v "$LUA" >/dev/null 2>&1; then
  echo "regen.sh: reference interpreter '$LUA' not found; refusing to run" >&2
  exit 2
fi
ver=$("$LUA" -v 2>&1)
case "$ver" in
  "Lua 5.4"*) ;;
  *) echo "regen.sh: '$LUA' is not Lua 5.4 ($ver); refusing to run" >&2; exit 2 ;;
esac

root="$here/lua"

files=()
if [ $# -eq 0 ]; then
  while IFS= read -r f; do files+=("$f"); done < <(find "$root" -mindepth 2 -maxdepth 2 -name '*.lua' | LC_ALL=C sort)
else
  for a in "$@"; do
    if [ -d "$a" ]; then
      while IFS= read -r f; do files+=("$f"); done < <(find "$(cd "$a" && pwd)" -name '*.lua' | LC_ALL=C sort)
    else
      f="${a%.out}"; f="${f%.err}"; f="${f%.lua}.lua"
      if [ ! -f "$f" ]; then echo "regen.sh: no such case: $a" >&2; exit 2; fi
      files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
    fi
  done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
changed=0; total=0
for f in "${files[@]}"; do
  dir=$(dirname "$f"); name=$(basename "$f" .lua)
  # helper files (not test cases) live in subfolders such as <area>/data/
  case "${dir#$root/}" in */*) continue ;; esac
  total=$((total+1))
  (cd "$dir" && timeout 60 "$LUA" "$name.lua" </dev/null >"$tmp/out" 2>"$tmp/rawerr")
  status=$?
  rel="${f#$root/}"; rel="${rel%.lua}"
  if [ -s "$tmp/rawerr" ] || [ $status -ne 0 ]; then
    { sed -e "s|^$LUA: ||" "$tmp/rawerr" |
        awk 'BEGIN{skip=0} /^stack traceback:$/{skip=1; next} skip && /^\t/{next} {skip=0; print}'
      echo "[exit $status]"; } >"$tmp/err"
  else
    rm -f "$tmp/err"
  fi
  if ! cmp -s "$tmp/out" "$dir/$name.out"; then
    if [ -e "$dir/$name.out" ]; then echo "changed: $rel.out"; else echo "new:     $rel.out"; fi
    cp "$tmp/out" "$dir/$name.out"; changed=$((changed+1))
  fi
  if [ -e "$tmp/err" ]; then
    if ! cmp -s "$tmp/err" "$dir/$name.err"; then
      if [ -e "$dir/$name.err" ]; then echo "changed: $rel.err"; else echo "new:     $rel.err"; fi
      cp "$tmp/err" "$dir/$name.err"; changed=$((changed+1))
    fi
  elif [ -e "$dir/$name.err" ]; then
    echo "removed: $rel.err"; rm -f "$dir/$name.err"; changed=$((changed+1))
  fi
done
echo "regen.sh: $total case(s), $changed file(s) changed"
