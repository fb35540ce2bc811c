/**
 * Loading binary chunks (the format is described in dump.ts; chunks in
 * PUC-Rio's format go to luac.ts) — and, above all, verifying them.
 *
 * The interpreter trusts its bytecode: it indexes constants, upvalues and
 * nested prototypes without bounds checks, reads the jump that follows a
 * test without looking at its opcode, assumes numeric-for state registers
 * hold what FORPREP put there, and so on. The compiler guarantees all of
 * that; a binary chunk can claim anything. So `undump` is the gate: a chunk
 * is either rejected with the reference's style of message
 * ("name: bad binary format (truncated chunk)") or yields prototypes that
 * satisfy every invariant the VM relies on. The checks come in three layers:
 *
 * 1. Framing (Reader, loadFunction): every length is bounded by the bytes
 *    that remain, so a forged count cannot cause a giant allocation; varints
 *    are bounded; nesting depth is bounded so recursion cannot exhaust the JS
 *    stack; enumerations (tags, booleans, upvalue kinds) are in range.
 * 2. Static checks (verify.ts, checkStatic): per instruction, from the OPERANDS table:
 *    valid opcode, registers < maxstacksize, constants in range and of the
 *    type the VM casts them to, upvalues in range, CLOSURE's proto index in
 *    range, EXTRAARG/JMP companions present, jump targets inside the code,
 *    last instruction a return, VARARGPREP/VARARG/vararg-return consistency.
 * 3. Data flow (verify.ts, checkFlow): an abstract interpretation over the control-flow
 *    graph proving, for every reachable instruction, that
 *    - every register it reads holds a Lua value (not a stale slot left by
 *      a callee frame or numeric-for internals, which are not valid values:
 *      e.g. a small bigint loop count);
 *    - B = 0 forms consume a top set by the instruction just before;
 *    - FORLOOP finds intact FORPREP state, SETLIST finds a table;
 *    - no open upvalue aliases numeric-for state or a SETLIST table (a
 *      callee could overwrite it through SETUPVAL).
 */

import { valueArray, type LuaValue } from '../value/value.js';
import { internShort } from '../value/intern.js';
import {
  CHECK_INT, CHECK_NUM, FLOAT_SIZE, FORMAT, GUARD, INSTRUCTION_SIZE, INTEGER_SIZE, LAYOUT, REVISION,
  SIGNATURE, VERSION,
} from './dump.js';
import { Proto, type LocVar, type UpvalDesc } from './proto.js';
import { MAX_SIZE, MAX_UNDUMP_NESTING } from '../value/limits.js';
import { Reader, chunkLabel, normFloat, normInt, upvalueDescs, type ChunkFormat } from './reader.js';
import { verifyTree } from './verify.js';
import { luacFormat } from './luac.js';

/** Smallest encoding of one nested function: every field present with its minimal size. */
const MIN_FUNC_BYTES = 12;

// ---------------------------------------------------------------------------
// Layer 1: framing

function checkLiteral(r: Reader, lit: string, why: string): void {
  if (r.bytes(lit.length) !== lit) r.error(why);
}

/** The format byte of PUC-Rio's chunks (LUAC_FORMAT, "the official format"). */
const PUC_FORMAT = 0;

/** Signature and version, common to both formats; returns the format byte. */
function checkSignature(r: Reader): number {
  r.pos = 1; // the first byte (ESC) was what made this a binary chunk
  checkLiteral(r, SIGNATURE.slice(1), 'not a binary chunk');
  if (r.byte() !== VERSION) r.error('version mismatch');
  return r.byte();
}

/** The rest of moonbox's header, after the format byte. */
function checkHeader(r: Reader): void {
  if (r.byte() !== REVISION) r.error('format mismatch');
  checkLiteral(r, GUARD, 'corrupted chunk');
  if (r.byte() !== INSTRUCTION_SIZE) r.error('Instruction size mismatch');
  for (const width of LAYOUT) if (r.byte() !== width) r.error('instruction layout mismatch');
  if (r.byte() !== INTEGER_SIZE) r.error('lua_Integer size mismatch');
  if (r.int64() !== CHECK_INT) r.error('integer format mismatch');
  if (r.byte() !== FLOAT_SIZE) r.error('lua_Number size mismatch');
  if (r.float64() !== CHECK_NUM) r.error('float format mismatch');
}

