/**
 * The layering rules fire: each planted snippet breaks one boundary (or keeps to it) and
 * ESLint, run through its Node API with the project's own eslint.config.mjs, says so.
 * The files need not exist; ESLint lints the text as if it lived at that path.
 */
import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';
import { plantingEslint } from './support/eslint';

const ROOT = path.resolve(__dirname, '../../..');

describe('lint: import boundaries (eslint.config.mjs)', function () {
  this.timeout(60_000);
  const eslint = plantingEslint(ROOT);

  async function problems(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }

  const cases: { name: string; file: string; code: string; rule: string; says: RegExp }[] = [
    { name: 'src/cln importing vscode', file: 'src/cln/planted.ts', code: "import * as vscode from 'vscode';\nexport const planted = vscode;\n", rule: 'no-restricted-imports', says: /vscode-free/ },
    {
      name: 'src/services importing vscode',
      file: 'src/services/planted.ts',
      code: "import type { Uri } from 'vscode';\nexport type Planted = Uri;\n",
      rule: 'no-restricted-imports',
      says: /vscode-free/,
    },
    {
      name: 'src/explorer importing vscode',
      file: 'src/explorer/planted.ts',
      code: "import { TreeItem } from 'vscode';\nexport const planted = TreeItem;\n",
      rule: 'no-restricted-imports',
      says: /vscode-free/,
    },
    {
      name: "a feature's core importing vscode",
      file: 'src/features/cleanup/core/planted.ts',
      code: "import * as vscode from 'vscode';\nexport const planted = vscode;\n",
      rule: 'no-restricted-imports',
      says: /vscode-free/,
    },
    {
      name: 'src/cln importing a feature',
      file: 'src/cln/planted.ts',
      code: "import { treeItemFor } from '../features/tree/treeItems';\nexport const planted = treeItemFor;\n",
      rule: 'layers/boundaries',
      says: /src\/cln\/planted\.ts is vscode-free.*src\/features\/tree\/treeItems/,
    },
    {
      name: 'src/cln importing services (a layer above)',
      file: 'src/cln/planted.ts',
      code: "import type { AccountService } from '../services/accountService';\nexport type Planted = AccountService;\n",
      rule: 'layers/boundaries',
      says: /may import only src\/cln,/,
    },
    {
      name: 'src/services importing the shared UI plumbing',
      file: 'src/services/planted.ts',
      code: "import { reportError } from '../ui/registerCommand';\nexport const planted = reportError;\n",
      rule: 'layers/boundaries',
      says: /vscode-free.*src\/ui\/registerCommand/,
    },
    {
      name: 'src/explorer re-exporting from a feature',
      file: 'src/explorer/planted.ts',
      code: "export { treeItemFor } from '../features/tree/treeItems';\n",
      rule: 'layers/boundaries',
      says: /vscode-free/,
    },
    {
      name: "a feature's core importing its own adapter",
      file: 'src/features/cleanup/core/planted.ts',
      code: "import { disposeReport } from '../panel';\nexport const planted = disposeReport;\n",
      rule: 'layers/boundaries',
      says: /VS Code-free core of feature 'cleanup'.*src\/features\/cleanup\/panel/,
    },
    {
      name: "a feature's core importing the UI plumbing",
      file: 'src/features/accountFile/core/planted.ts',
      code: "import { tell } from '../../../ui/notify';\nexport const planted = tell;\n",
      rule: 'layers/boundaries',
      says: /VS Code-free core of feature 'accountFile'/,
    },
    {
      name: "a feature's core importing another feature's core",
      file: 'src/features/chat/core/planted.ts',
      code: "import { JSON_SCHEME } from '../../jsonView/core/json';\nexport const planted = JSON_SCHEME;\n",
      rule: 'layers/boundaries',
      says: /VS Code-free core of feature 'chat'/,
    },
    {
      name: 'a feature importing another feature',
      file: 'src/features/keys/planted.ts',
      code: "import { createGroup } from '../groups/commands';\nexport const planted = createGroup;\n",
      rule: 'layers/boundaries',
      says: /src\/features\/keys\/planted\.ts is feature 'keys'.*src\/features\/groups\/commands/,
    },
    {
      name: 'a feature importing another feature (a type is an import too)',
      file: 'src/features/status/planted.ts',
      code: "import type { ExplorerViews } from '../tree/explorerViews';\nexport type Planted = ExplorerViews;\n",
      rule: 'layers/boundaries',
      says: /feature 'status'/,
    },
    {
      name: 'a feature importing the wiring',
      file: 'src/features/status/planted.ts',
      code: "import type { PublicApi } from '../api';\nexport type Planted = PublicApi;\n",
      rule: 'layers/boundaries',
      says: /src\/features\/api/,
    },
    {
      name: 'the UI plumbing importing a feature',
      file: 'src/ui/planted.ts',
      code: "import type { StatusBar } from '../features/status/statusBar';\nexport type Planted = StatusBar;\n",
      rule: 'layers/boundaries',
      says: /shared UI plumbing/,
    },
    {
      name: 'a new adapter folder, nested, importing a feature',
      file: 'src/editors/deep/planted.ts',
      code: "import type { StatusBar } from '../../features/status/statusBar';\nexport type Planted = StatusBar;\n",
      rule: 'layers/boundaries',
      says: /src\/editors\/deep\/planted\.ts is a VS Code adapter/,
    },
    {
      name: 'a webview page importing its extension side',
      file: 'src/features/awpReport/page/planted.ts',
      code: "import { AwpReportPanel } from '../panel';\nexport const planted = AwpReportPanel;\n",
      rule: 'layers/boundaries',
      says: /Webview page code/,
    },
    {
      name: 'a webview page importing services',
      file: 'src/features/awpReport/page/planted.ts',
      code: "import type { Session } from '../../../services/session';\nexport type Planted = Session;\n",
      rule: 'layers/boundaries',
      says: /Webview page code/,
    },
    {
      name: 'a webview page importing vscode',
      file: 'src/features/cleanup/page/planted.ts',
      code: "import * as vscode from 'vscode';\nexport const planted = vscode;\n",
      rule: 'no-restricted-imports',
      says: /webview/,
    },
    {
      name: "a feature's adapter importing another feature's page",
      file: 'src/features/cleanup/planted.ts',
      code: "import { h } from '../awpReport/page/table';\nexport const planted = h;\n",
      rule: 'layers/boundaries',
      says: /feature 'cleanup'/,
    },
  ];

  for (const c of cases) {
    it(`flags ${c.name}`, async () => {
      const found = await problems(c.file, c.code);
      assert.ok(
        found.some((p) => p.startsWith(`${c.rule}: `) && c.says.test(p)),
        `expected ${c.rule} matching ${c.says} for ${c.file}, got ${JSON.stringify(found)}`,
      );
    });
  }

  const allowed: { name: string; file: string; code: string }[] = [
    { name: 'services importing the API client', file: 'src/services/planted.ts', code: "import { ClnClient } from '../cln/client';\nexport const planted = ClnClient;\n" },
    {
      name: "a feature's core importing the kernel and its own core",
      file: 'src/features/accountFile/core/planted.ts',
      code: "import { ClnClient } from '../../../cln/client';\nimport { describeNode } from '../../../explorer/kinds';\nimport { parseDesired } from './parse';\nexport const planted = [ClnClient, describeNode, parseDesired];\n",
    },
    {
      name: 'a feature importing vscode, the kernel, the UI plumbing and its own core',
      file: 'src/features/accountFile/planted.ts',
      code: "import * as vscode from 'vscode';\nimport { describeNode } from '../../explorer/kinds';\nimport { registerClnCommand } from '../../ui/registerCommand';\nimport { parseDesired } from './core/parse';\nexport const planted = [vscode, describeNode, registerClnCommand, parseDesired];\n",
    },
    {
      name: 'a webview page importing the page plumbing, its own core and the catalog',
      file: 'src/features/awpReport/page/planted.ts',
      code: "import { readQuery } from '../core/protocol';\nimport { AWP_PRODUCTS } from '../../../cln/catalog';\nimport { h } from '../../../ui/page/dom';\nexport const planted = [readQuery, AWP_PRODUCTS, h];\n",
    },
    {
      name: 'the feature table importing every feature',
      file: 'src/features/planted.ts',
      code: "import { tree } from './tree';\nimport { StatusBar } from './status/statusBar';\nexport const planted = [tree, StatusBar];\n",
    },
    {
      name: 'the wiring importing everything',
      file: 'src/planted.ts',
      code: "import { ExplorerViews } from './features/tree/explorerViews';\nimport { registerFeatures } from './features';\nexport const planted = [ExplorerViews, registerFeatures];\n",
    },
  ];

  for (const c of allowed) {
    it(`allows ${c.name}`, async () => {
      assert.deepStrictEqual(await problems(c.file, c.code), []);
    });
  }

  // Type-aware rules need the file in the TypeScript project: the planted text takes a real file's path.
  const typed = new ESLint({ cwd: ROOT });
  const typeAware: { name: string; code: string; rule: string }[] = [
    { name: 'a promise nobody awaits', code: 'async function send(): Promise<void> {}\nexport function planted(): void {\n  send();\n}\n', rule: '@typescript-eslint/no-floating-promises' },
    {
      name: 'a promise where a void callback is expected',
      code: 'export function planted(items: string[]): void {\n  items.forEach(async (item) => {\n    await Promise.resolve(item);\n  });\n}\n',
      rule: '@typescript-eslint/no-misused-promises',
    },
    { name: 'await on a value that is not a promise', code: 'export async function planted(): Promise<number> {\n  return await 1;\n}\n', rule: '@typescript-eslint/await-thenable' },
    { name: 'void on what returns nothing', code: 'function log(): void {}\nexport function planted(): void {\n  void log();\n}\n', rule: '@typescript-eslint/no-meaningless-void-operator' },
  ];
  for (const c of typeAware) {
    it(`flags ${c.name} (${c.rule}, type-aware)`, async () => {
      const [result] = await typed.lintText(c.code, { filePath: path.join(ROOT, 'src/services/wording.ts') });
      const rules = result.messages.map((m) => m.ruleId);
      assert.ok(rules.includes(c.rule), `expected ${c.rule}, got ${JSON.stringify(result.messages.map((m) => `${m.ruleId}: ${m.message}`))}`);
    });
  }
  it('passes a deliberate fire-and-forget marked with void (type-aware)', async () => {
    const [result] = await typed.lintText('async function send(): Promise<void> {}\nexport function planted(): void {\n  // Not awaited: nobody waits for it.\n  void send();\n}\n', {
      filePath: path.join(ROOT, 'src/services/wording.ts'),
    });
    assert.deepStrictEqual(
      result.messages.map((m) => m.ruleId),
      [],
    );
  });
});
