/**
 * The layering rules fire: each planted snippet breaks one boundary (or keeps to it) and
 * ESLint, run through its Node API with the project's own eslint.config.mjs, says so.
 * The files need not exist; ESLint lints the text as if it lived at that path.
 */
import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../..');

describe('lint: import boundaries (eslint.config.mjs)', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: ROOT });

  async function problems(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
  }

  const cases: { name: string; file: string; code: string; rule: string; says: RegExp }[] = [
    { name: 'src/cln importing vscode', file: 'src/cln/planted.ts', code: "import * as vscode from 'vscode';\nexport const planted = vscode;\n", rule: 'no-restricted-imports', says: /vscode-free/ },
    { name: 'src/services importing vscode', file: 'src/services/planted.ts', code: "import type { Uri } from 'vscode';\nexport type Planted = Uri;\n", rule: 'no-restricted-imports', says: /vscode-free/ },
    { name: 'src/explorer importing vscode', file: 'src/explorer/planted.ts', code: "import { TreeItem } from 'vscode';\nexport const planted = TreeItem;\n", rule: 'no-restricted-imports', says: /vscode-free/ },
    { name: 'src/cln importing an adapter', file: 'src/cln/planted.ts', code: "import { treeItemFor } from '../views/treeItems';\nexport const planted = treeItemFor;\n", rule: 'layers/boundaries', says: /src\/cln\/planted\.ts is vscode-free.*src\/views\/treeItems/ },
    { name: 'src/cln importing services (a layer above)', file: 'src/cln/planted.ts', code: "import type { AccountService } from '../services/account';\nexport type Planted = AccountService;\n", rule: 'layers/boundaries', says: /may import only src\/cln,/ },
    { name: 'src/services importing the shared UI plumbing', file: 'src/services/planted.ts', code: "import { reportError } from '../ui/registerCommand';\nexport const planted = reportError;\n", rule: 'layers/boundaries', says: /vscode-free.*src\/ui\/registerCommand/ },
    { name: 'src/explorer re-exporting from a view', file: 'src/explorer/planted.ts', code: "export { treeItemFor } from '../views/treeItems';\n", rule: 'layers/boundaries', says: /vscode-free/ },
    { name: 'views importing commands', file: 'src/views/planted.ts', code: "import { FAMILY_NAMES } from '../commands/common/describe';\nexport const planted = FAMILY_NAMES;\n", rule: 'layers/boundaries', says: /src\/views\/planted\.ts is a VS Code adapter.*src\/commands\/common\/describe/ },
    { name: 'webviews importing commands', file: 'src/webviews/planted.ts', code: "import { registerAccountCommands } from '../commands';\nexport const planted = registerAccountCommands;\n", rule: 'layers/boundaries', says: /VS Code adapter/ },
    { name: 'status importing views (a type is an import too)', file: 'src/status/planted.ts', code: "import type { ExplorerViews } from '../views/explorerViews';\nexport type Planted = ExplorerViews;\n", rule: 'layers/boundaries', says: /VS Code adapter/ },
    { name: 'an adapter importing the wiring', file: 'src/status/planted.ts', code: "import type { Health } from '../api';\nexport type Planted = Health;\n", rule: 'layers/boundaries', says: /src\/api/ },
    { name: 'a new adapter folder, nested, importing another adapter', file: 'src/editors/deep/planted.ts', code: "import type { StatusBar } from '../../status/statusBar';\nexport type Planted = StatusBar;\n", rule: 'layers/boundaries', says: /src\/editors\/deep\/planted\.ts is a VS Code adapter/ },
    { name: 'webview client importing extension code', file: 'src/webviews/client/planted.ts', code: "import { AwpReportPanel } from '../awpReportPanel';\nexport const planted = AwpReportPanel;\n", rule: 'layers/boundaries', says: /Webview client code/ },
    { name: 'webview client importing services', file: 'src/webviews/client/planted.ts', code: "import type { Session } from '../../services/session';\nexport type Planted = Session;\n", rule: 'layers/boundaries', says: /Webview client code/ },
    { name: 'webview client importing vscode', file: 'src/webviews/client/planted.ts', code: "import * as vscode from 'vscode';\nexport const planted = vscode;\n", rule: 'no-restricted-imports', says: /webview/ },
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
    { name: 'an adapter importing vscode, the explorer and the UI plumbing', file: 'src/editors/planted.ts', code: "import * as vscode from 'vscode';\nimport { describeNode } from '../explorer/kinds';\nimport { registerClnCommand } from '../ui/registerCommand';\nexport const planted = [vscode, describeNode, registerClnCommand];\n" },
    { name: 'an adapter importing its own folder from a sub-folder', file: 'src/commands/common/planted.ts', code: "import { createGroup } from '../groups';\nexport const planted = createGroup;\n" },
    { name: 'webview client importing the shared protocol and catalog', file: 'src/webviews/client/planted.ts', code: "import { readQuery } from '../awpProtocol';\nimport { AWP_PRODUCTS } from '../../cln/catalog';\nimport { h } from './dom';\nexport const planted = [readQuery, AWP_PRODUCTS, h];\n" },
    { name: 'the wiring importing every adapter', file: 'src/planted.ts', code: "import { ExplorerViews } from './views/explorerViews';\nimport { StatusBar } from './status/statusBar';\nexport const planted = [ExplorerViews, StatusBar];\n" },
  ];

  for (const c of allowed) {
    it(`allows ${c.name}`, async () => {
      assert.deepStrictEqual(await problems(c.file, c.code), []);
    });
  }
});
