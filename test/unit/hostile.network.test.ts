/**
 * The client against hostile HTTP servers on loopback, through the real
 * transport (Node's http module, nothing injected): redirects never carry the token off
 * cln.apiUrl's origin and never re-send a change; answers are bounded in size
 * (plain, declared, gzip bombs); text taken from answers is bounded and has no
 * credential in any encoding; cut-off answers, 429s, out-of-range numbers and
 * empty identifiers each get their own clear message.
 */
import * as assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { ClnClientOptions, MAX_REDIRECTS, RequestLogEntry } from '../../src/cln/client';
import { ClnError } from '../../src/cln/errors';
import type { FetchLike } from '../../src/cln/transport';
import { HostileServer, json, startHostile, stream } from './support/hostile';
import { failure } from './support/failure';
import { HOSTILE_CREDENTIALS, hostileClient } from './support/clients';

const { login: LOGIN, secretKey: SECRET } = HOSTILE_CREDENTIALS;
const UNKNOWN = /may or may not have been made: refresh/;
const LIST = JSON.stringify({ success: true, message: null, data: [{ ip: '203.0.113.5', type: 1, registered: true, created: '2024-01-01T10:00-0400' }] });

function client(server: HostileServer | string, extra: Partial<ClnClientOptions> = {}) {
  const { client: c, log } = hostileClient(server, extra);
  return { c, log };
}

/** No credential in any text a user or a log could see. */
function assertClean(error: ClnError, log: RequestLogEntry[] = []): void {
  const cause = (error as { cause?: unknown }).cause;
  const texts = [error.message, error.detail ?? '', error.stack ?? '', cause instanceof Error ? `${cause.message} ${cause.stack}` : '', ...log.map((e) => `${e.path} ${e.error ?? ''}`)];
  for (const text of texts) {
    assert.doesNotMatch(text, /[0-9a-f]{40}/i, `a digest in: ${text.slice(0, 300)}`);
    assert.ok(!text.includes(SECRET) && !text.includes(encodeURIComponent(SECRET)), `the secret in: ${text.slice(0, 300)}`);
  }
}

