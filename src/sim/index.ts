/**
 * The CLN simulator: a real HTTP server on loopback with a seeded in-memory
 * account and switchable faults. Used by the unit tests, demo mode and
 * `npm run sim`. Node built-ins and src/cln only; no `vscode`.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import type { EndpointId } from '../cln/endpoints';
import { addHostileEntries } from './hostile';
import { Faults, FaultControl } from './faults';
import { createRng } from './prng';
import { seedState } from './seed';
import { createRequestHandler, SimRequestRecord } from './server';
import { AccountSize, resolveSize, SimDialect, SimState, SimV2Mode } from './state';

export type { FaultControl, FaultKind, FaultSpec } from './faults';
export type { SimRequestRecord } from './server';
export type { TokenCheck } from './auth';
export * from './state';
export { DATACENTERS } from './seed';
export { HOSTILE_DOMAIN } from './hostile';
export { nagiosReport, nagiosReportReal } from './handlers/nagios';
export { REAL_ONLY_TYPES, CL_PRODUCTS, SIM_FEATURES, SIM_IP_TYPE_NAMES } from './seed';

export interface SimulatorOptions {
  /** Default 1; the same seed (and clock) gives the same account. */
  seed?: number;
  /** Default 'demo'. */
  size?: 'demo' | 'large' | Partial<AccountSize>;
  /** Defaults: 'demo-reseller' and a fixed 32-character demo secret. */
  login?: string;
  secretKey?: string;
  /** Default 'real': answer as the live service does; 'reference': in the reference document's forms. */
  dialect?: SimDialect;
  /** The account's static API security token for nagios-res; default DEMO_API_TOKEN. */
  apiToken?: string;
  /**
   * How long each request takes, as a client sees it: an answer leaves this long after its request arrived,
   * the simulator's own work included; a change takes effect once it has passed.
   */
  latencyMs?: number;
  /** Clock for token checks, the Date header and seeded dates (default Date.now). */
  now?: () => number;
  /** Default 300: tokens more than this many seconds off the clock are refused. */
  tokenWindowSeconds?: number;
  /**
   * Rate-limit like a busy API: a bucket of `burst` requests (default `perSecond`) refilled at
   * `perSecond`; a request finding it empty is answered HTTP 429 with the seconds until the next
   * token as `Retry-After` (at least 1) and is not served.
   */
  rateLimit?: { perSecond: number; burst?: number };
  /** Default 127.0.0.1 and 0 (a free port). */
  host?: string;
  port?: number;
  /** How v2 answers: bare JSON (default) or v1's envelope; `unavailable` makes every v2 call answer 404, 403 or HTML. Changeable later through `state.v2`. */
  v2?: Partial<SimV2Mode>;
  /** Security tests only: add hostile strings (an AccelerateWP row whose domain is HTML). Never in the demo. */
  hostile?: boolean;
}

export interface Simulator {
  /** API root, e.g. http://127.0.0.1:41234/api */
  readonly url: string;
  readonly credentials: { login: string; secretKey: string };
  /** The static API security token (CLN profile) that nagios-res takes. */
  readonly apiToken: string;
  /** The account, to inspect or change in tests. */
  readonly state: SimState;
  readonly faults: FaultControl;
  /** Every request: method, path, query (token removed), endpoint id, status, arrival time. */
  readonly requests: SimRequestRecord[];
  /** How many times each state-changing endpoint actually changed state. */
  readonly mutationCounts: Partial<Record<EndpointId, number>>;
  /** Requests answered HTTP 429 by the `rateLimit` option. */
  readonly rateLimitedCount: number;
  setLatency(ms: number): void;
  /** Empties `requests` and `mutationCounts`. */
  resetLog(): void;
  close(): Promise<void>;
}

export const DEMO_LOGIN = 'demo-reseller';
export const DEMO_SECRET_KEY = 'DemoSecretKey0123456789abcdefXYZ';
export const DEMO_API_TOKEN = 'DemoApiSecurityToken0123456789ab';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const seed = options.seed ?? 1;
  const credentials = { login: options.login ?? DEMO_LOGIN, secretKey: options.secretKey ?? DEMO_SECRET_KEY };
  const state = seedState(seed, resolveSize(options.size), now(), options.dialect ?? 'real');
  const apiToken = options.apiToken ?? DEMO_API_TOKEN;
  if (options.hostile) addHostileEntries(state, now());
  if (options.v2) Object.assign(state.v2, options.v2);
  const faults = new Faults();
  const requests: SimRequestRecord[] = [];
  const mutationCounts: Partial<Record<EndpointId, number>> = {};
  let latencyMs = options.latencyMs ?? 0;
  let closed = false;
  const pending = new Set<() => void>();
  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      const done = () => {
        clearTimeout(timer);
        pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      pending.add(done);
    });

  let rateLimitedCount = 0;
  const bucket = options.rateLimit && { ...options.rateLimit, tokens: options.rateLimit.burst ?? options.rateLimit.perSecond, at: now() };
  const rateLimited = () => {
    if (!bucket) return undefined;
    const t = now();
    bucket.tokens = Math.min(bucket.burst ?? bucket.perSecond, bucket.tokens + ((t - bucket.at) / 1000) * bucket.perSecond);
    bucket.at = t;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    rateLimitedCount++;
    return { retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / bucket.perSecond)) };
  };

  const server = createServer(
    createRequestHandler({
      state,
      faults,
      requests,
      mutationCounts,
      rng: createRng(seed).fork('ids'),
      credentials,
      apiToken,
      tokenWindowSeconds: options.tokenWindowSeconds ?? 300,
      now,
      latencyMs: () => latencyMs,
      delay,
      isClosed: () => closed,
      rateLimited,
    }),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/api`,
    credentials,
    apiToken,
    state,
    faults,
    requests,
    mutationCounts,
    get rateLimitedCount() {
      return rateLimitedCount;
    },
    setLatency(ms: number) {
      latencyMs = ms;
    },
    resetLog() {
      requests.length = 0;
      for (const id of Object.keys(mutationCounts)) delete mutationCounts[id as EndpointId];
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      for (const done of [...pending]) done();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
