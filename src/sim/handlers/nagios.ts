/**
 * KernelCare Nagios checks and monitoring-key registration, in the live form
 * (DataDog/integrations-extras kernelcare tests) or the reference's.
 */
import { createHash } from 'crypto';
import { checkMonitoringKey } from '../../cln/validate';
import { someEquals, whereEquals } from '../lookup';
import { isInactive, SimKcareServer } from '../state';
import { Handlers, text } from './context';

type NagiosId = 'kcare.nagios.registerKey' | 'kcare.nagios.key' | 'kcare.nagios.reseller' | 'kcare.patchset';

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

type Group = 'uptodate' | 'outofdate' | 'unsupported' | 'inactive';

/** Each server in one group: inactive (no check-in for a week) first, then unsupported, then out of date. */
function groupOf(server: SimKcareServer, nowMs: number): Group {
  if (isInactive(server, nowMs)) return 'inactive';
  if (server.kernelState === 'unsupported') return 'unsupported';
  return server.kernelState === 'outdated' ? 'outofdate' : 'uptodate';
}

/**
 * The live form: `3 machines are OUTOFDATE!|uptodate=6;outofdate=3;unsupported=2;inactive=1`,
 * then one `host (ip) is OUTOFDATE` line per out-of-date server; `perfdataOnly` (the
 * reseller check) sends the performance data alone. The first line's wording when
 * nothing is out of date is not known from a recording; it is a reconstruction.
 */
export function nagiosReportReal(servers: readonly SimKcareServer[], nowMs: number, perfdataOnly = false): string {
  const counts: Record<Group, number> = { uptodate: 0, outofdate: 0, unsupported: 0, inactive: 0 };
  const outdated: SimKcareServer[] = [];
  for (const server of servers) {
    const group = groupOf(server, nowMs);
    counts[group]++;
    if (group === 'outofdate') outdated.push(server);
  }
  const perfdata = `uptodate=${counts.uptodate};outofdate=${counts.outofdate};unsupported=${counts.unsupported};inactive=${counts.inactive}`;
  if (perfdataOnly) return `${perfdata}\n`;
  const n = counts.outofdate;
  const head = n > 0 ? `${n} machine${n === 1 ? ' is' : 's are'} OUTOFDATE!` : 'All machines are up to date';
  return [`${head}|${perfdata}`, ...outdated.map((s) => `${s.hostname} (${s.ip ?? 'unknown'}) is OUTOFDATE`)].join('\n') + '\n';
}

/** A stable kernel id (40 hex digits) and patch level per server: out-of-date servers lag behind. */
export function patchLevelOf(server: SimKcareServer): { kernel_id: string; patch_level: number } {
  const { hex, digest } = kernelDigest(server.serverId);
  const latest = 20 + (digest[0] % 30);
  return { kernel_id: hex, patch_level: server.kernelState === 'ok' ? latest : Math.max(1, latest - 3 - (digest[1] % 10)) };
}

/** The sha1 of `kernel:<server id>`, kept per id: a key's servers are asked about again and again. */
const kernelDigests = new Map<string, { digest: Buffer; hex: string }>();

function kernelDigest(serverId: string): { digest: Buffer; hex: string } {
  let known = kernelDigests.get(serverId);
  if (!known) {
    if (kernelDigests.size >= 200_000) kernelDigests.clear();
    const digest = createHash('sha1').update(`kernel:${serverId}`).digest();
    known = { digest, hex: digest.toString('hex') };
    kernelDigests.set(serverId, known);
  }
  return known;
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

  /** Live: `Servers not found for key K` (HTTP 200) for an unknown key or one without servers. */
  'kcare.nagios.key': ({ state, args, now }) => {
    const servers = whereEquals(state.kcareServers, 'key', args.key);
    if (state.dialect === 'reference') {
      if (!someEquals(state.kcareKeys, 'key', args.key)) return text('KernelCare UNKNOWN - key not found\n');
      return text(nagiosReport(servers, now()));
    }
    if (servers.length === 0) return text(`Servers not found for key ${args.key}\n`);
    return text(nagiosReportReal(servers, now()));
  },

  /** The login and the account's static API security token in the path; the live errors are plain text. */
  'kcare.nagios.reseller': ({ state, args, now, login, apiToken }) => {
    if (args.login !== login) return text('Reseller not found');
    if (args.token !== apiToken) return text(`Registration token not found for reseller ${args.login}`);
    return text(state.dialect === 'reference' ? nagiosReport(state.kcareServers, now()) : nagiosReportReal(state.kcareServers, now(), true));
  },

  /** Undocumented (cloudlinux/kcare-qualys): a bare list per key; 404 where CLN does not have it (and in the reference dialect, which lacks it). */
  'kcare.patchset': ({ state, args }) => {
    if (state.dialect === 'reference' || state.patchsetUnavailable.includes(args.key) || !someEquals(state.kcareKeys, 'key', args.key)) {
      return text('Not Found', false, 404);
    }
    return {
      kind: 'json',
      success: true,
      bare: true,
      message: null,
      changed: false,
      data: whereEquals(state.kcareServers, 'key', args.key).map((s) => ({ host: s.hostname, ip: s.ip, ...patchLevelOf(s) })),
    };
  },
};