describe('hostile network: redirects (real transport)', function () {
  this.timeout(20_000);
  let elsewhere: HostileServer;
  beforeEach(async () => {
    elsewhere = await startHostile((_req, res) => json(res, 200, LIST));
  });
  afterEach(() => elsewhere.close());

  for (const status of [301, 302, 303, 307, 308]) {
    it(`HTTP ${status} to another origin, token in the Location: refused, nothing reaches the other host`, async () => {
      const api = await startHostile((req, res) => {
        res.writeHead(status, { Location: `${elsewhere.origin}${req.url}` });
        res.end();
      });
      try {
        const { c, log } = client(api);
        const error = await failure(c.call('ipl.list', {}));
        assert.equal(error.kind, 'redirect');
        assert.match(error.message, new RegExp(`redirect \\(HTTP ${status}\\) to another site, ${elsewhere.origin.replace(/\./g, '\\.')}/api/ipl/list\\.json\\?…`));
        assert.match(error.message, /your sign-in token was not sent there/);
        assert.match(error.message, /cln\.apiUrl/);
        assert.equal(api.requests.length, 1, 'a refused redirect is not retried');
        assert.equal(elsewhere.requests.length, 0, 'the other origin got a request');
        assertClean(error, log);

        const change = await failure(c.call('kcare.key.create', { limit: 5 }));
        assert.equal(change.kind, 'redirect');
        assert.equal(change.outcomeUnknown, true, 'the change reached the API origin: it may have been made');
        assert.match(change.message, UNKNOWN);
        assert.equal(api.requests.length, 2);
        assert.equal(elsewhere.requests.length, 0);
        assertClean(change, log);
      } finally {
        await api.close();
      }
    });
  }

  it('a redirect to the same host on another port, or to localhost for 127.0.0.1, is another origin', async () => {
    const port = new URL(elsewhere.origin).port;
    for (const target of [elsewhere.origin, `http://localhost:${port}`]) {
      const api = await startHostile((req, res) => {
        res.writeHead(302, { Location: `${target}${req.url}` });
        res.end();
      });
      try {
        const error = await failure(client(api).c.call('ipl.list', {}));
        assert.equal(error.kind, 'redirect');
        assert.equal(elsewhere.requests.length, 0);
      } finally {
        await api.close();
      }
    }
  });

  it('a redirect with the token in a nagios-res path to another origin names the place without the token', async () => {
    const api = await startHostile((req, res) => {
      const token = new URL(req.url!, 'http://x').searchParams.get('token')!;
      res.writeHead(301, { Location: `${elsewhere.origin}/kcare/nagios-res/${LOGIN}/${encodeURIComponent(token)}` });
      res.end();
    });
    try {
      const { c, log } = client(api);
      const error = await failure(c.call('ipl.list', {}));
      assert.match(error.message, /another site, http:\/\/127\.0\.0\.1:\d+\/kcare\/nagios-res\/alice\/<redacted>/);
      assertClean(error, log);
      assert.equal(elsewhere.requests.length, 0);
    } finally {
      await api.close();
    }
  });

  it('a read follows a same-origin redirect and gets its answer', async () => {
    const api = await startHostile((req, res) => {
      if (req.url!.startsWith('/api/ipl/')) {
        res.writeHead(301, { Location: req.url!.replace('/api/', '/api/v1/') });
        return void res.end();
      }
      json(res, 200, LIST);
    });
    try {
      const { c, log } = client(api);
      const list = await c.call('ipl.list', {});
      assert.equal(list.length, 1);
      assert.deepEqual(
        api.requests.map((r) => new URL(r.url, 'http://x').pathname),
        ['/api/ipl/list.json', '/api/v1/ipl/list.json'],
      );
      assert.equal(log.length, 2, 'each hop is logged');
      assert.match(log[0].error ?? '', /redirected to \/v1\/ipl\/list\.json\?token=<redacted>/);
    } finally {
      await api.close();
    }
  });

  it(`a same-origin redirect loop stops after ${MAX_REDIRECTS} hops`, async () => {
    const api = await startHostile((req, res) => {
      res.writeHead(302, { Location: req.url! });
      res.end();
    });
    try {
      const error = await failure(client(api).c.call('ipl.list', {}));
      assert.equal(error.kind, 'redirect');
      assert.match(error.message, new RegExp(`more than ${MAX_REDIRECTS} times`));
      assert.equal(api.requests.length, MAX_REDIRECTS + 1);
    } finally {
      await api.close();
    }
  });

  for (const status of [302, 307, 308]) {
    it(`a change answered with a same-origin ${status} is not sent again and its outcome is unknown`, async () => {
      const api = await startHostile((req, res) => {
        res.writeHead(status, { Location: req.url!.replace('/api/', '/api/v2/') });
        res.end();
      });
      try {
        const error = await failure(client(api).c.call('kcare.key.create', { limit: 5, note: 'x' }));
        assert.equal(error.kind, 'redirect');
        assert.match(error.message, /never sends a change twice/);
        assert.match(error.message, UNKNOWN);
        assert.equal(error.outcomeUnknown, true);
        assert.equal(api.requests.length, 1);
      } finally {
        await api.close();
      }
    });
  }

  it('https to plain http (same host) is refused before any request to it', async () => {
    const urls: string[] = [];
    const fetch: FetchLike = async (url) => {
      urls.push(url);
      return { status: 301, statusText: 'Moved', headers: { get: (n: string) => (n.toLowerCase() === 'location' ? url.replace('https:', 'http:') : null) }, text: async () => '' };
    };
    const { c } = client('https://cln.example.test/api', { fetch });
    const error = await failure(c.call('ipl.list', {}));
    assert.equal(error.kind, 'redirect');
    assert.match(error.message, /unencrypted address, http:\/\/cln\.example\.test\/api\/ipl\/list\.json\?…/);
    assert.match(error.message, /never sends your sign-in token over plain http/);
    assert.deepEqual(urls.length, 1);
  });

  it('a 3xx without a Location is an HTTP error, not followed', async () => {
    const api = await startHostile((_req, res) => {
      res.writeHead(302);
      res.end();
    });
    try {
      const error = await failure(client(api).c.call('ipl.list', {}));
      assert.equal(error.kind, 'http');
      assert.match(error.message, /HTTP 302/);
    } finally {
      await api.close();
    }
  });
});

