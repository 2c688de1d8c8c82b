/** KernelCare Nagios checks and monitoring-key registration. */
import { checkMonitoringKey } from '../../cln/validate';
import { isInactive, SimKcareServer } from '../state';
import { Handlers, text } from './context';

type NagiosId = 'kcare.nagios.registerKey' | 'kcare.nagios.key' | 'kcare.nagios.reseller';

const label = (s: SimKcareServer) => (s.ip ? `${s.serverId} (${s.ip})` : s.serverId);

/**
 * `KernelCare OK - all servers are up to date!`, or a CRITICAL (out of date or
 * unsupported kernels) / WARNING (only inactive servers) line followed by
 * `out of date: id (ip), …`, `unsupported: …`, `inactive: …` lines.
 */
export function nagiosReport(servers: readonly SimKcareServer[], nowMs: number): string {
  const outdated = servers.filter((s) => s.kernelState === 'outdated');
  const unsupported = servers.filter((s) => s.kernelState === 'unsupported');
  const inactive = servers.filter((s) => isInactive(s, nowMs));
  const attention = new Set([...outdated, ...unsupported, ...inactive]).size;
  if (attention === 0) return 'KernelCare OK - all servers are up to date!\n';
  const state = outdated.length || unsupported.length ? 'CRITICAL' : 'WARNING';
  const lines = [`KernelCare ${state} - ${attention} of ${servers.length} servers need attention`];
  if (outdated.length) lines.push(`out of date: ${outdated.map(label).join(', ')}`);
  if (unsupported.length) lines.push(`unsupported: ${unsupported.map(label).join(', ')}`);
  if (inactive.length) lines.push(`inactive: ${inactive.map(label).join(', ')}`);
  return lines.join('\n') + '\n';
}

export const nagios: Handlers<NagiosId> = {
  /** Bad key format → code 1; no KernelCare IP license on the account → code 2. `key` arrives unvalidated. */
  'kcare.nagios.registerKey': ({ state, args }) => {
    const key = String(args.key ?? '');
    if (checkMonitoringKey(key)) return text('success:true code:1\n');
    if (!state.ipLicenses.some((l) => l.type === 16 || l.type === 17)) return text('success:true code:2\n');
    if (state.monitoringKeys.includes(key)) return text('success:true code:0\n');
    state.monitoringKeys.push(key);
    return text('success:true code:0\n', true);
  },

  'kcare.nagios.key': ({ state, args, now }) => {
    if (!state.kcareKeys.some((k) => k.key === args.key)) return text('KernelCare UNKNOWN - key not found\n');
    return text(nagiosReport(state.kcareServers.filter((s) => s.key === args.key), now()));
  },

  'kcare.nagios.reseller': ({ state, now }) => text(nagiosReport(state.kcareServers, now())),
};
