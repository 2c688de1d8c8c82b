// The account as a file, in the extension host against the simulator: Export, Plan (plan,
// CodeLens, Problems), Apply (confirmation, per-item results, a re-plan), a stale plan,
// schema diagnostics, Compare with Inventory, and the hover on an IP.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { ipTypeName } from '../../src/cln/catalog';
import { keyRef } from '../../src/features/accountFile/core/format';
import type { ApplyResult, CompareResult, PlanResult } from '../../src/features/accountFile/commands';
import { Harness, notices, useSignedInHarness } from './commandHelpers';
import { setSetting, waitFor } from './helpers';

const documentOf = (uri: string) => {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  assert.ok(document, `${uri} is open`);
  return document;
};

async function setText(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map((l) => l.command?.title ?? '');
}

async function closeAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled' || d.uri.path.endsWith('.cln.json'))) {
    if (document.isClosed) continue;
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

describe('Desired-state files (*.cln.json)', function () {
  this.timeout(90_000);
  let h: Harness;
  useSignedInHarness(23, (harness) => (h = harness));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cln-desired-'));
  after(async () => {
    await closeAll();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function exportFile(references = true): Promise<vscode.TextDocument> {
    const prompter = h.script([{ pick: references ? /Key references/ : /Key strings/ }]);
    const result = await h.run<{ uri: string; keys: number }>('cln.exportAccount');
    assert.ok(result, `export ran: ${JSON.stringify(notices(prompter))}`);
    assert.match(result.uri, /\.cln\.json$/);
    if (!references) assert.match(notices(prompter).join('\n'), /warning: Exported .* The file holds \d+ key strings: keys are credentials/);
    return documentOf(result.uri);
  }

  it('Export then Plan on an unchanged account gives an empty plan, with "in CLN" on every entry', async () => {
    const document = await exportFile();
    const text = document.getText();
    for (const key of h.sim.state.kcareKeys) assert.ok(!text.includes(key.key), 'references, not key strings');
    assert.strictEqual(JSON.parse(text).ipLicenses.licenses.length, h.sim.state.ipLicenses.length);
    h.sim.resetLog();
    h.script([]);
    const plan = await h.run<PlanResult>('cln.plan', document.uri);
    assert.strictEqual(plan.summary, '+0 ~0 −0');
    assert.deepStrictEqual(plan.changes, []);
    assert.deepStrictEqual(
      plan.problems.filter((p) => p.severity === 'error'),
      [],
    );
    assert.strictEqual(h.sim.requests.length, 0, 'planning reused the cached reads of the export');
    const lenses = await lensTitles(document.uri);
    assert.ok(lenses.includes('$(checklist) CLN plan: +0 ~0 −0'), lenses.join(' | '));
    assert.ok(lenses.filter((t) => t === '$(check) in CLN').length >= h.sim.state.ipLicenses.length);
  });

  it('editing the file gives exactly those changes; Apply makes the simulator match and a re-plan is empty', async () => {
    const document = await exportFile(false);
    const file = JSON.parse(document.getText());
    const dropped = file.ipLicenses.licenses.pop();
    file.ipLicenses.prune = true;
    file.ipLicenses.licenses.push({ ip: '198.51.100.200', type: 1 });
    const imKey = file.imunify.keys[0];
    const oldLimit = imKey.limit;
    imKey.limit = oldLimit + 3;
    await setText(document, JSON.stringify(file, null, 2));
    h.script([]);
    const plan = await h.run<PlanResult>('cln.plan', document.uri);
    assert.strictEqual(plan.summary, '+1 ~1 −1');
    assert.deepStrictEqual(plan.changes.map((c) => c.slice(0, 1)).sort(), ['+', '~', '−'].sort());
    assert.ok(plan.changes.includes(`+ register 198.51.100.200 as ${ipTypeName(1)}`), plan.changes.join('\n'));
    assert.ok(
      plan.changes.some((c) => c.startsWith(`− remove ${dropped.ip} (`)),
      plan.changes.join('\n'),
    );
    const lenses = await lensTitles(document.uri);
    const limitText = (n: number) => (n === 0 ? 'unlimited' : String(n));
    for (const wanted of ['$(add) will be registered', `$(edit) limit ${limitText(oldLimit)} → ${limitText(oldLimit + 3)}`, '$(play) Apply 3 changes'])
      assert.ok(lenses.includes(wanted), `${wanted} in ${lenses.join(' | ')}`);
    assert.ok(
      lenses.some((t) => t.startsWith('$(trash) will remove 1 not listed')),
      lenses.join(' | '),
    );

    h.sim.resetLog();
    const since = new Date(Date.now() - 1000).toISOString();
    const prompter = h.script([{ confirm: true }]);
    const result = await h.run<ApplyResult>('cln.apply', document.uri);
    assert.ok(result, JSON.stringify(notices(prompter)));
    assert.match(prompter.asked[0].message ?? '', /^1 removal from CLN\. Apply 3 changes \(\+1 ~1 −1\)\?$/, 'the number of removals first');
    assert.match(prompter.asked[0].detail ?? '', new RegExp(`^Removals \\(1\\):\\n− remove ${dropped.ip.replace(/[.:]/g, '\\$&')} \\(`), prompter.asked[0].detail);
    assert.ok((prompter.asked[0].detail ?? '').includes(`+ register 198.51.100.200 as ${ipTypeName(1)}`), prompter.asked[0].detail);
    assert.strictEqual(result.stale, false);
    assert.strictEqual(result.report.done.length, 3, JSON.stringify(result.report));
    assert.strictEqual(h.changeRequests().length, 3, 'one request per change, nothing retried');
    assert.ok(h.sim.state.ipLicenses.some((l) => l.ip === '198.51.100.200' && l.type === 1));
    assert.ok(!h.sim.state.ipLicenses.some((l) => l.ip === dropped.ip && l.type === dropped.type));
    assert.strictEqual(h.sim.state.imunifyKeys.find((k) => k.key === imKey.key)?.limit, oldLimit + 3);
    assert.strictEqual(result.after.summary, '+0 ~0 −0', 'after Apply, nothing is left');
    assert.match(notices(prompter).join('\n'), /info: Applied 3 of 3 changes\./);
    // Every change is in the activity journal, as one bulk run, keys shortened.
    // Apply's run: the one holding its registration (other suites' runs may end within the same second).
    const recent = (await h.api.journal.entries()).filter((e) => e.time >= since);
    const applyRun = recent.find((e) => e.action === 'ipl.register' && e.target.startsWith('register 198.51.100.200 '))?.run;
    assert.ok(applyRun, `Apply's registration is journaled in a run: ${JSON.stringify(recent)}`);
    const journaled = recent.filter((e) => e.run === applyRun);
    assert.deepStrictEqual(journaled.map((e) => `${e.action} ${e.outcome}`).sort(), ['im.key.update done', 'ipl.register done', 'ipl.remove done']);
    assert.ok(
      journaled.every((e) => e.run && e.run === journaled[0].run),
      `one run: ${JSON.stringify(journaled)}`,
    );
    assert.ok(!JSON.stringify(journaled).includes(imKey.key), 'no key in full');
    assert.ok(
      journaled.some((e) => e.target === `register 198.51.100.200 as ${ipTypeName(1)}`),
      journaled.map((e) => e.target).join(' | '),
    );
  });

  it("CloudLinux OS keys and the add-ons' account level: Apply updates, creates and removes keys (naming the servers a removal takes) and turns Imunify Email on", async () => {
    const document = await exportFile();
    const file = JSON.parse(document.getText());
    const byKeyRef = new Map(h.sim.state.clKeys.map((k) => [keyRef(k.key), k.key]));
    const withServers = file.cloudlinux.keys.filter((e: { ref: string }) => h.sim.state.clServers.some((s) => s.key === byKeyRef.get(e.ref)));
    const gone = withServers[0];
    const goneKey = byKeyRef.get(gone.ref)!;
    const hosts = h.sim.state.clServers.filter((s) => s.key === goneKey).map((s) => s.hostname);
    const raised = file.cloudlinux.keys.find((e: { ref: string }) => e !== gone);
    const raisedKey = byKeyRef.get(raised.ref)!;
    gone.state = 'absent';
    raised.limit += 4;
    file.cloudlinux.keys.push({ product: 'cls', limit: 2, note: 'from the file' });
    file.addons.account['4600'] = 'ENABLED';
    await setText(document, JSON.stringify(file, null, 2));
    h.sim.resetLog();
    const prompter = h.script([{ confirm: true }]);
    const result = await h.run<ApplyResult>('cln.apply', document.uri);
    assert.ok(result, JSON.stringify(notices(prompter)));
    assert.match(prompter.asked[0].message ?? '', /^1 removal from CLN\. Apply 4 changes \(\+1 ~2 −1\)\?$/);
    const detail = prompter.asked[0].detail ?? '';
    assert.ok(detail.includes(hosts.length === 1 ? 'and the server registered with it: ' : `and the ${hosts.length} servers registered with it: `), detail);
    for (const host of hosts.slice(0, 10)) assert.ok(detail.includes(host), `the removal names ${host}: ${detail}`);
    assert.ok(detail.includes('Imunify Email: depends on lower level → on'), detail);
    assert.strictEqual(result.report.done.length, 4, JSON.stringify(result.report));
    assert.strictEqual(h.changeRequests().length, 4, 'one request per change, nothing retried');
    assert.ok(!h.sim.state.clKeys.some((k) => k.key === goneKey));
    assert.strictEqual(h.sim.state.clKeys.find((k) => k.key === raisedKey)?.limit, raised.limit);
    const created = h.sim.state.clKeys.find((k) => k.note === 'from the file');
    assert.ok(created && created.product.toUpperCase() === 'CLS' && created.limit === 2);
    assert.strictEqual(h.sim.state.accountFeatures['4600'], 'ENABLED');
    assert.ok(document.getText().includes(keyRef(created.key)), 'the created key is written back as a reference');
    assert.ok(!document.getText().includes(created.key));
    assert.strictEqual(result.after.summary, '+0 ~0 −0', 'after Apply, nothing is left');
  });

  it('an account without API v2 exports no "cloudlinux" or "addons" section and says why, not as an error', async () => {
    h.sim.state.v2.unavailable = 404;
    try {
      await vscode.commands.executeCommand('cln.refresh');
      const prompter = h.script([{ pick: /Key references/ }]);
      const result = await h.run<{ uri: string }>('cln.exportAccount');
      assert.ok(result, JSON.stringify(notices(prompter)));
      const file = JSON.parse(documentOf(result.uri).getText());
      assert.ok(!('cloudlinux' in file) && !('addons' in file), Object.keys(file).join(', '));
      assert.ok(file.kernelcare.keys.length > 0, 'the v1 sections are all there');
      assert.match(notices(prompter).join('\n'), /info: The file has no "cloudlinux" or "addons" section: CLN did not answer API v2 for this account \(.*404.*\)/);
      assert.ok(!notices(prompter).some((n) => n.startsWith('error')), notices(prompter).join('\n'));
    } finally {
      h.sim.state.v2.unavailable = null;
      await vscode.commands.executeCommand('cln.refresh');
    }
  });

  it('detects a stale plan: CLN changed since the plan was made', async () => {
    const document = await exportFile();
    const file = JSON.parse(document.getText());
    file.ipLicenses.licenses.push({ ip: '198.51.100.201', type: 16 }, { ip: '198.51.100.202', type: 16 });
    await setText(document, JSON.stringify(file, null, 2));
    h.script([]);
    const plan = await h.run<PlanResult>('cln.plan', document.uri);
    assert.strictEqual(plan.summary, '+2 ~0 −0');
    // Someone registers one of them elsewhere meanwhile.
    h.sim.state.ipLicenses.push({ ip: '198.51.100.201', type: 16, registered: false, created: { ms: Date.now(), offset: 0 }, elsAllowed: false, serverInfo: null, lastCheckin: null });
    h.sim.resetLog();
    const prompter = h.script([{ confirm: false }]);
    await h.run('cln.apply', document.uri);
    assert.match(prompter.asked[0].message ?? '', /^CLN changed since the plan was made\. The plan is now \+1 ~0 −0 \(was \+2 ~0 −0\)\. Apply the new plan\?$/);
    assert.match(prompter.asked[0].detail ?? '', /no longer: register 198\.51\.100\.201 as KernelCare/);
    assert.strictEqual(h.changeRequests().length, 0, 'declined: nothing sent');
  });

  /** The text of the plan view beside the file, as a user reads it. */
  async function planViewText(document: vscode.TextDocument): Promise<string> {
    await waitFor(
      () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'cln-plan' && e.document.uri.query === document.uri.toString()),
      'the plan view is open beside the file',
    );
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'cln-plan' && e.document.uri.query === document.uri.toString())!.document.getText();
  }

  async function closePlanViews(): Promise<void> {
    for (const editor of vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme === 'cln-plan')) {
      await vscode.window.showTextDocument(editor.document, editor.viewColumn);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  }

  it("Apply says the number of removals first and lists every change: past the dialog's room, Show All opens the plan and sends nothing", async () => {
    await closePlanViews();
    const document = await exportFile();
    const file = JSON.parse(document.getText());
    file.ipLicenses.prune = true;
    const dropped: { ip: string; type: number }[] = file.ipLicenses.licenses.splice(0, 2);
    const added = Array.from({ length: 20 }, (_, i) => ({ ip: `198.51.100.${i + 1}`, type: 16 }));
    file.ipLicenses.licenses.push(...added);
    await setText(document, JSON.stringify(file, null, 2));
    h.sim.resetLog();
    const prompter = h.script([{ choose: 'Show All' }]);
    await h.run('cln.apply', document.uri);
    const asked = prompter.asked[0];
    assert.match(asked.message ?? '', /^2 removals from CLN\. Apply 22 changes \(\+20 ~0 −2\)\?$/);
    assert.deepStrictEqual(asked.offered, ['Apply', 'Show All']);
    const detail = (asked.detail ?? '').split('\n');
    assert.strictEqual(detail[0], 'Removals (2):', asked.detail);
    for (const d of dropped)
      assert.ok(
        detail.slice(1, 3).some((l) => l.startsWith(`− remove ${d.ip} (`)),
        asked.detail,
      );
    assert.ok(detail.includes('Other changes (20):'), asked.detail);
    assert.ok(detail.includes('… and 2 more: Show All opens the plan, which lists every change.'), asked.detail);
    assert.strictEqual(h.changeRequests().length, 0, 'Show All sends nothing');
    const view = await planViewText(document);
    for (const a of added) assert.ok(view.includes(`+ register ${a.ip} as KernelCare`), view);
    for (const d of dropped) assert.ok(view.includes(`− remove ${d.ip} (`), view);
    assert.match(notices(prompter).join('\n'), /Nothing applied yet: the plan lists all 22 changes\./);
    await closePlanViews();
  });

  it('more removals than cln.cleanup.confirmThreshold are confirmed by typing their number, with the plan beside', async () => {
    await closePlanViews();
    await setSetting('cleanup.confirmThreshold', 3);
    try {
      const document = await exportFile();
      const file = JSON.parse(document.getText());
      file.ipLicenses.prune = true;
      const dropped: { ip: string; type: number }[] = file.ipLicenses.licenses.splice(0, 4);
      await setText(document, JSON.stringify(file, null, 2));
      h.sim.resetLog();
      let prompter = h.script([{ input: '3' }]);
      await h.run('cln.apply', document.uri);
      assert.strictEqual(prompter.asked[0].type, 'input', 'a typed number, not a button');
      assert.match(prompter.asked[0].title, /^Apply 4 changes to CLN \(\+0 ~0 −4\)$/);
      assert.strictEqual(prompter.asked[0].validation, 'Type 4 (the number of removals) to confirm.');
      assert.strictEqual(h.changeRequests().length, 0, 'a wrong number sends nothing');
      const view = await planViewText(document);
      for (const d of dropped) assert.ok(view.includes(`− remove ${d.ip} (`), view);

      prompter = h.script([{ input: '4' }]);
      const result = await h.run<ApplyResult>('cln.apply', document.uri);
      assert.ok(result, JSON.stringify(notices(prompter)));
      assert.strictEqual(result.report.done.length, 4);
      for (const d of dropped) assert.ok(!h.sim.state.ipLicenses.some((l) => l.ip === d.ip && l.type === d.type));
    } finally {
      await setSetting('cleanup.confirmThreshold', undefined);
      await closePlanViews();
    }
  });

  it('a pruned section with an error prunes nothing: Plan says why in Problems and the plan view, Apply removes nothing', async () => {
    await closePlanViews();
    const document = await exportFile();
    const file = JSON.parse(document.getText());
    file.ipLicenses.prune = true;
    const [spoilt, unlisted] = file.ipLicenses.licenses;
    spoilt.type = String(spoilt.type);
    file.ipLicenses.licenses.splice(1, 1);
    await setText(document, JSON.stringify(file, null, 2));
    h.script([]);
    const plan = await h.run<PlanResult>('cln.plan', document.uri);
    assert.deepStrictEqual(plan.changes, [], plan.changes.join('\n'));
    assert.strictEqual(plan.held.length, 1);
    const messages = vscode.languages
      .getDiagnostics(document.uri)
      .filter((d) => d.source === 'CLN')
      .map((d) => d.message);
    assert.ok(messages.includes(`"type" is a number, not text: write ${spoilt.type}, not "${spoilt.type}".`), messages.join('\n'));
    assert.ok(
      messages.some((m) => m.startsWith('Nothing unlisted is removed from "ipLicenses" while it has an error')),
      messages.join('\n'),
    );
    assert.ok((await lensTitles(document.uri)).includes('$(error) prune held back: 1 error in this section'));
    await h.run('cln.showPlan', document.uri);
    const view = await planViewText(document);
    assert.match(view, /Not pruned \(1\): Apply removes nothing these sections do not list\n {2}! line \d+: Nothing unlisted is removed from "ipLicenses"/);
    h.sim.resetLog();
    const prompter = h.script([]);
    await h.run('cln.apply', document.uri);
    assert.strictEqual(prompter.asked.length, 0, 'nothing to confirm');
    assert.match(notices(prompter).join('\n'), /Nothing to apply from .*\. Nothing unlisted is removed from "ipLicenses"/);
    assert.strictEqual(h.changeRequests().length, 0);
    assert.ok(
      h.sim.state.ipLicenses.some((l) => l.ip === unlisted.ip && l.type === unlisted.type),
      'the unlisted license stays',
    );
    await closePlanViews();
  });

  it('shows schema and planning problems in the Problems panel', async () => {
    const file = path.join(tmp, 'bad.cln.json');
    const foreign = h.sim.state.foreignLicenses[0];
    fs.writeFileSync(file, JSON.stringify({ ipLicenses: { licenses: [{ ip: '198.51.100.9' }, { ip: '10.0.0.300', type: 1 }, { ip: foreign.ip, type: foreign.type }], prune: 'yes' } }, null, 2));
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    // The JSON language service validates against the contributed schema; CLN Explorer reads the file too.
    await waitFor(() => vscode.languages.getDiagnostics(uri).some((d) => d.source !== 'CLN' && /type/i.test(d.message)), 'schema diagnostics from the JSON language service', 30_000);
    await waitFor(() => vscode.languages.getDiagnostics(uri).some((d) => d.source === 'CLN' && d.message.includes('has a "type"')), 'CLN diagnostics while editing');
    h.script([]);
    await h.run<PlanResult>('cln.plan', uri);
    const messages = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === 'CLN')
      .map((d) => `${d.range.start.line + 1}: ${d.message}`);
    assert.ok(
      messages.some((m) => /"10\.0\.0\.300" is not a valid IPv4 or IPv6 address/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.includes(`CLN does not offer`) && m.includes(foreign.ip)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.includes('"prune" is true or false')),
      messages.join('\n'),
    );
  });

  it('compares a CSV inventory with planted differences and lists exactly them', async () => {
    const licenses = h.sim.state.ipLicenses;
    const ips = [...new Set(licenses.map((l) => l.ip))];
    const [missing, wrong, ...rest] = ips;
    const wrongTypes = licenses.filter((l) => l.ip === wrong).map((l) => l.type);
    const expected = [1, 16, 41].find((t) => !wrongTypes.includes(t))!;
    const rows = ['name,ip,product', `new-box,198.51.100.250,KernelCare`, `w,${wrong},${expected}`];
    for (const ip of rest) rows.push(`h,${ip},${licenses.find((l) => l.ip === ip)!.type}`);
    const csv = path.join(tmp, 'inventory.csv');
    fs.writeFileSync(csv, rows.join('\n') + '\n');
    const prompter = h.script([{ pick: 'ip' }, { pick: 'name' }, { pick: 'product' }, { pick: /In the inventory, not in CLN/ }, { pickMany: ['198.51.100.250'] }]);
    const result = await h.run<CompareResult>('cln.compareInventory', vscode.Uri.file(csv));
    assert.ok(result, JSON.stringify(notices(prompter)));
    assert.deepStrictEqual(result.onlyInCln, [missing]);
    assert.deepStrictEqual(result.onlyInInventory, ['198.51.100.250']);
    assert.deepStrictEqual(result.wrongProduct, [wrong]);
    assert.deepStrictEqual(prompter.asked[3].offered, ['$(credit-card) In CLN, not in the inventory (1)', '$(server) In the inventory, not in CLN (1)', '$(warning) Wrong product (1)']);
    const made = JSON.parse(documentOf(result.file!).getText());
    assert.deepStrictEqual(made.ipLicenses.licenses, [{ ip: '198.51.100.250', type: 16 }]);
    h.script([]);
    const plan = await h.run<PlanResult>('cln.plan', vscode.Uri.parse(result.file!));
    assert.deepStrictEqual(plan.changes, ['+ register 198.51.100.250 as KernelCare']);
  });

  it('hovering a seeded IP shows its licenses from the cache, without a request', async () => {
    await exportFile();
    // A license no server uses yet: the hover says so in the row's words ("no server yet"), never "not registered".
    const license = h.sim.state.ipLicenses.find((l) => !l.registered) ?? h.sim.state.ipLicenses[0];
    const document = await vscode.workspace.openTextDocument({ content: `# servers\nweb1 ansible_host=${license.ip}\n`, language: 'ini' });
    h.sim.resetLog();
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(1, 20))) ?? [];
    const text = hovers
      .flatMap((hv) => hv.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n')
      .replace(/\\(.)/g, '$1');
    for (const l of h.sim.state.ipLicenses.filter((x) => x.ip === license.ip)) assert.ok(text.includes(`${ipTypeName(l.type)} (type ${l.type}) · ${l.registered ? 'in use' : 'no server yet'}`), text);
    assert.ok(!license.registered, 'the seed has a license no server uses');
    assert.ok(!/not registered/.test(text), text);
    assert.match(text, /Check in CLN/);
    assert.strictEqual(h.sim.requests.length, 0, 'a hover sends nothing');
  });
});
