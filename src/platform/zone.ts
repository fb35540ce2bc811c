/**
 * The host's local time zone, for `os.date` and `os.time`: from the JS
 * engine's Date and Intl, so it works wherever they do (Node.js, browsers).
 * The Node.js platforms use it; in a browser, give it to `memoryPlatform`
 * (`{ zone: localZone }`) for local time instead of UTC.
 */

import type { ZoneInfo } from '../lib/platform-interface.js';

/** The local zone at instant `t` (seconds since the epoch): offset, daylight saving time, abbreviation. */
export function localZone(t: number): ZoneInfo {
  const d = new Date(t * 1000);
  if (Number.isNaN(d.getTime())) return { offset: 0, isdst: false, name: 'UTC' };
  const offset = -d.getTimezoneOffset() * 60;
  const y = d.getFullYear();
  const standard = -Math.max(new Date(y, 0, 1).getTimezoneOffset(), new Date(y, 6, 1).getTimezoneOffset()) * 60;
  const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d)
    .find((p) => p.type === 'timeZoneName');
  return { offset, isdst: offset > standard, name: part?.value ?? 'UTC' };
}
