/**
 * Attack: the account file (`*.cln.json`) with `"prune": true`, edited carelessly or by a hostile
 * hand, must never make Apply remove the object an entry names. Each case exports the simulator's
 * account, spoils ONE entry (or the list around it) the way a careless edit or a hostile pull request
 * would, plans it as CLN: Plan / CLN: Apply do (planText over real HTTP), runs every change the plan
 * holds, and checks the object the spoiled entry names is still in CLN.
 *
 * And: keys Apply creates in a file that names keys by reference go back as references, never as
 * key strings, whether or not the file carries the `keyReferences` flag.
 */
import * as assert from 'node:assert/strict';
import { ClnClient } from '../../../src/cln/client';
import { endpointOf } from '../../../src/cln/endpoints';
import { AccountService } from '../../../src/services/accountService';
import { applyChange, exportAccount, keyRef, planText, readSnapshot, withCreatedKeys } from '../../../src/features/accountFile/core';
import type { Plan } from '../../../src/features/accountFile/core';
import { Simulator, startSimulator } from '../../../src/sim';

const SMALL = {
  ipLicenses: 8,
  kcareKeys: 3,
  kcareServersPerKey: 1,
  imunifyKeys: 3,
  imunifyServersPerKey: 1,
  elsKeysPerCode: 1,
  elsServersPerKey: 1,
  backups: 0,
  groups: 1,
  serversPerGroup: 2,
  awpEntriesPerMonth: 0,
};

type File = { [section: string]: any };

