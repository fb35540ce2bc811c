/**
 * Development helper: compare our listing of a Lua file with `luac5.4 -l -l`.
 * Usage: npx tsx test/frontend/luacdiff.ts file.lua [more.lua...]
 *
 * Both listings are normalized the same way: luac's MMBIN* lines are removed
 * (we do not emit them) and pcs are renumbered, jump offsets are replaced by
 * their targets, and addresses by 0xN in order of appearance.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compile } from '../../src/frontend/compile.js';
import { disassemble } from '../../src/bytecode/disasm.js';

/** Normalize one listing (the text of all functions). */
export function normalize(listing: string): string {
  const blocks = listing.split(/\n(?=\n(?:main|function) <)/);
  const addrs = new Map<string, string>();
  const addr = (s: string): string => s.replace(/(at |for |^\d+ \d+\t; )(0x[0-9a-f]+)/g, (_s, pre: string, m: string) => {
    let v = addrs.get(m);
    if (v === undefined) { v = `0x${addrs.size + 1}`; addrs.set(m, v); }
    return pre + v;
  });
  const out: string[] = [];
  for (const block of blocks) {
    const lines = block.split('\n');
    // pc map: old 1-based pc -> new 1-based pc (MMBIN lines map to the next instruction)
    const map = new Map<number, number>();
    let newpc = 0;
    const code: string[] = [];
    for (const l of lines) {
      const m = /^\t(\d+)\t\[(-|\d+)\]\t(\S+)\s*\t?(.*)$/.exec(l);
      if (m === null) continue;
      if (m[3]!.startsWith('MMBIN')) { map.set(Number(m[1]), newpc + 1); continue; }
      newpc++;
      map.set(Number(m[1]), newpc);
    }
    map.set(map.size + 1, newpc + 1);
    const mp = (n: number): number => map.get(n) ?? n;
    for (const l of lines) {
      const m = /^\t(\d+)\t\[(-|\d+)\]\t(\S+)\s*\t?(.*)$/.exec(l);
      if (m !== null) {
        if (m[3]!.startsWith('MMBIN')) continue;
        let ops = m[4]!;
        ops = ops.replace(/(exit to|to) (\d+)$/, (_s, w: string, n: string) => `${w} ${mp(Number(n))}`);
        if (/^(JMP|FORLOOP|FORPREP|TFORPREP|TFORLOOP)$/.test(m[3]!)) {
          ops = ops.replace(/^(\d+ )?-?\d+\t/, (s0, a: string | undefined) => `${a ?? ''}_\t`);
        }
        code.push(`\t${mp(Number(m[1]))}\t[${m[2]}]\t${m[3]}\t${addr(ops)}`);
        continue;
      }
      const lm = /^\t(\d+)\t([^\t]+)\t(\d+)\t(\d+)$/.exec(l);
      if (lm !== null && code.length > 0 && out.length >= 0 && /locals/.test(block.slice(0, block.indexOf(l)).split('\n').filter((x) => /^(constants|locals|upvalues)/.test(x)).pop() ?? '')) {
        code.push(`\t${lm[1]}\t${lm[2]}\t${mp(Number(lm[3]))}\t${mp(Number(lm[4]))}`);
        continue;
      }
      code.push(addr(l.replace(/\(\d+ instructions? at/, '(N instructions at')));
    }
    out.push(code.join('\n'));
  }
  return out.join('\n');
}

export function luacListing(file: string): string {
  return execFileSync('luac5.4', ['-l', '-l', '-o', '/dev/null', file], { encoding: 'latin1', maxBuffer: 1 << 30 });
}

export function ourListing(file: string): string {
  let src = readFileSync(file, 'latin1');
  if (src.startsWith('\xef\xbb\xbf')) src = src.slice(3); // BOM, skipped by luaL_loadfile
  if (src.startsWith('#')) src = src.replace(/^[^\n]*/, ''); // first-line comment, ditto
  return disassemble(compile(src, '@' + file));
}

if (process.argv[1]?.endsWith('luacdiff.ts')) {
  let bad = 0;
  for (const file of process.argv.slice(2)) {
    const a = normalize(luacListing(file)).split('\n');
    const b = normalize(ourListing(file)).split('\n');
    const n = Math.max(a.length, b.length);
    let shown = 0;
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i]) {
        if (shown++ === 0) { console.log(`== ${file}`); bad++; }
        if (shown < 12) console.log(`  line ${i}:\n    luac: ${a[i]}\n    ours: ${b[i]}`);
      }
    }
  }
  console.log(bad === 0 ? 'all same' : `${bad} file(s) differ`);
}
