/**
 * A bytecode lister in the format of `luac -l -l` (luac.c's PrintFunction),
 * for tests and debugging. Addresses, which luac prints as pointers, are
 * replaced by stable names (0x1, 0x2, ... in listing order).
 */

import { Op, OPINFO, GET_OPCODE, GETARG_A, GETARG_B, GETARG_C, GETARG_k, GETARG_Bx, GETARG_sBx, GETARG_Ax, GETARG_sJ, GETARG_sB, GETARG_sC, Instr } from './opcodes.js';
import type { Proto } from './proto.js';
import { LuaFloat, type LuaValue } from '../value/value.js';
import { tostringNumber } from '../value/number.js';

export interface DisasmOptions {
  /** Also list constants, locals and upvalues (luac -l -l). Default true. */
  full?: boolean;
  /** List nested functions too. Default true. */
  nested?: boolean;
}

/** Escape a string constant like luac's PrintString. */
function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 34: out += '\\"'; break;
      case 92: out += '\\\\'; break;
      case 7: out += '\\a'; break;
      case 8: out += '\\b'; break;
      case 12: out += '\\f'; break;
      case 10: out += '\\n'; break;
      case 13: out += '\\r'; break;
      case 9: out += '\\t'; break;
      case 11: out += '\\v'; break;
      default:
        out += c >= 32 && c < 127 ? String.fromCharCode(c) : '\\' + String(c).padStart(3, '0');
    }
  }
  return out + '"';
}

function constantText(v: LuaValue): string {
  if (v === undefined) return 'nil';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return tostringNumber(v);
  return '?';
}

function constantType(v: LuaValue): string {
  if (v === undefined) return 'N';
  if (typeof v === 'boolean') return 'B';
  if (typeof v === 'string') return 'S';
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return 'I';
  if (typeof v === 'number' || v instanceof LuaFloat) return 'F';
  return '?';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function shortSource(p: Proto): string {
  const s = p.source ?? '=?';
  if (s.startsWith('@') || s.startsWith('=')) return s.slice(1);
  if (s.startsWith('\x1bLua')) return 'binary string';
  return 'string';
}

class Lister {
  private readonly ids = new Map<Proto, number>();
  private out: string[] = [];

  constructor(private readonly opts: Required<DisasmOptions>) {}

  addr(p: Proto): string {
    let id = this.ids.get(p);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(p, id);
    }
    return '0x' + id.toString(16);
  }

  run(p: Proto, isMain: boolean): string {
    this.func(p, isMain);
    return this.out.join('\n') + '\n';
  }

  private func(p: Proto, isMain: boolean): void {
    this.header(p, isMain);
    this.codeLines(p);
    if (this.opts.full) this.debugLines(p);
    if (this.opts.nested) for (const sub of p.p) this.func(sub, false);
  }

  private header(p: Proto, isMain: boolean): void {
    const n = p.code.length;
    this.out.push('');
    this.out.push(`${isMain ? 'main' : 'function'} <${shortSource(p)}:${p.linedefined},${p.lastlinedefined}> ` +
      `(${plural(n, 'instruction')} at ${this.addr(p)})`);
    this.out.push(`${p.numparams}${p.isVararg ? '+' : ''} param${p.numparams === 1 ? '' : 's'}, ` +
      `${plural(p.maxstacksize, 'slot')}, ${plural(p.upvalues.length, 'upvalue')}, ` +
      `${plural(p.locvars.length, 'local')}, ${plural(p.k.length, 'constant')}, ${plural(p.p.length, 'function')}`);
  }

  private codeLines(p: Proto): void {
    for (let pc = 0; pc < p.code.length; pc++) {
      const i = p.code[pc] as number;
      const line = p.lineinfo.length > 0 ? String(p.lineinfo[pc]) : '-';
      const name = OPINFO[GET_OPCODE(i)]?.name ?? '???';
      const ops = instructionText(p, pc, (q) => this.addr(q));
      this.out.push(`\t${pc + 1}\t[${line}]\t${name.padEnd(9)}\t${ops}`);
    }
  }

  private debugLines(p: Proto): void {
    const a = this.addr(p);
    this.out.push(`constants (${p.k.length}) for ${a}:`);
    p.k.forEach((v, i) => this.out.push(`\t${i}\t${constantType(v)}\t${constantText(v)}`));
    this.out.push(`locals (${p.locvars.length}) for ${a}:`);
    p.locvars.forEach((v, i) => this.out.push(`\t${i}\t${v.varname}\t${v.startpc + 1}\t${v.endpc + 1}`));
    this.out.push(`upvalues (${p.upvalues.length}) for ${a}:`);
    p.upvalues.forEach((u, i) => this.out.push(`\t${i}\t${u.name ?? '-'}\t${u.instack ? 1 : 0}\t${u.idx}`));
  }
}

