#!/usr/bin/env node
// The benchmark's extension-host measurements: code-server + headless chromium (as the host test
// tier), with out/scripts/bench/hostEntry.js as the extension tests entry. Prints the entry's
// "CLN-BENCH {...}" line, or "CLN-BENCH {"error": ...}" when the host could not be run.
//
//   node scripts/bench/host.mjs        (npm run bench runs it; needs a production build in dist/)
import path from 'node:path';
import { REPO_ROOT, launchChromium, startCodeServer, tempDir, workbenchUrl } from '../lib/code-server.mjs';

const ENTRY = path.join(REPO_ROOT, 'out', 'scripts', 'bench', 'hostEntry');
const LIMIT_MS = 5 * 60_000;

async function main() {
  const cleanups = [];
  let result;
  try {
    const workspace = tempDir('cln-bench-ws-');
    const server = await startCodeServer({ folder: workspace });
    cleanups.push(() => server.stop());
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage();
    result = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ error: `no result within ${LIMIT_MS / 1000} s` }), LIMIT_MS);
      let line;
      page.on('console', (msg) => {
        const m = /CLN-BENCH (\{.*\})/.exec(msg.text());
        if (m) line = m[1];
      });
      page.exposeFunction('codeAutomationExit', () => {
        clearTimeout(timer);
        // The console message may still be on its way.
        setTimeout(() => resolve(line ? JSON.parse(line) : { error: 'the host entry printed no result' }), 1000);
      });
      page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: ENTRY }), { waitUntil: 'domcontentloaded' });
    });
  } catch (error) {
    result = { error: error instanceof Error ? error.message : String(error) };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
  process.stdout.write(`CLN-BENCH ${JSON.stringify(result)}\n`);
  process.exit(0);
}

main();
