/**
 * The parser (lparser.c): a recursive-descent parser for the complete Lua
 * 5.4 grammar that drives the code generator directly, one function
 * prototype per FuncState, with no syntax tree in between.
 *
 * Nesting is counted like the reference's C stack (LUAI_MAXCCALLS): every
 * statement and every sub-expression enters a level, and reaching the limit
 * raises "C stack overflow" long before the JS stack could overflow.
 */

import { Op, Instr } from '../bytecode/opcodes.js';
import type { Proto } from '../bytecode/proto.js';
import type { LuaValue } from '../value/value.js';
import { LuaFloat } from '../value/value.js';
import * as K from './code.js';
import { BinOpr, UnOpr, LUA_MULTRET } from './code.js';
import { ExpDesc, VK, NO_JUMP, hasmultret, vkisvar, vkisindexed } from './expdesc.js';
import { FuncState, Dyndata, VDK, type BlockCnt, type Labeldesc } from './funcstate.js';
import { Lexer, T } from './lexer.js';
import { LuaSyntaxError } from './syntax-error.js';
import { LUAI_MAXCCALLS, MAXUPVAL, MAXVARS } from '../value/limits.js';


/** Left and right priorities of binary operators (indexed by BinOpr). */
const PRIORITY_LEFT = [10, 10, 11, 11, 14, 11, 11, 6, 4, 5, 7, 7, 9, 3, 3, 3, 3, 3, 3, 2, 1];
const PRIORITY_RIGHT = [10, 10, 11, 11, 13, 11, 11, 6, 4, 5, 7, 7, 8, 3, 3, 3, 3, 3, 3, 2, 1];
/** Priority for unary operators. */
const UNARY_PRIORITY = 12;

/** Binary operator of each token (single chars by code, the rest from T). */
const BINOPR = new Map<number, BinOpr>([
  [43, BinOpr.ADD], [45, BinOpr.SUB], [42, BinOpr.MUL], [37, BinOpr.MOD], [94, BinOpr.POW],
  [47, BinOpr.DIV], [T.IDIV, BinOpr.IDIV], [38, BinOpr.BAND], [124, BinOpr.BOR],
  [126, BinOpr.BXOR], [T.SHL, BinOpr.SHL], [T.SHR, BinOpr.SHR], [T.CONCAT, BinOpr.CONCAT],
  [T.NE, BinOpr.NE], [T.EQ, BinOpr.EQ], [60, BinOpr.LT], [T.LE, BinOpr.LE],
  [62, BinOpr.GT], [T.GE, BinOpr.GE], [T.AND, BinOpr.AND], [T.OR, BinOpr.OR],
]);

const UNOPR = new Map<number, UnOpr>([
  [T.NOT, UnOpr.NOT], [45, UnOpr.MINUS], [126, UnOpr.BNOT], [35, UnOpr.LEN],
]);

/** Left-hand sides of a multiple assignment, linked from the last one. */
interface LHSAssign {
  prev: LHSAssign | undefined;
  v: ExpDesc;
}

/** State of a table constructor being read. */
interface ConsControl {
  /** Last list item read. */
  v: ExpDesc;
  /** Table descriptor. */
  t: ExpDesc;
  /** Total number of record elements. */
  nh: number;
  /** Number of array elements already stored. */
  na: number;
  /** Number of array elements pending to be stored. */
  tostore: number;
}

export class Parser {
  private readonly ls: Lexer;
  private readonly dyd = new Dyndata();
  private fs!: FuncState;
  /** Current nesting level (the reference's nCcalls). */
  private nCcalls: number;

  constructor(source: string, chunkname: string, cstackBase: number) {
    this.ls = new Lexer(source, chunkname);
    this.nCcalls = cstackBase;
  }

  // ---- helpers

  private get tok(): number {
    return this.ls.t.token;
  }

  private next(): void {
    this.ls.advance();
  }

  private enterlevel(): void {
    if (++this.nCcalls >= LUAI_MAXCCALLS) throw new LuaSyntaxError('C stack overflow');
  }

  private leavelevel(): void {
    this.nCcalls--;
  }

  private errorExpected(token: number): never {
    return this.ls.syntaxerror(`${this.ls.token2str(token)} expected`);
  }

  private errorlimit(limit: number, what: string): never {
    const line = this.fs.f.linedefined;
    const where = line === 0 ? 'main function' : `function at line ${line}`;
    return this.ls.syntaxerror(`too many ${what} (limit is ${limit}) in ${where}`);
  }

  private checklimit(v: number, l: number, what: string): void {
    if (v > l) this.errorlimit(l, what);
  }

  private testnext(c: number): boolean {
    if (this.tok === c) {
      this.next();
      return true;
    }
    return false;
  }

  private check(c: number): void {
    if (this.tok !== c) this.errorExpected(c);
  }

  private checknext(c: number): void {
    this.check(c);
    this.next();
  }

  /** Expect `what` closing `who` opened at line `where`. */
  private checkMatch(what: number, who: number, where: number): void {
    if (!this.testnext(what)) {
      if (where === this.ls.linenumber) this.errorExpected(what);
      this.ls.syntaxerror(
        `${this.ls.token2str(what)} expected (to close ${this.ls.token2str(who)} at line ${where})`);
    }
  }

  private strCheckname(): string {
    this.check(T.NAME);
    const name = this.ls.t.seminfo as string;
    this.next();
    return name;
  }

  private codestring(e: ExpDesc, s: string): void {
    e.init(VK.KSTR, 0);
    e.strval = s;
  }

  private codename(e: ExpDesc): void {
    this.codestring(e, this.strCheckname());
  }

  // ---- variables

  private registerlocalvar(name: string): number {
    const fs = this.fs;
    fs.f.locvars.push({ varname: name, startpc: fs.pc, endpc: 0 });
    return fs.ndebugvars++;
  }

