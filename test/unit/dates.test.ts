/** CLN dates (`2014-04-30T11:26-0400`) and yyyy-MM months. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatClnDate, isYearMonth, monthsEndingAt, parseClnDate, yearMonthOf } from '../../src/cln/dates';

const iso = (text: string) => parseClnDate(text)?.toISOString();

describe('dates: parseClnDate', () => {
  it('reads the reference example 2014-04-30T11:26-0400 as 15:26 UTC', () => {
    const date = parseClnDate('2014-04-30T11:26-0400');
    assert.ok(date instanceof Date);
    assert.equal(date.toISOString(), '2014-04-30T15:26:00.000Z');
    assert.equal(date.getTime(), Date.UTC(2014, 3, 30, 15, 26, 0));
  });
  it('reads positive offsets with minutes: +0530', () => assert.equal(iso('2023-04-30T11:26+0530'), '2023-04-30T05:56:00.000Z'));
  it('reads offsets with a colon: +05:30 and -04:00', () => {
    assert.equal(iso('2023-04-30T11:26+05:30'), '2023-04-30T05:56:00.000Z');
    assert.equal(iso('2014-04-30T11:26-04:00'), '2014-04-30T15:26:00.000Z');
  });
  it('reads Z and -0000/+0000 as UTC', () => {
    assert.equal(iso('2014-04-30T11:26Z'), '2014-04-30T11:26:00.000Z');
    assert.equal(iso('2014-04-30T11:26-0000'), '2014-04-30T11:26:00.000Z');
    assert.equal(iso('2014-04-30T11:26+0000'), '2014-04-30T11:26:00.000Z');
  });
  it('reads seconds (and ignores fractions)', () => {
    assert.equal(iso('2014-04-30T11:26:45-0400'), '2014-04-30T15:26:45.000Z');
    assert.equal(iso('2014-04-30T11:26:45.123Z'), '2014-04-30T11:26:45.000Z');
  });
  it('reads a date without a zone as UTC, whatever the local time zone', () => {
    assert.equal(iso('2014-04-30T11:26'), '2014-04-30T11:26:00.000Z');
    assert.equal(iso('2014-04-30T11:26:07'), '2014-04-30T11:26:07.000Z');
  });
  it('accepts a space instead of T and surrounding blanks', () => {
    assert.equal(iso('2014-04-30 11:26-0400'), '2014-04-30T15:26:00.000Z');
    assert.equal(iso('  2014-04-30T11:26-0400\n'), '2014-04-30T15:26:00.000Z');
  });
  it('crosses day, month and year boundaries through the offset', () => {
    assert.equal(iso('2023-12-31T22:30-0200'), '2024-01-01T00:30:00.000Z');
    assert.equal(iso('2024-01-01T01:00+0300'), '2023-12-31T22:00:00.000Z');
    assert.equal(iso('2024-03-01T00:10+0100'), '2024-02-29T23:10:00.000Z');
  });
  it('accepts 29 February in a leap year only', () => {
    assert.equal(iso('2024-02-29T10:00-0000'), '2024-02-29T10:00:00.000Z');
    assert.equal(parseClnDate('2023-02-29T10:00-0000'), undefined);
    assert.equal(parseClnDate('1900-02-29T10:00Z'), undefined);
    assert.equal(iso('2000-02-29T10:00Z'), '2000-02-29T10:00:00.000Z');
  });
  it('rejects impossible days such as 2023-02-31 and 2023-04-31', () => {
    assert.equal(parseClnDate('2023-02-31T10:00-0000'), undefined);
    assert.equal(parseClnDate('2023-04-31T10:00-0400'), undefined);
    assert.equal(parseClnDate('2023-01-32T10:00Z'), undefined);
    assert.equal(parseClnDate('2023-01-00T10:00Z'), undefined);
  });
  it('keeps the day check right when the offset moves the date across a month end', () => {
    // 23:30 on 30 April at -0400 is 1 May in UTC: a valid date that must not be taken for an overflow.
    assert.equal(iso('2023-04-30T23:30-0400'), '2023-05-01T03:30:00.000Z');
    assert.equal(iso('2023-03-01T00:30+0500'), '2023-02-28T19:30:00.000Z');
  });
  it('rejects months 13 and 00, hours 24, minutes 60 and seconds 60', () => {
    assert.equal(parseClnDate('2014-13-01T11:26-0400'), undefined);
    assert.equal(parseClnDate('2014-00-01T11:26-0400'), undefined);
    assert.equal(parseClnDate('2014-04-30T24:00-0400'), undefined);
    assert.equal(parseClnDate('2014-04-30T11:60-0400'), undefined);
    assert.equal(parseClnDate('2014-04-30T11:26:60-0400'), undefined);
  });
  for (const garbage of [
    '',
    'garbage',
    'null',
    '2014-04-30',
    '11:26',
    '04-30T11:26-0400',
    '2014-4-30T11:26-0400',
    '2014-04-30T1:26Z',
    '2014-04-30T11:26-04',
    '2014-04-30T11:26 PST',
    '2014-04-30T11:26+4:00',
    '1398871560',
    'Wed, 30 Apr 2014 15:26:00 GMT',
    '2014-04-30T11:26-0400x',
  ]) {
    it(`rejects ${JSON.stringify(garbage)}`, () => assert.equal(parseClnDate(garbage), undefined));
  }
  it('never throws and gives a valid Date or undefined for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const date = parseClnDate(text);
        return date === undefined || (date instanceof Date && !Number.isNaN(date.getTime()));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the usual forms (the fast path) as it reads them with a blank in front (the general path), valid or not (property)', () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
    const zone = fc.oneof(
      fc.constant(''),
      fc.constant('Z'),
      fc.tuple(fc.constantFrom('+', '-'), two, fc.constantFrom('', ':'), two).map((parts) => parts.join('')),
    );
    const text = fc.tuple(fc.constantFrom('2014', '2024', '2100', '1900', '0050', '0000', '9999'), two, two, two, two, zone).map(([y, mo, d, h, mi, z]) => `${y}-${mo}-${d}T${h}:${mi}${z}`);
    fc.assert(
      fc.property(text, (usual) => assert.equal(parseClnDate(usual)?.getTime(), parseClnDate(` ${usual}`)?.getTime())),
      { numRuns: 5000 },
    );
  });
});

describe('dates: formatClnDate', () => {
  it('writes yyyy-MM-ddTHH:mm±hhmm', () => {
    const date = new Date('2014-04-30T15:26:00Z');
    assert.equal(formatClnDate(date), '2014-04-30T15:26+0000');
    assert.equal(formatClnDate(date, -240), '2014-04-30T11:26-0400');
    assert.equal(formatClnDate(date, 330), '2014-04-30T20:56+0530');
    assert.equal(formatClnDate(date, -210), '2014-04-30T11:56-0330');
    assert.equal(formatClnDate(new Date('2023-12-31T23:30:00Z'), 60), '2024-01-01T00:30+0100');
  });
  it('round-trips with parseClnDate for any offset, to the minute (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (ms, offset) => {
        const minute = Math.floor(ms / 60_000) * 60_000;
        const text = formatClnDate(new Date(ms), offset);
        assert.match(text, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[+-]\d{4}$/);
        assert.equal(parseClnDate(text)?.getTime(), minute, text);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('dates: months', () => {
  it('isYearMonth accepts yyyy-MM only', () => {
    assert.equal(isYearMonth('2026-02'), true);
    assert.equal(isYearMonth('2026-12'), true);
    assert.equal(isYearMonth('2026-13'), false);
    assert.equal(isYearMonth('2026-00'), false);
    assert.equal(isYearMonth('2026-1'), false);
    assert.equal(isYearMonth('2026-02-01'), false);
    assert.equal(isYearMonth('x2026-02'), false);
    assert.equal(isYearMonth(''), false);
  });
  it('yearMonthOf uses UTC', () => {
    assert.equal(yearMonthOf(new Date('2026-01-31T23:59:59Z')), '2026-01');
    assert.equal(yearMonthOf(new Date('2026-02-01T00:00:00Z')), '2026-02');
  });
  it("monthsEndingAt('2026-02', 12) crosses the year boundary, oldest first", () => {
    assert.deepEqual(monthsEndingAt('2026-02', 12), ['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it('monthsEndingAt handles December, January, a single month and none', () => {
    assert.deepEqual(monthsEndingAt('2025-12', 3), ['2025-10', '2025-11', '2025-12']);
    assert.deepEqual(monthsEndingAt('2026-01', 2), ['2025-12', '2026-01']);
    assert.deepEqual(monthsEndingAt('2026-01', 1), ['2026-01']);
    assert.deepEqual(monthsEndingAt('2026-01', 0), []);
    assert.equal(monthsEndingAt('2026-01', 25)[0], '2024-01');
  });
  it('monthsEndingAt refuses a bad month', () => {
    assert.throws(() => monthsEndingAt('2026-13', 3), RangeError);
    assert.throws(() => monthsEndingAt('2026-1', 3), /not a yyyy-MM month: 2026-1/);
  });
  it('monthsEndingAt gives consecutive valid months (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 60 }), (year, month, count) => {
        const last = `${year}-${String(month).padStart(2, '0')}`;
        const months = monthsEndingAt(last, count);
        assert.equal(months.length, count);
        assert.equal(months[months.length - 1], last);
        for (let i = 0; i < months.length; i++) {
          assert.ok(isYearMonth(months[i]), months[i]);
          if (i > 0) {
            const [py, pm] = months[i - 1].split('-').map(Number);
            const [cy, cm] = months[i].split('-').map(Number);
            assert.equal(cy * 12 + cm, py * 12 + pm + 1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
