/**
 * Decoder fuzz suite: for every endpoint of the table, the real client (interpret +
 * decode) is fed random and mutated answers through a fake fetch. Whatever arrives,
 * a call resolves to a value or rejects with a ClnError of a known kind whose message
 * is non-empty and free of credentials; never any other exception.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { STATUS_FLAGS } from '../../src/cln/catalog';
import { ClnClient, RequestLogEntry } from '../../src/cln/client';
import { ENDPOINT_IDS, EndpointId, endpointOf } from '../../src/cln/endpoints';
import { ClnError, ClnErrorKind } from '../../src/cln/errors';
import { makeToken } from '../../src/cln/token';
import type { FetchInit, FetchLike, FetchResponse } from '../../src/cln/transport';
import { VALID_ARGS } from './support/validArgs';

const BASE = 'https://cln.example.test/api';
const LOGIN = 'fuzzer';
const SECRET = 'Fz9SecretKey0123QWERTYzxcv';
const NOW = Date.UTC(2026, 1, 1, 12, 0, 0);
const TOKEN = makeToken({ login: LOGIN, secretKey: SECRET }, NOW);
const DIGEST = TOKEN.split('|')[2];
const KINDS: readonly ClnErrorKind[] = ['validation', 'auth', 'api', 'http', 'network', 'timeout', 'malformed', 'cancelled', 'rateLimited', 'redirect', 'tooLarge'];
/** Kinds a call may end with when CLN did answer (status and a readable body). */
const ANSWERED_KINDS: readonly ClnErrorKind[] = ['auth', 'api', 'http', 'malformed', 'rateLimited', 'redirect'];

/** Cases per endpoint; × 56 endpoints + the sample checks ≥ 10,000. CLN_FUZZ_RUNS=5000 for a long soak. */
const RUNS_PER_ENDPOINT = Number(process.env.CLN_FUZZ_RUNS) || 400;
let casesRun = 0;
const outcomes = new Map<string, number>();
const count = (what: string) => outcomes.set(what, (outcomes.get(what) ?? 0) + 1);
/** What the sample answer of each endpoint decodes to: 'array' or typeof. */
const SHAPES = new Map<EndpointId, string>();
const shapeOf = (value: unknown) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

// ---- valid arguments and a valid answer for every endpoint --------------------------------

const D = '2014-04-30T11:26-0400';
const env = (data: unknown, message: string | null = null) => ({ message, type: null, success: true, data });
const ipLicense = { ip: '1.1.1.1', type: 16, registered: false, created: D };
const kcareKey = { key: 'WsTs821nSAtiastD', enabled: false, created: D, limit: 2, note: 'Some custom key note' };
const imKey = { key: 'IM1SOMENONSENCETEXT', limit: '2', code: '360_250', servers: '0' };
const imServer = { id: 'SSERVER_ID_1', ip: '192.0.2.10', key: 'IMKEYVALUE', last_checkin: '2023-04-30T11:26-0400' };
const elsKey = { key: 'CELS-yUDxBd5ethmGO5d3hnAZEau0', productCode: 'CELS', usageLimit: '2', description: 123 };
const elsServer = { id: '12345', key: 'CELS-value', ip: '1.1.1.1', hostname: 'test' };
const backup = { serverId: 'SSTGZbtLrT99N0Ca', size: 10, backupId: 23, datacenter: 'EU2' };
const clKey = { key: 'abc123', product_type: 'cl', usage_limit: 2, description: 'optional note' };
const clServer = { id: 1, key: 'abc123', ip: '1.1.1.1', hostname: 'server1' };
const groupServer = { id: 'SERVER-1', hostName: '10.0.0.1', ip: '10.0.0.1', type: 'IMUNIFY' };
const statusFlags = Object.fromEntries(STATUS_FLAGS.map(({ flag, badWhen }) => [flag, !badWhen]));
const NAGIOS_SAMPLE = 'KernelCare CRITICAL - 3 servers need attention\nout of date: web1, web2\nunsupported: db1\n';

