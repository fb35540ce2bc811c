/**
 * The interpreter loop (the reference's luaV_execute).
 *
 * One JS invocation of `execute` runs Lua frames until the frame it was
 * entered with returns: Lua-to-Lua calls, tail calls, returns, generic-for
 * iterator calls and Lua metamethods (see "Metamethods without recursion")
 * switch frames inside the loop. Each opcode has an inline fast path for the
 * common types; everything else (host metamethods, coercions, errors) goes
 * through the slow paths in operations.ts, after saving `pc` so that errors and
 * the debug library see the right line.
 *
 * Register file: the thread's stack array; R[x] is stack[base + x]. A
 * register holding `null` is a float register: its number is in
 * fstack[base + x] (see floatregs.ts). Arithmetic writes its float results
 * there, and every value that leaves the register file (into a table, an
 * upvalue, a host function, a slow path) goes through `val`, which turns
 * the marker back into a Lua float.
 */

import type { Proto } from '../bytecode/proto.js';
import { Op, Instr } from '../bytecode/opcodes.js';
import {
  arith as rawArith, ArithOp, F2I, fpow, SafeInt, iadd, imul, ishl, ishr, isub, tointeger, tonumber, toDouble,
  type LuaInteger, type LuaNumber,
} from '../value/number.js';
import { LuaFloat, isFalse, mkfloat, type LuaValue } from '../value/value.js';
import { LuaUserdata } from './userdata.js';
import { YieldSignal } from './exceptions.js';
import { HostFunction, LuaClosure, type UpVal } from './function.js';
import {
  checkCstack, closeAll, closeUpvals, CLOSEKTOP, findupval, newtbcupval, poscall, precall, runerror, stackOverflow, tryfuncTM,
} from './call.js';
import { ARITH_EVENT, arith, concat, equalobj, index, indexTableChain, len, lessequal, lessthan, setindex, rawequal, rawset } from './operations.js';
import { binTM, fasttm, objtypename, TM } from './metamethods.js';
import { upvalLoc, type VarLoc } from './debuginfo.js';
import { CIST, LUA_YIELD, type CallInfo, type GlobalState, type LuaState } from './state.js';
import { LuaTable } from './table.js';
import { growRegisters, materialize, needsRegisters, setFloat, type Slot } from './floatregs.js';
import { LUAI_MAXCCALLS } from '../value/limits.js';
import { charge, CLOSURE, SLOT, stringCost } from './heap.js';
import { gcCheckpoint } from './gc.js';
import { safepoint, Work } from './budget.js';
import { enterLua, frameCode, hookVarargCall, traceexec, tracing } from './hooks.js';
import { bailed, tierUp } from './jit/tier.js';


/**
 * Run Lua frames from `ci` (L.ci) until the frame marked CIST.FRESH
 * returns, as `execute` does; a function with compiled code is entered
 * directly. Host functions calling Lua (`pcall`, `sort`'s comparator,
 * `gsub`'s callback, a metamethod called from a library) and coroutines
 * started or resumed come here, and a short callee would otherwise pay for
 * the interpreter's set-up at every call.
 */
export function runFresh(L: LuaState, ci: CallInfo, isBase: boolean): void {
  const jit = ci.closure!.p.jit;
  if (jit == null || L.g.traps !== 0) return execute(L, ci, isBase);
  const exit = jit(L, ci, 0);
  if (exit === Exit.RETURN) return;
  if (exit === Exit.YIELD) {
    if (isBase) return;
    throw YieldSignal.instance;
  }
  execute(L, L.ci, isBase, exit);
}

/**
 * Run Lua frames starting at `ci` (which must be L.ci, a Lua frame) until
 * the frame marked CIST.FRESH returns. `isBase` is true when called by
 * resume itself: a yield then just returns; from any deeper JS context it
 * must unwind the JS stack with YieldSignal. `first`: how L.ci's compiled
 * code has just left its frame (runFresh), or SWITCH to run L.ci as usual.
 */
