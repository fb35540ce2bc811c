/**
 * The compiling tier's code generator: a prototype's bytecode becomes the
 * source of one JavaScript function that runs frames of that prototype.
 *
 * Registers live in JS locals: `rN` holds register N's value, or `null`
 * when it is a float kept in `fN` (the interpreter's float registers,
 * floatregs.ts, in locals: V8 keeps them unboxed). The frame in the
 * thread's stack stays the truth for everything outside the function.
 * analysis.ts says, instruction by instruction, which registers may be
 * newer in locals ("dirty") and which are needed later ("live"); before
 * anything that could look at the frame (an error, a limit, a call, a
 * metamethod, a collection) the dirty ones are written back (`spill`), and
 * after anything that could change it (Lua code that ran: `debug.setlocal`,
 * an upvalue, a call's results) the ones still needed are read again
 * (`resync`). `ci.pc` is saved and the safepoint counter charged exactly
 * where and by how much the interpreter does. So a traceback,
 * `debug.getlocal`, a limit, a yield, a collection or the profiler sees
 * the frame as the interpreter would have left it, and the hot paths of a
 * loop touch no array.
 *
 * Shape: a prologue reads the registers live where execution enters
 * (`switch (pc)` over the entry points of analysis.ts), then
 * `for (;;) switch (pc)` runs the code, with a case label only where a
 * jump or an entry lands; straight-line code falls through. The function
 * returns an `Exit` (interp.ts) whenever the running frame changes (a call
 * or a metamethod pushes a frame, a return pops one, the thread yields, a
 * hook starts wanting the frame); the interpreter's frame reload enters it
 * again where the frame goes on.
 */

import type { Proto } from '../../bytecode/proto.js';
import { Op, Instr } from '../../bytecode/opcodes.js';
import { ArithOp, SafeInt } from '../../value/number.js';
import { LuaFloat, type LuaValue } from '../../value/value.js';
import { CIST, LUA_YIELD } from '../state.js';
import { Exit } from '../interp.js';
import { CLOSEKTOP } from '../call.js';
import { Work } from '../budget.js';
import { TM } from '../metamethods.js';
import { analyze, bit, members, range, type Analysis } from './analysis.js';
import { inBody, structure, type Structure } from './structure.js';
import { runtimeNames } from './runtime.js';
import { JIT_DIRECT_CCALLS, JIT_DIRECT_DEPTH } from '../../value/limits.js';

/** What an instruction's emitter gets: the instruction, and the analysis around it. */
interface Ins {
  readonly p: Proto;
  readonly an: Analysis;
  /** Index of the instruction. */
  readonly x: number;
  /** The instruction word. */
  readonly i: number;
  /** `x + 1`: the interpreter's `pc` while it runs this instruction (what `ci.pc` is set to). */
  readonly P: number;
  readonly A: number;
  readonly B: number;
  readonly C: number;
  readonly k: boolean;
  /** The write-back blocks bails break to, by register set (see `bail`). */
  readonly bails: Map<bigint, string>;
  /** Take the slow paths here rather than in the interpreter, where the thread cannot yield (see `slow`). */
  readonly inlineSlow: boolean;
  /** The loops that are JS loops, and their blocks (structure.ts). */
  readonly st: Structure;
}

type Emitter = (n: Ins) => string;

/** Entry cases of the prologue that load different registers, at most (see `generate`). */
const MAX_ENTRY_CASES = 4;

/** When compiled code does not call compiled code directly: the JS stack it takes stays small, and with hooks, never. */
const mayNotCallDirectly = `depth >= ${JIT_DIRECT_DEPTH} || L.nCcalls > ${JIT_DIRECT_CCALLS} || g.traps !== 0`;

/**
 * What a frame of `p` counts for in the depth of direct calls
 * (JIT_DIRECT_DEPTH): a JS frame holds its registers' locals, two per
 * register, and V8's own temporaries.
 */
function frameWeight(p: Proto): number {
  return 1 + (p.maxstacksize >> 3);
}

/** Register r's value local, float local, stack index. */
const R = (r: number): string => `r${r}`;
const F = (r: number): string => `f${r}`;
const S = (r: number): string => `base + ${r}`;
/** Register r as a Lua value (a float register materialized). */
const V = (r: number): string => `(r${r} === null ? mkfloat(f${r}) : r${r})`;

/** Write registers `set` back to the frame (`s` and `fs` are the stack's arrays, `b` the base: short, as they are everywhere). */
function store(set: bigint): string {
  return members(set).map((r) => `if((s[b+${r}]=r${r})===null)fs[b+${r}]=f${r};`).join('');
}

/** Read registers `set` from the frame. */
function load(set: bigint): string {
  return members(set).map((r) => `if((r${r}=s[b+${r}])===null)f${r}=fs[b+${r}];`).join('');
}

/**
 * Before something that may look at the frame: write back what may be
 * newer here (and `extra`), and the safepoint counter, which compiled code
 * keeps in a local too (`tick`: a field written at every loop iteration is
 * a chain of stores and loads through memory).
 */
function spill(n: Ins, extra = 0n): string {
  const an = n.an;
  const x = n.x;
  return `g.tick = tick; ${store((an.dirtyIn[x] & (an.liveIn[x] | an.liveOut[x] | an.named[x])) | extra)}`;
}

/**
 * After something that may have run Lua code, with the frame written back
 * before it: read back `extra` (what it wrote: a call's results) and the
 * live registers a closure of this function captures (its upvalue writes
 * them). Lua code can change other registers only by `debug.setlocal`;
 * when one ran, the interpreter takes the frame over from the next
 * instruction, the frame in the stack being the truth.
 */
function resync(n: Ins, extra = 0n, resume = `${n.P}`): string {
  const an = n.an;
  return `tick = g.tick; if (g.frameWrites !== frameWrites) { ci.pc = ${resume}; return ${Exit.INTERPRET}; }
${load((an.liveOut[n.x] & an.captured) | extra)}`;
}

/**
 * Leave the instruction to the interpreter: everything off the fast paths
 * (metamethods, coercions, errors, the rarer types) is the interpreter's,
 * which runs this instruction again from its start (compiled code has
 * changed nothing yet) and gives the frame back to compiled code at the
 * next backward jump. What the interpreter will read is written back
 * first, in a block shared by every bail with the same registers to write.
 */
function bail(n: Ins): string {
  const an = n.an;
  const set = an.dirtyIn[n.x] & (an.liveIn[n.x] | an.named[n.x]);
  let label = n.bails.get(set);
  if (label === undefined) {
    label = `bail${n.bails.size}`;
    n.bails.set(set, label);
  }
  return `{ ci.pc = ${n.x}; break ${label}; }`;
}

