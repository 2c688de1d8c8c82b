/** Reads a `status.json` answer as the status bar shows it. No `vscode` here. */
import { STATUS_FLAGS, StatusFlag } from '../cln/catalog';
import type { ServiceStatus } from '../cln/types';

export type Health = 'unknown' | 'ok' | 'degraded' | 'unreachable';

export interface FlagReading {
  flag: StatusFlag;
  label: string;
  value: boolean | undefined;
  /** Read the right way round: true is good for most flags, bad for rhn_overloaded / rhn_queue_full. */
  state: 'ok' | 'problem' | 'missing';
}

export interface HealthReport {
  health: Health;
  flags: FlagReading[];
  /** Why CLN could not be asked (unreachable). */
  reason?: string;
  checkedAt?: Date;
}

export const UNKNOWN: HealthReport = { health: 'unknown', flags: [] };

export function assess(status: ServiceStatus, checkedAt: Date): HealthReport {
  const flags = STATUS_FLAGS.map(({ flag, label }): FlagReading => {
    const value = status.flags[flag];
    const state = status.problems.includes(flag) ? 'problem' : value === undefined ? 'missing' : 'ok';
    return { flag, label, value, state };
  });
  return { health: status.problems.length > 0 ? 'degraded' : 'ok', flags, checkedAt };
}

export function unreachable(reason: string, checkedAt: Date): HealthReport {
  return { health: 'unreachable', flags: [], reason, checkedAt };
}

export function problemsOf(report: HealthReport): FlagReading[] {
  return report.flags.filter((reading) => reading.state === 'problem');
}

/** The status bar text, e.g. "$(warning) CLN: Registration queue full". */
export function statusText(report: HealthReport, demo: boolean): string {
  const name = demo ? 'CLN Demo' : 'CLN';
  switch (report.health) {
    case 'unknown':
      return `$(circle-outline) ${name}`;
    case 'ok':
      return `$(pass) ${name}`;
    case 'unreachable':
      return `$(error) ${name} unreachable`;
    case 'degraded': {
      const labels = problemsOf(report).map((reading) => reading.label);
      return `$(warning) ${name}: ${labels.length > 2 ? `${labels[0]} and ${labels.length - 1} more problems` : labels.join(', ')}`;
    }
  }
}

/** One line per flag, for the tooltip and the details pick: "Registration queue full: no". */
export function flagLine(reading: FlagReading): string {
  const value = reading.value === undefined ? 'not reported' : reading.value ? 'yes' : 'no';
  const verdict = reading.state === 'problem' ? ' — problem' : '';
  return `${reading.label}: ${value}${verdict}`;
}

export function headline(report: HealthReport, demo: boolean): string {
  const who = demo ? 'CLN service status (demo data, from the local simulator)' : 'CLN service status';
  switch (report.health) {
    case 'unknown':
      return `${who}: not checked yet`;
    case 'ok':
      return `${who}: all services OK`;
    case 'degraded':
      return `${who}: degraded — ${problemsOf(report).map((reading) => reading.label).join(', ')}`;
    case 'unreachable':
      return `${who}: unreachable`;
  }
}
