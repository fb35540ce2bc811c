/**
 * The os library (the reference's loslib.c). Everything outside the state
 * (clocks, time zone, files, environment, exit) goes through the Platform.
 */

import { F2I, normInt, tointeger, type LuaInteger } from '../value/number.js';
import { isFalse, mkfloat, type LuaValue } from '../value/value.js';
import { closeState } from '../vm/create.js';
import type { HostFn } from '../vm/function.js';
import { index, setindex } from '../vm/operations.js';
import type { LuaState } from '../vm/state.js';
import { LuaTable } from '../vm/table.js';
import { argError, checkInteger, checkOption, checkString, checkTable, luaError, optString, ret, newString } from './args.js';
import { newLib, type LibTable } from './register.js';
import { breakdown, conversionLength, strftime, wallSeconds, type Tm } from './os/calendar.js';
import { drainAll } from './io/stream.js';
import { PlatformError, platformOf, type Platform, type ProcessStatus, type ZoneInfo } from './platform-interface.js';

const GMT: ZoneInfo = { offset: 0, isdst: false, name: 'GMT' };
const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** luaL_fileresult: true, or nil + "name: message" + errno. */
export function fileResult(L: LuaState, e: unknown, name: string | undefined): number {
  if (e === undefined) return ret(L, true);
  const msg = e instanceof Error ? e.message : String(e);
  const errno = e instanceof PlatformError ? e.errno : 0;
  return ret(L, undefined, name === undefined ? msg : `${name}: ${msg}`, errno);
}

/** Run a platform operation; returns the error it threw, or undefined. */
export function attempt(f: () => void): unknown {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof PlatformError) return e;
    throw e;
  }
}

/** luaL_execresult: how a command ended, as os.execute and pipe:close report it. */
export function execResult(L: LuaState, st: ProcessStatus): number {
  if (st.kind === 'exit' && st.code === 0) return ret(L, true, 'exit', 0);
  return ret(L, undefined, st.kind, st.code);
}

// ---------------------------------------------------------------------------
// Time

/** l_checktime: an integer argument (time_t is 64-bit, so every integer fits). */
function checkTime(L: LuaState, base: number, nargs: number, arg: number): LuaInteger {
  return checkInteger(L, base, nargs, arg);
}

function localZone(p: Platform, t: number | bigint): ZoneInfo {
  return p.zone(Number(t));
}

/** getfield: an int field of the date table, `delta` removed, with 5.4's range checks. */
function getField(L: LuaState, t: LuaTable, key: string, d: number, delta: number): number {
  const v = index(L, t, key, undefined);
  const res = tointeger(v, F2I.EQ);
  if (res === undefined) {
    if (v !== undefined) return luaError(L, `field '${key}' is not an integer`);
    if (d < 0) return luaError(L, `field '${key}' missing in date table`);
    return d;
  }
  const r = BigInt(res);
  const ok = r >= 0n ? r - BigInt(delta) <= BigInt(INT_MAX) : BigInt(INT_MIN + delta) <= r;
  if (!ok) return luaError(L, `field '${key}' is out-of-bound`);
  return Number(r) - delta;
}

/** getboolfield: undefined when the field is nil (mktime decides). */
function getBoolField(L: LuaState, t: LuaTable, key: string): boolean | undefined {
  const v = index(L, t, key, undefined);
  return v === undefined ? undefined : !isFalse(v);
}

/** setallfields: write a broken-down time into a table (through __newindex, as lua_setfield). */
function setAllFields(L: LuaState, t: LuaTable, tm: Tm): void {
  const fields: [string, LuaValue][] = [
    ['year', tm.year], ['month', tm.month], ['day', tm.day], ['hour', tm.hour], ['min', tm.min], ['sec', tm.sec],
    ['yday', tm.yday + 1], ['wday', tm.wday + 1], ['isdst', tm.isdst],
  ];
  for (const [k, v] of fields) setindex(L, t, k, v, undefined);
}

/** mktime: local fields to a time, normalizing them; undefined if not representable. */
function mktime(p: Platform, f: number[], isdst: boolean | undefined): bigint | undefined {
  const wall = wallSeconds(f[0] + 1900, f[1], f[2], f[3], f[4], f[5]);
  let t = wall - BigInt(localZone(p, wall).offset);
  const zone = localZone(p, t);
  t = wall - BigInt(zone.offset);
  // glibc honours an explicit isdst that disagrees with the zone by shifting one hour.
  if (isdst !== undefined && isdst !== zone.isdst) t += isdst ? -3600n : 3600n;
  return breakdown(t, localZone(p, t)) === undefined ? undefined : t;
}