  /** Create a new (not yet active) local variable; returns its index in the function. */
  private newLocalvar(name: string): number {
    const fs = this.fs;
    const dyd = this.dyd;
    this.checklimit(dyd.nactvar + 1 - fs.firstlocal, MAXVARS, 'local variables');
    dyd.actvar[dyd.nactvar++] = { kind: VDK.REG, ridx: 0, pidx: 0, name, k: undefined };
    return dyd.nactvar - 1 - fs.firstlocal;
  }

  /** Raise an error if `e` is a read-only variable. */
  private checkReadonly(e: ExpDesc): void {
    const fs = this.fs;
    let varname: string | undefined;
    switch (e.k) {
      case VK.CONST:
        varname = this.dyd.actvar[e.info]?.name;
        break;
      case VK.LOCAL: {
        const vd = fs.getlocalvardesc(e.vidx);
        if (vd.kind !== VDK.REG) varname = vd.name;
        break;
      }
      case VK.UPVAL: {
        const up = fs.f.upvalues[e.info];
        if (up !== undefined && up.kind !== VDK.REG) varname = up.name;
        break;
      }
      default:
        return;
    }
    if (varname !== undefined) this.ls.semerror(`attempt to assign to const variable '${varname}'`);
  }

  /** Activate the last `nvars` created variables: they get registers and debug entries. */
  private adjustlocalvars(nvars: number): void {
    const fs = this.fs;
    let reglevel = fs.nvarstack();
    for (let i = 0; i < nvars; i++) {
      const vidx = fs.nactvar++;
      const vd = fs.getlocalvardesc(vidx);
      vd.ridx = reglevel++;
      vd.pidx = this.registerlocalvar(vd.name);
    }
  }

  private searchupvalue(fs: FuncState, name: string): number {
    const ups = fs.f.upvalues;
    for (let i = 0; i < fs.nups; i++) if (ups[i]?.name === name) return i;
    return -1;
  }

  private allocupvalue(fs: FuncState): number {
    this.checklimitFs(fs, fs.nups + 1, MAXUPVAL, 'upvalues');
    fs.f.upvalues.push({ name: undefined, instack: false, idx: 0, kind: VDK.REG });
    return fs.nups++;
  }

  private checklimitFs(fs: FuncState, v: number, l: number, what: string): void {
    if (v > l) {
      const saved = this.fs;
      this.fs = fs;
      try {
        this.errorlimit(l, what);
      } finally {
        this.fs = saved;
      }
    }
  }

  private newupvalue(fs: FuncState, name: string, v: ExpDesc): number {
    const idx = this.allocupvalue(fs);
    const up = fs.f.upvalues[idx] as Proto['upvalues'][number];
    const prev = fs.prev as FuncState;
    if (v.k === VK.LOCAL) {
      up.instack = true;
      up.idx = v.ridx;
      up.kind = prev.getlocalvardesc(v.vidx).kind;
    } else {
      up.instack = false;
      up.idx = v.info;
      up.kind = (prev.f.upvalues[v.info] as Proto['upvalues'][number]).kind;
    }
    up.name = name;
    return idx;
  }

  /** Look for an active local variable named `n` in `fs`; returns the kind found or -1. */
  private searchvar(fs: FuncState, n: string, v: ExpDesc): number {
    for (let i = fs.nactvar - 1; i >= 0; i--) {
      const vd = fs.getlocalvardesc(i);
      if (vd.name === n) {
        if (vd.kind === VDK.CTC) v.init(VK.CONST, fs.firstlocal + i);
        else {
          v.init(VK.LOCAL, 0);
          v.vidx = i;
          v.ridx = vd.ridx;
        }
        return v.k;
      }
    }
    return -1;
  }

  /** Mark the block where variable at level `level` was defined (it is captured as an upvalue). */
  private markupval(fs: FuncState, level: number): void {
    let bl = fs.bl as BlockCnt;
    while (bl.nactvar > level) bl = bl.previous as BlockCnt;
    bl.upval = true;
    fs.needclose = true;
  }

  private marktobeclosed(fs: FuncState): void {
    const bl = fs.bl as BlockCnt;
    bl.upval = true;
    bl.insidetbc = true;
    fs.needclose = true;
  }

  /** Find variable `n` from function `fs` outwards: local, upvalue, or global (VOID). */
  private singlevaraux(fs: FuncState | undefined, n: string, v: ExpDesc, base: boolean): void {
    if (fs === undefined) {
      v.init(VK.VOID, 0); // default is global
      return;
    }
    const kind = this.searchvar(fs, n, v);
    if (kind >= 0) {
      if (kind === VK.LOCAL && !base) this.markupval(fs, v.vidx); // local will be used as an upvalue
      return;
    }
    let idx = this.searchupvalue(fs, n);
    if (idx < 0) {
      this.singlevaraux(fs.prev, n, v, false); // try upper levels
      if (v.k === VK.LOCAL || v.k === VK.UPVAL) idx = this.newupvalue(fs, n, v);
      else return; // a global or a constant: nothing to do at this level
    }
    v.init(VK.UPVAL, idx);
  }

  private singlevar(v: ExpDesc): void {
    const varname = this.strCheckname();
    const fs = this.fs;
    this.singlevaraux(fs, varname, v, true);
    if (v.k === VK.VOID) { // global name: _ENV[varname]
      const key = new ExpDesc();
      this.singlevaraux(fs, '_ENV', v, true);
      K.exp2anyregup(fs, v);
      this.codestring(key, varname);
      K.indexed(fs, v, key);
    }
  }

