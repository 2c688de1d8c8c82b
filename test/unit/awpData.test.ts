/** The AccelerateWP billing report's data logic: filter, sort, counts, trend, CSV, and the message checks. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { AwpEntry } from '../../src/cln/types';
import { countEntries, csvCell, csvFileName, DEFAULT_VIEW, filterEntries, monthLabel, shiftMonth, sortEntries, toCsv, trendPoints, viewRows } from '../../src/features/awpReport/core/awpData';
import { readQuery, readToExtension } from '../../src/features/awpReport/core/protocol';

const premium = (primaryDomain: string, username: string | null): AwpEntry => ({ product: 'AWP_PREMIUM', primaryDomain, username, cdnLimitType: null });
const cdn = (primaryDomain: string, username: string | null, cdnLimitType: string | null): AwpEntry => ({ product: 'AWP_CDN', primaryDomain, username, cdnLimitType });

const ENTRIES: AwpEntry[] = [
  premium('shop.example.com', 'alice'),
  cdn('blog.example.org', 'bob', '50 GB'),
  premium('news.example.net', null),
  cdn('media.example.com', 'alice', '1 TB'),
  cdn('static.example.io', 'carol', '500 GB'),
  premium('Alpha.example.com', 'dave'),
  cdn('video.example.tv', null, '50 GB'),
  cdn('legacy.example.biz', 'erin', null),
];

const domains = (entries: readonly AwpEntry[]) => entries.map((e) => e.primaryDomain);

describe('awpData: filterEntries', () => {
  it('matches the domain or the username, case-insensitively', () => {
    assert.deepEqual(domains(filterEntries(ENTRIES, 'ALICE')), ['shop.example.com', 'media.example.com']);
    assert.deepEqual(domains(filterEntries(ENTRIES, '.org')), ['blog.example.org']);
  });
  it('needs every term to match; blank filters keep everything', () => {
    assert.deepEqual(domains(filterEntries(ENTRIES, 'alice media')), ['media.example.com']);
    assert.equal(filterEntries(ENTRIES, '   ').length, ENTRIES.length);
  });
  it('does not match a null username as the text "null"', () => {
    assert.deepEqual(filterEntries(ENTRIES, 'null'), []);
  });
  it('never adds rows and keeps their order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (filter) => {
        const kept = filterEntries(ENTRIES, filter);
        assert.deepEqual(
          kept,
          ENTRIES.filter((e) => kept.includes(e)),
        );
      }),
    );
  });
});

describe('awpData: sortEntries', () => {
  it('sorts domains naturally, ignoring case, in both directions', () => {
    const asc = domains(sortEntries(ENTRIES, { column: 'primaryDomain', descending: false }));
    assert.equal(asc[0], 'Alpha.example.com');
    assert.equal(asc.at(-1), 'video.example.tv');
    assert.deepEqual(domains(sortEntries(ENTRIES, { column: 'primaryDomain', descending: true })), [...asc].reverse());
  });
  it('sorts CDN tiers by size, not by text, and puts missing values last either way', () => {
    const tiers = (descending: boolean) => sortEntries(ENTRIES, { column: 'cdnLimitType', descending }).map((e) => e.cdnLimitType);
    assert.deepEqual(tiers(false), ['50 GB', '50 GB', '500 GB', '1 TB', null, null, null, null]);
    assert.deepEqual(tiers(true), ['1 TB', '500 GB', '50 GB', '50 GB', null, null, null, null]);
  });
  it('puts null usernames last and breaks ties by domain', () => {
    const sorted = sortEntries(ENTRIES, { column: 'username', descending: false });
    assert.deepEqual(
      sorted.map((e) => e.username),
      ['alice', 'alice', 'bob', 'carol', 'dave', 'erin', null, null],
    );
    assert.deepEqual(domains(sorted.slice(0, 2)), ['media.example.com', 'shop.example.com']);
    assert.deepEqual(domains(sorted.slice(-2)), ['news.example.net', 'video.example.tv']);
  });
  it('sorts products by their names and leaves the input untouched', () => {
    const copy = [...ENTRIES];
    const sorted = sortEntries(ENTRIES, { column: 'product', descending: false });
    assert.deepEqual(
      sorted.map((e) => e.product),
      ['AWP_CDN', 'AWP_CDN', 'AWP_CDN', 'AWP_CDN', 'AWP_CDN', 'AWP_PREMIUM', 'AWP_PREMIUM', 'AWP_PREMIUM'],
    );
    assert.deepEqual(ENTRIES, copy);
  });
  it('viewRows filters then sorts', () => {
    const rows = viewRows(ENTRIES, { filter: 'example.com', sort: { column: 'primaryDomain', descending: true } });
    assert.deepEqual(domains(rows), ['shop.example.com', 'media.example.com', 'Alpha.example.com']);
    assert.equal(viewRows(ENTRIES, DEFAULT_VIEW).length, ENTRIES.length);
  });
});

describe('awpData: countEntries', () => {
  it('counts per product and per CDN tier, smallest tier first, entries without a tier last', () => {
    const counts = countEntries(ENTRIES);
    assert.equal(counts.total, 8);
    assert.deepEqual(counts.products, [
      { product: 'AWP_PREMIUM', label: 'AccelerateWP Premium', count: 3 },
      { product: 'AWP_CDN', label: 'AccelerateWP CDN', count: 5 },
    ]);
    assert.deepEqual(counts.cdnTiers, [
      { tier: '50 GB', count: 2 },
      { tier: '500 GB', count: 1 },
      { tier: '1 TB', count: 1 },
      { tier: null, count: 1 },
    ]);
  });
  it('lists the catalog products at zero and keeps a product CLN adds', () => {
    const counts = countEntries([{ product: 'AWP_NEW', primaryDomain: 'x.example', username: null, cdnLimitType: null }]);
    assert.deepEqual(
      counts.products.map((p) => [p.label, p.count]),
      [
        ['AccelerateWP Premium', 0],
        ['AccelerateWP CDN', 0],
        ['AWP_NEW', 1],
      ],
    );
    assert.deepEqual(counts.cdnTiers, []);
  });
});

describe('awpData: months', () => {
  it('shifts across year ends both ways', () => {
    assert.equal(shiftMonth('2024-12', 1), '2025-01');
    assert.equal(shiftMonth('2024-01', -1), '2023-12');
    assert.equal(shiftMonth('2024-05', -12), '2023-05');
  });
  it('labels months in English, independent of the time zone', () => {
    assert.equal(monthLabel('2024-05'), 'May 2024');
    assert.equal(monthLabel('2024-01', 'short'), 'Jan');
    assert.equal(monthLabel('2023-12'), 'December 2023');
  });
});

describe('awpData: trendPoints', () => {
  it('counts each product per month, in month order, zero for months without an answer', () => {
    const byMonth = new Map([
      ['2024-01', ENTRIES],
      ['2024-02', [premium('a.example', null)]],
    ]);
    assert.deepEqual(trendPoints(['2024-01', '2024-02', '2024-03'], byMonth, ['AWP_PREMIUM', 'AWP_CDN']), [
      { month: '2024-01', counts: { AWP_PREMIUM: 3, AWP_CDN: 5 } },
      { month: '2024-02', counts: { AWP_PREMIUM: 1, AWP_CDN: 0 } },
      { month: '2024-03', counts: { AWP_PREMIUM: 0, AWP_CDN: 0 } },
    ]);
    assert.deepEqual(trendPoints(['2024-01'], byMonth, ['AWP_CDN']), [{ month: '2024-01', counts: { AWP_CDN: 5 } }]);
  });
});

describe('awpData: CSV', () => {
  it('writes a header, product codes, empty cells for missing values and CRLF line ends', () => {
    assert.equal(
      toCsv([premium('news.example.net', null), cdn('blog.example.org', 'bob', '50 GB')]),
      'Product,Primary domain,Username,CDN limit type\r\nAWP_PREMIUM,news.example.net,,\r\nAWP_CDN,blog.example.org,bob,50 GB\r\n',
    );
    assert.equal(toCsv([]), 'Product,Primary domain,Username,CDN limit type\r\n');
  });
  const cases = (title: string, table: [string, string][]) =>
    it(title, () => {
      for (const [input, expected] of table) assert.equal(csvCell(input), expected, JSON.stringify(input));
    });
  cases('quotes commas, quotes, line breaks and surrounding blanks', [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [' padded ', '" padded "'],
  ]);
  cases('defuses formulas: = + - @ tab and CR get a leading quote', [
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a=b', 'a=b'],
  ]);
  it('keeps a hostile domain as text, one row per entry', () => {
    const csv = toCsv([premium('<img src=x onerror=alert(1)>.example', '=cmd|" /C calc"!A0')]);
    assert.equal(csv.split('\r\n')[1], `AWP_PREMIUM,<img src=x onerror=alert(1)>.example,"'=cmd|"" /C calc""!A0",`);
  });
  it('round-trips any text through a CSV reader', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 4 }), (cells) => {
        const line = cells.map(csvCell).join(',');
        assert.deepEqual(
          readCsvLine(line),
          cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)),
        );
      }),
    );
  });
  it('names the file after month and product', () => {
    assert.equal(csvFileName('2024-05', ['AWP_PREMIUM', 'AWP_CDN']), 'awp-billing-2024-05.csv');
    assert.equal(csvFileName('2024-05', ['AWP_CDN']), 'awp-billing-2024-05-cdn.csv');
    assert.equal(csvFileName('2024-05', ['AWP_PREMIUM']), 'awp-billing-2024-05-premium.csv');
  });
});

describe('awpProtocol: messages from the webview', () => {
  it('accepts well-formed queries and keeps products in catalog order', () => {
    assert.deepEqual(readQuery({ month: '2024-05', products: ['AWP_CDN', 'AWP_PREMIUM', 'AWP_CDN'] }), { month: '2024-05', products: ['AWP_PREMIUM', 'AWP_CDN'] });
  });
  it('refuses bad months, no products and unknown shapes', () => {
    assert.equal(readQuery({ month: '2024-13', products: ['AWP_CDN'] }), undefined);
    assert.equal(readQuery({ month: '2024-05', products: [] }), undefined);
    assert.equal(readQuery({ month: '2024-05', products: ['EVIL'] }), undefined);
    assert.equal(readToExtension({ type: 'load' }), undefined);
    assert.equal(readToExtension({ type: 'action', action: 'rm -rf' }), undefined);
    assert.equal(readToExtension({ type: 'export', query: { month: '2024-05', products: ['AWP_CDN'] }, view: { filter: 1 } }), undefined);
    assert.equal(readToExtension('ready'), undefined);
  });
  it('reads ready (with or without a saved query), load, export and copy', () => {
    assert.deepEqual(readToExtension({ type: 'ready' }), { type: 'ready', query: undefined });
    assert.deepEqual(readToExtension({ type: 'load', query: { month: '2024-05', products: ['AWP_CDN'] }, refresh: 1 }), {
      type: 'load',
      query: { month: '2024-05', products: ['AWP_CDN'] },
      refresh: false,
    });
    const view = { filter: 'alice', sort: { column: 'username', descending: true } };
    assert.deepEqual(readToExtension({ type: 'export', query: { month: '2024-05', products: ['AWP_CDN'] }, view }), {
      type: 'export',
      query: { month: '2024-05', products: ['AWP_CDN'] },
      view,
    });
    assert.deepEqual(readToExtension({ type: 'copy', text: 'a.example' }), { type: 'copy', text: 'a.example' });
  });
});

/** A minimal RFC 4180 reader for one line, to check that csvCell's output reads back. */
function readCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') ((cell += '"'), (i += 2));
        else if (line[i] === '"') {
          i++;
          break;
        } else cell += line[i++];
      }
    } else while (i < line.length && line[i] !== ',') cell += line[i++];
    cells.push(cell);
    if (i >= line.length) return cells;
    i++; // the comma
  }
}