/**
 * An instruction's slow path (`code`: the interpreter's, a Lua metamethod
 * getting a frame of its own and the function returning Exit.SWITCH, the
 * rest done here), in a function that bailed often (tier.ts compiles it
 * again so); else a bail.
 */
function slow(n: Ins, code: string): string {
  if (!n.inlineSlow || code === '') return bail(n);
  return `{ ci.pc = ${n.P}; ${spill(n)} L.top = ci.top;\n${code}\n}`;
}

/** A slow path that may push a Lua metamethod's frame (`pushes`, true when it did), then writes register A. */
function slowFrame(n: Ins, pushes: string, written = 0n): string {
  return slow(n, `if (${pushes}) ${metamethod(n, bit(n.A) | written)} ${resync(n, bit(n.A) | written)} ${done(n)}`);
}

/**
 * A slow path pushed the frame of a Lua metamethod (L.ci): its compiled
 * code runs from here, as `call` runs a callee's. When it returns here,
 * finishMM has completed the instruction in the frame (written register A,
 * or moved ci.pc past the jump a comparison skips): read back `written`
 * and go on from ci.pc, an entry of the form with slow paths inline.
 */
function metamethod(n: Ins, written: bigint): string {
  return `{ const exit = runMetamethod(L, ci, depth, ${frameWeight(n.p)}); if (exit >= 0) return exit;
  ${resync(n, written, 'ci.pc')} pc = ci.pc; continue D; }`;
}

/** A slow path whose value `expr` becomes register A (through the frame, where resync reads it). */
function slowValue(n: Ins, expr: string): string {
  return slow(n, `stack[${S(n.A)}] = ${expr}; ${resync(n, bit(n.A))} ${done(n)}`);
}

/** A test's slow path: `expr` is the condition (after `before`); then the test goes on as on its fast path. */
function slowCond(n: Ins, expr: string, before = ''): string {
  return slow(n, `${before} cond = ${expr}; ${resync(n, 0n, `(cond !== ${n.k} ? ${n.P + 1} : ${n.P})`)}`);
}

/** A JS expression for a number literal (parenthesized when negative). */
function num(v: number): string {
  return v < 0 || Object.is(v, -0) ? `(${v})` : `${v}`;
}

/**
 * A JS expression for constant `idx`: a literal for strings, booleans, nil
 * and JS numbers with a literal; a reference into the constant array for
 * the rest (boxed floats, bigints), which keeps their identity.
 */
function konst(p: Proto, idx: number): string {
  const v = p.k[idx];
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return `${v}`;
  if (v === undefined) return 'undefined';
  if (typeof v === 'number' && Number.isFinite(v)) return num(v);
  return `K[${idx}]`;
}

/**
 * Set register `a` to the float `expr`: unboxed in `fA`, except a NaN,
 * which stays a value in `rA`. (A NaN's sign is part of what `print`
 * shows, and V8 stores NaNs into a double array as the JS NaN when the
 * storing code is not optimized yet: the frame's float registers would
 * lose it.)
 */
function setFloat(a: number, expr: string): string {
  return `{ const v = ${expr}; if (v === v) { ${F(a)} = v; ${R(a)} = null; } else ${R(a)} = v; }`;
}

/** Set register `a` to the float `x sym y`, a NaN result made the one x86 gives (see x86nan). */
function setFloatOp(a: number, x: string, sym: string, y: string): string {
  return `{ const v = ${x} ${sym} ${y}; if (v === v) { ${F(a)} = v; ${R(a)} = null; } else ${R(a)} = x86nan(${x}, ${y}); }`;
}

/**
 * Go from instruction `n` to instruction `target`: inside a JS loop
 * (structure.ts), round it or out of a block of its body; else through
 * the dispatch loop.
 */
function goto(n: Ins, target: number): string {
  const h = n.st.loopOf[n.x];
  if (h >= 0 && target === h) return `continue L${h};`;
  if (h >= 0 && target === n.x + 1) return `break b${n.x};`; // falls through to it
  if (h >= 0 && target > n.x && target <= n.st.loopEnd.get(h)!) return `break F${target};`;
  return `pc = ${target}; continue D;`;
}

/** A backward jump of `d` instructions (d < 0) charges the safepoint counter, as the interpreter does. */
function charge(n: Ins, d: number, savedPc: number, written = 0n): string {
  return d < 0 ? `if ((tick += ${d}) < 0) { ci.pc = ${savedPc}; ${spill(n, written)} safepoint(L); tick = g.tick; } ` : '';
}

/** The jump after a test at `n` (the JMP at n.P), taken: the interpreter's jumpTaken. */
function jumpTaken(n: Ins, written = 0n): string {
  const d = (n.p.code[n.P] >>> 7) - Instr.OFFSET_sJ + 1;
  return charge(n, d, n.P + 1, written) + goto(n, n.P + d);
}

/** A test: `cond` decides whether the following jump is taken (when it equals the k bit). */
function test(n: Ins, cond: string): string {
  return `if ((${cond}) !== ${n.k}) { ${goto(n, n.P + 1)} }\n${jumpTaken(n)}`;
}

const done = (n: Ins): string => `break b${n.x};`;

// ---------------------------------------------------------------------------
// Arithmetic

/** An operand of ADD/SUB/MUL/DIV: a register, or a constant of the K forms. */
type Operand = { reg: number } | { k: LuaValue };

const SYMBOL: Partial<Record<ArithOp, string>> = {
  [ArithOp.ADD]: '+', [ArithOp.SUB]: '-', [ArithOp.MUL]: '*', [ArithOp.DIV]: '/',
};

/** The integer operation with 64-bit wrap-around when a safe-range result overflows. */
const WIDE: Partial<Record<ArithOp, string>> = {
  [ArithOp.ADD]: 'iadd', [ArithOp.SUB]: 'isub', [ArithOp.MUL]: 'imul',
};

/**
 * ADD, SUB, MUL, DIV and their K forms: the interpreter's inline number
 * paths, specialized for what is known of the second operand, then
 * `arithTail` for everything else. `tailC` is arithTail's operand argument.
 */
