/** Credentials never reach logs or messages: token query values, raw tokens, nagios-res paths, secrets. */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ClnError } from '../../src/cln/errors';
import { redact } from '../../src/cln/redact';
import { makeToken } from '../../src/cln/token';

const SECRET = 'Zq7Secret-Key_9x';
const TOKEN = makeToken({ login: 'alice', secretKey: SECRET }, 1_700_000_000_000);
const DIGEST = TOKEN.split('|')[2];

describe('redact', () => {
  it('removes token= query values, raw and URL-encoded', () => {
    assert.equal(redact(`https://cln.cloudlinux.com/api/ipl/list.json?token=${TOKEN}`), 'https://cln.cloudlinux.com/api/ipl/list.json?token=<redacted>');
    const encoded = `/ipl/check.json?ip=1.1.1.1&token=${encodeURIComponent(TOKEN)}&x=1`;
    assert.equal(redact(encoded), '/ipl/check.json?ip=1.1.1.1&token=<redacted>&x=1');
    assert.equal(redact(`/a?TOKEN=${TOKEN}#top`), '/a?TOKEN=<redacted>#top');
  });
  it('removes token= values in HTML-escaped URLs (&amp;token=)', () => {
    const html = `<a href="/api/ipl/list.json?ip=1&amp;token=${encodeURIComponent(TOKEN)}">retry</a>`;
    assert.ok(!redact(html).includes(DIGEST), redact(html));
  });
  it('keeps the login and timestamp of a raw token but removes its digest', () => {
    assert.equal(redact(`token was ${TOKEN}.`), 'token was alice|1700000000|<redacted>.');
    assert.equal(redact(`{"token":"${TOKEN}"}`), '{"token":"alice|1700000000|<redacted>"}');
    const upper = `BOB|1700000000|${DIGEST.toUpperCase()}`;
    assert.equal(redact(upper), 'BOB|1700000000|<redacted>');
  });
  it('removes the token from nagios-res/<login>/<token> paths', () => {
    const path = `https://cln.cloudlinux.com/api/kcare/nagios-res/alice/${encodeURIComponent(TOKEN)}`;
    assert.equal(redact(path), 'https://cln.cloudlinux.com/api/kcare/nagios-res/alice/<redacted>');
    assert.equal(redact(`GET /kcare/nagios-res/alice/${encodeURIComponent(TOKEN)}?x=1 502`), 'GET /kcare/nagios-res/alice/<redacted>?x=1 502');
  });
  it('removes given secrets wherever they appear', () => {
    assert.equal(redact(`secret=${SECRET}; again ${SECRET}`, [SECRET]), 'secret=<redacted>; again <redacted>');
    assert.equal(redact(`x ${SECRET} y`, [undefined, SECRET]), 'x <redacted> y');
  });
  it('ignores undefined, empty and very short secrets (they would shred ordinary text)', () => {
    assert.equal(redact('a b c abc', ['', undefined, 'a', 'ab', 'abc']), 'a b c abc');
    assert.equal(redact('a bcde c', ['bcde']), 'a <redacted> c');
  });
  it('leaves ordinary text alone', () => {
    const texts = [
      'CLN could not list IP licenses: Server not found.',
      'https://cln.cloudlinux.com/api/ipl/check.json?ip=1.1.1.1&type=16',
      'The key WsTs821nSAtiastD has 2 servers, limit=2 note=token-less',
      '/kcare/nagios/WsTs821nSAtiastD',
      'a|b|c and 1700000000',
      'mytoken=abc', // not a query argument named token
      '',
    ];
    for (const text of texts) assert.equal(redact(text), text);
  });
  it('ClnError redacts its message and detail', () => {
    const error = new ClnError('http', `failed GET /ipl/list.json?token=${encodeURIComponent(TOKEN)}`, { detail: `echo ${TOKEN}` });
    assert.equal(error.message, 'failed GET /ipl/list.json?token=<redacted>');
    assert.equal(error.detail, 'echo alice|1700000000|<redacted>');
  });
  it('never lets a token digest through, whatever surrounds it (property)', () => {
    const around = fc.string({ maxLength: 30 }).filter((s) => !/[0-9a-f]$/i.test(s));
    fc.assert(
      fc.property(
        around,
        fc.constantFrom('raw', 'query', 'encoded-query', 'nagios'),
        fc.string({ maxLength: 30 }).map((s) => `\n${s}`),
        fc.stringMatching(/^[a-z][a-z0-9_.-]{0,15}$/),
        fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 }),
        (before, how, after, login, now) => {
          const token = makeToken({ login, secretKey: SECRET }, now);
          const digest = token.split('|')[2];
          const middle =
            how === 'raw'
              ? ` ${token} `
              : how === 'query'
                ? `?token=${token}`
                : how === 'encoded-query'
                  ? `&token=${encodeURIComponent(token)}`
                  : `/kcare/nagios-res/${encodeURIComponent(login)}/${encodeURIComponent(token)}`;
          const out = redact(`${before}${middle}${after}`, [SECRET]);
          assert.ok(!out.includes(digest), out);
          assert.ok(!out.includes(SECRET), out);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
