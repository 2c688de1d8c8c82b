// CLN: Find… shows a result as soon as the request that holds it returns (issue 22): the servers of the
// first KernelCare key are read once the key list is in, not after every product's list and the server
// groups. Judged by the order of events at the simulator, not by a time.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Simulator } from '../../src/sim';
import type { ExplorerNode, TreeNode } from '../../src/explorer/nodes';
import { getApi, leaveSim, script, signedInToNewSim } from './helpers';

describe('CLN: Find… streams its results', function () {
  this.timeout(60_000);
  let sim: Simulator;

  before(async () => {
    sim = await signedInToNewSim({ seed: 5 });
  });
  after(async () => {
    sim.faults.clear();
    await leaveSim(sim);
  });

  it("shows a server under the first KernelCare key before the server groups' list has answered", async () => {
    const s = sim.state;
    // An IP only that KernelCare server has: no IP license, Imunify, ELS or group row can answer the search first.
    const elsewhere = new Set([
      ...s.ipLicenses.map((l) => l.ip),
      ...s.imunifyServers.map((v) => v.ip),
      ...s.elsServers.map((v) => v.ip),
      ...s.kcareServers.filter((v) => v.key !== s.kcareKeys[0].key).map((v) => v.ip),
    ]);
    const server = s.kcareServers.find((v) => v.key === s.kcareKeys[0].key && v.ip && !elsewhere.has(v.ip));
    assert.ok(server?.ip, 'the seeded account has a server with an IP of its own under its first KernelCare key');
    (await getApi()).session.account!.clearCache();
    // The server groups' list is slow: a search that waits for every list before reading any key's servers
    // shows nothing until it has answered.
    sim.faults.set('group.list', { kind: 'latency', ms: 5000 });
    const from = sim.requests.length;
    await script([{ input: server.ip }, { pick: new RegExp(`${server.ip.replace(/\./g, '\\.')}($|[^\\d])`) }]);
    const shown = (await vscode.commands.executeCommand('cln.find')) as TreeNode;
    const requests = sim.requests.slice(from);
    const groups = requests.find((r) => r.path === '/group/list.json');
    const keys = requests.find((r) => r.path === '/kcare/key/list.json');
    const firstKey = requests.find((r) => r.path === '/kcare/key/servers.json' && r.query.key === s.kcareKeys[0].key);
    assert.ok(shown && shown.kind === 'kcareServer', `revealed ${shown?.kind}`);
    assert.strictEqual((shown as Extract<ExplorerNode, { kind: 'kcareServer' }>).server.serverId, server.serverId);
    assert.ok(groups && keys && firstKey, 'the search asked for the server groups, the KernelCare keys and the first key’s servers');
    assert.strictEqual(groups.status, 0, 'the result was shown and picked while the server groups’ list was still unanswered');
    assert.ok(requests.indexOf(firstKey) > requests.indexOf(keys));
  });
});
