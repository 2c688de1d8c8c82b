/**
 * The account file's API v2 sections against the simulator over real HTTP: CloudLinux OS keys
 * (`cloudlinux`) and the add-ons' account level (`addons`), exported, planned, applied, and
 * refused when written wrong; an account without v2 exports neither and says why.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { ClnClient } from '../../src/cln/client';
import { endpointOf } from '../../src/cln/endpoints';
import { AccountService } from '../../src/services/accountService';
import { applyChange, exportAccount, keyRef, planText, readSnapshot, withCreatedKeys } from '../../src/features/accountFile/core';
import type { Plan } from '../../src/features/accountFile/core';
import { Simulator, startSimulator } from '../../src/sim';

const SMALL = {
  ipLicenses: 3,
  kcareKeys: 1,
  kcareServersPerKey: 1,
  imunifyKeys: 1,
  imunifyServersPerKey: 1,
  elsKeysPerCode: 0,
  elsServersPerKey: 0,
  backups: 0,
  groups: 0,
  serversPerGroup: 0,
  awpEntriesPerMonth: 0,
  clKeysPerProduct: 2,
  clServersPerKey: 2,
};

type File = { [section: string]: any };

const accountOf = (sim: Simulator) => new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials }), { maxConcurrent: 6 });
const changesSent = (sim: Simulator) => sim.requests.filter((r) => r.endpointId && endpointOf(r.endpointId).mutates);
const errors = (plan: Plan) => plan.problems.filter((p) => p.severity === 'error').map((p) => p.message);

describe('desired state: CloudLinux OS keys and add-ons (API v2)', () => {
  let sim: Simulator;
  let account: AccountService;
  beforeEach(async () => {
    sim = await startSimulator({ size: SMALL, seed: 21 });
    account = accountOf(sim);
  });
  afterEach(() => sim.close());

  const exported = async (references = true): Promise<File> => JSON.parse(exportAccount(await readSnapshot(account), { keyReferences: references }));

  it('exports every CloudLinux OS key by product in upper case and the account-level add-ons, and plans the export unedited as no change', async () => {
    const file = await exported(false);
    assert.equal(file.cloudlinux.prune, false);
    assert.deepEqual(file.cloudlinux.keys.map((k: any) => `${k.product} ${k.key} ${k.limit}`).sort(), sim.state.clKeys.map((k) => `${k.product.toUpperCase()} ${k.key} ${k.limit}`).sort());
    assert.deepEqual(file.addons, { account: sim.state.accountFeatures });
    for (const references of [false, true]) {
      const { plan } = await planText(account, exportAccount(await readSnapshot(account), { keyReferences: references }));
      assert.deepEqual(plan.problems, []);
      assert.deepEqual(plan.changes, []);
    }
    assert.deepEqual(changesSent(sim), []);
  });

  it('plans and applies edits: a limit and a note, a new key in lower case, a key marked absent naming its servers, a pruned key, Imunify Email on', async () => {
    const file = await exported();
    file.cloudlinux.prune = true;
    const keys = file.cloudlinux.keys;
    const byRef = (ref: string) => sim.state.clKeys.find((k) => keyRef(k.key) === ref)!;
    // The key removed and the key pruned are keys with servers (the removal names them).
    const withServers = keys.filter((k: any) => sim.state.clServers.some((s) => s.key === byRef(k.ref).key));
    const absent = withServers[0];
    const pruned = withServers[1];
    const edited = keys.find((k: any) => k !== absent && k !== pruned);
    const absentKey = byRef(absent.ref).key;
    const prunedKey = byRef(pruned.ref).key;
    edited.limit = edited.limit + 7;
    edited.note = 'from the file';
    absent.state = 'absent';
    keys.splice(keys.indexOf(pruned), 1);
    keys.push({ product: ' clp ', limit: 3, note: 'new one' });
    file.addons.account['4600'] = 'enabled';
    let text = JSON.stringify(file, null, 2);
    const { plan } = await planText(account, text);
    assert.deepEqual(plan.problems, []);
    assert.equal(plan.summary, '+1 ~2 −2');
    assert.deepEqual(plan.changes.map((c) => c.change.kind).sort(), ['addonSet', 'clCreate', 'clRemove', 'clRemove', 'clUpdate']);
    const servers = (key: string) => sim.state.clServers.filter((s) => s.key === key).map((s) => s.hostname);
    for (const key of [absentKey, prunedKey]) {
      const removal = plan.changes.find((c) => c.change.kind === 'clRemove' && c.change.key === key)!;
      assert.ok(servers(key).length > 0);
      for (const host of servers(key)) assert.ok(removal.title.includes(host), `${removal.title} names ${host}`);
    }
    assert.match(plan.changes.find((c) => c.change.kind === 'addonSet')!.title, /Imunify Email: depends on lower level → on/);
    assert.deepEqual(plan.changes.find((c) => c.change.kind === 'clCreate')!.change, { kind: 'clCreate', product: 'CLP', limit: 3, note: 'new one' });

    const created: { section: 'kernelcare' | 'imunify' | 'els' | 'cloudlinux'; index: number; key: string }[] = [];
    for (const change of plan.changes) {
      const outcome = await applyChange(account, change.change);
      if (outcome.createdKey && change.entry) created.push({ ...change.entry, key: outcome.createdKey });
    }
    assert.equal(sim.state.accountFeatures['4600'], 'ENABLED');
    assert.ok(!sim.state.clKeys.some((k) => k.key === absentKey || k.key === prunedKey));
    assert.ok(sim.state.clKeys.some((k) => k.product.toUpperCase() === 'CLP' && k.limit === 3 && k.note === 'new one'));
    assert.equal(byRef(edited.ref).limit, edited.limit);
    assert.equal(created.length, 1);
    text = withCreatedKeys(text, created);
    assert.equal(JSON.parse(text).cloudlinux.keys.at(-1).ref, keyRef(created[0].key), 'a created key goes back as a reference');
    assert.ok(!text.includes(created[0].key));
    const replan = (await planText(account, text, { force: true })).plan;
    assert.deepEqual(replan.problems, []);
    // Only the key marked absent is planned again as "not in CLN": nothing changes.
    assert.deepEqual(replan.changes, []);
  });

  it('says what turning Imunify Email on at the account level costs a month, when cln.cleanup.prices has a price', async () => {
    const file = await exported();
    file.addons.account['4600'] = 'ENABLED';
    const text = JSON.stringify(file, null, 2);
    const servers = sim.state.imunifyServers.filter((s) => sim.state.imunifyKeys.some((k) => k.key === s.key && k.code.toUpperCase() !== 'AVP')).length;
    assert.ok(servers > 0);
    const priced = (await planText(account, text, { prices: { 'feature:4600': 2.5 } })).plan.changes[0].title;
    assert.match(priced, new RegExp(`^account level, Imunify Email: depends on lower level → on\\. Cost: up to ${(2.5 * servers).toFixed(2)} more a month`));
    const unpriced = (await planText(account, text)).plan.changes[0].title;
    assert.equal(unpriced, 'account level, Imunify Email: depends on lower level → on');
  });

  for (const [what, spoil, message] of [
    ['an unknown product', (e: any) => (e.product = 'CLX'), /"CLX" is not a CloudLinux OS product/],
    ['a limit written as text', (e: any) => (e.limit = String(e.limit)), /"limit" is a number, not text/],
    ['an unknown field', (e: any) => (e.Limit = 1), /Unknown field "Limit"/],
  ] as const) {
    it(`refuses ${what}, and a pruned section with it removes nothing`, async () => {
      const file = await exported();
      file.cloudlinux.prune = true;
      spoil(file.cloudlinux.keys[0]);
      file.cloudlinux.keys.splice(1, 1);
      const { plan } = await planText(account, JSON.stringify(file, null, 2));
      assert.ok(
        errors(plan).some((m) => message.test(m)),
        errors(plan).join('\n'),
      );
      assert.deepEqual(plan.changes, []);
      assert.deepEqual(
        plan.held.map((h) => h.section),
        ['cloudlinux'],
      );
    });
  }

  it('refuses a field written twice in a key entry, and the pruned section removes nothing', async () => {
    const file = await exported();
    file.cloudlinux.prune = true;
    file.cloudlinux.keys.splice(1, 1);
    const whole = JSON.stringify(file, null, 2);
    const at = whole.indexOf('"cloudlinux"');
    const text = whole.slice(0, at) + whole.slice(at).replace(/"limit": (\d+)/, '"limit": $1, "limit": 99');
    const { plan } = await planText(account, text);
    assert.ok(errors(plan).some((m) => m.includes('"limit" is written more than once')));
    assert.deepEqual(plan.changes, []);
  });

  it('refuses add-on states and ids it cannot read, keeps ids it does not know, and leaves unwritten ids alone', async () => {
    const file = await exported();
    file.addons.account = { '4600': 'ON', 'imunify-email': 'ENABLED', '1101': 'enabled' };
    const { plan } = await planText(account, JSON.stringify(file, null, 2));
    assert.equal(errors(plan).length, 2, errors(plan).join('\n'));
    assert.deepEqual(
      plan.changes.map((c) => c.change),
      [{ kind: 'addonSet', feature: '1101', state: 'ENABLED' }],
    );
    const twice = JSON.stringify(file, null, 2).replace('"1101": "enabled"', '"1101": "enabled", "1101": "DISABLED"');
    const again = (await planText(account, twice)).plan;
    assert.ok(errors(again).some((m) => m.includes('"1101" is written more than once')));
    assert.ok(!again.changes.some((c) => c.change.kind === 'addonSet'));
  });

  it('the schema accepts the export and refuses an unknown product, a limit as text, a key and server level, a state it does not know', async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../schemas/cln-account.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, validateFormats: false, strict: false }).compile(schema);
    assert.ok(validate(await exported()), JSON.stringify(validate.errors));
    assert.ok(validate({ cloudlinux: { keys: [{ product: ' clp ', limit: 1 }] }, addons: { account: { '4600': 'enabled', '1101': 'UNSET' } } }), JSON.stringify(validate.errors));
    assert.ok(!validate({ cloudlinux: { keys: [{ product: 'CLX', limit: 1 }] } }), 'an unknown product');
    assert.ok(!validate({ cloudlinux: { keys: [{ product: 'CL', limit: '5' }] } }), 'a limit as text');
    assert.ok(!validate({ cloudlinux: { keys: [{ limit: 5 }] } }), 'no product');
    assert.ok(!validate({ addons: { key: { '4600': 'ENABLED' } } }), 'the key level');
    assert.ok(!validate({ addons: { account: { '4600': 'ON' } } }), 'a state it does not know');
    assert.ok(!validate({ addons: { account: { email: 'ENABLED' } } }), 'a name for an id');
  });

  it('an account without v2 exports no v2 section and says why; a file with one plans an error and changes nothing there', async () => {
    const file = await exported();
    sim.state.v2.unavailable = 404;
    const fresh = accountOf(sim);
    const snapshot = await readSnapshot(fresh);
    assert.ok(snapshot.v2Unavailable, 'the export can say why');
    const text = exportAccount(snapshot, { keyReferences: true });
    assert.ok(!('cloudlinux' in JSON.parse(text)) && !('addons' in JSON.parse(text)));
    assert.deepEqual((await planText(fresh, text)).plan.problems, []);
    file.cloudlinux.prune = true;
    file.cloudlinux.keys = [];
    file.addons.account['4600'] = 'ENABLED';
    const { plan } = await planText(fresh, JSON.stringify(file, null, 2));
    assert.equal(errors(plan).filter((m) => m.includes('did not answer API v2')).length, 2, errors(plan).join('\n'));
    assert.deepEqual(plan.changes, []);
  });
});
