/**
 * Calendar arithmetic for os.time/os.date without the JS Date (whose range
 * is much smaller than C's 64-bit time_t with an int tm_year): a broken-down
 * time like C's `struct tm`, gmtime/mktime equivalents, and strftime with
 * the C locale's conversions (glibc's output for every conversion Lua 5.4
 * accepts).
 */

import type { ZoneInfo } from '../platform-interface.js';

/** C's struct tm with a full year, a 1-based month and a 0-based yday. */
export interface Tm {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  /** 0 = Sunday. */
  wday: number;
  /** 0-based day of the year. */
  yday: number;
  isdst: boolean;
  /** Seconds east of UTC. */
  offset: number;
  zone: string;
}

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

const floorDiv = (a: number, b: number): number => Math.floor(a / b);
const mod = (a: number, b: number): number => a - Math.floor(a / b) * b;

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, any day). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (m + (m > 2 ? -3 : 9)) + 2, 5) + d - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const d = doy - floorDiv(153 * mp + 2, 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

/**
 * gmtime/localtime: the broken-down form of `t` shifted by `zone`, or
 * undefined when the year does not fit C's int tm_year.
 */
export function breakdown(t: number | bigint, zone: ZoneInfo): Tm | undefined {
  const bt = BigInt(t) + BigInt(zone.offset);
  const days = bt >= 0n ? bt / 86400n : -((-bt + 86399n) / 86400n);
  const days1 = Number(days);
  const secs = Number(bt - days * 86400n);
  const [year, month, day] = civilFromDays(days1);
  if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) return undefined;
  return {
    year, month, day,
    hour: floorDiv(secs, 3600), min: floorDiv(secs % 3600, 60), sec: secs % 60,
    wday: mod(days1 + 4, 7),
    yday: days1 - daysFromCivil(year, 1, 1),
    isdst: zone.isdst, offset: zone.offset, zone: zone.name,
  };
}

/** Local fields (any values, normalized like mktime) to seconds since the epoch, as local wall time. */
export function wallSeconds(year: number, month0: number, day: number, hour: number, min: number, sec: number): bigint {
  const y = year + floorDiv(month0, 12);
  const days = daysFromCivil(y, mod(month0, 12) + 1, 1) + day - 1;
  return BigInt(days) * 86400n + BigInt(hour) * 3600n + BigInt(min) * 60n + BigInt(sec);
}

// ---------------------------------------------------------------------------
// strftime (C locale)

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November',
  'December',
];

const pad = (n: number, width: number, fill = '0'): string => {
  const s = String(Math.abs(n)).padStart(width, fill);
  return n < 0 ? '-' + s : s;
};

/** glibc's iso_week_days: days since the Monday of ISO week 1 (negative: previous ISO year). */
function isoWeekDays(yday: number, wday: number): number {
  const big = (Math.trunc(366 / 7) + 2) * 7;
  return yday - ((yday - wday + 4 + big) % 7) + 4 - 1;
}

/** The ISO 8601 week-based year and week number. */
function isoWeek(tm: Tm): [number, number] {
  let year = tm.year;
  let days = isoWeekDays(tm.yday, tm.wday);
  if (days < 0) {
    year--;
    days = isoWeekDays(tm.yday + 365 + (isLeap(year) ? 1 : 0), tm.wday);
  } else {
    const d = isoWeekDays(tm.yday - 365 - (isLeap(year) ? 1 : 0), tm.wday);
    if (d >= 0) {
      year++;
      days = d;
    }
  }
  return [year, floorDiv(days, 7) + 1];
}

type Conv = (tm: Tm) => string;

/** Each conversion of the C locale (the E and O modifiers change nothing there). */
const CONVERSIONS: Readonly<Record<string, Conv>> = {
  a: (tm) => DAYS[tm.wday].slice(0, 3),
  A: (tm) => DAYS[tm.wday],
  b: (tm) => MONTHS[tm.month - 1].slice(0, 3),
  B: (tm) => MONTHS[tm.month - 1],
  c: (tm) => strftime('%a %b %e %H:%M:%S %Y', tm),
  C: (tm) => String(floorDiv(tm.year, 100)),
  d: (tm) => pad(tm.day, 2),
  D: (tm) => strftime('%m/%d/%y', tm),
  e: (tm) => pad(tm.day, 2, ' '),
  F: (tm) => strftime('%Y-%m-%d', tm),
  g: (tm) => pad(mod(isoWeek(tm)[0], 100), 2),
  G: (tm) => String(isoWeek(tm)[0]),
  h: (tm) => MONTHS[tm.month - 1].slice(0, 3),
  H: (tm) => pad(tm.hour, 2),
  I: (tm) => pad(tm.hour % 12 === 0 ? 12 : tm.hour % 12, 2),
  j: (tm) => pad(tm.yday + 1, 3),
  m: (tm) => pad(tm.month, 2),
  M: (tm) => pad(tm.min, 2),
  n: () => '\n',
  p: (tm) => (tm.hour < 12 ? 'AM' : 'PM'),
  r: (tm) => strftime('%I:%M:%S %p', tm),
  R: (tm) => strftime('%H:%M', tm),
  S: (tm) => pad(tm.sec, 2),
  t: () => '\t',
  T: (tm) => strftime('%H:%M:%S', tm),
  u: (tm) => String(tm.wday === 0 ? 7 : tm.wday),
  U: (tm) => pad(floorDiv(tm.yday - tm.wday + 7, 7), 2),
  V: (tm) => pad(isoWeek(tm)[1], 2),
  w: (tm) => String(tm.wday),
  W: (tm) => pad(floorDiv(tm.yday - mod(tm.wday - 1, 7) + 7, 7), 2),
  x: (tm) => strftime('%m/%d/%y', tm),
  X: (tm) => strftime('%H:%M:%S', tm),
  y: (tm) => pad(mod(tm.year, 100), 2),
  Y: (tm) => String(tm.year),
  z: (tm) => (tm.offset < 0 ? '-' : '+') + pad(floorDiv(Math.abs(tm.offset), 3600), 2)
    + pad(floorDiv(Math.abs(tm.offset) % 3600, 60), 2),
  Z: (tm) => tm.zone,
  '%': () => '%',
};

/** The conversions Lua 5.4 accepts (LUA_STRFTIMEOPTIONS, C99): single letters, then E and O forms. */
const VALID_1 = new Set('aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%');
const VALID_E = new Set('cCxXyY');
const VALID_O = new Set('deHImMSuUVwWy');

/** Length of the conversion at s[i..] (after '%'), or 0 if Lua rejects it. */
export function conversionLength(s: string, i: number): number {
  const c = s[i];
  if (c !== undefined && VALID_1.has(c)) return 1;
  const c2 = s[i + 1];
  if (c2 === undefined) return 0;
  if ((c === 'E' && VALID_E.has(c2)) || (c === 'O' && VALID_O.has(c2))) return 2;
  return 0;
}

/** strftime of a format already validated with conversionLength. */
export function strftime(fmt: string, tm: Tm): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') {
      out += fmt[i];
      continue;
    }
    const len = conversionLength(fmt, i + 1);
    out += CONVERSIONS[fmt[i + len]](tm);
    i += len;
  }
  return out;
}
