/**
 * Input rules of shared/cln-api/README.md ("Inputs the client validates before it calls"),
 * checked against the exact message a user sees, and the argument specs of params.ts.
 */
import * as assert from 'node:assert/strict';
import { AWP_PRODUCTS, ELS_CODES, IP_LICENSE_TYPES } from '../../src/cln/catalog';
import { param, optional, inPath } from '../../src/cln/params';
import * as v from '../../src/cln/validate';

describe('validate: IP addresses', () => {
  for (const ip of ['192.0.2.1', '0.0.0.0', '255.255.255.255', '::1', '2001:db8::1', '::', 'fe80::1', '2001:0db8:0000:0000:0000:ff00:0042:8329', '::ffff:192.0.2.1']) {
    it(`accepts ${ip}`, () => assert.equal(v.checkIp(ip), undefined));
  }
  it('accepts an address with surrounding blanks (input boxes trim)', () => assert.equal(v.checkIp('  10.0.0.1 '), undefined));
  for (const bad of ['256.1.1.1', '1.2.3', '1.2.3.4.5', '1.2.3.-1', 'a.b.c.d', '2001:db8::1::2', '12345::1', 'localhost', '192.0.2.1/24', '1.2.3.4 5.6.7.8']) {
    it(`rejects "${bad}"`, () => assert.equal(v.checkIp(bad), `"${bad}" is not a valid IPv4 or IPv6 address.`));
  }
  it('rejects an empty or blank entry with a prompt', () => {
    assert.equal(v.checkIp(''), 'Enter an IPv4 or IPv6 address.');
    assert.equal(v.checkIp('   '), 'Enter an IPv4 or IPv6 address.');
  });
});

describe('validate: IP lists (ipl/server.json, at most 100)', () => {
  const ips = (n: number) => Array.from({ length: n }, (_, i) => `10.0.${Math.floor(i / 256)}.${i % 256}`);
  it('MAX_IPS_PER_SERVER_CALL is 100', () => assert.equal(v.MAX_IPS_PER_SERVER_CALL, 100));
  it('accepts 1 and exactly 100 addresses', () => {
    assert.equal(v.checkIpList(['192.0.2.1']), undefined);
    assert.equal(v.checkIpList(ips(100)), undefined);
  });
  it('rejects 101 addresses with the count', () => assert.equal(v.checkIpList(ips(101)), 'At most 100 IP addresses per request (got 101).'));
  it('rejects an empty list', () => assert.equal(v.checkIpList([]), 'Enter at least one IP address.'));
  it('names the first bad address in a list', () => assert.equal(v.checkIpList(['192.0.2.1', '::1', '300.0.0.1', 'x']), '"300.0.0.1" is not a valid IPv4 or IPv6 address.'));
  it('honours a custom maximum', () => assert.equal(v.checkIpList(ips(3), 2), 'At most 2 IP addresses per request (got 3).'));
  it('accepts mixed IPv4 and IPv6', () => assert.equal(v.checkIpList(['192.0.2.1', '2001:db8::1', '::1']), undefined));
});

describe('validate: splitList', () => {
  it('splits on spaces, commas, semicolons, tabs and newlines, dropping empties', () => {
    assert.deepEqual(v.splitList('10.0.0.0/8, 192.168.0.0/16;172.16.0.0/12  1.2.3.4/32\n::1/128\t2001:db8::/32,,;'), [
      '10.0.0.0/8',
      '192.168.0.0/16',
      '172.16.0.0/12',
      '1.2.3.4/32',
      '::1/128',
      '2001:db8::/32',
    ]);
  });
  it('gives an empty list for blank text', () => {
    assert.deepEqual(v.splitList(''), []);
    assert.deepEqual(v.splitList(' ,; \n'), []);
  });
  it('keeps a single token as is', () => assert.deepEqual(v.splitList('abc'), ['abc']));
});

