/**
 * `npm run bench`: the large account on the simulator (loopback HTTP, 50 ms a
 * request), the scenarios through the explorer's own code and through a naive
 * client, then bundle size, activation time and heap growth. One table.
 * `npm run bench:smoke`: small account, 5 ms; fails on a throw or a wrong request count.
 *
 * After them, the same steps on screen (scripts/bench/screen.mjs: code-server + Chromium, rows timed in
 * the DOM), a table of their own.
 *
 * Flags: --smoke, --latency MS, --max-concurrent N, --naive-ips N, --naive-keys N, --no-naive, --no-host, --no-rate-limit,
 * --no-screen, --screen-runs N
 */
import * as path from 'node:path';
import { SMOKE_SIZE, startBench } from './harness';
import { heapUsedMb } from './measure';
import { measureInHost, measureOnScreen, measurements } from './measurements';
import { naiveRuns } from './naive';
import { failedChecks, RunSettings, ScenarioResult, targetMet } from './results';
import { awpTrend, cachedAndCoalesced, cleanupSweep, ipLicenses, kernelCareServers, kernelCareServersRateLimited, openLicensesView } from './scenarios';
import { allServers, findUnderLastKey, naiveScale, progressiveIpLicenses } from './scale';
import { formatMs, measurementTable, scenarioTable } from './table';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} expects a whole number`);
  return value;
}

async function main(): Promise<number> {
  const smoke = process.argv.includes('--smoke');
  const run: RunSettings = { latencyMs: flag('latency', smoke ? 5 : 50), maxConcurrent: flag('max-concurrent', 6) };
  const b = await startBench({ size: smoke ? SMOKE_SIZE : 'large', ...run });
  const f = b.facts;
  console.log(
    `CLN Explorer benchmark — ${smoke ? 'smoke (small account)' : 'large account'}: ${f.ipLicenses} IP licenses (${f.uniqueIps} IPs), ` +
      `${f.kcareKeys} KernelCare keys / ${f.kcareServers} servers, ${f.imunifyKeys} Imunify keys / ${f.imunifyServers} servers, ` +
      `${f.groups} groups; latency ${run.latencyMs} ms, cln.maxConcurrentRequests ${run.maxConcurrent}\n`,
  );
  const results: ScenarioResult[] = [];
  let heapLoadedMb = 0;
  try {
    const heapBefore = heapUsedMb();
    results.push(...(await openLicensesView(b)), await ipLicenses(b), await kernelCareServers(b));
    heapLoadedMb = heapUsedMb() - heapBefore;
    results.push(...(await cachedAndCoalesced(b)), await awpTrend(b), ...(await cleanupSweep(b)));
    results.push(...(await progressiveIpLicenses(b)), await findUnderLastKey(b), ...(await allServers(b)));
    if (!process.argv.includes('--no-naive')) {
      const naive = await naiveRuns(b, { ips: flag('naive-ips', smoke ? 40 : 500), keys: flag('naive-keys', smoke ? 10 : 200) });
      results.push(...naive, ...naiveScale(naive, results));
    }
  } finally {
    await b.close();
  }
  if (!process.argv.includes('--no-rate-limit')) {
    // The same KernelCare sweep against a simulator that answers 429 past a rate the sweep exceeds.
    const limit = smoke ? { perSecond: 20, burst: 5 } : { perSecond: 80, burst: 20 };
    const limited = await startBench({ size: smoke ? SMOKE_SIZE : 'large', ...run, rateLimit: limit });
    try {
      results.push(await kernelCareServersRateLimited(limited, limit));
    } finally {
      await limited.close();
    }
  }

  console.log(scenarioTable(results, run));
  console.log(
    `\nLower bound = ceil(unavoidable requests / ${run.maxConcurrent}) × ${run.latencyMs} ms, or, where requests wait on earlier answers (6b, 7, 8a), the rounds that forces × ${run.latencyMs} ms. Requests are counted at the simulator.\n`,
  );
  const host = smoke || process.argv.includes('--no-host') ? undefined : measureInHost(ROOT);
  const measured = measurements(ROOT, { production: !smoke, nodeHeapMb: heapLoadedMb, host });
  console.log(measurementTable(measured));

  const screen = smoke || process.argv.includes('--no-screen') ? undefined : measureOnScreen(ROOT, { ...run, runs: flag('screen-runs', 3) });
  if (screen) console.log(`${screen.printed}\n`);

  const wrong = failedChecks(results);
  const sweep = results.find((r) => r.id === '6' && r.client === 'ours');
  if (sweep)
    console.log(
      `Find Unused Licenses: first finding after ${sweep.firstFindingMs === undefined ? '—' : formatMs(sweep.firstFindingMs)} (target ≤ 2 s at 50 ms a request); Node heap retained by the sweep ${sweep.heapMb?.toFixed(1)} MB.\n`,
    );
  const missed = [
    ...results.filter((r) => targetMet(r, run) === false).map((r) => `scenario ${r.id}`),
    ...measured.filter((m) => m.met === false).map((m) => m.what),
    ...(screen?.error ? [`on screen (${screen.error})`] : (screen?.rows ?? []).filter((r) => !r.met).map((r) => `on screen ${r.id}`)),
  ];
  if (!smoke && sweep && !(sweep.firstFindingMs !== undefined && sweep.firstFindingMs <= 2000)) missed.push('first finding of the sweep within 2 s');
  if (wrong.length) console.log(`\nWRONG REQUEST COUNTS:\n  ${wrong.join('\n  ')}`);
  if (smoke) console.log('\nSmoke run: request counts checked; times and sizes are not judged.');
  else console.log(`\n${missed.length ? `Targets missed: ${missed.join(', ')}.` : 'Every target met.'}`);
  return wrong.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
