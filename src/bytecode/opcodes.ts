/**
 * The register bytecode shared by the compiler and the interpreter.
 *
 * The instruction set follows Lua 5.4's design (same formats, same field
 * widths, same operand meanings), minus the MMBIN family: our arithmetic
 * instructions fall back to metamethods themselves instead of through a
 * following MMBIN instruction. Keeping 5.4's shape matters beyond speed:
 * runtime error messages name variables ("global 'x'", "field 'y'",
 * "method 'm'") by symbolic execution over this bytecode, as the reference
 * does, so register usage must follow the same patterns.
 *
 * Encoding (32 bits, stored in an Int32Array; always decode with `>>>`):
 *
 *   iABC   C(8) | B(8) | k(1) | A(8) | op(7)
 *   iABx   Bx(17)      | A(8) | op(7)
 *   iAsBx  sBx(17)     | A(8) | op(7)      sBx = Bx - Instr.OFFSET_sBx
 *   iAx    Ax(25)             | op(7)
 *   isJ    sJ(25)             | op(7)      sJ = Ax - Instr.OFFSET_sJ
 *
 * Notation: R[x] register x of the frame; K[x] constant x; RK(x) is K[x]
 * when the instruction's k bit is set, else R[x]. sB/sC are signed
 * immediates (B - Instr.OFFSET_sC, C - Instr.OFFSET_sC).
 */

export const enum OpMode { iABC, iABx, iAsBx, iAx, isJ }

/**
 * Instruction field layout and limits. A const enum, so that tsc writes the
 * numbers into the code that uses them: an exported `const` is read through a
 * module cell, with a TDZ check, on every use, which costs the interpreter loop
 * several dependent loads per instruction.
 */
export const enum Instr {
  SIZE_OP = 7,
  SIZE_A = 8,
  SIZE_B = 8,
  SIZE_C = 8,
  SIZE_Bx = 17,
  SIZE_Ax = 25,

  POS_A = 7,
  POS_k = 15,
  POS_B = 16,
  POS_C = 24,
  POS_Bx = 15,
  POS_Ax = 7,

  MAXARG_A = (1 << SIZE_A) - 1,
  MAXARG_B = (1 << SIZE_B) - 1,
  MAXARG_C = (1 << SIZE_C) - 1,
  MAXARG_Bx = (1 << SIZE_Bx) - 1,
  MAXARG_Ax = (1 << SIZE_Ax) - 1,
  OFFSET_sBx = MAXARG_Bx >> 1,
  OFFSET_sJ = MAXARG_Ax >> 1,
  OFFSET_sC = MAXARG_C >> 1,
  /** Maximum registers in a frame (Lua's MAXREGS). */
  MAXREGS = 255,
  /** Items flushed per SETLIST while building a table constructor (LFIELDS_PER_FLUSH). */
  LFIELDS_PER_FLUSH = 50,
}

/**
 * Opcodes. The comment on each is its exact semantics; the compiler and the
 * interpreter must both agree with it.
 */