export function execute(L: LuaState, ci: CallInfo, isBase: boolean, first = Exit.SWITCH): void {
  // Registers may hold float-register markers (null): see floatregs.ts.
  const stack = L.stack as Slot[];
  const fstack = L.fstack;
  const g = L.g;
  const heap = g.heap;
  let cl: LuaClosure;
  let k: LuaValue[];
  let code: Int32Array;
  let hints: Int32Array;
  let upvals: UpVal[];
  let base: number;
  let pc: number;

  for (;;) {
    // (Re)load the running frame, L.ci. A frame whose function has compiled
    // code runs it (vm/jit/): it returns when the frame changes, or with
    // the frame at an instruction the interpreter is to take from there.
    for (;;) {
      let exit = first;
      first = Exit.SWITCH;
      if (exit === Exit.SWITCH) {
        ci = L.ci;
        cl = ci.closure!;
        const p = cl.p;
        let jit = p.jit;
        // compiled before the call event: its time is not the function's in a profile
        if (jit === undefined && --p.hot <= 0) jit = tierUp(L, p);
        code = p.code;
        if (g.traps !== 0) code = enterLua(L, ci);
        if (jit == null || code !== p.code) break;
        exit = jit(L, ci, 0);
        if (exit === Exit.SWITCH) continue;
        if (exit === Exit.RETURN) return;
        if (exit === Exit.YIELD) {
          if (isBase) return;
          throw YieldSignal.instance;
        }
      }
      // Exit.INTERPRET or NO_ENTRY (here or in runFresh): the interpreter
      // runs L.ci (which may be a frame the compiled code called directly) from its pc
      ci = L.ci;
      cl = ci.closure!;
      code = g.traps !== 0 ? frameCode(L, cl.p) : cl.p.code;
      if (exit === Exit.INTERPRET) bailed(L, cl.p);
      break;
    }
    // the frame has compiled code it left (or could not enter) here: the
    // interpreter takes it back there at the next backward jump, a loop's start
    let osr = cl.p.jit != null && code === cl.p.code;
    k = cl.p.k;
    hints = slotHintsOf(cl.p);
    upvals = cl.upvals;
    base = ci.base;
    pc = ci.pc;

    for (;;) {
      // Opcodes that change the running frame break out of this block to the
      // frame reload above; every other opcode continues this loop directly.
      reload: {
        let i = code[pc++];
        if ((i & 0x7f) === Op.TRAP) {
          // line or count events are wanted: run the hooks, then the real instruction
          ci.pc = pc;
          i = traceexec(L, ci);
          if (L.status === LUA_YIELD) {
            ci.pc = pc - 1; // a host hook yielded: the instruction runs on resume
            if (isBase) return;
            throw YieldSignal.instance;
          }
          if (!tracing(L)) code = cl.p.code;
        }
        const ra = base + ((i >>> 7) & 0xff);
        switch (i & 0x7f) {
          case Op.MOVE: {
            const rb = base + ((i >>> 16) & 0xff);
            const v = stack[rb];
            stack[ra] = v;
            if (v === null) fstack[ra] = fstack[rb];
            continue;
          }
          case Op.LOADI:
            stack[ra] = (i >>> 15) - Instr.OFFSET_sBx;
            continue;
          case Op.LOADF:
            setFloat(stack, fstack, ra, (i >>> 15) - Instr.OFFSET_sBx);
            continue;
          case Op.LOADK:
            stack[ra] = k[i >>> 15];
            continue;
          case Op.LOADKX:
            stack[ra] = k[code[pc++] >>> 7];
            continue;
          case Op.LOADFALSE:
            stack[ra] = false;
            continue;
          case Op.LFALSESKIP:
            stack[ra] = false;
            pc++;
            continue;
          case Op.LOADTRUE:
            stack[ra] = true;
            continue;
          case Op.LOADNIL: {
            for (let b = (i >>> 16) & 0xff, r = ra; b >= 0; b--) stack[r++] = undefined;
            continue;
          }
          case Op.GETUPVAL: {
            const uv = upvals[(i >>> 16) & 0xff];
            const v = uv.arr[uv.idx] as Slot;
            stack[ra] = v;
            if (v === null) fstack[ra] = uv.farr[uv.idx];
            continue;
          }
          case Op.SETUPVAL: {
            const uv = upvals[(i >>> 16) & 0xff];
            const v = stack[ra];
            uv.arr[uv.idx] = v === null ? mkfloat(fstack[ra]) : v;
            if (g.upvaluesJoined && uv.isOpen) g.frameWrites++;
            continue;
          }
          case Op.GETTABUP: {
            const b = (i >>> 16) & 0xff;
            const uv = upvals[b];
            const key = k[i >>> 24] as string;
            const tr = uv.arr[uv.idx];
            if (tr instanceof LuaTable) {
              const v = hintedGet(tr, key, hints, pc);
              if (v !== undefined || tr.metatable === undefined) {
                stack[ra] = v;
                continue;
              }
            }
            if (getSlow(L, ci, pc, ra, uv.get(), key, upvalLoc(b))) break reload;
            continue;
          }
          case Op.GETTABLE: {
            const b = (i >>> 16) & 0xff;
            const tr = stack[base + b];
            const kr = stack[base + (i >>> 24)];
            const key = kr === null ? mkfloat(fstack[base + (i >>> 24)]) : kr;
            if (tr instanceof LuaTable) {
              const v = tr.get(key);
              if (v !== undefined || tr.metatable === undefined) {
                stack[ra] = v;
                continue;
              }
            }
            if (getSlow(L, ci, pc, ra, val(stack, fstack, base + b), key, b)) break reload;
            continue;
          }
          case Op.GETI: {
            const b = (i >>> 16) & 0xff;
            const tr = stack[base + b];
            const key = i >>> 24;
            if (tr instanceof LuaTable) {
              const v = tr.getInt(key);
              if (v !== undefined || tr.metatable === undefined) {
                stack[ra] = v;
                continue;
              }
            }
            if (getSlow(L, ci, pc, ra, val(stack, fstack, base + b), key, b)) break reload;
            continue;
          }
          case Op.GETFIELD: {
            const b = (i >>> 16) & 0xff;
            const tr = stack[base + b];
            const key = k[i >>> 24] as string;
            if (tr instanceof LuaTable) {
              const v = hintedGet(tr, key, hints, pc);
              if (v !== undefined || tr.metatable === undefined) {
                stack[ra] = v;
                continue;
              }
              const w = indexTableChain(tr, key);
              if (w !== null) {
                stack[ra] = w;
                continue;
              }
            }
            if (getSlow(L, ci, pc, ra, val(stack, fstack, base + b), key, b)) break reload;
            continue;
          }
          case Op.SETTABUP: {
            const uv = upvals[(i >>> 7) & 0xff];
            const key = k[(i >>> 16) & 0xff] as string;
            const c = i >>> 24;
            const vr = (i & 0x8000) !== 0 ? k[c] : stack[base + c];
            const v = vr === null ? mkfloat(fstack[base + c]) : vr;
            const t = uv.get();
            if (t instanceof LuaTable) {
              if (hintedSet(t, key, v, hints, pc)) continue;
              if (t.metatable === undefined) {
                ci.pc = pc; // a new key may grow the table: a refused charge is an error at this line
                t.setStr(key, v);
                continue;
              }
            }
            if (setSlow(L, ci, pc, t, key, v, upvalLoc((i >>> 7) & 0xff))) break reload;
            continue;
          }
          case Op.SETTABLE: {
            const tr = stack[ra];
            const kr = stack[base + ((i >>> 16) & 0xff)];
            const key = kr === null ? mkfloat(fstack[base + ((i >>> 16) & 0xff)]) : kr;
            const c = i >>> 24;
            const vr = (i & 0x8000) !== 0 ? k[c] : stack[base + c];
            const v = vr === null ? mkfloat(fstack[base + c]) : vr;
            if (tr instanceof LuaTable && (tr.metatable === undefined || tr.get(key) !== undefined)) {
              ci.pc = pc; // a new key may grow the table: a refused charge is an error at this line
              if (typeof key === 'number' && Number.isInteger(key)) tr.setInt(key, v);
              else if (typeof key === 'string') tr.setStr(key, v);
              else {
                ci.pc = pc;
                rawset(L, tr, key, v);
              }
              continue;
            }
            if (setSlow(L, ci, pc, val(stack, fstack, ra), key, v, (i >>> 7) & 0xff)) break reload;
            continue;
          }
          case Op.SETI: {
            const tr = stack[ra];
            const key = (i >>> 16) & 0xff;
            const c = i >>> 24;
            const vr = (i & 0x8000) !== 0 ? k[c] : stack[base + c];
            const v = vr === null ? mkfloat(fstack[base + c]) : vr;
            if (tr instanceof LuaTable && (tr.metatable === undefined || tr.getInt(key) !== undefined)) {
              ci.pc = pc; // a new key may grow the table: a refused charge is an error at this line
              tr.setInt(key, v);
              continue;
            }
            if (setSlow(L, ci, pc, val(stack, fstack, ra), key, v, (i >>> 7) & 0xff)) break reload;
            continue;
          }
          case Op.SETFIELD: {
            const tr = stack[ra];
            const key = k[(i >>> 16) & 0xff] as string;
            const c = i >>> 24;
            const vr = (i & 0x8000) !== 0 ? k[c] : stack[base + c];
            const v = vr === null ? mkfloat(fstack[base + c]) : vr;
            if (tr instanceof LuaTable) {
              if (hintedSet(tr, key, v, hints, pc)) continue;
              if (tr.metatable === undefined) {
                ci.pc = pc; // a new key may grow the table: a refused charge is an error at this line
                tr.setStr(key, v);
                continue;
              }
            }
            if (setSlow(L, ci, pc, val(stack, fstack, ra), key, v, (i >>> 7) & 0xff)) break reload;
            continue;
          }
          case Op.NEWTABLE:
            ci.pc = pc; // a refused charge is an error at this line
            stack[ra] = new LuaTable(heap);
            pc++; // skip the EXTRAARG that always follows (it holds high bits of the array size)
            if (heap.pending) {
              ci.pc = pc;
              gcCheckpoint(L, ra + 1);
            }
            continue;
          case Op.SELF: {
            const b = (i >>> 16) & 0xff;
            const tr = stack[base + b];
            const t = tr === null ? mkfloat(fstack[base + b]) : tr;
            const c = i >>> 24;
            const kr = (i & 0x8000) !== 0 ? k[c] : stack[base + c];
            const key = kr === null ? mkfloat(fstack[base + c]) : kr;
            stack[ra + 1] = t;
            if (t instanceof LuaTable) {
              const v = t.get(key);
              if (v !== undefined || t.metatable === undefined) {
                stack[ra] = v;
                continue;
              }
              // a method inherited through __index tables
              const w = typeof key === 'string' ? indexTableChain(t, key) : null;
              if (w !== null) {
                stack[ra] = w;
                continue;
              }
            }
            if (getSlow(L, ci, pc, ra, t, key, b)) break reload;
            continue;
          }

          // ---- arithmetic: inline number paths, everything else via arithSlow
          case Op.ADDI: {
            const b = (i >>> 16) & 0xff;
            const xr = stack[base + b];
            const imm = (i >>> 24) - Instr.OFFSET_sC;
            if (typeof xr === 'number') {
              const r = xr + imm;
              if (Number.isInteger(xr)) {
                if (r <= SafeInt.MAX && r >= SafeInt.MIN) {
                  stack[ra] = r;
                  continue;
                }
              } else {
                setFloat(stack, fstack, ra, r);
                continue;
              }
            } else if (xr === null) {
              setFloat(stack, fstack, ra, fstack[base + b] + imm);
              continue;
            } else if (xr instanceof LuaFloat) {
              setFloat(stack, fstack, ra, xr.n + imm);
              continue;
            }
            const x = xr as LuaValue;
            if ((i & 0x8000) === 0 && arithMM(L, ci, pc, ArithOp.ADD, x, imm)) break reload;
            stack[ra] = (i & 0x8000) === 0 ? slowArith(L, ci, pc, ArithOp.ADD, x, imm, b, undefined)
              : negatedImm(L, ci, pc, ArithOp.ADD, ArithOp.SUB, x, imm, b);
            continue;
          }
          case Op.MODK: case Op.POWK: case Op.IDIVK:
          case Op.BANDK: case Op.BORK: case Op.BXORK: {
            const b = (i >>> 16) & 0xff;
            const x = val(stack, fstack, base + b);
            const y = k[i >>> 24];
            const op = (i & 0x7f) - Op.ADDK;
            if (typeof x === 'number' && typeof y === 'number') {
              stack[ra] = op === ArithOp.MOD ? intMod(x, y) ?? numArith(op, x, y, L, ci, pc, b, undefined)
                : numArith(op, x, y, L, ci, pc, b, undefined);
            }
            else if ((i & 0x8000) !== 0) { // the bitwise ones may be flipped (see kOperand)
              if (flippedArith(L, ci, pc, op, ra, b, x, y)) break reload;
            }
            else if (arithMM(L, ci, pc, op, x, y)) break reload;
            else stack[ra] = slowArith(L, ci, pc, op, x, y, b, undefined);
            continue;
          }
          case Op.SHRI: {
            const b = (i >>> 16) & 0xff;
            const x = val(stack, fstack, base + b);
            const imm = (i >>> 24) - Instr.OFFSET_sC;
            if (typeof x === 'number' && Number.isInteger(x)) stack[ra] = ishr(x, imm);
            else if ((i & 0x8000) === 0) stack[ra] = slowArith(L, ci, pc, ArithOp.SHR, x, imm, b, undefined);
            else stack[ra] = negatedImm(L, ci, pc, ArithOp.SHR, ArithOp.SHL, x, imm, b);
            continue;
          }
          case Op.SHLI: {
            const b = (i >>> 16) & 0xff;
            const x = val(stack, fstack, base + b);
            const imm = (i >>> 24) - Instr.OFFSET_sC;
            if (typeof x === 'number' && Number.isInteger(x)) stack[ra] = ishl(imm, x);
            else stack[ra] = slowArith(L, ci, pc, ArithOp.SHL, imm, x, undefined, b);
            continue;
          }
          case Op.ADD: case Op.ADDK: {
            // one body for the register and the constant form
            const b = (i >>> 16) & 0xff;
            const c = i >>> 24;
            const x = stack[base + b];
            const isK = (i & 0x7f) === Op.ADDK;
            const y = isK ? k[c] : stack[base + c];
            if (typeof x === 'number') {
              if (typeof y === 'number') {
                if (Number.isInteger(x) && Number.isInteger(y)) {
                  const r = x + y;
                  stack[ra] = r <= SafeInt.MAX && r >= SafeInt.MIN ? r : iadd(x, y);
                } else {
                  setFloat(stack, fstack, ra, x + y);
                }
                continue;
              }
              if (y === null) {
                setFloat(stack, fstack, ra, x + fstack[base + c]);
                continue;
              }
            } else if (x === null) {
              if (y === null) {
                setFloat(stack, fstack, ra, fstack[base + b] + fstack[base + c]);
                continue;
              }
              if (typeof y === 'number') {
                setFloat(stack, fstack, ra, fstack[base + b] + y);
                continue;
              }
            }
            if (arithTail(L, ci, pc, ArithOp.ADD, ra, b, isK ? kOperand(i) : c, y)) break reload;
            continue;
          }
          case Op.SUB: case Op.SUBK: {
            // one body for the register and the constant form
            const b = (i >>> 16) & 0xff;
            const c = i >>> 24;
            const x = stack[base + b];
            const isK = (i & 0x7f) === Op.SUBK;
            const y = isK ? k[c] : stack[base + c];
            if (typeof x === 'number') {
              if (typeof y === 'number') {
                if (Number.isInteger(x) && Number.isInteger(y)) {
                  const r = x - y;
                  stack[ra] = r <= SafeInt.MAX && r >= SafeInt.MIN ? r : isub(x, y);
                } else {
                  setFloat(stack, fstack, ra, x - y);
                }
                continue;
              }
              if (y === null) {
                setFloat(stack, fstack, ra, x - fstack[base + c]);
                continue;
              }
            } else if (x === null) {
              if (y === null) {
                setFloat(stack, fstack, ra, fstack[base + b] - fstack[base + c]);
                continue;
              }
              if (typeof y === 'number') {
                setFloat(stack, fstack, ra, fstack[base + b] - y);
                continue;
              }
            }
            if (arithTail(L, ci, pc, ArithOp.SUB, ra, b, isK ? -1 : c, y)) break reload;
            continue;
          }
          case Op.MUL: case Op.MULK: {
            // one body for the register and the constant form
            const b = (i >>> 16) & 0xff;
            const c = i >>> 24;
            const x = stack[base + b];
            const isK = (i & 0x7f) === Op.MULK;
            const y = isK ? k[c] : stack[base + c];
            if (typeof x === 'number') {
              if (typeof y === 'number') {
                if (Number.isInteger(x) && Number.isInteger(y)) {
                  const r = x * y;
                  stack[ra] = r <= SafeInt.MAX && r >= SafeInt.MIN ? r + 0 : imul(x, y);
                } else {
                  setFloat(stack, fstack, ra, x * y);
                }
                continue;
              }
              if (y === null) {
                setFloat(stack, fstack, ra, x * fstack[base + c]);
                continue;
              }
            } else if (x === null) {
              if (y === null) {
                setFloat(stack, fstack, ra, fstack[base + b] * fstack[base + c]);
                continue;
              }
              if (typeof y === 'number') {
                setFloat(stack, fstack, ra, fstack[base + b] * y);
                continue;
              }
            }
            if (arithTail(L, ci, pc, ArithOp.MUL, ra, b, isK ? kOperand(i) : c, y)) break reload;
            continue;
          }
          case Op.DIV: case Op.DIVK: {
            // one body for the register and the constant form
            const b = (i >>> 16) & 0xff;
            const c = i >>> 24;
            const x = stack[base + b];
            const isK = (i & 0x7f) === Op.DIVK;
            const y = isK ? k[c] : stack[base + c];
            if (typeof x === 'number') {
              if (typeof y === 'number') {
                setFloat(stack, fstack, ra, x / y);
                continue;
              }
              if (y === null) {
                setFloat(stack, fstack, ra, x / fstack[base + c]);
                continue;
              }
            } else if (x === null) {
              if (y === null) {
                setFloat(stack, fstack, ra, fstack[base + b] / fstack[base + c]);
                continue;
              }
              if (typeof y === 'number') {
                setFloat(stack, fstack, ra, fstack[base + b] / y);
                continue;
              }
            }
            if (arithTail(L, ci, pc, ArithOp.DIV, ra, b, isK ? -1 : c, y)) break reload;
            continue;
          }
          case Op.MOD: case Op.POW: case Op.IDIV: case Op.BAND: case Op.BOR: case Op.BXOR: case Op.SHL: case Op.SHR: {
            const b = (i >>> 16) & 0xff;
            const c = i >>> 24;
            const x = val(stack, fstack, base + b);
            const y = val(stack, fstack, base + c);
            const op = (i & 0x7f) - Op.ADD;
            if (typeof x === 'number' && typeof y === 'number') {
              stack[ra] = op === ArithOp.MOD ? intMod(x, y) ?? numArith(op, x, y, L, ci, pc, b, c)
                : numArith(op, x, y, L, ci, pc, b, c);
            }
            else if (arithMM(L, ci, pc, op, x, y)) break reload;
            else stack[ra] = slowArith(L, ci, pc, op, x, y, b, c);
            continue;
          }
          case Op.UNM: {
            const b = (i >>> 16) & 0xff;
            const x = stack[base + b];
            if (typeof x === 'number') stack[ra] = Number.isInteger(x) ? 0 - x : -x;
            else if (x === null) {
              setFloat(stack, fstack, ra, -fstack[base + b]);
            } else stack[ra] = slowArith(L, ci, pc, ArithOp.UNM, x, x, b, b);
            continue;
          }
          case Op.BNOT: {
            const b = (i >>> 16) & 0xff;
            const x = val(stack, fstack, base + b);
            if (typeof x === 'number' && (x | 0) === x) stack[ra] = ~x;
            else stack[ra] = slowArith(L, ci, pc, ArithOp.BNOT, x, x, b, b);
            continue;
          }
          case Op.NOT: {
            const x = stack[base + ((i >>> 16) & 0xff)];
            stack[ra] = x === undefined || x === false;
            continue;
          }
          case Op.LEN: {
            const b = (i >>> 16) & 0xff;
            const x = val(stack, fstack, base + b);
            if (typeof x === 'string') stack[ra] = x.length;
            else if (x instanceof LuaTable && x.metatable === undefined) stack[ra] = x.length();
            else {
              ci.pc = pc;
              L.top = ci.top;
              stack[ra] = len(L, x, b);
            }
            continue;
          }
          case Op.CONCAT: {
            const n = (i >>> 16) & 0xff;
            if (n === 2) {
              const x = stack[ra];
              const y = stack[ra + 1];
              if (typeof x === 'string' && typeof y === 'string') {
                ci.pc = pc; // a refused charge is an error at this line
                charge(heap, stringCost(x.length + y.length));
                if ((g.tick -= (x.length + y.length) >>> Work.BYTES_SHIFT) < 0) safepoint(L);
                stack[ra] = x + y;
                if (heap.pending) {
                  ci.pc = pc;
                  gcCheckpoint(L, ra + 1);
                }
                continue;
              }
            }
            ci.pc = pc;
            L.top = ra + n;
            materialize(L, ra, ra + n);
            concat(L, n, base);
            if (heap.pending) gcCheckpoint(L, ra + 1);
            continue;
          }
          case Op.CLOSE:
            ci.pc = pc;
            L.top = ci.top;
            closeAll(L, ra, CLOSEKTOP, undefined, true);
            continue;
          case Op.TBC:
            ci.pc = pc;
            materialize(L, ra, ra + 1);
            newtbcupval(L, ra);
            continue;
          case Op.JMP: {
            const d = (i >>> 7) - Instr.OFFSET_sJ;
            if (d < 0) {
              if ((g.tick += d) < 0) {
                ci.pc = pc; // a limit hit here is reported at the jump's line
                safepoint(L);
                osr = cl.p.jit != null && code === cl.p.code; // compiled meanwhile (vm/jit/tier.ts)
              }
              if (osr && pc + d !== 0) {
                ci.pc = pc + d; // go on in the compiled code, at the loop's start
                break reload;
              }
            }
            pc += d;
            continue;
          }

          // ---- comparisons: each is followed by a JMP taken when the test holds
          case Op.EQ: {
            const rb = base + ((i >>> 16) & 0xff);
            const xr = stack[ra];
            const yr = stack[rb];
            let cond: boolean;
            if (xr === null || yr === null) {
              cond = xr === yr ? fstack[ra] === fstack[rb] : xr === null ? floatEq(fstack[ra], yr as LuaValue) : floatEq(fstack[rb], xr as LuaValue);
            } else if (xr === yr) cond = true;
            else if (typeof xr !== 'object' && typeof yr !== 'object') cond = false;
            else {
              const x = xr as LuaValue;
              const y = yr as LuaValue;
              if (eqMM(L, ci, pc, x, y)) break reload;
              ci.pc = pc;
              L.top = ci.top;
              cond = equalobj(L, x, y);
            }
            if (cond !== ((i & 0x8000) !== 0)) pc++;
            else pc = jumpTaken(L, ci, g, code, pc);
            continue;
          }
          case Op.LT: {
            const rb = base + ((i >>> 16) & 0xff);
            const xr = stack[ra];
            const yr = stack[rb];
            let cond: boolean;
            if ((typeof xr === 'number' && typeof yr === 'number') || (typeof xr === 'string' && typeof yr === 'string')) {
              cond = xr < yr;
            } else if (xr === null && (yr === null || typeof yr === 'number')) {
              cond = fstack[ra] < (yr === null ? fstack[rb] : yr);
            } else if (yr === null && typeof xr === 'number') {
              cond = xr < fstack[rb];
            } else {
              const x = val(stack, fstack, ra);
              const y = val(stack, fstack, rb);
              if (orderMM(L, ci, pc, TM.LT, x, y)) break reload;
              ci.pc = pc;
              L.top = ci.top;
              cond = lessthan(L, x, y);
            }
            if (cond !== ((i & 0x8000) !== 0)) pc++;
            else pc = jumpTaken(L, ci, g, code, pc);
            continue;
          }
          case Op.LE: {
            const rb = base + ((i >>> 16) & 0xff);
            const xr = stack[ra];
            const yr = stack[rb];
            let cond: boolean;
            if ((typeof xr === 'number' && typeof yr === 'number') || (typeof xr === 'string' && typeof yr === 'string')) {
              cond = xr <= yr;
            } else if (xr === null && (yr === null || typeof yr === 'number')) {
              cond = fstack[ra] <= (yr === null ? fstack[rb] : yr);
            } else if (yr === null && typeof xr === 'number') {
              cond = xr <= fstack[rb];
            } else {
              const x = val(stack, fstack, ra);
              const y = val(stack, fstack, rb);
              if (orderMM(L, ci, pc, TM.LE, x, y)) break reload;
              ci.pc = pc;
              L.top = ci.top;
              cond = lessequal(L, x, y);
            }
            if (cond !== ((i & 0x8000) !== 0)) pc++;
            else pc = jumpTaken(L, ci, g, code, pc);
            continue;
          }
          case Op.EQK: {
            const x = stack[ra];
            const y = k[(i >>> 16) & 0xff];
            const cond = x === null ? floatEq(fstack[ra], y)
              : x === y || ((x instanceof LuaFloat || y instanceof LuaFloat) && rawequal(x, y));
            if (cond !== ((i & 0x8000) !== 0)) pc++;
            else pc = jumpTaken(L, ci, g, code, pc);
            continue;
          }
          case Op.EQI: {
            const x = stack[ra];
            const imm = ((i >>> 16) & 0xff) - Instr.OFFSET_sC;
            const cond = x === imm || (x === null ? fstack[ra] === imm : x instanceof LuaFloat && x.n === imm);
            if (cond !== ((i & 0x8000) !== 0)) pc++;
            else pc = jumpTaken(L, ci, g, code, pc);
            continue;
          }
          case Op.LTI: case Op.LEI: case Op.GTI: case Op.GEI: {
            const x = stack[ra];
            const imm = ((i >>> 16) & 0xff) - Instr.OFFSET_sC;
            const op = i & 0x7f;
            let cond: boolean;
            if (typeof x === 'number' || typeof x === 'bigint') {
              cond = op === Op.LTI ? x < imm : op === Op.LEI ? x <= imm : op === Op.GTI ? x > imm : x >= imm;
            } else if (x === null) {
              const n = fstack[ra];
              cond = op === Op.LTI ? n < imm : op === Op.LEI ? n <= imm : op === Op.GTI ? n > imm : n >= imm;
            } else {
              ci.pc = pc;
              L.top = ci.top;
              cond = compareImm(L, op, x, imm, (i >>> 24) !== 0);
            }
            if (cond !== ((i & 0x8000) !== 0)) pc++;
            else pc = jumpTaken(L, ci, g, code, pc);
            continue;
          }
          case Op.TEST: {
            const x = stack[ra];
            const cond = x !== undefined && x !== false;
            if (cond !== ((i & 0x8000) !== 0)) pc++;
            else pc = jumpTaken(L, ci, g, code, pc);
            continue;
          }
          case Op.TESTSET: {
            const rb = base + ((i >>> 16) & 0xff);
            const x = stack[rb];
            if ((x === undefined || x === false) === ((i & 0x8000) !== 0)) pc++;
            else {
              stack[ra] = x;
              if (x === null) fstack[ra] = fstack[rb];
              pc = jumpTaken(L, ci, g, code, pc);
            }
            continue;
          }

          // ---- calls and returns
          case Op.CALL: {
            const b = (i >>> 16) & 0xff;
            const nresults = (i >>> 24) - 1;
            if (b !== 0) L.top = ra + b;
            ci.pc = pc;
            if (--g.tick < 0) safepoint(L);
            const f = stack[ra];
            if (f instanceof LuaClosure) pushLuaFrame(L, ra, nresults, f);
            else if (precall(L, ra, nresults) === null) {
              // a host function ran to completion, or yielded
              if (L.status === LUA_YIELD) {
                if (isBase) return;
                throw YieldSignal.instance;
              }
              if (g.traps !== 0) break reload; // it may have set a hook: the frame's code may change
              continue;
            }
            break reload;
          }
          case Op.TAILCALL: {
            const exit = tailcall(L, ci, ra, i, pc);
            if (exit === Exit.SWITCH) break reload;
            if (exit === Exit.RETURN) return;
            if (isBase) return;
            throw YieldSignal.instance;
          }
          case Op.RETURN:
            if (opReturn(L, ci, ra, i, pc) === Exit.RETURN) return;
            break reload;
          case Op.RETURN0: {
            if (g.traps !== 0) {
              // the general return, which has the return event
              ci.pc = pc;
              L.top = ra;
              poscall(L, ci, 0);
            } else {
              const res = ci.func;
              let wanted = ci.nresults;
              L.ci = ci.previous!;
              if (wanted < 0) wanted = 0;
              for (let j = 0; j < wanted; j++) stack[res + j] = undefined;
              L.top = res + wanted;
            }
            if (ci.callstatus & CIST.FRESH) return;
            if (ci.callstatus & CIST.MM) finishMM(L);
            break reload;
          }
          case Op.RETURN1: {
            const res = ci.func;
            const wanted = ci.nresults;
            if (g.traps !== 0) {
              // the general return, which has the return event
              ci.pc = pc;
              L.top = ra + 1;
              poscall(L, ci, 1);
            } else {
              L.ci = ci.previous!;
              if (wanted === 0) {
                L.top = res;
              } else {
                const v = stack[ra];
                if (v !== null) stack[res] = v;
                else if (ci.callstatus & (CIST.FRESH | CIST.MM)) stack[res] = mkfloat(fstack[ra]); // for host code or finishOp
                else {
                  stack[res] = null;
                  fstack[res] = fstack[ra];
                }
                for (let j = 1; j < wanted; j++) stack[res + j] = undefined;
                L.top = res + (wanted < 0 ? 1 : wanted);
              }
            }
            if (ci.callstatus & CIST.FRESH) return;
            if (ci.callstatus & CIST.MM) finishMM(L);
            break reload;
          }

          // ---- loops
          case Op.FORLOOP: {
            const step = stack[ra + 2];
            const count = stack[ra + 1];
            const idx0 = stack[ra];
            if (typeof count === 'number' && typeof step === 'number' && typeof idx0 === 'number') {
              // an integer loop (float loops box their step) in the safe range
              if (count > 0) {
                const idx = idx0 + step;
                if (idx <= SafeInt.MAX && idx >= SafeInt.MIN) {
                  stack[ra + 1] = count - 1;
                  stack[ra] = idx;
                  stack[ra + 3] = idx;
                  if ((g.tick -= i >>> 15) < 0) {
                    ci.pc = pc; // a limit hit here is reported at the loop's line
                    safepoint(L);
                    osr = cl.p.jit != null && code === cl.p.code;
                  }
                  pc -= i >>> 15;
                  if (osr) {
                    ci.pc = pc;
                    break reload;
                  }
                  continue;
                }
              } else {
                continue;
              }
            }
            if (forloopSlow(L.stack, ra)) {
              if ((g.tick -= i >>> 15) < 0) {
                ci.pc = pc;
                safepoint(L);
                osr = cl.p.jit != null && code === cl.p.code;
              }
              pc -= i >>> 15;
              if (osr) {
                ci.pc = pc;
                break reload;
              }
            }
            continue;
          }
          case Op.FORPREP:
            ci.pc = pc;
            materialize(L, ra, ra + 3);
            if (forprep(L, ra)) pc += (i >>> 15) + 1;
            continue;
          case Op.TFORPREP:
          case Op.TFORCALL: {
            if ((i & 0x7f) === Op.TFORPREP) {
              ci.pc = pc;
              materialize(L, ra + 3, ra + 4);
              newtbcupval(L, ra + 3);
              pc += i >>> 15;
              // the TFORCALL jumped to runs at once, as part of this step (hooks count one instruction)
              i = code[pc++];
            }
            // the iterator, its state and the control variable (any of them a float register)
            for (let j = 0; j < 3; j++) {
              const v = stack[ra + j];
              stack[ra + 4 + j] = v;
              if (v === null) fstack[ra + 4 + j] = fstack[ra + j];
            }
            L.top = ra + 7;
            ci.pc = pc;
            const f = stack[ra + 4];
            const nresults = i >>> 24;
            if (f instanceof LuaClosure) pushLuaFrame(L, ra + 4, nresults, f);
            else if (precall(L, ra + 4, nresults) === null) {
              // a host function ran to completion, or yielded
              if (L.status === LUA_YIELD) {
                if (isBase) return;
                throw YieldSignal.instance;
              }
              if (g.traps !== 0) break reload; // as CALL
              continue;
            }
            break reload;
          }
          case Op.TFORLOOP: {
            const v = stack[ra + 4];
            if (v !== undefined) {
              stack[ra + 2] = v;
              if (v === null) fstack[ra + 2] = fstack[ra + 4];
              if ((g.tick -= i >>> 15) < 0) {
                ci.pc = pc;
                safepoint(L);
                osr = cl.p.jit != null && code === cl.p.code;
              }
              pc -= i >>> 15;
              if (osr) {
                ci.pc = pc;
                break reload;
              }
            }
            continue;
          }

          case Op.SETLIST:
            pc = setlist(L, ci, ra, i, pc);
            continue;
          case Op.CLOSURE:
            closure(L, ci, ra, i >>> 15, pc);
            continue;
          case Op.VARARG:
            vararg(L, ci, ra, i, pc);
            continue;
          case Op.VARARGPREP: {
            adjustVarargs(L, ci, (i >>> 7) & 0xff);
            base = ci.base;
            if (g.traps !== 0) {
              hookVarargCall(L, ci, pc);
              code = frameCode(L, cl.p); // the call hook may have set a line hook
            }
            continue;
          }
          case Op.EXTRAARG:
          default:
            ci.pc = pc;
            runerror(L, `invalid instruction ${i & 0x7f}`);
        }
      }
      break; // to the frame reload
    }
  }
}