/** A JSON value (wrapped as the body) or the text of the body. */
const SAMPLES: Record<EndpointId, unknown> = {
  'status.json': env(statusFlags),
  'status.plain':
    'success:true\ndb_clweb_connected:true, // c\ndb_clweb_online:true,\ndb_rhn_connected:true,\ndb_rhn_online:true,\nrhn_overloaded:false,\nrhn_queue_full: true, // q\nxmlrpc:true,\nip_server_reg:true,\n(/usr/sbin/clnreg_ks --force)\n',
  'ipl.availability': env({ available: [1, 41, 42, 43, 49], owned: [16] }),
  'ipl.check': env([1, 16]),
  'ipl.register': env(ipLicense),
  'ipl.convert': env(true),
  'ipl.remove': env(false),
  'ipl.list': env([ipLicense, { ip: '2001:db8::1', type: '1', registered: true, created: null }]),
  'ipl.server': env([{ server_info: 'cloudlinux-release-5 (2.6.18-294.26.1.el5.lve0.8.18)', ...ipLicense, last_checkin: D }]),
  'ipl.update': env(true),
  'kcare.key.create': env('WsTs821nSAtiastD'),
  'kcare.key.delete': env(true),
  'kcare.key.list': env([kcareKey, { key: 'K2', enabled: true, created: D, limit: '0', note: null }]),
  'kcare.key.servers': env([{ server_id: 's096slnkaAtoiAsd', ip: '1.1.1.1', created: D, last_checkin: '2023-04-30T11:26-0400' }]),
  'kcare.key.setCidr': env({ code: 0 }),
  'kcare.srv.remove': env(null, 'Server not found'),
  'kcare.nagios.registerKey': 'success:true code:0',
  'kcare.nagios.key': NAGIOS_SAMPLE,
  'kcare.nagios.reseller': 'uptodate=9;outofdate=1;unsupported=3;inactive=2\n',
  'kcare.patchset': [{ ip: '127.0.0.1', host: 'my.example.com', kernel_id: 'kernel-id', patch_level: 1 }],
  'im.key.create': env({ key: 'IM1SOMENONSENCETEXT', limit: '0', code: '360_1' }),
  'im.key.update': env({ key: 'IM1SOMENONSENCETEXT', limit: '2', code: '360_250', servers: '1' }),
  'im.key.remove': env([
    { id: 'SSERVER_ID_1', key: 'IMKEYVALUE' },
    { id: 'SSERVER_ID_2', key: 'IMKEYVALUE' },
  ]),
  'im.key.list': env([imKey, { key: 'IMUNOTHERKEY', limit: '42', code: '360_UN', servers: '1' }]),
  'im.srv.list': env([imServer, { ...imServer, id: 'SSERVER_ID_2' }]),
  'im.srv.remove': env({ id: 'SSERVER_ID_1', key: 'IMKEYVALUE' }),
  'im.srv.convert': env({ id: 'SSERVER_ID_1', key: 'IMUNNEWKEYVALUE' }),
  'els.key.create': env(elsKey),
  'els.key.update': env({ ...elsKey, usageLimit: '4', description: '321' }),
  'els.key.remove': env([{ key: 'CELS-yUDxBd5ethmGO5d3hnAZEau0' }]),
  'els.key.list': env([elsKey, { key: 'CELS-kdiRMfJ4yhmF7je4ldptndYk', productCode: 'CELS', usageLimit: '5', description: null }]),
  'els.srv.list': env([elsServer, { ...elsServer, id: '12346', hostname: 'test2' }]),
  'els.srv.remove': env(elsServer),
  'ab.list': env([backup, { ...backup, backupId: '24', size: '20' }]),
  'ab.im.create': env(backup),
  'ab.resize': env({ ...backup, size: 30 }),
  'ab.remove': env(backup),
  'group.create': env({ name: 'NAME', description: 'DESCRIPTION' }),
  'group.list': env([
    { name: 'NAME', description: 'DESCRIPTION' },
    { name: 'N2', description: null },
  ]),
  'group.servers.list': env([groupServer]),
  'group.servers.put': env([groupServer, { ...groupServer, id: 'SERVER-2', hostname: 'web2' }]),
  'group.servers.remove': env([groupServer]),
  'awp.billing': [
    { product: 'AWP_PREMIUM', primary_domain: 'example1.com', username: 'test-user1' },
    { product: 'AWP_CDN', primary_domain: 'example2.com', username: 'test-user2', cdn_limit_type: '50 GB' },
  ],
  // API v2: the published examples' bare answers (REST-PDF p.3–8, p.30–31).
  'cl.key.list': [clKey, { ...clKey, key: 'def456', usage_limit: 0, description: null }],
  'cl.key.create': clKey,
  'cl.key.update': { ...clKey, usage_limit: 5 },
  'cl.key.remove': { key: 'abc123' },
  'cl.srv.list': [clServer, { ...clServer, id: 2, hostname: 'server2' }],
  'cl.srv.remove': clServer,
  'cl.sub.servers': [{ sub_account_login: 'sub1', sub_account_email: 'sub1@example.com', server_id: 1, server_key: 'abc123', version: 8, ip: '1.1.1.1' }],
  'features.list': [{ feature_id: 4600, applicable_product_ids: [1, 2, 3] }],
  'features.account': { '1101': 'DISABLED', '1102': 'UNSET', '4600': 'ENABLED' },
  'features.account.set': { '4600': 'ENABLED' },
  'imunify.server.features.set': { id: 'SSERVER_ID_1', permissions: { '4600': 'DISABLED' } },
  'imunify.key.features.set': { key: 'IMKEYVALUE', permissions: { '4600': 'ENABLED' } },
  'ipl.types': { 'CloudLinux OS Shared': 1, KernelCare: 16 },
};