export const enum Op {
  MOVE,       // A B      R[A] := R[B]
  LOADI,      // A sBx    R[A] := sBx (integer)
  LOADF,      // A sBx    R[A] := (float)sBx
  LOADK,      // A Bx     R[A] := K[Bx]
  LOADKX,     // A        R[A] := K[extra arg]   (next instruction is EXTRAARG)
  LOADFALSE,  // A        R[A] := false
  LFALSESKIP, // A        R[A] := false; pc++
  LOADTRUE,   // A        R[A] := true
  LOADNIL,    // A B      R[A], R[A+1], ..., R[A+B] := nil
  GETUPVAL,   // A B      R[A] := UpValue[B]
  SETUPVAL,   // A B      UpValue[B] := R[A]

  GETTABUP,   // A B C    R[A] := UpValue[B][K[C]:string]
  GETTABLE,   // A B C    R[A] := R[B][R[C]]
  GETI,       // A B C    R[A] := R[B][C]   (C is an integer key 0..255)
  GETFIELD,   // A B C    R[A] := R[B][K[C]:string]

  SETTABUP,   // A B C k  UpValue[A][K[B]:string] := RK(C)
  SETTABLE,   // A B C k  R[A][R[B]] := RK(C)
  SETI,       // A B C k  R[A][B] := RK(C)
  SETFIELD,   // A B C k  R[A][K[B]:string] := RK(C)

  NEWTABLE,   // A B C k  R[A] := {}  B: hash size (0, or log2(size)+1); C: array size;
              //          always followed by EXTRAARG; if k, the array size is C + EXTRAARG * (Instr.MAXARG_C + 1)

  SELF,       // A B C k  R[A+1] := R[B]; R[A] := R[B][RK(C):string]

  ADDI,       // A B sC k R[A] := R[B] + sC   (k: compiled from 'R[B] - (-sC)': metamethods get __sub, -sC)

  ADDK,       // A B C    R[A] := R[B] + K[C]:number
  SUBK,       // A B C    R[A] := R[B] - K[C]:number
  MULK,       // A B C    R[A] := R[B] * K[C]:number
  MODK,       // A B C    R[A] := R[B] % K[C]:number
  POWK,       // A B C    R[A] := R[B] ^ K[C]:number
  DIVK,       // A B C    R[A] := R[B] / K[C]:number
  IDIVK,      // A B C    R[A] := R[B] // K[C]:number
  BANDK,      // A B C    R[A] := R[B] & K[C]:integer
  BORK,       // A B C    R[A] := R[B] | K[C]:integer
  BXORK,      // A B C    R[A] := R[B] ~ K[C]:integer

  SHRI,       // A B sC k R[A] := R[B] >> sC  (k: compiled from 'R[B] << (-sC)': metamethods get __shl, -sC)
  SHLI,       // A B sC   R[A] := sC << R[B]

  ADD,        // A B C    R[A] := R[B] + R[C]
  SUB,        // A B C    R[A] := R[B] - R[C]
  MUL,        // A B C    R[A] := R[B] * R[C]
  MOD,        // A B C    R[A] := R[B] % R[C]
  POW,        // A B C    R[A] := R[B] ^ R[C]
  DIV,        // A B C    R[A] := R[B] / R[C]
  IDIV,       // A B C    R[A] := R[B] // R[C]
  BAND,       // A B C    R[A] := R[B] & R[C]
  BOR,        // A B C    R[A] := R[B] | R[C]
  BXOR,       // A B C    R[A] := R[B] ~ R[C]
  SHL,        // A B C    R[A] := R[B] << R[C]
  SHR,        // A B C    R[A] := R[B] >> R[C]

  UNM,        // A B      R[A] := -R[B]
  BNOT,       // A B      R[A] := ~R[B]
  NOT,        // A B      R[A] := not R[B]
  LEN,        // A B      R[A] := #R[B] (length operator)

  CONCAT,     // A B      R[A] := R[A].. ... ..R[A + B - 1]

  CLOSE,      // A        close all upvalues and to-be-closed variables >= R[A]
  TBC,        // A        mark variable A "to be closed"
  JMP,        // sJ       pc += sJ
  EQ,         // A B k    if ((R[A] == R[B]) ~= k) then pc++
  LT,         // A B k    if ((R[A] <  R[B]) ~= k) then pc++
  LE,         // A B k    if ((R[A] <= R[B]) ~= k) then pc++

  EQK,        // A B k    if ((R[A] == K[B]) ~= k) then pc++
  EQI,        // A sB k   if ((R[A] == sB) ~= k) then pc++
  LTI,        // A sB k C if ((R[A] < sB) ~= k) then pc++   (C: 1 if sB stands for a float, for error messages)
  LEI,        // A sB k C if ((R[A] <= sB) ~= k) then pc++
  GTI,        // A sB k C if ((R[A] > sB) ~= k) then pc++
  GEI,        // A sB k C if ((R[A] >= sB) ~= k) then pc++

  TEST,       // A k      if (not R[A] == k) then pc++
  TESTSET,    // A B k    if (not R[B] == k) then pc++ else R[A] := R[B]

  CALL,       // A B C    R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])
              //          B = 0: arguments up to top; C = 0: keep all results (sets top)
  TAILCALL,   // A B C k  return R[A](R[A+1], ... ,R[A+B-1])
              //          k: close upvalues first; C > 0: vararg function with C-1 fixed params
  RETURN,     // A B C k  return R[A], ... ,R[A+B-2]  (B = 0: up to top)
              //          k: close upvalues/tbc first; C > 0: vararg function with C-1 fixed params
  RETURN0,    //          return
  RETURN1,    // A        return R[A]

  FORLOOP,    // A Bx     update counters; if loop continues then pc -= Bx
  FORPREP,    // A Bx     <check values and prepare counters>; if not to run then pc += Bx + 1
              //          registers: R[A] init, R[A+1] limit, R[A+2] step, R[A+3] control variable

  TFORPREP,   // A Bx     create upvalue for R[A + 3] (the closing value); pc += Bx
  TFORCALL,   // A C      R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2])
  TFORLOOP,   // A Bx     if R[A+4] ~= nil then { R[A+2] := R[A+4]; pc -= Bx }

  SETLIST,    // A B C k  R[A][C+i] := R[A+i], 1 <= i <= B  (B = 0: up to top)
              //          if k, the real C is C + EXTRAARG * (Instr.MAXARG_C + 1)

  CLOSURE,    // A Bx     R[A] := closure(KPROTO[Bx])

  VARARG,     // A C      R[A], R[A+1], ..., R[A+C-2] = vararg  (C = 0: all, sets top)

  VARARGPREP, // A        (adjust vararg parameters; A = number of fixed parameters)

  EXTRAARG,   // Ax       extra (larger) argument for the previous opcode

  /**
   * Never in a prototype's code: every instruction of the trapped copy the
   * interpreter runs while line or count events are wanted has this opcode,
   * its operands unchanged (vm/hooks.ts).
   */
  TRAP = 0x7f,
}