/**
 * How compiled code (vm/jit/) leaves a frame, and how the helpers below that
 * end an instruction which may change the running frame report it.
 */
export const enum Exit {
  /** L.ci changed (a call, a return, a metamethod's frame) or must be reloaded: run L.ci from its pc. */
  SWITCH,
  /** The frame marked CIST.FRESH returned: `execute` returns. */
  RETURN,
  /** The thread yields (L.status is LUA_YIELD), the frame at the instruction after the call. */
  YIELD,
  /** The interpreter is to run this frame from ci.pc: an instruction compiled code left to it (a bail). */
  INTERPRET,
  /**
   * The interpreter is to run this frame from ci.pc, where its compiled
   * code has no entry (code not compiled, or not a place compiled code is
   * entered at): not a bail, as compiling the function again would not
   * change it. The interpreter hands the frame back at a backward jump.
   */
  NO_ENTRY,
}

// ---------------------------------------------------------------------------
// Instructions whose whole body is shared with compiled code (vm/jit/codegen.ts).
// `pc` is the index of the instruction after them, as in the loop.

/** OP_TAILCALL. */
export function tailcall(L: LuaState, ci: CallInfo, ra: number, i: number, pc: number): Exit {
  const stack = L.stack as Slot[];
  const fstack = L.fstack;
  let b = (i >>> 16) & 0xff;
  const nparams1 = i >>> 24;
  const delta = nparams1 !== 0 ? ci.nextraargs + nparams1 : 0;
  if (b !== 0) L.top = ra + b;
  else b = L.top - ra;
  ci.pc = pc;
  if (--L.g.tick < 0) safepoint(L);
  if ((i & 0x8000) !== 0) closeUpvals(L, ci.base);
  let f = stack[ra];
  while (!(f instanceof LuaClosure) && !(f instanceof HostFunction)) {
    b += tryfuncTM(L, ra);
    f = stack[ra];
  }
  if (f instanceof LuaClosure) {
    // Reuse this frame: move the function and arguments down to ci.func.
    const func = ci.func - delta;
    for (let j = 0; j < b; j++) {
      const v = stack[ra + j];
      stack[func + j] = v;
      if (v === null) fstack[func + j] = fstack[ra + j];
    }
    L.top = func + b;
    checkFrameRoom(L, func, f);
    setupLuaFrame(L, ci, func, f);
    ci.callstatus |= CIST.TAIL;
    return Exit.SWITCH;
  }
  // A host function: call it, then return its results from this frame.
  precall(L, ra, -1);
  if (L.status === LUA_YIELD) return Exit.YIELD; // the RETURN after this instruction returns the results on resume
  ci.func -= delta;
  poscall(L, ci, L.top - ra);
  if (ci.callstatus & CIST.FRESH) return Exit.RETURN;
  if (ci.callstatus & CIST.MM) finishMM(L);
  return Exit.SWITCH;
}

