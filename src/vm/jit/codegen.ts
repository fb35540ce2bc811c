/**
 * The compiling tier's code generator: a prototype's bytecode becomes the
 * source of one JavaScript function that runs frames of that prototype.
 *
 * The generated function works on the interpreter's frames exactly as the
 * interpreter does: registers stay in the thread's `stack` (float registers
 * in `fstack`, see floatregs.ts), `ci.pc` is saved before anything that can
 * raise an error, look at the frame or stop (the same saves as interp.ts's),
 * and the safepoint counter is charged at the same points by the same
 * amounts. So a traceback, `debug.getlocal`, a limit, a yield or the
 * profiler sees the frame exactly as the interpreter would have left it.
 *
 * What the generated code gains over the interpreter: no fetch, decode or
 * dispatch per instruction; operands, constants and jump targets are
 * literals; type feedback is per Lua function instead of one shared loop,
 * so V8 optimizes each function for its own types and never deoptimizes the
 * interpreter for them.
 *
 * Shape: `for (;;) switch (pc) { case 0: ... case 1: ... }`. Every
 * instruction is a case label, so the function can be entered at any
 * instruction (after a call returns, after a metamethod's frame, after a
 * yield, or from the interpreter at a loop's back edge), and straight-line
 * code falls through from one instruction to the next; a jump sets `pc` and
 * continues the loop. The function returns an `Exit` (interp.ts) whenever
 * the running frame changes: a call or a metamethod pushes a frame, a
 * return pops one, the thread yields, or a hook starts wanting the frame.
 */

import type { Proto } from '../../bytecode/proto.js';
import { Op, Instr } from '../../bytecode/opcodes.js';
import { ArithOp, SafeInt } from '../../value/number.js';
import { LuaFloat, type LuaValue } from '../../value/value.js';
import { CIST, LUA_YIELD } from '../state.js';
import { Exit } from '../interp.js';
import { TM } from '../metamethods.js';
import { CLOSEKTOP } from '../call.js';
import { Work } from '../budget.js';

/** What an instruction's emitter gets: its index, its word, and the prototype. */
interface Ins {
  readonly p: Proto;
  /** Index of the instruction. */
  readonly x: number;
  /** The instruction word. */
  readonly i: number;
  /** `x + 1`: what the interpreter's `pc` is while it runs this instruction (what `ci.pc` is set to). */
  readonly P: number;
  readonly A: number;
  readonly B: number;
  readonly C: number;
  readonly k: boolean;
}

type Emitter = (n: Ins) => string;

const R = (r: number): string => `stack[base + ${r}]`;
const F = (r: number): string => `fstack[base + ${r}]`;
const RA = (r: number): string => `base + ${r}`;

