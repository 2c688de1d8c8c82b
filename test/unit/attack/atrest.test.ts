/**
 * Attack (issue 19 item 5): license keys are credentials at rest too. What the
 * extension keeps on disk is tried the way a key string could reach it: the
 * output channel's lines (VS Code writes them to a file) from real requests to
 * the simulator — keys in query strings and in paths, keys CLN answers with
 * (lists, a created key), keys CLN echoes in an error, keys in the messages
 * commands log afterwards, a key cut in two by the line limit — and the ids
 * the trees give their rows (VS Code may keep them with a view's state), the
 * `cln-json:` paths (kept with open editors), the filter kept in workspace state.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ClnClient, RequestLogEntry } from '../../../src/cln/client';
import { isClnError } from '../../../src/cln/errors';
import { fingerprint, KeyRing, keyId, revealsKey } from '../../../src/cln/keyPrint';
import { LogLines, MAX_LINE } from '../../../src/cln/logLines';
import { jsonPath } from '../../../src/features/jsonView/core/json';
import { describeNode } from '../../../src/explorer/kinds';
import type { ExplorerNode, TreeNode } from '../../../src/explorer/nodes';
import { TreeModel } from '../../../src/explorer/treeModel';
import { AccountService } from '../../../src/services/accountService';
import { Simulator, startSimulator } from '../../../src/sim';

const SIZE = {
  ipLicenses: 6,
  kcareKeys: 4,
  kcareServersPerKey: 3,
  imunifyKeys: 3,
  imunifyServersPerKey: 2,
  elsKeysPerCode: 1,
  elsServersPerKey: 1,
  backups: 1,
  groups: 1,
  serversPerGroup: 2,
  awpEntriesPerMonth: 1,
};

/** Every key string the simulator holds now. */
const keysOf = (sim: Simulator) => [...sim.state.kcareKeys, ...sim.state.imunifyKeys, ...sim.state.elsKeys].map((k) => k.key);

const leaked = (text: string, keys: Iterable<string>) => [...new Set(keys)].filter((key) => text.includes(key));