describe('attack: Apply with "prune": true never removes what a spoiled entry names', () => {
  let sim: Simulator;
  let account: AccountService;
  beforeEach(async () => {
    sim = await startSimulator({ size: SMALL, seed: 11 });
    // CLN answers this IPv6 address in a long spelling; the file writes it short and in capitals.
    sim.state.ipLicenses.push({ ip: '2001:db8:0:0::1', type: 1, registered: true, created: { ms: Date.now(), offset: 0 }, elsAllowed: false, serverInfo: null, lastCheckin: null });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials }), { maxConcurrent: 6 });
  });
  afterEach(() => sim.close());

  async function exported(references = true): Promise<File> {
    return JSON.parse(exportAccount(await readSnapshot(account), { keyReferences: references }));
  }

  /** Plans the text as Apply does (afresh from CLN), runs every planned change, and returns the plan. */
  async function applyAll(text: string): Promise<Plan> {
    const { plan } = await planText(account, text, { force: true });
    for (const change of plan.changes) await applyChange(account, change.change).catch(() => undefined);
    return plan;
  }

  const removalsOf = (plan: Plan) => plan.changes.filter((c) => c.op === 'remove' || c.change.kind === 'ipConvert' || c.change.kind === 'groupRemove').map((c) => c.title);
  const hasLicense = (ip: string, type: number) => sim.state.ipLicenses.some((l) => l.ip === ip && l.type === type);
  const licensesBefore = () => sim.state.ipLicenses.map((l) => `${l.ip}#${l.type}`).sort();

  /** A spoiled IP-license entry: the license it names stays, and so does every other license. */
  async function spoilLicense(spoil: (entry: { ip: string; type: number }, file: File) => unknown, wantDoubt = true): Promise<void> {
    const file = await exported();
    file.ipLicenses.prune = true;
    const entries: { ip: string; type: number }[] = file.ipLicenses.licenses;
    const victim = entries[3];
    const named = { ...victim };
    spoil(victim, file);
    const before = licensesBefore();
    const plan = await applyAll(JSON.stringify(file, null, 2));
    assert.ok(hasLicense(named.ip, named.type), `the license the entry names (${named.ip} type ${named.type}) is still in CLN; the plan removed: ${removalsOf(plan).join('; ')}`);
    assert.deepEqual(removalsOf(plan), [], 'nothing is removed on a doubt');
    assert.deepEqual(
      licensesBefore().filter((l) => !before.includes(l)),
      [],
      'nothing registered under another spelling',
    );
    assert.deepEqual(
      before.filter((l) => !licensesBefore().includes(l)),
      [],
      'no license of the account is gone',
    );
    if (wantDoubt)
      assert.ok(
        plan.problems.some((p) => p.severity === 'warning' && /Nothing unlisted is removed from "ipLicenses"/.test(p.message)),
        `the plan says why it prunes nothing: ${plan.problems.map((p) => p.message).join(' | ')}`,
      );
  }

  it('the type written as a string ("type": "1")', () => spoilLicense((e) => Object.assign(e, { type: String(e.type) })));
  it('the address with spaces around it', () => spoilLicense((e) => Object.assign(e, { ip: ` ${e.ip}\t` }), false));
  it('an IPv6 address in another spelling than CLN answers', async () => {
    const file = await exported();
    file.ipLicenses.prune = true;
    const entry = file.ipLicenses.licenses.find((l: { ip: string }) => l.ip === '2001:db8:0:0::1');
    entry.ip = '2001:DB8::1';
    const plan = await applyAll(JSON.stringify(file, null, 2));
    assert.deepEqual(removalsOf(plan), []);
    assert.deepEqual(
      plan.changes.map((c) => c.title),
      [],
      'the same license: nothing to register either',
    );
    assert.ok(hasLicense('2001:db8:0:0::1', 1));
  });
  it('an unknown field (a misspelt "type")', () => spoilLicense((e) => Object.assign(e, { typ: e.type, type: undefined })));
  it('an unknown field beside valid ones ("State": "absent")', () => spoilLicense((e) => Object.assign(e, { State: 'absent' })));
  it('the entry written as a bare string', () =>
    spoilLicense((e, file) => {
      const list = file.ipLicenses.licenses;
      list[list.indexOf(e)] = e.ip;
    }));
  it('an address that is not one ("10.0.0.1x")', () => spoilLicense((e) => Object.assign(e, { ip: `${e.ip}x` })));
  it('the same field twice in one entry (the second names another address)', async () => {
    const file = await exported();
    file.ipLicenses.prune = true;
    const victim = file.ipLicenses.licenses[2];
    file.ipLicenses.licenses[2] = 'VICTIM';
    const text = JSON.stringify(file, null, 2).replace('"VICTIM"', `{"ip": ${JSON.stringify(victim.ip)}, "type": ${victim.type}, "ip": "198.51.100.99"}`);
    assert.ok(text.includes('198.51.100.99'));
    const plan = await applyAll(text);
    assert.deepEqual(removalsOf(plan), []);
    assert.ok(hasLicense(victim.ip, victim.type));
  });
  it('the list misspelt ("license" for "licenses"): prune with no list removes nothing', async () => {
    const file = await exported();
    file.ipLicenses = { prune: true, license: file.ipLicenses.licenses };
    const before = licensesBefore();
    const plan = await applyAll(JSON.stringify(file, null, 2));
    assert.deepEqual(removalsOf(plan), []);
    assert.deepEqual(licensesBefore(), before);
  });
  it('a JSON syntax error (an entry missing its closing brace, which hides the next entry)', async () => {
    const text = exportAccount(await readSnapshot(account), { keyReferences: true }).replace('"prune": false,\n    "licenses"', '"prune": true,\n    "licenses"');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"type"')) + 2;
    lines[at] = lines[at].replace(/ },$/, ',');
    const before = licensesBefore();
    const plan = await applyAll(lines.join('\n'));
    assert.deepEqual(removalsOf(plan), []);
    assert.deepEqual(licensesBefore(), before);
  });

  /** A spoiled key entry in a pruned key section: the key stays. */
  async function spoilKey(section: 'kernelcare' | 'imunify' | 'els', spoil: (entry: { ref?: string; key?: string; limit: number }) => unknown): Promise<void> {
    const file = await exported();
    file[section].prune = true;
    const entry = file[section].keys[0];
    const ref = entry.ref;
    spoil(entry);
    const stateKeys = () => (section === 'kernelcare' ? sim.state.kcareKeys : section === 'imunify' ? sim.state.imunifyKeys : sim.state.elsKeys).map((k) => k.key);
    const before = stateKeys();
    const plan = await applyAll(JSON.stringify(file, null, 2));
    assert.deepEqual(removalsOf(plan), [], `nothing removed from ${section}`);
    assert.ok(
      stateKeys().some((k) => keyRef(k) === ref),
      'the key the entry names is still in CLN',
    );
    assert.deepEqual(stateKeys(), before);
  }

  it('a malformed ref (15 hex digits)', () => spoilKey('kernelcare', (e) => Object.assign(e, { ref: e.ref!.slice(0, -1) })));
  it('a ref with one digit changed (names no key of the account)', () => spoilKey('imunify', (e) => Object.assign(e, { ref: e.ref!.slice(0, -1) + (e.ref!.endsWith('0') ? '1' : '0') })));
  it('a ref in capitals matches its key (refs are case-insensitive)', () => spoilKey('els', (e) => Object.assign(e, { ref: e.ref!.toUpperCase() })));
  it('a ref with spaces around it matches its key', () => spoilKey('kernelcare', (e) => Object.assign(e, { ref: ` ${e.ref} ` })));
  it('a limit written as a digit string ("limit": "5")', () => spoilKey('imunify', (e) => Object.assign(e, { limit: String(e.limit) })));

  it('server groups: a spoiled member prunes no member of any group', async () => {
    const file = await exported();
    file.serverGroups.prune = true;
    const group = file.serverGroups.groups[0];
    const members = sim.state.groups.find((g) => g.name === group.name)!.serverIds.slice();
    group.members[0] = { id: group.members[0].id, hostnam: 'web1' };
    group.members.pop();
    const plan = await applyAll(JSON.stringify(file, null, 2));
    assert.deepEqual(removalsOf(plan), []);
    assert.deepEqual(sim.state.groups.find((g) => g.name === group.name)!.serverIds, members);
  });

  it('a pruned section without errors still prunes, whatever the spelling of what it lists', async () => {
    const file = await exported();
    file.ipLicenses.prune = true;
    const dropped = file.ipLicenses.licenses.splice(1, 1)[0];
    for (const l of file.ipLicenses.licenses) if (l.ip === '2001:db8:0:0::1') l.ip = ' 2001:0DB8::0:1 ';
    const plan = await applyAll(JSON.stringify(file, null, 2));
    assert.deepEqual(
      plan.changes.map((c) => c.change),
      [{ kind: 'ipRemove', ip: dropped.ip, type: dropped.type }],
    );
    assert.ok(!hasLicense(dropped.ip, dropped.type));
    assert.ok(hasLicense('2001:db8:0:0::1', 1));
  });
});

