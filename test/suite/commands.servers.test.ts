// Server commands (remove, move to another key) and the KernelCare health check, against the simulator.
import * as assert from 'assert';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { Harness, nodeOf, notices, onlyNotice, titles, useSignedInHarness } from './commandHelpers';

describe('Server commands', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(23, (harness) => (h = harness));

  const hasServer = (id: string) => h.sim.state.kcareServers.some((s) => s.serverId === id) || h.sim.state.imunifyServers.some((s) => s.id === id) || h.sim.state.elsServers.some((s) => s.id === id);

  describe('Remove Server', () => {
    it('removes a multi-selection across products, skipping and naming what is not a server', async () => {
      const [k1, k2] = h.sim.state.kcareServers;
      const im = h.sim.state.imunifyServers[0];
      const license: ExplorerNode = { kind: 'ipLicense', license: { ip: '198.51.100.1', type: 1, registered: false, created: null } };
      const selection = [nodeOf.kcareServer(k1), license, nodeOf.kcareServer(k2), nodeOf.imServer(im)];
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeServer', selection[0], selection);

      assert.strictEqual(prompter.asked[0].message, 'Remove 3 servers?');
      assert.match(prompter.asked[0].detail ?? '', new RegExp(`KernelCare server ${k1.serverId}.*KernelCare server ${k2.serverId}.*Imunify server ${im.id}`));
      for (const id of [k1.serverId, k2.serverId, im.id]) assert.ok(!hasServer(id), `${id} removed`);
      assert.deepStrictEqual(h.sim.mutationCounts, { 'kcare.srv.remove': 2, 'im.srv.remove': 1 });
      assert.deepStrictEqual(notices(prompter), ['info: Removed 3 of 3 servers; skipped 1 the command does not apply to: 198.51.100.1 (CloudLinux OS Legacy).']);
    });

    it('reports a part-way failure per item; the servers that succeeded are really gone', async () => {
      const [a, b, c] = h.sim.state.imunifyServers;
      h.sim.faults.set('im.srv.remove', { kind: 'http500', times: 1 });
      const selection = [a, b, c].map(nodeOf.imServer);
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeServer', selection[0], selection);
      assert.ok(hasServer(a.id), 'the first failed and is still there');
      assert.ok(!hasServer(b.id) && !hasServer(c.id), 'the others are gone');
      assert.strictEqual(h.changeRequests().length, 3, 'nothing retried');
      const notice = onlyNotice(prompter);
      assert.strictEqual(notice.level, 'warning');
      assert.match(notice.message, new RegExp(`^Removed 2 of 3 servers; 1 failed: Imunify server ${a.id}.* — CLN answered HTTP 500`));
      assert.deepStrictEqual(notice.actions, ['Show Log']);
    });

    it('shows KernelCare "Server not found" as a notice, not as success', async () => {
      const gone = nodeOf.kcareServer({ ...h.sim.state.kcareServers[0], serverId: 'no-such-server', ip: null });
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeServer', gone, [gone]);
      assert.deepStrictEqual(notices(prompter), ['warning: CLN did not remove KernelCare server no-such-server: Server not found']);
    });

    it('from the palette picks the key, then its servers', async () => {
      const server = h.sim.state.elsServers[0];
      const key = h.sim.state.elsKeys.find((k) => k.key === server.key)!;
      const prompter = h.script([{ pick: key.key }, { pickMany: [server.hostname ?? server.ip ?? server.id] }, { confirm: true }]);
      await h.run('cln.removeServer');
      assert.deepStrictEqual(titles(prompter).slice(0, 2), ['pick: Key', 'pickMany: Servers to remove']);
      assert.ok(!hasServer(server.id));
      assert.strictEqual(h.sim.mutationCounts['els.srv.remove'], 1);
    });
  });

  describe('Move Server to Another Key', () => {
    it('moves an Imunify server to the picked key, not offering its own key', async () => {
      const server = h.sim.state.imunifyServers.find((s) => h.sim.state.imunifyKeys.some((k) => k.key !== s.key))!;
      const target = h.sim.state.imunifyKeys.find((k) => k.key !== server.key)!;
      const ownKey = server.key;
      const prompter = h.script([{ pick: target.key }, { pick: 'Preview, then move' }, { confirm: true }]);
      await h.run('cln.convertServer', nodeOf.imServer(server));
      assert.deepStrictEqual(titles(prompter).slice(0, 2), ['pick: Move to key', 'pick: Run or dry run']);
      assert.match(prompter.asked[2].detail ?? '', new RegExp(`GET /im/srv/convert\\.json\\?id=${server.id}&key=`), 'the confirmation lists the call');
      assert.ok(!prompter.asked[0].offered?.includes(ownKey));
      assert.strictEqual(server.key, target.key);
      assert.strictEqual(h.sim.mutationCounts['im.srv.convert'], 1);
      assert.match(onlyNotice(prompter).message, new RegExp(`^Moved Imunify server ${server.id}.* to key ${target.key}\\.$`));
    });

    it('moves a multi-selection with a per-server report; a dry run sends nothing', async () => {
      const target = h.sim.state.imunifyKeys[0];
      const servers = h.sim.state.imunifyServers.filter((s) => s.key !== target.key).slice(0, 2);
      assert.strictEqual(servers.length, 2);
      const nodes = servers.map(nodeOf.imServer);
      const dry = h.script([{ pick: target.key }, { pick: 'Dry run' }]);
      await h.run('cln.convertServer', nodes[0], nodes);
      assert.deepStrictEqual(h.changeRequests(), [], 'a dry run sends nothing');
      assert.match(onlyNotice(dry).message, /^Dry run: nothing was sent\. 2 calls would be sent: GET \/im\/srv\/convert\.json\?id=/);
      const prompter = h.script([{ pick: target.key }, { pick: 'Preview, then move' }, { confirm: true }]);
      await h.run('cln.convertServer', nodes[0], nodes);
      assert.deepStrictEqual(
        h.changeRequests().map((r) => r.query.id),
        servers.map((s) => s.id),
        'one call per server, in order',
      );
      assert.ok(servers.every((s) => s.key === target.key));
      assert.match(onlyNotice(prompter).message, /^Moved 2 of 2 Imunify servers\.$/);
    });
  });
  // Check KernelCare Servers: see realCln.test.ts (the live Nagios form, the API security token, tree marks).
});