/** A JS expression for a number literal (parenthesized when negative). */
function num(n: number): string {
  return n < 0 || Object.is(n, -0) ? `(${n})` : `${n}`;
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

/** Set register `a` to the float `expr`. */
function setFloat(a: number, expr: string): string {
  return `${F(a)} = ${expr}; ${R(a)} = null;`;
}

/** Charge a backward jump of `d` instructions (d < 0) to the safepoint counter, as the interpreter does. */
function charge(d: number, savedPc: number): string {
  return d < 0 ? `if ((g.tick += ${d}) < 0) { ci.pc = ${savedPc}; safepoint(L); } ` : '';
}

/** Go to instruction `target`. */
function goto(target: number): string {
  return `pc = ${target}; continue;`;
}

/** The jump after a test at `n` (the JMP at n.P), taken: the interpreter's jumpTaken. */
function jumpTaken(n: Ins): string {
  const d = (n.p.code[n.P] >>> 7) - Instr.OFFSET_sJ + 1;
  return charge(d, n.P + 1) + goto(n.P + d);
}

/** A test: `cond` decides whether the following jump is taken (when it equals the k bit). */
function test(n: Ins, cond: string): string {
  return `if ((${cond}) !== ${n.k}) { ${goto(n.P + 1)} } ${jumpTaken(n)}`;
}

// ---------------------------------------------------------------------------
// Arithmetic

/** An operand of ADD/SUB/MUL/DIV: a register, or a constant of the K forms. */
type Operand = { reg: number } | { k: LuaValue; idx: number };

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
  const done = `break b${n.x};`;
  const intOp = (xe: string, ye: string): string => op === ArithOp.DIV ? `{ ${setFloat(a, `${xe} / ${ye}`)} }`
    : `{ const r = ${xe} ${sym} ${ye}; ${R(a)} = r <= ${SafeInt.MAX} && r >= ${SafeInt.MIN} ? r${op === ArithOp.MUL ? ' + 0' : ''} : ${WIDE[op]}(${xe}, ${ye}); }`;
  let body = `const x = ${x};\n`;
  if ('reg' in y) {
    const yr = R(y.reg);
    const fy = F(y.reg);
    body += `const y = ${yr};
if (typeof x === 'number') {
  if (typeof y === 'number') {
    if (Number.isInteger(x) && Number.isInteger(y)) ${intOp('x', 'y')}
    else { ${setFloat(a, `x ${sym} y`)} }
    ${done}
  }
  if (y === null) { ${setFloat(a, `x ${sym} ${fy}`)} ${done} }
} else if (x === null) {
  if (y === null) { ${setFloat(a, `${fx} ${sym} ${fy}`)} ${done} }
  if (typeof y === 'number') { ${setFloat(a, `${fx} ${sym} y`)} ${done} }
}
`;
  } else if (typeof y.k === 'number' && Number.isInteger(y.k)) {
    const yk = num(y.k);
    body += `if (typeof x === 'number') {
  if (Number.isInteger(x)) ${intOp('x', yk)}
  else { ${setFloat(a, `x ${sym} ${yk}`)} }
  ${done}
}
if (x === null) { ${setFloat(a, `${fx} ${sym} ${yk}`)} ${done} }
`;
  } else if (typeof y.k === 'number' || y.k instanceof LuaFloat) {
    // a float constant: the result is a float whatever the number x is
    const yk = typeof y.k === 'number' ? num(y.k) : num(y.k.n);
    body += `if (typeof x === 'number') { ${setFloat(a, `x ${sym} ${yk}`)} ${done} }
if (x === null) { ${setFloat(a, `${fx} ${sym} ${yk}`)} ${done} }
`;
  }
  body += `if (arithTail(L, ci, ${n.P}, ${op}, ${RA(a)}, ${n.B}, ${tailC}, ${tailK})) return ${Exit.SWITCH};`;
  return body;
}

/** MOD, POW, IDIV and the bitwise operations, register or K form: the interpreter's generic number path. */
function otherArith(n: Ins, op: ArithOp, yExpr: string, yReg: number | undefined): string {
  const a = n.A;
  const flipped = yReg === undefined && n.k; // only the bitwise K forms may be flipped
  let body = `const x = val(stack, fstack, ${RA(n.B)});
const y = ${yExpr};
`;
  const lc = yReg === undefined ? 'undefined' : `${yReg}`;
  const numPath = op === ArithOp.MOD ? `intMod(x, y) ?? numArith(${op}, x, y, L, ci, ${n.P}, ${n.B}, ${lc})`
    : `numArith(${op}, x, y, L, ci, ${n.P}, ${n.B}, ${lc})`;
  body += `if (typeof x === 'number' && typeof y === 'number') ${R(a)} = ${numPath};\n`;
  if (flipped) body += `else if (flippedArith(L, ci, ${n.P}, ${op}, ${RA(a)}, ${n.B}, x, y)) return ${Exit.SWITCH};\n`;
  else {
    body += `else if (arithMM(L, ci, ${n.P}, ${op}, x, y)) return ${Exit.SWITCH};
else ${R(a)} = slowArith(L, ci, ${n.P}, ${op}, x, y, ${n.B}, ${lc});\n`;
  }
  return body;
}

/** MODK with a positive integer constant: the floored modulo of two integers inline. */
function modByPositive(n: Ins, m: number): string {
  return `const x = ${R(n.B)};
if (typeof x === 'number' && Number.isInteger(x)) { const r = x % ${m}; ${R(n.A)} = (r < 0 ? r + ${m} : r) + 0; break b${n.x}; }
{ ${otherArith(n, ArithOp.MOD, konst(n.p, n.C), undefined)} }`;
}

