/**
 * The warning system's output (the reference's luaE_warning with lua.c's
 * warning function): `warn("@on")` turns it on, and then warnings go to the
 * state's stderr as "Lua warning: ...". Used by `warn` and by the runtime
 * itself (errors in finalizers).
 */

import type { GlobalState } from './state.js';

/** Emit a complete warning message if warnings are on. */
export function warning(g: GlobalState, msg: string): void {
  if (g.warnOn) g.stderr(`Lua warning: ${msg}\n`);
}
