/** Activation time of dist/extension.js under the stand-in `vscode`, each sample in a fresh process, beside an empty extension's. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ActivationSample } from './activateChild';

export interface ActivationResult {
  samples: ActivationSample[];
  /** Median of load + activate. */
  medianMs: number;
  /** Median of process start → activate() resolved. */
  medianProcessMs: number;
  requests: number;
  error?: string;
}

/** `bundle`: another bundle to load instead of the manifest's main (the empty extension). */
export function measureActivation(root: string, runs = 7, bundle?: string): ActivationResult {
  const child = path.join(__dirname, 'activateChild.js');
  const samples: ActivationSample[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [child, root, ...(bundle ? [bundle] : [])], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    samples.push(JSON.parse(out.trim().split('\n').pop() ?? '{}'));
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    samples,
    medianMs: median(samples.map((s) => s.loadMs + s.activateMs)),
    medianProcessMs: median(samples.map((s) => s.processMs)),
    requests: samples.reduce((sum, s) => sum + s.requestsDuringActivation + s.requestsAfter, 0),
    error: samples.find((s) => s.error)?.error,
  };
}

/**
 * The same measurement for an empty extension: a bundle built by the same esbuild with the same
 * settings from a source that imports `vscode` and does nothing in `activate`.
 */
export function measureEmptyActivation(root: string, runs = 7): ActivationResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cln-empty-extension-'));
  try {
    const source = path.join(dir, 'extension.ts');
    fs.writeFileSync(source, "import * as vscode from 'vscode';\nexport function activate(context: vscode.ExtensionContext): void {\n  void context;\n}\nexport function deactivate(): void {}\n");

    const esbuild = require(path.join(root, 'node_modules', 'esbuild')) as typeof import('esbuild');
    const bundle = path.join(dir, 'extension.js');
    esbuild.buildSync({ entryPoints: [source], outfile: bundle, bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
    return measureActivation(root, runs, bundle);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
