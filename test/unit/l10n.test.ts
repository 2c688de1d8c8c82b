/**
 * Translatable text (issue 14.5): the lint rule that finds hard-coded user-visible strings
 * (scripts/eslint/l10n.mjs) flags what it must and passes what it must; the English bundle
 * (l10n/bundle.l10n.json) is what the sources call for; and a translation configured once
 * reaches every feature: the extension is one bundle with one copy of @vscode/l10n.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RuleTester } from 'eslint';
import { plantingEslint } from './support/eslint';
import tseslint from 'typescript-eslint';

const ROOT = path.resolve(__dirname, '../../..');
/** tsc turns import() into require(); these modules are ES modules. */
const importEsm = (file: string): Promise<any> => new Function('s', 'return import(s)')(require('url').pathToFileURL(file).href);

describe('l10n: no hard-coded user-visible text (scripts/eslint/l10n.mjs)', function () {
  this.timeout(60_000);
  let rule: any;
  before(async () => {
    rule = (await importEsm(path.join(ROOT, 'scripts/eslint/l10n.mjs'))).default.rules['no-hardcoded-text'];
  });

  it('flags text where users read it and passes ids, codicons, logs and translated text', () => {
    const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as any } });
    const literal = () => ({ messageId: 'literal' });
    // Cases run inside a function (where text is shown), except those about the module level.
    const inFunction = (code: string) => (/FAMILIES|EMPTY|RETRY|class A/.test(code) ? code : `export function shown() {\n${code}\n}`);
    tester.run('no-hardcoded-text', rule, {
      valid: [
        // translated, in adapters and in vscode-free layers
        "vscode.window.showInformationMessage(vscode.l10n.t('Removed {0}.', ip));",
        "throw new ClnError('api', l10n.t('CLN could not {0}: {1}', title, message));",
        "vscode.window.showWarningMessage(vscode.l10n.t('Remove {0}?', ip), { modal: true }, vscode.l10n.t('Remove'));",
        "const item = { label: l10n.t('Created'), detail: l10n.t('Newest first') };",
        "item.tooltip = new vscode.MarkdownString(l10n.t('**Key** {0}', key));",
        // no words: codicons alone, punctuation, separators between translated parts, numbers
        "item.label = '$(sync~spin)';",
        'const row = { description: `${age} · ${usage}` };',
        'status.text = `$(cloud) ${count}`;',
        "const a = { label: '—' };",
        // ids and other machine text, even in a watched property
        "const cmd = { title: l10n.t('Refresh'), command: 'cln.refresh' };",
        "const node = { label: name, description: 'cln.licenses' };",
        "const x = { text: 'https://cln.cloudlinux.com/' };",
        "const y = { message: 'secondary-button' };",
        "const z = { title: 'awpReport' };",
        // log-only text and places no user reads
        "log.info('request sent to CLN');",
        "const kind = 'network'; const m = new Map([['a', 'Some words']]);",
        "if (x) throw new RangeError('max must be at least 1');",
        // discriminants and id tables marked as const
        "const choice = { label: l10n.t('Replace'), action: 'replace' as const };",
        "const icon = { error: ['error', red], empty: ['info', undefined] } as const;",
        // a call stops the search: helpers that translate themselves
        "const row = { label: describeNode(node), tooltip: plural(n, 'server') ?? l10n.t('none') };",
        // validateInput returning a translated message or undefined
        "prompter.input({ title: l10n.t('IP'), validateInput: (v) => (v ? undefined : l10n.t('Enter an IP.')) });",
        // l10n.t with a literal message or an object with comment
        "const f = () => l10n.t({ message: 'Remove', comment: ['button'] });",
        // inside a function or a getter it runs when the text is shown
        "const FAMILIES = { ip: { get empty() { return l10n.t('No IP licenses'); } } };",
        "class A { label = l10n.t('Refresh'); }",
        // vscode.l10n has the extension's bundle before its modules load
        "export const RETRY = { title: vscode.l10n.t('Retry'), command: 'cln.refresh' };",
      ].map(inFunction),
      invalid: [
        { code: "vscode.window.showInformationMessage('Removed the license.');", errors: [literal()] },
        { code: 'vscode.window.showErrorMessage(`Could not remove ${ip}.`);', errors: [literal()] },
        { code: "vscode.window.showWarningMessage(vscode.l10n.t('Remove {0}?', ip), { modal: true }, 'Remove');", errors: [literal()] },
        { code: "vscode.window.showWarningMessage(l10n.t('Sure?'), { modal: true, detail: 'This cannot be undone.' });", errors: [literal()] },
        { code: "vscode.window.showQuickPick(['Yes', 'No'], { placeHolder: 'Choose' });", errors: [literal(), literal(), literal()] },
        { code: "vscode.window.withProgress({ location: 15, title: 'Removing licenses…' }, run);", errors: [literal()] },
        { code: "const box = vscode.window.createInputBox(); box.prompt = 'Enter an IP'; box.validationMessage = bad ? 'Not an IP' : undefined;", errors: [literal(), literal()] },
        { code: 'item.description = `${n} servers`;', errors: [literal()] },
        { code: "const look = { label: ip, description: registered ? 'registered' : '⚠ not registered' };", errors: [literal(), literal()] },
        { code: "const t = new vscode.TreeItem('Loading…');", errors: [literal()] },
        { code: "const look = { fields: [['Key', key.key], [l10n.t('Note'), key.note]], warn: `Over its limit: ${n}` };", errors: [literal(), literal()] },
        { code: 'md.appendMarkdown(`**Created** ${date}`);', errors: [literal()] },
        { code: "throw new ClnError('network', `Could not reach CLN at ${url}.`);", errors: [literal()] },
        { code: "throw new Error('The journal could not be written.');", errors: [literal()] },
        { code: "prompter.notify('info', 'Copied.', 'Show Log');", errors: [literal(), literal()] },
        { code: "prompter.confirm({ message: l10n.t('Remove?'), action: 'Remove' });", errors: [literal()] },
        // a plural glued from pieces is still hard-coded
        { code: "const x = { title: `${n} server${n === 1 ? '' : 's'}` };", errors: [literal(), literal()] },
        { code: "const x = { label: l10n.t('Server') + ' ' + 'group' };", errors: [literal()] },
        { code: "const x = { text: label ?? 'Unnamed' };", errors: [literal()] },
        { code: "const box = { validateInput: (v: string) => { if (!v) return 'Required.'; return undefined; } };", errors: [literal()] },
        { code: 'const validateInput = (v: string) => (v ? undefined : `Enter a value`);', errors: [literal()] },
        // the key may not be built at run time
        { code: 'l10n.t(`Removed ${ip}.`);', errors: [{ messageId: 'dynamicKey' }] },
        { code: "vscode.l10n.t('Removed ' + ip);", errors: [{ messageId: 'dynamicKey' }] },
        // at module level it runs before activation configures the translations
        { code: "export const EMPTY = l10n.t('No backups');", errors: [{ messageId: 'moduleLevel' }] },
        { code: "const FAMILIES = { ip: { empty: l10n.t('No IP licenses') } };", errors: [{ messageId: 'moduleLevel' }] },
      ].map((c) => ({ ...c, code: inFunction(c.code) })),
    });
  });

  it('in webview page code, flags text in elements, buttons and aria-labels', () => {
    const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as any } });
    tester.run('no-hardcoded-text (page)', rule, {
      valid: [
        { code: "h('h2', { id: 'trend-title', class: 'trend' }, S.trend);", options: [{ page: true }] },
        { code: "button(S.refresh, refresh, { class: 'secondary', 'aria-label': S.previousMonth });", options: [{ page: true }] },
        { code: 'status.textContent = format(S.refreshing, month);', options: [{ page: true }] },
        { code: "h('span', { class: 'missing' }, '—');", options: [{ page: true }] },
        { code: "post({ type: 'load', message: 'not shown' });", options: [{ page: true }] },
      ],
      invalid: [
        { code: "h('h2', { id: 'trend-title' }, 'Twelve-month trend');", options: [{ page: true }], errors: [{ messageId: 'pageLiteral' }] },
        { code: "button('Refresh', refresh, { title: 'Fetch the month again' });", options: [{ page: true }], errors: [{ messageId: 'pageLiteral' }, { messageId: 'pageLiteral' }] },
        { code: "h('ul', { 'aria-label': 'CDN entities per limit type' });", options: [{ page: true }], errors: [{ messageId: 'pageLiteral' }] },
        { code: 'heading.textContent = `AccelerateWP Billing — ${month}`;', options: [{ page: true }], errors: [{ messageId: 'pageLiteral' }] },
      ],
    });
  });
});

