/**
 * The desired-state engine against the simulator over real HTTP: export, plan,
 * apply, stale plans, the schema, and reconciling an inventory.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { ClnClient } from '../../src/cln/client';
import { ipTypeName, isKnownIpType } from '../../src/cln/catalog';
import { endpointOf } from '../../src/cln/endpoints';
import { AccountService } from '../../src/services/accountService';
import { applyChange, diffPlans, exportAccount, inventory, keyRef, planText, readSnapshot, withCreatedKeys } from '../../src/features/accountFile/core';
import { Simulator, startSimulator } from '../../src/sim';

const SMALL = {
  ipLicenses: 12,
  kcareKeys: 3,
  kcareServersPerKey: 2,
  imunifyKeys: 3,
  imunifyServersPerKey: 2,
  elsKeysPerCode: 1,
  elsServersPerKey: 1,
  backups: 0,
  groups: 2,
  serversPerGroup: 2,
  awpEntriesPerMonth: 0,
};

function accountOf(sim: Simulator): AccountService {
  return new AccountService(new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials }), { maxConcurrent: 6 });
}

async function exportText(account: AccountService, keyReferences = false): Promise<string> {
  return exportAccount(await readSnapshot(account), { keyReferences });
}

const changesSent = (sim: Simulator) => sim.requests.filter((r) => r.endpointId && endpointOf(r.endpointId).mutates);

describe('desired state: export and plan', () => {
  let sim: Simulator;
  let account: AccountService;
  beforeEach(async () => {
    sim = await startSimulator({ size: SMALL, seed: 5 });
    account = accountOf(sim);
  });
  afterEach(() => sim.close());

  it('the demo account exported and planned unedited has no problem, not even for the types only it holds', async () => {
    const demo = await startSimulator({ size: 'demo' });
    try {
      const demoAccount = accountOf(demo);
      assert.ok(
        demo.state.ipLicenses.some((l) => !isKnownIpType(l.type)),
        'the demo holds a type the catalog does not name',
      );
      const { plan } = await planText(demoAccount, await exportText(demoAccount));
      assert.deepEqual(
        plan.problems.map((p) => `${p.severity}: ${p.message}`),
        [],
      );
      assert.deepEqual(plan.changes, []);
    } finally {
      await demo.close();
    }
  });

  it('Export then Plan on an unchanged account gives an empty plan, from the cache', async () => {
    const text = await exportText(account);
    const readsForExport = sim.requests.length;
    sim.resetLog();
    const { plan } = await planText(account, text);
    assert.deepEqual(plan.changes, []);
    assert.deepEqual(
      plan.problems.filter((p) => p.severity !== 'info'),
      [],
    );
    assert.equal(plan.summary, '+0 ~0 −0');
    assert.equal(sim.requests.length, 0, 'planning reuses the cached reads of the export');
    assert.ok(readsForExport > 0);
    assert.ok(plan.statuses.length >= sim.state.ipLicenses.length && plan.statuses.every((s) => s.kind === 'same'));
  });

  it('writes every license, key and group; key references keep the key strings out and still match', async () => {
    const withKeys = JSON.parse(await exportText(account));
    assert.equal(withKeys.ipLicenses.licenses.length, sim.state.ipLicenses.length);
    assert.equal(withKeys.kernelcare.keys.length, sim.state.kcareKeys.length);
    assert.equal(withKeys.imunify.keys.length, sim.state.imunifyKeys.length);
    assert.equal(withKeys.els.keys.length, sim.state.elsKeys.length);
    assert.deepEqual(withKeys.serverGroups.groups.map((g: { name: string }) => g.name).sort(), sim.state.groups.map((g) => g.name).sort());
    const text = await exportText(account, true);
    for (const key of [...sim.state.kcareKeys, ...sim.state.imunifyKeys, ...sim.state.elsKeys]) assert.ok(!text.includes(key.key), 'no key string in a file of references');
    assert.ok(text.includes(keyRef(sim.state.kcareKeys[0].key)));
    assert.ok(!text.includes(sim.credentials.secretKey));
    const { plan } = await planText(account, text);
    assert.deepEqual(plan.changes, []);
  });

  it('editing the file (add an IP, change a limit, prune a license) gives exactly those changes; Apply makes CLN match', async () => {
    const file = JSON.parse(await exportText(account));
    const removed = file.ipLicenses.licenses.pop();
    file.ipLicenses.prune = true;
    file.ipLicenses.licenses.push({ ip: '198.51.100.77', type: 1, els: true });
    const imKey = file.imunify.keys[0];
    imKey.limit = imKey.limit + 5;
    const { plan } = await planText(account, JSON.stringify(file, null, 2));
    assert.deepEqual(plan.changes.map((c) => c.change.kind + ' ' + c.op).sort(), ['imUpdate update', 'ipRegister create', 'ipRemove remove']);
    assert.equal(plan.summary, '+1 ~1 −1');
    const removal = plan.changes.find((c) => c.change.kind === 'ipRemove')!;
    assert.deepEqual(removal.change, { kind: 'ipRemove', ip: removed.ip, type: removed.type });
    assert.match(plan.changes.find((c) => c.op === 'update')!.title, /limit \d+ → \d+/);

    sim.resetLog();
    for (const change of plan.changes) await applyChange(account, change.change);
    assert.equal(changesSent(sim).length, 3, 'one request per change, none retried');
    assert.ok(sim.state.ipLicenses.some((l) => l.ip === '198.51.100.77' && l.type === 1 && l.elsAllowed));
    assert.ok(!sim.state.ipLicenses.some((l) => l.ip === removed.ip && l.type === removed.type));
    assert.equal(sim.state.imunifyKeys.find((k) => k.key === imKey.key)?.limit, imKey.limit);
    const again = await planText(account, JSON.stringify(file));
    assert.deepEqual(again.plan.changes, [], 'a re-plan after Apply has nothing left');
  });

  it('detects a stale plan: CLN changed after the plan was made', async () => {
    const file = JSON.parse(await exportText(account));
    file.ipLicenses.licenses.push({ ip: '198.51.100.9', type: 16 });
    const text = JSON.stringify(file);
    const first = (await planText(account, text)).plan;
    assert.equal(first.changes.length, 1);
    // Someone else registers it, and removes a key the file lists, meanwhile.
    sim.state.ipLicenses.push({ ip: '198.51.100.9', type: 16, registered: false, created: { ms: Date.now(), offset: 0 }, elsAllowed: false, serverInfo: null, lastCheckin: null });
    const fresh = (await planText(account, text, { force: true })).plan;
    const diff = diffPlans(first, fresh);
    assert.deepEqual(
      diff.dropped.map((c) => c.title),
      ['register 198.51.100.9 as KernelCare'],
    );
    assert.deepEqual(diff.added, []);
  });

  it('reports entries that cannot be applied: a bad IP, a type CLN refuses for the IP, a duplicate, unknown types as warnings', async () => {
    const foreign = sim.state.foreignLicenses[0];
    const mine = sim.state.ipLicenses[0];
    const text = JSON.stringify(
      {
        ipLicenses: {
          licenses: [
            { ip: '300.1.2.3', type: 1 },
            { ip: foreign.ip, type: foreign.type },
            { ip: mine.ip, type: mine.type },
            { ip: mine.ip, type: mine.type },
            { ip: '198.51.100.30', type: 777 },
          ],
        },
        kernelcare: { keys: [{ key: sim.state.kcareKeys[0].key, limit: sim.state.kcareKeys[0].limit + 1 }] },
        imunify: { keys: [{ code: 'NEW_CODE', limit: 2 }] },
      },
      null,
      2,
    );
    const { plan } = await planText(account, text);
    const messages = plan.problems.map((p) => `${p.severity}: ${p.message}`);
    assert.ok(
      messages.some((m) => /^error: "300\.1\.2\.3" is not a valid IPv4 or IPv6 address/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.startsWith(`error: CLN does not offer`) && m.includes(foreign.ip)),
      messages.join('\n'),
    );
    assert.ok(messages.some((m) => /^error: .* is listed with type \d+ more than once/.test(m)));
    assert.ok(messages.some((m) => /^warning: Type 777 is not in the list/.test(m)));
    assert.ok(messages.some((m) => /^error: CLN has no way to change a KernelCare key \(limit/.test(m)));
    assert.ok(messages.some((m) => /^warning: "NEW_CODE" is not in the known list of Imunify product codes/.test(m)));
    // Problems point at their entry in the text.
    const bad = plan.problems.find((p) => p.message.includes('300.1.2.3'))!;
    assert.match(text.slice(bad.offset, bad.offset + bad.length), /300\.1\.2\.3/);
    assert.ok(
      messages.some((m) => m.startsWith('error: CLN does not offer Type 777 (type 777) for 198.51.100.30')),
      'CLN decides about unknown types: its availability answer',
    );
    assert.deepEqual(
      plan.changes.map((c) => c.title),
      ['create an Imunify key for NEW_CODE (limit 2)'],
    );
    assert.equal(changesSent(sim).length, 0, 'planning sends only reads');
  });

  it('converts an Imunify license when the file names another Imunify type and the old one goes', async () => {
    sim.state.ipLicenses.push({ ip: '198.51.100.40', type: 41, registered: false, created: { ms: Date.now(), offset: 0 }, elsAllowed: false, serverInfo: null, lastCheckin: null });
    const text = JSON.stringify({
      ipLicenses: {
        licenses: [
          { ip: '198.51.100.40', type: 42 },
          { ip: '198.51.100.40', type: 41, state: 'absent' },
        ],
      },
    });
    const { plan } = await planText(account, text);
    assert.deepEqual(
      plan.changes.map((c) => c.change),
      [{ kind: 'ipConvert', ip: '198.51.100.40', from: 41, to: 42 }],
    );
    await applyChange(account, plan.changes[0].change);
    assert.deepEqual(
      sim.state.ipLicenses.filter((l) => l.ip === '198.51.100.40').map((l) => l.type),
      [42],
    );
  });

  it('creates keys and groups, adds and prunes members', async () => {
    const group = sim.state.groups[0];
    const [keep, drop] = group.serverIds;
    const extra = sim.state.kcareServers.find((s) => !group.serverIds.includes(s.serverId))!.serverId;
    const text = JSON.stringify({
      kernelcare: { keys: [{ limit: 4, note: 'from file', cidr: ['192.0.2.0/24'] }] },
      els: { keys: [{ code: 'CELS', limit: 1, note: 'legacy' }] },
      serverGroups: {
        prune: true,
        groups: [
          { name: group.name, members: [keep, extra] },
          { name: 'new-group', members: [extra] },
        ],
      },
    });
    const { plan } = await planText(account, text);
    assert.deepEqual(plan.changes.map((c) => c.change.kind).sort(), ['elsCreate', 'groupAdd', 'groupCreate', 'groupRemove', 'kcareCreate']);
    for (const change of plan.changes) await applyChange(account, change.change);
    assert.ok(sim.state.kcareKeys.some((k) => k.note === 'from file' && k.limit === 4 && k.cidr.join() === '192.0.2.0/24'));
    assert.ok(sim.state.elsKeys.some((k) => k.code === 'CELS' && k.description === 'legacy'));
    assert.deepEqual(new Set(sim.state.groups.find((g) => g.name === group.name)!.serverIds), new Set([keep, extra]));
    assert.ok(!sim.state.groups.find((g) => g.name === group.name)!.serverIds.includes(drop));
    assert.deepEqual(sim.state.groups.find((g) => g.name === 'new-group')?.serverIds, [extra]);
  });

  it('writes the keys Apply created into their entries, so the re-plan finds them', async () => {
    const file = JSON.parse(await exportText(account, true));
    file.kernelcare.keys.push({ limit: 3, note: 'created by apply' });
    file.imunify.keys.push({ code: '360_1', limit: 1 });
    let text = JSON.stringify(file, null, 2);
    const { plan } = await planText(account, text);
    assert.equal(plan.summary, '+2 ~0 −0');
    const created: { section: 'kernelcare' | 'imunify' | 'els' | 'cloudlinux'; index: number; key: string }[] = [];
    for (const change of plan.changes) {
      const outcome = await applyChange(account, change.change);
      if (outcome.createdKey && change.entry) created.push({ ...change.entry, key: outcome.createdKey });
    }
    text = withCreatedKeys(text, created);
    const written = JSON.parse(text);
    assert.equal(written.kernelcare.keys.at(-1).ref, keyRef(created[0].key), 'a file of references gets a reference');
    assert.ok(!text.includes(created[0].key));
    assert.deepEqual((await planText(account, text)).plan.changes, []);
  });

  it('the schema accepts an export and refuses bad entries', async () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../schemas/cln-account.schema.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, validateFormats: false, strict: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(JSON.parse(await exportText(account))), JSON.stringify(validate.errors));
    assert.ok(validate(JSON.parse(await exportText(account, true))), JSON.stringify(validate.errors));
    assert.ok(!validate({ ipLicenses: { licenses: [{ ip: '192.0.2.1' }] } }), 'a license without a type');
    assert.ok(!validate({ imunify: { keys: [{ code: '360_1', limit: -1 }] } }), 'a negative limit');
    assert.ok(!validate({ kernelcare: { keys: [{ key: 'a', ref: 'sha256:0123456789abcdef' }] } }), 'key and ref together');
    assert.ok(!validate({ ipLicense: {} }), 'a misspelt section');
    assert.ok(validate({ ipLicenses: { licenses: [{ ip: '192.0.2.1', type: 777 }] } }), 'unknown types are allowed');
  });
});

describe('desired state: a 10,000-license account', () => {
  it('exports in the time its reads take', async function () {
    this.timeout(60_000);
    // 200 ms a request, as a distant API answers: the reads are two rounds (lists, then group members).
    const sim = await startSimulator({ size: { ...SMALL, ipLicenses: 10_000 }, seed: 3, latencyMs: 200 });
    try {
      const account = accountOf(sim);
      const t0 = performance.now();
      const snapshot = await readSnapshot(account);
      const t1 = performance.now();
      const text = exportAccount(snapshot, { keyReferences: false });
      const t2 = performance.now();
      const { plan } = await planText(account, text);
      const t3 = performance.now();
      assert.equal(snapshot.ipLicenses.length, sim.state.ipLicenses.length);
      assert.deepEqual(plan.changes, []);
      const reads = t1 - t0;
      const writing = t2 - t1;
      console.log(
        `      reads ${reads.toFixed(0)} ms (${sim.requests.length} requests), writing ${writing.toFixed(0)} ms, plan from cache ${(t3 - t2).toFixed(0)} ms, ${(text.length / 1024).toFixed(0)} KB`,
      );
      assert.ok(reads < 3 * 200 + 1000, `the reads run in parallel rounds (${reads} ms)`);
      assert.ok(writing < reads, `writing the file (${writing} ms) takes less than the reads (${reads} ms)`);
    } finally {
      await sim.close();
    }
  });
});

describe('desired state: inventory', () => {
  const licenses = [
    { ip: '192.0.2.1', type: 1 },
    { ip: '192.0.2.2', type: 1 },
    { ip: '192.0.2.3', type: 16 },
    { ip: '192.0.2.4', type: 41 },
  ].map((l) => ({ ...l, registered: true, created: null }));

  it('a CSV with planted differences lists exactly them', () => {
    const cl = ipTypeName(1);
    const csv = `Hostname,IP address,Product\nweb1,192.0.2.1,${cl}\nweb2,192.0.2.2,${cl.toLowerCase()}\nkc1,192.0.2.3,${cl}\nnew1,192.0.2.50,KernelCare\n`;
    const table = inventory.readCsv(csv);
    assert.deepEqual(inventory.guessMapping(table.header), { ip: 1, hostname: 0, product: 2 });
    const { hosts, skipped } = inventory.fromCsv(table, { ip: 1, hostname: 0, product: 2 });
    assert.deepEqual(skipped, []);
    const r = inventory.reconcile(hosts, licenses);
    assert.deepEqual(r.onlyInCln, [{ ip: '192.0.2.4', types: [41] }]);
    assert.deepEqual(r.onlyInInventory, [{ ip: '192.0.2.50', hostname: 'new1', product: 'KernelCare' }]);
    assert.deepEqual(r.wrongProduct, [{ host: { ip: '192.0.2.3', hostname: 'kc1', product: cl }, ip: '192.0.2.3', expected: 1, actual: [16] }]);
  });

  it('reads a plain IP list and Ansible INI and YAML hosts files', () => {
    assert.equal(inventory.detectFormat('hosts.txt', '192.0.2.1\n# c\n192.0.2.2, 2001:db8::1\n'), 'ips');
    assert.deepEqual(
      inventory.fromIpList('192.0.2.1\n# c\n192.0.2.2, 2001:db8::1\nnope\n').hosts.map((h) => h.ip),
      ['192.0.2.1', '192.0.2.2', '2001:db8::1'],
    );
    const iniText = '192.0.2.9\n[web]\nweb1 ansible_host=192.0.2.1 cln_product=1\nweb2 ansible_host=192.0.2.2\n[web:vars]\nntp=1.2.3.4\n[db]\ndb1.example\n';
    assert.equal(inventory.detectFormat('hosts', iniText), 'ansible-ini');
    const fromIni = inventory.fromAnsibleIni(iniText);
    assert.deepEqual(fromIni.hosts, [{ ip: '192.0.2.9' }, { ip: '192.0.2.1', hostname: 'web1', product: '1' }, { ip: '192.0.2.2', hostname: 'web2' }]);
    assert.deepEqual(fromIni.skipped, ['db1.example: no IP address (set ansible_host)']);
    // Ansible's dialect, not generic INI: shell quoting, `#` comments, one host however many groups name it.
    const ansible = [
      '; a comment',
      '[web]',
      'web1 ansible_host=192.0.2.1 cln_product="CloudLinux OS"  # the front end',
      "web2 ansible_host='192.0.2.2' cln_product=KernelCare",
      '[eu:children]',
      'web',
      '[all_servers]',
      'web1 cln_product="KernelCare Plus"',
      'bad ansible_host="192.0.2.3',
      '"192.0.2.4"',
      "'",
    ].join('\n');
    const read = inventory.fromAnsibleIni(ansible);
    assert.deepEqual(read.hosts, [{ ip: '192.0.2.1', hostname: 'web1', product: 'KernelCare Plus' }, { ip: '192.0.2.2', hostname: 'web2', product: 'KernelCare' }, { ip: '192.0.2.4' }]);
    assert.deepEqual(read.skipped, ['lines 9, 11: a quote is not closed']);
    const yamlText = 'all:\n  hosts:\n    192.0.2.9:\n  children:\n    web:\n      hosts:\n        web1:\n          ansible_host: 192.0.2.1\n          cln_product: KernelCare\n';
    assert.equal(inventory.detectFormat('inventory.yml', yamlText), 'ansible-yaml');
    assert.deepEqual(inventory.fromAnsibleYaml(yamlText).hosts, [{ ip: '192.0.2.9' }, { ip: '192.0.2.1', hostname: 'web1', product: 'KernelCare' }]);
  });

  it('turns a selection into a desired-state file that plans as expected', () => {
    const text = inventory.licensesFile([
      { ip: '192.0.2.50', type: 16 },
      { ip: '192.0.2.4', type: 41, state: 'absent' },
    ]);
    const file = JSON.parse(text);
    assert.deepEqual(file.ipLicenses, {
      prune: false,
      licenses: [
        { ip: '192.0.2.50', type: 16 },
        { ip: '192.0.2.4', type: 41, state: 'absent' },
      ],
    });
  });
});