const time: HostFn = (L, base, nargs) => {
  const p = platformOf(L);
  if (nargs < 1 || L.stack[base] === undefined) return ret(L, Math.floor(p.time()));
  const tbl = checkTable(L, base, nargs, 1);
  const f = [
    getField(L, tbl, 'year', -1, 1900), getField(L, tbl, 'month', -1, 1), getField(L, tbl, 'day', -1, 0),
    getField(L, tbl, 'hour', 12, 0), getField(L, tbl, 'min', 0, 0), getField(L, tbl, 'sec', 0, 0),
  ];
  const t = mktime(p, f, getBoolField(L, tbl, 'isdst'));
  if (t === undefined || t === -1n) {
    return luaError(L, 'time result cannot be represented in this installation');
  }
  setAllFields(L, tbl, breakdown(t, localZone(p, t))!);
  return ret(L, normInt(t));
};

/** The broken-down time os.date shows, or an error when C's tm cannot hold it. */
function dateTm(L: LuaState, t: LuaInteger, utc: boolean): Tm {
  const tm = breakdown(t, utc ? GMT : localZone(platformOf(L), t));
  if (tm === undefined) return luaError(L, 'date result cannot be represented in this installation');
  return tm;
}

/** Check every conversion first, as the reference does while formatting. */
function checkFormat(L: LuaState, fmt: string): void {
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') continue;
    const len = conversionLength(fmt, i + 1);
    if (len === 0) argError(L, 1, `invalid conversion specifier '%${fmt.slice(i + 1)}'`);
    i += len;
  }
}

const date: HostFn = (L, base, nargs) => {
  let fmt = optString(L, base, nargs, 1, '%c');
  const t = nargs < 2 || L.stack[base + 1] === undefined
    ? Math.floor(platformOf(L).time()) : checkTime(L, base, nargs, 2);
  const utc = fmt.startsWith('!');
  if (utc) fmt = fmt.slice(1);
  if (fmt.startsWith('*t')) {
    const tbl = new LuaTable(L.g.heap);
    setAllFields(L, tbl, dateTm(L, t, utc));
    return ret(L, tbl);
  }
  checkFormat(L, fmt);
  return ret(L, newString(L, strftime(fmt, dateTm(L, t, utc))));
};

const clock: HostFn = (L) => ret(L, mkfloat(platformOf(L).clock()));

const difftime: HostFn = (L, base, nargs) => {
  const t1 = checkTime(L, base, nargs, 1);
  const t2 = checkTime(L, base, nargs, 2);
  return ret(L, mkfloat(Number(t1) - Number(t2)));
};

// ---------------------------------------------------------------------------
// Environment, files, processes

const getenv: HostFn = (L, base, nargs) => ret(L, platformOf(L).getenv(checkString(L, base, nargs, 1)));

const remove: HostFn = (L, base, nargs) => {
  const name = checkString(L, base, nargs, 1);
  return fileResult(L, attempt(() => platformOf(L).remove(name)), name);
};

const rename: HostFn = (L, base, nargs) => {
  const from = checkString(L, base, nargs, 1);
  const to = checkString(L, base, nargs, 2);
  return fileResult(L, attempt(() => platformOf(L).rename(from, to)), undefined);
};

const tmpname: HostFn = (L) => {
  let name = '';
  if (attempt(() => { name = platformOf(L).tmpname(); }) !== undefined) {
    return luaError(L, 'unable to generate a unique filename');
  }
  return ret(L, name);
};

const execute: HostFn = (L, base, nargs) => {
  const cmd = nargs < 1 || L.stack[base] === undefined ? undefined : checkString(L, base, nargs, 1);
  const p = platformOf(L);
  if (cmd === undefined) return ret(L, p.execute !== undefined);
  if (p.execute === undefined) return fileResult(L, new PlatformError('Function not implemented', 38), undefined);
  let st: ProcessStatus | undefined;
  const err = attempt(() => { st = p.execute!(cmd); });
  return err !== undefined ? fileResult(L, err, undefined) : execResult(L, st!);
};

const exit: HostFn = (L, base, nargs) => {
  const v = nargs >= 1 ? L.stack[base] : undefined;
  const code = typeof v === 'boolean' ? (v ? 0 : 1) : Number(nargs >= 1 && v !== undefined
    ? checkInteger(L, base, nargs, 1) : 0);
  // with `close`: lua_close (pending to-be-closed variables, then every finalizer)
  if (nargs >= 2 && !isFalse(L.stack[base + 1])) closeState(L, true);
  else drainAll(L.g); // C's exit() writes out every stream's buffer
  return platformOf(L).exit(code);
};

const LOCALE_CATEGORIES = ['all', 'collate', 'ctype', 'monetary', 'numeric', 'time'] as const;

/** Only the C locale exists: queries and requests for it answer "C", others fail. */
const setlocale: HostFn = (L, base, nargs) => {
  const l = nargs < 1 || L.stack[base] === undefined ? undefined : checkString(L, base, nargs, 1);
  checkOption(L, base, nargs, 2, 'all', LOCALE_CATEGORIES);
  const ok = l === undefined || l === '' || l === 'C' || l === 'POSIX';
  return ret(L, ok ? 'C' : undefined);
};

export const osLib: LibTable = {
  clock, date, difftime, execute, exit, getenv, remove, rename, setlocale, time, tmpname,
};

export function openOs(L: LuaState): LuaTable {
  return newLib(L, osLib, 'os.');
}

