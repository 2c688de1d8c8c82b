// Backup and server-group commands against the simulator.
import * as assert from 'assert';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { Harness, nodeOf, notices, onlyNotice, titles, useSignedInHarness } from './commandHelpers';

describe('Backup and group commands', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(31, (harness) => (h = harness));

  describe('Create Backup', () => {
    it('refuses a size that is not a multiple of 10 before any request', async () => {
      const server = h.sim.state.imunifyServers[0];
      const prompter = h.script([{ input: '15' }]);
      await h.run('cln.createBackup', nodeOf.imServer(server));
      assert.match(prompter.asked[0].validation ?? '', /positive multiple of 10/);
      assert.strictEqual(h.sim.requests.length, 0);
    });

    it('asks the size, then the datacenter (those in use, or another), and creates one backup', async () => {
      const server = h.sim.state.imunifyServers[1];
      const datacenter = h.sim.state.datacenters.find((dc) => !h.sim.state.backups.some((b) => b.datacenter === dc))!;
      const inUse = [...new Set(h.sim.state.backups.map((b) => b.datacenter))].sort();
      const prompter = h.script([{ input: '30' }, { pick: /Other datacenter/ }, { input: datacenter }]);
      await h.run('cln.createBackup', nodeOf.imServer(server));
      assert.deepStrictEqual(titles(prompter), ['input: Backup size (GB)', 'pick: Datacenter', 'input: Datacenter']);
      assert.deepStrictEqual(prompter.asked[1].offered, [...inUse, '$(edit) Other datacenter…']);
      const created = h.sim.state.backups.find((b) => b.serverId === server.id && b.size === 30 && b.datacenter === datacenter);
      assert.ok(created, 'the simulator has the backup');
      assert.strictEqual(h.sim.mutationCounts['ab.im.create'], 1);
      assert.match(onlyNotice(prompter).message, new RegExp(`^Created a backup for Imunify server ${server.id}.* \\(30 GB in ${datacenter}\\)\\.$`));
    });
    it('from the inline action on the Backups folder, picks the Imunify key and servers first', async () => {
      const server = h.sim.state.imunifyServers[2];
      const key = server.key;
      const datacenter = h.sim.state.backups[0].datacenter;
      const folder: ExplorerNode = { kind: 'family', family: 'backups' };
      const prompter = h.script([{ pick: key }, { pickMany: [server.ip ?? server.id] }, { input: '10' }, { pick: datacenter }]);
      await h.run('cln.createBackup', folder, [folder]);
      assert.deepStrictEqual(titles(prompter), ['pick: Key', 'pickMany: Servers to back up', 'input: Backup size (GB)', 'pick: Datacenter']);
      assert.ok(h.sim.state.backups.some((b) => b.serverId === server.id && b.size === 10 && b.datacenter === datacenter));
    });
  });

  describe('Resize Backup', () => {
    it('grows a backup by a signed multiple of 10 without asking to confirm', async () => {
      const backup = h.sim.state.backups[0];
      const size = backup.size;
      const prompter = h.script([{ input: '20' }]);
      await h.run('cln.resizeBackup', nodeOf.backup(backup));
      assert.deepStrictEqual(titles(prompter), ['input: Change size by (GB)']);
      assert.strictEqual(backup.size, size + 20);
      assert.deepStrictEqual(notices(prompter), [`info: Resized backup #${backup.backupId} from ${size} GB to ${size + 20} GB.`]);
    });

    it('refuses shrinking below 10 GB as it is typed, and confirms a shrink', async () => {
      const backup = h.sim.state.backups[1];
      backup.size = 40;
      let prompter = h.script([{ input: '-40' }]);
      await h.run('cln.resizeBackup', nodeOf.backup(backup));
      assert.match(prompter.asked[0].validation ?? '', /cannot shrink below 10 GB/);
      assert.strictEqual(h.sim.requests.length, 0);

      prompter = h.script([{ input: '-20' }, { confirm: false }]);
      await h.run('cln.resizeBackup', nodeOf.backup(backup));
      assert.strictEqual(prompter.asked[1].message, `Shrink backup #${backup.backupId} from 40 GB to 20 GB?`);
      assert.strictEqual(backup.size, 40, 'cancelled: unchanged');
      assert.deepStrictEqual(h.changeRequests(), []);
    });
  });

  describe('Remove Backup', () => {
    it('confirms naming the backup, and removes it', async () => {
      const backup = h.sim.state.backups[2];
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeBackup', nodeOf.backup(backup), [nodeOf.backup(backup)]);
      assert.strictEqual(prompter.asked[0].message, `Remove backup #${backup.backupId} (${backup.size} GB, server ${backup.serverId})?`);
      assert.match(prompter.asked[0].detail ?? '', /Everything stored in it is deleted/);
      assert.ok(!h.sim.state.backups.includes(backup));
      assert.strictEqual(h.sim.mutationCounts['ab.remove'], 1);
    });

    it('from the palette lists the backups; cancelling at the modal changes nothing', async () => {
      const backup = h.sim.state.backups[0];
      const prompter = h.script([{ pickMany: [`#${backup.backupId}`] }, { confirm: false }]);
      await h.run('cln.removeBackup');
      assert.deepStrictEqual(titles(prompter)[0], 'pickMany: Backup');
      assert.ok(h.sim.state.backups.includes(backup));
      assert.deepStrictEqual(h.changeRequests(), []);
    });
  });

  describe('Server groups', () => {
    it('creates a group with a name and a description', async () => {
      const prompter = h.script([{ input: 'edge-nodes' }, { input: 'CDN edges' }]);
      await h.run('cln.createGroup');
      assert.deepStrictEqual(titles(prompter), ['input: Group name', 'input: Description (optional)']);
      assert.deepStrictEqual(
        h.sim.state.groups.filter((g) => g.name === 'edge-nodes').map((g) => g.description),
        ['CDN edges'],
      );
      assert.deepStrictEqual(notices(prompter), ['info: Created server group "edge-nodes".']);
    });

    it('adds the selected KernelCare and Imunify servers to the picked group, skipping an ELS server', async () => {
      const group = h.sim.state.groups[0];
      const kc = h.sim.state.kcareServers.find((s) => !group.serverIds.includes(s.serverId))!;
      const im = h.sim.state.imunifyServers.find((s) => !group.serverIds.includes(s.id))!;
      const els = h.sim.state.elsServers[0];
      const selection = [nodeOf.kcareServer(kc), nodeOf.imServer(im), nodeOf.elsServer(els)];
      const prompter = h.script([{ pick: group.name }]);
      await h.run('cln.addServersToGroup', selection[0], selection);
      assert.deepStrictEqual(titles(prompter), ['pick: Server group']);
      assert.ok(group.serverIds.includes(kc.serverId) && group.serverIds.includes(im.id));
      assert.deepStrictEqual(
        h.changeRequests().map((r) => r.query),
        [{ name: group.name, server_ids: `${kc.serverId},${im.id}` }],
        'one call for the group',
      );
      const notice = onlyNotice(prompter);
      assert.match(notice.message, new RegExp(`^Added servers to 1 of 1 group; skipped 1 the command does not apply to: ELS server ${els.id}`));
    });

    it('on a group node, picks the servers to add from all KernelCare and Imunify servers', async () => {
      const group = h.sim.state.groups[1];
      const im = h.sim.state.imunifyServers.find((s) => !group.serverIds.includes(s.id) && s.ip)!;
      const prompter = h.script([{ pickMany: [im.ip!] }]);
      await h.run('cln.addServersToGroup', nodeOf.group(group));
      assert.deepStrictEqual(titles(prompter), ['pickMany: Servers to add']);
      const offered = prompter.asked[0].offered ?? [];
      assert.strictEqual(offered.length, h.sim.state.kcareServers.length + h.sim.state.imunifyServers.length);
      assert.ok(group.serverIds.includes(im.id));
      assert.match(onlyNotice(prompter).message, new RegExp(`^Added servers to group "${group.name}" \\(${im.ip!.replace(/\./g, '\\.')}\\)\\.$`));
    });

    it('removes the selected members from their groups, one call per group', async () => {
      const [g1, g2] = h.sim.state.groups;
      const members: ExplorerNode[] = [g1.serverIds[0], g2.serverIds[0]].map((id, i) => ({
        kind: 'groupServer',
        groupName: [g1, g2][i].name,
        server: { id, hostname: null, ip: null, type: null },
      }));
      const removed = [g1.serverIds[0], g2.serverIds[0]];
      const prompter = h.script([]);
      await h.run('cln.removeServersFromGroup', members[0], members);
      assert.ok(!g1.serverIds.includes(removed[0]) && !g2.serverIds.includes(removed[1]));
      assert.strictEqual(h.changeRequests().length, 2);
      assert.deepStrictEqual(notices(prompter), ['info: Removed servers from 2 of 2 groups.']);
    });
  });
});