function kArith(op: ArithOp): Emitter {
  return (n) => {
    const y = n.p.k[n.C];
    if (op <= ArithOp.MUL || op === ArithOp.DIV) {
      // ADDK and MULK may be flipped (the constant came first): arithTail's FLIPPED form
      const tailC = (op === ArithOp.ADD || op === ArithOp.MUL) && n.k ? '-2' : '-1';
      return binArith(n, op, { k: y, idx: n.C }, tailC, `K[${n.C}]`);
    }
    if (op === ArithOp.MOD && typeof y === 'number' && Number.isInteger(y) && y > 0) return modByPositive(n, y);
    return otherArith(n, op, konst(n.p, n.C), undefined);
  };
}

function rArith(op: ArithOp): Emitter {
  return (n) => op <= ArithOp.MUL || op === ArithOp.DIV
    ? binArith(n, op, { reg: n.C }, `${n.C}`, R(n.C))
    : otherArith(n, op, `val(stack, fstack, ${RA(n.C)})`, n.C);
}

// ---------------------------------------------------------------------------
// Table access

/** The rest of a read after its fast path missed: Lua `__index` frames exit. */
function getTail(n: Ins, t: string, key: string, loc: string): string {
  return `if (getSlow(L, ci, ${n.P}, ${RA(n.A)}, ${t}, ${key}, ${loc})) return ${Exit.SWITCH};`;
}

function setTail(n: Ins, t: string, key: string, loc: string): string {
  return `if (setSlow(L, ci, ${n.P}, ${t}, ${key}, v, ${loc})) return ${Exit.SWITCH};`;
}

/** The value stored by SETTABUP/SETTABLE/SETI/SETFIELD: RK(C), float registers materialized. */
function storedValue(n: Ins): string {
  if (n.k) return `const v = ${konst(n.p, n.C)};`;
  return `const vr = ${R(n.C)}; const v = vr === null ? mkfloat(${F(n.C)}) : vr;`;
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
  else { ci.pc = ${n.P}; L.top = ci.top; cond = compareImm(L, ${n.i & 0x7f}, x, ${imm}, ${n.C !== 0}); }
}
${test(n, 'cond')}`;
}

function orderCompare(n: Ins, sym: string, event: TM, slow: string): string {
  const ra = RA(n.A);
  const rb = RA(n.B);
  return `let cond;
{ const xr = stack[${ra}];
  const yr = stack[${rb}];
  if ((typeof xr === 'number' && typeof yr === 'number') || (typeof xr === 'string' && typeof yr === 'string')) cond = xr ${sym} yr;
  else if (xr === null && (yr === null || typeof yr === 'number')) cond = fstack[${ra}] ${sym} (yr === null ? fstack[${rb}] : yr);
  else if (yr === null && typeof xr === 'number') cond = xr ${sym} fstack[${rb}];
  else {
    const x = val(stack, fstack, ${ra});
    const y = val(stack, fstack, ${rb});
    if (orderMM(L, ci, ${n.P}, ${event}, x, y)) return ${Exit.SWITCH};
    ci.pc = ${n.P}; L.top = ci.top;
    cond = ${slow}(L, x, y);
  }
}
${test(n, 'cond')}`;
}

// ---------------------------------------------------------------------------
// Calls and returns

/** After a host function returned to compiled code (CALL, TFORCALL): a yield, or a hook that may want this frame. */
function afterHostCall(): string {
  return `if (L.status === ${LUA_YIELD}) return ${Exit.YIELD};
if (g.traps !== 0) return ${Exit.SWITCH};`;
}

/** End of a frame that returned: leave `execute`, or finish the instruction a metamethod's frame was for. */
function afterReturn(): string {
  return `if (ci.callstatus & ${CIST.FRESH}) return ${Exit.RETURN};