  /** Adjust the values of an assignment or local statement to `nvars` variables. */
  private adjustAssign(nvars: number, nexps: number, e: ExpDesc): void {
    const fs = this.fs;
    const needed = nvars - nexps;
    if (hasmultret(e.k)) {
      let extra = needed + 1; // discount the last expression itself
      if (extra < 0) extra = 0;
      K.setreturns(fs, e, extra);
    } else {
      if (e.k !== VK.VOID) K.exp2nextreg(fs, e);
      if (needed > 0) K.nil(fs, fs.freereg, needed);
    }
    if (needed > 0) K.reserveregs(fs, needed);
    else fs.freereg += needed; // remove extra values
  }

  // ---- labels and gotos

  private jumpscopeerror(gt: Labeldesc): never {
    const varname = this.fs.getlocalvardesc(gt.nactvar).name;
    return this.ls.semerror(
      `<goto ${gt.name}> at line ${gt.line} jumps into the scope of local '${varname}'`);
  }

  /** Resolve pending goto number `g` to `label`, removing it from the list. */
  private solvegoto(g: number, label: Labeldesc): void {
    const gl = this.dyd.gt;
    const gt = gl[g] as Labeldesc;
    if (gt.nactvar < label.nactvar) this.jumpscopeerror(gt); // enters the scope of a variable
    K.patchlist(this.fs, gt.pc, label.pc);
    gl.splice(g, 1);
  }

  private findlabel(name: string): Labeldesc | undefined {
    const labels = this.dyd.label;
    for (let i = this.fs.firstlabel; i < labels.length; i++) {
      const lb = labels[i] as Labeldesc;
      if (lb.name === name) return lb;
    }
    return undefined;
  }

  private newlabelentry(l: Labeldesc[], name: string, line: number, pc: number): number {
    l.push({ name, line, nactvar: this.fs.nactvar, close: false, pc });
    return l.length - 1;
  }

  private newgotoentry(name: string, line: number, pc: number): number {
    return this.newlabelentry(this.dyd.gt, name, line, pc);
  }

  /** Solve the block's pending gotos to label `lb`; true if some needs a CLOSE. */
  private solvegotos(lb: Labeldesc): boolean {
    const gl = this.dyd.gt;
    let i = (this.fs.bl as BlockCnt).firstgoto;
    let needsclose = false;
    while (i < gl.length) {
      const gt = gl[i] as Labeldesc;
      if (gt.name === lb.name) {
        needsclose = needsclose || gt.close;
        this.solvegoto(i, lb); // removes 'i' from the list
      } else {
        i++;
      }
    }
    return needsclose;
  }

  /** Create a label at the current position; `last`: it ends its block. */
  private createlabel(name: string, line: number, last: boolean): boolean {
    const fs = this.fs;
    const ll = this.dyd.label;
    const l = this.newlabelentry(ll, name, line, K.getlabel(fs));
    const lb = ll[l] as Labeldesc;
    if (last) lb.nactvar = (fs.bl as BlockCnt).nactvar; // locals are already out of scope
    if (this.solvegotos(lb)) {
      K.codeABC(fs, Op.CLOSE, fs.nvarstack(), 0, 0);
      return true;
    }
    return false;
  }

  /** Pending gotos of a block being left now belong to the enclosing block. */
  private movegotosout(fs: FuncState, bl: BlockCnt): void {
    const gl = this.dyd.gt;
    for (let i = bl.firstgoto; i < gl.length; i++) {
      const gt = gl[i] as Labeldesc;
      if (fs.reglevel(gt.nactvar) > fs.reglevel(bl.nactvar)) gt.close = gt.close || bl.upval;
      gt.nactvar = bl.nactvar;
    }
  }

  private enterblock(fs: FuncState, isloop: boolean): BlockCnt {
    const bl: BlockCnt = {
      isloop,
      nactvar: fs.nactvar,
      firstlabel: this.dyd.label.length,
      firstgoto: this.dyd.gt.length,
      upval: false,
      insidetbc: fs.bl !== undefined && fs.bl.insidetbc,
      previous: fs.bl,
    };
    fs.bl = bl;
    return bl;
  }

  private undefgoto(gt: Labeldesc): never {
    if (gt.name === 'break') return this.ls.semerror(`break outside loop at line ${gt.line}`);
    return this.ls.semerror(`no visible label '${gt.name}' for <goto> at line ${gt.line}`);
  }

  private leaveblock(fs: FuncState): void {
    const bl = fs.bl as BlockCnt;
    let hasclose = false;
    const stklevel = fs.reglevel(bl.nactvar); // level outside the block
    // The block's variables go out of scope before its 'break' label is
    // made, so that a CLOSE the label needs closes them (5.4.5's fix of
    // 5.4.4, where a 'break' out of a loop could leave them open).
    this.removevars(fs, bl.nactvar);
    if (bl.isloop) hasclose = this.createlabel('break', 0, false); // fix pending breaks
    if (!hasclose && bl.previous !== undefined && bl.upval) K.codeABC(fs, Op.CLOSE, stklevel, 0, 0);
    fs.freereg = stklevel;
    this.dyd.label.length = bl.firstlabel; // remove local labels
    fs.bl = bl.previous;
    if (bl.previous !== undefined) {
      this.movegotosout(fs, bl);
    } else if (bl.firstgoto < this.dyd.gt.length) {
      this.undefgoto(this.dyd.gt[bl.firstgoto] as Labeldesc);
    }
  }

  /** Close the scope of variables down to `tolevel`, ending their debug ranges. */
  private removevars(fs: FuncState, tolevel: number): void {
    const dyd = this.dyd;
    dyd.nactvar -= fs.nactvar - tolevel;
    while (fs.nactvar > tolevel) {
      const vd = fs.getlocalvardesc(--fs.nactvar);
      if (vd.kind !== VDK.CTC) { // constants have no debug entry
        const lv = fs.f.locvars[vd.pidx];
        if (lv !== undefined) lv.endpc = fs.pc;
      }
    }
  }

