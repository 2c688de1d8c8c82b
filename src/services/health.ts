/** Reads a `status.json` answer as the status bar shows it, in words a person uses. No `vscode` here. */
import { STATUS_FLAGS } from '../cln/catalog';
import type { ServiceStatus } from '../cln/types';

/** `signedOut`: no account and no demo, so nothing is checked or claimed; `unreachable`: the check failed. */
export type Health = 'signedOut' | 'unknown' | 'ok' | 'degraded' | 'unreachable';

/** One line of the report: a flag, a backup datacenter, or a count. */
export interface Reading {
  /** What it is called, e.g. "Database connection". */
  name: string;
  /** What CLN said, in words: "connected", "full", "down", "not reported", "3". */
  value: string;
  /** A problem, fine, not reported (never a problem), or a number with no verdict. */
  state: 'ok' | 'problem' | 'notReported' | 'info';
  /** A problem in a few words for the status bar text, e.g. "Registration queue full". */
  problem?: string;
}

/**
 * `signedOut`: nobody asked (no account, no demo) and nothing is claimed. `failed`: the check
 * itself failed (CLN did not answer, or answered something unreadable), shown as a failure and
 * never as healthy.
 */
export interface HealthReport {
  health: Health;
  readings: Reading[];
  /** Why the check failed, in CLN's or the network's words. */
  reason?: string;
  checkedAt?: Date;
}

export const SIGNED_OUT: HealthReport = { health: 'signedOut', readings: [] };
export const NOT_CHECKED: HealthReport = { health: 'unknown', readings: [] };

/** Human names and the words for each value of the reference's flags. */
const WORDING: Record<string, { name: string; good: string; bad: string }> = {
  db_clweb_connected: { name: 'Database connection', good: 'connected', bad: 'disconnected' },
  db_clweb_online: { name: 'Database', good: 'online', bad: 'offline' },
  db_rhn_connected: { name: 'Registration database connection', good: 'connected', bad: 'disconnected' },
  db_rhn_online: { name: 'Registration database', good: 'online', bad: 'offline' },
  rhn_overloaded: { name: 'Registration server load', good: 'normal', bad: 'overloaded' },
  rhn_queue_full: { name: 'Registration queue', good: 'accepting', bad: 'full' },
  xmlrpc: { name: 'Registration service (XML-RPC)', good: 'running', bad: 'down' },
  ip_server_reg: { name: 'IP license registration', good: 'open', bad: 'closed' },
};

export function assess(status: ServiceStatus, checkedAt: Date): HealthReport {
  const readings: Reading[] = STATUS_FLAGS.map(({ flag, label, badWhen }): Reading => {
    const words = WORDING[flag] ?? { name: label, good: 'yes', bad: 'no' };
    const value = status.flags[flag];
    if (value === undefined) return { name: words.name, value: 'not reported', state: 'notReported' };
    const bad = value === badWhen || status.problems.includes(flag);
    return bad ? { name: words.name, value: words.bad, state: 'problem', problem: `${words.name} ${words.bad}` } : { name: words.name, value: words.good, state: 'ok' };
  });
  if (status.queueRejects !== undefined) {
    readings.push({ name: 'Registrations rejected by the queue', value: status.queueRejects.toLocaleString('en-US'), state: 'info' });
  }
  for (const dc of status.datacenters ?? []) {
    const name = `Backup datacenter ${dc.name}`;
    readings.push(dc.up ? { name, value: 'up', state: 'ok' } : { name, value: 'down', state: 'problem', problem: `${name} down` });
  }
  const health: Health = readings.some((reading) => reading.state === 'problem') ? 'degraded' : 'ok';
  return { health, readings, checkedAt };
}

export function failed(reason: string, checkedAt: Date): HealthReport {
  return { health: 'unreachable', readings: [], reason, checkedAt };
}

export function problemsOf(report: HealthReport): Reading[] {
  return report.readings.filter((reading) => reading.state === 'problem');
}

const problemSummary = (report: HealthReport): string => {
  const problems = problemsOf(report).map((reading) => reading.problem ?? reading.name);
  return problems.length > 2 ? `${problems[0]} and ${problems.length - 1} more problems` : problems.join(', ');
};

/** The status bar text (with a codicon), e.g. "$(warning) CLN: Registration queue full". */
export function statusText(report: HealthReport, demo: boolean): string {
  const name = demo ? 'CLN Demo' : 'CLN';
  switch (report.health) {
    case 'signedOut':
      return `$(cloud) ${name}`;
    case 'unknown':
      return `$(sync~spin) ${name}`;
    case 'ok':
      return `$(pass) ${name}`;
    case 'unreachable':
      return `$(error) ${name}: check failed`;
    case 'degraded':
      return `$(warning) ${name}: ${problemSummary(report)}`;
  }
}

/** One sentence, plain text: the headline of the tooltip and of Show Service Status. */
export function headline(report: HealthReport, demo: boolean): string {
  const who = demo ? 'CLN service status (demo data, from the local simulator)' : 'CLN service status';
  switch (report.health) {
    case 'signedOut':
      return 'CLN service status is checked once you sign in or explore the demo';
    case 'unknown':
      return `${who}: checking…`;
    case 'ok':
      return `${who}: all services OK`;
    case 'degraded':
      return `${who}: degraded — ${problemSummary(report)}`;
    case 'unreachable':
      return `${who}: could not be checked`;
  }
}

/** "Registration queue: not reported". */
export function readingLine(reading: Reading): string {
  return `${reading.name}: ${reading.value}${reading.state === 'problem' ? ' — problem' : ''}`;
}

/** The accessible label of the status bar item: plain text, no markdown, no codicons. */
export function accessibleLabel(report: HealthReport, demo: boolean): string {
  const parts = [headline(report, demo)];
  if (report.reason) parts.push(report.reason);
  if (report.checkedAt) parts.push(`Checked ${report.checkedAt.toLocaleTimeString()}`);
  return parts.map((part) => part.replace(/[.\s]+$/, '')).join('. ') + '.';
}
