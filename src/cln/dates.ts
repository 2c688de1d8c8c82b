/**
 * CLN dates look like `2014-04-30T11:26-0400`: minutes precision, an offset
 * without a colon. `Date.parse` is not specified for that form, so parse it by hand.
 */
const CLN_DATE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

export function parseClnDate(text: string): Date | undefined {
  const fast = parseUsualForm(text);
  if (fast !== MISS) return fast;
  const m = CLN_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const utc = Date.UTC(Number(y), month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const date = new Date(utc);
  // Reject overflowed days such as 2023-02-31.
  const local = new Date(utc + offsetMinutes * 60_000);
  if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1) return undefined;
  return date;
}

const MISS = Symbol('not the usual form');

/** The digit at `at` (0-9), or -1. */
function digitAt(text: string, at: number): number {
  const code = text.charCodeAt(at) - 48;
  return code >= 0 && code <= 9 ? code : -1;
}

/** Two digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const tens = digitAt(text, at);
  const ones = digitAt(text, at + 1);
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones;
}

/**
 * The forms CLN sends (`2014-04-30T11:26-0400`, with `Z`, `+05:30` or no zone) read without a regular
 * expression or a second Date: a list of 10,000 IP licenses carries 10,000 dates, and every batch of
 * their server details 200 more. Gives the same answer as the general path below, which reads the
 * rest (seconds, spaces, a space for the `T`); MISS hands the text to it.
 */
function parseUsualForm(text: string): Date | undefined | typeof MISS {
  const length = text.length;
  if (length !== 16 && length !== 17 && length !== 21 && length !== 22) return MISS;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58) return MISS; // - - T :
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  if (century < 0 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return MISS;
  let offsetMinutes = 0;
  if (length === 17) {
    if (text.charCodeAt(16) !== 90) return MISS; // Z
  } else if (length > 17) {
    const sign = text.charCodeAt(16);
    const colon = length === 22 ? 1 : 0;
    if ((sign !== 43 && sign !== 45) || (colon && text.charCodeAt(19) !== 58)) return MISS; // + - :
    const hours = twoDigits(text, 17);
    const minutes = twoDigits(text, 19 + colon);
    if (hours < 0 || minutes < 0) return MISS;
    offsetMinutes = (sign === 45 ? -1 : 1) * (hours * 60 + minutes);
  }
  const year = century * 100 + yy;
  // Date.UTC reads years 0-99 as 1900-1999: the general path keeps that.
  if (year < 100) return MISS;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  // Reject overflowed days such as 2023-02-31.
  if (day > 28 && day > daysInMonth(year, month)) return undefined;
  return new Date((daysSinceEpoch(year, month, day) * 1440 + hour * 60 + minute - offsetMinutes) * 60_000);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar, as Date.UTC counts them (H. Hinnant's days_from_civil). */
function daysSinceEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of parseClnDate, for the simulator: `yyyy-MM-ddTHH:mm±hhmm`. */
export function formatClnDate(date: Date, offsetMinutes = 0): string {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(text: string): boolean {
  return YEAR_MONTH.test(text);
}

export function yearMonthOf(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The `count` months ending with `last` (inclusive), oldest first. */
export function monthsEndingAt(last: string, count: number): string[] {
  const m = YEAR_MONTH.exec(last);
  if (!m) throw new RangeError(`not a yyyy-MM month: ${last}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1;
  const months: string[] = [];
  for (let i = index - count + 1; i <= index; i++) {
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}
