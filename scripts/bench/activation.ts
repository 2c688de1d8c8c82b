/** Activation time of dist/extension.js under the stand-in `vscode`, each sample in a fresh process. */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { ActivationSample } from './activateChild';

export interface ActivationResult {
  samples: ActivationSample[];
  /** Median of load + activate. */
  medianMs: number;
  requests: number;
  error?: string;
}

export function measureActivation(root: string, runs = 7): ActivationResult {
  const child = path.join(__dirname, 'activateChild.js');
  const samples: ActivationSample[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [child, root], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    samples.push(JSON.parse(out.trim().split('\n').pop() ?? '{}'));
  }
  const totals = samples.map((s) => s.loadMs + s.activateMs).sort((a, b) => a - b);
  return {
    samples,
    medianMs: totals[Math.floor(totals.length / 2)],
    requests: samples.reduce((sum, s) => sum + s.requestsDuringActivation + s.requestsAfter, 0),
    error: samples.find((s) => s.error)?.error,
  };
}