/** Operands and comment of one instruction, as luac prints them. */
export function instructionText(p: Proto, pc: number, addr: (p: Proto) => string = () => '0x?'): string {
  const i = p.code[pc] as number;
  const a = GETARG_A(i), b = GETARG_B(i), c = GETARG_C(i), k = GETARG_k(i);
  const bx = GETARG_Bx(i), sbx = GETARG_sBx(i), sb = GETARG_sB(i), sc = GETARG_sC(i);
  const isk = k !== 0 ? 'k' : '';
  const K = (n: number): string => constantText(p.k[n]);
  const up = (n: number): string => p.upvalues[n]?.name ?? '-';
  const extra = (): number => (pc + 1 < p.code.length ? GETARG_Ax(p.code[pc + 1] as number) : 0);
  switch (GET_OPCODE(i)) {
    case Op.MOVE: return `${a} ${b}`;
    case Op.LOADI: case Op.LOADF: return `${a} ${sbx}`;
    case Op.LOADK: return `${a} ${bx}\t; ${K(bx)}`;
    case Op.LOADKX: return `${a}\t; ${K(extra())}`;
    case Op.LOADFALSE: case Op.LFALSESKIP: case Op.LOADTRUE: return `${a}`;
    case Op.LOADNIL: return `${a} ${b}\t; ${b + 1} out`;
    case Op.GETUPVAL: case Op.SETUPVAL: return `${a} ${b}\t; ${up(b)}`;
    case Op.GETTABUP: return `${a} ${b} ${c}\t; ${up(b)} ${K(c)}`;
    case Op.GETTABLE: case Op.GETI: return `${a} ${b} ${c}`;
    case Op.GETFIELD: return `${a} ${b} ${c}\t; ${K(c)}`;
    case Op.SETTABUP: return `${a} ${b} ${c}${isk}\t; ${up(a)} ${K(b)}${k ? ' ' + K(c) : ''}`;
    case Op.SETTABLE: case Op.SETI: return `${a} ${b} ${c}${isk}${k ? '\t; ' + K(c) : ''}`;
    case Op.SETFIELD: return `${a} ${b} ${c}${isk}\t; ${K(b)}${k ? ' ' + K(c) : ''}`;
    case Op.NEWTABLE: return `${a} ${b} ${c}\t; ${k ? c + extra() * (Instr.MAXARG_C + 1) : c}`;
    case Op.SELF: return `${a} ${b} ${c}${isk}${k ? '\t; ' + K(c) : ''}`;
    // k on ADDI/SHRI: compiled from 'x - k' / 'x << k' (negated immediate)
    case Op.ADDI: case Op.SHRI: case Op.SHLI: return `${a} ${b} ${sc}${GETARG_k(i) ? 'k' : ''}`;
    case Op.ADDK: case Op.SUBK: case Op.MULK: case Op.MODK: case Op.POWK: case Op.DIVK:
    case Op.IDIVK: case Op.BANDK: case Op.BORK: case Op.BXORK:
      return `${a} ${b} ${c}\t; ${K(c)}`;
    case Op.ADD: case Op.SUB: case Op.MUL: case Op.MOD: case Op.POW: case Op.DIV: case Op.IDIV:
    case Op.BAND: case Op.BOR: case Op.BXOR: case Op.SHL: case Op.SHR:
      return `${a} ${b} ${c}`;
    case Op.UNM: case Op.BNOT: case Op.NOT: case Op.LEN: case Op.CONCAT: return `${a} ${b}`;
    case Op.CLOSE: case Op.TBC: return `${a}`;
    case Op.JMP: return `${GETARG_sJ(i)}\t; to ${GETARG_sJ(i) + pc + 2}`;
    case Op.EQ: case Op.LT: case Op.LE: return `${a} ${b} ${k}`;
    case Op.EQK: return `${a} ${b} ${k}\t; ${K(b)}`;
    case Op.EQI: case Op.LTI: case Op.LEI: case Op.GTI: case Op.GEI: return `${a} ${sb} ${k}`;
    case Op.TEST: return `${a} ${k}`;
    case Op.TESTSET: return `${a} ${b} ${k}`;
    case Op.CALL:
      return `${a} ${b} ${c}\t; ${b === 0 ? 'all in ' : `${b - 1} in `}${c === 0 ? 'all out' : `${c - 1} out`}`;
    case Op.TAILCALL: return `${a} ${b} ${c}${isk}\t; ${b - 1} in`;
    case Op.RETURN: return `${a} ${b} ${c}${isk}\t; ${b === 0 ? 'all out' : `${b - 1} out`}`;
    case Op.RETURN0: return '';
    case Op.RETURN1: return `${a}`;
    case Op.FORLOOP: return `${a} ${bx}\t; to ${pc - bx + 2}`;
    case Op.FORPREP: return `${a} ${bx}\t; exit to ${pc + bx + 3}`;
    case Op.TFORPREP: return `${a} ${bx}\t; to ${pc + bx + 2}`;
    case Op.TFORCALL: return `${a} ${c}`;
    case Op.TFORLOOP: return `${a} ${bx}\t; to ${pc - bx + 2}`;
    case Op.SETLIST: return `${a} ${b} ${c}${k ? `\t; ${c + extra() * (Instr.MAXARG_C + 1)}` : ''}`;
    case Op.CLOSURE: {
      const sub = p.p[bx];
      return `${a} ${bx}\t; ${sub !== undefined ? addr(sub) : '?'}`;
    }
    case Op.VARARG: return `${a} ${c}\t; ${c === 0 ? 'all out' : `${c - 1} out`}`;
    case Op.VARARGPREP: return `${a}`;
    case Op.EXTRAARG: return `${GETARG_Ax(i)}`;
    default: return '?';
  }
}

/** Listing of a prototype (and its nested functions) like `luac -l -l`. */
export function disassemble(p: Proto, options: DisasmOptions = {}): string {
  const opts: Required<DisasmOptions> = { full: options.full ?? true, nested: options.nested ?? true };
  return new Lister(opts).run(p, true);
}