describe('attack: keys Apply creates go back as references when the file names keys by reference', () => {
  let sim: Simulator;
  let account: AccountService;
  beforeEach(async () => {
    sim = await startSimulator({ size: SMALL, seed: 12 });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials }), { maxConcurrent: 6 });
  });
  afterEach(() => sim.close());

  for (const [name, edit] of [
    ['without the "keyReferences" flag', (file: File) => delete file.keyReferences],
    ['with "keyReferences": false', (file: File) => (file.keyReferences = false)],
  ] as const) {
    it(`a file of references ${name}: no key string is written into it`, async () => {
      const file = JSON.parse(exportAccount(await readSnapshot(account), { keyReferences: true }));
      edit(file);
      file.kernelcare.keys.push({ limit: 2, note: 'new' });
      file.els.keys.push({ code: 'CELS', limit: 1 });
      let text = JSON.stringify(file, null, 2);
      const { plan } = await planText(account, text);
      const created: { section: 'kernelcare' | 'imunify' | 'els' | 'cloudlinux'; index: number; key: string }[] = [];
      for (const change of plan.changes) {
        const outcome = await applyChange(account, change.change);
        if (outcome.createdKey && change.entry) created.push({ ...change.entry, key: outcome.createdKey });
      }
      assert.equal(created.length, 2);
      text = withCreatedKeys(text, created);
      for (const { key } of created) {
        assert.ok(!text.includes(key), 'the created key string is not in the file');
        assert.ok(text.includes(keyRef(key)), 'its reference is');
      }
      assert.deepEqual((await planText(account, text)).plan.changes, [], 'the re-plan finds the created keys');
    });
  }

  it('a file that names keys by key string still gets key strings', async () => {
    const file = JSON.parse(exportAccount(await readSnapshot(account), { keyReferences: false }));
    file.kernelcare.keys.push({ limit: 2 });
    const text = JSON.stringify(file, null, 2);
    const { plan } = await planText(account, text);
    const change = plan.changes[0];
    const outcome = await applyChange(account, change.change);
    const written = withCreatedKeys(text, [{ ...change.entry!, key: outcome.createdKey! }]);
    assert.equal(JSON.parse(written).kernelcare.keys.at(-1).key, outcome.createdKey);
    assert.equal(sim.requests.filter((r) => r.endpointId && endpointOf(r.endpointId).mutates).length, 1);
  });
});

