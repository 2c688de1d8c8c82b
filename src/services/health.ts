/** Reads a `status.json` answer as the status bar shows it, in words a person uses. No `vscode` here. */
import * as l10n from '@vscode/l10n';
import { STATUS_FLAGS, type StatusFlag } from '../cln/catalog';
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

/** Human names, the words for each value of the reference's flags, and the problem as one phrase (translated when asked: after activation configured l10n). */
function wording(): Record<StatusFlag, { name: string; good: string; bad: string; problem: string }> {
  return {
    db_clweb_connected: { name: l10n.t('Database connection'), good: l10n.t('connected'), bad: l10n.t('disconnected'), problem: l10n.t('Database connection disconnected') },
    db_clweb_online: { name: l10n.t('Database'), good: l10n.t('online'), bad: l10n.t('offline'), problem: l10n.t('Database offline') },
    db_rhn_connected: { name: l10n.t('Registration database connection'), good: l10n.t('connected'), bad: l10n.t('disconnected'), problem: l10n.t('Registration database connection disconnected') },
    db_rhn_online: { name: l10n.t('Registration database'), good: l10n.t('online'), bad: l10n.t('offline'), problem: l10n.t('Registration database offline') },
    rhn_overloaded: { name: l10n.t('Registration server load'), good: l10n.t('normal'), bad: l10n.t('overloaded'), problem: l10n.t('Registration server load overloaded') },
    rhn_queue_full: { name: l10n.t('Registration queue'), good: l10n.t('accepting'), bad: l10n.t('full'), problem: l10n.t('Registration queue full') },
    xmlrpc: { name: l10n.t('Registration service (XML-RPC)'), good: l10n.t('running'), bad: l10n.t('down'), problem: l10n.t('Registration service (XML-RPC) down') },
    ip_server_reg: { name: l10n.t('IP license registration'), good: l10n.t('open'), bad: l10n.t('closed'), problem: l10n.t('IP license registration closed') },
  };
}

export function assess(status: ServiceStatus, checkedAt: Date): HealthReport {
  const readings: Reading[] = STATUS_FLAGS.map(({ flag, badWhen }): Reading => {
    const words = wording()[flag];
    const value = status.flags[flag];
    if (value === undefined) return { name: words.name, value: l10n.t('not reported'), state: 'notReported' };
    const bad = value === badWhen || status.problems.includes(flag);
    return bad ? { name: words.name, value: words.bad, state: 'problem', problem: words.problem } : { name: words.name, value: words.good, state: 'ok' };
  });
  if (status.queueRejects !== undefined) {
    readings.push({ name: l10n.t('Registrations rejected by the queue'), value: status.queueRejects.toLocaleString('en-US'), state: 'info' });
  }
  for (const dc of status.datacenters ?? []) {
    const name = l10n.t('Backup datacenter {0}', dc.name);
    readings.push(dc.up ? { name, value: l10n.t('up'), state: 'ok' } : { name, value: l10n.t('down'), state: 'problem', problem: l10n.t('Backup datacenter {0} down', dc.name) });
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
  return problems.length > 2 ? l10n.t('{0} and {1} more problems', problems[0], problems.length - 1) : problems.join(', ');
};

/** The status bar text (with a codicon), e.g. "$(warning) CLN: Registration queue full". */
export function statusText(report: HealthReport, demo: boolean): string {
  const name = demo ? l10n.t('CLN Demo') : 'CLN';
  switch (report.health) {
    case 'signedOut':
      return `$(cloud) ${name}`;
    case 'unknown':
      return `$(sync~spin) ${name}`;
    case 'ok':
      return `$(pass) ${name}`;
    case 'unreachable':
      return `$(error) ${l10n.t('{0}: check failed', name)}`;
    case 'degraded':
      return `$(warning) ${name}: ${problemSummary(report)}`;
  }
}

/** One sentence, plain text: the headline of the tooltip and of Show Service Status. */
export function headline(report: HealthReport, demo: boolean): string {
  const who = demo ? l10n.t('CLN service status (demo data, from the local simulator)') : l10n.t('CLN service status');
  switch (report.health) {
    case 'signedOut':
      return l10n.t('CLN service status is checked once you sign in or explore the demo');
    case 'unknown':
      return l10n.t('{0}: checking…', who);
    case 'ok':
      return l10n.t('{0}: all services OK', who);
    case 'degraded':
      return l10n.t('{0}: degraded — {1}', who, problemSummary(report));
    case 'unreachable':
      return l10n.t('{0}: could not be checked', who);
  }
}

/** "Registration queue: not reported". */
export function readingLine(reading: Reading): string {
  return reading.state === 'problem' ? l10n.t('{0}: {1} — problem', reading.name, reading.value) : `${reading.name}: ${reading.value}`;
}

/** The accessible label of the status bar item: plain text, no markdown, no codicons. */
export function accessibleLabel(report: HealthReport, demo: boolean): string {
  const parts = [headline(report, demo)];
  if (report.reason) parts.push(report.reason);
  if (report.checkedAt) parts.push(l10n.t('Checked {0}', report.checkedAt.toLocaleTimeString()));
  return parts.map((part) => part.replace(/[.\s]+$/, '')).join('. ') + '.';
}
