/**
 * The limits form and what each run used. The form shows each limit in a
 * unit a person can type (millions of instructions, MB, seconds; an empty
 * field is no limit) and converts to the API's units (instructions, bytes,
 * milliseconds); beside each limit, a bar and "used / limit" for the last
 * run, in red for the limit that stopped it.
 */

import type { LimitName, Limits, Usage } from 'moonbox';

export type LimitKey = 'instructions' | 'memory' | 'time';

/** The form's values, in the form's units; null is no limit. */
export type LimitSettings = Record<LimitKey, number | null>;

export const DEFAULT_LIMITS: LimitSettings = { instructions: 50, memory: 64, time: 5 };

const KEYS: LimitKey[] = ['instructions', 'memory', 'time'];

/** Form units to API units. */
const SCALE: Record<LimitKey, number> = { instructions: 1e6, memory: 2 ** 20, time: 1000 };

export function toLimits(s: LimitSettings): Limits {
  const limits: Limits = {};
  for (const k of KEYS) {
    const v = s[k];
    if (v !== null) limits[k] = Math.round(v * SCALE[k]);
  }
  return limits;
}

/** A stored value back to settings, tolerating anything (old or hand-edited localStorage). */
export function parseSettings(raw: unknown): LimitSettings {
  const out = { ...DEFAULT_LIMITS };
  if (raw && typeof raw === 'object') {
    for (const k of KEYS) {
      const v = (raw as Record<string, unknown>)[k];
      if (v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0)) out[k] = v;
    }
  }
  return out;
}

export function formatInstructions(n: number): string {
  if (n >= 1e9) return `${trim(n / 1e9)} G`;
  if (n >= 1e6) return `${trim(n / 1e6)} M`;
  if (n >= 1e4) return `${trim(n / 1e3)} K`;
  return String(Math.round(n));
}

export function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${trim(n / 2 ** 30)} GB`;
  if (n >= 2 ** 20) return `${trim(n / 2 ** 20)} MB`;
  if (n >= 1024) return `${trim(n / 1024)} KB`;
  return `${Math.round(n)} B`;
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${trim(ms / 1000)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${+ms.toFixed(1)} ms`;
}

/** Three significant digits at most, no trailing zeros. */
function trim(x: number): string {
  return String(+x.toPrecision(3));
}

const FORMAT: Record<LimitKey, (n: number) => string> = { instructions: formatInstructions, memory: formatBytes, time: formatMs };

export class LimitsPanel {
  private readonly inputs: Record<LimitKey, HTMLInputElement>;
  private readonly rows: Record<LimitKey, HTMLElement>;
  private readonly listeners: (() => void)[] = [];

  constructor(form: HTMLFormElement, settings: LimitSettings) {
    this.inputs = {} as Record<LimitKey, HTMLInputElement>;
    this.rows = {} as Record<LimitKey, HTMLElement>;
    for (const k of KEYS) {
      this.inputs[k] = form.elements.namedItem(k) as HTMLInputElement;
      this.rows[k] = form.querySelector(`[data-limit="${k}"]`)!;
    }
    this.settings = settings;
    form.addEventListener('input', () => {
      for (const f of this.listeners) f();
    });
    // Enter in a field would submit the form and reload the page
    form.addEventListener('submit', (e) => e.preventDefault());
  }

  get settings(): LimitSettings {
    const s = {} as LimitSettings;
    for (const k of KEYS) {
      const raw = this.inputs[k].value.trim();
      const v = raw === '' ? NaN : Number(raw);
      // empty, zero or nonsense: no limit (a 0 limit would stop every script at once)
      s[k] = Number.isFinite(v) && v > 0 ? v : null;
    }
    return s;
  }

  set settings(s: LimitSettings) {
    for (const k of KEYS) this.inputs[k].value = s[k] === null ? '' : String(s[k]);
  }

  onChange(f: () => void): void {
    this.listeners.push(f);
  }

  /** Clears the bars (a run starts). */
  reset(): void {
    for (const k of KEYS) this.show(k, null, null, false);
  }

  /**
   * What a run used against the limits it ran with; `stoppedBy` is the limit
   * that stopped it, if one did. `usage` undefined: unknown (the worker was
   * killed); `elapsed` still gives the time.
   */
  showUsage(limits: Limits, usage: Usage | undefined, stoppedBy: LimitName | undefined, elapsed: number): void {
    const used: Record<LimitKey, number | null> = {
      instructions: usage ? usage.instructions : null,
      memory: usage ? usage.peakMemory : null,
      time: usage ? usage.time : elapsed,
    };
    for (const k of KEYS) this.show(k, used[k], limits[k] ?? null, stoppedBy === k);
  }

  /** The time bar while a run goes on. */
  showElapsed(limits: Limits, elapsed: number): void {
    this.show('time', elapsed, limits.time ?? null, false);
  }

  private show(k: LimitKey, used: number | null, limit: number | null, hit: boolean): void {
    const row = this.rows[k];
    const fill = row.querySelector<HTMLElement>('.meter-fill')!;
    const text = row.querySelector<HTMLOutputElement>('.used')!;
    row.classList.toggle('hit', hit);
    if (used === null) {
      fill.style.width = '0';
      text.textContent = '';
      return;
    }
    const ratio = limit ? Math.min(1, used / limit) : 0;
    fill.style.width = `${(ratio * 100).toFixed(1)}%`;
    text.textContent = limit ? `${FORMAT[k](used)} / ${FORMAT[k](limit)}` : `${FORMAT[k](used)} (no limit)`;
    if (hit) text.textContent += ' · hit';
    row.title = limit ? `${Math.round(ratio * 100)}% of the limit used` : 'no limit';
  }
}
