// IP license commands against the simulator, every answer scripted: the
// questions in contract order, the simulator's state after, the notice shown.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { ipTypeName as nameOfType } from '../../src/cln/catalog';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { Harness, notices, onlyNotice, sleep, titles, treeLabels, treeNodes, useSignedInHarness } from './commandHelpers';
import { waitForOutput } from './helpers';

const licenseNode = (ip: string, type: number): ExplorerNode => ({ kind: 'ipLicense', license: { ip, type, registered: false, created: null } });

describe('IP license commands', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(7, (harness) => (h = harness));

  const owns = (ip: string, type?: number) => h.sim.state.ipLicenses.some((l) => l.ip === ip && (type === undefined || l.type === type));

  describe('Register IP License', () => {
    it('asks the IP, then the type, then "Allow CL6 (ELS) registration?" (default No), and registers once', async () => {
      assert.ok(!(await treeLabels(h.api, ['IP Licenses', 'CloudLinux OS Legacy'])).includes('198.51.100.7'), 'not in the tree before');
      const prompter = h.script([{ input: '198.51.100.7' }, { pick: 'CloudLinux OS Legacy' }, { pick: 'No' }]);
      await h.run('cln.registerIpLicense');

      assert.deepStrictEqual(titles(prompter), ['input: IP address', 'pick: License type', 'pick: Allow CL6 (ELS) registration?']);
      assert.deepStrictEqual(prompter.asked[2].offered, ['No', 'Yes'], 'No is offered first, as the default');
      const license = h.sim.state.ipLicenses.find((l) => l.ip === '198.51.100.7');
      assert.ok(license, 'the simulator has the new license');
      assert.strictEqual(license.type, 1);
      assert.strictEqual(license.elsAllowed, false);
      assert.strictEqual(h.sim.mutationCounts['ipl.register'], 1);
      assert.deepStrictEqual(onlyNotice(prompter), { level: 'info', message: 'Registered 198.51.100.7 as CloudLinux OS Legacy.', actions: [] });
      assert.ok((await treeLabels(h.api, ['IP Licenses', 'CloudLinux OS Legacy'])).includes('198.51.100.7'), 'the Licenses view shows the new IP');
    });

    it('does not ask about ELS for a type that is not CloudLinux', async () => {
      const prompter = h.script([{ input: '198.51.100.8' }, { pick: 'KernelCare' }]);
      await h.run('cln.registerIpLicense');
      assert.deepStrictEqual(titles(prompter), ['input: IP address', 'pick: License type']);
      assert.ok(owns('198.51.100.8', 16));
    });

    it('refuses a bad IP as it is typed, before any request', async () => {
      const prompter = h.script([{ input: '198.51.100.300' }]);
      await h.run('cln.registerIpLicense');
      assert.match(prompter.asked[0].validation ?? '', /not a valid IPv4 or IPv6 address/);
      assert.strictEqual(h.sim.requests.length, 0, 'no request reached the simulator');
      assert.deepStrictEqual(prompter.notices, []);
    });

    it('stops before registering a type the IP already has, using ipl.availability', async () => {
      const existing = h.sim.state.ipLicenses[0];
      const prompter = h.script([{ input: existing.ip }, { pick: nameOfType(existing.type) }]);
      await h.run('cln.registerIpLicense');
      assert.ok(
        h.sim.requests.some((r) => r.endpointId === 'ipl.availability'),
        'availability was read for the picker',
      );
      assert.deepStrictEqual(h.changeRequests(), []);
      assert.match(onlyNotice(prompter).message, /already has a .* license in this account; nothing was registered/);
    });

    it('registers a pasted list of IPs one by one and reports the total', async () => {
      const prompter = h.script([{ input: '198.51.100.20, 198.51.100.21\n198.51.100.22 198.51.100.20' }, { pick: 'KernelCare' }]);
      await h.run('cln.registerIpLicense');
      for (const ip of ['198.51.100.20', '198.51.100.21', '198.51.100.22']) assert.ok(owns(ip, 16), `${ip} registered`);
      assert.strictEqual(h.sim.mutationCounts['ipl.register'], 3, 'the duplicate was registered once');
      assert.deepStrictEqual(notices(prompter), ['info: Registered 3 of 3 IP licenses.']);
    });

    it('reports a failure part-way per item and keeps what succeeded', async () => {
      h.sim.faults.set('ipl.register', { kind: 'http500', times: 1 });
      const prompter = h.script([{ input: '198.51.100.30 198.51.100.31 198.51.100.32' }, { pick: 'KernelCare' }]);
      await h.run('cln.registerIpLicense');
      assert.ok(!owns('198.51.100.30'), 'the first one failed');
      assert.ok(owns('198.51.100.31') && owns('198.51.100.32'), 'the others were registered');
      assert.strictEqual(h.changeRequests().length, 3, 'one request per IP, none retried');
      const notice = onlyNotice(prompter);
      assert.strictEqual(notice.level, 'warning');
      assert.match(notice.message, /^Registered 2 of 3 IP licenses; 1 failed: 198\.51\.100\.30 as KernelCare — CLN answered HTTP 500/);
      await waitForOutput((line) => line.includes('FAILED (outcome unknown): 198.51.100.30 as KernelCare'), 'the per-item report');
    });

    it('says when the outcome is unknown (timeout after sending) and does not retry', async () => {
      await vscode.workspace.getConfiguration('cln').update('requestTimeout', 1, vscode.ConfigurationTarget.Global);
      h.api.session.applySettings();
      try {
        h.sim.faults.set('ipl.register', { kind: 'latency', ms: 2_000, times: 1, afterCommit: true });
        const prompter = h.script([{ input: '198.51.100.40' }, { pick: 'KernelCare' }]);
        await h.run('cln.registerIpLicense');
        const notice = onlyNotice(prompter);
        assert.strictEqual(notice.level, 'warning');
        assert.match(notice.message, /did not answer within 1 s/);
        assert.match(notice.message, /may or may not have been made/);
        await sleep(1_500);
        assert.strictEqual(h.sim.requests.filter((r) => r.endpointId === 'ipl.register').length, 1, 'sent once, never retried');
        assert.strictEqual(h.sim.mutationCounts['ipl.register'], 1, 'CLN did make the change');
      } finally {
        await vscode.workspace.getConfiguration('cln').update('requestTimeout', undefined, vscode.ConfigurationTarget.Global);
        h.api.session.applySettings();
      }
    });

    it('on a type folder, asks only the IP (and ELS)', async () => {
      const prompter = h.script([{ input: '198.51.100.9' }, { pick: 'Yes' }]);
      await h.run('cln.registerIpLicense', { kind: 'ipType', type: 1002 });
      assert.deepStrictEqual(titles(prompter), ['input: IP address', 'pick: Allow CL6 (ELS) registration?']);
      assert.strictEqual(h.sim.state.ipLicenses.find((l) => l.ip === '198.51.100.9')?.elsAllowed, true);
    });
  });

  describe('Remove IP License', () => {
    it('asks the IP first, then the type or all, then confirms naming what is lost', async () => {
      const { ip, type } = h.sim.state.ipLicenses[1];
      const prompter = h.script([{ pick: ip }, { pick: nameOfType(type) }, { confirm: true }]);
      await h.run('cln.removeIpLicense');

      assert.deepStrictEqual(
        titles(prompter).map((t) => t.replace(/^confirm: .*/, 'confirm')),
        ['pick: IP address', 'pick: License to remove', 'confirm'],
      );
      assert.ok(prompter.asked[1].offered?.includes('All types'));
      assert.strictEqual(prompter.asked[2].message, `Remove the ${nameOfType(type)} license of ${ip}?`);
      assert.ok(!owns(ip, type), 'the license is gone');
      assert.strictEqual(h.sim.mutationCounts['ipl.remove'], 1);
      assert.deepStrictEqual(notices(prompter), [`info: Removed the ${nameOfType(type)} license of ${ip}.`]);
    });

    it('from a row of the Licenses view removes that license, and the row goes away', async () => {
      h.sim.state.ipLicenses.push(simLicense('198.51.100.55', 17));
      await h.run('cln.refresh'); // added behind the extension's back; earlier tests left the view loaded
      const row = (await treeNodes(h.api, ['IP Licenses', 'KernelCare Plus'])).find((entry) => entry.label === '198.51.100.55');
      assert.ok(row, 'the view shows the license');
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeIpLicense', row.node, [row.node]);
      assert.deepStrictEqual(titles(prompter), ['confirm: Remove the KernelCare Plus license of 198.51.100.55?'], 'the row answers the IP and type questions');
      assert.ok(!owns('198.51.100.55'));
      const left = await treeNodes(h.api, ['IP Licenses']).then(async (types) =>
        types.some((t) => t.label === 'KernelCare Plus') ? treeLabels(h.api, ['IP Licenses', 'KernelCare Plus']) : ([] as string[]),
      );
      assert.ok(!left.includes('198.51.100.55'), 'the row is gone after the refresh');
    });

    it('changes nothing when the confirmation is cancelled', async () => {
      const { ip, type } = h.sim.state.ipLicenses[2];
      const prompter = h.script([{ pick: ip }, { pick: nameOfType(type) }, { confirm: false }]);
      await h.run('cln.removeIpLicense');
      assert.ok(owns(ip, type));
      assert.deepStrictEqual(h.changeRequests(), []);
      assert.deepStrictEqual(prompter.notices, []);
    });

    it('takes another IP typed in, validated before any request', async () => {
      const prompter = h.script([{ pick: /Enter another IP/ }, { input: 'not-an-ip' }]);
      await h.run('cln.removeIpLicense');
      assert.match(prompter.asked[1].validation ?? '', /not a valid IPv4 or IPv6 address/);
      assert.deepStrictEqual(h.changeRequests(), []);
    });

    it('removes "All types" of an IP with one call', async () => {
      const ip = '198.51.100.50';
      h.sim.state.ipLicenses.push(simLicense(ip, 1), simLicense(ip, 16));
      const prompter = h.script([{ pick: /Enter another IP/ }, { input: ip }, { pick: 'All types' }, { confirm: true }]);
      await h.run('cln.removeIpLicense');
      assert.strictEqual(prompter.asked[3].message, `Remove all 2 IP licenses of ${ip} (CloudLinux OS Legacy, KernelCare)?`);
      assert.ok(!owns(ip));
      assert.deepStrictEqual(
        h.changeRequests().map((r) => r.query),
        [{ ip }],
      );
    });

    it('acts on a multi-selection, skipping and naming what is not an IP license', async () => {
      h.sim.state.ipLicenses.push(simLicense('198.51.100.60', 16), simLicense('198.51.100.61', 1));
      const a = licenseNode('198.51.100.60', 16);
      const b = licenseNode('198.51.100.61', 1);
      const key: ExplorerNode = { kind: 'kcareKey', key: { key: 'K-not-a-license', enabled: true, created: null, limit: 0, note: null } };
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeIpLicense', a, [a, key, b]);
      assert.strictEqual(prompter.asked[0].message, 'Remove 2 IP licenses?');
      assert.match(prompter.asked[0].detail ?? '', /the KernelCare license of 198\.51\.100\.60\nthe CloudLinux OS Legacy license of 198\.51\.100\.61/);
      assert.ok(!owns('198.51.100.60') && !owns('198.51.100.61'));
      assert.strictEqual(h.sim.mutationCounts['ipl.remove'], 2);
      const notice = onlyNotice(prompter);
      assert.strictEqual(notice.level, 'info');
      assert.strictEqual(notice.message, 'Removed 2 of 2 IP licenses; skipped 1 the command does not apply to: KernelCare key K-not-a-license.');
    });

    it('shows CLN answering "false" as a notice, not as success', async () => {
      const prompter = h.script([{ confirm: true }]);
      await h.run('cln.removeIpLicense', licenseNode('198.51.100.70', 1), undefined);
      assert.deepStrictEqual(notices(prompter), [
        'warning: CLN did not remove the CloudLinux OS Legacy license of 198.51.100.70: CLN found no such license owned by this account (it answered "false")',
      ]);
    });
  });

  describe('Convert, Update and Check IP', () => {
    it('converts an Imunify license to the picked type', async () => {
      h.sim.state.ipLicenses.push(simLicense('198.51.100.80', 41));
      const prompter = h.script([{ pick: 'Imunify360 up to 30 users' }]);
      await h.run('cln.convertIpLicense', licenseNode('198.51.100.80', 41));
      assert.deepStrictEqual(titles(prompter), ['pick: Convert to']);
      assert.ok(!prompter.asked[0].offered?.includes('Imunify360 single user'), 'the current type is not offered');
      assert.ok(owns('198.51.100.80', 42));
      assert.deepStrictEqual(notices(prompter), ['info: Converted 198.51.100.80 from Imunify360 single user to Imunify360 up to 30 users.']);
    });

    it('from the palette, offers only the Imunify licenses of the account', async () => {
      h.sim.state.ipLicenses.push(simLicense('198.51.100.81', 40));
      const prompter = h.script([{ pick: '198.51.100.81' }, { pick: 'Imunify360 unlimited' }]);
      await h.run('cln.convertIpLicense');
      const offered = prompter.asked[0].offered ?? [];
      const imunifyIps = new Set(h.sim.state.ipLicenses.filter((l) => [40, 41, 42, 43, 49].includes(l.type)).map((l) => l.ip));
      assert.ok(
        offered.every((ip) => imunifyIps.has(ip)),
        `only Imunify licenses offered: ${offered.join(', ')}`,
      );
      assert.ok(owns('198.51.100.81', 49));
    });

    it('updates whether a CloudLinux license allows CL6 (ELS) registration', async () => {
      h.sim.state.ipLicenses.push(simLicense('198.51.100.90', 1));
      const prompter = h.script([{ pick: 'Yes' }]);
      await h.run('cln.updateIpLicense', licenseNode('198.51.100.90', 1));
      assert.deepStrictEqual(titles(prompter), ['pick: Allow CL6 (ELS) registration?']);
      assert.strictEqual(h.sim.state.ipLicenses.find((l) => l.ip === '198.51.100.90')?.elsAllowed, true);
      assert.deepStrictEqual(notices(prompter), ['info: Updated 198.51.100.90 (CloudLinux OS Legacy) to allow CL6 (ELS) registration.']);
    });

    it('does not ask a KernelCare license about CloudLinux OS 6 (ELS): its row has no Update, and the command says why', async () => {
      h.sim.state.ipLicenses.push(simLicense('198.51.100.91', 16));
      const prompter = h.script([]);
      await h.run('cln.updateIpLicense', licenseNode('198.51.100.91', 16));
      assert.deepStrictEqual(h.changeRequests(), []);
      assert.deepStrictEqual(notices(prompter), [
        'info: Update IP License sets whether a CloudLinux OS license may register CloudLinux OS 6 (ELS); 198.51.100.91 has KernelCare, which has no such option.',
      ]);
    });

    it('from the palette, Update IP License offers only the CloudLinux OS licenses of the account', async () => {
      h.sim.state.ipLicenses.push(simLicense('198.51.100.92', 16), simLicense('198.51.100.93', 4));
      const prompter = h.script([{ pick: '198.51.100.93' }, { pick: 'No' }]);
      await h.run('cln.updateIpLicense');
      const offered = prompter.asked[0].offered ?? [];
      assert.ok(offered.includes('198.51.100.93'), `the CloudLinux OS Solo license is offered: ${offered.join(', ')}`);
      const cloudLinuxIps = new Set(h.sim.state.ipLicenses.filter((l) => [1, 4, 5, 1002].includes(l.type)).map((l) => l.ip));
      assert.ok(
        offered.every((ip) => cloudLinuxIps.has(ip)),
        `only CloudLinux OS licenses offered: ${offered.join(', ')}`,
      );
      assert.deepStrictEqual(titles(prompter), ['pick: CloudLinux OS license to update', 'pick: Allow CL6 (ELS) registration?']);
    });

    it('checks an IP: the answer is a list to read, not a toast; closing it sends nothing', async () => {
      const prompter = h.script([{ input: '198.51.100.99' }, { cancel: true }]);
      await h.run('cln.checkIp');
      assert.deepStrictEqual(titles(prompter), ['input: IP address', 'pick: Check IP 198.51.100.99']);
      const list = prompter.asked[1].offered ?? [];
      assert.strictEqual(list[0], `Available to register (${list.length - 1})`, 'one heading, then one row per type');
      assert.ok(list.length > 10 && list.includes('CloudLinux OS Legacy') && list.includes('KernelCare'), list.join(' | '));
      assert.deepStrictEqual(prompter.notices, [], 'no toast listing twenty types');
      assert.deepStrictEqual(h.changeRequests(), []);
    });

    it('checks an IP held by this account and another customer: both named, picking a type registers it', async () => {
      h.sim.state.ipLicenses.push(simLicense('198.51.100.98', 1));
      h.sim.state.foreignLicenses.push({ ip: '198.51.100.98', type: 40 });
      const prompter = h.script([{ input: '198.51.100.98' }, { pick: 'KernelCare' }]);
      await h.run('cln.checkIp');
      const list = prompter.asked[1].offered ?? [];
      assert.strictEqual(list[0], 'Registered for 198.51.100.98');
      assert.deepStrictEqual(list.slice(1, 3).sort(), ['$(account) CloudLinux OS Legacy', '$(lock) ImunifyAV+'], list.join(' | '));
      assert.match(list[3], /^Available to register \(\d+\)$/);
      assert.ok(owns('198.51.100.98', 16), 'picking KernelCare registered it');
      assert.deepStrictEqual(notices(prompter), ['info: Registered 198.51.100.98 as KernelCare.']);
    });
  });
});

function simLicense(ip: string, type: number) {
  return { ip, type, registered: false, created: { ms: Date.now(), offset: 0 }, elsAllowed: false, serverInfo: null, lastCheckin: null };
}
