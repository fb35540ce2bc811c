/**
 * What generated code calls (codegen.ts): the runtime object its factory
 * gets (`R`), whose names the generated code destructures. The one list of
 * them is this object's keys.
 */

import { LuaFloat, mkfloat } from '../../value/value.js';
import { iadd, imul, ishl, ishr, isub, x86nan } from '../../value/number.js';
import type { CallInfo, LuaState } from '../state.js';
import { LuaTable } from '../table.js';
import { HostFunction, LuaClosure } from '../function.js';
import { closeAll, newtbcupval, poscall, precall } from '../call.js';
import { concat, equalobj, indexTableChain, len, lessequal, lessthan, rawequal, rawset } from '../operations.js';
import { upvalLoc } from '../debuginfo.js';
import { charge, stringCost } from '../heap.js';
import { gcCheckpoint } from '../gc.js';
import { safepoint } from '../budget.js';
import { materialize } from '../floatregs.js';
import { hookVarargCall } from '../hooks.js';
import {
  adjustVarargs, closure, finishMM, floatEq, floatOf, forloopSlow, forprep, hintedGet, hintedSet, intMod, numArithValue,
  opReturn, pushLuaFrame, setlist, Exit, stringIndex, tailcall, vararg, slowArith, negatedImm, compareImm,
  getSlow, setSlow, arithTail, flippedArith, arithMM, orderMM, eqMM,
} from '../interp.js';
import { JIT_DIRECT_CCALLS, JIT_DIRECT_DEPTH } from '../../value/limits.js';

/**
 * Compiled code's slow path pushed the frame of a Lua metamethod (L.ci,
 * called from the frame `ci` at `depth`, which weighs `weight`): run its
 * compiled code directly, as compiled calls do. -1 when it returned into
 * `ci` (finishMM then completed the instruction in the frame), else the
 * Exit to return.
 */
function runMetamethod(L: LuaState, ci: CallInfo, depth: number, weight: number): number {
  const callee = L.ci;
  const code = callee.closure!.p.jit;
  if (code == null || depth >= JIT_DIRECT_DEPTH || L.nCcalls > JIT_DIRECT_CCALLS || L.g.traps !== 0) return Exit.SWITCH;
  const exit = code(L, callee, depth + weight);
  return exit !== Exit.SWITCH || L.ci !== ci ? exit : -1;
}

let runtimeObject: Record<string, unknown> | undefined;

/** The runtime object, made once (on first use: its functions come from modules that import this one's users). */
export function runtime(): Record<string, unknown> {
  runtimeObject ??= {
    LuaTable, LuaClosure, LuaFloat, mkfloat, floatOf, floatEq, rawequal, rawset, charge, stringCost, gcCheckpoint,
    safepoint, materialize, closeAll, newtbcupval, precall, poscall, pushLuaFrame, finishMM, tailcall, opReturn, setlist,
    closure, vararg, adjustVarargs, hookVarargCall, hintedGet, hintedSet, indexTableChain, stringIndex, numArithValue,
    intMod, iadd, isub, imul, ishl, ishr, forprep, forloopSlow, upvalLoc, slowArith, negatedImm, compareImm, lessthan,
    lessequal, equalobj, len, concat, x86nan, getSlow, setSlow, arithTail, flippedArith, arithMM, orderMM, eqMM,
    runMetamethod, HostFunction,
  };
  return runtimeObject;
}


let names: string | undefined;

/** The runtime's names, as the generated code's destructuring lists them. */
export function runtimeNames(): string {
  names ??= Object.keys(runtime()).join(', ');
  return names;
}
