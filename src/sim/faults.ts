/** Switchable failures, per endpoint or for all ('*'), and how each one answers. */
import { Readable } from 'stream';
import * as zlib from 'zlib';
import type { AnswerFormat, EndpointId } from '../cln/endpoints';

/**
 * - latency, http500, html, truncated, empty, auth: a slow or broken CLN or proxy.
 * - redirectOffsite: 307 to another host, the query (token included) carried along.
 * - redirectInsecure: 301 to plain http:// on another host, the query carried along.
 * - redirectSame: 302 to the very same address (a loop while the fault lasts).
 * - rateLimit: 429 with `Retry-After` (`retryAfter` seconds, default 1); nothing is processed.
 * - huge: 200 with a body of `bytes` (default 200 MB), streamed as the client reads.
 * - gzipBomb: 200, `Content-Encoding: gzip`, a small body inflating to `bytes` (default 200 MB).
 * - echo: 500 whose message and path echo the token (raw, %7C-encoded, lower case, the
 *   digest alone, in a nagios-res path) and the secret key.
 * - reset: the headers and part of the body, then the connection is destroyed.
 */
export type FaultKind =
  'latency' | 'http500' | 'html' | 'truncated' | 'empty' | 'auth' | 'redirectOffsite' | 'redirectInsecure' | 'redirectSame' | 'rateLimit' | 'huge' | 'gzipBomb' | 'echo' | 'reset';

export interface FaultSpec {
  kind: FaultKind;
  /** latency: how long to wait before answering (default 30 s, beyond any test timeout). */
  ms?: number;
  /** rateLimit: the Retry-After, in seconds (default 1). */
  retryAfter?: number;
  /** huge, gzipBomb: the size of the (decoded) body, default 200 MB. */
  bytes?: number;
  /** redirectOffsite, redirectInsecure: where to send the client (an origin), default a host that does not exist. */
  location?: string;
  /** How many requests it applies to; default: until cleared. */
  times?: number;
  /** State-changing endpoint: apply the change, THEN answer with the fault (an unknown outcome for the client). */
  afterCommit?: boolean;
}

export interface FaultControl {
  set(target: EndpointId | '*', fault: FaultSpec): void;
  clear(target?: EndpointId | '*'): void;
}

export const DEFAULT_FAULT_LATENCY_MS = 30_000;

export class Faults implements FaultControl {
  private readonly active = new Map<EndpointId | '*', FaultSpec & { left: number }>();

  set(target: EndpointId | '*', fault: FaultSpec): void {
    this.active.set(target, { ...fault, left: fault.times ?? Number.POSITIVE_INFINITY });
  }

  clear(target?: EndpointId | '*'): void {
    if (target === undefined) this.active.clear();
    else this.active.delete(target);
  }

  /** The fault for this request, if any (the endpoint's own before '*'); counts `times` down. */
  take(id: EndpointId): FaultSpec | undefined {
    for (const target of [id, '*'] as const) {
      const fault = this.active.get(target);
      if (!fault) continue;
      fault.left -= 1;
      if (fault.left <= 0) this.active.delete(target);
      const { left: _left, ...spec } = fault;
      return spec;
    }
    return undefined;
  }
}

export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
  /** Sent instead of `body`, without a Content-Length, as fast as the client reads. */
  stream?: () => Readable;
  /** Send the headers and this much of `body`, then destroy the connection. */
  resetAfter?: number;
}

/** What a fault may echo or build on: the request as it arrived. */
export interface FaultRequest {
  /** Path and query as received, token included. */
  url: string;
  /** The host header, e.g. 127.0.0.1:41234. */
  host: string;
  token: string | undefined;
  secretKey: string;
}

const NGINX_502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const JSON_TYPE = 'application/json;charset=UTF-8';
const TEXT_TYPE = 'text/plain;charset=UTF-8';

