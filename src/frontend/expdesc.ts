/**
 * Expression descriptors (lparser.h's expdesc): what the parser knows about
 * an expression that has not (fully) been turned into code yet. Keeping an
 * expression "pending" lets the code generator choose the best instruction
 * for it once its use is known (constant operand, target register, jump).
 */

import type { LuaInteger } from '../value/number.js';

export const enum VK {
  /** Empty expression list (or the absence of an expression). */
  VOID,
  NIL,
  TRUE,
  FALSE,
  /** Constant in the constant table; info = index. */
  K,
  /** Float constant; nval. */
  KFLT,
  /** Integer constant; ival. */
  KINT,
  /** String constant; strval. */
  KSTR,
  /** Value in a fixed register; info = register. */
  NONRELOC,
  /** Local variable; ridx = register, vidx = index among the function's active variables. */
  LOCAL,
  /** Upvalue; info = upvalue index. */
  UPVAL,
  /** Compile-time <const> variable; info = absolute index in Dyndata.actvar. */
  CONST,
  /** Indexed variable; indT = table register, indIdx = key register. */
  INDEXED,
  /** Indexed upvalue; indT = upvalue, indIdx = key's constant index (a string). */
  INDEXUP,
  /** Indexed by a small integer; indT = table register, indIdx = the integer. */
  INDEXI,
  /** Indexed by a short string constant; indT = table register, indIdx = key's constant index. */
  INDEXSTR,
  /** Comparison or test; info = pc of the jump that follows it. */
  JMP,
  /** Result can go to any register; info = pc of the instruction producing it. */
  RELOC,
  /** Function call; info = pc of the CALL. */
  CALL,
  /** Vararg expression; info = pc of the VARARG. */
  VARARG,
}

/** No jump (end of a jump list). */
export const NO_JUMP = -1;

export class ExpDesc {
  k: VK = VK.VOID;
  info = 0;
  ival: LuaInteger = 0;
  nval = 0;
  strval = '';
  indT = 0;
  indIdx = 0;
  ridx = 0;
  vidx = 0;
  /** Patch list of "exit when true". */
  t = NO_JUMP;
  /** Patch list of "exit when false". */
  f = NO_JUMP;

  init(k: VK, info: number): this {
    this.k = k;
    this.info = info;
    this.t = this.f = NO_JUMP;
    return this;
  }

  copyFrom(o: ExpDesc): this {
    this.k = o.k; this.info = o.info; this.ival = o.ival; this.nval = o.nval;
    this.strval = o.strval; this.indT = o.indT; this.indIdx = o.indIdx;
    this.ridx = o.ridx; this.vidx = o.vidx; this.t = o.t; this.f = o.f;
    return this;
  }

  clone(): ExpDesc {
    return new ExpDesc().copyFrom(this);
  }
}

export const hasjumps = (e: ExpDesc): boolean => e.t !== e.f;
/** Variable kinds (vkisvar): can be assigned to. */
export const vkisvar = (k: VK): boolean => VK.LOCAL <= k && k <= VK.INDEXSTR;
export const vkisindexed = (k: VK): boolean => VK.INDEXED <= k && k <= VK.INDEXSTR;
export const hasmultret = (k: VK): boolean => k === VK.CALL || k === VK.VARARG;
