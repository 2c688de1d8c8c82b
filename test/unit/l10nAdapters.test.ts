/**
 * The adapters' text (issue 14.5): the "no hard-coded user-visible string" rule holds in every
 * VS Code adapter folder, through the project's own eslint.config.mjs, including the commands'
 * helpers (tell, stop, withProgress); text wrapped in vscode.l10n.t passes.
 */
import * as assert from 'assert';
import * as path from 'path';
import { plantingEslint } from './support/eslint';

const ROOT = path.resolve(__dirname, '../../..');
const RULE = 'l10n/no-hardcoded-text';

describe('l10n: the adapters hold no hard-coded user-visible text (eslint.config.mjs)', function () {
  this.timeout(60_000);
  const eslint = plantingEslint(ROOT);
  const flagged = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result.messages.filter((m) => m.ruleId === RULE).length;
  };

  const planted: [string, string][] = [
    ['src/features/keys/planted.ts', "import { tell } from '../../ui/notify';\nexport const planted = (context: any) => tell(context, 'info', 'Removed the license.');\n"],
    ['src/ui/planted.ts', "import { stop } from './notify';\nexport const planted = (context: any) => stop(context, 'This account has no backups.');\n"],
    ['src/features/keys/planted.ts', "import { withProgress } from '../../ui/progress';\nexport const planted = () => withProgress(`Checking ${'x'}…`, async () => 1);\n"],
    ['src/features/tree/planted.ts', "import * as vscode from 'vscode';\nexport const planted = new vscode.TreeItem('Load more');\n"],
    ['src/features/status/planted.ts', "import * as vscode from 'vscode';\nexport const planted = (item: vscode.StatusBarItem) => { item.tooltip = 'CLN is down'; };\n"],
    ['src/editors/planted.ts', "import * as vscode from 'vscode';\nexport const planted = () => new vscode.MarkdownString('No license for this address');\n"],
    ['src/ui/planted.ts', "import * as vscode from 'vscode';\nexport const planted = () => vscode.window.showErrorMessage('Could not complete the command');\n"],
    ['src/features/chat/planted.ts', "import * as vscode from 'vscode';\nexport const planted = () => ({ invocationMessage: 'x', message: 'Counting the account' });\n"],
    ['src/planted.ts', "import * as vscode from 'vscode';\nexport const planted = () => vscode.window.showWarningMessage('CLN Explorer could not start');\n"],
  ];
  for (const [file, code] of planted) {
    it(`flags plain text in ${file}: ${code.split('\n')[1].slice(0, 70)}`, async () => {
      assert.ok((await flagged(file, code)) > 0, `expected ${RULE} to flag ${file}`);
    });
  }

  it('passes the same text through vscode.l10n.t, and ids, codicons and log lines as they are', async () => {
    const code = [
      "import * as vscode from 'vscode';",
      "import { tell } from '../../ui/notify';",
      "export const a = (context: any, ip: string) => tell(context, 'info', vscode.l10n.t('Removed {0}.', ip));",
      "export const b = new vscode.TreeItem(vscode.l10n.t('Load more'));",
      "export const c = { title: vscode.l10n.t('Retry'), command: 'cln.refresh' };",
      "export const d = (log: any) => log.info('cln.plan: planned');",
      "export const e = { label: `$(edit) ${vscode.l10n.t('Other type…')}` };",
    ].join('\n');
    assert.strictEqual(await flagged('src/features/keys/planted.ts', code), 0);
  });
});
