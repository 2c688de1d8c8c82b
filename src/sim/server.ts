/**
 * The HTTP side: one request → route → (latency, faults) → auth → arguments →
 * handler → answer in the endpoint's format. Every request is logged without
 * its token.
 */
import type { IncomingMessage, ServerResponse } from 'http';
import { AnswerFormat, EndpointId, endpointOf } from '../cln/endpoints';
import { parseArgs } from './args';
import { checkToken, TokenCheck } from './auth';
import { authFailure, CONTENT_TYPES, DEFAULT_FAULT_LATENCY_MS, faultAnswer, FaultRequest, Faults, RawAnswer } from './faults';
import { ARG_ALIASES, HANDLERS, LENIENT_ARGS } from './handlers';
import type { Reply } from './handlers/context';
import type { Rng } from './prng';
import { route } from './router';
import type { SimState, SimV2Mode } from './state';

export interface SimRequestRecord {
  method: string;
  /** Path below the API root (e.g. `/ipl/list.json`), the nagios-res token replaced by `<redacted>`. */
  path: string;
  /** Query arguments, without `token`. */
  query: Record<string, string>;
  /** The JSON body (API v2 changes), parsed; absent when none was sent. */
  body?: unknown;
  endpointId?: EndpointId;
  /** What the simulator made of the credentials (never the token itself); absent when none were sent. */
  auth?: TokenCheck;
  /** HTTP status answered; 0 while the answer is pending. */
  status: number;
  /** Simulator clock at arrival, ms. */
  at: number;
}

export interface ServerContext {
  state: SimState;
  faults: Faults;
  requests: SimRequestRecord[];
  mutationCounts: Partial<Record<EndpointId, number>>;
  rng: Rng;
  credentials: { login: string; secretKey: string };
  /** The static API security token nagios-res expects. */
  apiToken: string;
  tokenWindowSeconds: number;
  now: () => number;
  latencyMs: () => number;
  delay: (ms: number) => Promise<void>;
  isClosed: () => boolean;
  /** Answers HTTP 429 instead of serving, when it says so (the simulator's rate limit). */
  rateLimited?: () => { retryAfterSeconds: number } | undefined;
}

const API_ROOT = '/api';

function envelope(success: boolean, message: string | null, data: unknown, json?: string): string {
  // With the data as JSON text already, the same bytes JSON.stringify writes for the whole envelope.
  if (json !== undefined) return `{"success":${success},"message":${JSON.stringify(message)},"type":null,"data":${json}}`;
  return JSON.stringify({ success, message, type: null, data });
}

/** The data of a reply as JSON text. */
const dataJson = (reply: Extract<Reply, { kind: 'json' }>): string => reply.json ?? JSON.stringify(reply.data);

const REASONS: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 422: 'Unprocessable Entity' };

/**
 * API v2: success as the published bare JSON (or v1's envelope, when the mode says so);
 * a refusal with its HTTP status and CLN's words, as a Spring-style error object (or the envelope).
 */
function renderV2(reply: Extract<Reply, { kind: 'json' }>, mode: SimV2Mode): RawAnswer {
  if (reply.success) {
    return {
      status: 200,
      contentType: CONTENT_TYPES.json,
      body: mode.answers === 'envelope' ? envelope(true, reply.message, reply.data, reply.json) : (reply.json ?? JSON.stringify(reply.data ?? null)),
    };
  }
  const status = reply.status ?? 400;
  const body = mode.answers === 'envelope' ? envelope(false, reply.message, null) : JSON.stringify({ status, error: REASONS[status] ?? 'Error', message: reply.message });
  return { status, contentType: CONTENT_TYPES.json, body };
}

/** What a service without API v2 answers on a v2 path: Spring's 404, a 403, or a web page. */
function v2Unavailable(how: NonNullable<SimV2Mode['unavailable']>, path: string, nowMs: number): RawAnswer {
  const timestamp = new Date(nowMs).toISOString();
  if (how === 404) return { status: 404, contentType: CONTENT_TYPES.json, body: JSON.stringify({ timestamp, status: 404, error: 'Not Found', path }) };
  if (how === 403) return { status: 403, contentType: CONTENT_TYPES.json, body: JSON.stringify({ timestamp, status: 403, error: 'Forbidden', message: 'Access Denied', path }) };
  return { status: 200, contentType: 'text/html', body: '<!DOCTYPE html><html><head><title>CLN</title></head><body><div id="app">Loading…</div></body></html>' };
}

