/**
 * The bounds of src/cln/limits.ts, each at its edge: the limit itself is read,
 * one past it is refused with a message naming it (or, for the Nagios summary,
 * shortened). And canonicalIp, which inventory comparison (and the plan)
 * compare addresses by.
 */
import * as assert from 'node:assert/strict';
import { canonicalIp } from '../../src/cln/address';
import { parseNagios } from '../../src/cln/decode';
import * as L from '../../src/cln/limits';
import * as inventory from '../../src/features/accountFile/core/inventory';
import { parseDesired } from '../../src/features/accountFile/core/parse';

const ips = (n: number) => Array.from({ length: n }, (_, i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
const limitMessage = (n: number) => new RegExp(`longer than ${L.formatLimit(n)} characters`);

describe('limits: inventories', function () {
  this.timeout(60_000);
  const tooMany = /The inventory has more than 100,000 hosts; CLN Explorer reads at most 100,000\./;

  it(`MAX_INVENTORY_HOSTS (${L.MAX_INVENTORY_HOSTS}): that many hosts are read, one more is refused — in every format`, () => {
    assert.equal(L.MAX_INVENTORY_HOSTS, 100_000);
    const list = ips(L.MAX_INVENTORY_HOSTS + 1);
    assert.equal(inventory.fromIpList(list.slice(0, -1).join('\n')).hosts.length, L.MAX_INVENTORY_HOSTS);
    assert.throws(() => inventory.fromIpList(list.join('\n')), tooMany);
    // Hosts that cannot be used count too: the limit bounds the work, not only the answer.
    assert.throws(() => inventory.fromIpList(list.slice(0, -1).join('\n') + '\nnot-an-ip'), tooMany);
    assert.equal(inventory.readCsv(['ip', ...list.slice(0, -1)].join('\n')).rows.length, L.MAX_INVENTORY_HOSTS);
    assert.throws(() => inventory.readCsv(['ip', ...list].join('\n')), tooMany);
    assert.throws(() => inventory.fromAnsibleIni(['[all]', ...list].join('\n')), tooMany);
    assert.throws(() => inventory.fromAnsibleYaml(['all:', '  hosts:', ...list.map((ip) => `    ${ip}:`)].join('\n')), tooMany);
  });

  it(`MAX_CSV_COLUMNS (${L.MAX_CSV_COLUMNS}): a header of that many columns is read, one more is refused`, () => {
    const header = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(',');
    assert.equal(inventory.readCsv(`${header(L.MAX_CSV_COLUMNS)}\n192.0.2.1\n`).header.length, L.MAX_CSV_COLUMNS);
    assert.throws(() => inventory.readCsv(`${header(L.MAX_CSV_COLUMNS + 1)}\n192.0.2.1\n`), /The CSV has more than 1,000 columns; CLN Explorer reads at most 1,000\./);
  });

  it(`MAX_INVENTORY_BYTES (${L.MAX_INVENTORY_BYTES}): counted in UTF-8 bytes, before anything is parsed`, () => {
    assert.equal(inventory.inventorySizeProblem(L.MAX_INVENTORY_BYTES), undefined);
    assert.equal(inventory.inventorySizeProblem(L.MAX_INVENTORY_BYTES + 1), 'The inventory is larger than 16 MB; CLN Explorer reads inventories of at most 16 MB.');
    assert.doesNotThrow(() => inventory.checkInventorySize(' '.repeat(L.MAX_INVENTORY_BYTES)));
    assert.throws(() => inventory.fromIpList(' '.repeat(L.MAX_INVENTORY_BYTES + 1)), /larger than 16 MB/);
    // Two bytes a character: half as many characters are already too many.
    assert.throws(() => inventory.readCsv('é'.repeat(L.MAX_INVENTORY_BYTES / 2 + 1)), /larger than 16 MB/);
  });

  it(`MAX_YAML_DEPTH (${L.MAX_YAML_DEPTH}) and MAX_YAML_ALIASES (${L.MAX_YAML_ALIASES}) are js-yaml's limits, named in the error`, () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    assert.doesNotThrow(() => inventory.fromAnsibleYaml(`all: ${nested(L.MAX_YAML_DEPTH - 2)}`));
    assert.throws(
      () => inventory.fromAnsibleYaml(`all: ${nested(L.MAX_YAML_DEPTH + 1)}`),
      (error: Error) => /maxDepth \(64\)/.test(error.message) && !error.message.includes('\n'),
    );
    const aliases = (n: number) => `a: &a 1\nb: [${'*a, '.repeat(n)}]\n`;
    assert.doesNotThrow(() => inventory.fromAnsibleYaml(aliases(L.MAX_YAML_ALIASES)));
    assert.throws(() => inventory.fromAnsibleYaml(aliases(L.MAX_YAML_ALIASES + 1)), /maxAliases \(10000\)/);
  });

  it(`a value that cannot be used is quoted with at most MAX_QUOTED_CHARS (${L.MAX_QUOTED_CHARS}) characters`, () => {
    const { skipped } = inventory.fromIpList(`192.0.2.1 ${'x'.repeat(5_000_000)}`);
    assert.equal(skipped.length, 1);
    assert.ok(skipped[0].length < 100, skipped[0].slice(0, 120));
    assert.equal(L.quoted('x'.repeat(L.MAX_QUOTED_CHARS)), 'x'.repeat(L.MAX_QUOTED_CHARS));
    assert.equal(L.quoted('x'.repeat(L.MAX_QUOTED_CHARS + 1)), `${'x'.repeat(L.MAX_QUOTED_CHARS)}…`);
  });
});

describe('limits: Nagios checks', function () {
  this.timeout(60_000);

  it(`MAX_NAGIOS_LINE_CHARS (${L.MAX_NAGIOS_LINE_CHARS}): a line that long is read, one character more is refused`, () => {
    const head = 'KernelCare OK - ';
    assert.equal(parseNagios(head + 'x'.repeat(L.MAX_NAGIOS_LINE_CHARS - head.length), 'n').state, 'OK');
    assert.throws(() => parseNagios(head + 'x'.repeat(L.MAX_NAGIOS_LINE_CHARS - head.length + 1), 'n'), limitMessage(L.MAX_NAGIOS_LINE_CHARS));
  });

  it(`MAX_NAGIOS_SERVERS (${L.MAX_NAGIOS_SERVERS}): that many servers are read, one more is refused`, () => {
    const body = (n: number) => `uptodate=0;outofdate=${n}\n${Array.from({ length: n }, (_, i) => `s${i} is OUTOFDATE`).join('\n')}`;
    assert.equal(parseNagios(body(L.MAX_NAGIOS_SERVERS), 'n').servers.length, L.MAX_NAGIOS_SERVERS);
    assert.throws(() => parseNagios(body(L.MAX_NAGIOS_SERVERS + 1), 'n'), /names more than 100,000 servers; CLN Explorer reads at most 100,000/);
  });

  it(`MAX_NAGIOS_NAME_CHARS (${L.MAX_NAGIOS_NAME_CHARS}): a name that long is read, one character more is refused`, () => {
    const host = (n: number) => `KernelCare WARNING - 1\n${'h'.repeat(n)} (192.0.2.1) is OUTOFDATE`;
    assert.equal(parseNagios(host(L.MAX_NAGIOS_NAME_CHARS), 'n').servers[0].host.length, L.MAX_NAGIOS_NAME_CHARS);
    assert.throws(() => parseNagios(host(L.MAX_NAGIOS_NAME_CHARS + 1), 'n'), /more than 1,000 characters/);
    assert.throws(() => parseNagios(`KernelCare WARNING - 1\nout of date: ${'h'.repeat(L.MAX_NAGIOS_NAME_CHARS + 1)}`, 'n'), /more than 1,000 characters/);
  });

  it(`MAX_NAGIOS_SUMMARY_CHARS (${L.MAX_NAGIOS_SUMMARY_CHARS}): a longer summary is shortened, with "…"`, () => {
    const summary = (n: number) => parseNagios(`KernelCare OK - ${'s'.repeat(n)}`, 'n').summary;
    assert.equal(summary(L.MAX_NAGIOS_SUMMARY_CHARS), 's'.repeat(L.MAX_NAGIOS_SUMMARY_CHARS));
    assert.equal(summary(L.MAX_NAGIOS_SUMMARY_CHARS + 1), `${'s'.repeat(L.MAX_NAGIOS_SUMMARY_CHARS)}…`);
  });
});

describe('limits: desired-state files and pasted lists', () => {
  const limitProblems = (text: string) => parseDesired(text).problems.filter((p) => /CLN Explorer plans files/.test(p.message));

  it(`MAX_DESIRED_DEPTH (${L.MAX_DESIRED_DEPTH}): that deep is planned, one level more is one problem and nothing planned`, () => {
    const file = (depth: number) => `{"ipLicenses": {"prune": true, "licenses": [], "x": ${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}}`;
    assert.deepEqual(limitProblems(file(L.MAX_DESIRED_DEPTH)), []);
    assert.equal(parseDesired(file(L.MAX_DESIRED_DEPTH)).ipLicenses.present, true);
    const deeper = parseDesired(file(L.MAX_DESIRED_DEPTH + 1));
    assert.deepEqual(
      deeper.problems.map((p) => p.message),
      ['The file nests more than 64 levels deep; CLN Explorer plans files nested at most 64 levels.'],
    );
    assert.equal(deeper.ipLicenses.present, false);
  });

  it(`MAX_DESIRED_FILE_CHARS (${L.MAX_DESIRED_FILE_CHARS}): a longer file is one problem and nothing planned`, () => {
    const file = (n: number) => `{"ipLicenses": {"prune": true, "licenses": []}}`.padEnd(n, ' ');
    assert.deepEqual(limitProblems(file(L.MAX_DESIRED_FILE_CHARS)), []);
    const longer = parseDesired(file(L.MAX_DESIRED_FILE_CHARS + 1));
    assert.match(longer.problems.map((p) => p.message).join('\n'), /more than 10,485,760 characters/);
    assert.equal(longer.ipLicenses.present, false);
  });

  it(`MAX_PASTED_LIST_CHARS (${L.MAX_PASTED_LIST_CHARS}): a longer paste is refused before it is split`, () => {
    assert.equal(L.pastedListProblem(' '.repeat(L.MAX_PASTED_LIST_CHARS), 100), undefined);
    assert.equal(
      L.pastedListProblem(' '.repeat(L.MAX_PASTED_LIST_CHARS + 1), 100),
      'The list is longer than 100,000 characters; CLN Explorer reads at most 100,000 characters (up to 100 addresses at once).',
    );
  });
});

describe('canonicalIp', () => {
  it('spells an address one way: IPv4 as is, IPv6 compressed and in lower case, trimmed', () => {
    const cases: [string, string | undefined][] = [
      ['192.0.2.1', '192.0.2.1'],
      ['  192.0.2.1\t', '192.0.2.1'],
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['::FFFF:192.0.2.1', '::ffff:c000:201'],
      ['::', '::'],
      ['fe80::1%eth0', 'fe80::1%eth0'],
      ['192.000.002.001', undefined],
      ['web1.example', undefined],
      ['', undefined],
      ['1.2.3.4/24', undefined],
    ];
    for (const [text, canonical] of cases) assert.equal(canonicalIp(text), canonical, JSON.stringify(text));
  });
});