describe('hostile network: bounded answers (real transport)', function () {
  this.timeout(30_000);
  const MB = 1024 * 1024;

  it('an answer past the limit is refused without reading the rest', async () => {
    const api = await startHostile((_req, res, _n, count) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return stream(res, 200 * MB, (offset, size) => Buffer.alloc(size, offset === 0 ? '[' : ' '), count);
    });
    try {
      const { c } = client(api, { maxResponseBytes: 1 * MB, readRetries: 0 });
      const error = await failure(c.call('ipl.list', {}));
      assert.equal(error.kind, 'tooLarge');
      assert.match(error.message, /larger than 1 MB; CLN Explorer stopped reading it/);
      assert.match(error.message, /cln\.maxResponseMB/);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(api.written[0] < 20 * MB, `the server wrote ${api.written[0]} bytes of 200 MB`);
    } finally {
      await api.close();
    }
  });

  it('an answer that announces more than the limit is refused before its body is read', async () => {
    const api = await startHostile((_req, res, _n, count) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(100 * MB) });
      return stream(res, 100 * MB, (_o, size) => Buffer.alloc(size, ' '), count);
    });
    try {
      const error = await failure(client(api, { maxResponseBytes: 1 * MB }).c.call('kcare.key.create', { limit: 1 }));
      assert.equal(error.kind, 'tooLarge');
      assert.match(error.message, /it announced 100 MB/);
      assert.match(error.message, UNKNOWN);
      assert.ok(api.written[0] < 20 * MB, `the server wrote ${api.written[0]} bytes`);
    } finally {
      await api.close();
    }
  });

  it('a gzip bomb (a small body inflating to 200 MB) is refused once its decoded size passes the limit', async () => {
    const api = await startHostile((_req, res, _n, count) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
      const gzip = zlib.createGzip({ level: 9 });
      gzip.on('data', (chunk: Buffer) => {
        count(chunk.length);
        if (!res.write(chunk)) gzip.pause();
      });
      res.on('drain', () => gzip.resume());
      res.on('close', () => gzip.destroy());
      gzip.on('end', () => res.end());
      let left = 200 * MB;
      const zeros = Buffer.alloc(MB, ' ');
      const feed = () => {
        while (left > 0 && !res.destroyed) {
          left -= MB;
          if (!gzip.write(zeros)) return void gzip.once('drain', feed);
        }
        if (left <= 0) gzip.end();
      };
      gzip.write('{"success":true,"data":[');
      feed();
    });
    try {
      const rssBefore = process.memoryUsage().rss;
      const error = await failure(client(api, { maxResponseBytes: 2 * MB }).c.call('ipl.list', {}));
      assert.equal(error.kind, 'tooLarge');
      assert.match(error.message, /larger than 2 MB once decompressed/);
      assert.ok(process.memoryUsage().rss - rssBefore < 150 * MB, 'memory grew as if the bomb was inflated');
      assert.ok(api.written[0] < MB, `the server sent ${api.written[0]} compressed bytes`);
    } finally {
      await api.close();
    }
  });

  for (const [encoding, encode] of [
    ['gzip', zlib.gzipSync],
    ['deflate', zlib.deflateSync],
    ['br', zlib.brotliCompressSync],
  ] as const) {
    it(`a ${encoding} answer within the limit is decoded`, async () => {
      const api = await startHostile((_req, res) => {
        const body = encode(Buffer.from(LIST));
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': body.length });
        res.end(body);
      });
      try {
        assert.equal((await client(api).c.call('ipl.list', {})).length, 1);
        assert.match(api.requests.length ? 'ok' : '', /ok/);
      } finally {
        await api.close();
      }
    });
  }

  it('a 20 MB message becomes a short message and a bounded detail with a note; the log line stays short', async () => {
    const huge = 'Invalid request: ' + 'x'.repeat(20 * MB);
    const api = await startHostile((_req, res) => json(res, 200, { success: false, message: huge, data: null }));
    try {
      const { c, log } = client(api);
      const error = await failure(c.call('ipl.list', {}));
      assert.equal(error.kind, 'api');
      assert.ok(error.message.length < 600, `message of ${error.message.length} characters`);
      assert.match(error.message, /^CLN could not list IP licenses: Invalid request: x+… \(\d+ more characters\)/);
      assert.ok(error.detail!.length < 17_000, `detail of ${error.detail!.length} characters`);
      assert.match(error.detail!, /… \(truncated: 20971537 characters in all\)$/);
      assert.ok(log.every((e) => (e.error ?? '').length < 600));
    } finally {
      await api.close();
    }
  });
});