function binArith(n: Ins, op: ArithOp, y: Operand, tailC: string, tailK: string): string {
  const sym = SYMBOL[op]!;
  const a = n.A;
  const x = R(n.B);
  const fx = F(n.B);
  const intOp = (xe: string, ye: string): string => op === ArithOp.DIV ? setFloatOp(a, xe, '/', ye)
    : `{ const r = ${xe} ${sym} ${ye}; ${R(a)} = r <= ${SafeInt.MAX} && r >= ${SafeInt.MIN} ? r${op === ArithOp.MUL ? ' + 0' : ''} : ${WIDE[op]}(${xe}, ${ye}); }`;
  let body = `const x = ${x};\n`;
  if ('reg' in y) {
    // two plain numbers here; float registers and boxed floats below
    body += `const y = ${R(y.reg)};
if (typeof x === 'number' && typeof y === 'number') {
  if (Number.isInteger(x) && Number.isInteger(y)) ${intOp('x', 'y')}
  else { ${setFloatOp(a, 'x', sym, 'y')} }
  ${done(n)}
}
`;
  } else if (typeof y.k === 'number' && Number.isInteger(y.k)) {
    const yk = num(y.k);
    body += `if (typeof x === 'number') {
  if (Number.isInteger(x)) ${intOp('x', yk)}
  else { ${setFloatOp(a, 'x', sym, yk)} }
  ${done(n)}
}
if (x === null) { ${setFloatOp(a, fx, sym, yk)} ${done(n)} }
`;
  } else if (typeof y.k === 'number' || y.k instanceof LuaFloat) {
    // a float constant: the result is a float whatever the number x is
    const yk = typeof y.k === 'number' ? num(y.k) : num(y.k.n);
    body += `if (typeof x === 'number') { ${setFloatOp(a, 'x', sym, yk)} ${done(n)} }
if (x === null) { ${setFloatOp(a, fx, sym, yk)} ${done(n)} }
`;
  }
  // boxed floats (integral values: 2.0) stay here too
  const fy = 'reg' in y ? `(${R(y.reg)} === null ? ${F(y.reg)} : floatOf(${R(y.reg)}))` : `floatOf(${tailK})`;
  body += `{ const fx = x === null ? ${fx} : floatOf(x); const fy = ${fy};
  if (fx !== undefined && fy !== undefined) { ${setFloatOp(a, 'fx', sym, 'fy')} ${done(n)} } }
${slowFrame(n, `arithTail(L, ci, ${n.P}, ${op}, ${S(a)}, ${n.B}, ${tailC}, ${tailK})`)}`;
  return body;
}

/**
 * MOD, POW, IDIV and the bitwise operations, register or K form: numbers
 * inline through numArithValue (which cannot throw), the rest with the
 * frame made current.
 */
function otherArith(n: Ins, op: ArithOp, yExpr: string, yReg: number | undefined): string {
  const flipped = yReg === undefined && n.k; // only the bitwise K forms may be flipped
  const lc = yReg === undefined ? 'undefined' : `${yReg}`;
  const value = op === ArithOp.MOD ? `intMod(x, y) ?? numArithValue(${op}, x, y)` : `numArithValue(${op}, x, y)`;
  return `const x = ${V(n.B)};
const y = ${yExpr};
if (typeof x === 'number' && typeof y === 'number') {
  const v = ${value};
  if (v !== undefined) { ${R(n.A)} = v; ${done(n)} }
}
${flipped ? slowFrame(n, `flippedArith(L, ci, ${n.P}, ${op}, ${S(n.A)}, ${n.B}, x, y)`)
    : slow(n, `if (arithMM(L, ci, ${n.P}, ${op}, x, y)) ${metamethod(n, bit(n.A))}
stack[${S(n.A)}] = slowArith(L, ci, ${n.P}, ${op}, x, y, ${n.B}, ${lc}); ${resync(n, bit(n.A))} ${done(n)}`)}`;
}

/** MODK with a positive integer constant: the floored modulo of two integers inline. */
function modByPositive(n: Ins, m: number): string {
  return `{ const x = ${R(n.B)};
if (typeof x === 'number' && Number.isInteger(x)) { const r = x % ${m}; ${R(n.A)} = (r < 0 ? r + ${m} : r) + 0; ${done(n)} } }
${otherArith(n, ArithOp.MOD, konst(n.p, n.C), undefined)}`;
}

function kArith(op: ArithOp): Emitter {
  return (n) => {
    const y = n.p.k[n.C];
    if (op <= ArithOp.MUL || op === ArithOp.DIV) {
      // ADDK and MULK may be flipped (the constant came first): arithTail's FLIPPED form
      const tailC = (op === ArithOp.ADD || op === ArithOp.MUL) && n.k ? '-2' : '-1';
      return binArith(n, op, { k: y }, tailC, `K[${n.C}]`);
    }
    if (op === ArithOp.MOD && typeof y === 'number' && Number.isInteger(y) && y > 0) return modByPositive(n, y);
    return otherArith(n, op, konst(n.p, n.C), undefined);
  };
}

function rArith(op: ArithOp): Emitter {
  return (n) => op <= ArithOp.MUL || op === ArithOp.DIV
    ? binArith(n, op, { reg: n.C }, `${n.C}`, V(n.C))
    : otherArith(n, op, V(n.C), n.C);
}

// ---------------------------------------------------------------------------
// Table access

/**
 * The value of string key `key` in table `t`, through the instruction's
 * slot hint (interp.ts's hintedGet) checked here first: a large generated
 * function spends V8's inlining budget quickly, and a field access is the
 * commonest instruction of all.
 */
function fieldGet(n: Ins, t: string, key: string): string {
  return `const sl = hints[${n.P}]; const v = ${t}.hkeys[sl] === ${key} ? ${t}.hvals[sl] : hintedGet(${t}, ${key}, hints, ${n.P});`;
}

/** Overwrite an existing non-nil field of `t` with `v` through the slot hint (interp.ts's hintedSet, checked here first), and finish. */
function fieldSet(n: Ins, t: string, key: string): string {
  return `const sl = hints[${n.P}];
  if (${t}.hkeys[sl] === ${key} && v !== undefined && ${t}.hvals[sl] !== undefined) { ${t}.hvals[sl] = v; ${done(n)} }
  if (hintedSet(${t}, ${key}, v, hints, ${n.P})) ${done(n)}`;
}

/**
 * GETTABUP, GETTABLE, GETI, GETFIELD: `decl` declares the table `tr`,
 * `lookup` its raw value `v`; a string key `chainKey` is also looked for
 * through `__index` tables; else `getSlow` with `slowArgs` (the indexed
 * value, the key, where the value came from).
 */
function tableGet(n: Ins, decl: string, lookup: string, chainKey: string | undefined, slowArgs: string): string {
  const chain = chainKey === undefined ? ''
    : `const w = indexTableChain(tr, ${chainKey}); if (w !== null) { ${R(n.A)} = w; ${done(n)} }`;
  return `${decl}
if (tr instanceof LuaTable) {
  ${lookup}
  if (v !== undefined || tr.metatable === undefined) { ${R(n.A)} = v; ${done(n)} }
  ${chain}
}
${slowFrame(n, `getSlow(L, ci, ${n.P}, ${S(n.A)}, ${slowArgs})`)}`;
}