if (ci.callstatus & ${CIST.MM}) finishMM(L);
return ${Exit.SWITCH};`;
}

// ---------------------------------------------------------------------------
// One emitter per opcode

const EMIT: Record<number, Emitter> = {
  [Op.MOVE]: (n) => `const v = ${R(n.B)}; ${R(n.A)} = v; if (v === null) ${F(n.A)} = ${F(n.B)};`,
  [Op.LOADI]: (n) => `${R(n.A)} = ${num((n.i >>> 15) - Instr.OFFSET_sBx)};`,
  [Op.LOADF]: (n) => setFloat(n.A, num((n.i >>> 15) - Instr.OFFSET_sBx)),
  [Op.LOADK]: (n) => `${R(n.A)} = ${konst(n.p, n.i >>> 15)};`,
  [Op.LOADKX]: (n) => `${R(n.A)} = ${konst(n.p, n.p.code[n.P] >>> 7)}; ${goto(n.P + 1)}`,
  [Op.LOADFALSE]: (n) => `${R(n.A)} = false;`,
  [Op.LFALSESKIP]: (n) => `${R(n.A)} = false; ${goto(n.P + 1)}`,
  [Op.LOADTRUE]: (n) => `${R(n.A)} = true;`,
  [Op.LOADNIL]: (n) => Array.from({ length: n.B + 1 }, (_, j) => `${R(n.A + j)} = undefined;`).join(' '),
  [Op.GETUPVAL]: (n) => `const uv = upvals[${n.B}]; const v = uv.arr[uv.idx]; ${R(n.A)} = v; if (v === null) ${F(n.A)} = uv.farr[uv.idx];`,
  [Op.SETUPVAL]: (n) => `const uv = upvals[${n.B}]; const v = ${R(n.A)}; uv.arr[uv.idx] = v === null ? mkfloat(${F(n.A)}) : v;`,

  [Op.GETTABUP]: (n) => {
    const key = konst(n.p, n.C);
    return `const uv = upvals[${n.B}]; const tr = uv.arr[uv.idx];
if (tr instanceof LuaTable) {
  const v = hintedGet(tr, ${key}, hints, ${n.P});
  if (v !== undefined || tr.metatable === undefined) { ${R(n.A)} = v; break b${n.x}; }
}
${getTail(n, 'uv.get()', key, `upvalLoc(${n.B})`)}`;
  },
  [Op.GETTABLE]: (n) => `const tr = ${R(n.B)}; const kr = ${R(n.C)}; const key = kr === null ? mkfloat(${F(n.C)}) : kr;
if (tr instanceof LuaTable) {
  const v = tr.get(key);
  if (v !== undefined || tr.metatable === undefined) { ${R(n.A)} = v; break b${n.x}; }
}
${getTail(n, `val(stack, fstack, ${RA(n.B)})`, 'key', `${n.B}`)}`,
  [Op.GETI]: (n) => `const tr = ${R(n.B)};
if (tr instanceof LuaTable) {
  const v = tr.getInt(${n.C});
  if (v !== undefined || tr.metatable === undefined) { ${R(n.A)} = v; break b${n.x}; }
}
${getTail(n, `val(stack, fstack, ${RA(n.B)})`, `${n.C}`, `${n.B}`)}`,
  [Op.GETFIELD]: (n) => {
    const key = konst(n.p, n.C);
    return `const tr = ${R(n.B)};
if (tr instanceof LuaTable) {
  const v = hintedGet(tr, ${key}, hints, ${n.P});
  if (v !== undefined || tr.metatable === undefined) { ${R(n.A)} = v; break b${n.x}; }
  const w = indexTableChain(tr, ${key});
  if (w !== null) { ${R(n.A)} = w; break b${n.x}; }
}
${getTail(n, `val(stack, fstack, ${RA(n.B)})`, key, `${n.B}`)}`;
  },
  [Op.SELF]: (n) => {
    const key = n.k ? konst(n.p, n.C) : 'key';
    const keyDecl = n.k ? '' : `const kr = ${R(n.C)}; const key = kr === null ? mkfloat(${F(n.C)}) : kr;`;
    return `const tr = ${R(n.B)}; const t = tr === null ? mkfloat(${F(n.B)}) : tr; ${keyDecl}
