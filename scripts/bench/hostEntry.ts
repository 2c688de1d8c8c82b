/**
 * Runs inside the real extension host (scripts/bench/host.mjs loads it as the
 * extension tests entry): the extension's own activation time, if it records
 * one, and its heap growth with the large account loaded through the trees
 * (all IP licenses with server details, every KernelCare key's servers).
 * Prints one line: CLN-BENCH {...}.
 */
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/features/testApi';
import type { TreeNode } from '../../src/explorer/nodes';
import { startSim } from './harness';
import { heapUsedMb } from './measure';
import type { FromSim } from './simProcess';

export interface HostMeasurement {
  /** What the extension recorded for its activate(), when it exposes `activationMs`. */
  activationMs?: number;
  heapGrowthMb?: number;
  /** IP Licenses expanded, the first type group opened: time until its rows are there (the simulator at `firstRowsLatencyMs`). */
  firstRowsMs?: number;
  firstRowsLatencyMs?: number;
  licensesShown?: number;
  kcareServersShown?: number;
  /** Heap growth while `CLN: Find Unused Licenses` sweeps the large account from an empty cache, report open. */
  sweepHeapGrowthMb?: number;
  sweepFindings?: number;
  error?: string;
}

const cln = () => vscode.workspace.getConfiguration('cln');
const FIRST_ROWS_LATENCY_MS = 50;

async function childrenOf(provider: vscode.TreeDataProvider<unknown>, node?: TreeNode): Promise<TreeNode[]> {
  return ((await provider.getChildren(node)) ?? []) as TreeNode[];
}

/** Rows come before their server details (progressive loading): the time to the first type group's rows. */
async function firstRows(api: TestApi): Promise<number> {
  const started = performance.now();
  const families = await childrenOf(api.licenses);
  const ip = families.find((n) => n.kind === 'family' && n.family === 'ip')!;
  const [first] = await childrenOf(api.licenses, ip);
  const rows = (await childrenOf(api.licenses, first)).filter((n) => n.kind === 'ipLicense');
  const ms = performance.now() - started;
  if (rows.length === 0) throw new Error('no IP license rows');
  return ms;
}

async function loadLargeAccount(api: TestApi): Promise<{ licenses: number; servers: number }> {
  const families = await childrenOf(api.licenses);
  const family = (name: string) => families.find((n) => n.kind === 'family' && n.family === name)!;
  let licenses = 0;
  for (const type of await childrenOf(api.licenses, family('ip'))) licenses += (await childrenOf(api.licenses, type)).filter((n) => n.kind === 'ipLicense').length;
  // The server details fill in after the rows: wait for all of them.
  await (api.licenses as unknown as { model: { detailsFilled(node: TreeNode): Promise<void> } }).model.detailsFilled(family('ip'));
  const keys = (await childrenOf(api.licenses, family('kcare'))).filter((n) => n.kind === 'kcareKey');
  const servers = await Promise.all(keys.map(async (key) => (await childrenOf(api.licenses, key)).filter((n) => n.kind === 'kcareServer').length));
  return { licenses, servers: servers.reduce((a, b) => a + b, 0) };
}

async function measure(): Promise<HostMeasurement> {
  const extension = vscode.extensions.getExtension<TestApi>('cln-explorer.cln-explorer');
  if (!extension) return { error: 'the extension is not installed in this host' };
  const api = await extension.activate();
  const result: HostMeasurement = { activationMs: (api as { activationMs?: number }).activationMs };
  const sim = startSim({ size: 'large', latencyMs: 0 });
  try {
    const { url, credentials } = await sim.ready;
    await cln().update('apiUrl', url, vscode.ConfigurationTarget.Global);
    // Every key on one page, so the whole account loads without "Load more".
    await cln().update('pageSize', 5000, vscode.ConfigurationTarget.Global);
    await api.session.signIn(credentials.login, credentials.secretKey);
    result.firstRowsLatencyMs = FIRST_ROWS_LATENCY_MS;
    await sim.ask<FromSim>({ type: 'latency', ms: FIRST_ROWS_LATENCY_MS });
    result.firstRowsMs = await firstRows(api);
    await sim.ask<FromSim>({ type: 'latency', ms: 0 });
    await api.session.signOut();
    await api.session.signIn(credentials.login, credentials.secretKey);
    const before = heapUsedMb();
    const shown = await loadLargeAccount(api);
    result.heapGrowthMb = heapUsedMb() - before;
    result.licensesShown = shown.licenses;
    result.kcareServersShown = shown.servers;
    // The sweep from an empty cache (a fresh sign-in), its report open, as a user runs it.
    await api.session.signOut();
    await api.session.signIn(credentials.login, credentials.secretKey);
    const beforeSweep = heapUsedMb();
    const report = await vscode.commands.executeCommand<{ sweeping: Promise<void>; findings: unknown[]; dispose(): void }>('cln.findUnusedLicenses', 30);
    if (!report) throw new Error('cln.findUnusedLicenses opened no report');
    await report.sweeping;
    result.sweepHeapGrowthMb = heapUsedMb() - beforeSweep;
    result.sweepFindings = report.findings.length;
    report.dispose();
  } finally {
    await api.session.signOut();
    await cln().update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await cln().update('pageSize', undefined, vscode.ConfigurationTarget.Global);
    await sim.ask<FromSim>({ type: 'close' });
  }
  return result;
}

export async function run(): Promise<void> {
  let result: HostMeasurement;
  try {
    result = await measure();
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  }
  console.log(`CLN-BENCH ${JSON.stringify(result)}`);
}
