/**
 * The benchmark's set-up: the real simulator over loopback HTTP (in a child
 * process, as a real server's CPU is not ours), signed in through the real
 * Session, so the client and AccountService are built exactly as the
 * extension builds them. Request counts come from the simulator's log.
 */
import * as fs from 'node:fs';
import { Session as InspectorSession } from 'node:inspector';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import type { EndpointId } from '../../src/cln/endpoints';
import type { AccountService } from '../../src/services/accountService';
import { SecretStore, Session } from '../../src/services/session';
import type { AccountSize, SimulatorOptions } from '../../src/sim';
import type { Arrivals, FromSim, SimFacts, ToSim } from './simProcess';

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
  /** The simulator answers HTTP 429 past this rate (see SimulatorOptions.rateLimit). */
  rateLimit?: { perSecond: number; burst?: number };
}

/** What one measured step did, as the simulator saw it. */
export interface Measured extends Arrivals {
  wallMs: number;
  /** CPU time of this process (the explorer's code; the simulator runs in another) during the step. */
  cpuMs: number;
}

export interface Bench {
  url: string;
  credentials: { login: string; secretKey: string };
  facts: SimFacts;
  session: Session;
  account: AccountService;
  /** Runs `step` and reports the requests that reached the simulator meanwhile. */
  measure(step: () => Promise<unknown>): Promise<Measured>;
  close(): Promise<void>;
}

export function countOf(m: Arrivals, id: EndpointId): number {
  return m.endpoints.filter((e) => e === id).length;
}

function memorySecrets(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key),
    store: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}

/** The simulator process, spoken to one request/answer at a time. */
export function startSim(options: SimulatorOptions): { ready: Promise<FromSim & { type: 'ready' }>; ask: <T extends FromSim>(message: ToSim) => Promise<T> } {
  // ELECTRON_RUN_AS_NODE: from a desktop VS Code extension host, process.execPath is Electron.
  const child = fork(path.join(__dirname, 'simProcess.js'), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let waiting: { resolve(message: FromSim): void; reject(error: Error): void } | undefined;
  const next = () => new Promise<FromSim>((resolve, reject) => (waiting = { resolve, reject }));
  const ready = next() as Promise<FromSim & { type: 'ready' }>;
  child.on('message', (message: FromSim) => waiting?.resolve(message));
  child.on('error', (error) => waiting?.reject(error));
  child.on('exit', (code) => waiting?.reject(new Error(`the simulator process exited (${code})`)));
  return {
    ready,
    ask: <T extends FromSim>(message: ToSim) => {
      const answer = next() as Promise<T>;
      child.send(message);
      return answer;
    },
  };
}

/**
 * Diagnosis only (CLN_BENCH_PROFILE=dir): a CPU profile of this process around each measured step, saved as
 * dir/step-N.cpuprofile (open it in Chrome's DevTools or VS Code). Only the step, not the sign-in or the set-up.
 */
async function startProfile(): Promise<{ stop(dir: string): Promise<void> }> {
  const session = new InspectorSession();
  session.connect();
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 250 });
  await post('Profiler.start');
  return {
    async stop(dir) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `step-${++profiledSteps}.cpuprofile`), JSON.stringify(profile));
    },
  };
}
let profiledSteps = 0;

export async function startBench(options: BenchOptions): Promise<Bench> {
  const sim = startSim({ size: options.size, seed: options.seed ?? 1, latencyMs: options.latencyMs, rateLimit: options.rateLimit });
  const { url, credentials, facts } = await sim.ready;
  const session = new Session({
    secrets: memorySecrets(),
    settings: () => ({ apiUrl: url, timeoutMs: 30_000, maxConcurrent: options.maxConcurrent }),
    startDemo: () => Promise.reject(new Error('no demo in the benchmark')),
  });
  await session.signIn(credentials.login, credentials.secretKey);
  const account = session.account;
  if (!account) throw new Error('signing in to the simulator gave no account');
  return {
    url,
    credentials,
    facts,
    session,
    account,
    async measure(step) {
      await sim.ask({ type: 'mark' });
      const profiler = process.env.CLN_BENCH_PROFILE ? await startProfile() : undefined;
      const cpu = process.cpuUsage();
      const started = performance.now();
      await step();
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const cpuMs = (used.user + used.system) / 1000;
      await profiler?.stop(process.env.CLN_BENCH_PROFILE!);
      const { arrivals } = await sim.ask<FromSim & { type: 'collected' }>({ type: 'collect' });
      return { ...arrivals, wallMs, cpuMs };
    },
    async close() {
      await session.dispose();
      await sim.ask({ type: 'close' });
    },
  };
}