${R(n.A + 1)} = t;
if (t instanceof LuaTable) {
  const v = t.get(${key});
  if (v !== undefined || t.metatable === undefined) { ${R(n.A)} = v; break b${n.x}; }
  const w = typeof ${key} === 'string' ? indexTableChain(t, ${key}) : null;
  if (w !== null) { ${R(n.A)} = w; break b${n.x}; }
}
${getTail(n, 't', key, `${n.B}`)}`;
  },
  [Op.SETTABUP]: (n) => {
    const key = konst(n.p, n.B);
    return `const uv = upvals[${n.A}]; ${storedValue(n)} const t = uv.get();
if (t instanceof LuaTable) {
  if (hintedSet(t, ${key}, v, hints, ${n.P})) break b${n.x};
  if (t.metatable === undefined) { ci.pc = ${n.P}; t.setStr(${key}, v); break b${n.x}; }
}
${setTail(n, 't', key, `upvalLoc(${n.A})`)}`;
  },
  [Op.SETTABLE]: (n) => `const tr = ${R(n.A)}; const kr = ${R(n.B)}; const key = kr === null ? mkfloat(${F(n.B)}) : kr; ${storedValue(n)}
if (tr instanceof LuaTable && (tr.metatable === undefined || tr.get(key) !== undefined)) {
  ci.pc = ${n.P};
  if (typeof key === 'number' && Number.isInteger(key)) tr.setInt(key, v);
  else if (typeof key === 'string') tr.setStr(key, v);
  else rawset(L, tr, key, v);
  break b${n.x};
}
${setTail(n, `val(stack, fstack, ${RA(n.A)})`, 'key', `${n.A}`)}`,
  [Op.SETI]: (n) => `const tr = ${R(n.A)}; ${storedValue(n)}
if (tr instanceof LuaTable && (tr.metatable === undefined || tr.getInt(${n.B}) !== undefined)) {
  ci.pc = ${n.P}; tr.setInt(${n.B}, v); break b${n.x};
}
${setTail(n, `val(stack, fstack, ${RA(n.A)})`, `${n.B}`, `${n.A}`)}`,
  [Op.SETFIELD]: (n) => {
    const key = konst(n.p, n.B);
    return `const tr = ${R(n.A)}; ${storedValue(n)}
if (tr instanceof LuaTable) {
  if (hintedSet(tr, ${key}, v, hints, ${n.P})) break b${n.x};
  if (tr.metatable === undefined) { ci.pc = ${n.P}; tr.setStr(${key}, v); break b${n.x}; }
}
${setTail(n, `val(stack, fstack, ${RA(n.A)})`, key, `${n.A}`)}`;
  },
  [Op.NEWTABLE]: (n) => `ci.pc = ${n.P}; ${R(n.A)} = new LuaTable(heap);
if (heap.pending) { ci.pc = ${n.P + 1}; gcCheckpoint(L, ${RA(n.A + 1)}); }
${goto(n.P + 1)}`,

  [Op.ADDI]: (n) => {
    const imm = n.C - Instr.OFFSET_sC;
    const tail = !n.k
      ? `if (arithMM(L, ci, ${n.P}, ${ArithOp.ADD}, x, ${imm})) return ${Exit.SWITCH};
${R(n.A)} = slowArith(L, ci, ${n.P}, ${ArithOp.ADD}, x, ${imm}, ${n.B}, undefined);`
      : `${R(n.A)} = negatedImm(L, ci, ${n.P}, ${ArithOp.ADD}, ${ArithOp.SUB}, x, ${imm}, ${n.B});`;
    return `const x = ${R(n.B)};
if (typeof x === 'number') {
  if (Number.isInteger(x)) {
    const r = x + ${num(imm)};
    if (r <= ${SafeInt.MAX} && r >= ${SafeInt.MIN}) { ${R(n.A)} = r; break b${n.x}; }
  } else { ${setFloat(n.A, `x + ${num(imm)}`)} break b${n.x}; }
} else if (x === null) { ${setFloat(n.A, `${F(n.B)} + ${num(imm)}`)} break b${n.x}; }
else if (x instanceof LuaFloat) { ${setFloat(n.A, `x.n + ${num(imm)}`)} break b${n.x}; }
${tail}`;
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
    return `const x = val(stack, fstack, ${RA(n.B)});
