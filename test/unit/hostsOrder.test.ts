/** All Servers' IP order (src/explorer/hosts.ts): IPv4 numerically, then anything else as text. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ipKey } from '../../src/explorer/hosts';

/** The key as first written: a regular expression for four runs of digits, each padded to three. */
function reference(ip: string | null): string {
  if (!ip) return '~';
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  return v4
    ? v4
        .slice(1)
        .map((part) => part.padStart(3, '0'))
        .join('.')
    : `z${ip.toLowerCase()}`;
}

describe("All Servers' IP order", () => {
  it('orders IPv4 numerically and puts other addresses and none after', () => {
    const ips = ['10.0.0.10', '9.255.255.255', '10.0.0.2', '2001:DB8::1', null, '192.168.1.1', 'host.example'];
    const sorted = [...ips].sort((x, y) => (ipKey(x) < ipKey(y) ? -1 : ipKey(x) > ipKey(y) ? 1 : 0));
    assert.deepEqual(sorted, ['9.255.255.255', '10.0.0.2', '10.0.0.10', '192.168.1.1', '2001:DB8::1', 'host.example', null]);
  });

  it('gives the key the regular expression gave, for addresses, near-addresses and any text', () => {
    const part = fc.oneof(fc.nat(300).map(String), fc.stringMatching(/^[0-9]{0,5}$/), fc.constantFrom('', 'a', '٣', ' 1', '1 '));
    const nearIp = fc.tuple(part, part, part, part, fc.constantFrom('', '.', '.1', 'x')).map(([a, b, c, d, tail]) => `${a}.${b}.${c}.${d}${tail}`);
    fc.assert(
      fc.property(fc.oneof(nearIp, fc.string(), fc.constant(null), fc.ipV4(), fc.ipV6()), (ip) => {
        assert.equal(ipKey(ip), reference(ip), String(ip));
      }),
      { numRuns: 2000 },
    );
  });
});
