/**
 * The simulator in its own process (started with the options as JSON in argv),
 * so its CPU time — a real CLN server's — is not counted as the explorer's.
 * The parent asks it to mark the request log and to report what arrived since,
 * including the most requests that were in flight at once.
 */
import { SimRequestRecord, Simulator, SimulatorOptions, startSimulator } from '../../src/sim';

export type ToSim = { type: 'mark' } | { type: 'collect' } | { type: 'latency'; ms: number } | { type: 'close' };

/** What a measured step did at the simulator. */
export interface Arrivals {
  /** Endpoint of each request that arrived, in order. */
  endpoints: (string | undefined)[];
  maxInFlight: number;
  /** CPU time the simulator process used meanwhile (the server's share of the wall time). */
  simCpuMs: number;
  /** Endpoint of each request answered HTTP 429 (the simulator's rate limit). */
  rateLimited: (string | undefined)[];
}

/** Sizes of the seeded account, for the request counts a scenario must produce. */
export interface SimFacts {
  ipLicenses: number;
  uniqueIps: number;
  kcareKeys: number;
  kcareServers: number;
  imunifyKeys: number;
  imunifyServers: number;
  groups: number;
  /** CloudLinux OS keys and their servers (API v2). */
  clKeys: number;
  clServers: number;
}

export type FromSim =
  { type: 'ready'; url: string; credentials: { login: string; secretKey: string }; facts: SimFacts } | { type: 'marked' } | { type: 'collected'; arrivals: Arrivals } | { type: 'closed' };

/**
 * Counts requests at the simulator: its log gets a record when a request
 * arrives (status 0 until answered), so at each arrival the records still
 * at status 0 are the requests in flight.
 */
class Observer {
  private readonly pending = new Set<SimRequestRecord>();
  private first = 0;
  private peak = 0;
  private cpu = process.cpuUsage();

  constructor(private readonly sim: Simulator) {
    const log = sim.requests;
    const push = log.push;
    const arrived = (records: SimRequestRecord[]) => this.arrived(records);
    log.push = function (...records: SimRequestRecord[]): number {
      arrived(records);
      return push.apply(this, records);
    };
  }

  mark(): void {
    this.first = this.sim.requests.length;
    this.peak = 0;
    this.cpu = process.cpuUsage();
  }

  collect(): Arrivals {
    const cpu = process.cpuUsage(this.cpu);
    const since = this.sim.requests.slice(this.first);
    return { endpoints: since.map((r) => r.endpointId), maxInFlight: this.peak, simCpuMs: (cpu.user + cpu.system) / 1000, rateLimited: since.filter((r) => r.status === 429).map((r) => r.endpointId) };
  }

  private arrived(records: SimRequestRecord[]): void {
    for (const record of this.pending) if (record.status !== 0) this.pending.delete(record);
    for (const record of records) this.pending.add(record);
    this.peak = Math.max(this.peak, this.pending.size);
  }
}

function factsOf(sim: Simulator): SimFacts {
  const s = sim.state;
  return {
    ipLicenses: s.ipLicenses.length,
    uniqueIps: new Set(s.ipLicenses.map((l) => l.ip)).size,
    kcareKeys: s.kcareKeys.length,
    kcareServers: s.kcareServers.length,
    imunifyKeys: s.imunifyKeys.length,
    imunifyServers: s.imunifyServers.length,
    groups: s.groups.length,
    clKeys: s.clKeys.length,
    clServers: s.clServers.length,
  };
}

async function serve(options: SimulatorOptions): Promise<void> {
  const sim = await startSimulator(options);
  const observer = new Observer(sim);
  const send = (message: FromSim) => process.send?.(message);
  process.on('message', (message: ToSim) => {
    if (message.type === 'mark') {
      observer.mark();
      send({ type: 'marked' });
    } else if (message.type === 'collect') {
      send({ type: 'collected', arrivals: observer.collect() });
    } else if (message.type === 'latency') {
      sim.setLatency(message.ms);
      send({ type: 'marked' });
    } else {
      void sim.close().then(() => {
        send({ type: 'closed' });
        process.disconnect?.();
      });
    }
  });
  send({ type: 'ready', url: sim.url, credentials: sim.credentials, facts: factsOf(sim) });
}

if (process.send) void serve(JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions);
