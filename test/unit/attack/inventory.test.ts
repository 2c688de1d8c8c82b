/**
 * Attack suite, Compare with Inventory (issue 19 item 7): an inventory that
 * writes an address CLN licenses in another spelling (upper case, leading
 * zeros, uncompressed IPv6) must match it — else the license shows as "in CLN,
 * not in the inventory" and the reconcile file removes a server that is in the
 * inventory. And the pick list the file is made from checks nothing that
 * removes a license: a removal is only ever what a person checked.
 * Through the functions the command calls: readCsv/fromCsv, fromAnsibleYaml,
 * reconcile and reviewItems.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IpLicense } from '../../../src/cln/types';
import * as inventory from '../../../src/features/accountFile/core/inventory';

const license = (ip: string, type: number): IpLicense => ({ ip, type, registered: true, created: null });

/** Eight 16-bit groups written with random case, random leading zeros, and (maybe) one run of zeros compressed. */
const ipv6Spelling = (groups: number[], style: { upper: boolean[]; pad: number[]; compress: boolean }) => {
  const parts = groups.map((g, i) => {
    const hex = g.toString(16).padStart(style.pad[i], '0');
    return style.upper[i] ? hex.toUpperCase() : hex;
  });
  if (!style.compress) return parts.join(':');
  // Compress the first run of two or more zero groups, if any.
  const start = groups.findIndex((g, i) => g === 0 && groups[i + 1] === 0);
  if (start < 0) return parts.join(':');
  let end = start;
  while (end < 8 && groups[end] === 0) end++;
  return `${parts.slice(0, start).join(':')}::${parts.slice(end).join(':')}`;
};
const groups = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
const style = fc.record({ upper: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), pad: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 8, maxLength: 8 }), compress: fc.boolean() });

describe('attack: Compare with Inventory matches addresses in any spelling', () => {
  it("a CSV that spells CLN's addresses differently lists no difference", () => {
    const licenses = [license('2001:db8::a:1', 1), license('192.0.2.1', 1), license('2001:DB8::B:2', 16)];
    const csv = 'host,ip\nweb1,2001:0DB8:0000:0000:0000:0000:000A:0001\nweb2, 192.0.2.1 \nweb3,2001:db8:0:0:0:0:b:2\n';
    const table = inventory.readCsv(csv);
    const { hosts, skipped } = inventory.fromCsv(table, { ip: 1, hostname: 0 });
    assert.deepEqual(skipped, []);
    const r = inventory.reconcile(hosts, licenses);
    assert.deepEqual(r.onlyInCln, [], 'nothing looks unlisted, so nothing is offered for removal');
    assert.deepEqual(r.onlyInInventory, [], 'nothing looks unlicensed');
  });

  it('an Ansible YAML inventory in upper case matches, and lists an address twice in two spellings as a duplicate', () => {
    const yaml = 'all:\n  hosts:\n    web1:\n      ansible_host: "2001:DB8::A:1"\n    web2:\n      ansible_host: "2001:db8:0::a:1"\n';
    const r = inventory.reconcile(inventory.fromAnsibleYaml(yaml).hosts, [license('2001:db8::a:1', 1)]);
    assert.deepEqual([r.onlyInCln, r.onlyInInventory, r.duplicates], [[], [], ['2001:db8::a:1']]);
  });

  it('the same IPv6 address in any two spellings matches; two different addresses never do (property)', () => {
    fc.assert(
      fc.property(groups, style, style, groups, (address, inCln, inFile, other) => {
        const r = inventory.reconcile([{ ip: ipv6Spelling(address, inFile) }], [license(ipv6Spelling(address, inCln), 1)]);
        assert.deepEqual([r.onlyInCln.length, r.onlyInInventory.length], [0, 0], `${ipv6Spelling(address, inCln)} vs ${ipv6Spelling(address, inFile)}`);
        fc.pre(other.some((g, i) => g !== address[i]));
        const apart = inventory.reconcile([{ ip: ipv6Spelling(other, inFile) }], [license(ipv6Spelling(address, inCln), 1)]);
        assert.deepEqual([apart.onlyInCln.length, apart.onlyInInventory.length], [1, 1]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('attack: Compare with Inventory pre-selects nothing for removal', () => {
  const cl = 1;
  const kc = 16;
  const licenses = [license('192.0.2.1', cl), license('192.0.2.2', cl), license('192.0.2.3', kc)];
  // 192.0.2.1 is listed with its product; 192.0.2.2 is missing (in CLN only); 192.0.2.3 expects CloudLinux but holds KernelCare; 192.0.2.9 is new.
  const hosts = [
    { ip: '192.0.2.1', product: String(cl) },
    { ip: '192.0.2.3', product: String(cl) },
    { ip: '192.0.2.9', product: String(kc) },
  ];
  const r = inventory.reconcile(hosts, licenses);

  it('licenses CLN holds that the inventory does not list start unchecked', () => {
    const items = inventory.reviewItems('onlyInCln', r);
    assert.deepEqual(
      items.map((i) => [i.ip, i.absent, i.picked]),
      [['192.0.2.2', [cl], false]],
    );
  });

  it('a wrong product, whose change removes the license CLN holds, starts unchecked', () => {
    const items = inventory.reviewItems('wrongProduct', r);
    assert.deepEqual(
      items.map((i) => [i.ip, i.present, i.absent, i.picked]),
      [['192.0.2.3', cl, [kc], false]],
    );
    assert.match(items[0].detail ?? '', /remove/, 'the item says that checking it removes a license');
  });

  it('servers to register, which remove nothing, start checked', () => {
    const items = inventory.reviewItems('onlyInInventory', r);
    assert.deepEqual(
      items.map((i) => [i.ip, i.present, i.absent, i.picked]),
      [['192.0.2.9', kc, [], true]],
    );
  });

  it('whatever the account and inventory, no item that removes anything is checked (property)', () => {
    const ip = fc.integer({ min: 1, max: 12 }).map((n) => `192.0.2.${n}`);
    const type = fc.constantFrom(1, 16, 41, 42);
    fc.assert(
      fc.property(fc.array(fc.tuple(ip, type)), fc.array(fc.tuple(ip, fc.option(type, { nil: undefined }))), (held, listed) => {
        const rec = inventory.reconcile(
          listed.map(([address, product]) => ({ ip: address, ...(product === undefined ? {} : { product: String(product) }) })),
          held.map(([address, t]) => license(address, t)),
        );
        for (const list of ['onlyInCln', 'onlyInInventory', 'wrongProduct'] as const) {
          for (const item of inventory.reviewItems(list, rec, 1)) assert.equal(item.picked, item.absent.length === 0, `${list}: ${JSON.stringify(item)}`);
        }
      }),
      { numRuns: 300 },
    );
  });
});