/** OP_RETURN: Exit.RETURN when the frame was marked CIST.FRESH, else Exit.SWITCH. */
export function opReturn(L: LuaState, ci: CallInfo, ra: number, i: number, pc: number): Exit {
  let n = ((i >>> 16) & 0xff) - 1;
  if (n < 0) n = L.top - ra;
  const nparams1 = i >>> 24;
  ci.pc = pc; // for the return event
  if ((i & 0x8000) !== 0) {
    ci.nres = n;
    if (L.top < ci.top) L.top = ci.top;
    closeAll(L, ci.base, CLOSEKTOP, undefined, true);
  }
  if (nparams1 !== 0) ci.func -= ci.nextraargs + nparams1;
  L.top = ra + n;
  poscall(L, ci, n);
  if (ci.callstatus & CIST.FRESH) return Exit.RETURN;
  if (ci.callstatus & CIST.MM) finishMM(L);
  return Exit.SWITCH;
}

/** OP_SETLIST; returns the pc after it (past its EXTRAARG when it has one). */
export function setlist(L: LuaState, ci: CallInfo, ra: number, i: number, pc: number): number {
  let n = (i >>> 16) & 0xff;
  let last = i >>> 24;
  if (n === 0) n = L.top - ra - 1;
  if ((i & 0x8000) !== 0) last += (ci.closure!.p.code[pc++] >>> 7) * (Instr.MAXARG_C + 1);
  materialize(L, ra + 1, ra + 1 + n);
  ci.pc = pc; // a refused charge is an error at this line
  (L.stack[ra] as LuaTable).setList(last, L.stack, ra + 1, n);
  return pc;
}

