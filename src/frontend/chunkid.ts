import { LUA_IDSIZE } from '../value/limits.js';
/**
 * luaO_chunkid: the short, printable name of a chunk used as the prefix of
 * error messages ("file.lua:3: ...") and by the debug library (short_src).
 */


const RETS = '...';
const PRE = '[string "';
const POS = '"]';

export function chunkid(source: string): string {
  const first = source.charCodeAt(0);
  if (first === 0x3d /* '=' */) {
    // 'literal' source: use it as is, truncated if needed
    return source.slice(1, LUA_IDSIZE);
  }
  if (first === 0x40 /* '@' */) {
    // file name: keep its end, which is the most informative part
    const srclen = source.length - 1;
    if (srclen <= LUA_IDSIZE - 1) return source.slice(1);
    const keep = LUA_IDSIZE - 1 - RETS.length;
    return RETS + source.slice(source.length - keep);
  }
  // string source: [string "first line..."]
  const nl = source.indexOf('\n');
  let bufflen = LUA_IDSIZE - (PRE.length + RETS.length + POS.length) - 1;
  const srclen = source.length;
  if (srclen < bufflen && nl < 0) return PRE + source + POS;
  let len = nl >= 0 ? nl : srclen;
  if (len > bufflen) len = bufflen;
  return PRE + source.slice(0, len) + RETS + POS;
}
