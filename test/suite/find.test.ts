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

  it("shows a server under a KernelCare key before the server groups' list has answered", async () => {
    const s = sim.state;
    // A server under the first KernelCare key that has one, given an IP no other row holds: no IP license,
    // Imunify, ELS or group row can answer the search first.
    const key = s.kcareKeys.find((k) => s.kcareServers.some((v) => v.key === k.key))!;
    const server = s.kcareServers.find((v) => v.key === key.key)!;
    server.ip = '198.51.100.77';
    (await getApi()).session.account!.clearCache();
    // The server groups' list is slow: a search that waits for every list before reading any key's servers
    // shows nothing until it has answered.
    sim.faults.set('group.list', { kind: 'latency', ms: 5000 });
    const from = sim.requests.length;
    await script([{ input: server.ip }, { pick: /198\.51\.100\.77/ }]);
    const shown = (await vscode.commands.executeCommand('cln.find')) as TreeNode;
    const requests = sim.requests.slice(from);
    const groups = requests.find((r) => r.endpointId === 'group.list');
    const keys = requests.find((r) => r.endpointId === 'kcare.key.list');
    const firstKey = requests.find((r) => r.endpointId === 'kcare.key.servers' && r.query.key === key.key);
    assert.ok(shown && shown.kind === 'kcareServer', `revealed ${shown?.kind}`);
    assert.strictEqual((shown as Extract<ExplorerNode, { kind: 'kcareServer' }>).server.serverId, server.serverId);
    assert.ok(groups && keys && firstKey, 'the search asked for the server groups, the KernelCare keys and the key’s servers');
    assert.strictEqual(groups.status, 0, 'the result was shown and picked while the server groups’ list was still unanswered');
    assert.ok(requests.indexOf(firstKey) > requests.indexOf(keys));
  });
});