export const NUM_OPCODES = Op.EXTRAARG + 1;

/** Per-opcode metadata: name, format, and flags used by the debug info and the disassembler. */
export interface OpInfo {
  readonly name: string;
  readonly mode: OpMode;
  /** Instruction sets register A. */
  readonly setsA: boolean;
  /** Instruction is a test: the next instruction is a jump. */
  readonly test: boolean;
  /** Instruction uses L.top set by the previous instruction (B = 0 forms). */
  readonly usesTop: boolean;
  /** Instruction sets L.top for the next instruction (C = 0 / multiple results). */
  readonly setsTop: boolean;
}

function info(name: string, mode: OpMode, setsA: number, test = 0, usesTop = 0, setsTop = 0): OpInfo {
  return { name, mode, setsA: setsA === 1, test: test === 1, usesTop: usesTop === 1, setsTop: setsTop === 1 };
}

const { iABC, iABx, iAsBx, iAx, isJ } = {
  iABC: OpMode.iABC, iABx: OpMode.iABx, iAsBx: OpMode.iAsBx, iAx: OpMode.iAx, isJ: OpMode.isJ,
};

/** Indexed by {@link Op}. */
export const OPINFO: readonly OpInfo[] = [
  info('MOVE', iABC, 1),
  info('LOADI', iAsBx, 1),
  info('LOADF', iAsBx, 1),
  info('LOADK', iABx, 1),
  info('LOADKX', iABx, 1),
  info('LOADFALSE', iABC, 1),
  info('LFALSESKIP', iABC, 1),
  info('LOADTRUE', iABC, 1),
  info('LOADNIL', iABC, 1),
  info('GETUPVAL', iABC, 1),
  info('SETUPVAL', iABC, 0),
  info('GETTABUP', iABC, 1),
  info('GETTABLE', iABC, 1),
  info('GETI', iABC, 1),
  info('GETFIELD', iABC, 1),
  info('SETTABUP', iABC, 0),
  info('SETTABLE', iABC, 0),
  info('SETI', iABC, 0),
  info('SETFIELD', iABC, 0),
  info('NEWTABLE', iABC, 1),
  info('SELF', iABC, 1),
  info('ADDI', iABC, 1),
  info('ADDK', iABC, 1),
  info('SUBK', iABC, 1),
  info('MULK', iABC, 1),
  info('MODK', iABC, 1),
  info('POWK', iABC, 1),
  info('DIVK', iABC, 1),
  info('IDIVK', iABC, 1),
  info('BANDK', iABC, 1),
  info('BORK', iABC, 1),
  info('BXORK', iABC, 1),
  info('SHRI', iABC, 1),
  info('SHLI', iABC, 1),
  info('ADD', iABC, 1),
  info('SUB', iABC, 1),
  info('MUL', iABC, 1),
  info('MOD', iABC, 1),
  info('POW', iABC, 1),
  info('DIV', iABC, 1),
  info('IDIV', iABC, 1),
  info('BAND', iABC, 1),
  info('BOR', iABC, 1),
  info('BXOR', iABC, 1),
  info('SHL', iABC, 1),
  info('SHR', iABC, 1),
  info('UNM', iABC, 1),
  info('BNOT', iABC, 1),
  info('NOT', iABC, 1),
  info('LEN', iABC, 1),
  info('CONCAT', iABC, 1),
  info('CLOSE', iABC, 0),
  info('TBC', iABC, 0),
  info('JMP', isJ, 0),
  info('EQ', iABC, 0, 1),
  info('LT', iABC, 0, 1),
  info('LE', iABC, 0, 1),
  info('EQK', iABC, 0, 1),
  info('EQI', iABC, 0, 1),
  info('LTI', iABC, 0, 1),
  info('LEI', iABC, 0, 1),
  info('GTI', iABC, 0, 1),
  info('GEI', iABC, 0, 1),
  info('TEST', iABC, 0, 1),
  info('TESTSET', iABC, 1, 1),
  info('CALL', iABC, 1, 0, 1, 1),
  info('TAILCALL', iABC, 1, 0, 1, 1),
  info('RETURN', iABC, 0, 0, 1),
  info('RETURN0', iABC, 0),
  info('RETURN1', iABC, 0),
  info('FORLOOP', iABx, 1),
  info('FORPREP', iABx, 1),
  info('TFORPREP', iABx, 0),
  info('TFORCALL', iABC, 0),
  info('TFORLOOP', iABx, 1),
  info('SETLIST', iABC, 0, 0, 1),
  info('CLOSURE', iABx, 1),
  info('VARARG', iABC, 1, 0, 0, 1),
  info('VARARGPREP', iABC, 1, 0, 1),
  info('EXTRAARG', iAx, 0),
];

