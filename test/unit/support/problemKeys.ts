/** The tests' own reading of which KernelCare keys Show Problems Only must keep, from the simulator's state (unit and host tiers). */
import type { Simulator } from '../../../src/sim';

const DAY_MS = 86_400_000;

/** The keys a user must look at: no servers, over the limit, or a server silent for 7 days or never seen; sorted. */
export function problemKcareKeys(sim: Simulator): string[] {
  const now = Date.now();
  return sim.state.kcareKeys
    .filter((k) => {
      const servers = sim.state.kcareServers.filter((s) => s.key === k.key);
      return servers.length === 0 || (k.limit > 0 && servers.length > k.limit) || servers.some((s) => !s.lastCheckin || now - s.lastCheckin.ms > 7 * DAY_MS);
    })
    .map((k) => k.key)
    .sort();
}