const CONSTANT_READERS: readonly ((r: Reader) => LuaValue)[] = [
  /* NIL */ () => undefined,
  /* FALSE */ () => false,
  /* TRUE */ () => true,
  /* INT */ (r) => normInt(r.int64()),
  /* FLOAT */ (r) => normFloat(r.float64()),
  /* STR */ (r) => internShort(r.str()),
];

function loadConstants(r: Reader): LuaValue[] {
  const n = r.count(1);
  const k = valueArray();
  for (let i = 0; i < n; i++) {
    const read = CONSTANT_READERS[r.byte()];
    if (read === undefined) r.error('bad constant tag');
    k.push(read(r));
  }
  return k;
}

function loadUpvalues(r: Reader): UpvalDesc[] {
  return upvalueDescs(r, r.count(3));
}

function loadCode(r: Reader): Int32Array {
  const n = r.count(4);
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) code[i] = r.int32();
  return code;
}

function loadDebug(r: Reader, p: Proto): void {
  const nlines = r.count(1);
  if (nlines !== 0 && nlines !== p.code.length) r.error('lineinfo size mismatch');
  p.lineinfo = new Int32Array(nlines);
  let line = p.linedefined;
  for (let i = 0; i < nlines; i++) {
    line += r.sint();
    if (line < 0 || line > MAX_SIZE) r.error('bad line number');
    p.lineinfo[i] = line;
  }
  const nloc = r.count(3);
  const locvars: LocVar[] = [];
  for (let i = 0; i < nloc; i++) {
    const varname = r.str();
    const startpc = r.uint();
    const endpc = r.uint();
    // getlocalname scans these ranges; keep them within the code
    if (startpc > endpc || endpc > p.code.length) r.error('bad local variable range');
    locvars.push({ varname, startpc, endpc });
  }
  p.locvars = locvars;
  const nnames = r.count(1);
  if (nnames !== 0 && nnames !== p.upvalues.length) r.error('upvalue names size mismatch');
  for (let i = 0; i < nnames; i++) p.upvalues[i].name = r.optstr();
}

function loadFunction(r: Reader, parentSource: string | undefined, depth: number): Proto {
  // Recursion here is bounded so forged nesting cannot overflow the JS stack.
  if (depth > MAX_UNDUMP_NESTING) r.error('function nesting too deep');
  const p = new Proto();
  p.source = r.optstr() ?? parentSource;
  p.linedefined = r.uint();
  p.lastlinedefined = r.uint();
  p.numparams = r.byte();
  p.isVararg = r.bool();
  p.maxstacksize = r.byte();
  p.code = loadCode(r);
  p.k = loadConstants(r);
  p.upvalues = loadUpvalues(r);
  const nprotos = r.count(MIN_FUNC_BYTES);
  for (let i = 0; i < nprotos; i++) p.p.push(loadFunction(r, p.source, depth + 1));
  loadDebug(r, p);
  return p;
}

/** The formats load accepts, by their format byte: the reference's (0, "official") and moonbox's. */
const FORMATS = new Map<number, ChunkFormat>([
  [PUC_FORMAT, luacFormat],
  [FORMAT, { checkHeader, loadMain: (r) => loadFunction(r, undefined, 0) }],
]);

/**
 * Load and verify a binary chunk. Throws LuaSyntaxError with a message in
 * the reference's style for anything malformed; never throws anything else.
 */
export function undump(chunk: string, chunkname: string): Proto {
  const r = new Reader(chunk, chunkLabel(chunkname));
  const format = FORMATS.get(checkSignature(r)) ?? r.error('format mismatch');
  format.checkHeader(r);
  const nupvalues = r.byte();
  const p = format.loadMain(r);
  if (p.upvalues.length !== nupvalues) r.error('corrupted chunk');
  // Trailing bytes are ignored, as the reference does.
  verifyTree(p, (why) => r.error(why));
  return p;
}