  // ---- functions

  private openFunc(linedefined: number): FuncState {
    const fs = new FuncState(this.fs as FuncState | undefined, this.ls, this.dyd);
    fs.f.source = this.ls.source;
    fs.f.linedefined = linedefined;
    fs.f.maxstacksize = 2; // registers 0/1 are always valid
    this.fs = fs;
    this.enterblock(fs, false);
    return fs;
  }

  private closeFunc(): Proto {
    const fs = this.fs;
    K.ret(fs, fs.nvarstack(), 0); // final return
    this.leaveblock(fs);
    K.finish(fs);
    const f = fs.f;
    f.code = Int32Array.from(fs.code);
    f.lineinfo = Int32Array.from(fs.lineinfo);
    if (fs.prev !== undefined) this.fs = fs.prev;
    return f;
  }

  private setvararg(fs: FuncState, nparams: number): void {
    fs.f.isVararg = true;
    K.codeABC(fs, Op.VARARGPREP, nparams, 0, 0);
  }

  /** Main chunk: a vararg function with the single upvalue _ENV. */
  mainfunc(): Proto {
    const fs = this.openFunc(0);
    this.setvararg(fs, 0);
    const env = fs.f.upvalues[this.allocupvalue(fs)] as Proto['upvalues'][number];
    env.instack = true;
    env.idx = 0;
    env.kind = VDK.REG;
    env.name = '_ENV';
    this.next(); // read first token
    this.statlist();
    this.check(T.EOS);
    return this.closeFunc();
  }

  // ---- statements

  private blockFollow(withuntil: boolean): boolean {
    switch (this.tok) {
      case T.ELSE: case T.ELSEIF: case T.END: case T.EOS:
        return true;
      case T.UNTIL:
        return withuntil;
      default:
        return false;
    }
  }

  private statlist(): void {
    while (!this.blockFollow(true)) {
      if (this.tok === T.RETURN) {
        this.statement();
        return; // 'return' must be the last statement
      }
      this.statement();
    }
  }

  private fieldsel(v: ExpDesc): void {
    const fs = this.fs;
    const key = new ExpDesc();
    K.exp2anyregup(fs, v);
    this.next(); // skip the dot or colon
    this.codename(key);
    K.indexed(fs, v, key);
  }

  private yindex(v: ExpDesc): void {
    this.next(); // skip the '['
    this.expr(v);
    K.exp2val(this.fs, v);
    this.checknext(93); // ']'
  }

  private recfield(cc: ConsControl): void {
    const fs = this.fs;
    const reg = fs.freereg;
    const key = new ExpDesc();
    const val = new ExpDesc();
    if (this.tok === T.NAME) this.codename(key);
    else this.yindex(key); // '['
    cc.nh++;
    this.checknext(61); // '='
    const tab = cc.t.clone();
    K.indexed(fs, tab, key);
    this.expr(val);
    K.storevar(fs, tab, val);
    fs.freereg = reg; // free registers
  }

  private closelistfield(cc: ConsControl): void {
    if (cc.v.k === VK.VOID) return; // there is no list item
    const fs = this.fs;
    K.exp2nextreg(fs, cc.v);
    cc.v.k = VK.VOID;
    if (cc.tostore === Instr.LFIELDS_PER_FLUSH) {
      K.setlist(fs, cc.t.info, cc.na, cc.tostore); // flush
      cc.na += cc.tostore;
      cc.tostore = 0;
    }
  }

  private lastlistfield(cc: ConsControl): void {
    if (cc.tostore === 0) return;
    const fs = this.fs;
    if (hasmultret(cc.v.k)) {
      K.setmultret(fs, cc.v);
      K.setlist(fs, cc.t.info, cc.na, LUA_MULTRET);
      cc.na--; // do not count the last expression (unknown number of elements)
    } else {
      if (cc.v.k !== VK.VOID) K.exp2nextreg(fs, cc.v);
      K.setlist(fs, cc.t.info, cc.na, cc.tostore);
    }
    cc.na += cc.tostore;
  }

  private field(cc: ConsControl): void {
    switch (this.tok) {
      case T.NAME: // may be a list item or a record field
        if (this.ls.lookahead() !== 61) this.listfield(cc);
        else this.recfield(cc);
        break;
      case 91: // '['
        this.recfield(cc);
        break;
      default:
        this.listfield(cc);
        break;
    }
  }

  private listfield(cc: ConsControl): void {
    this.expr(cc.v);
    cc.tostore++;
  }

  private constructor_(t: ExpDesc): void {
    const fs = this.fs;
    const line = this.ls.linenumber;
    const pc = K.codeABC(fs, Op.NEWTABLE, 0, 0, 0);
    K.code(fs, 0); // space for the extra argument
    const cc: ConsControl = { v: new ExpDesc(), t, nh: 0, na: 0, tostore: 0 };
    t.init(VK.NONRELOC, fs.freereg); // table will be at the stack top
    K.reserveregs(fs, 1);
    this.checknext(123); // '{'
    do {
      if (this.tok === 125) break; // '}'
      this.closelistfield(cc);
      this.field(cc);
    } while (this.testnext(44) || this.testnext(59)); // ',' or ';'
    this.checkMatch(125, 123, line);
    this.lastlistfield(cc);
    K.settablesize(fs, pc, t.info, cc.na, cc.nh);
  }

  private parlist(): void {
    const fs = this.fs;
    const f = fs.f;
    let nparams = 0;
    let isvararg = false;
    if (this.tok !== 41) { // ')'
      do {
        switch (this.tok) {
          case T.NAME:
            this.newLocalvar(this.strCheckname());
            nparams++;
            break;
          case T.DOTS:
            this.next();
            isvararg = true;
            break;
          default:
            this.ls.syntaxerror("<name> or '...' expected");
        }
      } while (!isvararg && this.testnext(44));
    }
    this.adjustlocalvars(nparams);
    f.numparams = fs.nactvar;
    if (isvararg) this.setvararg(fs, f.numparams);
    K.reserveregs(fs, fs.nactvar); // reserve registers for parameters
  }