describe('hostile network: credentials echoed in every form', function () {
  this.timeout(20_000);

  it('a message and a body echoing the token raw, %7C-encoded in either case, the digest alone and the secret are redacted everywhere', async () => {
    const api = await startHostile((req, res) => {
      const token = new URL(req.url!, 'http://x').searchParams.get('token')!;
      const digest = token.split('|')[2];
      const echo = [
        `Invalid token ${token}`,
        `token=${encodeURIComponent(token)}`,
        `got ${encodeURIComponent(token).toLowerCase()}`,
        `signature ${digest.toUpperCase()} does not match`,
        `expected sha1(${SECRET}${token.split('|')[1]})`,
        `secret ${encodeURIComponent(SECRET)} / ${encodeURIComponent(SECRET).toLowerCase()} / ${SECRET.replace(/ /g, '+')}`,
        `path /api/kcare/nagios-res/${LOGIN}/${encodeURIComponent(token)}`,
      ].join('; ');
      json(res, 500, { timestamp: 'now', status: 500, error: 'Internal Server Error', message: echo, path: req.url });
    });
    try {
      const { c, log } = client(api, { readRetries: 0 });
      const error = await failure(c.call('ipl.list', {}));
      assertClean(error, log);
      const env = await startHostile((req, res) => {
        const token = new URL(req.url!, 'http://x').searchParams.get('token')!;
        json(res, 200, { success: false, message: `Invalid token ${encodeURIComponent(token).replace(/%7C/g, '%7c')} for ${SECRET}`, data: null });
      });
      try {
        const { c: c2, log: log2 } = client(env);
        const refused = await failure(c2.call('ipl.list', {}));
        assert.equal(refused.kind, 'auth');
        assert.match(refused.message, /Invalid token alice%7c\d+%<redacted> for <redacted>/);
        assertClean(refused, log2);
      } finally {
        await env.close();
      }
    } finally {
      await api.close();
    }
  });

  it('a connection refused keeps the token out of the underlying error too', async () => {
    const api = await startHostile((_req, res) => void res.destroy());
    const url = api.api;
    await api.close();
    const { c, log } = client(url, { readRetries: 0 });
    const error = await failure(c.call('ipl.list', {}));
    assert.equal(error.kind, 'network');
    assertClean(error, log);
  });
});