// ---- decoding (the interpreter inlines these; they are here for everyone else)

export const GET_OPCODE = (i: number): Op => i & 0x7f;
export const GETARG_A = (i: number): number => (i >>> Instr.POS_A) & 0xff;
export const GETARG_B = (i: number): number => (i >>> Instr.POS_B) & 0xff;
export const GETARG_C = (i: number): number => i >>> Instr.POS_C;
export const GETARG_k = (i: number): number => (i >>> Instr.POS_k) & 1;
export const GETARG_Bx = (i: number): number => i >>> Instr.POS_Bx;
export const GETARG_sBx = (i: number): number => (i >>> Instr.POS_Bx) - Instr.OFFSET_sBx;
export const GETARG_Ax = (i: number): number => i >>> Instr.POS_Ax;
export const GETARG_sJ = (i: number): number => (i >>> Instr.POS_Ax) - Instr.OFFSET_sJ;
export const GETARG_sB = (i: number): number => ((i >>> Instr.POS_B) & 0xff) - Instr.OFFSET_sC;
export const GETARG_sC = (i: number): number => (i >>> Instr.POS_C) - Instr.OFFSET_sC;

// ---- encoding (used by the compiler; results are stored into an Int32Array)

export function CREATE_ABCk(o: Op, a: number, b: number, c: number, k: number): number {
  return (o | (a << Instr.POS_A) | (k << Instr.POS_k) | (b << Instr.POS_B) | (c << Instr.POS_C)) | 0;
}
export function CREATE_ABx(o: Op, a: number, bx: number): number {
  return (o | (a << Instr.POS_A) | (bx << Instr.POS_Bx)) | 0;
}
export function CREATE_Ax(o: Op, ax: number): number {
  return (o | (ax << Instr.POS_Ax)) | 0;
}
export function CREATE_sJ(o: Op, j: number): number {
  return (o | ((j + Instr.OFFSET_sJ) << Instr.POS_Ax)) | 0;
}
/** Replace one field of an encoded instruction. */
export function SETARG(i: number, pos: number, size: number, v: number): number {
  const mask = ((1 << size) - 1) << pos;
  return ((i & ~mask) | ((v << pos) & mask)) | 0;
}