  /** Function body: parameters and block; leaves the closure in the next register of the enclosing function. */
  private body(e: ExpDesc, ismethod: boolean, line: number): void {
    const parent = this.fs;
    const nfs = this.openFunc(line);
    if (ismethod) {
      this.newLocalvar('self');
      this.adjustlocalvars(1);
    }
    this.checknext(40); // '('
    this.parlist();
    this.checknext(41); // ')'
    this.statlist();
    nfs.f.lastlinedefined = this.ls.linenumber;
    this.checkMatch(T.END, T.FUNCTION, line);
    // codeclosure: the CLOSURE instruction belongs to the enclosing function
    parent.f.p.push(nfs.f);
    e.init(VK.RELOC, K.codeABx(parent, Op.CLOSURE, 0, parent.f.p.length - 1));
    K.exp2nextreg(parent, e);
    this.closeFunc();
  }

  private explist(v: ExpDesc): number {
    let n = 1;
    this.expr(v);
    while (this.testnext(44)) { // ','
      K.exp2nextreg(this.fs, v);
      this.expr(v);
      n++;
    }
    return n;
  }

  private funcargs(f: ExpDesc, line: number): void {
    const fs = this.fs;
    const args = new ExpDesc();
    switch (this.tok) {
      case 40: { // '('
        this.next();
        if ((this.tok as number) === 41) args.k = VK.VOID; // empty argument list
        else {
          this.explist(args);
          if (hasmultret(args.k)) K.setmultret(fs, args);
        }
        this.checkMatch(41, 40, line);
        break;
      }
      case 123: // '{'
        this.constructor_(args);
        break;
      case T.STRING:
        this.codestring(args, this.ls.t.seminfo as string);
        this.next();
        break;
      default:
        this.ls.syntaxerror('function arguments expected');
    }
    const base = f.info; // base register for the call
    let nparams: number;
    if (hasmultret(args.k)) nparams = LUA_MULTRET; // open call
    else {
      if (args.k !== VK.VOID) K.exp2nextreg(fs, args); // close last argument
      nparams = fs.freereg - (base + 1);
    }
    f.init(VK.CALL, K.codeABC(fs, Op.CALL, base, nparams + 1, 2));
    K.fixline(fs, line);
    fs.freereg = base + 1; // the call leaves one result (unless changed later)
  }

  // ---- expressions

  private primaryexp(v: ExpDesc): void {
    switch (this.tok) {
      case 40: { // '('
        const line = this.ls.linenumber;
        this.next();
        this.expr(v);
        this.checkMatch(41, 40, line);
        K.dischargevars(this.fs, v);
        return;
      }
      case T.NAME:
        this.singlevar(v);
        return;
      default:
        this.ls.syntaxerror('unexpected symbol');
    }
  }

  private suffixedexp(v: ExpDesc): void {
    const fs = this.fs;
    const line = this.ls.linenumber;
    this.primaryexp(v);
    for (;;) {
      switch (this.tok) {
        case 46: // '.'
          this.fieldsel(v);
          break;
        case 91: { // '['
          const key = new ExpDesc();
          K.exp2anyregup(fs, v);
          this.yindex(key);
          K.indexed(fs, v, key);
          break;
        }
        case 58: { // ':'
          const key = new ExpDesc();
          this.next();
          this.codename(key);
          K.self(fs, v, key);
          this.funcargs(v, line);
          break;
        }
        case 40: case T.STRING: case 123: // funcargs
          K.exp2nextreg(fs, v);
          this.funcargs(v, line);
          break;
        default:
          return;
      }
    }
  }

  private simpleexp(v: ExpDesc): void {
    const t = this.ls.t;
    switch (t.token) {
      case T.FLT: {
        const n = t.seminfo as number | LuaFloat;
        v.init(VK.KFLT, 0);
        v.nval = n instanceof LuaFloat ? n.n : n;
        break;
      }
      case T.INT:
        v.init(VK.KINT, 0);
        v.ival = t.seminfo as number | bigint;
        break;
      case T.STRING:
        this.codestring(v, t.seminfo as string);
        break;
      case T.NIL: v.init(VK.NIL, 0); break;
      case T.TRUE: v.init(VK.TRUE, 0); break;
      case T.FALSE: v.init(VK.FALSE, 0); break;
      case T.DOTS: {
        const fs = this.fs;
        if (!fs.f.isVararg) this.ls.syntaxerror("cannot use '...' outside a vararg function");
        v.init(VK.VARARG, K.codeABC(fs, Op.VARARG, 0, 0, 1));
        break;
      }
      case 123: // '{'
        this.constructor_(v);
        return;
      case T.FUNCTION:
        this.next();
        this.body(v, false, this.ls.linenumber);
        return;
      default:
        this.suffixedexp(v);
        return;
    }
    this.next();
  }

  /**
   * subexpr -> (simpleexp | unop subexpr) { binop subexpr }, where binop is
   * any binary operator with a priority higher than `limit`. Returns the
   * first operator not handled.
   */
  private subexpr(v: ExpDesc, limit: number): BinOpr {
    this.enterlevel();
    const uop = UNOPR.get(this.tok);
    if (uop !== undefined) {
      const line = this.ls.linenumber;
      this.next();
      this.subexpr(v, UNARY_PRIORITY);
      K.prefix(this.fs, uop, v, line);
    } else {
      this.simpleexp(v);
    }
    let op = BINOPR.get(this.tok) ?? BinOpr.NOBINOPR;
    while (op !== BinOpr.NOBINOPR && (PRIORITY_LEFT[op] as number) > limit) {
      const v2 = new ExpDesc();
      const line = this.ls.linenumber;
      this.next();
      K.infix(this.fs, op, v);
      const nextop = this.subexpr(v2, PRIORITY_RIGHT[op] as number);
      K.posfix(this.fs, op, v, v2, line);
      op = nextop;
    }
    this.leavelevel();
    return op;
  }

