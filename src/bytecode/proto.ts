/**
 * Function prototypes: the compiler's output and the interpreter's input.
 *
 * A prototype carries everything the debug library and error messages need:
 * a source line for every instruction, every local variable's name and live
 * range, and every upvalue's name.
 */

import { valueArray, type LuaValue } from '../value/value.js';
import { JIT_HOT_ENTRIES } from '../value/limits.js';

/**
 * A function's compiled code (vm/jit/): runs a frame of it from the frame's
 * pc, and returns an `Exit` (vm/interp.ts). Its arguments are the thread
 * and the frame, which this layer does not know, and how many compiled
 * frames called it directly (0 from the interpreter).
 */
export type JitCode = (L: object, ci: object, depth: number) => number;

/** How a closure finds one of its upvalues when it is created. */
export interface UpvalDesc {
  /** Variable name, or undefined when stripped. */
  name: string | undefined;
  /** True: the upvalue is the enclosing function's register `idx`; false: its upvalue `idx`. */
  instack: boolean;
  idx: number;
  /** Variable kind (VDKREG = 0, RDKCONST = 1, RDKTOCLOSE = 2, RDKCTC = 3), as in lparser.h. */
  kind: number;
}

/** A local variable's name and the pcs where it is live: [startpc, endpc). */
export interface LocVar {
  varname: string;
  startpc: number;
  endpc: number;
}

export class Proto {
  /** Instructions (see `opcodes.ts`). */
  code: Int32Array = new Int32Array(0);
  /** Constants: nil, booleans, numbers (see value.ts for their representation), strings. */
  k: LuaValue[] = valueArray();
  /** Nested function prototypes (CLOSURE's Bx indexes this). */
  p: Proto[] = [];
  upvalues: UpvalDesc[] = [];
  /** Source line of each instruction (same length as `code`); empty when stripped. */
  lineinfo: Int32Array = new Int32Array(0);
  locvars: LocVar[] = [];
  /** Chunk name as given to `load` ("@file.lua", "=stdin", or the source itself); undefined when stripped. */
  source: string | undefined = undefined;
  linedefined = 0;
  lastlinedefined = 0;
  numparams = 0;
  isVararg = false;
  /** Registers this function needs (its frame size). */
  maxstacksize = 2;
  /**
   * Interpreter scratch, not part of the function's meaning: per-instruction
   * hash-slot hints for field accesses (see interp.ts). Allocated lazily.
   */
  slotHints: Int32Array | undefined = undefined;
  /**
   * Interpreter scratch: the code with every opcode replaced by TRAP, run
   * while line or count events are wanted (vm/hooks.ts). Allocated lazily.
   */
  trapCode: Int32Array | undefined = undefined;
  /**
   * Compiled code (vm/jit/tier.ts): undefined until the function is hot,
   * null when it is not to be compiled (the tier is off, or compiling it
   * failed or did not fit under the memory limit).
   */
  jit: JitCode | null | undefined = undefined;
  /** Frame entries left before the function is compiled (JIT_HOT_ENTRIES; 0 in mode 'all'). */
  hot = JIT_HOT_ENTRIES;
  /** Times its compiled code left an instruction to the interpreter (vm/jit/tier.ts's `bailed`). */
  bails = 0;
  /** Epoch of the last mark that reached this prototype (vm/gc.ts). */
  gcmark = 0;
  /** What this prototype alone costs (vm/heap.ts's model), computed on its first mark. */
  gcsize = 0;
}
