// Signed out, every account command ends at once with "Sign in" and its action, asking nothing.
import * as assert from 'assert';
import { getApi } from './helpers';
import { ScriptedPrompter } from './scriptedPrompter';
import * as vscode from 'vscode';

const ACCOUNT_COMMANDS = [
  'cln.registerIpLicense',
  'cln.convertIpLicense',
  'cln.removeIpLicense',
  'cln.updateIpLicense',
  'cln.checkIp',
  'cln.createKey',
  'cln.updateKey',
  'cln.removeKey',
  'cln.setKeyCidr',
  'cln.removeServer',
  'cln.convertServer',
  'cln.checkKernelCareHealth',
  'cln.createBackup',
  'cln.resizeBackup',
  'cln.removeBackup',
  'cln.createGroup',
  'cln.addServersToGroup',
  'cln.removeServersFromGroup',
];

describe('Account commands while signed out', function () {
  this.timeout(30_000);

  it('each asks nothing and offers Sign In', async () => {
    const api = await getApi();
    await api.session.signOut();
    const original = api.ui.prompter;
    try {
      for (const command of ACCOUNT_COMMANDS) {
        const prompter = new ScriptedPrompter([]);
        api.ui.prompter = prompter;
        await vscode.commands.executeCommand(command);
        assert.deepStrictEqual(prompter.asked, [], `${command} asked nothing`);
        assert.deepStrictEqual(
          prompter.notices.map((n) => [n.level, n.actions]),
          [['error', ['Sign In']]],
          `${command}: ${JSON.stringify(prompter.notices)}`,
        );
        assert.match(prompter.notices[0].message, /^Sign in to CLN/);
      }
    } finally {
      api.ui.prompter = original;
    }
  });

  it('are all contributed with the CLN category and registered', async () => {
    const registered = await vscode.commands.getCommands(true);
    const contributed: { command: string; category?: string }[] = vscode.extensions.getExtension('cln-explorer.cln-explorer')!.packageJSON.contributes.commands;
    for (const command of ACCOUNT_COMMANDS) {
      assert.ok(registered.includes(command), `${command} is registered`);
      assert.strictEqual(contributed.find((c) => c.command === command)?.category, 'CLN', `${command} in package.json`);
    }
  });
});
