#!/usr/bin/env bash
# Time the official Lua 5.4.6 test suite (../shared/lua-tests) under the
# reference and moonbox: real programs no one here wrote, beside the
# benchmark programs of bench/run.sh. Runs ../shared/tools/conformance/run.sh
# once per engine (the reference, moonbox, moonbox --no-compile) and prints,
# per file that passes under all three, the wall seconds and the ratios, and
# the totals over those files.
#
#   bench/suite.sh
#
# Wall time only (run.sh times each file's whole process); the machines are
# shared and noisy: read the ratios of the totals, not single files. Needs
# the reference (default ../shared/bin/lua5.4.6) and a build (npm run build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
shared=${SHARED:-$root/../shared}
lua=${LUA:-$shared/bin/lua5.4.6}
runner=$shared/tools/conformance/run.sh
[ -x "$lua" ] || { echo "bench/suite.sh: reference $lua not found" >&2; exit 2; }
[ -f "$runner" ] || { echo "bench/suite.sh: $runner not found" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$runner" "$lua" > "$tmp/ref.md" || true
bash "$runner" "node $root/bin/moonbox.js" > "$tmp/tier.md" || true
bash "$runner" "node $root/bin/moonbox.js --no-compile" > "$tmp/interp.md" || true

echo "Official suite files passing under all three engines; wall seconds per file (run.sh), ratios to lua5.4.6."
echo "Machine: $(nproc) cores, $(uname -sr), node $(node --version); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
node - "$tmp/ref.md" "$tmp/tier.md" "$tmp/interp.md" <<'EOF'
const { readFileSync } = require('node:fs');
const rows = (f) => new Map(readFileSync(f, 'utf8').split('\n')
  .map((l) => l.split('|').map((c) => c.trim()))
  .filter((c) => c.length > 4 && c[2] === 'pass')
  .map((c) => [c[1], Number(c[3])]));
const [ref, tier, interp] = process.argv.slice(2).map(rows);
console.log('| file | lua5.4.6 s | moonbox s | ratio | --no-compile s | ratio |');
console.log('|---|---:|---:|---:|---:|---:|');
let [a, b, c] = [0, 0, 0];
for (const [file, r] of ref) {
  if (!tier.has(file) || !interp.has(file)) continue;
  const t = tier.get(file), i = interp.get(file);
  a += r; b += t; c += i;
  console.log(`| ${file} | ${r.toFixed(2)} | ${t.toFixed(2)} | ${(t / r).toFixed(2)}× | ${i.toFixed(2)} | ${(i / r).toFixed(2)}× |`);
}
console.log(`| **total** | ${a.toFixed(2)} | ${b.toFixed(2)} | **${(b / a).toFixed(2)}×** | ${c.toFixed(2)} | **${(c / a).toFixed(2)}×** |`);
EOF