describe('validate: CIDR lists (kcare set_cidr)', () => {
  for (const ok of ['192.0.2.0/24', '10.0.0.0/8', '0.0.0.0/0', '1.2.3.4/32', '2001:db8::/32', '::1/128', '::/0']) {
    it(`accepts ${ok}`, () => assert.equal(v.checkCidr(ok), undefined));
  }
  it('rejects /33 for IPv4', () => assert.equal(v.checkCidr('192.0.2.0/33'), 'The prefix /33 in "192.0.2.0/33" is larger than /32.'));
  it('rejects /129 for IPv6', () => assert.equal(v.checkCidr('2001:db8::/129'), 'The prefix /129 in "2001:db8::/129" is larger than /128.'));
  it('accepts /128 for IPv6 but not for IPv4', () => {
    assert.equal(v.checkCidr('2001:db8::1/128'), undefined);
    assert.equal(v.checkCidr('192.0.2.1/128'), 'The prefix /128 in "192.0.2.1/128" is larger than /32.');
  });
  it('rejects a bad address', () => assert.equal(v.checkCidr('300.0.0.0/8'), '"300.0.0.0" in "300.0.0.0/8" is not a valid IP address.'));
  it('rejects a missing prefix', () => {
    assert.equal(v.checkCidr('192.0.2.0'), '"192.0.2.0" is not in CIDR form (address/prefix, e.g. 192.0.2.0/24).');
    assert.equal(v.checkCidr('192.0.2.0/'), '"192.0.2.0/" is not in CIDR form (address/prefix, e.g. 192.0.2.0/24).');
  });
  it('rejects a non-numeric or negative prefix', () => {
    assert.equal(v.checkCidr('192.0.2.0/ab'), '"192.0.2.0/ab" is not in CIDR form (address/prefix, e.g. 192.0.2.0/24).');
    assert.equal(v.checkCidr('192.0.2.0/-1'), '"192.0.2.0/-1" is not in CIDR form (address/prefix, e.g. 192.0.2.0/24).');
    assert.equal(v.checkCidr('192.0.2.0/1000'), '"192.0.2.0/1000" is not in CIDR form (address/prefix, e.g. 192.0.2.0/24).');
  });
  it('accepts lists split by spaces, commas and semicolons', () => {
    assert.equal(v.checkCidrList('10.0.0.0/8 192.168.0.0/16'), undefined);
    assert.equal(v.checkCidrList('10.0.0.0/8,192.168.0.0/16'), undefined);
    assert.equal(v.checkCidrList('10.0.0.0/8;192.168.0.0/16'), undefined);
    assert.equal(v.checkCidrList('10.0.0.0/8, 2001:db8::/48 ; 192.168.0.0/16'), undefined);
  });
  it('reports the first bad entry of a list', () => {
    assert.equal(v.checkCidrList('10.0.0.0/8, 10.0.0.0/33; 1.1.1.1'), 'The prefix /33 in "10.0.0.0/33" is larger than /32.');
    assert.equal(v.checkCidrList('10.0.0.0/8 1.1.1.1'), '"1.1.1.1" is not in CIDR form (address/prefix, e.g. 192.0.2.0/24).');
    assert.equal(v.checkCidrList('2001:db8::/129,10.0.0.0/8'), 'The prefix /129 in "2001:db8::/129" is larger than /128.');
  });
  it('rejects an empty list', () => {
    assert.equal(v.checkCidrList(''), 'Enter at least one IP range in CIDR form, e.g. 192.0.2.0/24.');
    assert.equal(v.checkCidrList(' ; , '), 'Enter at least one IP range in CIDR form, e.g. 192.0.2.0/24.');
  });
});