const sampleText = (id: EndpointId) => (typeof SAMPLES[id] === 'string' ? (SAMPLES[id] as string) : JSON.stringify(SAMPLES[id]));

// ---- the fake transport ------------------------------------------------------------------

/** What the fake server does for one request. `{{…}}` in the body is filled in from the request. */
type Reply = { kind: 'answer'; status: number; body: string; date?: string; bodyFails?: boolean } | { kind: 'throw'; error: unknown };

function fill(body: string, url: string): string {
  if (!body.includes('{{')) return body;
  const parsed = new URL(url);
  return body
    .split('{{URL}}')
    .join(url)
    .split('{{URL_DECODED}}')
    .join(decodeURIComponent(url))
    .split('{{PATH}}')
    .join(parsed.pathname + parsed.search)
    .split('{{TOKEN}}')
    .join(TOKEN)
    .split('{{TOKEN_ENC}}')
    .join(encodeURIComponent(TOKEN))
    .split('{{SECRETLESS}}')
    .join(`${LOGIN}|${Math.floor(NOW / 1000)}`);
}

function fakeFetch(reply: Reply, seen: string[]): FetchLike {
  return async (url: string, _init: FetchInit): Promise<FetchResponse> => {
    seen.push(url);
    if (reply.kind === 'throw') {
      // node-fetch puts the whole URL (token included) into its error messages.
      if (reply.error instanceof Error && reply.error.message.includes('{{')) throw Object.assign(new Error(fill(reply.error.message, url)), { code: (reply.error as { code?: string }).code });
      throw reply.error;
    }
    const { status, date, bodyFails } = reply;
    const body = fill(reply.body, url);
    return {
      status,
      statusText: status === 200 ? 'OK' : '',
      headers: { get: (name: string) => (name.toLowerCase() === 'date' ? (date ?? null) : name.toLowerCase() === 'content-type' ? 'application/json' : null) },
      text: async () => {
        if (bodyFails) throw Object.assign(new Error('aborted mid-body'), { code: 'ECONNRESET' });
        return body;
      },
    };
  };
}

// ---- arbitraries -----------------------------------------------------------------------

const json = fc.jsonValue({ maxDepth: 3, depthSize: 'small' });
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }));

const statusArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant(200) },
  { weight: 3, arbitrary: fc.constantFrom(201, 204, 301, 302, 304, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 999 }) },
);
const dateHeader = fc.option(
  fc.oneof(
    fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }).map((off) => new Date(NOW + off).toUTCString()),
    anyText,
  ),
  { nil: undefined },
);

type Step = string | number;
function allPaths(value: unknown, prefix: Step[] = []): Step[][] {
  const out: Step[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...allPaths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...prefix, k]));
  return out;
}