/** OP_CLOSURE: a closure of prototype `bx` of the running function. */
export function closure(L: LuaState, ci: CallInfo, ra: number, bx: number, pc: number): void {
  const cl = ci.closure!;
  const p = cl.p.p[bx];
  const descs = p.upvalues;
  const heap = L.g.heap;
  ci.pc = pc; // a refused charge is an error at this line
  charge(heap, CLOSURE + descs.length * SLOT);
  const ncl = new LuaClosure(p, descs.length);
  for (let j = 0; j < descs.length; j++) {
    const d = descs[j];
    ncl.upvals[j] = d.instack ? findupval(L, ci.base + d.idx) : cl.upvals[d.idx];
  }
  L.stack[ra] = ncl;
  if (heap.pending) gcCheckpoint(L, ra + 1);
}

/** OP_VARARG. */
export function vararg(L: LuaState, ci: CallInfo, ra: number, i: number, pc: number): void {
  const stack = L.stack as Slot[];
  const fstack = L.fstack;
  let n = (i >>> 24) - 1;
  const nextra = ci.nextraargs;
  const from = ci.func - nextra;
  if (n < 0) {
    n = nextra;
    if (ra + n > L.stackLimit) {
      ci.pc = pc;
      stackOverflow(L);
    }
    L.top = ra + n;
    if (needsRegisters(L, L.top)) growRegisters(L, L.top);
  }
  for (let j = 0; j < n; j++) {
    const v = j < nextra ? stack[from + j] : undefined;
    stack[ra + j] = v;
    if (v === null) fstack[ra + j] = fstack[from + j];
  }
}