  private expr(v: ExpDesc): void {
    this.subexpr(v, 0);
  }

  // ---- rules for statements

  private block(): void {
    const fs = this.fs;
    this.enterblock(fs, false);
    this.statlist();
    this.leaveblock(fs);
  }

  /**
   * If a local being assigned in a multiple assignment is used as table or
   * key by a previous target, the previous target uses a copy of it made
   * before the assignments.
   */
  private checkConflict(lh: LHSAssign | undefined, v: ExpDesc): void {
    const fs = this.fs;
    const extra = fs.freereg; // eventual position to save the local variable
    let conflict = false;
    for (; lh !== undefined; lh = lh.prev) {
      const lv = lh.v;
      if (!vkisindexed(lv.k)) continue;
      if (lv.k === VK.INDEXUP) { // table is an upvalue
        if (v.k === VK.UPVAL && lv.indT === v.info) {
          conflict = true; // table is the upvalue being assigned now
          lv.k = VK.INDEXSTR;
          lv.indT = extra;
        }
      } else { // table is a register
        if (v.k === VK.LOCAL && lv.indT === v.ridx) {
          conflict = true; // table is the local being assigned now
          lv.indT = extra;
        }
        if (lv.k === VK.INDEXED && v.k === VK.LOCAL && lv.indIdx === v.ridx) {
          conflict = true; // index is the local being assigned
          lv.indIdx = extra;
        }
      }
    }
    if (conflict) {
      if (v.k === VK.LOCAL) K.codeABC(fs, Op.MOVE, extra, v.ridx, 0);
      else K.codeABC(fs, Op.GETUPVAL, extra, v.info, 0);
      K.reserveregs(fs, 1);
    }
  }

  private restassign(lh: LHSAssign, nvars: number): void {
    const e = new ExpDesc();
    if (!vkisvar(lh.v.k)) this.ls.syntaxerror('syntax error');
    this.checkReadonly(lh.v);
    if (this.testnext(44)) { // ',' suffixedexp restassign
      const nv: LHSAssign = { prev: lh, v: new ExpDesc() };
      this.suffixedexp(nv.v);
      if (!vkisindexed(nv.v.k)) this.checkConflict(lh, nv.v);
      this.enterlevel(); // control recursion depth
      this.restassign(nv, nvars + 1);
      this.leavelevel();
    } else { // '=' explist
      this.checknext(61);
      const nexps = this.explist(e);
      if (nexps !== nvars) {
        this.adjustAssign(nvars, nexps, e);
      } else {
        K.setoneret(this.fs, e); // close last expression
        K.storevar(this.fs, lh.v, e);
        return; // avoid default
      }
    }
    e.init(VK.NONRELOC, this.fs.freereg - 1); // default assignment
    K.storevar(this.fs, lh.v, e);
  }

  private cond(): number {
    const v = new ExpDesc();
    this.expr(v);
    if (v.k === VK.NIL) v.k = VK.FALSE; // 'falses' are all equal here
    K.goiftrue(this.fs, v);
    return v.f;
  }

  private gotostat(): void {
    const fs = this.fs;
    const line = this.ls.linenumber;
    const name = this.strCheckname();
    const lb = this.findlabel(name);
    if (lb === undefined) {
      // forward jump; will be resolved when the label is declared
      this.newgotoentry(name, line, K.jump(fs));
    } else {
      // backward jump; will be resolved here
      const lblevel = fs.reglevel(lb.nactvar);
      if (fs.nvarstack() > lblevel) K.codeABC(fs, Op.CLOSE, lblevel, 0, 0); // leaving a variable's scope
      K.patchlist(fs, K.jump(fs), lb.pc);
    }
  }

  private breakstat(): void {
    const line = this.ls.linenumber;
    this.next(); // skip break
    this.newgotoentry('break', line, K.jump(this.fs));
  }

  private checkrepeated(name: string): void {
    const lb = this.findlabel(name);
    if (lb !== undefined) this.ls.semerror(`label '${name}' already defined on line ${lb.line}`);
  }

  private labelstat(name: string, line: number): void {
    this.checknext(T.DBCOLON);
    while (this.tok === 59 || this.tok === T.DBCOLON) this.statement(); // skip other no-op statements
    this.checkrepeated(name);
    this.createlabel(name, line, this.blockFollow(false));
  }

  private whilestat(line: number): void {
    const fs = this.fs;
    this.next(); // skip WHILE
    const whileinit = K.getlabel(fs);
    const condexit = this.cond();
    this.enterblock(fs, true);
    this.checknext(T.DO);
    this.block();
    K.jumpto(fs, whileinit);
    this.checkMatch(T.END, T.WHILE, line);
    this.leaveblock(fs);
    K.patchtohere(fs, condexit); // false conditions finish the loop
  }

  private repeatstat(line: number): void {
    const fs = this.fs;
    const repeatInit = K.getlabel(fs);
    this.enterblock(fs, true); // loop block
    const bl2 = this.enterblock(fs, false); // scope block
    this.next(); // skip REPEAT
    this.statlist();
    this.checkMatch(T.UNTIL, T.REPEAT, line);
    let condexit = this.cond(); // read condition (inside the scope block)
    this.leaveblock(fs); // finish scope
    if (bl2.upval) { // upvalues?
      const exit = K.jump(fs); // normal exit must jump over fix
      K.patchtohere(fs, condexit); // repetition must close upvalues
      K.codeABC(fs, Op.CLOSE, fs.reglevel(bl2.nactvar), 0, 0);
      condexit = K.jump(fs); // repeat after closing upvalues
      K.patchtohere(fs, exit); // normal exit comes to here
    }
    K.patchlist(fs, condexit, repeatInit); // close the loop
    this.leaveblock(fs); // finish loop
  }