if (typeof x === 'number' && Number.isInteger(x)) ${R(n.A)} = ishr(x, ${imm});
else ${R(n.A)} = ${!n.k ? `slowArith(L, ci, ${n.P}, ${ArithOp.SHR}, x, ${imm}, ${n.B}, undefined)`
    : `negatedImm(L, ci, ${n.P}, ${ArithOp.SHR}, ${ArithOp.SHL}, x, ${imm}, ${n.B})`};`;
  },
  [Op.SHLI]: (n) => {
    const imm = n.C - Instr.OFFSET_sC;
    return `const x = val(stack, fstack, ${RA(n.B)});
if (typeof x === 'number' && Number.isInteger(x)) ${R(n.A)} = ishl(${imm}, x);
else ${R(n.A)} = slowArith(L, ci, ${n.P}, ${ArithOp.SHL}, ${imm}, x, undefined, ${n.B});`;
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
if (typeof x === 'number') ${R(n.A)} = Number.isInteger(x) ? 0 - x : -x;
else if (x === null) { ${setFloat(n.A, `-${F(n.B)}`)} }
else ${R(n.A)} = slowArith(L, ci, ${n.P}, ${ArithOp.UNM}, x, x, ${n.B}, ${n.B});`,
  [Op.BNOT]: (n) => `const x = val(stack, fstack, ${RA(n.B)});
if (typeof x === 'number' && (x | 0) === x) ${R(n.A)} = ~x;
else ${R(n.A)} = slowArith(L, ci, ${n.P}, ${ArithOp.BNOT}, x, x, ${n.B}, ${n.B});`,
  [Op.NOT]: (n) => `const x = ${R(n.B)}; ${R(n.A)} = x === undefined || x === false;`,
  [Op.LEN]: (n) => `const x = val(stack, fstack, ${RA(n.B)});
if (typeof x === 'string') ${R(n.A)} = x.length;
else if (x instanceof LuaTable && x.metatable === undefined) ${R(n.A)} = x.length();
else { ci.pc = ${n.P}; L.top = ci.top; ${R(n.A)} = len(L, x, ${n.B}); }`,
  [Op.CONCAT]: (n) => {
    const ra = RA(n.A);
    const fast = n.B !== 2 ? '' : `const x = ${R(n.A)}; const y = ${R(n.A + 1)};
if (typeof x === 'string' && typeof y === 'string') {
  ci.pc = ${n.P};
  charge(heap, stringCost(x.length + y.length));
  if ((g.tick -= (x.length + y.length) >>> ${Work.BYTES_SHIFT}) < 0) safepoint(L);
  ${R(n.A)} = x + y;
  if (heap.pending) gcCheckpoint(L, ${RA(n.A + 1)});
  break b${n.x};
}
`;
    return `${fast}ci.pc = ${n.P}; L.top = ${ra} + ${n.B};
materialize(L, ${ra}, ${ra} + ${n.B});
concat(L, ${n.B}, base);
if (heap.pending) gcCheckpoint(L, ${RA(n.A + 1)});`;
  },
  [Op.CLOSE]: (n) => `ci.pc = ${n.P}; L.top = ci.top; closeAll(L, ${RA(n.A)}, ${CLOSEKTOP}, undefined, true);`,
  [Op.TBC]: (n) => `ci.pc = ${n.P}; materialize(L, ${RA(n.A)}, ${RA(n.A + 1)}); newtbcupval(L, ${RA(n.A)});`,
  [Op.JMP]: (n) => {
    const d = (n.i >>> 7) - Instr.OFFSET_sJ;
    return charge(d, n.P) + goto(n.P + d);
  },

  [Op.EQ]: (n) => {
    const ra = RA(n.A);
    const rb = RA(n.B);
    return `let cond;
{ const xr = stack[${ra}];
  const yr = stack[${rb}];
  if (xr === null || yr === null) {
    cond = xr === yr ? fstack[${ra}] === fstack[${rb}] : xr === null ? floatEq(fstack[${ra}], yr) : floatEq(fstack[${rb}], xr);
  } else if (xr === yr) cond = true;
  else if (typeof xr !== 'object' && typeof yr !== 'object') cond = false;
  else {
    if (eqMM(L, ci, ${n.P}, xr, yr)) return ${Exit.SWITCH};
    ci.pc = ${n.P}; L.top = ci.top;
    cond = equalobj(L, xr, yr);
  }
}
${test(n, 'cond')}`;
  },
  [Op.LT]: (n) => orderCompare(n, '<', TM.LT, 'lessthan'),
  [Op.LE]: (n) => orderCompare(n, '<=', TM.LE, 'lessequal'),
  [Op.EQK]: (n) => {
    const y = n.p.k[n.B];
    if (typeof y === 'string' || typeof y === 'boolean' || y === undefined) {
      // a float register never equals these
      return test(n, `${R(n.A)} === ${konst(n.p, n.B)}`);
    }
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
if ((x === undefined || x === false) === ${n.k}) { ${goto(n.P + 1)} }
${R(n.A)} = x; if (x === null) ${F(n.A)} = ${F(n.B)};
${jumpTaken(n)}`,

  [Op.CALL]: (n) => {
    const ra = RA(n.A);
    const nresults = n.C - 1;
    return `${n.B !== 0 ? `L.top = ${ra} + ${n.B}; ` : ''}ci.pc = ${n.P};
if (--g.tick < 0) safepoint(L);
const f = stack[${ra}];
if (f instanceof LuaClosure) { pushLuaFrame(L, ${ra}, ${nresults}, f); return ${Exit.SWITCH}; }
if (precall(L, ${ra}, ${nresults}) !== null) return ${Exit.SWITCH};
${afterHostCall()}`;
  },
  [Op.TAILCALL]: (n) => `return tailcall(L, ci, ${RA(n.A)}, ${n.i}, ${n.P});`,
  [Op.RETURN]: (n) => `return opReturn(L, ci, ${RA(n.A)}, ${n.i}, ${n.P});`,
  [Op.RETURN0]: (n) => `if (g.traps !== 0) { ci.pc = ${n.P}; L.top = ${RA(n.A)}; poscall(L, ci, 0); }
else {
  const res = ci.func;
  let wanted = ci.nresults;
  L.ci = ci.previous;
  if (wanted < 0) wanted = 0;
  for (let j = 0; j < wanted; j++) stack[res + j] = undefined;
  L.top = res + wanted;
}
${afterReturn()}`,
  [Op.RETURN1]: (n) => `const res = ci.func;
const wanted = ci.nresults;
if (g.traps !== 0) { ci.pc = ${n.P}; L.top = ${RA(n.A)} + 1; poscall(L, ci, 1); }
else {
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
    const back = charge(-bx, n.P) + goto(n.P - bx);
    return `const step = ${R(a + 2)}; const count = ${R(a + 1)}; const idx0 = ${R(a)};
if (typeof count === 'number' && typeof step === 'number' && typeof idx0 === 'number') {
  if (count <= 0) break b${n.x};
  const idx = idx0 + step;
  if (idx <= ${SafeInt.MAX} && idx >= ${SafeInt.MIN}) {
    ${R(a + 1)} = count - 1; ${R(a)} = idx; ${R(a + 3)} = idx;
    ${back}
  }
}
if (forloopSlow(stack, ${RA(a)})) { ${back} }`;
  },
  [Op.FORPREP]: (n) => `ci.pc = ${n.P}; materialize(L, ${RA(n.A)}, ${RA(n.A + 3)});
if (forprep(L, ${RA(n.A)})) { ${goto(n.P + (n.i >>> 15) + 1)} }`,
  [Op.TFORPREP]: (n) => `ci.pc = ${n.P}; materialize(L, ${RA(n.A + 3)}, ${RA(n.A + 4)}); newtbcupval(L, ${RA(n.A + 3)});
${goto(n.P + (n.i >>> 15))}`,
  [Op.TFORCALL]: (n) => {
    const a = n.A;
    const copies = [0, 1, 2].map((j) => `{ const v = ${R(a + j)}; ${R(a + 4 + j)} = v; if (v === null) ${F(a + 4 + j)} = ${F(a + j)}; }`).join('\n');
    return `${copies}
L.top = ${RA(a + 7)}; ci.pc = ${n.P};
const f = ${R(a + 4)};
if (f instanceof LuaClosure) { pushLuaFrame(L, ${RA(a + 4)}, ${n.C}, f); return ${Exit.SWITCH}; }
if (precall(L, ${RA(a + 4)}, ${n.C}) !== null) return ${Exit.SWITCH};
${afterHostCall()}`;
  },
  [Op.TFORLOOP]: (n) => {
    const bx = n.i >>> 15;
    return `const v = ${R(n.A + 4)};
if (v !== undefined) {
  ${R(n.A + 2)} = v; if (v === null) ${F(n.A + 2)} = ${F(n.A + 4)};
  ${charge(-bx, n.P)}${goto(n.P - bx)}
}`;
  },
  [Op.SETLIST]: (n) => `pc = setlist(L, ci, ${RA(n.A)}, ${n.i}, ${n.P}); continue;`,
  [Op.CLOSURE]: (n) => `closure(L, ci, ${RA(n.A)}, ${n.i >>> 15}, ${n.P});`,
  [Op.VARARG]: (n) => `vararg(L, ci, ${RA(n.A)}, ${n.i}, ${n.P});`,
  [Op.VARARGPREP]: (n) => `adjustVarargs(L, ci, ${n.A}); base = ci.base;
if (g.traps !== 0) { hookVarargCall(L, ci, ${n.P}); return ${Exit.SWITCH}; }`,
  // only ever reached as the operand of the instruction before it, which skips it
  [Op.EXTRAARG]: () => '',
};

