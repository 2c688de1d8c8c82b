/**
 * CLN dates look like `2014-04-30T11:26-0400`: minutes precision, an offset
 * without a colon. `Date.parse` is not specified for that form, so parse it by hand.
 */
const CLN_DATE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

export function parseClnDate(text: string): Date | undefined {
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