describe('validate: limits', () => {
  const LIMIT = 'The limit is a whole number of servers, 0 or more (0 means unlimited).';
  it('accepts 0 (unlimited), 1 and large whole numbers', () => {
    assert.equal(v.checkLimit(0), undefined);
    assert.equal(v.checkLimit(1), undefined);
    assert.equal(v.checkLimit(1_000_000), undefined);
  });
  it('rejects negative numbers', () => {
    assert.equal(v.checkLimit(-1), LIMIT);
    assert.equal(v.checkLimit(-100), LIMIT);
  });
  it('rejects non-integers and non-finite numbers', () => {
    assert.equal(v.checkLimit(1.5), LIMIT);
    assert.equal(v.checkLimit(0.1), LIMIT);
    assert.equal(v.checkLimit(Number.NaN), LIMIT);
    assert.equal(v.checkLimit(Number.POSITIVE_INFINITY), LIMIT);
  });
  it('rejects absurdly large limits', () => assert.equal(v.checkLimit(1_000_001), 'The limit is too large.'));
});

describe('validate: parseWholeNumber', () => {
  it('parses whole numbers with surrounding blanks and a sign', () => {
    assert.equal(v.parseWholeNumber('0'), 0);
    assert.equal(v.parseWholeNumber('42'), 42);
    assert.equal(v.parseWholeNumber(' 7 '), 7);
    assert.equal(v.parseWholeNumber('-20'), -20);
    assert.equal(v.parseWholeNumber('007'), 7);
  });
  for (const bad of ['', ' ', '1.5', '1e3', '0x10', '+5', '1 000', '12abc', 'abc', '--1', 'Infinity']) {
    it(`gives NaN for "${bad}"`, () => assert.ok(Number.isNaN(v.parseWholeNumber(bad))));
  }
  it('feeds checkLimit: "-1" → rejected, "abc" → rejected, "3" → ok', () => {
    assert.notEqual(v.checkLimit(v.parseWholeNumber('-1')), undefined);
    assert.notEqual(v.checkLimit(v.parseWholeNumber('abc')), undefined);
    assert.equal(v.checkLimit(v.parseWholeNumber('3')), undefined);
  });
});

describe('validate: backups', () => {
  const SIZE = 'The backup size is in GB, a positive multiple of 10 (10, 20, 30, …).';
  const DELTA = 'The change is in GB, a non-zero multiple of 10; negative to shrink (e.g. 20 or -10).';
  it('size: accepts positive multiples of 10', () => {
    for (const n of [10, 20, 100, 1000]) assert.equal(v.checkBackupSize(n), undefined, String(n));
  });
  it('size: rejects 0, negatives, non-multiples of 10 and fractions', () => {
    for (const n of [0, -10, 5, 15, 11, 10.5, Number.NaN]) assert.equal(v.checkBackupSize(n), SIZE, String(n));
  });
  it('delta: accepts signed non-zero multiples of 10', () => {
    for (const n of [10, -10, 20, -20, 500, -1000]) assert.equal(v.checkBackupDelta(n), undefined, String(n));
  });
  it('delta: rejects 0, non-multiples of 10 and fractions', () => {
    for (const n of [0, 5, -5, 15, -11, 9.99, Number.NaN]) assert.equal(v.checkBackupDelta(n), DELTA, String(n));
  });
});

describe('validate: KernelCare note', () => {
  it('accepts empty text, 1 and exactly 100 characters', () => {
    assert.equal(v.MAX_KCARE_NOTE, 100);
    assert.equal(v.checkNote(''), undefined);
    assert.equal(v.checkNote('x'), undefined);
    assert.equal(v.checkNote('a'.repeat(100)), undefined);
  });
  it('rejects 101 characters with the count', () => assert.equal(v.checkNote('a'.repeat(101)), 'The note may have at most 100 characters (it has 101).'));
  it('honours a custom maximum', () => assert.equal(v.checkNote('abcd', 3), 'The note may have at most 3 characters (it has 4).'));
});