/**
 * A table read that missed its fast path (no table, an absent key with a
 * metatable): a Lua `__index` gets a frame (true), anything else is done here.
 */
export function getSlow(L: LuaState, ci: CallInfo, pc: number, ra: number, t: LuaValue, key: LuaValue, loc: VarLoc): boolean {
  if (indexMM(L, ci, pc, t, key)) return true;
  ci.pc = pc;
  L.top = ci.top;
  L.stack[ra] = index(L, t, key, loc);
  return false;
}

/**
 * `s[key]` for a string `s`: the string library's method `key` through
 * the string metatable's `__index` table (what `s:upper()` looks up), or
 * null when that takes more than a raw lookup (the slow path's work).
 */
export function stringIndex(L: LuaState, key: LuaValue): LuaValue | null {
  const mt = L.g.typeMetatables.get('string');
  if (mt === undefined) return null;
  const h = fasttm(mt, TM.INDEX);
  if (!(h instanceof LuaTable)) return null;
  const v = h.get(key);
  return v !== undefined || h.metatable === undefined ? v : null;
}

/** A table write that missed its fast path: a Lua `__newindex` gets a frame (true), anything else is done here. */
export function setSlow(L: LuaState, ci: CallInfo, pc: number, t: LuaValue, key: LuaValue, v: LuaValue, loc: VarLoc): boolean {
  if (newindexMM(L, ci, pc, t, key, v)) return true;
  ci.pc = pc;
  L.top = ci.top;
  setindex(L, t, key, v, loc);
  return false;
}

/**
 * The jump after a comparison or test, taken: its target. A backward jump
 * (the end of a `repeat` or of a loop written with `goto`) charges the
 * safepoint counter as JMP does.
 */
function jumpTaken(L: LuaState, ci: CallInfo, g: GlobalState, code: Int32Array, pc: number): number {
  const d = (code[pc] >>> 7) - Instr.OFFSET_sJ + 1;
  if (d < 0 && (g.tick += d) < 0) {
    ci.pc = pc + 1; // a limit hit here is reported at the jump's line
    safepoint(L);
  }
  return pc + d;
}

/** Push the frame of a Lua function called from the interpreter (precall's Lua case, inlined). */
export function pushLuaFrame(L: LuaState, func: number, nresults: number, f: LuaClosure): CallInfo {
  checkFrameRoom(L, func, f);
  const ci = L.nextCi();
  ci.nresults = nresults;
  ci.callstatus = CIST.LUA;
  setupLuaFrame(L, ci, func, f);
  return ci;
}

function checkFrameRoom(L: LuaState, func: number, f: LuaClosure): void {
  const p = f.p;
  if (func + 1 + p.maxstacksize + (p.isVararg ? L.top - func - 1 : 0) > L.stackLimit) stackOverflow(L);
}

function setupLuaFrame(L: LuaState, ci: CallInfo, func: number, f: LuaClosure): void {
  const p = f.p;
  const stack = L.stack;
  const nargs = L.top - func - 1;
  ci.func = func;
  ci.base = func + 1;
  ci.top = func + 1 + p.maxstacksize;
  ci.closure = f;
  ci.pc = 0;
  if (needsRegisters(L, ci.top)) growRegisters(L, ci.top);
  const np = p.numparams;
  if (nargs < np) {
    for (let j = nargs; j < np; j++) stack[func + 1 + j] = undefined;
    L.top = func + 1 + np;
  }
}

/** OP_VARARGPREP: move the function and fixed parameters above the extra arguments. */
export function adjustVarargs(L: LuaState, ci: CallInfo, nfixparams: number): void {
  const stack = L.stack as Slot[];
  const fstack = L.fstack;
  const func = ci.func;
  const actual = L.top - func - 1;
  const nextra = actual - nfixparams;
  ci.nextraargs = nextra;
  if (needsRegisters(L, ci.top + actual + 1)) growRegisters(L, ci.top + actual + 1);
  let top = L.top;
  stack[top++] = stack[func];
  for (let j = 1; j <= nfixparams; j++) {
    const v = stack[func + j];
    if (v === null) fstack[top] = fstack[func + j];
    stack[top++] = v;
    stack[func + j] = undefined;
  }
  ci.func += actual + 1;
  ci.base = ci.func + 1;
  ci.top += actual + 1;
  L.top = top;
}

// ---------------------------------------------------------------------------
// Metamethods without recursion

/*
 * A metamethod that is a Lua function runs in the same execute() loop as a
 * Lua call, in a frame marked CIST.MM, instead of through callValue's JS
 * recursion (which costs a fresh execute() invocation per call: operator-
 * and __index-heavy code spends most of its time there). When the frame
 * returns, finishMM completes the caller's instruction with finishOp, exactly
 * as when a coroutine resumes after a metamethod yielded. The call still
 * counts as a C call, so depth limits and 'C stack overflow' match the
 * reference. Each helper returns true when it pushed a frame; anything else
 * (host-function metamethods, no metamethod, errors) takes the generic path.
 */

function pushMM(L: LuaState, ci: CallInfo, pc: number, tm: LuaClosure, nargs: number, a: LuaValue, b: LuaValue, c: LuaValue, nres: number): void {
  ci.pc = pc;
  const stack = L.stack;
  const func = ci.top;
  stack[func] = tm;
  stack[func + 1] = a;
  stack[func + 2] = b;
  if (nargs === 3) stack[func + 3] = c;
  L.top = func + 1 + nargs;
  if (++L.nCcalls >= LUAI_MAXCCALLS) checkCstack(L);
  pushLuaFrame(L, func, nres, tm).callstatus |= CIST.MM;
}

/** The caller of a returning CIST.MM frame is L.ci: finish its instruction. */
export function finishMM(L: LuaState): void {
  L.nCcalls--;
  finishOp(L, L.ci);
}

/** `t[key]` missed in table `t` (which has a metatable): call a Lua `__index` inline. */
function indexMM(L: LuaState, ci: CallInfo, pc: number, t: LuaValue, key: LuaValue): boolean {
  if (!(t instanceof LuaTable)) return false;
  const tm = fasttm(t.metatable, TM.INDEX);
  if (!(tm instanceof LuaClosure)) return false;
  pushMM(L, ci, pc, tm, 2, t, key, undefined, 1);
  return true;
}

/** `t[key] = v` for an absent key of a table with a metatable: call a Lua `__newindex` inline. */
function newindexMM(L: LuaState, ci: CallInfo, pc: number, t: LuaValue, key: LuaValue, v: LuaValue): boolean {
  if (!(t instanceof LuaTable)) return false;
  const tm = fasttm(t.metatable, TM.NEWINDEX);
  if (!(tm instanceof LuaClosure) || t.get(key) !== undefined) return false;
  pushMM(L, ci, pc, tm, 3, t, key, v, 0);
  return true;
}

function isObject(v: LuaValue): boolean {
  return v instanceof LuaTable || v instanceof LuaUserdata;
}

/** Arithmetic with a table or userdata operand whose metamethod is a Lua function. */
export function arithMM(L: LuaState, ci: CallInfo, pc: number, op: ArithOp, a: LuaValue, b: LuaValue): boolean {
  if (!isObject(a) && !isObject(b)) return false;
  const tm = binTM(L, a, b, ARITH_EVENT[op]);
  if (!(tm instanceof LuaClosure)) return false;
  pushMM(L, ci, pc, tm, 2, a, b, undefined, 1);
  return true;
}

/** `<` / `<=` on objects with a Lua `__lt` / `__le` (the `__le`-from-`__lt` fallback stays generic). */
export function orderMM(L: LuaState, ci: CallInfo, pc: number, event: TM, a: LuaValue, b: LuaValue): boolean {
  if (!isObject(a) && !isObject(b)) return false;
  const tm = binTM(L, a, b, event);
  if (!(tm instanceof LuaClosure)) return false;
  pushMM(L, ci, pc, tm, 2, a, b, undefined, 1);
  return true;
}

