/** What a scenario reports, its lower bound and whether it met its target. */

export type Target =
  | { kind: 'ratio'; max: number } // wall ≤ max × bound
  | { kind: 'rounds'; max: number } // at most `max` rounds of requests: requests ≤ max × concurrency, wall ≤ 1.25 × max × latency
  | { kind: 'noExtra' } // no request beyond the unavoidable ones
  | { kind: 'bounded' } // never more in flight than the concurrency bound
  | { kind: 'firstRows'; rounds: number; cpuMs: number } // wall ≤ rounds × latency + cpuMs (of our CPU)
  | { kind: 'none' };

/** A request count the scenario must produce exactly; the smoke run fails when one is off. */
export interface CountCheck {
  what: string;
  expected: number;
  actual: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  client: 'ours' | 'naive';
  /** Requests that reached the simulator (or, when extrapolated, would have). */
  requests: number;
  /** Requests the scenario cannot avoid: the bound's numerator. */
  unavoidable: number;
  wallMs: number;
  /** CPU time the explorer's code used (ours only). */
  cpuMs?: number;
  /** CPU time the simulator used meanwhile. */
  simCpuMs?: number;
  maxInFlight: number;
  target: Target;
  checks: CountCheck[];
  /** How a naive figure was derived, e.g. "extrapolated from 500 of 7,712 IPs". */
  note?: string;
  /** Heap retained by what the scenario loaded, after GC. */
  heapMb?: number;
  /** When the first result reached the user (the clean-up sweep's first finding). */
  firstFindingMs?: number;
  /** Rounds of requests the scenario needs when some wait on others' answers; the bound is then rounds × latency. */
  rounds?: number;
}

export interface RunSettings {
  latencyMs: number;
  maxConcurrent: number;
}

/** ceil(unavoidable requests / concurrency) × latency. */
export function lowerBoundMs(unavoidable: number, run: RunSettings): number {
  return Math.ceil(unavoidable / run.maxConcurrent) * run.latencyMs;
}

/** The scenario's lower bound: its dependent rounds × latency when it has them, else the formula above. */
export function boundOf(result: ScenarioResult, run: RunSettings): number {
  return result.rounds !== undefined ? result.rounds * run.latencyMs : lowerBoundMs(result.unavoidable, run);
}

export function ratioOf(result: ScenarioResult, run: RunSettings): number | undefined {
  const bound = boundOf(result, run);
  return bound > 0 ? result.wallMs / bound : undefined;
}

/** Whether the target was met; undefined when the scenario has none. */
export function targetMet(result: ScenarioResult, run: RunSettings): boolean | undefined {
  const t = result.target;
  switch (t.kind) {
    case 'ratio': {
      const ratio = ratioOf(result, run);
      return ratio === undefined ? result.requests === 0 : ratio <= t.max;
    }
    case 'rounds':
      return result.requests <= t.max * run.maxConcurrent && result.wallMs <= 1.25 * t.max * Math.max(run.latencyMs, 1);
    case 'noExtra':
      return result.requests === result.unavoidable;
    case 'bounded':
      return result.maxInFlight <= run.maxConcurrent;
    case 'firstRows':
      return result.wallMs <= t.rounds * run.latencyMs + t.cpuMs;
    case 'none':
      return undefined;
  }
}

export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'ratio':
      return `wall ≤ ${target.max} × bound`;
    case 'rounds':
      return target.max === 1 ? '≤ 1 round' : `≤ ${target.max} rounds`;
    case 'noExtra':
      return '0 extra requests';
    case 'bounded':
      return 'in flight ≤ max';
    case 'firstRows':
      return `≤ ${target.rounds} rounds + ${target.cpuMs} ms`;
    case 'none':
      return '—';
  }
}

export function failedChecks(results: readonly ScenarioResult[]): string[] {
  return results.flatMap((r) => r.checks.filter((c) => c.actual !== c.expected).map((c) => `scenario ${r.id} (${r.client}): ${c.what}: expected ${c.expected}, got ${c.actual}`));
}