describe('l10n: the project config holds the rule over all of src/ (eslint.config.mjs)', function () {
  this.timeout(60_000);
  const planted = "import * as vscode from 'vscode';\nexport function shown(): void {\n  void vscode.window.showInformationMessage('Removed the license.');\n}\n";
  const rulesFired = async (file: string, code: string) => {
    const [result] = await plantingEslint(ROOT).lintText(code, { filePath: path.join(ROOT, file) });
    return result.messages.map((m) => m.ruleId);
  };
  for (const file of ['src/features/keys/planted.ts', 'src/features/tree/planted.ts', 'src/editors/deep/planted.ts', 'src/newAdapter/planted.ts', 'src/planted.ts']) {
    it(`flags hard-coded text in ${file}`, async () => {
      assert.ok((await rulesFired(file, planted)).includes('l10n/no-hardcoded-text'));
    });
  }
  it('flags text in a vscode-free folder and in webview page code', async () => {
    assert.ok((await rulesFired('src/services/planted.ts', "export const f = () => { throw new Error('The journal could not be written.'); };\n")).includes('l10n/no-hardcoded-text'));
    assert.ok((await rulesFired('src/features/awpReport/page/planted.ts', "import { h } from './dom';\nexport const f = () => h('p', {}, 'Nothing found');\n")).includes('l10n/no-hardcoded-text'));
  });
  it('leaves the simulator alone (it plays CLN, whose text is not ours)', async () => {
    assert.ok(!(await rulesFired('src/sim/planted.ts', "export const f = () => ({ message: 'Server not found' });\n")).includes('l10n/no-hardcoded-text'));
  });
});

