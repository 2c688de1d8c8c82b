/**
 * Attack suite, parsers (issue 19 item 4): text an attacker controls — an
 * inventory file in the workspace, a desired-state file, a pasted list of moves,
 * or an answer from a server posing as CLN — must be read in time linear in its
 * size and to an answer of bounded size, or be refused with a message that names
 * the limit. Each attack below hangs, crashes or balloons on 27d4ba7.
 *
 * Time is checked with a budget per input size, growing ×4 from 16 K characters
 * and stopping at the first size over budget: quadratic code fails in seconds,
 * and linear code stays 10–50× under the budget on a loaded 2-core machine.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isNagiosReport, nagiosMessage, parseNagios, parsePlain } from '../../../src/cln/decode';
import { detectFormat, fromAnsibleIni, fromAnsibleYaml, fromIpList, readCsv } from '../../../src/features/accountFile/core/inventory';
import { parseDesired } from '../../../src/features/accountFile/core/parse';
import { parseTransferRows } from '../../../src/features/transfer/core/transfer';

/** Milliseconds for one call: the best of three, so one pause of a shared machine does not count. */
function timeOf(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

/** The time budget for an input of n characters: 100 ms, plus 1 ms per 1,000 characters (1 MB: about 1.1 s). */
const budget = (n: number) => 100 + n / 1000;

/** A refusal is a fine answer to hostile text; a stack overflow or a TypeError is not. */
function survive(read: () => unknown): void {
  try {
    read();
  } catch (error) {
    assert.ok(error instanceof Error, `threw ${String(error)}`);
    assert.ok(!(error instanceof RangeError) && !(error instanceof TypeError), `${error.name}: ${error.message.slice(0, 200)}`);
    assert.ok(error.message.trim().length > 0, 'an error with no message');
  }
}

/** `read` of inputs of 16 K, 64 K, 256 K and 1 M characters: each within its budget, each at most ~linearly slower than the last. */
function assertLinear(what: string, make: (n: number) => string, read: (text: string) => unknown, maxChars = 1 << 20): void {
  let previous: number | undefined;
  for (let n = 1 << 14; n <= maxChars; n *= 4) {
    const text = make(n);
    const ms = timeOf(() => survive(() => read(text)));
    assert.ok(ms <= budget(n), `${what}: ${text.length} characters took ${ms.toFixed(0)} ms, over the budget of ${budget(n).toFixed(0)} ms`);
    // Linear: 4× the input, about 4× the time; quadratic would be 16×.
    if (previous !== undefined) assert.ok(ms <= 12 * previous + 25, `${what}: 4× the input took ${(ms / previous).toFixed(1)}× the time (${previous.toFixed(1)} → ${ms.toFixed(1)} ms)`);
    previous = ms;
  }
}

/** `unit` repeated to n characters. */
const repeat = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

describe('attack: parsers take linear time', function () {
  this.timeout(120_000);

  it('a Nagios check whose server line is a long run of blanks', () => {
    assertLinear(
      'server line',
      (n) => `KernelCare WARNING - 1 server\nweb1${' '.repeat(n)}x`,
      (body) => parseNagios(body, 'nagios'),
    );
  });

  it('a Nagios check with a group line of blanks between names', () => {
    assertLinear(
      'group line',
      (n) => `KernelCare WARNING - 1 server\nout of date: a${' '.repeat(n)}b, c`,
      (body) => parseNagios(body, 'nagios'),
    );
  });

  it('a *.plain answer whose field line is a long run of blanks', () => {
    assertLinear(
      'plain field',
      (n) => `success:true\nxmlrpc${' '.repeat(n)}true`,
      (body) => parsePlain(body, 'status.plain'),
    );
  });

  it('an Ansible INI inventory of lines that are a lone quote (once over budget inside the ini package)', () => {
    assertLinear(
      'Ansible INI',
      (n) => `${'"\n\''.repeat(Math.ceil(n / 3))}`,
      (text) => fromAnsibleIni(text),
    );
  });

  it('an IP list of comment marks ending in a line separator', () => {
    assertLinear(
      'ip list',
      (n) => `${'#'.repeat(n)}\u2028`,
      (text) => fromIpList(text),
    );
  });

  it('an inventory of blank lines under an opening bracket (format detection)', () => {
    assertLinear(
      'detect',
      (n) => `[${' \n'.repeat(n / 2)}x`,
      (text) => detectFormat('hosts', text),
    );
  });

  it('a pasted list of moves with no type (Change License IP)', () => {
    assertLinear(
      'moves',
      (n) => Array.from({ length: Math.ceil(n / 20) }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255},192.0.2.1`).join('\n'),
      (text) => parseTransferRows(text),
      1 << 18,
    );
  });

  it('any text shaped like a backtracking attack, through every decoder of text (property)', () => {
    // The classic shape: a prefix, one short piece repeated many times, a suffix that makes the match fail at the end.
    const piece = fc.constantFrom(
      'a',
      'is',
      ' is ',
      '(',
      ')',
      ',',
      ';',
      '=',
      '1',
      '-',
      '#',
      '//',
      ':',
      '[',
      ']',
      '"',
      "'",
      '\u2028',
      '|',
      'x=1',
      '192.0.2.1',
      '&a ',
      '*a',
      '{',
      '}',
      '- ',
      '\n',
      '\r\n',
      'KernelCare OK ',
      'uptodate=1',
      'message:',
      'code:',
      'out of date:',
      '\\',
    );
    const blank = fc.constantFrom(' ', '\t', ' \n', '\n', '\r', ', ', '; ');
    const pieces = (max: number) => fc.array(fc.oneof(piece, blank), { maxLength: max }).map((p) => p.join(''));
    const unit = fc.oneof(
      fc.array(blank, { minLength: 1, maxLength: 2 }).map((p) => p.join('')),
      fc.array(fc.oneof(piece, blank), { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
    );
    const readers: [string, (text: string) => unknown][] = [
      ['Nagios (first line)', (text) => parseNagios(text, 'nagios')],
      ['Nagios (server line)', (text) => parseNagios(`KernelCare WARNING - x\n${text}`, 'nagios')],
      ['Nagios (group line)', (text) => parseNagios(`uptodate=1\nout of date: ${text}`, 'nagios')],
      ['Nagios (is it a report?)', (text) => [isNagiosReport(text), nagiosMessage(text)]],
      ['*.plain', (text) => parsePlain(`success:true ${text}\n${text}`, 'plain')],
      ['inventory format', (text) => detectFormat('hosts', text)],
      ['IP list', (text) => fromIpList(text)],
      ['CSV', (text) => readCsv(text)],
      ['Ansible INI', (text) => fromAnsibleIni(text)],
      ['Ansible YAML', (text) => fromAnsibleYaml(text)],
      ['desired-state file', (text) => parseDesired(text)],
      ['moves', (text) => parseTransferRows(text)],
    ];
    fc.assert(
      fc.property(pieces(3), unit, pieces(3), fc.integer({ min: 0, max: readers.length - 1 }), (prefix, repeated, suffix, which) => {
        const [what, read] = readers[which];
        assertLinear(`${what} of ${JSON.stringify(prefix)} + ${JSON.stringify(repeated)}… + ${JSON.stringify(suffix)}`, (n) => prefix + repeat(repeated, n) + suffix, read, 1 << 18);
      }),
      { numRuns: Number(process.env.CLN_FUZZ_RUNS) || 100 },
    );
  });
});

describe('attack: parsers give bounded answers', function () {
  this.timeout(60_000);

  it('a billion-laughs YAML inventory of under 1 KB does not expand into a million hosts', () => {
    let text = 'g0: &g0\n  hosts:\n    web1:\n      ansible_host: 192.0.2.1\n';
    for (let i = 1; i <= 6; i++) text += `g${i}: &g${i}\n  children: { ${Array.from({ length: 10 }, (_, j) => `c${j}: *g${i - 1}`).join(', ')} }\n`;
    assert.ok(text.length < 1024);
    let hosts: number | undefined;
    const ms = timeOf(() => {
      try {
        hosts = fromAnsibleYaml(text).hosts.length;
      } catch (error) {
        assert.match(String(error), /100,000 hosts/);
      }
    });
    // Read once, the file names one host; a reader that expands aliases must stop at its limit.
    assert.ok(hosts === undefined || hosts <= 100_000, `${hosts} hosts from ${text.length} bytes`);
    assert.ok(ms < 1000, `${ms} ms`);
  });

  it('a YAML inventory whose group contains itself ends', () => {
    const parsed = fromAnsibleYaml('all: &all\n  hosts:\n    192.0.2.7: {}\n  children:\n    again: *all\n');
    assert.deepEqual(parsed.hosts, [{ ip: '192.0.2.7' }]);
  });

  it('a 5 MB single line in a Nagios check is refused, naming the limit', () => {
    const line = `KernelCare OK - ${'x'.repeat(5 * 1024 * 1024)}`;
    assert.throws(() => parseNagios(line, 'nagios'), /longer than 1,000,000 characters/);
    assert.throws(() => parseNagios(`KernelCare OK - fine\nweb1 is ${'x'.repeat(5 * 1024 * 1024)}`, 'nagios'), /longer than 1,000,000 characters/);
  });

  it('a Nagios check naming 150,000 servers is refused, naming the limit', () => {
    const body = `KernelCare CRITICAL - many\nout of date: ${'a, '.repeat(150_000)}`;
    assert.throws(() => parseNagios(body, 'nagios'), /more than 100,000 servers/);
  });

  it('a CSV inventory with a million columns is refused, naming the limit', () => {
    assert.throws(() => readCsv(`${'ip,'.repeat(1_000_000)}ip\n192.0.2.1\n`), /more than 1,000 columns/);
  });

  it('an IP list of more hosts than the limit is refused, naming it', () => {
    const text = Array.from({ length: 100_001 }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`).join('\n');
    assert.throws(() => fromIpList(text), /The inventory has more than 100,000 hosts; CLN Explorer reads at most 100,000\./);
  });

  it('an Ansible INI inventory nested ten thousand sections deep is read, not crashed on', () => {
    const parsed = fromAnsibleIni(`[${'web.'.repeat(10_000)}eu]\nweb1 ansible_host=192.0.2.1\n`);
    assert.deepEqual(parsed.hosts, [{ ip: '192.0.2.1', hostname: 'web1' }]);
  });

  it('a desired-state file nested a hundred thousand levels deep is a problem, not a crash', () => {
    const parsed = parseDesired(`{"ipLicenses": {"prune": true, "licenses": [${'['.repeat(100_000)}${']'.repeat(100_000)}]}}`);
    assert.equal(parsed.ipLicenses.present, false, 'nothing of the file is planned');
    assert.match(parsed.problems.map((p) => p.message).join('\n'), /nests more than 64 levels/);
  });
});
