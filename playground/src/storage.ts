/**
 * What survives a reload: the script in the editor, the last script the
 * visitor typed (so that loading an example does not lose it: "Your
 * script" in the menu brings it back), the limits and the open tab. One
 * JSON entry in localStorage; anything unreadable there is ignored rather
 * than breaking the page.
 */

import { parseSettings, type LimitSettings } from './limits.js';

export type Tab = 'output' | 'profile';

export interface PageState {
  code: string | null;
  draft: string | null;
  limits: LimitSettings;
  tab: Tab;
}

const KEY = 'moonbox-playground-v1';

export function loadState(): PageState {
  let raw: Record<string, unknown> = {};
  try {
    const text = localStorage.getItem(KEY);
    if (text) {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
    }
  } catch {
    // storage disabled (private mode, sandboxed frame) or corrupt: start fresh
  }
  return {
    code: typeof raw.code === 'string' ? raw.code : null,
    draft: typeof raw.draft === 'string' ? raw.draft : null,
    limits: parseSettings(raw.limits),
    tab: raw.tab === 'profile' ? 'profile' : 'output',
  };
}

export function saveState(state: PageState): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // full or disabled: the page works, it just forgets
  }
}