type Action = 'delete' | 'replace' | 'numString' | 'null' | 'wrap' | 'unwrap' | 'empty' | 'boolText' | 'huge' | 'badDate' | 'addField';
interface Mutation {
  at: number;
  action: Action;
  value: unknown;
  key: string;
}
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  action: fc.constantFrom<Action>('delete', 'replace', 'numString', 'null', 'wrap', 'unwrap', 'empty', 'boolText', 'huge', 'badDate', 'addField'),
  value: json,
  key: fc.oneof(fc.constantFrom('success', 'message', 'data', 'key', 'id', 'limit', 'code', 'type', '__proto__', 'constructor'), fc.string({ maxLength: 8 })),
});

function mutateValue(root: unknown, m: Mutation): unknown {
  const paths = allPaths(root);
  const path = paths[m.at % paths.length];
  const current = path.reduce<unknown>((v, step) => (v as Record<Step, unknown>)[step], root);
  let next: unknown;
  switch (m.action) {
    case 'delete':
      next = undefined;
      break;
    case 'replace':
      next = m.value;
      break;
    case 'numString':
      next =
        typeof current === 'number'
          ? String(current)
          : typeof current === 'string' && current.trim() !== '' && !Number.isNaN(Number(current))
            ? Number(current)
            : typeof current === 'string'
              ? current.length
              : (JSON.stringify(current) ?? 'undefined');
      break;
    case 'null':
      next = null;
      break;
    case 'wrap':
      next = [current];
      break;
    case 'unwrap':
      next = Array.isArray(current) ? current[0] : current !== null && typeof current === 'object' ? Object.values(current)[0] : current;
      break;
    case 'empty':
      next = Array.isArray(current) ? [] : current !== null && typeof current === 'object' ? {} : '';
      break;
    case 'boolText':
      next = typeof current === 'boolean' ? String(current).toUpperCase() : current === null ? false : 'true';
      break;
    case 'huge':
      next = m.at % 3 === 0 ? '1' + '0'.repeat(400) : m.at % 3 === 1 ? -1.7976931348623157e308 : '-0.000';
      break;
    case 'badDate':
      next = ['2023-02-31T10:00-0000', '2014-13-01T11:26-0400', 'yesterday', '', '2014-04-30T11:26+9999'][m.at % 5];
      break;
    case 'addField':
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
        next = { ...(current as object) };
        Object.defineProperty(next, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      } else next = current;
      break;
  }
  if (path.length === 0) return next;
  const parent = path.slice(0, -1).reduce<unknown>((v, step) => (v as Record<Step, unknown>)[step], root) as Record<Step, unknown> | unknown[];
  const last = path[path.length - 1];
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete (parent as Record<Step, unknown>)[last];
  } else (parent as Record<Step, unknown>)[last] = next;
  return root;
}

type TextOp = { op: 'truncate' | 'flip' | 'insert' | 'delete' | 'duplicate'; at: number; len: number; text: string };
const textOpArb: fc.Arbitrary<TextOp> = fc.record({
  op: fc.constantFrom('truncate', 'flip', 'insert', 'delete', 'duplicate'),
  at: fc.nat(),
  len: fc.integer({ min: 1, max: 12 }),
  text: fc.oneof(fc.string({ minLength: 1, maxLength: 4 }), fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\\', '\u0000', '\n', 'null', '//', '\uD800')),
});

function mutateText(text: string, op: TextOp): string {
  const at = text.length === 0 ? 0 : op.at % (text.length + 1);
  switch (op.op) {
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      return text.slice(0, at) + op.text[0] + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + op.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + op.len);
    case 'duplicate':
      return text.slice(0, at + op.len) + text.slice(at);
  }
}