describe('hostile network: smaller defects', function () {
  this.timeout(20_000);

  it('a reset after the headers is "CLN\'s answer was cut off", retried for reads, unknown for changes', async () => {
    const api = await startHostile((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '5000' });
      res.write('{"success":true,"data":[');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    try {
      const { c } = client(api);
      const error = await failure(c.call('ipl.list', {}));
      assert.match(error.message, /CLN's answer was cut off/);
      assert.doesNotMatch(error.message, /Could not reach/);
      assert.equal(api.requests.length, 3, 'a read is retried after a cut-off answer');
      const change = await failure(c.call('kcare.key.create', { limit: 1 }));
      assert.match(change.message, /CLN's answer was cut off/);
      assert.match(change.message, UNKNOWN);
      assert.equal(api.requests.length, 4, 'a change is sent once');
    } finally {
      await api.close();
    }
  });

  it('an out-of-range number (1e400, or 400 digits in a string) is malformed, never 0 or unlimited', async () => {
    // Also: the exponent's other spellings, 320 digits and no exponent, 1 and 250 zeros times 10^99, digits written as escapes.
    const escaped = '"' + '\\u0039'.repeat(400) + '"';
    for (const limit of ['1e400', '"' + '9'.repeat(400) + '"', '-1e999', '5E+309', '1.5e0400', '9'.repeat(320), '1' + '0'.repeat(250) + 'e99', escaped]) {
      const api = await startHostile((_req, res) => json(res, 200, `{"success":true,"message":null,"data":[{"key":"K1","limit":${limit},"enabled":true}]}`));
      try {
        const error = await failure(client(api).c.call('kcare.key.list', {}));
        assert.equal(error.kind, 'malformed');
        assert.match(error.message, /a number too large to use at data\[0\]\.limit/);
      } finally {
        await api.close();
      }
    }
  });

  it('an empty key in the answer to "create a KernelCare key" is malformed, with the unknown-outcome text', async () => {
    for (const data of ['{"key":""}', '""']) {
      const api = await startHostile((_req, res) => json(res, 200, `{"success":true,"message":null,"data":${data}}`));
      try {
        const error = await failure(client(api).c.call('kcare.key.create', { limit: 1 }));
        assert.equal(error.kind, 'malformed');
        assert.match(error.message, /expected the new key/);
        assert.match(error.message, UNKNOWN);
        assert.equal(error.outcomeUnknown, true);
      } finally {
        await api.close();
      }
    }
  });
});

describe('hostile network: rate limits', function () {
  this.timeout(20_000);

  it('a read answered 429 waits the Retry-After, then succeeds', async () => {
    const api = await startHostile((_req, res, n) => (n === 1 ? json(res, 429, 'Too Many Requests', { 'Retry-After': '1' }) : json(res, 200, LIST)));
    try {
      const started = Date.now();
      assert.equal((await client(api).c.call('ipl.list', {})).length, 1);
      assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
      assert.equal(api.requests.length, 2);
    } finally {
      await api.close();
    }
  });

  it('a read told to wait longer than the bound fails at once, naming the wait', async () => {
    const api = await startHostile((_req, res) => json(res, 429, '', { 'Retry-After': '120' }));
    try {
      const started = Date.now();
      const error = await failure(client(api).c.call('ipl.list', {}));
      assert.ok(Date.now() - started < 2000);
      assert.equal(error.kind, 'rateLimited');
      assert.match(error.message, /HTTP 429/);
      assert.match(error.message, /Wait 2 minutes/);
      assert.equal(error.retryAfterMs, 120_000);
      assert.equal(api.requests.length, 1);
    } finally {
      await api.close();
    }
  });

  it('a change answered 429 is reported as not made, with the wait, and not sent again', async () => {
    const api = await startHostile((_req, res) => json(res, 429, '<html>slow down</html>', { 'Retry-After': new Date(Date.now() + 7000).toUTCString() }));
    try {
      const error = await failure(client(api).c.call('kcare.key.create', { limit: 1 }));
      assert.equal(error.kind, 'rateLimited');
      assert.equal(error.outcomeUnknown, false);
      assert.match(error.message, /did not create a KernelCare key: nothing was changed/);
      assert.match(error.message, /Wait [6-7] seconds/);
      assert.doesNotMatch(error.message, UNKNOWN);
      assert.equal(api.requests.length, 1);
    } finally {
      await api.close();
    }
  });
});
