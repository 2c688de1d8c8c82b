// The controls the manifest shows, read as VS Code reads them: each `when` clause evaluated over every
// state the extension can be in. A view's title bar shows at most four actions (the `navigation`
// group; the rest go under "…", so the view's name stays readable), and the palette shows only what
// applies now (in the demo: no Sign Out of a real account, no Resume with nothing to resume, nothing
// that needs a tree row).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

interface MenuEntry {
  command?: string;
  submenu?: string;
  when?: string;
  group?: string;
}
type Context = Record<string, string | boolean | undefined>;

const extension = () => vscode.extensions.getExtension(EXTENSION_ID)!;
const contributes = () => extension().packageJSON.contributes as { menus: Record<string, MenuEntry[]>; views: Record<string, { id: string }[]>; commands: { command: string }[] };

/**
 * A `when` clause as VS Code evaluates it, for the grammar the manifest uses: keys, `!`, `==`, `!=`,
 * `=~ /regex/`, `&&`, `||` and parentheses (`&&` binds tighter than `||`).
 */
export function evaluateWhen(when: string | undefined, context: Context): boolean {
  if (!when) return true;
  const tokens = when.match(/\/(?:\\.|[^/])+\/[a-z]*|&&|\|\||==|!=|=~|!|\(|\)|[^\s()!=&|]+/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const value = (key: string) => (key === 'true' ? true : key === 'false' ? false : context[key]);
  function or(): boolean {
    let result = and();
    while (peek() === '||') {
      next();
      result = and() || result;
    }
    return result;
  }
  function and(): boolean {
    let result = unary();
    while (peek() === '&&') {
      next();
      result = unary() && result;
    }
    return result;
  }
  function unary(): boolean {
    if (peek() === '!') {
      next();
      return !unary();
    }
    if (peek() === '(') {
      next();
      const result = or();
      assert.strictEqual(next(), ')', `")" expected in ${when}`);
      return result;
    }
    const key = next();
    const op = peek();
    if (op === '==' || op === '!=') {
      next();
      const equal = String(value(key) ?? '') === next();
      return op === '==' ? equal : !equal;
    }
    if (op === '=~') {
      next();
      const [, source, flags] = /^\/(.*)\/([a-z]*)$/.exec(next()) ?? [];
      return new RegExp(source, flags).test(String(value(key) ?? ''));
    }
    return Boolean(value(key));
  }
  const result = or();
  assert.strictEqual(at, tokens.length, `the whole of "${when}" is read`);
  return result;
}

/** The views' ids, which clauses compare `view` with (values, not keys). */
const VIEW_IDS = /^cln\.(licenses|groups|allServers|activity)$/;

/** Every combination of the extension's states and the on/off keys these clauses name. */
function statesOf(clauses: readonly (string | undefined)[], fixed: Context = {}): Context[] {
  const keys = new Set<string>();
  for (const when of clauses) for (const [key] of (when ?? '').matchAll(/\bcln\.[\w.]+/g)) if (key !== 'cln.state' && !VIEW_IDS.test(key) && !(key in fixed)) keys.add(key);
  let states: Context[] = (['signedOut', 'signedIn', 'demo'] as const).map((state) => ({ ...fixed, 'cln.state': state }));
  for (const key of keys) states = states.flatMap((state) => [true, false].map((on) => ({ ...state, [key]: on })));
  return states;
}

const describeState = (state: Context) =>
  Object.entries(state)
    .filter(([, value]) => value !== false)
    .map(([key, value]) => (value === true ? key : `${key}=${value}`))
    .join(', ');

/** The commands the palette lists in a state: every contributed command unless its `commandPalette` entry's clause is false. */
function paletteIn(state: Context): string[] {
  const { commands, menus } = contributes();
  return commands.map((c) => c.command).filter((id) => menus.commandPalette.filter((e) => e.command === id).every((e) => evaluateWhen(e.when, state)));
}

describe('menus: what the title bars and the palette show', () => {
  it('reads when clauses as VS Code does', () => {
    const state = { view: 'cln.licenses', 'cln.state': 'demo', 'cln.filterActive': false, viewItem: 'ipLicense removable updatable' };
    assert.strictEqual(evaluateWhen('(view == cln.licenses || view == cln.groups) && cln.state != signedOut && !cln.filterActive', state), true);
    assert.strictEqual(evaluateWhen('view == cln.groups || cln.state == signedIn', state), false);
    assert.strictEqual(evaluateWhen('viewItem =~ /^ipLicense\\b.*\\bupdatable\\b/ && !listMultiSelection', state), true);
    assert.strictEqual(evaluateWhen('a || b && c', { a: true, b: false, c: false }), true);
    assert.strictEqual(evaluateWhen('false', state), false);
  });

  it('shows at most four actions in the title bar of each view, in every state (the rest under "…")', () => {
    const { menus, views } = contributes();
    const entries = menus['view/title'];
    for (const view of Object.values(views).flat()) {
      const navigation = entries.filter((e) => (e.group ?? '').startsWith('navigation'));
      let widest: string[] = [];
      for (const state of statesOf(
        navigation.map((e) => e.when),
        { view: view.id },
      )) {
        const shown = navigation.filter((e) => evaluateWhen(e.when, state)).map((e) => e.command ?? e.submenu ?? '?');
        assert.ok(shown.length <= 4, `${view.id} shows ${shown.length} title-bar actions when ${describeState(state)}: ${shown.join(', ')}`);
        if (shown.length > widest.length) widest = shown;
      }
      console.log(`      ${view.id}: at most ${widest.length} title-bar actions (${widest.join(', ')})`);
    }
  });

  it('in the demo, the palette offers neither Sign Out of a real account nor Resume with nothing to resume', () => {
    const demo = { 'cln.state': 'demo', 'cln.hasAccounts': false, 'cln.hasInterruptedRun': false };
    const shown = paletteIn(demo);
    for (const hidden of ['cln.signOut', 'cln.resumeRun', 'cln.switchAccount', 'cln.useDemoData', 'cln.manageApiToken']) assert.ok(!shown.includes(hidden), `${hidden} is in the demo's palette`);
    for (const offered of ['cln.leaveDemo', 'cln.signIn', 'cln.find', 'cln.filter', 'cln.registerIpLicense']) assert.ok(shown.includes(offered), `${offered} is not in the demo's palette`);
    assert.ok(paletteIn({ ...demo, 'cln.hasInterruptedRun': true }).includes('cln.resumeRun'), 'Resume is offered when a run was cut off');
    const signedIn = paletteIn({ 'cln.state': 'signedIn', 'cln.hasAccounts': true });
    assert.ok(signedIn.includes('cln.signOut') && !signedIn.includes('cln.leaveDemo'), 'signed in: Sign Out, not Leave Demo Data');
    const signedOut = paletteIn({ 'cln.state': 'signedOut' });
    assert.deepStrictEqual(
      signedOut.filter((id) => ['cln.signOut', 'cln.leaveDemo', 'cln.find', 'cln.refresh', 'cln.switchAccount'].includes(id)),
      [],
      'signed out with no account: nothing that needs one',
    );
    console.log(`      "CLN:" commands in the palette: demo ${shown.length}, signed in ${signedIn.length}, signed out ${signedOut.length} (of ${contributes().commands.length})`);
  });

  it('keeps commands that act on a tree row and do not ask for one out of the palette', () => {
    const shown = paletteIn({ 'cln.state': 'signedIn', 'cln.hasAccounts': true });
    const rowOnly = [
      'cln.copyValue',
      'cln.copyIp',
      'cln.copyKey',
      'cln.retry',
      'cln.loadMore',
      'cln.activityShowMore',
      'cln.removeIpLicenses',
      'cln.removeKeys',
      'cln.addServerToGroup',
      'cln.checkInCln',
    ];
    assert.deepStrictEqual(
      shown.filter((id) => rowOnly.includes(id)),
      [],
    );
  });

  it('names only context keys the extension sets', () => {
    const { menus } = contributes();
    const code = sources().join('\n');
    const keys = new Set<string>();
    for (const entries of Object.values(menus)) for (const e of entries) for (const [key] of (e.when ?? '').matchAll(/\bcln\.[\w.]+/g)) if (!VIEW_IDS.test(key)) keys.add(key);
    for (const key of keys) {
      const [, view, rest] = /^cln\.(licenses|groups|servers)\.(\w+)$/.exec(key) ?? [];
      const set = view ? code.includes(`\`cln.\${tree.model.view}.${rest}\``) : code.includes(`'setContext', '${key}'`);
      assert.ok(set, `a when clause names ${key}, which the extension never sets`);
    }
  });
});

/** Every `*.ts` file under src/. */
function sources(dir = path.join(extension().extensionPath, 'src')): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [fs.readFileSync(path.join(dir, entry.name), 'utf8')] : []));
}