/** Realistic-looking text for *.plain answers. */
const plainText = fc
  .tuple(
    fc.constantFrom(
      'success:true',
      'success:false',
      'SUCCESS:TRUE',
      'success: true',
      'success:maybe',
      'success:',
      'success:true code:0',
      'success:true code:2',
      'success:false message:Unexpected server error',
    ),
    fc.option(
      fc.oneof(
        fc.integer({ min: -5, max: 99 }).map((n) => ` code:${n}`),
        anyText.map((t) => ` code:${t}`),
        anyText.map((t) => ` message:${t}`),
      ),
      { nil: '' },
    ),
    fc.array(
      fc.oneof(
        fc
          .tuple(
            fc.constantFrom(...STATUS_FLAGS.map((f) => f.flag), 'message', 'code', 'other'),
            fc.constantFrom('true', 'false', 'TRUE', 'True', '1', '0', 'yes', '', 'null', '2'),
            fc.constantFrom('', ',', ', // comment', ' //x'),
          )
          .map(([k, v, tail]) => `${k}:${v}${tail}`),
        fc.tuple(fc.constantFrom(...STATUS_FLAGS.map((f) => f.flag)), anyText).map(([k, v]) => `${k}: ${v}`),
        anyText,
      ),
      { maxLength: 10 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([head, extra, lines, eol]) => [head + extra, ...lines].join(eol));

/** Performance data as the live service writes it, with names and values sometimes off. */
const perfdata = fc
  .array(
    fc.tuple(fc.constantFrom('uptodate', 'outofdate', 'unsupported', 'inactive', 'other', 'UPTODATE', ''), fc.oneof(fc.nat(), fc.integer(), anyText)).map(([k, v]) => `${k}=${v}`),
    { maxLength: 5 },
  )
  .chain((pairs) => fc.constantFrom(';', ' ', '; ').map((sep) => pairs.join(sep)));

/** Realistic-looking Nagios check output: the reference's form and the live one (performance data, host lines, plain-text errors). */
const nagiosText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('KernelCare OK', 'KernelCare WARNING', 'KernelCare CRITICAL', 'KernelCare UNKNOWN', 'KernelCare ok', 'KernelCare FINE', 'KernelCare', 'Kernelcare OK', 'OK'),
      fc.option(
        anyText.map((t) => ` - ${t}`),
        { nil: '' },
      ),
      fc.array(
        fc.oneof(
          fc
            .tuple(fc.constantFrom('out of date', 'outdated', 'Unsupported', 'inactive', 'other', ''), fc.array(fc.oneof(fc.domain(), anyText), { maxLength: 4 }))
            .map(([g, names]) => `${g}: ${names.join(', ')}`),
          anyText,
        ),
        { maxLength: 6 },
      ),
    )
    .map(([head, summary, lines]) => [head + summary, ...lines].join('\n')),
  fc
    .tuple(
      fc.option(fc.oneof(fc.constantFrom('3 machines are OUTOFDATE!', 'All machines are up to date'), anyText), { nil: undefined }),
      perfdata,
      fc.array(
        fc.oneof(
          fc
            .tuple(fc.oneof(fc.domain(), anyText), fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), anyText)), fc.constantFrom('OUTOFDATE', 'UNSUPPORTED', 'INACTIVE', 'weird', ''))
            .map(([host, ip, state]) => `${host}${ip ? ` (${ip})` : ''} is ${state}`),
          anyText,
        ),
        { maxLength: 6 },
      ),
      fc.constantFrom('\n', '\r\n'),
    )
    .map(([head, data, lines, eol]) => [head === undefined ? data : `${head}|${data}`, ...lines].join(eol)),
  fc.constantFrom('Servers not found for key K', 'Reseller not found', 'Registration token not found for reseller R'),
);

/** Bodies that echo the request (URL, token) the way error pages and proxies do. */
const echoText = fc
  .tuple(
    fc.constantFrom(
      '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><p>{{URL}}</p></body></html>',
      '<html><a href="{{PATH}}&amp;x=1">retry</a></html>',
      '{"success":false,"message":"Invalid token {{TOKEN}}","data":null}',
      '{"success":false,"message":"Authorization failed for {{URL_DECODED}}","data":null}',
      '{"success":false,"message":"bad request {{PATH}}","data":null}',
      '{"success":true,"message":"served {{URL}}","data":{{JSON_SAMPLE}}}',
      'success:false message:bad token {{TOKEN}}',
      'KernelCare UNKNOWN - {{PATH}} {{TOKEN}}',
      'Error: {{TOKEN}}',
      'Error at {{URL}}',
    ),
    fc.nat({ max: 600 }),
    fc.boolean(),
  )
  .map(([template, pad, padIt]) => (padIt ? 'x'.repeat(pad) + ' ' : '') + template);