/** A handler's reply in the endpoint's answer format. */
export function render(reply: Reply, format: AnswerFormat, v2: SimV2Mode = { answers: 'bare', unavailable: null }): RawAnswer {
  if (reply.kind === 'text') return { status: reply.status ?? 200, contentType: CONTENT_TYPES.text, body: reply.body };
  if (format === 'v2') return renderV2(reply, v2);
  if (format === 'plain') {
    return { status: 200, contentType: CONTENT_TYPES.text, body: `success:${reply.success}${reply.message ? ` message:${reply.message}` : ''}\n` };
  }
  // An argument CLN could not take: the live service answers plain text (reference: a KernelCare UNKNOWN line).
  if (format === 'nagios') return { status: 200, contentType: CONTENT_TYPES.text, body: `${reply.message ?? 'error'}\n` };
  const body = reply.bare && reply.success ? dataJson(reply) : envelope(reply.success, reply.message, reply.data, reply.json);
  return { status: 200, contentType: CONTENT_TYPES.json, body };
}

/** The largest request body the simulator reads (API v2 changes send small JSON bodies). */
const MAX_REQUEST_BODY = 1024 * 1024;

function readRequestBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_REQUEST_BODY ? '' : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
    req.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export function createRequestHandler(ctx: ServerContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const body = readRequestBody(req);
    serve(ctx, req, res, body).catch((error: unknown) => {
      sendNow(ctx, res, undefined, { status: 500, contentType: CONTENT_TYPES.text, body: `simulator error: ${String(error)}` });
    });
  };
}

function sendNow(ctx: ServerContext, res: ServerResponse, record: SimRequestRecord | undefined, answer: RawAnswer, extra: Record<string, string> = {}): void {
  if (record) record.status = answer.status;
  if (ctx.isClosed() || res.destroyed || res.headersSent) return;
  const headers: Record<string, string | number> = { 'Content-Type': answer.contentType, Date: new Date(ctx.now()).toUTCString(), ...answer.headers, ...extra };
  if (answer.stream) {
    // As fast as the client reads, and no further once it is gone.
    res.writeHead(answer.status, headers);
    const body = answer.stream();
    res.on('close', () => body.destroy());
    body.on('error', () => res.destroy());
    body.pipe(res);
    return;
  }
  res.writeHead(answer.status, { ...headers, 'Content-Length': Buffer.byteLength(answer.body) });
  if (answer.resetAfter !== undefined) {
    res.write(Buffer.from(answer.body).subarray(0, answer.resetAfter));
    setTimeout(() => res.socket?.destroy(), 10);
    return;
  }
  res.end(answer.body);
}

