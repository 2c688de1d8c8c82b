// Sort and focus at scale (issue 15): Sort By… and "problems only" change the rows of the Licenses view.
import * as assert from 'assert';
import { ipTypeName } from '../../src/cln/catalog';
import { ipKey } from '../../src/explorer/arrange';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { Harness, treeNodes, useSignedInHarness } from './commandHelpers';

const DAY_MS = 86_400_000;

describe('Sort and problems only', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(13, (harness) => (h = harness));
  afterEach(async () => {
    h.script([{ pick: 'As CLN lists them' }]);
    await h.run('cln.sortBy');
    await h.run('cln.showAllItems');
  });

  const biggestType = () => {
    const counts = new Map<number, number>();
    for (const l of h.sim.state.ipLicenses) counts.set(l.type, (counts.get(l.type) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0][0];
  };

  it('sorts IP licenses by IP address, numerically', async () => {
    const type = biggestType();
    const before = (await treeNodes(h.api, ['IP Licenses', ipTypeName(type)])).map((e) => e.label);
    const prompter = h.script([{ pick: 'IP address' }]);
    await h.run('cln.sortBy');
    assert.deepStrictEqual(prompter.asked[0].offered, ['As CLN lists them', 'IP address', 'Created', 'Last check-in']);
    const after = (await treeNodes(h.api, ['IP Licenses', ipTypeName(type)])).map((e) => e.label).filter((l) => !l.startsWith('Load more'));
    assert.deepStrictEqual(
      after,
      [...after].sort((a, b) => (ipKey(a) < ipKey(b) ? -1 : 1)),
    );
    assert.notDeepStrictEqual(
      after,
      before.filter((l) => !l.startsWith('Load more')),
      'the order changed',
    );
  });

  it('sorts servers by last check-in, longest silent first', async () => {
    const key = h.sim.state.kcareKeys.find((k) => h.sim.state.kcareServers.filter((s) => s.key === k.key && s.lastCheckin).length >= 3)!;
    h.script([{ pick: 'Last check-in' }]);
    await h.run('cln.sortBy');
    const family = await treeNodes(h.api, ['KernelCare']);
    const keyRow = family.find((e) => (e.node as { key?: { key: string } }).key?.key === key.key)!;
    const servers = (await h.api.licenses.getChildren(keyRow.node)) as ExplorerNode[];
    const times = servers.map((n) => (n.kind === 'kcareServer' ? (n.server.lastCheckin?.getTime() ?? -Infinity) : NaN));
    assert.deepStrictEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  it('"problems only" shows only unregistered or silent licenses and stale servers, and the view says so', async () => {
    await h.run('cln.showProblemsOnly');
    const staleCutoff = Date.now() - 7 * DAY_MS;
    for (const typeRow of await treeNodes(h.api, ['IP Licenses'])) {
      const rows = (await h.api.licenses.getChildren(typeRow.node)) as ExplorerNode[];
      for (const row of rows) {
        if (row.kind !== 'ipLicense') continue;
        const silent = row.info && (!row.info.lastCheckin || row.info.lastCheckin.getTime() < staleCutoff);
        assert.ok(!row.license.registered || silent, `${row.license.ip} is not a problem`);
      }
    }
    const allLicenses = h.sim.state.ipLicenses.length;
    const shown = (await treeNodes(h.api, ['IP Licenses'])).length;
    assert.ok(shown > 0);
    const ipItem = await h.api.licenses.getTreeItem((await treeNodes(h.api, [])).find((e) => e.label === 'IP Licenses')!.node);
    assert.match(String(ipItem.description), new RegExp(`^\\d+ of ${allLicenses.toLocaleString('en-US')} licenses$`));
    await h.run('cln.showAllItems');
    const after = await h.api.licenses.getTreeItem((await treeNodes(h.api, [])).find((e) => e.label === 'IP Licenses')!.node);
    assert.strictEqual(String(after.description), `${allLicenses.toLocaleString('en-US')} licenses`);
  });
});
