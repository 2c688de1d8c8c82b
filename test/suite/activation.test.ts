// Runs inside the extension host with the repository loaded as the extension under development.
// Checks activation and what the manifest contributes, as VS Code itself sees it.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'cln-explorer.cln-explorer';
const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

describe('CLN Explorer activation and contributions', () => {
  it('is the extension under development from this repository', () => {
    const ext = extension();
    assert.strictEqual(path.resolve(ext.extensionPath), EXTENSION_ROOT);
  });

  it('activates without throwing', async () => {
    const ext = extension();
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('contributes the "CloudLinux Network" activity-bar container', async () => {
    const containers = extension().packageJSON.contributes?.viewsContainers?.activitybar ?? [];
    const cln = containers.find((c: { id: string }) => c.id === 'cln');
    assert.ok(cln, 'no activity-bar view container with id "cln"');
    assert.strictEqual(cln.title, 'CloudLinux Network');
    // The workbench registered it: every view container gets a "show" command.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('workbench.view.extension.cln'), 'workbench.view.extension.cln not registered');
  });

  it('contributes the Licenses, Server Groups, All Servers and Activity views', async () => {
    const views: Array<{ id: string; name: string }> = extension().packageJSON.contributes?.views?.cln ?? [];
    assert.deepStrictEqual(
      views.map((v) => [v.id, v.name]),
      [
        ['cln.licenses', 'Licenses'],
        ['cln.groups', 'Server Groups'],
        ['cln.allServers', 'All Servers'],
        ['cln.activity', 'Activity'],
      ],
    );
    // The workbench registered the views: every view gets a "<id>.focus" command.
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['cln.licenses', 'cln.groups', 'cln.activity']) {
      assert.ok(commands.includes(`${id}.focus`), `${id}.focus not registered`);
    }
  });

  it('registers exactly the commands package.json contributes (src/features/index.ts and the manifest name the same ids)', async () => {
    const contributed = new Set<string>((extension().packageJSON.contributes?.commands ?? []).map((c: CommandContribution) => c.command));
    // The workbench's own per-view commands (cln.licenses.focus …) have a second dot.
    const registered = new Set((await vscode.commands.getCommands(true)).filter((id) => /^cln\.[A-Za-z]+$/.test(id)));
    assert.deepStrictEqual(
      [...contributed].filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
    assert.deepStrictEqual(
      [...registered].filter((id) => !contributed.has(id)),
      [],
      'registered but not contributed',
    );
  });

  it('puts every contributed command in the "CLN" category', () => {
    const commands: CommandContribution[] = extension().packageJSON.contributes?.commands ?? [];
    assert.ok(commands.length > 0, 'no commands contributed');
    const ids = commands.map((c) => c.command);
    assert.strictEqual(new Set(ids).size, ids.length, 'duplicate command ids');
    for (const c of commands) {
      assert.match(c.command, /^cln\.[A-Za-z]+$/, `command id ${c.command}`);
      assert.strictEqual(c.category, 'CLN', `category of ${c.command}`);
      assert.ok(c.title && c.title.trim().length > 0, `title of ${c.command}`);
    }
    for (const id of ['cln.signIn', 'cln.signOut', 'cln.useDemoData', 'cln.refresh']) {
      assert.ok(ids.includes(id), `${id} is not contributed`);
    }
  });

  it('exposes the cln.* settings with their defaults', () => {
    const expected: Record<string, unknown> = {
      apiUrl: 'https://cln.cloudlinux.com/api',
      accounts: {},
      statusRefreshInterval: 300,
      requestTimeout: 30,
      maxConcurrentRequests: 6,
      maxResponseMB: 64,
      staleCheckinDays: 7,
      pageSize: 200,
      'hover.enabled': true,
      'cleanup.unusedDays': 30,
      'cleanup.prices': {},
      'cleanup.confirmThreshold': 10,
    };
    // One configuration object, or titled sections of one (the Settings editor's "CLN Explorer" groups).
    const sections: { properties?: Record<string, unknown> }[] = [extension().packageJSON.contributes?.configuration ?? []].flat();
    const declared = sections.flatMap((section) => Object.keys(section.properties ?? {}));
    assert.deepStrictEqual(
      declared.slice().sort(),
      Object.keys(expected)
        .map((k) => `cln.${k}`)
        .sort(),
      'declared cln.* settings',
    );
    const config = vscode.workspace.getConfiguration('cln');
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(config.inspect(key)?.defaultValue, value, `default of cln.${key}`);
      // Fresh profile, no workspace settings: the effective value is the default.
      assert.deepEqual(config.get(key), value, `value of cln.${key}`);
    }
  });
});
