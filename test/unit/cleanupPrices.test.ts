/**
 * The clean-up's prices in the user's words (features/cleanup/core/prices.ts): the price a user
 * types, the products named for the price editor, a finding's own cost and the cost column's sort
 * (core/protocol.ts), and the messages the report's page may send about them.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findingPrice, ownedPriceKeys, parsePrice, priceKeyName, pricedProducts, withPrice } from '../../src/features/cleanup/core/prices';
import { DEFAULT_CLEANUP_VIEW, readToExtension, viewFindings } from '../../src/features/cleanup/core/protocol';
import { monthlyCost, type Finding } from '../../src/services/cleanupFindings';

function finding(id: string, priceKey: string, removable = true): Finding {
  const product = priceKey.split(':')[0] as Finding['product'];
  return {
    id,
    kind: 'silent',
    product,
    productName: `product of ${priceKey}`,
    priceKey,
    target: id,
    ip: null,
    key: null,
    created: null,
    lastCheckin: null,
    evidence: 'e',
    related: null,
    ...(removable ? { removal: { action: 'ipl.remove', args: { ip: id, type: 1 }, call: `remove ${id}` } } : {}),
  } as Finding;
}

describe('clean-up prices', () => {
  it('a typed price: numbers with a dot, empty for no price; anything else refused with the reason', () => {
    assert.deepEqual(parsePrice(''), { price: null });
    assert.deepEqual(parsePrice('  '), { price: null });
    assert.deepEqual(parsePrice(' 12.50 '), { price: 12.5 });
    assert.deepEqual(parsePrice('0'), { price: 0 });
    assert.deepEqual(parsePrice('1000000'), { price: 1_000_000 });
    for (const bad of ['12,50', '-1', '1e3', 'abc', '12.', '.5', '$5', '5 EUR', 'NaN', 'Infinity', '0x10', '1000000.01', '99999999']) {
      const parsed = parsePrice(bad);
      assert.ok('error' in parsed && parsed.error.length > 20, `${bad} refused`);
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (cents) => {
        const parsed = parsePrice((cents / 100).toFixed(2));
        return 'price' in parsed && parsed.price === Number((cents / 100).toFixed(2));
      }),
    );
  });

  it('writing a price keeps the other entries, removes one on "no price", and takes any key as data', () => {
    assert.deepEqual(withPrice({ kcare: 3, 'ip:1': 12 }, 'im:360_1', 7), { kcare: 3, 'ip:1': 12, 'im:360_1': 7 });
    assert.deepEqual(withPrice({ kcare: 3, 'ip:1': 12 }, 'kcare', null), { 'ip:1': 12 });
    const odd = withPrice({}, '__proto__', 5);
    assert.equal(Object.getPrototypeOf(odd), Object.prototype, 'no prototype replaced');
    assert.deepEqual(Object.keys(odd), ['__proto__']);
  });

  it("a finding's cost: its product's price, else its family's; none for information only or from the prototype", () => {
    assert.equal(findingPrice(finding('a', 'ip:16'), { 'ip:16': 4, ip: 9 }), 4);
    assert.equal(findingPrice(finding('a', 'ip:16'), { ip: 9 }), 9);
    assert.equal(findingPrice(finding('a', 'ip:16'), {}), undefined);
    assert.equal(findingPrice(finding('a', 'ip:16', false), { 'ip:16': 4 }), undefined);
    assert.equal(findingPrice(finding('a', 'constructor'), {}), undefined);
  });

  it('the price editor names every product: never an internal key for a product it knows', () => {
    assert.equal(priceKeyName('ip:1'), 'IP license: CloudLinux OS Legacy');
    assert.equal(priceKeyName('ip:16'), 'IP license: KernelCare');
    assert.equal(priceKeyName('kcare'), 'KernelCare');
    assert.equal(priceKeyName('im:360_30'), 'Imunify360 up to 30 users');
    assert.equal(priceKeyName('els:CELS'), 'CentOS 6 ELS');
    const keys = ownedPriceKeys([16, 1, 1, 42], 3, ['360_30', 'AVP', 'NEW']);
    assert.deepEqual(keys, ['kcare', 'im:AVP', 'im:360_30', 'im:NEW', 'feature:4600', 'ip:1', 'ip:16', 'ip:42']);
    assert.ok(!ownedPriceKeys([], 0, ['AVP']).includes('feature:4600'), 'Imunify Email is offered with Imunify360 only');
    const products = pricedProducts(keys, [finding('x', 'addon:7')], { 'els:CELS': 2, ip: 1 });
    assert.deepEqual(
      products.map((p) => p.name),
      [
        'KernelCare',
        'ImunifyAV+',
        'Imunify360 up to 30 users',
        'Imunify NEW',
        'Imunify Email, per server (without a price: 10 % of the Imunify360 price)',
        'IP license: CloudLinux OS Legacy',
        'IP license: KernelCare',
        'IP license: Imunify360 up to 30 users',
        'product of addon:7',
        'CentOS 6 ELS',
        'IP licenses of any type without a price of its own',
      ],
    );
    assert.ok(products.every((p) => !/^(ip|im|els|kcare)(:|$)/.test(p.name)));
    assert.deepEqual(ownedPriceKeys([], 0, []), []);
  });

  it('sorted by cost, either way, the priced rows come first and the unpriced last; the total counts each removal once', () => {
    const rows = [finding('c', 'ip:1'), finding('a', 'ip:16'), finding('b', 'ip:3'), finding('d', 'ip:1', false)];
    const prices = { 'ip:1': 5, 'ip:16': 2 };
    const up = viewFindings(rows, { ...DEFAULT_CLEANUP_VIEW, sort: { column: 'cost', descending: false } }, new Map(), prices);
    assert.deepEqual(
      up.map((f) => f.id),
      ['a', 'c', 'b', 'd'],
    );
    const down = viewFindings(rows, { ...DEFAULT_CLEANUP_VIEW, sort: { column: 'cost', descending: true } }, new Map(), prices);
    assert.deepEqual(
      down.map((f) => f.id),
      ['c', 'a', 'b', 'd'],
    );
    assert.deepEqual(monthlyCost(rows, prices), { total: 7, priced: 2, unpriced: 1 });
  });

  it("the page's messages about prices and the go-ahead are read strictly", () => {
    assert.deepEqual(readToExtension({ type: 'editPrices', prices: { kcare: 1 } }), { type: 'editPrices' });
    assert.deepEqual(readToExtension({ type: 'remove', previewId: 'p', typed: '12' }), { type: 'remove', previewId: 'p', typed: '12' });
    assert.deepEqual(readToExtension({ type: 'remove', previewId: 'p', typed: 12 }), { type: 'remove', previewId: 'p' });
    assert.equal(readToExtension({ type: 'remove' }), undefined);
    assert.equal(readToExtension({ type: 'prices', prices: {} }), undefined, 'the page cannot write prices');
  });
});