/** The answer a fault gives instead of (or, for 'truncated', made from) the real one. */
export function faultAnswer(
  kind: Exclude<FaultKind, 'latency'>,
  format: AnswerFormat,
  path: string,
  real: RawAnswer | undefined,
  nowMs: number,
  spec: Omit<FaultSpec, 'kind'> = {},
  request?: FaultRequest,
): RawAnswer {
  const isJson = format === 'json' || format === 'json-or-bare' || format === 'v2';
  const type = isJson ? JSON_TYPE : TEXT_TYPE;
  const requested = request?.url ?? path;
  switch (kind) {
    case 'html':
      return { status: 502, contentType: 'text/html', body: NGINX_502 };
    case 'http500':
      return isJson
        ? { status: 500, contentType: JSON_TYPE, body: JSON.stringify({ timestamp: new Date(nowMs).toISOString(), status: 500, error: 'Internal Server Error', path }) }
        : { status: 500, contentType: TEXT_TYPE, body: 'Internal Server Error' };
    case 'empty':
      return { status: 200, contentType: type, body: '' };
    case 'truncated': {
      // Without the real answer (a change that was not made), cut an envelope that promised data.
      const full = real?.body ?? '{"success":true,"message":null,"type":null,"data":{"result":"the change would be described here"}}';
      return { status: 200, contentType: real?.contentType ?? JSON_TYPE, body: full.slice(0, Math.max(1, Math.floor(full.length / 2))) };
    }
    case 'auth':
      return authFailure(format);
    case 'redirectOffsite':
      return redirect(307, `${spec.location ?? 'https://cln-elsewhere.invalid'}${requested}`);
    case 'redirectInsecure':
      return redirect(301, `${spec.location ?? 'http://cln-plain.invalid'}${requested}`);
    case 'redirectSame':
      return redirect(302, `http://${request?.host ?? 'localhost'}${requested}`);
    case 'rateLimit':
      return { status: 429, contentType: TEXT_TYPE, body: 'Too Many Requests', headers: { 'Retry-After': String(spec.retryAfter ?? 1) } };
    case 'huge': {
      const bytes = spec.bytes ?? DEFAULT_FAULT_BYTES;
      return { status: 200, contentType: type, body: '', stream: () => padded(isJson ? '{"success":true,"message":null,"data":[' : 'success:true\n', bytes) };
    }
    case 'gzipBomb': {
      const bytes = spec.bytes ?? DEFAULT_FAULT_BYTES;
      return {
        status: 200,
        contentType: type,
        body: '',
        headers: { 'Content-Encoding': 'gzip' },
        stream: () => padded(isJson ? '{"success":true,"message":null,"data":[' : 'success:true\n', bytes).pipe(zlib.createGzip({ level: 9, flush: zlib.constants.Z_SYNC_FLUSH })),
      };
    }
    case 'echo': {
      const token = request?.token ?? '';
      const [login = '', timestamp = '', digest = ''] = token.split('|');
      const encoded = encodeURIComponent(token);
      const echoed = [
        `Invalid token ${token}`,
        `token=${encoded}`,
        `got ${encoded.toLowerCase()}`,
        `signature ${digest.toUpperCase()} does not match`,
        `expected sha1(${request?.secretKey ?? ''}${timestamp})`,
        `see /api/kcare/nagios-res/${login}/${encoded}`,
      ].join('; ');
      const body = isJson
        ? JSON.stringify({ timestamp: new Date(nowMs).toISOString(), status: 500, error: 'Internal Server Error', message: echoed, path: requested })
        : `Internal Server Error: ${echoed} at ${requested}`;
      return { status: 500, contentType: type, body };
    }
    case 'reset': {
      const body = real?.body ?? '{"success":true,"message":null,"type":null,"data":{"result":"the change would be described here"}}';
      return { status: 200, contentType: real?.contentType ?? type, body, resetAfter: Math.max(1, Math.floor(body.length / 2)) };
    }
  }
}

export const DEFAULT_FAULT_BYTES = 200 * 1024 * 1024;

function redirect(status: number, location: string): RawAnswer {
  return { status, contentType: 'text/html', body: `<html><body>Moved to <a href="${location}">${location}</a></body></html>`, headers: { Location: location } };
}

/** `head`, then spaces up to `bytes`, made as they are read. */
function padded(head: string, bytes: number): Readable {
  const chunk = Buffer.alloc(64 * 1024, ' ');
  let left = bytes;
  let first = true;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const part = first ? Buffer.from(head) : chunk.subarray(0, Math.min(chunk.length, left));
      first = false;
      left -= part.length;
      this.push(part);
    },
  });
}

/** "Authorization failed" in each answer format. Nagios checks carry no envelope, so they get HTTP 403. */
export function authFailure(format: AnswerFormat): RawAnswer {
  if (format === 'plain') return { status: 200, contentType: TEXT_TYPE, body: 'success:false message:Authorization failed\n' };
  const body = JSON.stringify({ success: false, message: 'Authorization failed', type: null, data: null });
  if (format === 'nagios') return { status: 403, contentType: JSON_TYPE, body };
  // API v2 (unpublished): a 401 with CLN's words, which the client reads in either shape.
  if (format === 'v2') return { status: 401, contentType: JSON_TYPE, body };
  return { status: 200, contentType: JSON_TYPE, body };
}

export const CONTENT_TYPES = { json: JSON_TYPE, text: TEXT_TYPE };