async function serve(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, bodyText: Promise<string>): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://simulator');
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) if (name !== 'token') query[name] = value;
  const inApi = url.pathname === API_ROOT || url.pathname.startsWith(`${API_ROOT}/`);
  const path = inApi ? url.pathname.slice(API_ROOT.length) : url.pathname;
  const record: SimRequestRecord = { method, path: path.replace(/^(\/kcare\/nagios-res\/[^/]+\/)[^/]+/, '$1<redacted>'), query, status: 0, at: ctx.now() };
  ctx.requests.push(record);

  const latency = ctx.latencyMs();
  const found = inApi ? route(method, path) : ({ kind: 'notFound' } as const);
  // A change takes effect once the latency has passed, as CLN's would when the request reaches it. Any other
  // answer (a read's, a refusal's) leaves `latency` after the request arrived, the simulator's own work
  // included: the latency is the whole wait a client sees, and the simulator's CPU, on the client's cores in
  // the benchmark, is not added to it (writing the 850 KB IP license list the first time added ~25 ms, and
  // answering six batches one after the other up to 5 ms a round, to the benchmark's wall times).
  const due = performance.now() + latency;
  if (latency > 0 && 'id' in found && endpointOf(found.id).mutates) await ctx.delay(latency);
  if (ctx.isClosed()) return;
  const reply = async (answer: RawAnswer, extra?: Record<string, string>) => {
    const wait = Math.ceil(due - performance.now());
    if (wait > 0) await ctx.delay(wait);
    if (ctx.isClosed()) return;
    sendNow(ctx, res, record, answer, extra);
  };

  if (found.kind === 'notFound') {
    return reply({ status: 404, contentType: CONTENT_TYPES.json, body: envelope(false, `Not found: ${url.pathname}`, null) });
  }
  if (found.kind === 'wrongMethod') {
    const body = envelope(false, `Method ${method} is not allowed for ${url.pathname} (use ${found.allowed.join(', ')})`, null);
    return reply({ status: 405, contentType: CONTENT_TYPES.json, body }, { Allow: found.allowed.join(', ') });
  }
  const { id, pathValues } = found;
  const endpoint = endpointOf(id);
  record.endpointId = id;
  const requestBody = await bodyText;
  let json: unknown;
  try {
    json = requestBody.trim() ? JSON.parse(requestBody) : undefined;
  } catch {
    json = undefined;
  }
  if (json !== undefined) record.body = json;
  if (endpoint.format === 'v2' && ctx.state.v2.unavailable !== null) return reply(v2Unavailable(ctx.state.v2.unavailable, url.pathname, ctx.now()));

  const limited = ctx.rateLimited?.();
  if (limited) {
    return reply({ status: 429, contentType: CONTENT_TYPES.text, body: 'Too Many Requests', headers: { 'Retry-After': String(limited.retryAfterSeconds) } });
  }

  const taken = ctx.faults.take(id);
  if (taken?.kind === 'latency') {
    // After commit: make the change, then keep the client waiting; otherwise wait first.
    const answer = taken.afterCommit ? answerFor(ctx, id, url.searchParams, pathValues, record, json) : undefined;
    await ctx.delay(taken.ms ?? DEFAULT_FAULT_LATENCY_MS);
    if (ctx.isClosed()) return;
    return reply(answer ?? answerFor(ctx, id, url.searchParams, pathValues, record, json));
  }
  const fault = taken ? { ...taken, kind: taken.kind, afterCommit: taken.afterCommit === true } : undefined;
  const request: FaultRequest = {
    url: req.url ?? '/',
    host: req.headers.host ?? 'localhost',
    token: endpoint.auth === 'path' ? pathValues.token : (url.searchParams.get('token') ?? undefined),
    secretKey: ctx.credentials.secretKey,
  };
  // Faults "in front of" CLN (a proxy) answer before anything happens; a truncated or reset read needs the real answer first.
  if (fault && !fault.afterCommit && !((fault.kind === 'truncated' || fault.kind === 'reset') && !endpoint.mutates)) {
    return reply(faultAnswer(fault.kind, endpoint.format, url.pathname, undefined, ctx.now(), fault, request));
  }

  const answer = answerFor(ctx, id, url.searchParams, pathValues, record, json);
  if (fault) return reply(faultAnswer(fault.kind, endpoint.format, url.pathname, answer, ctx.now(), fault, request));
  await reply(answer);
}

/** Auth, arguments and the handler: CLN's own answer. */
function answerFor(ctx: ServerContext, id: EndpointId, query: URLSearchParams, pathValues: Record<string, string>, record: SimRequestRecord, json: unknown): RawAnswer {
  const endpoint = endpointOf(id);
  if (endpoint.auth !== 'none') {
    const token = endpoint.auth === 'path' ? pathValues.token : query.get('token');
    const check = checkToken(token, { ...ctx.credentials, windowSeconds: ctx.tokenWindowSeconds, now: ctx.now });
    if (endpoint.auth === 'path' && check.valid && pathValues.login !== ctx.credentials.login) check.valid = false;
    record.auth = check;
    if (!check.valid) return authFailure(endpoint.format);
  } else if (query.has('token')) {
    record.auth = checkToken(query.get('token'), { ...ctx.credentials, windowSeconds: ctx.tokenWindowSeconds, now: ctx.now });
  }
  const { args, problems } = parseArgs(endpoint, query, pathValues, ARG_ALIASES[id], LENIENT_ARGS[id], json);
  if (problems.length > 0) {
    return render({ kind: 'json', success: false, data: null, message: problems.map((p) => p.message).join('; '), changed: false, status: 400 }, endpoint.format, ctx.state.v2);
  }
  const reply = HANDLERS[id]({ id, args, state: ctx.state, now: ctx.now, rng: ctx.rng, login: ctx.credentials.login, apiToken: ctx.apiToken });
  if (reply.changed && endpoint.mutates) ctx.mutationCounts[id] = (ctx.mutationCounts[id] ?? 0) + 1;
  return render(reply, endpoint.format, ctx.state.v2);
}