  /** Read an expression and put its value in the next register. */
  private exp1(): void {
    const e = new ExpDesc();
    this.expr(e);
    K.exp2nextreg(this.fs, e);
  }

  /** Fix a FORPREP/FORLOOP jump (they use unsigned Bx offsets). */
  private fixforjump(pc: number, dest: number, back: boolean): void {
    const fs = this.fs;
    let offset = dest - (pc + 1);
    if (back) offset = -offset;
    if (offset > Instr.MAXARG_Bx) this.ls.syntaxerror('control structure too long');
    fs.code[pc] = K.setBx(fs.code[pc] as number, offset);
  }

  private forbody(base: number, line: number, nvars: number, isgen: boolean): void {
    const fs = this.fs;
    this.checknext(T.DO);
    const prep = K.codeABx(fs, isgen ? Op.TFORPREP : Op.FORPREP, base, 0);
    this.enterblock(fs, false); // scope for declared variables
    this.adjustlocalvars(nvars);
    K.reserveregs(fs, nvars);
    this.block();
    this.leaveblock(fs); // end of scope for declared variables
    this.fixforjump(prep, K.getlabel(fs), false);
    if (isgen) {
      K.codeABC(fs, Op.TFORCALL, base, 0, nvars);
      K.fixline(fs, line);
    }
    const endfor = K.codeABx(fs, isgen ? Op.TFORLOOP : Op.FORLOOP, base, 0);
    this.fixforjump(endfor, prep + 1, true);
    K.fixline(fs, line);
  }

  private fornum(varname: string, line: number): void {
    const fs = this.fs;
    const base = fs.freereg;
    this.newLocalvar('(for state)');
    this.newLocalvar('(for state)');
    this.newLocalvar('(for state)');
    this.newLocalvar(varname);
    this.checknext(61); // '='
    this.exp1(); // initial value
    this.checknext(44); // ','
    this.exp1(); // limit
    if (this.testnext(44)) this.exp1(); // optional step
    else { // default step = 1
      K.int(fs, fs.freereg, 1);
      K.reserveregs(fs, 1);
    }
    this.adjustlocalvars(3); // control variables
    this.forbody(base, line, 1, false);
  }

  private forlist(indexname: string): void {
    const fs = this.fs;
    const e = new ExpDesc();
    let nvars = 5; // gen, state, control, toclose, 'indexname'
    const base = fs.freereg;
    // create control variables
    this.newLocalvar('(for state)');
    this.newLocalvar('(for state)');
    this.newLocalvar('(for state)');
    this.newLocalvar('(for state)');
    // create declared variables
    this.newLocalvar(indexname);
    while (this.testnext(44)) {
      this.newLocalvar(this.strCheckname());
      nvars++;
    }
    this.checknext(T.IN);
    const line = this.ls.linenumber;
    this.adjustAssign(4, this.explist(e), e);
    this.adjustlocalvars(4); // control variables
    this.marktobeclosed(fs); // last control variable must be closed
    K.checkstack(fs, 3); // extra space to call the generator
    this.forbody(base, line, nvars - 4, true);
  }

  private forstat(line: number): void {
    const fs = this.fs;
    this.enterblock(fs, true); // scope for loop and control variables
    this.next(); // skip 'for'
    const varname = this.strCheckname();
    switch (this.tok) {
      case 61: this.fornum(varname, line); break;
      case 44: case T.IN: this.forlist(varname); break;
      default: this.ls.syntaxerror("'=' or 'in' expected");
    }
    this.checkMatch(T.END, T.FOR, line);
    this.leaveblock(fs); // loop scope ('break' jumps to this point)
  }

  /** [IF | ELSEIF] cond THEN block; returns the updated escape list. */
  private testThenBlock(escapelist: number): number {
    const fs = this.fs;
    const v = new ExpDesc();
    let jf: number; // instruction to skip 'then' code (if condition is false)
    this.next(); // skip IF or ELSEIF
    this.expr(v);
    this.checknext(T.THEN);
    if (this.tok === T.BREAK) { // 'if x then break'
      const line = this.ls.linenumber;
      K.goiffalse(fs, v); // will jump if condition is true
      this.next(); // skip 'break'
      this.enterblock(fs, false); // must enter block before 'goto'
      this.newgotoentry('break', line, v.t);
      while (this.testnext(59)) { /* skip semicolons */ }
      if (this.blockFollow(false)) { // jump is the entire block?
        this.leaveblock(fs);
        return escapelist;
      }
      jf = K.jump(fs); // must skip over 'then' part if condition is false
    } else { // regular case (not a break)
      K.goiftrue(fs, v); // skip over block if condition is false
      this.enterblock(fs, false);
      jf = v.f;
    }
    this.statlist(); // 'then' part
    this.leaveblock(fs);
    if (this.tok === T.ELSE || this.tok === T.ELSEIF) {
      escapelist = K.concat(fs, escapelist, K.jump(fs)); // must jump over it
    }
    K.patchtohere(fs, jf);
    return escapelist;
  }

  private ifstat(line: number): void {
    let escapelist = this.testThenBlock(NO_JUMP); // IF cond THEN block
    while (this.tok === T.ELSEIF) escapelist = this.testThenBlock(escapelist);
    if (this.testnext(T.ELSE)) this.block();
    this.checkMatch(T.END, T.IF, line);
    K.patchtohere(this.fs, escapelist); // patch escape list to 'if' end
  }