/** `==` on two distinct tables (or two userdata) with a Lua `__eq` (luaV_equalobj's lookup). */
export function eqMM(L: LuaState, ci: CallInfo, pc: number, a: LuaValue, b: LuaValue): boolean {
  if (!(a instanceof LuaTable && b instanceof LuaTable || a instanceof LuaUserdata && b instanceof LuaUserdata)) return false;
  let tm = fasttm(a.metatable, TM.EQ);
  if (tm === undefined) tm = fasttm(b.metatable, TM.EQ);
  if (!(tm instanceof LuaClosure)) return false;
  pushMM(L, ci, pc, tm, 2, a, b, undefined, 1);
  return true;
}

// ---------------------------------------------------------------------------
// Arithmetic helpers

/**
 * Raw get of a string key through the instruction's slot hint: a right
 * hint costs one comparison; a wrong one a normal lookup, then the hint moves.
 */
export function hintedGet(t: LuaTable, key: string, hints: Int32Array, pc: number): LuaValue {
  let slot = hints[pc];
  if (t.hkeys[slot] !== key) {
    slot = t.slotOf(key);
    if (slot < 0) return undefined;
    hints[pc] = slot;
  }
  return t.hvals[slot];
}

/** Overwrite an existing (non-nil) field through the slot hint; false if the field is absent or nil. */
export function hintedSet(t: LuaTable, key: string, v: LuaValue, hints: Int32Array, pc: number): boolean {
  let slot = hints[pc];
  if (t.hkeys[slot] !== key) {
    slot = t.slotOf(key);
    if (slot < 0) return false;
    hints[pc] = slot;
  }
  if (t.hvals[slot] === undefined) return false;
  t.setSlot(slot, key, v);
  return true;
}

/** The per-instruction slot hints of a prototype (allocated on first run). */
export function slotHintsOf(p: Proto): Int32Array {
  return p.slotHints ?? (p.slotHints = new Int32Array(p.code.length));
}

/** `f == y` for the number f of a float register (EQ, EQK). */
export function floatEq(f: number, y: LuaValue): boolean {
  if (typeof y === 'number') return f === y;
  if (y instanceof LuaFloat) return f === y.n;
  return typeof y === 'bigint' && rawequal(mkfloat(f), y);
}

/** The value of register `i`, a float register materialized (the interpreter's copy of floatregs' slotValue). */
export function val(stack: Slot[], fstack: number[], i: number): LuaValue {
  const v = stack[i];
  return v === null ? mkfloat(fstack[i]) : v;
}

/**
 * The value of a float-arithmetic operand: JS numbers as they are, boxed
 * integral floats unboxed; undefined (take the slow path) for bigints and
 * non-numbers. Lets `2.0 * x` stay off the slow path.
 */
export function floatOf(v: LuaValue): number | undefined {
  return typeof v === 'number' ? v : v instanceof LuaFloat ? v.n : undefined;
}

/**
 * ADD, SUB, MUL and DIV (register or constant form) off their inline paths:
 * boxed floats, bigints, coercions, metamethods, errors. Register `c` is -1
 * for the constant form, whose operand is `k`. Returns true when it pushed
 * a Lua metamethod's frame.
 */
export function arithTail(L: LuaState, ci: CallInfo, pc: number, op: ArithOp, ra: number, b: number, c: number, k: Slot): boolean {
  const stack = L.stack as Slot[];
  const fstack = L.fstack;
  const base = ci.base;
  const x = val(stack, fstack, base + b);
  const y = c < 0 ? k as LuaValue : val(stack, fstack, base + c);
  const fx = floatOf(x);
  const fy = floatOf(y);
  if (fx !== undefined && fy !== undefined) {
    setFloat(stack, fstack, ra, op === ArithOp.ADD ? fx + fy : op === ArithOp.SUB ? fx - fy : op === ArithOp.MUL ? fx * fy : fx / fy);
    return false;
  }
  if (c === KForm.FLIPPED) return flippedArith(L, ci, pc, op, ra, b, x, y);
  if (arithMM(L, ci, pc, op, x, y)) return true;
  stack[ra] = slowArith(L, ci, pc, op, x, y, b, c < 0 ? undefined : c);
  return false;
}

/** arithTail's `c` for the constant form: OPERAND, or FLIPPED when the k bit says the constant came first. */
const enum KForm { OPERAND = -1, FLIPPED = -2 }

/**
 * Which constant form a commutative K instruction (ADDK, MULK, BANDK, BORK,
 * BXORK) is: with its k bit set, the source had the constant first
 * (`2 * x`). The compiler never emits that; a PUC-Rio chunk does (its
 * MMBINK's flip, bytecode/luac.ts), and only metamethods and error
 * messages can tell the order.
 */
export function kOperand(i: number): number {
  return (i & 0x8000) !== 0 ? KForm.FLIPPED : KForm.OPERAND;
}

/** The slow path of a flipped K instruction: the constant `k` is the first operand of `op`. */
export function flippedArith(L: LuaState, ci: CallInfo, pc: number, op: ArithOp, ra: number, b: number, x: LuaValue, k: LuaValue): boolean {
  if (arithMM(L, ci, pc, op, k, x)) return true;
  L.stack[ra] = slowArith(L, ci, pc, op, k, x, undefined, b);
  return false;
}

/**
 * `x % y` for two integers (a floored modulo, as Lua's), tried before the
 * general numArith because checksum loops use it everywhere; undefined for
 * floats and for a zero divisor (numArith raises the error).
 */
export function intMod(x: number, y: number): number | undefined {
  if (!Number.isInteger(x) || !Number.isInteger(y) || y === 0) return undefined;
  const r = x % y;
  return (r !== 0 && (r < 0) !== (y < 0) ? r + y : r) + 0; // + 0 turns -0 into 0
}

/** Arithmetic ops in ArithOp order on two JS numbers (either subtype), with the reference's errors. */
function numArith(
  op: number, x: number, y: number, L: LuaState, ci: CallInfo, pc: number, lb: number | undefined, lc: number | undefined,
): LuaValue {
  return numArithValue(op, x, y) ?? slowArith(L, ci, pc, op, x, y, lb, lc);
}

/**
 * numArith without its errors: undefined where the operation raises one
 * (an integer division or modulo by zero, a bitwise operation on a number
 * without an integer representation... which slowArith sorts out). Cannot
 * throw, so compiled code calls it without making its frame current first.
 */
export function numArithValue(op: number, x: number, y: number): LuaValue {
  const ints = Number.isInteger(x) && Number.isInteger(y);
  switch (op) {
    case ArithOp.ADD: {
      if (ints) return iadd(x, y);
      const r = x + y;
      return Number.isInteger(r) ? new LuaFloat(r) : r;
    }
    case ArithOp.SUB: {
      if (ints) return isub(x, y);
      const r = x - y;
      return Number.isInteger(r) ? new LuaFloat(r) : r;
    }
    case ArithOp.MUL: {
      if (ints) return imul(x, y);
      const r = x * y;
      return Number.isInteger(r) ? new LuaFloat(r) : r;
    }
    case ArithOp.MOD: {
      if (ints) {
        const r = intMod(x, y);
        if (r === undefined) break; // a zero divisor: slowArith raises the error
        return r;
      }
      let m = x % y;
      if (m > 0 ? y < 0 : m < 0 && y > 0) m += y;
      return Number.isInteger(m) ? new LuaFloat(m) : m;
    }
    case ArithOp.POW: {
      const r = fpow(x, y);
      return Number.isInteger(r) ? new LuaFloat(r) : r;
    }
    case ArithOp.DIV: {
      const r = x / y;
      return Number.isInteger(r) ? new LuaFloat(r) : r;
    }
    case ArithOp.IDIV: {
      if (ints) {
        if (y === 0) break;
        return Math.floor(x / y) + 0;
      }
      const r = Math.floor(x / y);
      return Number.isInteger(r) ? new LuaFloat(r) : r;
    }
    case ArithOp.BAND:
      if ((x | 0) === x && (y | 0) === y) return x & y;
      break;
    case ArithOp.BOR:
      if ((x | 0) === x && (y | 0) === y) return x | y;
      break;
    case ArithOp.BXOR:
      if ((x | 0) === x && (y | 0) === y) return x ^ y;
      break;
    case ArithOp.SHL:
      if (ints) return ishl(x, y);
      break;
    case ArithOp.SHR:
      if (ints) return ishr(x, y);
      break;
  }
  return undefined;
}

export function slowArith(
  L: LuaState, ci: CallInfo, pc: number, op: number, x: LuaValue, y: LuaValue, lb: number | undefined, lc: number | undefined,
): LuaValue {
  ci.pc = pc;
  L.top = ci.top;
  return arith(L, op, x, y, lb, lc);
}

