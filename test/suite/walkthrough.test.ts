// The first-run walkthrough as the manifest declares it: every step's completion event names a
// command, view or context key this extension really has, every button and page link runs a real
// command, every page exists, and CLN: Get Started opens the walkthrough. (The steps ticking off
// as a person goes through them is the UI test test/ui/walkthrough.test.mjs.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getApi, waitFor } from './helpers';

interface Step {
  id: string;
  title: string;
  description: string;
  when?: string;
  media: { markdown?: string; image?: string | Record<string, string>; svg?: string };
  completionEvents: string[];
}

const extension = () => vscode.extensions.getExtension(EXTENSION_ID)!;
const manifest = () => extension().packageJSON;
const walkthrough = () => manifest().contributes.walkthroughs[0] as { id: string; title: string; steps: Step[] };

/** Every `*.ts` file under src/ (the context keys the extension sets are found in its code). */
function sources(dir = path.join(extension().extensionPath, 'src')): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [fs.readFileSync(path.join(dir, entry.name), 'utf8')] : []));
}

/** `[Label](command:id)` links of a description or a page: the command ids. */
const commandLinks = (text: string) => [...text.matchAll(/\]\(command:([\w.-]+)/g)].map((match) => match[1]);

describe('walkthrough', function () {
  this.timeout(60_000);
  let commands: Set<string>;

  before(async () => {
    await getApi();
    commands = new Set(await vscode.commands.getCommands(true));
  });

  it('has the five first-run steps, each with a completion event and a page', () => {
    const { steps } = walkthrough();
    assert.deepStrictEqual(
      [...new Set(steps.map((step) => step.title))],
      ['Sign in or explore the demo', 'Read the tree', 'Register a license', 'Find unused licenses', 'Open the AccelerateWP billing report'],
    );
    for (const step of steps) {
      assert.ok(step.completionEvents.length > 0, `${step.id} has no completion event`);
      const page = step.media.markdown ?? step.media.svg ?? (typeof step.media.image === 'string' ? step.media.image : undefined);
      assert.ok(page && fs.existsSync(path.join(extension().extensionPath, page)), `${step.id}: its page ${page} is a local file`);
    }
  });

  it('names only real commands, views and context keys of this extension in its completion events', () => {
    const views = new Set<string>(
      Object.values(manifest().contributes.views as Record<string, { id: string }[]>)
        .flat()
        .map((view) => view.id),
    );
    const ownCommands = new Set<string>((manifest().contributes.commands as { command: string }[]).map((c) => c.command));
    const code = sources().join('\n');
    for (const step of walkthrough().steps) {
      for (const event of step.completionEvents) {
        const [, type, argument] = /^(\w+):(.+)$/.exec(event) ?? [];
        if (type === 'onCommand') {
          assert.ok(commands.has(argument), `${step.id}: ${argument} is not a registered command`);
          assert.ok(
            ownCommands.has(argument) || [...views].some((view) => argument === `${view}.focus`),
            `${step.id}: ${argument} is not a command of this extension (or the focus command of its view)`,
          );
        } else if (type === 'onView') {
          assert.ok(views.has(argument), `${step.id}: ${argument} is not a view of this extension`);
        } else if (type === 'onContext') {
          // Each key is set by the extension (setContext), and each value compared is one it sets.
          for (const [key] of argument.matchAll(/\bcln\.[\w.]+/g)) assert.ok(code.includes(`'setContext', '${key}'`), `${step.id}: the extension never sets the context key ${key}`);
          for (const [, key, value] of argument.matchAll(/([\w.]+)\s*(?:==|!=)\s*([\w.]+)/g)) {
            assert.ok(code.includes(`'setContext', '${key}'`), `${step.id}: the extension never sets the context key ${key}`);
            assert.ok(code.includes(`kind: '${value}'`), `${step.id}: ${key} is never ${value}`);
          }
        } else assert.fail(`${step.id}: unexpected completion event ${event}`);
      }
    }
  });

  it("runs real commands from its buttons and its pages' links; its `when` clauses read the extension's state", () => {
    for (const step of walkthrough().steps) {
      const page = step.media.markdown ? fs.readFileSync(path.join(extension().extensionPath, step.media.markdown), 'utf8') : '';
      const links = [...commandLinks(step.description), ...commandLinks(page)];
      assert.ok(commandLinks(step.description).length > 0, `${step.id} has no button`);
      for (const id of links) assert.ok(commands.has(id), `${step.id}: [${id}] is not a registered command`);
      if (step.when) assert.match(step.when, /^cln\.state (==|!=) (signedIn|demo|signedOut)$/, step.id);
    }
    const variants = walkthrough().steps.filter((step) => step.title === 'Register a license');
    assert.deepStrictEqual(
      variants.map((step) => step.when),
      ['cln.state != signedIn', 'cln.state == signedIn'],
      'one Register step shows in every state',
    );
  });

  it('opens with CLN: Get Started', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('cln.openWalkthrough');
    const walkthroughTab = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => /Welcome|Walkthrough/i.test(tab.label));
    await waitFor(() => walkthroughTab() !== undefined, 'the walkthrough editor', 10_000);
    assert.ok(walkthroughTab()!.isActive, 'the walkthrough is the active editor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