  private localfunc(): void {
    const fs = this.fs;
    const b = new ExpDesc();
    const fvar = fs.nactvar; // function's variable index
    this.newLocalvar(this.strCheckname());
    this.adjustlocalvars(1); // enter its scope
    this.body(b, false, this.ls.linenumber);
    // debug information will only see the variable after this point
    const lv = fs.f.locvars[fs.getlocalvardesc(fvar).pidx];
    if (lv !== undefined) lv.startpc = fs.pc;
  }

  private getlocalattribute(): VDK {
    if (this.testnext(60)) { // '<'
      const attr = this.strCheckname();
      this.checknext(62); // '>'
      if (attr === 'const') return VDK.CONST;
      if (attr === 'close') return VDK.TOCLOSE;
      this.ls.semerror(`unknown attribute '${attr}'`);
    }
    return VDK.REG;
  }

  private checktoclose(level: number): void {
    if (level !== -1) { // is there a to-be-closed variable?
      const fs = this.fs;
      this.marktobeclosed(fs);
      K.codeABC(fs, Op.TBC, fs.reglevel(level), 0, 0);
    }
  }

  private localstat(): void {
    const fs = this.fs;
    let toclose = -1; // index of the to-be-closed variable (if any)
    let vidx: number;
    let nvars = 0;
    let nexps: number;
    const e = new ExpDesc();
    do {
      vidx = this.newLocalvar(this.strCheckname());
      const kind = this.getlocalattribute();
      fs.getlocalvardesc(vidx).kind = kind;
      if (kind === VDK.TOCLOSE) {
        if (toclose !== -1) this.ls.semerror('multiple to-be-closed variables in local list');
        toclose = fs.nactvar + nvars;
      }
      nvars++;
    } while (this.testnext(44));
    if (this.testnext(61)) nexps = this.explist(e);
    else {
      e.k = VK.VOID;
      nexps = 0;
    }
    const vd = fs.getlocalvardesc(vidx); // last variable
    if (nvars === nexps && vd.kind === VDK.CONST) {
      const c = K.exp2const(fs, e);
      if (c.ok) { // compile-time constant
        vd.kind = VDK.CTC;
        vd.k = c.v as LuaValue;
        this.adjustlocalvars(nvars - 1); // exclude the last variable
        fs.nactvar++; // but count it
        this.checktoclose(toclose);
        return;
      }
    }
    this.adjustAssign(nvars, nexps, e);
    this.adjustlocalvars(nvars);
    this.checktoclose(toclose);
  }

  private funcname(v: ExpDesc): boolean {
    let ismethod = false;
    this.singlevar(v);
    while (this.tok === 46) this.fieldsel(v); // '.'
    if (this.tok === 58) { // ':'
      ismethod = true;
      this.fieldsel(v);
    }
    return ismethod;
  }

  private funcstat(line: number): void {
    const v = new ExpDesc();
    const b = new ExpDesc();
    this.next(); // skip FUNCTION
    const ismethod = this.funcname(v);
    this.body(b, ismethod, line);
    this.checkReadonly(v);
    K.storevar(this.fs, v, b);
    K.fixline(this.fs, line); // definition "happens" in the first line
  }

  private exprstat(): void {
    const fs = this.fs;
    const v: LHSAssign = { prev: undefined, v: new ExpDesc() };
    this.suffixedexp(v.v);
    if (this.tok === 61 || this.tok === 44) { // assignment
      this.restassign(v, 1);
    } else { // function call
      if (v.v.k !== VK.CALL) this.ls.syntaxerror('syntax error');
      fs.code[v.v.info] = K.setC(fs.code[v.v.info] as number, 1); // call statement uses no results
    }
  }

  private retstat(): void {
    const fs = this.fs;
    const e = new ExpDesc();
    let nret: number;
    let first = fs.nvarstack(); // first slot to be returned
    if (this.blockFollow(true) || this.tok === 59) {
      nret = 0; // return no values
    } else {
      nret = this.explist(e);
      if (hasmultret(e.k)) {
        K.setmultret(fs, e);
        if (e.k === VK.CALL && nret === 1 && !(fs.bl as BlockCnt).insidetbc) { // tail call
          const i = fs.code[e.info] as number;
          fs.code[e.info] = (i & ~0x7f) | Op.TAILCALL;
        }
        nret = LUA_MULTRET;
      } else if (nret === 1) {
        first = K.exp2anyreg(fs, e); // can use the original slot
      } else {
        K.exp2nextreg(fs, e); // values must go to the stack
        first = fs.nvarstack();
      }
    }
    K.ret(fs, first, nret);
    this.testnext(59); // skip optional semicolon
  }

  private statement(): void {
    const line = this.ls.linenumber; // may be needed for error messages
    this.enterlevel();
    switch (this.tok) {
      case 59: // ';': empty statement
        this.next();
        break;
      case T.IF: this.ifstat(line); break;
      case T.WHILE: this.whilestat(line); break;
      case T.DO:
        this.next();
        this.block();
        this.checkMatch(T.END, T.DO, line);
        break;
      case T.FOR: this.forstat(line); break;
      case T.REPEAT: this.repeatstat(line); break;
      case T.FUNCTION: this.funcstat(line); break;
      case T.LOCAL:
        this.next();
        if (this.testnext(T.FUNCTION)) this.localfunc();
        else this.localstat();
        break;
      case T.DBCOLON:
        this.next();
        this.labelstat(this.strCheckname(), line);
        break;
      case T.RETURN:
        this.next();
        this.retstat();
        break;
      case T.BREAK: this.breakstat(); break;
      case T.GOTO:
        this.next();
        this.gotostat();
        break;
      default: this.exprstat(); break;
    }
    const fs = this.fs;
    fs.freereg = fs.nvarstack(); // free registers
    this.leavelevel();
  }
}