describe('l10n: the English bundle and the shared translations', function () {
  this.timeout(60_000);

  it('l10n/bundle.l10n.json holds exactly the messages the sources call for (else: npm run l10n)', async () => {
    const { extract, serialize, BUNDLE } = await importEsm(path.join(ROOT, 'scripts/l10n.mjs'));
    const wanted = await extract();
    const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
    const have = current ? Object.keys(JSON.parse(current)) : [];
    const missing = Object.keys(wanted).filter((k) => !have.includes(k));
    const stale = have.filter((k) => !(k in wanted));
    assert.deepStrictEqual({ missing, stale }, { missing: [], stale: [] }, 'l10n/bundle.l10n.json is out of date: run `npm run l10n`');
    assert.strictEqual(current, serialize(wanted), 'l10n/bundle.l10n.json is not in the form `npm run l10n` writes: run it');
  });

  it('the extractor finds l10n.t from @vscode/l10n and vscode.l10n.t alike', async () => {
    const { getL10nJson } = await importEsm(require.resolve('@vscode/l10n-dev'));
    const json = await getL10nJson([
      { extension: '.ts', contents: "import * as l10n from '@vscode/l10n';\nexport const a = () => l10n.t('Removed {0}.', 'x');\n" },
      { extension: '.ts', contents: "import * as vscode from 'vscode';\nexport const b = () => vscode.l10n.t('Sign in to CLN');\n" },
    ]);
    assert.deepStrictEqual(Object.keys(json).sort(), ['Removed {0}.', 'Sign in to CLN']);
  });

  it('the extension is one bundle: @vscode/l10n, configured at activation, is the copy every feature translates with', function () {
    const dist = path.join(ROOT, 'dist');
    if (!fs.existsSync(path.join(dist, 'extension.js'))) this.skip();
    const withLibrary = fs
      .readdirSync(dist)
      // sim-cli.js is `npm run sim`, a process of its own.
      .filter((f) => f.endsWith('.js') && f !== 'sim-cli.js')
      .filter((f) => fs.readFileSync(path.join(dist, f), 'utf8').includes('expected a string as the first argument to l10n.t'));
    assert.deepStrictEqual(withLibrary, ['extension.js'], 'no second bundle carries its own copy of @vscode/l10n');
  });
});
