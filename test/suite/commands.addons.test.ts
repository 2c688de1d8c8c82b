// Change Imunify Email… and Add-ons… against the simulator (CLN API v2): the three states, a preview of
// what a change turns on or off and costs, a confirmation, one change sent; and the rows' Imunify Email line.
import * as assert from 'assert';
import { findChild, findKey, itemOf, setSetting, tooltipOf } from './helpers';
import { Harness, nodeOf, titles, useSignedInHarness } from './commandHelpers';

describe('Add-on commands (Imunify Email)', function () {
  this.timeout(60_000);
  let h: Harness;
  useSignedInHarness(37, (harness) => (h = harness));
  const imunify360 = () => h.sim.state.imunifyKeys.filter((k) => k.code !== 'AVP');

  it('at the account: asks the state, previews the servers and the cost, confirms, and sends one change', async () => {
    await setSetting('cleanup.prices', { im: 10 });
    try {
      h.sim.state.accountFeatures['4600'] = 'UNSET';
      const prompter = h.script([{ pick: /whole account/ }, { pick: 'On' }, { confirm: true }]);
      await h.run('cln.changeImunifyEmail');
      assert.deepStrictEqual(titles(prompter), ['pick: Change Imunify Email', 'pick: Imunify Email for the whole account', 'confirm: Set Imunify Email for the whole account to "on"?']);
      const servers = h.sim.state.imunifyServers.filter((s) => imunify360().some((k) => k.key === s.key));
      const detail = prompter.asked[2].detail ?? '';
      assert.match(detail, new RegExp(`^Imunify Email will be on for ${servers.length} servers: `));
      assert.match(detail, new RegExp(`Cost: up to ${(servers.length * 1).toFixed(2)} more a month`));
      assert.strictEqual(h.sim.state.accountFeatures['4600'], 'ENABLED');
      assert.deepStrictEqual(
        h.changeRequests().map((r) => r.endpointId),
        ['features.account.set'],
      );
    } finally {
      await setSetting('cleanup.prices', undefined);
    }
  });

  it('at a key, from its row: the key setting changes; the key row says what applies, and again after a change at the account', async () => {
    h.sim.state.accountFeatures['4600'] = 'UNSET';
    const key = imunify360()[0];
    const prompter = h.script([{ pick: 'Off' }, { confirm: true }]);
    await h.run('cln.changeImunifyEmail', nodeOf.imKey(key));
    assert.match(prompter.asked[0].title, /^Imunify Email for Imunify key /);
    assert.strictEqual(h.sim.state.keyFeatures[key.key]['4600'], 'DISABLED');

    const before = await itemOf(await findKey(key.key, await findChild('Imunify')));
    assert.match(tooltipOf(before), /Add-ons: Imunify Email: depends on key and server settings, which CLN's API does not show/);
    h.script([{ pick: /whole account/ }, { pick: 'On' }, { confirm: true }]);
    await h.run('cln.changeImunifyEmail');
    const row = await itemOf(await findKey(key.key, await findChild('Imunify')));
    assert.match(String(row.description), /Imunify Email on/);
    assert.match(tooltipOf(row), /Add-ons: Imunify Email: on, from the account/);
  });

  it('cancelled at the confirmation, or on an ImunifyAV+ key, nothing is sent', async () => {
    const server = h.sim.state.imunifyServers.find((s) => imunify360().some((k) => k.key === s.key))!;
    const before = JSON.stringify(h.sim.state.serverFeatures[server.id] ?? {});
    h.script([{ pick: 'On' }, { confirm: false }]);
    await h.run('cln.changeImunifyEmail', nodeOf.imServer(server));
    assert.strictEqual(JSON.stringify(h.sim.state.serverFeatures[server.id] ?? {}), before);
    const avp = h.sim.state.imunifyKeys.find((k) => k.code === 'AVP');
    if (avp) {
      const prompter = h.script([]);
      await h.run('cln.changeImunifyEmail', nodeOf.imKey(avp));
      assert.match(prompter.notices[0]?.message ?? '', /Imunify Email is an Imunify360 add-on/);
    }
    assert.deepStrictEqual(h.changeRequests(), []);
  });

  it('Add-ons… lists every feature with the account setting, unknown ids by number', async () => {
    h.sim.state.accountFeatures['4600'] = 'UNSET';
    const prompter = h.script([{ cancel: true }]);
    await h.run('cln.showAddons').then(
      () => undefined,
      () => undefined,
    );
    const offered = prompter.asked[0].offered ?? [];
    assert.ok(offered.includes('Imunify Email'), offered.join(', '));
    assert.ok(offered.includes('feature 1101'), offered.join(', '));
    assert.strictEqual(prompter.asked[0].descriptions?.[offered.indexOf('feature 1101')], 'account: off');
  });
});
