/**
 * Per-function compilation state (lparser.h's FuncState, BlockCnt, Vardesc,
 * Labeldesc, Dyndata) and the helpers over active variables that both the
 * parser and the code generator need.
 */

import { Proto } from '../bytecode/proto.js';
import type { LuaValue } from '../value/value.js';
import type { Lexer } from './lexer.js';

/** Variable kinds (lparser.h). */
export const enum VDK {
  /** Regular variable. */
  REG = 0,
  /** <const> variable kept in a register. */
  CONST = 1,
  /** <close> variable. */
  TOCLOSE = 2,
  /** Compile-time constant: no register, its value is folded into the code. */
  CTC = 3,
}

/** An active local variable. */
export interface Vardesc {
  kind: VDK;
  /** Register holding the variable. */
  ridx: number;
  /** Index of its entry in Proto.locvars. */
  pidx: number;
  name: string;
  /** Value of a compile-time constant. */
  k: LuaValue;
}

/** A pending goto or an active label. */
export interface Labeldesc {
  name: string;
  /** Label's position, or the goto's jump. */
  pc: number;
  line: number;
  /** Number of active variables at that position. */
  nactvar: number;
  /** Goto that escapes upvalues (needs a CLOSE). */
  close: boolean;
}

/** State shared by all functions of a chunk. */
export class Dyndata {
  /**
   * Variables of all active functions; only the first `nactvar` entries are
   * live. Entries above are kept (as the reference keeps them) because
   * pending gotos may still ask for the register level they had.
   */
  readonly actvar: Vardesc[] = [];
  nactvar = 0;
  readonly gt: Labeldesc[] = [];
  readonly label: Labeldesc[] = [];
  /**
   * Constant lookup shared by all functions of the chunk, as the reference's
   * scanner table: a key per value to the index it got in the function that
   * added it last. A function reuses an index only if its own constant there
   * is that value, so constants are duplicated exactly when the reference
   * duplicates them. Keys: strings; integers (number or bigint); floats;
   * booleans and nil. Integral floats use perturbed keys (see code.ts).
   */
  readonly kstr = new Map<string, number>();
  readonly knum = new Map<number | bigint, number>();
  readonly kflt = new Map<number, number>();
  readonly kother = new Map<boolean | undefined, number>();
}

/** One block (a scope) of the function being compiled. */
export interface BlockCnt {
  previous: BlockCnt | undefined;
  /** Index of the first label of this block. */
  firstlabel: number;
  /** Index of the first pending goto of this block. */
  firstgoto: number;
  /** Active locals outside the block. */
  nactvar: number;
  /** Some variable of the block is an upvalue. */
  upval: boolean;
  isloop: boolean;
  /** Inside the scope of a to-be-closed variable. */
  insidetbc: boolean;
}

export class FuncState {
  readonly f: Proto = new Proto();
  /** Instructions and their lines, grown here and copied into `f` at the end. */
  code: number[] = [];
  lineinfo: number[] = [];
  bl: BlockCnt | undefined = undefined;
  /** Next instruction index (= code.length). */
  pc = 0;
  /** pc of the last jump target. */
  lasttarget = 0;
  /** Number of upvalues. */
  nups = 0;
  /** Number of entries in f.locvars. */
  ndebugvars = 0;
  /** Active local variables. */
  nactvar = 0;
  /** First free register. */
  freereg = 0;
  /** Jump-list append cache (see code.ts, concat): a list head and a node in it. */
  jcHead = -1;
  jcNode = -1;
  /** Function needs to close upvalues when returning. */
  needclose = false;
  /** Index of the first local of this function in Dyndata.actvar. */
  readonly firstlocal: number;
  /** Index of the first label of this function in Dyndata.label. */
  readonly firstlabel: number;

  constructor(
    readonly prev: FuncState | undefined,
    readonly ls: Lexer,
    readonly dyd: Dyndata,
  ) {
    this.firstlocal = dyd.nactvar;
    this.firstlabel = dyd.label.length;
  }

  getlocalvardesc(vidx: number): Vardesc {
    return this.dyd.actvar[this.firstlocal + vidx] as Vardesc;
  }

  /** Register level (number of registers in use) with the first `nvar` locals active. */
  reglevel(nvar: number): number {
    while (nvar-- > 0) {
      const vd = this.getlocalvardesc(nvar);
      if (vd.kind !== VDK.CTC) return vd.ridx + 1; // constants use no register
    }
    return 0;
  }

  /** Number of registers used by active local variables (luaY_nvarstack). */
  nvarstack(): number {
    return this.reglevel(this.nactvar);
  }
}