describe('validate: Nagios monitoring key', () => {
  const MSG = 'A monitoring key has 16 to 32 letters (a–z, A–Z) and digits.';
  it('accepts 16 and 32 ASCII letters and digits', () => {
    assert.equal(v.checkMonitoringKey('WsTs821nSAtiastD'), undefined);
    assert.equal(v.checkMonitoringKey('a'.repeat(16)), undefined);
    assert.equal(v.checkMonitoringKey('A1'.repeat(16)), undefined);
  });
  it('rejects 15 and 33 characters', () => {
    assert.equal(v.checkMonitoringKey('a'.repeat(15)), MSG);
    assert.equal(v.checkMonitoringKey('a'.repeat(33)), MSG);
  });
  it('rejects punctuation, spaces, underscores and non-ASCII letters', () => {
    for (const key of ['WsTs821nSAtiast-', 'WsTs821n SAtiastD', 'WsTs821n_SAtiastD', 'WsTs821nSAtiastDé', 'ÄsTs821nSAtiastDD', '']) {
      assert.equal(v.checkMonitoringKey(key), MSG, key);
    }
  });
});

describe('validate: yearMonth', () => {
  it('accepts yyyy-MM', () => {
    for (const ym of ['2026-01', '2026-12', '2023-12', '1999-09']) assert.equal(v.checkYearMonth(ym), undefined, ym);
  });
  for (const bad of ['2026-13', '2026-00', '2026-1', '26-01', '2026/01', '2026-01-01', '202601', ' 2026-01', '']) {
    it(`rejects "${bad}"`, () => assert.equal(v.checkYearMonth(bad), `"${bad}" is not a month in yyyy-MM form, e.g. 2026-03.`));
  }
});

describe('validate: identifiers and names', () => {
  it('identifier: accepts one token of printable text, including + and _', () => {
    for (const id of ['CELS7+SLA', 'CELS_8', '360_UN', 'WsTs821nSAtiastD', 'SERVER-1']) assert.equal(v.checkIdentifier(id, 'key'), undefined, id);
  });
  it('identifier: rejects empty, blanks inside, control characters and >200 chars', () => {
    assert.equal(v.checkIdentifier('', 'KernelCare key'), 'Enter the KernelCare key.');
    assert.equal(v.checkIdentifier('   ', 'KernelCare key'), 'Enter the KernelCare key.');
    assert.equal(v.checkIdentifier('ELS CELS7', 'ELS product code'), 'The ELS product code must not contain spaces or control characters.');
    assert.equal(v.checkIdentifier('a\u0007b', 'key'), 'The key must not contain spaces or control characters.');
    assert.equal(v.checkIdentifier('k'.repeat(201), 'key'), 'The key is too long.');
    assert.equal(v.checkIdentifier('k'.repeat(200), 'key'), undefined);
  });
  it('name: allows spaces but not control characters, at most 200 chars', () => {
    assert.equal(v.checkName('Web servers EU', 'group name'), undefined);
    assert.equal(v.checkName('', 'group name'), 'Enter the group name.');
    assert.equal(v.checkName(' ', 'group name'), 'Enter the group name.');
    assert.equal(v.checkName('a\nb', 'group name'), 'The group name must not contain control characters.');
    assert.equal(v.checkName('n'.repeat(201), 'group name'), 'The group name may have at most 200 characters.');
  });
});

