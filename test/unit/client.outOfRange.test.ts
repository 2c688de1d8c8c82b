/** numberOutOfRange: where in a parsed answer a number JavaScript cannot represent sits, spelled as the client's message names it. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { mayHoldOutOfRange, numberOutOfRange } from '../../src/cln/client';

describe('client: numbers out of range in an answer', () => {
  it('names the path of the value, through lists and objects, from the top', () => {
    assert.equal(numberOutOfRange({ success: true, data: [{ a: 1 }, { b: { c: [0, JSON.parse('1e400')] } }] }), 'data[1].b.c[1]');
    assert.equal(numberOutOfRange([{ limit: 5 }, { limit: -Infinity }]), 'the answer[1].limit');
    assert.equal(numberOutOfRange(JSON.parse('1e999')), 'the answer');
    assert.equal(numberOutOfRange({ ['k'.repeat(60)]: { n: '9'.repeat(400) } }), `${'k'.repeat(40)}… (20 more characters).n`);
  });

  it('finds nothing in an answer of ordinary values, long texts of digits that still read as numbers among them', () => {
    assert.equal(numberOutOfRange({ data: [{ ip: '192.0.2.1', type: 16, created: '2014-04-30T11:26-0400', n: null, ok: true, digits: '9'.repeat(301).slice(0, 300) }] }), undefined);
  });

  it('gives the same place as before for the last value of the walk when several are out of range', () => {
    // The walk takes the last entry first (a stack), as it always has.
    assert.equal(numberOutOfRange({ data: [Infinity, { x: Infinity }] }), 'data[1].x');
  });

  it('the scan of the text says yes whenever the walk would find a value (property over numbers and strings of digits)', () => {
    // n digits from a seed (fast-check's string builders are slow at hundreds of characters).
    const digits = (max: number) =>
      fc.tuple(fc.integer({ min: 1, max }), fc.integer()).map(([n, seed]) => {
        let out = '';
        for (let i = 0, x = seed | 0; i < n; i++) out += String(((x = (Math.imul(x, 1103515245) + 12345) | 0) >>> 16) % 10);
        return out;
      });
    const number = fc
      .tuple(
        fc.constantFrom('', '-'),
        digits(330),
        fc.option(digits(5), { nil: undefined }),
        fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits(5)), { nil: undefined }),
      )
      .map(([sign, int, frac, exp]) => `${sign}${int.length > 1 ? int.replace(/^0+/, '1') : int}${frac ? `.${frac}` : ''}${exp ? exp.join('') : ''}`);
    const text = fc.oneof(
      digits(400),
      digits(400).map((d) => d.replace(/[0-9]/g, (c) => `\\u003${c}`)),
      fc.constant('2a01:4f8::8e1c'),
    );
    fc.assert(
      fc.property(number, text, fc.constantFrom(' ', ''), (n, t, space) => {
        const json = `{"data":[{"n":${space}${n},"t":"${t}"}],"m":[${n}]}`;
        if (numberOutOfRange(JSON.parse(json)) !== undefined) assert.ok(mayHoldOutOfRange(json), json.slice(0, 120));
        if (numberOutOfRange(JSON.parse(n)) !== undefined) assert.ok(mayHoldOutOfRange(n), n.slice(0, 120));
      }),
      { numRuns: 2000 },
    );
  });

  it('the scan says no for the usual answers: IPv6 addresses, hex ids, keys, dates', () => {
    assert.equal(mayHoldOutOfRange('{"data":[{"ip":"2a01:4f8:f742:f17::8ec1","key":"oNxUOJhNcON08ESH","kernel_id":"3e5a9f0e1d","created":"2014-04-30T11:26-0400","limit":100}]}'), false);
  });
});