/** SETTABUP, SETFIELD: `tr.key = v` for a table without a metatable or with the field present. */
function fieldStore(n: Ins, key: string): string {
  return `if (tr instanceof LuaTable) {
  ${fieldSet(n, 'tr', key)}
  if (tr.metatable === undefined) { ${addingStore(n, `tr.setStr(${key}, v);`)} ${done(n)} }
}`;
}

/** A store's slow path: `target[key] = v`, through `__newindex` (`loc`: where target came from, for messages). */
function setSlowPath(n: Ins, target: string, key: string, loc: string): string {
  return slow(n, `if (setSlow(L, ci, ${n.P}, ${target}, ${key}, v, ${loc})) ${metamethod(n, 0n)} ${resync(n)} ${done(n)}`);
}

/** The value stored by SETTABUP/SETTABLE/SETI/SETFIELD: RK(C), float registers materialized. */
function storedValue(n: Ins): string {
  return n.k ? `const v = ${konst(n.p, n.C)};` : `const v = ${V(n.C)};`;
}

/** A raw store that may add a key (and so charge memory, which may hit the limit): the frame is current first. */
function addingStore(n: Ins, store: string): string {
  return `ci.pc = ${n.P}; ${spill(n)} ${store}`;
}

// ---------------------------------------------------------------------------
// Comparisons

const IMM_CMP: Partial<Record<Op, string>> = { [Op.LTI]: '<', [Op.LEI]: '<=', [Op.GTI]: '>', [Op.GEI]: '>=' };

function immCompare(n: Ins): string {
  const sym = IMM_CMP[(n.i & 0x7f) as Op]!;
  const imm = n.B - Instr.OFFSET_sC;
  return `let cond;
{ const x = ${R(n.A)};
  if (typeof x === 'number' || typeof x === 'bigint') cond = x ${sym} ${num(imm)};
  else if (x === null) cond = ${F(n.A)} ${sym} ${num(imm)};
  else ${slowCond(n, `compareImm(L, ${n.i & 0x7f}, x, ${imm}, ${n.C !== 0})`)}
}
${test(n, 'cond')}`;
}

function orderCompare(n: Ins, sym: string): string {
  return `let cond;
{ const xr = ${R(n.A)};
  const yr = ${R(n.B)};
  if ((typeof xr === 'number' && typeof yr === 'number') || (typeof xr === 'string' && typeof yr === 'string')) cond = xr ${sym} yr;
  else if (xr === null && (yr === null || typeof yr === 'number')) cond = ${F(n.A)} ${sym} (yr === null ? ${F(n.B)} : yr);
  else if (yr === null && typeof xr === 'number') cond = xr ${sym} ${F(n.B)};
  else ${slowCond(n, `${sym === '<' ? 'lessthan' : 'lessequal'}(L, x, y)`,
    `const x = ${V(n.A)}; const y = ${V(n.B)}; if (orderMM(L, ci, ${n.P}, ${sym === '<' ? TM.LT : TM.LE}, x, y)) ${metamethod(n, 0n)}`)}
}
${test(n, 'cond')}`;
}

// ---------------------------------------------------------------------------
// Calls and returns

/**
 * Call the function in register `fr` (its arguments already in the frame,
 * L.top set). A Lua function's frame is pushed; with compiled code, that
 * runs from here (no trip through the interpreter's frame reload), and
 * unless it just returned here (it called on, yielded...) this function
 * returns its exit; else the interpreter runs it. A host function runs
 * here; then, unless it pushed a frame (a __call), yielded or set a hook
 * (the interpreter may have to run this frame), its results are read back.
 * (The generated code has no comments: its size counts, JIT_MAX_SOURCE.)
 */
function call(n: Ins, fr: number, nresults: number, results: bigint, fast = ''): string {
  return `{ const f = ${R(fr)};
${fast}if (f instanceof LuaClosure) {
  const callee = pushLuaFrame(L, ${S(fr)}, ${nresults}, f);
  const code = f.p.jit;
  if (code == null || ${mayNotCallDirectly}) return ${Exit.SWITCH};
  const exit = code(L, callee, depth + ${frameWeight(n.p)});
  if (exit !== ${Exit.SWITCH} || L.ci !== ci) return exit;
} else {
if (precall(L, ${S(fr)}, ${nresults}) !== null) return ${Exit.SWITCH};
if (L.status === ${LUA_YIELD}) return ${Exit.YIELD};
if (g.traps !== 0) return ${Exit.SWITCH};
}
${resync(n, results)} }`;
}

/**
 * `y = f(x)` where f is a host function computing a float from a number
 * (HostFunction.floatOp: math.sqrt, math.sin...) and x is a number: the
 * value is computed here, without a frame (nothing can look at one: the
 * function cannot fail or call anything, and hooks, which see calls, send
 * it the usual way). The result goes to the frame too, as a call's would.
 */
function floatCall(n: Ins): string {
  const a = n.A;
  const x = n.A + 1;
  return `if (f instanceof HostFunction && f.floatOp !== undefined && g.traps === 0 && (${R(x)} === null || typeof ${R(x)} === 'number')) {
  const v = f.floatOp(${R(x)} === null ? ${F(x)} : ${R(x)}); L.top = ${S(a + 1)};
  if (v === v) { s[b+${a}] = ${R(a)} = null; fs[b+${a}] = ${F(a)} = v; } else s[b+${a}] = ${R(a)} = v;
  ${done(n)}
}
`;
}

/** End of a frame that returned: leave `execute`, or finish the instruction a metamethod's frame was for. */
function afterReturn(): string {
  return `g.tick = tick;
if (ci.callstatus & ${CIST.FRESH}) return ${Exit.RETURN};
if (ci.callstatus & ${CIST.MM}) finishMM(L);
return ${Exit.SWITCH};`;
}

// ---------------------------------------------------------------------------
// One emitter per opcode

