/**
 * The recorded-answers tier: answers the live CLN service is known to send
 * (recorded in public code that talks to it) or faithful reconstructions of
 * them (from the types of a client that parses them), one fixture per case in
 * test/recorded/fixtures. Each names its source (repository, path, commit) and
 * what a user must get: the decoded value or the error text. The answer's bytes
 * are replayed by a small HTTP server on loopback and read by the real
 * ClnClient, exactly as it reads CLN. Where a fixture and the reference
 * disagree, the fixture wins: change the client, not the fixture.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { IMUNIFY_CODES, ipTypeName, nameOf, useServiceIpTypeNames } from '../../src/cln/catalog';
import { ClnClient } from '../../src/cln/client';
import { ArgsOf, ENDPOINT_IDS, ENDPOINTS, EndpointId } from '../../src/cln/endpoints';
import { ClnError } from '../../src/cln/errors';

/** Fixtures stay beside the sources (tsc compiles this file to out/test/unit). */
const FIXTURES = path.resolve(__dirname, '../../../test/recorded/fixtures');

interface Fixture {
  name: string;
  /** recorded: the bytes (or a printout of them) from a test or a doc comment; reconstructed: the shape from a client's types, values invented; reference: only the reference shows it. */
  provenance: 'recorded' | 'reconstructed' | 'reference';
  source: { repo: string; path: string; commit?: string; note?: string };
  endpoint?: EndpointId;
  args?: Record<string, unknown>;
  /** What the client must send (the token aside): path below the API root, query, whether a sign-in token is sent. */
  request?: { method: string; path: string; query: Record<string, string>; token: boolean; body?: unknown };
  answer: { status?: number; contentType?: string; body?: string; json?: unknown };
  catalog?: 'ipTypes';
  expect: {
    result?: unknown;
    error?: { kind: string; message: string };
    rejectedBeforeRequest?: boolean;
    typeNames?: Record<string, string>;
    codeName?: string;
    names?: Record<string, string>;
  };
}

const fixtures: { file: string; fixture: Fixture }[] = fs
  .readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => ({ file, fixture: JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')) as Fixture }));

/** Dates as ISO strings, undefined dropped: the form the fixtures write expectations in. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

interface Received {
  method: string;
  path: string;
  query: Record<string, string>;
  token: string | null;
  /** The JSON body (API v2 changes), parsed. */
  body?: unknown;
}

describe('recorded answers of the live CLN service (test/recorded/fixtures)', () => {
  let server: Server;
  let baseUrl = '';
  let current: Fixture | undefined;
  const received: Received[] = [];

  before(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://replay');
        const query = Object.fromEntries([...url.searchParams].filter(([name]) => name !== 'token'));
        const sent = Buffer.concat(chunks).toString('utf8');
        received.push({
          method: req.method ?? '',
          path: decodeURIComponent(url.pathname.replace(/^\/api/, '')),
          query,
          token: url.searchParams.get('token'),
          ...(sent ? { body: JSON.parse(sent) as unknown } : {}),
        });
        const answer = current?.answer ?? { status: 500, body: 'no fixture' };
        const body = answer.body ?? JSON.stringify(answer.json);
        res.writeHead(answer.status ?? 200, { 'Content-Type': answer.contentType ?? 'text/plain', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    received.length = 0;
    // The built-in catalog alone: names an account's CLN gave (API v2, set by a tree another test loaded) are not the catalog's.
    useServiceIpTypeNames(undefined);
  });

  it('has fixtures, each naming its source and what the user must get', () => {
    assert.ok(fixtures.length >= 25, `${fixtures.length} fixtures`);
    for (const { file, fixture } of fixtures) {
      assert.ok(fixture.name && fixture.source?.repo && fixture.source?.path, `${file}: name and source (repo, path)`);
      assert.ok(['recorded', 'reconstructed', 'reference'].includes(fixture.provenance), `${file}: provenance`);
      if (fixture.endpoint) assert.ok(ENDPOINT_IDS.includes(fixture.endpoint), `${file}: ${fixture.endpoint} is in the endpoint table`);
      assert.ok(fixture.expect.result !== undefined || fixture.expect.error || fixture.expect.names, `${file}: an expected outcome`);
    }
    // Every Nagios answer form the sources show is covered.
    const nagios = fixtures.filter(({ fixture }) => fixture.endpoint?.startsWith('kcare.nagios'));
    assert.ok(nagios.length >= 5);
    // Every API v2 call with a published example has its fixture (the types call's answer is not published).
    const v2 = new Set(fixtures.map(({ fixture }) => fixture.endpoint).filter((id) => id && ENDPOINTS[id].format === 'v2'));
    for (const id of [
      'cl.key.create',
      'cl.key.update',
      'cl.key.remove',
      'cl.key.list',
      'cl.srv.list',
      'cl.srv.remove',
      'cl.sub.servers',
      'features.list',
      'features.account',
      'features.account.set',
      'imunify.server.features.set',
    ] as const)
      assert.ok(v2.has(id), id);
  });

  for (const { file, fixture } of fixtures) {
    const title = `${fixture.name} — ${fixture.source.repo}: ${fixture.source.path} (${fixture.provenance})`;

    if (fixture.catalog === 'ipTypes') {
      it(title, () => {
        const listed = fixture.answer
          .body!.split('\n')
          .filter(Boolean)
          .map((line) => Number(/^(\d+) - /.exec(line)![1]));
        assert.deepEqual(listed.map(String).sort(), Object.keys(fixture.expect.names!).sort(), `${file}: every listed type has an expected name`);
        for (const type of listed) assert.equal(ipTypeName(type), fixture.expect.names![String(type)], `type ${type}`);
      });
      continue;
    }

    it(title, async () => {
      current = fixture;
      const client = new ClnClient({
        baseUrl,
        credentials: () => ({ login: 'recorded-login', secretKey: 'RecordedSecretKey0123456789abcdef' }),
        readRetries: 0,
        timeoutMs: 5_000,
      });
      const call = client.call(fixture.endpoint!, fixture.args as ArgsOf<typeof fixture.endpoint & EndpointId>);
      if (fixture.expect.error) {
        await assert.rejects(call, (error: unknown) => {
          assert.ok(error instanceof ClnError, String(error));
          assert.equal(error.kind, fixture.expect.error!.kind, error.message);
          assert.equal(error.message, fixture.expect.error!.message);
          return true;
        });
      } else {
        const result = await call;
        assert.deepEqual(plain(result), fixture.expect.result);
        if (fixture.expect.typeNames) {
          for (const license of result as { type: number }[]) assert.equal(ipTypeName(license.type), fixture.expect.typeNames[String(license.type)], `type ${license.type}`);
        }
        if (fixture.expect.codeName) assert.equal(nameOf(IMUNIFY_CODES, (result as { code: string }).code), fixture.expect.codeName);
      }

      if (fixture.expect.rejectedBeforeRequest) {
        assert.equal(received.length, 0, 'nothing was sent');
        return;
      }
      assert.equal(received.length, 1, 'one request, no retry');
      const [request] = received;
      const expected = fixture.request!;
      assert.equal(request.method, expected.method);
      assert.equal(request.path, expected.path);
      assert.deepEqual(request.query, expected.query);
      assert.deepEqual(request.body, expected.body, 'the JSON body');
      if (expected.token) assert.match(request.token ?? '', /^recorded-login\|\d+\|[0-9a-f]{40}$/);
      else assert.equal(request.token, null, 'no sign-in token is sent');
    });
  }
});