describe('attack: key strings at rest (issue 19 item 5)', function () {
  this.timeout(30_000);
  let sim: Simulator;
  let account: AccountService;
  let log: LogLines;
  let written: string[];

  beforeEach(async () => {
    sim = await startSimulator({ size: SIZE, seed: 1905 });
    log = new LogLines(() => [sim.credentials.secretKey]);
    written = [];
    const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, onRequest: (entry: RequestLogEntry) => written.push(log.request(entry)) });
    account = new AccountService(client, { maxConcurrent: 4 });
  });
  afterEach(async () => sim.close());

  /** What a command writes after an outcome (tell(), reportError()): through the same lines. */
  const logs = (text: string) => written.push(log.line(text));

  describe('the output channel', () => {
    it('a session that lists, creates, checks and removes keys writes no key string, only fingerprints', async () => {
      const ever = new Set(keysOf(sim));
      // Listed: the keys arrive in answers; servers listed under keys (the key in the query).
      const kcare = await account.read('kcare.key.list', {});
      const im = await account.read('im.key.list', {});
      for (const key of kcare) await account.read('kcare.key.servers', { key: key.key });
      for (const key of im) await account.read('im.srv.list', { key: key.key });
      // Created: the new key is only in the answer; the command then says so (notification and log).
      const created = await account.change('kcare.key.create', { limit: 2, note: 'at rest' });
      const imCreated = (await account.change('im.key.create', { code: '360_1', limit: 1 })).key;
      for (const key of keysOf(sim)) ever.add(key);
      logs(`Created KernelCare key ${created} (limit 2).`);
      logs(`The new key ${imCreated} was not found in the tree.`);
      // Checked: a key in the request path; CLN names the key in its answer.
      const check = await account.read('kcare.nagios.key', { key: created }).catch((error: unknown) => error);
      if (isClnError(check)) logs(`ERROR cln.checkKernelCareHealth: ${check.message}`);
      else logs(`KernelCare key ${created}: ${JSON.stringify(check)}`);
      // Removed, then removed again (CLN refuses), and a confirmation's words in the log.
      logs(`Remove ${describeNode({ kind: 'kcareKey', key: kcare[0] })} and its 3 servers?`);
      await account.change('kcare.key.delete', { key: kcare[0].key });
      const again = await account
        .change('im.key.remove', { key: im[0].key })
        .then(() => account.change('im.key.remove', { key: im[0].key }))
        .catch((error: unknown) => error);
      assert.ok(isClnError(again), 'CLN refuses to remove a key twice');
      logs(`ERROR cln.removeKey: ${again.message} (${im[0].key})`);
      // A key CLN listed, named later in a line of a bulk summary.
      logs(`Removed 1 key: ${describeNode({ kind: 'imKey', key: im[1] })}.`);

      const text = written.join('\n');
      assert.deepEqual(leaked(text, ever), [], text);
      assert.ok(written.length > kcare.length + im.length + 5, 'every request has its line');
      assert.ok(text.includes(`/kcare/key/delete.json?key=${fingerprint(kcare[0].key)}&token=<redacted>`), 'the request line names the key by fingerprint');
      assert.ok(text.includes(`/kcare/nagios/${fingerprint(created)}`), 'a key in the path too');
      assert.ok(text.includes(`Created KernelCare key ${fingerprint(created)} (limit 2).`), 'the created key by fingerprint');
      assert.ok(!text.includes(sim.credentials.secretKey), 'and never the secret key');
    });

    it('keys in an answer CLN cut short (never decoded) are fingerprinted in the detail logged with the error', async () => {
      sim.faults.set('kcare.key.list', { kind: 'truncated' });
      const error = await account.read('kcare.key.list', {}).catch((e: unknown) => e);
      assert.ok(isClnError(error) && error.detail, 'the answer could not be read; its excerpt is the detail');
      const shown = leaked(error.detail, keysOf(sim));
      assert.ok(shown.length > 0, 'the excerpt holds keys (the attack is real)');
      logs(`ERROR cln.refresh: ${error.message}`);
      logs(error.detail);
      const text = written.join('\n');
      assert.deepEqual(leaked(text, keysOf(sim)), [], text);
      // Not even the key the cut sliced in two: no ten characters of a key in a row.
      assert.deepEqual(
        leaked(
          text,
          sim.state.kcareKeys.map((k) => k.key.slice(0, 10)),
        ),
        [],
        text,
      );
    });

    it('a line longer than the limit is cleaned before it is cut: no key, and no piece of one, at the cut', () => {
      const keys = Array.from({ length: 500 }, (_, i) => `KEY${String(i).padStart(5, '0')}abcdefghXYZ`);
      log.request({ method: 'GET', path: '/kcare/key/list.json', status: 200, ms: 1, attempt: 1, keys });
      // Keys end to end past the limit: wherever the cut falls, it falls in a fingerprinted text.
      const line = log.line(keys.join(' ').repeat(Math.ceil((MAX_LINE * 2) / (keys.join(' ').length + 1))));
      assert.ok(line.length < MAX_LINE + 200, 'the line is bounded');
      assert.match(line, /truncated: \d+ characters in all/);
      for (const key of keys) assert.ok(!line.includes(key.slice(0, 10)), `a piece of ${key} at the cut`);
    });

    it('keys sharing a prefix, or one inside another, are each fingerprinted whole', () => {
      const short = 'ABCDEFGH12345678';
      const long = `${short}ZZZZ`;
      log.request({ method: 'GET', path: '/x', ms: 1, attempt: 1, keys: [short, long] });
      assert.equal(log.line(`${long} ${short}`).replace(/^\[[^\]]+\] /, ''), `${fingerprint(long)} ${fingerprint(short)}`);
    });

    it('stays linear: 100,000 known keys and a full line cost a few milliseconds, not a pass per key', () => {
      const ring = new KeyRing();
      ring.add(Array.from({ length: 100_000 }, (_, i) => `K${i.toString(36).padStart(15, 'x')}`));
      const text = `${'GET /kcare/key/servers.json?key=Kxxxxxxxxxxxxxx1 200 '.repeat(600)}`;
      const started = performance.now();
      const out = ring.fingerprintIn(text);
      const ms = performance.now() - started;
      assert.ok(!out.includes('Kxxxxxxxxxxxxxx1'));
      assert.ok(ms < 250, `${ms.toFixed(1)} ms`);
    });
  });

  describe('tree item ids and document paths', () => {
    const walk = async (model: TreeModel, parent?: TreeNode, out: TreeNode[] = []): Promise<TreeNode[]> => {
      for (const child of await model.children(parent)) {
        out.push(child);
        if (child.kind !== 'message' && child.kind !== 'loadMore' && child.kind !== 'ipLicense' && child.kind !== 'backup') await walk(model, child, out);
      }
      return out;
    };
    const idsOf = (model: TreeModel, nodes: TreeNode[]) => nodes.map((node) => model.idOf(node));

    it('no row id holds a key string; ids are unique and the same after a refresh', async () => {
      const model = new TreeModel({ view: 'licenses', account: () => account, pageSize: () => 500 });
      const rows = await walk(model);
      const ids = idsOf(model, rows);
      assert.ok(rows.some((n) => n.kind === 'kcareServer') && rows.some((n) => n.kind === 'elsKey'), 'keys and their servers loaded');
      assert.deepEqual(leaked(ids.join('\n'), keysOf(sim)), []);
      assert.equal(new Set(ids).size, ids.length, 'unique');
      model.refresh();
      assert.deepEqual(idsOf(model, await walk(model)), ids, 'the same rows, the same ids');
    });

    it('CLN listing one key twice, or two keys with one fingerprint: never one id for two rows, and the same ids on every load', async () => {
      const first = sim.state.kcareKeys[0];
      sim.state.kcareKeys.push({ ...first });
      // Same first four and last four characters: the same fingerprint, another key.
      const twin = `${first.key.slice(0, 4)}${'Q'.repeat(first.key.length - 8)}${first.key.slice(-4)}`;
      sim.state.kcareKeys.push({ ...first, key: twin });
      assert.equal(fingerprint(twin), fingerprint(first.key));
      const model = new TreeModel({ view: 'licenses', account: () => account, pageSize: () => 500 });
      const kcare = (await model.children()).find((n) => n.kind === 'family' && n.family === 'kcare')!;
      const rows = (await model.children(kcare)).filter((n) => n.kind === 'kcareKey');
      const ids = idsOf(model, rows);
      assert.equal(rows.length, sim.state.kcareKeys.length);
      assert.equal(new Set(ids).size, ids.length, ids.join(' '));
      assert.deepEqual(leaked(ids.join('\n'), [first.key, twin]), []);
      model.refresh(kcare);
      account.clearCache();
      assert.deepEqual(
        idsOf(
          model,
          (await model.children(kcare)).filter((n) => n.kind === 'kcareKey'),
        ),
        ids,
      );
    });

    it('keyId: stable, never the key, distinct for distinct keys (property)', () => {
      fc.assert(
        fc.property(fc.string({ minLength: 8, maxLength: 64 }), fc.string({ minLength: 8, maxLength: 64 }), (a, b) => {
          assert.equal(keyId(a), keyId(a));
          assert.ok(!keyId(a).includes(a));
          if (a !== b) assert.notEqual(keyId(a), keyId(b));
        }),
        { numRuns: 2000 },
      );
    });

    it('View as JSON paths: no key string, and two keys with the same note never share a document', () => {
      const [a, b] = sim.state.imunifyKeys;
      const node = (key: string): ExplorerNode => ({ kind: 'imKey', key: { key, code: '360_1', limit: 1, servers: 0, note: 'web farm', type: null } });
      const paths = [jsonPath('demo', node(a.key)), jsonPath('demo', node(b.key))];
      assert.deepEqual(leaked(paths.join('\n'), [a.key, b.key]), []);
      assert.notEqual(paths[0], paths[1]);
    });
  });

  describe('a filter kept in workspace state', () => {
    it('is not kept when it holds a key string or a piece of one long enough to narrow it down', () => {
      const keys = keysOf(sim);
      const key = keys[0];
      assert.ok(revealsKey(key, keys), 'the key itself');
      assert.ok(revealsKey(`  ${key.toLowerCase()} `, keys), 'in another case, with blanks');
      assert.ok(revealsKey(key.slice(2, 12), keys), 'ten characters of it');
      assert.ok(revealsKey(`key ${key} web`, keys), 'inside other words');
      assert.ok(!revealsKey('web farm', keys), 'a note');
      assert.ok(!revealsKey(key.slice(0, 6), keys), 'as much as a row label shows');
      assert.ok(!revealsKey('203.0.113.7', keys), 'an address');
    });
  });
});