const EMIT: Record<number, Emitter> = {
  [Op.MOVE]: (n) => `${R(n.A)} = ${R(n.B)}; if (${R(n.A)} === null) ${F(n.A)} = ${F(n.B)};`,
  [Op.LOADI]: (n) => `${R(n.A)} = ${num((n.i >>> 15) - Instr.OFFSET_sBx)};`,
  [Op.LOADF]: (n) => `${F(n.A)} = ${num((n.i >>> 15) - Instr.OFFSET_sBx)}; ${R(n.A)} = null;`,
  [Op.LOADK]: (n) => `${R(n.A)} = ${konst(n.p, n.i >>> 15)};`,
  [Op.LOADKX]: (n) => `${R(n.A)} = ${konst(n.p, n.p.code[n.P] >>> 7)};`, // then its EXTRAARG, which does nothing
  [Op.LOADFALSE]: (n) => `${R(n.A)} = false;`,
  [Op.LFALSESKIP]: (n) => `${R(n.A)} = false; ${goto(n, n.P + 1)}`,
  [Op.LOADTRUE]: (n) => `${R(n.A)} = true;`,
  [Op.LOADNIL]: (n) => Array.from({ length: n.B + 1 }, (_, j) => `${R(n.A + j)} = undefined;`).join(' '),
  [Op.GETUPVAL]: (n) => `{ const uv = upvals[${n.B}]; ${R(n.A)} = uv.arr[uv.idx]; if (${R(n.A)} === null) ${F(n.A)} = uv.farr[uv.idx]; }`,
  [Op.SETUPVAL]: (n) => `{ const uv = upvals[${n.B}]; uv.arr[uv.idx] = ${V(n.A)}; if (g.upvaluesJoined && uv.isOpen) g.frameWrites++; }`,

  [Op.GETTABUP]: (n) => {
    const key = konst(n.p, n.C);
    return tableGet(n, `const uv = upvals[${n.B}]; const tr = uv.arr[uv.idx];`, fieldGet(n, 'tr', key), key,
      `uv.get(), ${key}, upvalLoc(${n.B})`);
  },
  [Op.GETTABLE]: (n) => tableGet(n, `const tr = ${R(n.B)}; const key = ${V(n.C)};`, 'const v = tr.get(key);', undefined,
    `${V(n.B)}, key, ${n.B}`),
  [Op.GETI]: (n) => tableGet(n, `const tr = ${R(n.B)};`, `const v = tr.getInt(${n.C});`, undefined, `${V(n.B)}, ${n.C}, ${n.B}`),
  [Op.GETFIELD]: (n) => {
    const key = konst(n.p, n.C);
    return tableGet(n, `const tr = ${R(n.B)};`, fieldGet(n, 'tr', key), key, `${V(n.B)}, ${key}, ${n.B}`);
  },
  [Op.SELF]: (n) => {
    const key = n.k ? konst(n.p, n.C) : 'key';
    const keyDecl = n.k ? '' : `const key = ${V(n.C)};`;
    return `const t = ${V(n.B)}; ${keyDecl}
${R(n.A + 1)} = t;
if (t instanceof LuaTable) {
  const v = t.get(${key});
  if (v !== undefined || t.metatable === undefined) { ${R(n.A)} = v; ${done(n)} }
  const w = typeof ${key} === 'string' ? indexTableChain(t, ${key}) : null;
  if (w !== null) { ${R(n.A)} = w; ${done(n)} }
} else if (typeof t === 'string') {
  const w = stringIndex(L, ${key});
  if (w !== null) { ${R(n.A)} = w; ${done(n)} }
}
${n.inlineSlow ? `${store(bit(n.A + 1))} ` : ''}${slowFrame(n, `getSlow(L, ci, ${n.P}, ${S(n.A)}, t, ${key}, ${n.B})`, bit(n.A + 1))}`;
  },
  [Op.SETTABUP]: (n) => {
    const key = konst(n.p, n.B);
    return `const uv = upvals[${n.A}]; ${storedValue(n)} const tr = uv.get();
${fieldStore(n, key)}
${setSlowPath(n, 'tr', key, `upvalLoc(${n.A})`)}`;
  },
  [Op.SETTABLE]: (n) => `const tr = ${R(n.A)}; const key = ${V(n.B)}; ${storedValue(n)}
if (tr instanceof LuaTable && (tr.metatable === undefined || tr.get(key) !== undefined)) {
  if (typeof key === 'number' && Number.isInteger(key) && key > 0 && key <= tr.arr.length) tr.setInt(key, v);
  else { ${addingStore(n, `if (typeof key === 'number' && Number.isInteger(key)) tr.setInt(key, v);
    else if (typeof key === 'string') tr.setStr(key, v);
    else rawset(L, tr, key, v);`)} }
  ${done(n)}
}
${setSlowPath(n, V(n.A), 'key', `${n.A}`)}`,
  [Op.SETI]: (n) => `const tr = ${R(n.A)}; ${storedValue(n)}
if (tr instanceof LuaTable && (tr.metatable === undefined || tr.getInt(${n.B}) !== undefined)) {
  if (${n.B} > 0 && ${n.B} <= tr.arr.length) tr.setInt(${n.B}, v);
  else { ${addingStore(n, `tr.setInt(${n.B}, v);`)} }
  ${done(n)}
}
${setSlowPath(n, V(n.A), `${n.B}`, `${n.A}`)}`,
  [Op.SETFIELD]: (n) => {
    const key = konst(n.p, n.B);
    return `const tr = ${R(n.A)}; ${storedValue(n)}
${fieldStore(n, key)}
${setSlowPath(n, V(n.A), key, `${n.A}`)}`;
  },
  [Op.NEWTABLE]: (n) => `ci.pc = ${n.P}; ${spill(n)} ${R(n.A)} = new LuaTable(heap);
if (heap.pending) { ci.pc = ${n.P + 1}; ${store(bit(n.A))} gcCheckpoint(L, ${S(n.A + 1)}); ${resync(n, bit(n.A))} }`,

  [Op.ADDI]: (n) => {
    const imm = n.C - Instr.OFFSET_sC;
    return `const x = ${R(n.B)};
if (typeof x === 'number') {
  if (Number.isInteger(x)) {
    const r = x + ${num(imm)};
    if (r <= ${SafeInt.MAX} && r >= ${SafeInt.MIN}) { ${R(n.A)} = r; ${done(n)} }
  } else { ${setFloat(n.A, `x + ${num(imm)}`)} ${done(n)} }
} else if (x === null) { ${setFloat(n.A, `${F(n.B)} + ${num(imm)}`)} ${done(n)} }
else if (x instanceof LuaFloat) { ${setFloat(n.A, `x.n + ${num(imm)}`)} ${done(n)} }
${n.k ? slowValue(n, `negatedImm(L, ci, ${n.P}, ${ArithOp.ADD}, ${ArithOp.SUB}, x, ${imm}, ${n.B})`)
    : slow(n, `if (arithMM(L, ci, ${n.P}, ${ArithOp.ADD}, x, ${imm})) ${metamethod(n, bit(n.A))}
stack[${S(n.A)}] = slowArith(L, ci, ${n.P}, ${ArithOp.ADD}, x, ${imm}, ${n.B}, undefined); ${resync(n, bit(n.A))} ${done(n)}`)}`;
  },
  [Op.ADDK]: kArith(ArithOp.ADD),
  [Op.SUBK]: kArith(ArithOp.SUB),
  [Op.MULK]: kArith(ArithOp.MUL),
  [Op.MODK]: kArith(ArithOp.MOD),
  [Op.POWK]: kArith(ArithOp.POW),
  [Op.DIVK]: kArith(ArithOp.DIV),
  [Op.IDIVK]: kArith(ArithOp.IDIV),
  [Op.BANDK]: kArith(ArithOp.BAND),
  [Op.BORK]: kArith(ArithOp.BOR),
  [Op.BXORK]: kArith(ArithOp.BXOR),
  [Op.SHRI]: (n) => {
    const imm = n.C - Instr.OFFSET_sC;
    return `const x = ${V(n.B)};
if (typeof x === 'number' && Number.isInteger(x)) { ${R(n.A)} = ishr(x, ${imm}); ${done(n)} }
${slowValue(n, n.k ? `negatedImm(L, ci, ${n.P}, ${ArithOp.SHR}, ${ArithOp.SHL}, x, ${imm}, ${n.B})`
    : `slowArith(L, ci, ${n.P}, ${ArithOp.SHR}, x, ${imm}, ${n.B}, undefined)`)}`;
  },
  [Op.SHLI]: (n) => {
    const imm = n.C - Instr.OFFSET_sC;
    return `const x = ${V(n.B)};
if (typeof x === 'number' && Number.isInteger(x)) { ${R(n.A)} = ishl(${imm}, x); ${done(n)} }
${slowValue(n, `slowArith(L, ci, ${n.P}, ${ArithOp.SHL}, ${imm}, x, undefined, ${n.B})`)}`;
  },
  [Op.ADD]: rArith(ArithOp.ADD),
  [Op.SUB]: rArith(ArithOp.SUB),
  [Op.MUL]: rArith(ArithOp.MUL),
  [Op.MOD]: rArith(ArithOp.MOD),
  [Op.POW]: rArith(ArithOp.POW),
  [Op.DIV]: rArith(ArithOp.DIV),
  [Op.IDIV]: rArith(ArithOp.IDIV),
  [Op.BAND]: rArith(ArithOp.BAND),
  [Op.BOR]: rArith(ArithOp.BOR),
  [Op.BXOR]: rArith(ArithOp.BXOR),
  [Op.SHL]: rArith(ArithOp.SHL),
  [Op.SHR]: rArith(ArithOp.SHR),
  [Op.UNM]: (n) => `const x = ${R(n.B)};
if (typeof x === 'number') { ${R(n.A)} = Number.isInteger(x) ? 0 - x : -x; ${done(n)} }
if (x === null) { ${setFloat(n.A, `-${F(n.B)}`)} ${done(n)} }
${slowValue(n, `slowArith(L, ci, ${n.P}, ${ArithOp.UNM}, x, x, ${n.B}, ${n.B})`)}`,
  [Op.BNOT]: (n) => `const x = ${V(n.B)};
if (typeof x === 'number' && (x | 0) === x) { ${R(n.A)} = ~x; ${done(n)} }
${slowValue(n, `slowArith(L, ci, ${n.P}, ${ArithOp.BNOT}, x, x, ${n.B}, ${n.B})`)}`,
  [Op.NOT]: (n) => `{ const x = ${R(n.B)}; ${R(n.A)} = x === undefined || x === false; }`,
  [Op.LEN]: (n) => `const x = ${V(n.B)};
if (typeof x === 'string') { ${R(n.A)} = x.length; ${done(n)} }
if (x instanceof LuaTable && x.metatable === undefined) { ${R(n.A)} = x.length(); ${done(n)} }
${slowValue(n, `len(L, x, ${n.B})`)}`,
  [Op.CONCAT]: (n) => {
    const general = slow(n, `materialize(L, ${S(n.A)}, ${S(n.A)} + ${n.B}); L.top = ${S(n.A)} + ${n.B}; concat(L, ${n.B}, base);
if (heap.pending) gcCheckpoint(L, ${S(n.A + 1)});
${resync(n, range(n.A, n.A + n.B))} ${done(n)}`);
    if (n.B !== 2) return general;
    return `const x = ${R(n.A)}; const y = ${R(n.A + 1)};
if (typeof x === 'string' && typeof y === 'string') {
  ci.pc = ${n.P}; ${spill(n)}
  charge(heap, stringCost(x.length + y.length));
  if ((tick -= (x.length + y.length) >>> ${Work.BYTES_SHIFT}) < 0) { g.tick = tick; safepoint(L); tick = g.tick; }
  ${R(n.A)} = x + y;
  if (heap.pending) { ${store(bit(n.A))} gcCheckpoint(L, ${S(n.A + 1)}); ${resync(n, bit(n.A))} }
  ${done(n)}
}
${general}`;
  },
  [Op.CLOSE]: (n) => `ci.pc = ${n.P}; ${spill(n)} L.top = ci.top; closeAll(L, ${S(n.A)}, ${CLOSEKTOP}, undefined, true); ${resync(n)}`,
  [Op.TBC]: (n) => `ci.pc = ${n.P}; ${spill(n)} materialize(L, ${S(n.A)}, ${S(n.A + 1)}); newtbcupval(L, ${S(n.A)}); ${resync(n, bit(n.A))}`,
  [Op.JMP]: (n) => {
    const d = (n.i >>> 7) - Instr.OFFSET_sJ;
    return charge(n, d, n.P) + goto(n, n.P + d);
  },

  // (two tables without metatables have no __eq to ask)
  [Op.EQ]: (n) => `let cond;
{ const xr = ${R(n.A)};
  const yr = ${R(n.B)};
  if (xr === null || yr === null) {
    cond = xr === yr ? ${F(n.A)} === ${F(n.B)} : xr === null ? floatEq(${F(n.A)}, yr) : floatEq(${F(n.B)}, xr);
  } else if (xr === yr) cond = true;
  else if (typeof xr !== 'object' && typeof yr !== 'object') cond = false;
  else if (xr instanceof LuaTable && yr instanceof LuaTable && xr.metatable === undefined && yr.metatable === undefined) cond = false;
  else ${slowCond(n, 'equalobj(L, xr, yr)', `if (eqMM(L, ci, ${n.P}, xr, yr)) ${metamethod(n, 0n)}`)}
}
${test(n, 'cond')}`,
  [Op.LT]: (n) => orderCompare(n, '<'),
  [Op.LE]: (n) => orderCompare(n, '<='),
  [Op.EQK]: (n) => {
    const y = n.p.k[n.B];
    // a float register never equals these
    if (typeof y === 'string' || typeof y === 'boolean' || y === undefined) return test(n, `${R(n.A)} === ${konst(n.p, n.B)}`);
    return `const x = ${R(n.A)}; const y = K[${n.B}];
const cond = x === null ? floatEq(${F(n.A)}, y) : x === y || ((x instanceof LuaFloat || y instanceof LuaFloat) && rawequal(x, y));
${test(n, 'cond')}`;
  },
  [Op.EQI]: (n) => {
    const imm = num(n.B - Instr.OFFSET_sC);
    return `const x = ${R(n.A)};
const cond = x === ${imm} || (x === null ? ${F(n.A)} === ${imm} : x instanceof LuaFloat && x.n === ${imm});
${test(n, 'cond')}`;
  },
  [Op.LTI]: immCompare,
  [Op.LEI]: immCompare,
  [Op.GTI]: immCompare,
  [Op.GEI]: immCompare,
  [Op.TEST]: (n) => `const x = ${R(n.A)};
${test(n, 'x !== undefined && x !== false')}`,
  [Op.TESTSET]: (n) => `const x = ${R(n.B)};
if ((x === undefined || x === false) === ${n.k}) { ${goto(n, n.P + 1)} }
${R(n.A)} = x; if (x === null) ${F(n.A)} = ${F(n.B)};
${jumpTaken(n, bit(n.A))}`,

  [Op.CALL]: (n) => {
    const nresults = n.C - 1;
    return `${n.B !== 0 ? `L.top = ${S(n.A)} + ${n.B}; ` : ''}ci.pc = ${n.P}; tick--; ${spill(n)}
if (tick < 0) { safepoint(L); tick = g.tick; }
${call(n, n.A, nresults, n.an.def[n.x] & n.an.liveOut[n.x], n.B === 2 && n.C === 2 ? floatCall(n) : '')}`;
  },
  // a Lua callee reuses this frame; compiled, it runs from here (as `call` does)
  [Op.TAILCALL]: (n) => `${spill(n)} const exit = tailcall(L, ci, ${S(n.A)}, ${n.i}, ${n.P});
if (exit !== ${Exit.SWITCH} || L.ci !== ci || ${mayNotCallDirectly}) return exit;
const code = ci.closure.p.jit;
return code == null ? exit : code(L, ci, depth + ${frameWeight(n.p)});`,
  [Op.RETURN]: (n) => `${spill(n)} return opReturn(L, ci, ${S(n.A)}, ${n.i}, ${n.P});`,
  [Op.RETURN0]: (n) => `if (g.traps !== 0) { ci.pc = ${n.P}; ${spill(n)} L.top = ${S(n.A)}; poscall(L, ci, 0); }
else {
  const res = ci.func;
  let wanted = ci.nresults;
  L.ci = ci.previous;
  if (wanted < 0) wanted = 0;
  for (let j = 0; j < wanted; j++) stack[res + j] = undefined;
  L.top = res + wanted;
}
${afterReturn()}`,
  [Op.RETURN1]: (n) => `if (g.traps !== 0) { ci.pc = ${n.P}; ${spill(n, bit(n.A))} L.top = ${S(n.A)} + 1; poscall(L, ci, 1); }
else {
  const res = ci.func;
  const wanted = ci.nresults;
  L.ci = ci.previous;
  if (wanted === 0) L.top = res;
  else {
    const v = ${R(n.A)};
    if (v !== null) stack[res] = v;
    else if (ci.callstatus & ${CIST.FRESH | CIST.MM}) stack[res] = mkfloat(${F(n.A)});
    else { stack[res] = null; fstack[res] = ${F(n.A)}; }
    for (let j = 1; j < wanted; j++) stack[res + j] = undefined;
    L.top = res + (wanted < 0 ? 1 : wanted);
  }
}
${afterReturn()}`,

  [Op.FORLOOP]: (n) => {
    const bx = n.i >>> 15;
    const a = n.A;
    const state = range(a, a + 4);
    const back = charge(n, -bx, n.P, state) + goto(n, n.P - bx);
    return `const step = ${R(a + 2)}; const count = ${R(a + 1)}; const idx0 = ${R(a)};
if (typeof count === 'number' && typeof step === 'number' && typeof idx0 === 'number') {
  if (count <= 0) ${done(n)}
  const idx = idx0 + step;
  if (idx <= ${SafeInt.MAX} && idx >= ${SafeInt.MIN}) {
    ${R(a + 1)} = count - 1; ${R(a)} = idx; ${R(a + 3)} = idx;
    ${back}
  }
}
${store(range(a, a + 3))}
const again = forloopSlow(stack, ${S(a)});
${load(state)}
if (again) { ${back} }`;
  },
  [Op.FORPREP]: (n) => `ci.pc = ${n.P}; ${spill(n)} materialize(L, ${S(n.A)}, ${S(n.A + 3)});
const skip = forprep(L, ${S(n.A)});
${load(range(n.A, n.A + 4))}
if (skip) { ${goto(n, n.P + (n.i >>> 15) + 1)} }`,
  [Op.TFORPREP]: (n) => `ci.pc = ${n.P}; ${spill(n)} materialize(L, ${S(n.A + 3)}, ${S(n.A + 4)}); newtbcupval(L, ${S(n.A + 3)});
${load(bit(n.A + 3))}
${goto(n, n.P + (n.i >>> 15))}`,
  [Op.TFORCALL]: (n) => {
    const a = n.A;
    const copies = [0, 1, 2].map((j) => `${R(a + 4 + j)} = ${R(a + j)}; ${F(a + 4 + j)} = ${F(a + j)};`).join(' ');
    return `${copies}
L.top = ${S(a + 7)}; ci.pc = ${n.P}; ${spill(n, range(a + 4, a + 7))}
${call(n, a + 4, n.C, n.an.def[n.x] & n.an.liveOut[n.x])}`;
  },
  [Op.TFORLOOP]: (n) => {
    const bx = n.i >>> 15;
    return `const v = ${R(n.A + 4)};
if (v !== undefined) {
  ${R(n.A + 2)} = v; if (v === null) ${F(n.A + 2)} = ${F(n.A + 4)};
  ${charge(n, -bx, n.P, bit(n.A + 2))}${goto(n, n.P - bx)}
}`;
  },
  // (with its k bit, the EXTRAARG after it is the rest of its operand, and does nothing when it runs)
  [Op.SETLIST]: (n) => `${spill(n)} setlist(L, ci, ${S(n.A)}, ${n.i}, ${n.P});`,
  [Op.CLOSURE]: (n) => `${spill(n)} closure(L, ci, ${S(n.A)}, ${n.i >>> 15}, ${n.P}); ${resync(n, bit(n.A))}`,
  [Op.VARARG]: (n) => `${spill(n)} vararg(L, ci, ${S(n.A)}, ${n.i}, ${n.P}); ${resync(n, n.an.def[n.x] & n.an.liveOut[n.x])}`,
  [Op.VARARGPREP]: (n) => `adjustVarargs(L, ci, ${n.A}); base = b = ci.base;
${load(n.an.liveOut[n.x])}
if (g.traps !== 0) { g.tick = tick; hookVarargCall(L, ci, ${n.P}); return ${Exit.SWITCH}; }`,
  [Op.EXTRAARG]: () => '',
};

