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
  it('is idempotent: a line logged from an already redacted path keeps one marker', () => {
    const line = 'GET /kcare/key/list.json?token=<redacted> 200 3ms; /kcare/nagios-res/alice/<redacted>';
    assert.equal(redact(line, [SECRET]), line);
    assert.equal(redact(redact(`/a?token=${TOKEN}&b=1`)), '/a?token=<redacted>&b=1');
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

/** Every way a server could echo a value: in a URL, in JSON, in HTML, in a form, changed in case, encoded twice. */
const ENCODINGS: Record<string, (value: string) => string> = {
  raw: (v) => v,
  uri: encodeURIComponent,
  'uri, lower-case escapes': (v) => encodeURIComponent(v).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  'uri twice': (v) => encodeURIComponent(encodeURIComponent(v)),
  'every byte percent-encoded': (v) => [...Buffer.from(v, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  form: (v) => new URLSearchParams({ v }).toString().slice(2),
  'json string': (v) => JSON.stringify(v).slice(1, -1),
  'json, ascii only': (v) =>
    JSON.stringify(v)
      .slice(1, -1)
      .replace(/[^\x20-\x7e]|[|/]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  'json, escaped slashes': (v) => JSON.stringify(v).slice(1, -1).replace(/\//g, '\\/'),
  'html entities': (v) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\|/g, '&#124;'),
  'html hex entities': (v) => [...v].map((c) => (/[a-z0-9]/i.test(c) ? c : `&#x${c.codePointAt(0)!.toString(16)};`)).join(''),
  'upper case (ASCII)': (v) => v.replace(/[a-z]/g, (c) => c.toUpperCase()),
};

describe('redact: every encoding a server could echo (property)', () => {
  const secretArb = fc
    .oneof(fc.string({ minLength: 8, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 8, maxLength: 20 }), fc.stringMatching(/^[A-Za-z0-9]{16,40}$/))
    .filter((s) => s.trim().length >= 8);
  const loginArb = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_.-]{0,15}$/), fc.emailAddress());
  const around = fc.string({ maxLength: 20 });

  it('the token (raw, in a query, in a nagios-res path) and its digest alone never survive', () => {
    fc.assert(
      fc.property(
        loginArb,
        secretArb,
        fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 }),
        fc.constantFrom(...Object.keys(ENCODINGS)),
        around,
        around,
        (login, secret, now, how, before, after) => {
          const token = makeToken({ login, secretKey: secret }, now);
          const digest = token.slice(-40);
          const encode = ENCODINGS[how];
          const places = [
            encode(token),
            `?ip=1.2.3.4&token=${encode(token)}`,
            `/api/kcare/nagios-res/${encode(login)}/${encode(token)}`,
            encode(`/api/kcare/nagios-res/${login}/${token}`),
            `signature ${encode(digest)} does not match`,
            `signature ${digest.toUpperCase()} does not match`,
          ];
          for (const place of places) {
            const out = redact(`${before}${place}${after}`, [secret]);
            assert.ok(!out.toLowerCase().includes(digest), `${how}: ${out}`);
            assert.equal(redact(out, [secret]), out, 'redacting twice changes the text again');
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the secret key and any extra secret (the static API token) never survive, in any encoding', () => {
    fc.assert(
      fc.property(secretArb, fc.stringMatching(/^[A-Za-z0-9]{24,40}$/), fc.constantFrom(...Object.keys(ENCODINGS)), around, around, (secret, apiToken, how, before, after) => {
        const encode = ENCODINGS[how];
        for (const value of [secret, apiToken]) {
          const echoed = encode(value);
          const out = redact(`${before}${echoed}${after}`, [secret, apiToken]);
          assert.ok(!out.includes(echoed), `${how} of ${JSON.stringify(value)} survived: ${out}`);
          assert.ok(!out.includes(value), `${JSON.stringify(value)} survived: ${out}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('redacts what a ClnError shows: message, detail and stack', () => {
    const token = makeToken({ login: 'alice', secretKey: SECRET }, 1_700_000_000_000);
    const error = new ClnError('api', `Invalid token ${encodeURIComponent(token).toLowerCase()}`, { detail: `sha1 ${token.split('|')[2].toUpperCase()}` });
    for (const text of [error.message, error.detail!, error.stack!]) assert.doesNotMatch(text, /[0-9a-f]{40}/i);
  });
});
