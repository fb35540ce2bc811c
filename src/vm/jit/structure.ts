/**
 * Which loops of a prototype become JavaScript loops in its compiled code.
 *
 * Compiled code runs as `for (;;) switch (pc)` (codegen.ts): every jump
 * sets `pc` and goes round the dispatch loop. V8 then sees one loop whose
 * head merges every register of the function, which costs a dispatch per
 * jump and keeps values boxed that a loop of their own would keep in
 * machine registers. So an innermost loop that is entered only at its
 * start becomes a JS loop of its own inside its case:
 *
 *     case h: L_h: for (;;) { ...body...; break L_h; }
 *
 * where the backward jump is `continue L_h`, a forward jump inside the
 * body breaks out of a labeled block that ends just before its target
 * (`F_t: { ... } ` then instruction t), and a jump out of the loop goes
 * through the dispatch loop as before.
 *
 * A JS loop cannot be entered in the middle, and compiled code is entered
 * mid-function at its entries (analysis.ts): loop starts, and the
 * instruction after a call, where the frame comes back after the callee
 * ran in the interpreter, yielded (a generator's loop comes back there at
 * every resume), or a hook was set. So only a loop without an entry inside
 * becomes a JS loop: one without calls (in the form with slow paths
 * inline, without instructions that may call a metamethod either), without
 * a loop inside, and without a jump into its body from outside. Those are
 * the loops where dispatch costs most: arithmetic and table indexing.
 */

import type { Proto } from '../../bytecode/proto.js';
import { TESTS, type Analysis } from './analysis.js';

export interface Structure {
  /** Last instruction of each loop made a JS loop, by its first. */
  loopEnd: Map<number, number>;
  /** First instruction of each JS loop around an instruction (-1: none). */
  loopOf: Int32Array;
  /** The forward jumps' blocks inside loops: by target, the instruction the block starts at. */
  blockStart: Map<number, number>;
}

/** The structure of `p`'s compiled code (`compiled`: the instructions compiled, all when undefined). */
export function structure(p: Proto, an: Analysis, compiled?: Set<number>): Structure {
  const n = p.code.length;
  const st: Structure = {
    loopEnd: new Map(), loopOf: new Int32Array(n).fill(-1), blockStart: new Map(),
  };
  // each backward jump's target, and the last jump back to it
  const ends = new Map<number, number>();
  for (let y = 0; y < n; y++) for (const t of an.succ[y]) if (t <= y) ends.set(t, Math.max(ends.get(t) ?? y, y));
  for (const [h, e] of ends) {
    if (!structurable(p, an, h, e, compiled)) continue;
    st.loopEnd.set(h, e);
    st.loopOf.fill(h, h, e + 1);
    blocks(p, an, h, e, st.blockStart);
  }
  return st;
}

/** Is instruction x inside a JS loop, after its first instruction (where no case label may stand)? */
export function inBody(st: Structure, x: number): boolean {
  return st.loopOf[x] >= 0 && st.loopOf[x] !== x;
}

/**
 * Can [h, e] be a JS loop: all compiled, no backward jump inside but to
 * h, no jump into it from outside but to h, no entry inside?
 */
function structurable(p: Proto, an: Analysis, h: number, e: number, compiled: Set<number> | undefined): boolean {
  for (let y = h; y <= e; y++) {
    if (compiled !== undefined && !compiled.has(y)) return false;
    for (const t of an.succ[y]) if (t <= y && t !== h) return false;
    if (y > h && an.entries.has(y)) return false;
  }
  for (let y = 0; y < p.code.length; y++) {
    if (y >= h && y <= e) continue;
    for (const t of an.succ[y]) if (t > h && t <= e) return false;
  }
  return true;
}

/**
 * The blocks of loop [h, e]'s forward jumps: one per target, starting at
 * its first source; where two would cross, the one ending later starts
 * where the other does, so that they nest.
 */
function blocks(p: Proto, an: Analysis, h: number, e: number, out: Map<number, number>): void {
  const start = new Map<number, number>();
  for (let y = h; y <= e; y++) {
    for (const t of jumpsFrom(p, an, y)) if (t > y + 1 && t <= e) start.set(t, Math.min(start.get(t) ?? y, y));
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const [t1, a1] of start) {
      for (const [t2, a2] of start) {
        if (a1 < a2 && a2 < t1 && t1 < t2) {
          start.set(t2, a1);
          changed = true;
        }
      }
    }
  }
  for (const [t, a] of start) out.set(t, a);
}

/**
 * Where instruction y's code jumps (codegen.ts's `goto`): its successors
 * but the next instruction, which it falls through to (a jump to it is
 * `break` out of its own block); a test also jumps where the jump after it
 * goes (it takes that jump itself).
 */
function jumpsFrom(p: Proto, an: Analysis, y: number): number[] {
  const targets = an.succ[y].filter((t) => t !== y + 1);
  if (TESTS.has(p.code[y] & 0x7f) && y + 1 < p.code.length) targets.push(...an.succ[y + 1]);
  return targets;
}
