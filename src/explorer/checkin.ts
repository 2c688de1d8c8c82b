import * as l10n from '@vscode/l10n';
/** How recent a server's last check-in is, against `cln.staleCheckinDays`. No `vscode` here. */
const DAY_MS = 86_400_000;

export type CheckinState = 'fresh' | 'stale' | 'never';

export function checkinState(lastCheckin: Date | null, staleDays: number, now = Date.now()): CheckinState {
  if (!lastCheckin) return 'never';
  return now - lastCheckin.getTime() > staleDays * DAY_MS ? 'stale' : 'fresh';
}

/** "today", "1 day ago", "12 days ago". */
export function daysAgo(date: Date, now = Date.now()): string {
  const days = Math.floor((now - date.getTime()) / DAY_MS);
  if (days <= 0) return 'today';
  return days === 1 ? l10n.t('1 day ago') : l10n.t('{0} days ago', days);
}

/** yyyy-MM-dd in local time. */
export function shortDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