function replyArb(id: EndpointId): fc.Arbitrary<Reply> {
  const endpoint = endpointOf(id);
  const sample = SAMPLES[id];
  const sampleBody = sampleText(id);
  const isJson = endpoint.format === 'json' || endpoint.format === 'json-or-bare' || endpoint.format === 'v2';
  const bodies: fc.Arbitrary<string>[] = [
    // Arbitrary JSON values.
    json.map((v) => JSON.stringify(v)),
    // Valid envelopes with random data; success of any type.
    fc
      .record({
        success: fc.oneof({ weight: 4, arbitrary: fc.boolean() }, fc.constantFrom('true', 1, null)),
        message: fc.option(fc.oneof(anyText, fc.constant('Authorization failed'), fc.constant('Server not found'))),
        data: json,
      })
      .map((v) => JSON.stringify(v)),
    // The sample, textually mutated (truncated, flipped, …), 1–4 times.
    fc.array(textOpArb, { minLength: 1, maxLength: 4 }).map((ops) => ops.reduce(mutateText, sampleBody)),
    // Random text, HTML, and request echoes.
    anyText,
    fc.constantFrom('', ' ', '\n', 'null', 'true', '0', '""', '[]', '{}', '<html><body>Service Unavailable</body></html>', '{"success":true}', '{"success":false}', '{"success":true,"data":null}'),
    echoText.map((t) => t.split('{{JSON_SAMPLE}}').join(isJson ? sampleBody : '"x"')),
  ];
  if (isJson) {
    // The sample with structural mutations: dropped fields, wrong types, numbers↔strings, …
    bodies.push(
      fc.tuple(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.option(textOpArb, { nil: undefined })).map(([mutations, op]) => {
        let value: unknown = structuredClone(sample);
        for (const m of mutations) value = mutateValue(value, m);
        const text = value === undefined ? '' : JSON.stringify(value);
        return op ? mutateText(text, op) : text;
      }),
      fc.constant(sampleBody),
    );
  } else {
    bodies.push(endpoint.format === 'plain' ? plainText : nagiosText, fc.constant(sampleBody));
  }
  const answer = fc.record({
    kind: fc.constant('answer' as const),
    status: statusArb,
    body: fc.oneof(...bodies),
    date: dateHeader,
    bodyFails: fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, fc.constant(true)),
  });
  const thrown = fc.record({
    kind: fc.constant('throw' as const),
    error: fc.oneof(
      fc
        .constantFrom('ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'CERT_HAS_EXPIRED')
        .map((code) => Object.assign(new Error(`request failed, reason: ${code}`), { code })),
      anyText.map((m) => new TypeError(m)),
      fc.constantFrom(null, undefined, 42, 'plain string', { code: 'ECONNRESET' }, { errno: 'ENETUNREACH' }, [] as unknown[]),
      anyText.map((m) => new Error(`${m} ${TOKEN}`)),
      fc
        .tuple(fc.constantFrom('socket hang up', 'connect ECONNREFUSED 127.0.0.1:443', 'Premature close'), fc.option(fc.constantFrom('ECONNRESET', 'ECONNREFUSED'), { nil: undefined }))
        .map(([reason, code]) => Object.assign(new Error(`request to {{URL}} failed, reason: ${reason}`), { code })),
      fc.constant(new Error('invalid json response body at {{URL_DECODED}} reason: Unexpected end of JSON input')),
    ),
  });
  return fc.oneof({ weight: 19, arbitrary: answer }, { weight: 1, arbitrary: thrown });
}

// ---- the property ------------------------------------------------------------------------

function noCredentials(text: string | undefined, what: string) {
  if (text === undefined) return;
  assert.ok(!text.includes(SECRET), `${what} contains the secret: ${text}`);
  // No run of 12 digest characters either: a token cut short is still a leak.
  for (let i = 0; i + 12 <= DIGEST.length; i++) assert.ok(!text.includes(DIGEST.slice(i, i + 12)), `${what} contains part of the token digest: ${text}`);
}

