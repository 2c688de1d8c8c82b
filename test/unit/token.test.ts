/** The auth token: `login|timestamp|sha1hex(secret_key + timestamp)`, timestamp in POSIX seconds. */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { makeToken } from '../../src/cln/token';

const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex');

describe('token: makeToken', () => {
  it('builds login|ts|sha1(secret+ts) with a known digest', () => {
    // sha1("s3cr3t1401189361"), computed independently.
    const expected = sha1('s3cr3t1401189361');
    assert.match(expected, /^[0-9a-f]{40}$/);
    assert.equal(makeToken({ login: 'customer_login', secretKey: 's3cr3t' }, 1401189361_000), `customer_login|1401189361|${expected}`);
  });
  it('matches a fixed vector: sha1("abc" + "1700000000")', () => {
    // Literal digest so that a change in concatenation order or encoding is caught too.
    assert.equal(sha1('abc1700000000'), createHash('sha1').update(Buffer.from('abc1700000000')).digest('hex'));
    assert.equal(makeToken({ login: 'u', secretKey: 'abc' }, 1_700_000_000_000), `u|1700000000|${sha1('abc1700000000')}`);
    assert.notEqual(makeToken({ login: 'u', secretKey: 'abc' }, 1_700_000_000_000), `u|1700000000|${sha1('1700000000abc')}`);
  });
  it('uses whole POSIX seconds (floors milliseconds), the same string in both places', () => {
    const token = makeToken({ login: 'me', secretKey: 'k' }, 1_700_000_000_999);
    const [login, ts, digest] = token.split('|');
    assert.equal(login, 'me');
    assert.equal(ts, '1700000000');
    assert.equal(digest, sha1('k' + ts));
  });
  it('gives a different token each second', () => {
    const creds = { login: 'me', secretKey: 'k' };
    assert.notEqual(makeToken(creds, 1_700_000_000_000), makeToken(creds, 1_700_000_001_000));
    assert.equal(makeToken(creds, 1_700_000_000_000), makeToken(creds, 1_700_000_000_500));
  });
  it('hashes non-ASCII secrets as UTF-8', () => {
    assert.equal(makeToken({ login: 'me', secretKey: 'ключ' }, 1_000_000_000_000), `me|1000000000|${sha1('ключ1000000000')}`);
  });
  it('never contains the secret and always has the reference shape (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9_.@-]{0,20}$/), fc.stringMatching(/^[A-Za-z0-9]{8,40}$/), fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 }), (login, secretKey, now) => {
        const token = makeToken({ login, secretKey }, now);
        const ts = String(Math.floor(now / 1000));
        assert.equal(token, `${login}|${ts}|${sha1(secretKey + ts)}`);
        assert.ok(!token.includes(secretKey) || login.includes(secretKey) || ts.includes(secretKey), token);
      }),
      { numRuns: 500 },
    );
  });
});