/** The name of the generated function, for profiles of the host: `lua_<chunk>_<line>`. */
export function functionName(p: Proto): string {
  const src = (p.source ?? '?').replace(/^[@=]/, '').replace(/.*[\\/]/, '');
  return `lua_${src.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}_${p.linedefined}`;
}

/** The names the generated code takes from the runtime (tier.ts builds the object). */
export const RUNTIME_NAMES = [
  'LuaTable', 'LuaClosure', 'LuaFloat', 'mkfloat', 'val', 'floatEq', 'rawequal', 'rawset', 'equalobj', 'lessthan',
  'lessequal', 'len', 'concat', 'charge', 'stringCost', 'gcCheckpoint', 'safepoint', 'materialize', 'closeAll',
  'newtbcupval', 'precall', 'poscall', 'pushLuaFrame', 'finishMM', 'tailcall', 'opReturn', 'setlist', 'closure',
  'vararg', 'adjustVarargs', 'hookVarargCall', 'getSlow', 'setSlow', 'hintedGet', 'hintedSet', 'indexTableChain',
  'upvalLoc', 'arithTail', 'arithMM', 'flippedArith', 'slowArith', 'negatedImm', 'numArith', 'intMod', 'iadd',
  'isub', 'imul', 'ishl', 'ishr', 'compareImm', 'eqMM', 'orderMM', 'forprep', 'forloopSlow',
] as const;

