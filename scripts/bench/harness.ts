/**
 * The benchmark's set-up: the real simulator over loopback HTTP, signed in
 * through the real Session (so the client and AccountService are built exactly
 * as the extension builds them), and an observer that counts what reached the
 * simulator — requests and how many were in flight at once.
 */
import { performance } from 'node:perf_hooks';
import type { EndpointId } from '../../src/cln/endpoints';
import type { AccountService } from '../../src/services/account';
import { SecretStore, Session } from '../../src/services/session';
import { AccountSize, SimRequestRecord, Simulator, startSimulator } from '../../src/sim';

/** Small enough for CI in seconds; still several batches, keys and months. */
export const SMOKE_SIZE: Partial<AccountSize> = {
  ipLicenses: 300,
  kcareKeys: 50,
  kcareServersPerKey: 4,
  imunifyKeys: 10,
  imunifyServersPerKey: 3,
  elsKeysPerCode: 2,
  elsServersPerKey: 2,
  backups: 5,
  groups: 5,
  serversPerGroup: 3,
  awpEntriesPerMonth: 50,
};

export interface BenchOptions {
  size: 'demo' | 'large' | Partial<AccountSize>;
  latencyMs: number;
  maxConcurrent: number;
  seed?: number;
}

export interface Bench {
  sim: Simulator;
  session: Session;
  account: AccountService;
  observer: SimObserver;
  options: BenchOptions;
  close(): Promise<void>;
}

/** What one measured step did, as the simulator saw it. */
export interface Measured {
  requests: SimRequestRecord[];
  wallMs: number;
  maxInFlight: number;
}

/**
 * Counts requests at the simulator: its log gets a record when a request
 * arrives (status 0 until answered), so at each arrival the records still
 * at status 0 are the requests in flight.
 */
export class SimObserver {
  private readonly pending = new Set<SimRequestRecord>();
  private peak = 0;

  constructor(private readonly sim: Simulator) {
    const log = sim.requests;
    const push = log.push;
    const observer = this;
    log.push = function (...records: SimRequestRecord[]): number {
      observer.arrived(records);
      return push.apply(this, records);
    };
  }

  /** Runs `step` and reports the requests that arrived meanwhile. */
  async measure(step: () => Promise<unknown>): Promise<Measured> {
    const first = this.sim.requests.length;
    this.peak = 0;
    const started = performance.now();
    await step();
    const wallMs = performance.now() - started;
    return { requests: this.sim.requests.slice(first), wallMs, maxInFlight: this.peak };
  }

  private arrived(records: SimRequestRecord[]): void {
    for (const record of this.pending) if (record.status !== 0) this.pending.delete(record);
    for (const record of records) this.pending.add(record);
    this.peak = Math.max(this.peak, this.pending.size);
  }
}

export function countOf(requests: readonly SimRequestRecord[], id: EndpointId): number {
  return requests.filter((r) => r.endpointId === id).length;
}

function memorySecrets(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key),
    store: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}

export async function startBench(options: BenchOptions): Promise<Bench> {
  const sim = await startSimulator({ size: options.size, seed: options.seed ?? 1, latencyMs: options.latencyMs });
  const session = new Session({
    secrets: memorySecrets(),
    settings: () => ({ apiUrl: sim.url, timeoutMs: 30_000, maxConcurrent: options.maxConcurrent }),
    startDemo: () => Promise.reject(new Error('no demo in the benchmark')),
  });
  await session.signIn(sim.credentials.login, sim.credentials.secretKey);
  const account = session.account;
  if (!account) throw new Error('signing in to the simulator gave no account');
  const observer = new SimObserver(sim);
  return {
    sim,
    session,
    account,
    observer,
    options,
    async close() {
      await session.dispose();
      await sim.close();
    },
  };
}
