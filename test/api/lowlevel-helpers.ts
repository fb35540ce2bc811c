/**
 * Helpers shared by the low-level API tests.
 */
import { newApiState, type LuaApi } from '../../src/lowlevel.js';

/** A checked state with the standard libraries; `out` collects what Lua prints. */
export function checkedState(): { api: LuaApi; out: () => string } {
  let out = '';
  const api = newApiState({ checked: true, stdout: (s) => { out += s; }, stderr: (s) => { out += s; } });
  return { api, out: () => out };
}

/** The current frame as display strings (tostring of each slot), without pushing anything. */
export function stackOf(api: LuaApi): string[] {
  const vals: string[] = [];
  for (let i = 1; i <= api.getTop(); i++) {
    const v = api.toLuaValue(i);
    vals.push(v === undefined ? 'nil' : typeof v === 'object' ? api.typeName(api.type(i)) : String(v));
  }
  return vals;
}

/** Run a chunk through doString and return its results as display strings (stack left as found). */
export function run(api: LuaApi, code: string): string[] {
  const h = api.getTop();
  const status = api.doString(code);
  if (status !== 0) {
    const msg = api.toString(-1);
    api.setTop(h);
    throw new Error(`Lua error: ${msg}`);
  }
  const res: string[] = [];
  for (let i = h + 1; i <= api.getTop(); i++) res.push(api.toDisplayString(i)), api.pop(1);
  api.setTop(h);
  return res;
}
