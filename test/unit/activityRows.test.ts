/**
 * The Activity view's rows in words (features/activity/core/rows.ts) over a real journal file:
 * one verb per row, one row per user action with its steps inside, and the journal's new
 * pieces (a run's "done" wording, runs(), clear()) keeping its guarantees.
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { activityRows, entryLabel, runLabel } from '../../src/features/activity/core/rows';
import { Journal, type JournalEntry } from '../../src/services/journal';

describe('Activity rows', () => {
  let dir: string;
  let journal: Journal;
  let clock = 0;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cln-activity-rows-'));
    clock = Date.parse('2026-12-07T10:00:00Z');
    journal = new Journal(path.join(dir, 'activity.jsonl'), { secrets: () => ['s3cr3t-key-value'], now: () => new Date((clock += 1000)), isAlive: () => true });
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const change = async (action: string, target: string, outcome: 'done' | 'refused' | 'unknown' | 'unchanged', run?: string, item?: number) => {
    const id = await journal.begin({ login: 'demo', action, title: action, target, args: { ip: '62.19.92.87', type: 16 }, run, item });
    if (outcome !== 'unknown') await journal.complete(id, outcome);
  };
  const labels = (entries: JournalEntry[]) => entries.map(entryLabel);

  it('words each change with one verb, never "… done"', async () => {
    await change('ipl.remove', 'the KernelCare license of 62.19.92.87', 'done');
    await change('ipl.register', '203.0.113.50 as KernelCare', 'done');
    await change('kcare.key.setCidr', 'KernelCare key K1ab…9xyz to 10.0.0.0/8', 'done');
    await change('ipl.remove', 'the KernelCare license of 62.19.92.88', 'refused');
    await change('ipl.remove', 'the KernelCare license of 62.19.92.89', 'unknown');
    await change('ipl.remove', 'the KernelCare license of 62.19.92.90', 'unchanged');
    await change('kcare.srv.remove', 'remove server 7 from KernelCare key K1ab…9xyz', 'done');
    assert.deepEqual(labels(await journal.entries()), [
      'Removed the KernelCare license of 62.19.92.87',
      'Registered 203.0.113.50 as KernelCare',
      'Set the IP ranges of KernelCare key K1ab…9xyz to 10.0.0.0/8',
      'Could not remove the KernelCare license of 62.19.92.88',
      'Asked CLN to remove the KernelCare license of 62.19.92.89',
      'Asked CLN to remove the KernelCare license of 62.19.92.90',
      'Removed server 7 from KernelCare key K1ab…9xyz',
    ]);
  });

  it('makes one row of a two-step change, its steps inside in the order sent, newest row first', async () => {
    await change('ipl.remove', 'the KernelCare license of 62.19.92.87', 'done');
    const run = await journal.startRun({
      login: 'demo',
      title: 'Changing the IP license 203.0.113.7 (KernelCare) → 203.0.113.9',
      done: 'Changed the IP license 203.0.113.7 (KernelCare) → 203.0.113.9',
      command: 'cln.changeLicenseIp',
      items: [
        { target: 'IP license 203.0.113.9 (KernelCare), in place of 203.0.113.7 (KernelCare)', action: 'ipl.register', args: { ip: '203.0.113.9', type: 16 } },
        { target: 'IP license 203.0.113.7 (KernelCare), replaced by 203.0.113.9 (KernelCare)', action: 'ipl.remove', args: { ip: '203.0.113.7', type: 16 }, after: 0 },
      ],
    });
    await change('ipl.register', 'IP license 203.0.113.9 (KernelCare), in place of 203.0.113.7 (KernelCare)', 'done', run, 0);
    await change('ipl.remove', 'IP license 203.0.113.7 (KernelCare), replaced by 203.0.113.9 (KernelCare)', 'done', run, 1);
    await journal.endRun(run);
    const rows = activityRows(await journal.entries(), await journal.runs());
    assert.deepEqual(
      rows.map((r) => r.kind),
      ['run', 'entry'],
    );
    const [top] = rows;
    assert.ok(top.kind === 'run');
    assert.equal(runLabel(top.summary), 'Changed the IP license 203.0.113.7 (KernelCare) → 203.0.113.9');
    assert.deepEqual(labels(top.entries), [
      'Registered IP license 203.0.113.9 (KernelCare), in place of 203.0.113.7 (KernelCare)',
      'Removed IP license 203.0.113.7 (KernelCare), replaced by 203.0.113.9 (KernelCare)',
    ]);
  });

  it('names a run that did not finish by what was started, and filters into runs', async () => {
    const run = await journal.startRun({ login: 'demo', title: 'Removing 2 IP licenses', done: 'Removed 2 IP licenses', command: 'cln.removeIpLicense', items: [{ target: 'a' }, { target: 'b' }] });
    await change('ipl.remove', 'the KernelCare license of 62.19.92.87', 'done', run, 0);
    await change('ipl.remove', 'the KernelCare license of 62.19.92.88', 'refused', run, 1);
    const [row] = activityRows(await journal.entries(), await journal.runs());
    assert.ok(row.kind === 'run');
    assert.equal(runLabel(row.summary), 'Removing 2 IP licenses');
    const filtered = activityRows(await journal.entries(), await journal.runs(), '62.19.92.88');
    assert.equal(filtered.length, 1);
    assert.ok(filtered[0].kind === 'run');
    assert.deepEqual(labels(filtered[0].entries), ['Could not remove the KernelCare license of 62.19.92.88']);
  });

  it('keeps the "done" wording redacted and well-formed on disk, and clear() empties the file', async () => {
    await journal.startRun({ login: 'demo', title: 'Removing key s3cr3t-key-value', done: 'Removed key s3cr3t-key-value', command: 'x', items: [] });
    const text = await fs.readFile(journal.file, 'utf8');
    assert.ok(!text.includes('s3cr3t-key-value'), text);
    assert.equal((await journal.runs()).length, 1);
    // A "done" of the wrong shape (an edited file) passes the line over.
    await fs.appendFile(journal.file, JSON.stringify({ rec: 'run', id: 'run-x', time: 't', login: 'l', title: 't', done: { html: 1 }, command: 'c', pid: 1, items: [] }) + '\n');
    assert.equal((await journal.runs()).length, 1);
    let fired = 0;
    journal.onDidAppend(() => fired++);
    await journal.clear();
    assert.equal(fired, 1);
    await assert.rejects(fs.stat(journal.file), /ENOENT/);
    assert.deepEqual(await journal.entries(), []);
    await change('ipl.remove', 'the KernelCare license of 62.19.92.87', 'done');
    assert.equal((await journal.entries()).length, 1, 'the journal writes again after it was cleared');
  });
});