describe('params: argument specs', () => {
  it('ipType() is open-ended: every catalog type and any other positive whole number (2, 44, 7215, 99999); refuses 0 and non-integers', () => {
    const spec = param.ipType();
    for (const { code } of IP_LICENSE_TYPES) assert.equal(spec.validate(code), undefined, String(code));
    for (const code of [1, 2, 3, 44, 5017, 7215, 99999]) assert.equal(spec.validate(code), undefined, String(code));
    assert.equal(spec.validate(0), '0 is not an IP license type (a whole number, 1 or more).');
    assert.match(spec.validate(-4) ?? '', /^-4 is not an IP license type/);
    assert.match(spec.validate(1.5) ?? '', /^1.5 is not an IP license type/);
  });
  it('ipType() rejects non-numbers ("1", NaN, Infinity)', () => {
    const spec = param.ipType();
    assert.equal(spec.validate('1' as never), 'expected a number');
    assert.equal(spec.validate(Number.NaN), 'expected a number');
    assert.equal(spec.validate(Number.POSITIVE_INFINITY), 'expected a number');
  });
  it('ipType().encode writes the number', () => assert.equal(param.ipType().encode(1002), '1002'));

  it('awpProducts() accepts one or both products and rejects others or none', () => {
    const spec = param.awpProducts();
    assert.equal(spec.validate(['AWP_PREMIUM']), undefined);
    assert.equal(spec.validate(['AWP_CDN']), undefined);
    assert.equal(spec.validate([...AWP_PRODUCTS]), undefined);
    assert.equal(spec.validate([]), 'Choose at least one product.');
    assert.equal(spec.validate('AWP_CDN' as never), 'Choose at least one product.');
    assert.equal(spec.validate(['AWP_CDN', 'AWP_FREE' as never]), 'Products are AWP_PREMIUM and AWP_CDN.');
    assert.equal(spec.validate(['awp_cdn' as never]), 'Products are AWP_PREMIUM and AWP_CDN.');
  });
  it('awpProducts().encode joins with commas', () => assert.equal(param.awpProducts().encode(['AWP_PREMIUM', 'AWP_CDN']), 'AWP_PREMIUM,AWP_CDN'));

  it('ids() needs a non-empty list of identifiers and joins them with commas', () => {
    const spec = param.ids('server id');
    assert.equal(spec.validate(['SERVER-1', 'SERVER-2']), undefined);
    assert.equal(spec.validate([]), 'Select at least one server id.');
    assert.equal(spec.validate('SERVER-1' as never), 'Select at least one server id.');
    assert.equal(spec.validate(['SERVER-1', '']), 'Enter the server id.');
    assert.equal(spec.validate(['SERVER 1']), 'The server id must not contain spaces or control characters.');
    assert.equal(spec.encode(['SERVER-1', 'SERVER-2']), 'SERVER-1,SERVER-2');
  });
  it('ids() rejects non-text entries with a message instead of throwing', () => {
    const spec = param.ids('server id');
    assert.equal(spec.validate([42 as never]), 'Each server id must be text.');
    assert.equal(spec.validate(['SERVER-1', null as never]), 'Each server id must be text.');
  });

  it('ipList() validates like checkIpList and joins with commas', () => {
    const spec = param.ipList();
    assert.equal(spec.validate(['192.0.2.1', '2001:db8::1']), undefined);
    assert.equal(spec.validate('192.0.2.1' as never), 'expected a list of IP addresses');
    assert.equal(spec.validate([]), 'Enter at least one IP address.');
    assert.equal(spec.encode(['192.0.2.1', '2001:db8::1']), '192.0.2.1,2001:db8::1');
    assert.equal(param.ipList(2).validate(['1.1.1.1', '2.2.2.2', '3.3.3.3']), 'At most 2 IP addresses per request (got 3).');
  });
  it('ip() and ipList() send addresses without the blanks checkIp tolerates', () => {
    assert.equal(param.ip().validate(' 192.0.2.1 '), undefined);
    assert.equal(param.ip().encode(' 192.0.2.1 '), '192.0.2.1');
    assert.equal(param.ipList().encode([' 192.0.2.1', '::1\n']), '192.0.2.1,::1');
  });
  it('ipList() rejects non-text entries with a message instead of throwing', () => {
    assert.equal(param.ipList().validate([167772161 as never]), 'expected a list of IP addresses as text');
    assert.equal(param.ipList().validate(['192.0.2.1', {} as never]), 'expected a list of IP addresses as text');
  });

  it('id().encode leaves CELS7+SLA as is, for URLSearchParams to encode the +', () => {
    const spec = param.id('ELS product code');
    assert.equal(spec.validate('CELS7+SLA'), undefined);
    assert.equal(spec.encode('CELS7+SLA'), 'CELS7+SLA');
    const query = new URLSearchParams();
    query.append('code', spec.encode('CELS7+SLA'));
    assert.equal(query.toString(), 'code=CELS7%2BSLA');
    assert.equal(new URLSearchParams(query.toString()).get('code'), 'CELS7+SLA');
  });
  it('id() accepts every ELS code of the catalog', () => {
    for (const { code } of ELS_CODES) assert.equal(param.id('ELS product code').validate(code), undefined, code);
  });
  it('id() rejects non-text', () => assert.equal(param.id('key').validate(5 as never), 'expected text'));

  it('flag() takes only booleans and writes true/false', () => {
    const spec = param.flag();
    assert.equal(spec.validate(true), undefined);
    assert.equal(spec.validate(false), undefined);
    assert.equal(spec.validate('true' as never), 'expected true or false');
    assert.equal(spec.validate(1 as never), 'expected true or false');
    assert.equal(spec.encode(true), 'true');
    assert.equal(spec.encode(false), 'false');
  });

  it('limit(), backupSize(), backupDelta(), count() check numbers and write them', () => {
    assert.equal(param.limit().validate(0), undefined);
    assert.equal(param.limit().validate(-1), 'The limit is a whole number of servers, 0 or more (0 means unlimited).');
    assert.equal(param.limit().validate('2' as never), 'expected a number');
    assert.equal(param.backupSize().validate(10), undefined);
    assert.equal(param.backupSize().validate(15), 'The backup size is in GB, a positive multiple of 10 (10, 20, 30, …).');
    assert.equal(param.backupDelta().validate(-10), undefined);
    assert.equal(param.backupDelta().validate(0), 'The change is in GB, a non-zero multiple of 10; negative to shrink (e.g. 20 or -10).');
    assert.equal(param.backupDelta().encode(-20), '-20');
    assert.equal(param.count().validate(0), undefined);
    assert.equal(param.count().validate(-1), 'expected a whole number, 0 or more');
    assert.equal(param.count().validate(2.5), 'expected a whole number, 0 or more');
  });

  it('note() limits to 100 characters; freeText() takes any text', () => {
    assert.equal(param.note().validate('a'.repeat(100)), undefined);
    assert.equal(param.note().validate('a'.repeat(101)), 'The note may have at most 100 characters (it has 101).');
    assert.equal(param.note().validate(7 as never), 'expected text');
    assert.equal(param.freeText().validate(''), undefined);
    assert.equal(param.freeText().validate('a'.repeat(5000)), undefined);
    assert.equal(param.freeText().validate(7 as never), 'expected text');
  });

  it('cidrList(), monitoringKey(), yearMonth(), text() delegate to validate.ts', () => {
    assert.equal(param.cidrList().validate('10.0.0.0/8;192.168.0.0/16'), undefined);
    assert.equal(param.cidrList().validate('10.0.0.0/33'), 'The prefix /33 in "10.0.0.0/33" is larger than /32.');
    assert.equal(param.monitoringKey().validate('short'), 'A monitoring key has 16 to 32 letters (a–z, A–Z) and digits.');
    assert.equal(param.yearMonth().validate('2026-13'), '"2026-13" is not a month in yyyy-MM form, e.g. 2026-03.');
    assert.equal(param.text('group name').validate(''), 'Enter the group name.');
  });

  it('optional() and inPath() change only required/in', () => {
    const base = param.id('key');
    assert.equal(base.required, true);
    assert.equal(base.in, 'query');
    const opt = optional(base);
    assert.equal(opt.required, false);
    assert.equal(opt.in, 'query');
    assert.equal(opt.validate(''), 'Enter the key.');
    const path = inPath(base);
    assert.equal(path.in, 'path');
    assert.equal(path.required, true);
  });
});