/**
 * The main loop inside the write-back blocks of its bails (see `bail`):
 * `break bailN` leaves the loop for block N, which writes its registers
 * back and returns to the interpreter (ci.pc is set at the break).
 */
function withBails(loop: string, bails: Map<bigint, string>): string {
  let text = loop;
  for (const [set, label] of bails) {
    text = `${label}: {\n${text}\n}\ng.tick = tick; ${store(set)} return ${Exit.INTERPRET};`;
  }
  return text;
}

/** Before instruction x inside a JS loop: the blocks that end there close, those that start there open (but at the loop's start, see `opening`). */
function blockEdges(st: Structure, x: number): string {
  if (st.loopOf[x] < 0) return '';
  let text = '';
  if (st.blockStart.has(x)) text += '}\n';
  if (inBody(st, x)) text += opening(st, x);
  return text;
}

/** The blocks starting at x, the one ending last outermost. */
function opening(st: Structure, x: number): string {
  const targets = [...st.blockStart].filter(([, a]) => a === x).map(([t]) => t).sort((a, b) => b - a);
  return targets.map((t) => `F${t}: {\n`).join('');
}

/** The name of the generated function, for profiles of the host: `lua_<chunk>_<line>`. */
export function functionName(p: Proto): string {
  // (a chunk loaded from a string is named by its source, which may be long: no regular expression over all of it)
  const source = p.source ?? '?';
  const slash = Math.max(source.lastIndexOf('/', 200), source.lastIndexOf('\\', 200));
  const name = source.slice(slash >= 0 ? slash + 1 : /^[@=]/.test(source) ? 1 : 0).slice(0, 40);
  return `lua_${name.replace(/[^A-Za-z0-9_]/g, '_')}_${p.linedefined}`;
}

