/**
 * A bulk run whose process is killed part-way (SIGKILL: no clean-up, no last
 * write), then the next start: the journal names the run item by item, and a
 * resume re-reads the state and sends exactly the items never sent — no item
 * whose outcome is known, and no unknown one, is sent again.
 */
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClnClient } from '../../src/cln/client';
import { AccountService } from '../../src/services/accountService';
import { Journal } from '../../src/services/journal';
import { resumeRun } from '../../src/features/activity/core/resume';
import { startSimulator } from '../../src/sim';

describe('resume after a killed extension host', function () {
  this.timeout(30_000);

  it('picks up exactly the unsent items', async () => {
    const sim = await startSimulator({ size: 'demo', latencyMs: 60 });
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cln-killed-'));
    const file = path.join(dir, 'activity.jsonl');
    try {
      const servers = sim.state.kcareServers.slice(0, 10).map((s) => ({ id: s.serverId, key: s.key }));
      const child = fork(path.join(__dirname, 'support', 'bulkChild.js'), [sim.url, sim.credentials.login, sim.credentials.secretKey, file, JSON.stringify(servers)], { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      // Kill it once three removals reached the simulator: the fourth is then in flight or about to be.
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if ((sim.mutationCounts['kcare.srv.remove'] ?? 0) >= 3) {
            clearInterval(timer);
            child.kill('SIGKILL');
            resolve();
          }
        }, 2);
        child.on('message', (m: { finished?: boolean }) => m.finished && reject(new Error('the child finished before it was killed')));
      });
      await exited;
      await new Promise((resolve) => setTimeout(resolve, 150)); // a request in flight lands at the simulator
      const removedBefore = new Set(servers.map((s) => s.id).filter((id) => !sim.state.kcareServers.some((k) => k.serverId === id)));

      // The next start: a fresh journal on the same file; the child's pid is gone.
      const journal = new Journal(file);
      const [summary] = await journal.interruptedRuns();
      assert.ok(summary, 'the killed run is named');
      const states = summary.items.map((i) => i.state);
      const unsent = summary.items.filter((i) => i.state === 'unsent').map((i) => String(i.planned.args!.server_id));
      const known = summary.items.filter((i) => i.state === 'done').map((i) => String(i.planned.args!.server_id));
      assert.ok((known.length >= 2 && states.includes('unknown')) || known.length >= 3, `three sent before the kill: ${states.join(' ')}`);
      assert.ok(unsent.length > 0 && unsent.length <= 7, `unsent: ${states.join(' ')}`);
      assert.deepEqual(
        states.slice(0, known.length),
        known.map(() => 'done'),
        'done items first, in order',
      );
      for (const id of known) assert.ok(removedBefore.has(id), `${id} is journaled done and gone at the simulator`);
      for (const id of unsent) assert.ok(!removedBefore.has(id), `${id} is journaled unsent and was never sent`);

      sim.resetLog();
      const account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials }), { maxConcurrent: 4, journal, login: sim.credentials.login });
      const results = await resumeRun(account, journal, sim.credentials.login, summary);
      const sent = sim.requests.filter((r) => r.endpointId === 'kcare.srv.remove').map((r) => r.query.server_id);
      assert.deepEqual(sent, unsent, 'exactly the unsent items, in order');
      assert.equal(results.filter((r) => r.result === 'sent').length, unsent.length);
      for (const s of servers)
        assert.ok(!sim.state.kcareServers.some((k) => k.serverId === s.id) || summary.items.some((i) => i.state === 'unknown' && i.planned.args!.server_id === s.id), `${s.id} is gone`);
      assert.deepEqual(await journal.interruptedRuns(), [], 'the run is settled');
    } finally {
      await sim.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