/**
 * ADDI/SHRI compiled from `x - k` / `x << k` (k bit set): numbers compute
 * `x op (-k)` as the reference does; metamethods see the source operation
 * and the original constant.
 */
export function negatedImm(
  L: LuaState, ci: CallInfo, pc: number, op: ArithOp, srcOp: ArithOp, x: LuaValue, imm: number, b: number,
): LuaValue {
  const r = rawArith(op, x, imm);
  if (r !== undefined) return r;
  ci.pc = pc;
  L.top = ci.top;
  return arith(L, srcOp, x, -imm, b, undefined);
}

/** LTI/LEI/GTI/GEI when the register is not a plain number. */
export function compareImm(L: LuaState, op: number, x: LuaValue, imm: number, isfloat: boolean): boolean {
  if (x instanceof LuaFloat) {
    const n = x.n;
    return op === Op.LTI ? n < imm : op === Op.LEI ? n <= imm : op === Op.GTI ? n > imm : n >= imm;
  }
  const y: LuaValue = isfloat ? new LuaFloat(imm) : imm;
  // GTI/GEI are "imm < x" / "imm <= x" with the operands swapped for metamethods
  const event = op === Op.LTI || op === Op.GTI ? TM.LT : TM.LE;
  const [a, b] = op === Op.LTI || op === Op.LEI ? [x, y] : [y, x];
  return event === TM.LT ? lessthan(L, a, b) : lessequal(L, a, b);
}

// ---------------------------------------------------------------------------
// Numeric for loops (Lua 5.4 semantics: the iteration count is computed up
// front for integer loops, so they never overflow)

function forerror(L: LuaState, v: LuaValue, what: string): never {
  return runerror(L, `bad 'for' ${what} (number expected, got ${objtypename(L, v)})`);
}

/** OP_FORPREP; returns true if the loop must be skipped. */
export function forprep(L: LuaState, ra: number): boolean {
  const stack = L.stack;
  const init = stack[ra];
  const plimit = stack[ra + 1];
  const step = stack[ra + 2];
  if (typeof init === 'number' && typeof step === 'number' && typeof plimit === 'number' &&
      Number.isInteger(init) && Number.isInteger(step) && Number.isInteger(plimit) && step !== 0) {
    // Common case, all in the safe range: plain arithmetic is exact.
    stack[ra + 3] = init;
    if (step > 0 ? init > plimit : init < plimit) return true;
    const diff = step > 0 ? plimit - init : init - plimit;
    if (diff <= SafeInt.MAX) {
      stack[ra + 1] = Math.floor(diff / Math.abs(step));
      return false;
    }
  }
  const initInt = typeof init === 'bigint' || (typeof init === 'number' && Number.isInteger(init));
  const stepInt = typeof step === 'bigint' || (typeof step === 'number' && Number.isInteger(step));
  if (initInt && stepInt) {
    const i0 = init as LuaInteger;
    const st = step as LuaInteger;
    if (st == 0) runerror(L, "'for' step is zero");
    stack[ra + 3] = i0;
    const lim = forlimit(L, i0, plimit, st);
    if (lim === undefined) return true;
    // count = (limit - init) / |step|, computed unsigned as the reference does
    const bi = BigInt(i0);
    const bl = BigInt(lim);
    const bs = BigInt(st);
    const count = st > 0 ? (bl - bi) / bs : (bi - bl) / -bs;
    // The count is unsigned in the reference; ours is never above 2^64 - 1 and only
    // compared with 0 and decremented, so a (canonical) integer of any size will do.
    stack[ra + 1] = count <= BigInt(SafeInt.MAX) ? Number(count) : count;
    return false;
  }
  // float loop
  const flimit = tonumber(plimit);
  if (flimit === undefined) forerror(L, plimit, 'limit');
  const fstep = tonumber(step);
  if (fstep === undefined) forerror(L, step, 'step');
  const finit = tonumber(init);
  if (finit === undefined) forerror(L, init, 'initial value');
  const l = toDouble(flimit);
  const s = toDouble(fstep);
  const i0 = toDouble(finit);
  if (s === 0) runerror(L, "'for' step is zero");
  if (s > 0 ? l < i0 : i0 < l) return true;
  // The internal state of a float loop holds proper Lua floats (the debug
  // library can see it); a boxed step also keeps FORLOOP's integer fast path off.
  stack[ra] = mkfloat(i0);
  stack[ra + 1] = mkfloat(l);
  stack[ra + 2] = new LuaFloat(s);
  stack[ra + 3] = mkfloat(i0);
  return false;
}

/** The integer limit of a loop, or undefined when the loop must not run (forlimit). */
function forlimit(L: LuaState, init: LuaInteger, lim: LuaValue, step: LuaInteger): LuaInteger | undefined {
  let limit = tointeger(lim, step < 0 ? F2I.CEIL : F2I.FLOOR);
  if (limit === undefined) {
    const flim = tonumber(lim);
    if (flim === undefined) forerror(L, lim, 'limit');
    // a float out of the integer range
    if (toDouble(flim as LuaNumber) > 0) {
      if (step < 0) return undefined;
      limit = 0x7fffffffffffffffn;
    } else {
      if (step > 0) return undefined;
      limit = -0x8000000000000000n;
    }
  }
  return (step > 0 ? init > limit : init < limit) ? undefined : limit;
}

/**
 * FORLOOP for loops off the fast path (float loops, integer loops beyond the
 * safe range); true to jump back. The state registers are only written by
 * forprep and here, but the debug library can change them, so anything
 * unexpected ends the loop instead of misbehaving.
 */
export function forloopSlow(stack: LuaValue[], ra: number): boolean {
  const step = stack[ra + 2];
  if (step instanceof LuaFloat || (typeof step === 'number' && !Number.isInteger(step))) {
    const s = floatOf(step)!;
    const i0 = floatOf(stack[ra]);
    const limit = floatOf(stack[ra + 1]);
    if (i0 === undefined || limit === undefined) return false;
    const idx = i0 + s;
    if (s > 0 ? idx <= limit : limit <= idx) {
      stack[ra] = stack[ra + 3] = mkfloat(idx);
      return true;
    }
    return false;
  }
  const count = stack[ra + 1];
  const idx0 = stack[ra];
  if (!isInt(count) || !isInt(idx0) || !isInt(step) || count <= 0) return false;
  stack[ra + 1] = isub(count, 1);
  const idx = iadd(idx0, step);
  stack[ra] = idx;
  stack[ra + 3] = idx;
  return true;
}

function isInt(v: LuaValue): v is LuaInteger {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

// ---------------------------------------------------------------------------
// Finishing an instruction interrupted by a yield inside a metamethod

/** Complete the instruction of Lua frame `ci` whose metamethod call was interrupted (luaV_finishOp). */
export function finishOp(L: LuaState, ci: CallInfo): void {
  const stack = L.stack;
  const base = ci.base;
  const i = ci.closure!.p.code[ci.pc - 1];
  const op = i & 0x7f;
  const a = (i >>> 7) & 0xff;
  switch (op) {
    case Op.ADDI: case Op.ADDK: case Op.SUBK: case Op.MULK: case Op.MODK: case Op.POWK: case Op.DIVK:
    case Op.IDIVK: case Op.BANDK: case Op.BORK: case Op.BXORK: case Op.SHRI: case Op.SHLI:
    case Op.ADD: case Op.SUB: case Op.MUL: case Op.MOD: case Op.POW: case Op.DIV: case Op.IDIV:
    case Op.BAND: case Op.BOR: case Op.BXOR: case Op.SHL: case Op.SHR:
    case Op.UNM: case Op.BNOT: case Op.LEN:
    case Op.GETTABUP: case Op.GETTABLE: case Op.GETI: case Op.GETFIELD: case Op.SELF:
      stack[base + a] = stack[--L.top];
      break;
    case Op.LT: case Op.LE: case Op.LTI: case Op.LEI: case Op.GTI: case Op.GEI: case Op.EQ: {
      let res = !isFalse(stack[--L.top]);
      if (ci.callstatus & CIST.LEQ) {
        // '<=' was computed as 'not (b < a)'
        ci.callstatus &= ~CIST.LEQ;
        res = !res;
      }
      // the next instruction is the jump: skip it when the test fails
      if (res !== ((i & 0x8000) !== 0)) ci.pc++;
      break;
    }
    case Op.CONCAT: {
      const top = L.top - 1; // top when the metamethod was called
      const total = top - 1 - (base + a); // values still to concatenate
      stack[top - 2] = stack[top];
      L.top = top - 1;
      concat(L, total, base);
      break;
    }
    case Op.CLOSE:
      ci.pc--; // run the instruction again to close the remaining variables
      break;
    case Op.RETURN:
      L.top = base + a + ci.nres;
      ci.pc--;
      break;
    default:
      // calls and stores: nothing to finish
      break;
  }
}