/**
 * The source of a factory `(R, K, hints) => compiled function` for `p`:
 * R the runtime (runtime.ts), K the constants, hints the slot hints of
 * its field accesses (shared with the interpreter). `inlineSlow`: the
 * form with the slow paths in it (see `slow`). `compiled`: only these
 * instructions are compiled, the rest bail at once, for a function too
 * large to compile whole (a long main chunk): its loops are where it
 * spends its time, and V8 does not optimize very large functions.
 */
export function generate(p: Proto, inlineSlow = false, compiled?: Set<number>, analysis?: Analysis): string {
  const whole = analysis ?? analyze(p, inlineSlow);
  const an = compiled === undefined ? whole : { ...whole, entries: new Set([...whole.entries].filter((e) => compiled.has(e))) };
  // where compiled code can go outside what is compiled: it bails there
  const exits = new Set<number>();
  if (compiled !== undefined) for (const x of compiled) for (const t of an.succ[x]) if (!compiled.has(t)) exits.add(t);
  const st = structure(p, an, compiled);
  const code = p.code;
  const body: string[] = [];
  const bails = new Map<bigint, string>();
  for (let x = 0; x < code.length; x++) {
    const i = code[x];
    const n: Ins = {
      p, an, x, i, P: x + 1,
      A: (i >>> 7) & 0xff, B: (i >>> 16) & 0xff, C: i >>> 24, k: (i & 0x8000) !== 0, bails, inlineSlow, st,
    };
    const edges = blockEdges(st, x);
    if (edges !== '') body.push(edges);
    const emit = EMIT[i & 0x7f];
    // an opcode without an emitter (none today) is left to the interpreter
    if (compiled !== undefined && !compiled.has(x)) {
      // outside what is compiled: a bail where compiled code can get to (a jump, or falling
      // through from the instruction before), nothing elsewhere
      if (exits.has(x)) body.push(`${an.labels.has(x) ? `case ${x}: ` : ''}${bail(n)}`);
      continue;
    }
    const text = emit === undefined ? `${spill(n)} ci.pc = ${x}; return ${Exit.INTERPRET}; // no emitter` : emit(n);
    const label = an.labels.has(x) && !inBody(st, x) ? `case ${x}: ` : '';
    const loop = st.loopEnd.has(x) ? `L${x}: for (;;) {\n${opening(st, x)}` : '';
    body.push(`${label}${loop}b${x}: {\n${text}\n}`);
    if (st.loopOf[x] >= 0 && st.loopEnd.get(st.loopOf[x]) === x) body.push(`break L${st.loopOf[x]};\n}`);
  }
  const regs = Array.from({ length: p.maxstacksize }, (_, r) => r);
  // entries that read the same registers share their case; past a few cases (the form with
  // slow paths inline enters after most instructions), all read every register one of them
  // reads, which is harmless (the frame holds the truth there) and keeps the prologue short
  let byRegs = new Map<bigint, number[]>();
  const sorted = [...an.entries].sort((a, b) => a - b);
  for (const e of sorted) {
    const list = byRegs.get(an.liveIn[e]);
    if (list === undefined) byRegs.set(an.liveIn[e], [e]);
    else list.push(e);
  }
  if (byRegs.size > MAX_ENTRY_CASES) byRegs = new Map([[[...byRegs.keys()].reduce((u, set) => u | set, 0n), sorted]]);
  const entries = [...byRegs].map(([regs, es]) => `${es.map((e) => `case ${e}:`).join(' ')} ${load(regs)} break;`);
  return `"use strict";
const { ${runtimeNames()} } = R;
return function ${functionName(p)}${compiled === undefined ? '' : `_${Math.min(...compiled)}`}(L, ci, depth) {
const stack = L.stack, s = stack;
const fstack = L.fstack, fs = fstack;
const g = L.g;
const heap = g.heap;
const upvals = ci.closure.upvals;
let base = ci.base, b = base;
let pc = ci.pc;
let tick = g.tick;
const frameWrites = g.frameWrites;
${regs.length > 0 ? `let ${regs.map(R).join(', ')};\nlet ${regs.map((r) => `${F(r)} = 0`).join(', ')};` : ''}
switch (pc) {
${entries.join('\n')}
default: return ${Exit.NO_ENTRY};
}
${withBails(`D: for (;;) {
switch (pc) {
${body.join('\n')}
}
ci.pc = pc; return ${Exit.INTERPRET};
}`, bails)}
};`;
}