describe('attack: a pruned "cloudlinux" section with any error removes no CloudLinux OS key', () => {
  let sim: Simulator;
  let account: AccountService;
  beforeEach(async () => {
    sim = await startSimulator({ size: { ...SMALL, clKeysPerProduct: 2, clServersPerKey: 1 }, seed: 13 });
    account = new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials }), { maxConcurrent: 6 });
  });
  afterEach(() => sim.close());

  /** Exports by reference, prunes the section, spoils its first entry, drops its second, plans and runs every change. */
  async function spoilClKey(spoil: (entry: File) => unknown, text = (t: string) => t): Promise<void> {
    const file: File = JSON.parse(exportAccount(await readSnapshot(account), { keyReferences: true }));
    file.cloudlinux.prune = true;
    const [first, second] = file.cloudlinux.keys;
    spoil(first);
    file.cloudlinux.keys.splice(1, 1);
    const before = sim.state.clKeys.map((k) => k.key);
    const { plan } = await planText(account, text(JSON.stringify(file, null, 2)), { force: true });
    for (const change of plan.changes) await applyChange(account, change.change).catch(() => undefined);
    assert.deepEqual(
      plan.changes.filter((c) => c.op === 'remove').map((c) => c.title),
      [],
    );
    assert.ok(plan.held.some((h) => h.section === 'cloudlinux'));
    assert.ok(
      sim.state.clKeys.some((k) => keyRef(k.key) === second.ref),
      'the unlisted key is still in CLN',
    );
    assert.deepEqual(
      sim.state.clKeys.map((k) => k.key),
      before,
    );
  }

  it('an unknown product ("CLX")', () => spoilClKey((e) => (e.product = 'CLX')));
  it('the product left out', () => spoilClKey((e) => delete e.product));
  it('a limit written as text', () => spoilClKey((e) => (e.limit = String(e.limit))));
  it('a misspelt field ("State": "absent")', () => spoilClKey((e) => (e.State = 'absent')));
  it('a ref with one digit changed (names no key of the account)', () => spoilClKey((e) => (e.ref = e.ref.slice(0, -1) + (e.ref.endsWith('0') ? '1' : '0'))));
  it('the same field twice in an entry', () =>
    spoilClKey(
      () => undefined,
      (t) => {
        const at = t.indexOf('"cloudlinux"');
        return t.slice(0, at) + t.slice(at).replace(/"product": "(\w+)"/, '"product": "$1", "product": "CL"');
      },
    ));
  it('the "cloudlinux" section written twice (the second one empty)', () =>
    spoilClKey(
      () => undefined,
      (t) => t.replace('"addons": {', '"cloudlinux": { "prune": true, "keys": [] },\n  "addons": {'),
    ));
});