/**
 * The source of a factory `(R, K, hints) => compiled function` for `p`:
 * R the runtime (RUNTIME_NAMES), K the constants, hints the slot hints of
 * its field accesses (shared with the interpreter).
 */
export function generate(p: Proto): string {
  const code = p.code;
  const cases: string[] = [];
  for (let x = 0; x < code.length; x++) {
    const i = code[x];
    const op = i & 0x7f;
    const n: Ins = {
      p, x, i, P: x + 1,
      A: (i >>> 7) & 0xff, B: (i >>> 16) & 0xff, C: i >>> 24, k: (i & 0x8000) !== 0,
    };
    const emit = EMIT[op];
    // an opcode without an emitter (none today) is left to the interpreter
    const body = emit === undefined ? `ci.pc = ${x}; return ${Exit.INTERPRET};` : emit(n);
    cases.push(`case ${x}: b${x}: {\n${body}\n}`);
  }
  return `"use strict";
const { ${RUNTIME_NAMES.join(', ')} } = R;
return function ${functionName(p)}(L, ci) {
const stack = L.stack;
const fstack = L.fstack;
const g = L.g;
const heap = g.heap;
const upvals = ci.closure.upvals;
let base = ci.base;
let pc = ci.pc;
for (;;) {
switch (pc) {
${cases.join('\n')}
default: ci.pc = pc; return ${Exit.INTERPRET};
}
}
};`;
}
