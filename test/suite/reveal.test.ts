// Results you can act on (issue 15): what a command made or found is shown selected in its tree.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ipTypeName as nameOfType } from '../../src/cln/catalog';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { Harness, nodeOf, useSignedInHarness } from './commandHelpers';
import { outputChannelFiles, outputLines, tooltipOf, waitFor } from './helpers';

describe('Reveal what a command made or found', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(11, (harness) => (h = harness));

  const selected = () => h.api.explorer.selection as readonly ExplorerNode[];

  it('selects a newly registered IP license in the Licenses view', async () => {
    h.script([{ input: '198.51.100.31' }, { pick: 'KernelCare' }]);
    await h.run('cln.registerIpLicense');
    assert.ok(h.sim.state.ipLicenses.some((l) => l.ip === '198.51.100.31' && l.type === 16));
    const [node] = selected();
    assert.strictEqual(node?.kind, 'ipLicense');
    assert.deepStrictEqual(node.kind === 'ipLicense' && [node.license.ip, node.license.type], ['198.51.100.31', 16]);
  });

  it('selects a newly created key, labelled by its note', async () => {
    h.script([{ pick: 'KernelCare' }, { input: '4' }, { input: 'reveal me' }]);
    const result = await h.run<{ key: string }>('cln.createKey');
    const [node] = selected();
    assert.ok(node?.kind === 'kcareKey' && node.key.key === result.key, `selected: ${JSON.stringify(node)}`);
    assert.strictEqual(node.key.note, 'reveal me');
  });

  it('shows a server a KernelCare check names, selected under its key', async () => {
    const server = h.sim.state.kcareServers.find((s) => s.kernelState === 'outdated' && s.ip)!;
    assert.ok(server, 'the seeded account has an out-of-date server');
    const key = h.sim.state.kcareKeys.find((k) => k.key === server.key)!;
    const prompter = h.script([{ pick: new RegExp(`\\(${server.ip!.replace(/\./g, '\\.')}\\)$`) }], { KernelCare: 'Show Servers' });
    await h.run('cln.checkKernelCareHealth', nodeOf.kcareKey(key));
    assert.deepStrictEqual(prompter.notices[0].actions, ['Show Servers', 'Copy List', 'Show Log']);
    await waitFor(() => selected().some((n) => n.kind === 'kcareServer' && n.server.serverId === server.serverId), 'the server selected in the tree', 20_000);
    assert.match(prompter.asked.at(-1)?.title ?? '', /^KernelCare (CRITICAL|WARNING): servers that need attention$/);
    // The tree itself marks what the check said, until the next check.
    const row = selected().find((n) => n.kind === 'kcareServer')!;
    const item = await h.api.licenses.getTreeItem(row);
    assert.match(String(item.description), /^⚠ out of date · /);
    assert.match(tooltipOf(item as import('vscode').TreeItem), /the KernelCare check at .* said/);
  });

  it('answers Check IP with a list to act on: show what the account holds, register an available type', async () => {
    const owned = h.sim.state.ipLicenses[0];
    let prompter = h.script([{ input: owned.ip }, { pick: new RegExp(`^\\$\\(account\\) ${nameOfType(owned.type).replace(/[+()]/g, '\\$&')}$`) }]);
    await h.run('cln.checkIp');
    assert.deepStrictEqual(prompter.notices, []);
    await waitFor(() => selected().some((n) => n.kind === 'ipLicense' && n.license.ip === owned.ip), 'the owned license selected', 20_000);

    prompter = h.script([{ input: '198.51.100.44' }, { pick: 'KernelCare Plus' }]);
    await h.run('cln.checkIp');
    await waitFor(() => h.sim.state.ipLicenses.some((l) => l.ip === '198.51.100.44' && l.type === 17), 'the license registered from the answer', 20_000);
    await waitFor(() => selected().some((n) => n.kind === 'ipLicense' && n.license.ip === '198.51.100.44'), 'and selected', 20_000).catch((error: unknown) => {
      // Say what the reveal did (it logs "… was not found in the tree" or "Could not show …") and what is selected instead.
      // VS Code's extension host logs a reveal it could not resolve ("Cannot resolve tree item …") and goes on: its log too.
      const said = outputLines().filter((line) => /in the tree|Could not show|is not shown/.test(line));
      // code-server names it remoteexthost.log; a desktop VS Code exthost.log.
      const host = outputChannelFiles().flatMap((file) => ['remoteexthost.log', 'exthost.log'].map((name) => path.join(path.dirname(path.dirname(file)), name)));
      const vscodeSaid = host.flatMap((file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [])).filter((line) => /tree/i.test(line));
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}; selected: ${JSON.stringify(selected())}; the log: ${JSON.stringify(said.slice(-5))}; the extension host's log: ${JSON.stringify(vscodeSaid.slice(-5))}`,
      );
    });
  });
});
