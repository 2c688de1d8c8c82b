/** numberOutOfRange: where in a parsed answer a number JavaScript cannot represent sits, spelled as the client's message names it. */
import * as assert from 'node:assert/strict';
import { numberOutOfRange } from '../../src/cln/client';

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
});