/** Decoded values hold finite numbers and valid Dates only ("numbers are numbers, dates are Dates"). */
function assertClean(value: unknown, where: string): void {
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${where} is ${value}`);
  else if (value instanceof Date) assert.ok(!Number.isNaN(value.getTime()), `${where} is an invalid Date`);
  else if (Array.isArray(value)) value.forEach((v, i) => assertClean(v, `${where}[${i}]`));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertClean(v, `${where}.${k}`);
  else assert.ok(value === null || ['string', 'boolean'].includes(typeof value), `${where} is ${typeof value}`);
}

async function runOne(id: EndpointId, reply: Reply): Promise<void> {
  casesRun++;
  const seen: string[] = [];
  const log: RequestLogEntry[] = [];
  const client = new ClnClient({
    baseUrl: BASE,
    credentials: () => ({ login: LOGIN, secretKey: SECRET }),
    fetch: fakeFetch(reply, seen),
    now: () => NOW,
    readRetries: 1,
    retryDelayMs: 0,
    timeoutMs: 5000,
    onRequest: (entry) => log.push(entry),
  });
  let outcome: { value: unknown } | { error: unknown };
  try {
    outcome = { value: await (client.call as (id: EndpointId, args: unknown) => Promise<unknown>)(id, VALID_ARGS[id]) };
  } catch (error) {
    outcome = { error };
  }
  assert.ok(seen.length >= 1, 'the fake fetch was not called');
  for (const url of seen) assert.ok(!url.includes(SECRET), `the secret is in the URL ${url}`);
  for (const entry of log) {
    noCredentials(entry.path, 'request log path');
    noCredentials(entry.error, 'request log error');
  }
  if ('value' in outcome) {
    assert.notEqual(outcome.value, undefined, 'resolved to undefined');
    // Whatever got through has the type the endpoint promises (a list stays a list, …).
    assert.equal(shapeOf(outcome.value), SHAPES.get(id), `resolved to ${JSON.stringify(outcome.value)}`);
    assertClean(outcome.value, 'value');
    count('resolved');
    return;
  }
  const error = outcome.error;
  if (!(error instanceof ClnError)) {
    throw new Error(`not a ClnError: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`);
  }
  assert.ok(KINDS.includes(error.kind), `unknown kind ${error.kind}`);
  count(error.kind);
  assert.notEqual(error.kind, 'validation', `validation error for valid arguments: ${error.message}`);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.trim().length > 0, 'empty message');
  noCredentials(error.message, 'error message');
  noCredentials(error.detail, 'error detail');
  if (reply.kind === 'answer' && !reply.bodyFails) {
    // CLN answered: the error must say what was wrong with the answer, not blame the network.
    assert.ok(ANSWERED_KINDS.includes(error.kind), `kind ${error.kind} for an answer (HTTP ${reply.status}): ${error.message}`);
  }
}

describe(`fuzz: decoders through the client (${ENDPOINT_IDS.length} endpoints × ${RUNS_PER_ENDPOINT} random answers)`, function () {
  this.timeout(60_000);

  after(() => {
    const summary = [...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(`      fuzz.decoders: ${casesRun} cases run in total (${summary})`);
  });

  it('every endpoint has valid arguments and a sample answer', () => {
    assert.deepEqual(Object.keys(VALID_ARGS).sort(), [...ENDPOINT_IDS].sort());
    assert.deepEqual(Object.keys(SAMPLES).sort(), [...ENDPOINT_IDS].sort());
  });

  it('every sample answer decodes (the mutations start from a valid body)', async () => {
    for (const id of ENDPOINT_IDS) {
      const seen: string[] = [];
      const client = new ClnClient({
        baseUrl: BASE,
        credentials: () => ({ login: LOGIN, secretKey: SECRET }),
        fetch: fakeFetch({ kind: 'answer', status: 200, body: sampleText(id) }, seen),
        now: () => NOW,
      });
      casesRun++;
      const value = await (client.call as (id: EndpointId, args: unknown) => Promise<unknown>)(id, VALID_ARGS[id]);
      assert.notEqual(value, undefined, id);
      assert.equal(seen.length, 1, id);
      SHAPES.set(id, shapeOf(value));
    }
  });

  for (const id of ENDPOINT_IDS) {
    it(`${id} (${endpointOf(id).format}): resolves or rejects with a clean ClnError`, async () => {
      await fc.assert(
        fc.asyncProperty(replyArb(id), (reply) => runOne(id, reply)),
        { numRuns: RUNS_PER_ENDPOINT },
      );
    });
  }

  it('ran at least 10,000 cases', () => {
    assert.ok(casesRun >= 10_000, `only ${casesRun} cases`);
  });
});
