/**
 * The manifest's user-visible text is in package.nls.json (issue 14): scripts/nls.mjs --check
 * passes on the real package.json, fails on a planted plain string or a missing key, and the
 * conversion (`npm run nls`) moves a newly added entry's text and is idempotent.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'nls.mjs');

function nls(root: string, ...args: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [SCRIPT, '--root', root, ...args], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('manifest text in package.nls.json (scripts/nls.mjs)', function () {
  this.timeout(30_000);
  let dir: string;
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const write = (file: string, value: unknown) => fs.writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cln-nls-'));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    fs.copyFileSync(path.join(ROOT, 'package.nls.json'), path.join(dir, 'package.nls.json'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds no plain user-visible string in package.json and every %key% in package.nls.json', () => {
    const r = nls(ROOT, '--check');
    assert.strictEqual(r.code, 0, r.out);
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
    const signIn = manifest.contributes.commands.find((c: { command: string }) => c.command === 'cln.signIn');
    assert.deepStrictEqual([signIn.title, signIn.category], ['%command.cln.signIn.title%', '%category.cln%']);
    assert.deepStrictEqual([bundle['command.cln.signIn.title'], bundle['category.cln']], ['Sign In', 'CLN']);
  });

  it('flags a plain command title, a setting description and a welcome text others added, then moves them', () => {
    const manifest = read('package.json');
    manifest.contributes.commands.push({ command: 'cln.planted', title: 'Planted Command', category: 'CLN' });
    manifest.contributes.configuration[0].properties['cln.planted'] = { type: 'string', default: 'x', description: 'A planted setting.', enum: ['x', 'y'], enumDescriptions: ['Ex', 'Why'] };
    // Keyed by its place among the view's welcome entries (after those the manifest already has).
    const plantedWelcome = manifest.contributes.viewsWelcome.filter((w: { view: string }) => w.view === 'cln.groups').length;
    manifest.contributes.viewsWelcome.push({ view: 'cln.groups', contents: 'Planted welcome.', when: 'false' });
    write('package.json', manifest);

    const check = nls(dir, '--check');
    assert.strictEqual(check.code, 1);
    assert.match(check.out, /plain text where "%command\.cln\.planted\.title%" belongs: "Planted Command"/);
    assert.match(check.out, /"%config\.cln\.planted\.description%"/);
    assert.match(check.out, /"%config\.cln\.planted\.enumDescriptions\.1%"/);
    assert.match(check.out, /plain text where "%category\.cln%" belongs: "CLN"/, 'the category shares the key the other commands use');

    assert.match(nls(dir).out, /6 string\(s\) moved/);
    const after = read('package.json');
    const bundle = read('package.nls.json');
    const planted = after.contributes.commands.find((c: { command: string }) => c.command === 'cln.planted');
    assert.deepStrictEqual([planted.title, planted.category], ['%command.cln.planted.title%', '%category.cln%']);
    assert.strictEqual(bundle['command.cln.planted.title'], 'Planted Command');
    assert.strictEqual(bundle['config.cln.planted.enumDescriptions.0'], 'Ex');
    assert.strictEqual(bundle[`viewsWelcome.cln.groups.${plantedWelcome}.contents`], 'Planted welcome.');
    assert.strictEqual(nls(dir, '--check').code, 0);

    // Again: nothing to do, nothing rewritten.
    const before = [fs.readFileSync(path.join(dir, 'package.json'), 'utf8'), fs.readFileSync(path.join(dir, 'package.nls.json'), 'utf8')];
    assert.match(nls(dir).out, /0 string\(s\) moved/);
    assert.deepStrictEqual([fs.readFileSync(path.join(dir, 'package.json'), 'utf8'), fs.readFileSync(path.join(dir, 'package.nls.json'), 'utf8')], before);
  });

  it('flags a %key% that package.nls.json lacks and a key nothing uses', () => {
    const bundle = read('package.nls.json');
    delete bundle['command.cln.signOut.title'];
    bundle['command.cln.gone.title'] = 'Gone';
    write('package.nls.json', bundle);
    const check = nls(dir, '--check');
    assert.strictEqual(check.code, 1);
    assert.match(check.out, /refers to %command\.cln\.signOut\.title%, which package\.nls\.json does not define/);
    assert.match(check.out, /defines "command\.cln\.gone\.title", which package\.json does not use/);
  });

  it('re-keys nothing when a rebase brings back the plain text of an entry already moved', () => {
    const manifest = read('package.json');
    manifest.contributes.commands.find((c: { command: string }) => c.command === 'cln.signIn').title = 'Sign In';
    write('package.json', manifest);
    nls(dir);
    const after = read('package.json');
    assert.strictEqual(after.contributes.commands.find((c: { command: string }) => c.command === 'cln.signIn').title, '%command.cln.signIn.title%');
    assert.strictEqual(read('package.nls.json')['command.cln.signIn.title'], 'Sign In');
    assert.strictEqual(nls(dir, '--check').code, 0);
  });
});
