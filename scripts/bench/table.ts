/** The benchmark's one table, as Markdown (readable in a terminal and pasteable into docs/performance.md). */
import { boundOf, describeTarget, ratioOf, RunSettings, ScenarioResult, targetMet } from './results';

export function formatMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const grouped = (n: number) => n.toLocaleString('en-US');
const met = (value: boolean | undefined) => (value === undefined ? '—' : value ? 'yes' : '**NO**');

/** Ours first, then the naive client's row of the same scenario with how much slower it is. */
function ordered(results: readonly ScenarioResult[]): ScenarioResult[] {
  const ids = [...new Set(results.map((r) => r.id))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return ids.flatMap((id) => ['ours', 'naive'].flatMap((client) => results.filter((r) => r.id === id && r.client === client)));
}

export function scenarioTable(results: readonly ScenarioResult[], run: RunSettings): string {
  const head = ['#', 'scenario', 'client', 'requests', 'wall', 'lower bound', 'wall/bound', 'target', 'met', 'notes'];
  const rows = ordered(results).map((r) => {
    const ratio = ratioOf(r, run);
    const ours = results.find((o) => o.id === r.id && o.client === 'ours');
    const notes: string[] = [];
    if (r.note) notes.push(r.note);
    if (r.client === 'naive' && ours && ours.wallMs > 0) notes.push(`${grouped(Math.round(r.wallMs / ours.wallMs))}× our wall time`);
    if (r.client === 'ours' && r.maxInFlight > 0) notes.push(`max ${r.maxInFlight} in flight`);
    if (r.cpuMs !== undefined && r.requests > 0) notes.push(`CPU: ours ${formatMs(r.cpuMs)}, simulator ${formatMs(r.simCpuMs ?? 0)}`);
    if (r.heapMb !== undefined) notes.push(`heap +${r.heapMb.toFixed(1)} MB`);
    return [
      r.id,
      r.title,
      r.client,
      grouped(r.requests),
      formatMs(r.wallMs),
      formatMs(boundOf(r, run)),
      ratio === undefined ? '—' : ratio.toFixed(2),
      r.client === 'ours' ? describeTarget(r.target) : '',
      r.client === 'ours' ? met(targetMet(r, run)) : '',
      notes.join('; '),
    ];
  });
  return markdown(head, rows);
}

export interface Measurement {
  what: string;
  value: string;
  target: string;
  met: boolean | undefined;
  how: string;
}

export function measurementTable(items: readonly Measurement[]): string {
  return markdown(
    ['measurement', 'value', 'target', 'met', 'how'],
    items.map((m) => [m.what, m.value, m.target, met(m.met), m.how]),
  );
}

function markdown(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
