/**
 * Add-on features (services/addons.ts): Imunify Email's effective state at account → key → server,
 * unknown feature ids named, the cost from cln.cleanup.prices, and what a change at a level changes.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { effectiveForKey, effectiveForServer, effectiveText, emailPrice, EmailLayout, featureName, previewChange, previewLines, Setting, settingOf, settingText } from '../../src/services/addons';

const SETTINGS: Setting[] = ['ENABLED', 'DISABLED', 'UNSET', undefined, { other: 'PARTIAL' }];
const anySetting = fc.constantFrom(...SETTINGS);

describe('add-ons: Imunify Email at account, key and server', () => {
  it('reads CLN’s words whatever their case, keeps a word it does not know, and nothing as not known', () => {
    assert.equal(settingOf('ENABLED'), 'ENABLED');
    assert.equal(settingOf('disabled'), 'DISABLED');
    assert.equal(settingOf(' Unset '), 'UNSET');
    assert.deepEqual(settingOf('PARTIAL'), { other: 'PARTIAL' });
    assert.equal(settingOf(null), undefined);
    assert.equal(settingOf(undefined), undefined);
    assert.deepEqual(
      SETTINGS.map((s) => settingText(s)),
      ['on', 'off', 'depends on lower level', 'not known', '"PARTIAL" (CLN\'s word)'],
    );
  });

  it('names Imunify Email, and any other feature by its id, never hiding it', () => {
    assert.equal(featureName(4600), 'Imunify Email');
    assert.equal(featureName('4600'), 'Imunify Email');
    assert.equal(featureName(1101), 'feature 1101');
    assert.equal(featureName('1102'), 'feature 1102');
  });

  it('the highest level that is on or off decides; "depends on lower level" hands it down; a server left so everywhere is off', () => {
    const row = (account: Setting, key: Setting, server: Setting) => effectiveText(effectiveForServer('360_1', account, key, server));
    assert.equal(row('ENABLED', 'DISABLED', 'DISABLED'), 'Imunify Email: on, from the account');
    assert.equal(row('DISABLED', 'ENABLED', 'ENABLED'), 'Imunify Email: off, from the account');
    assert.equal(row('UNSET', 'ENABLED', 'DISABLED'), 'Imunify Email: on, from the key');
    assert.equal(row('UNSET', 'DISABLED', 'ENABLED'), 'Imunify Email: off, from the key');
    assert.equal(row('UNSET', 'UNSET', 'ENABLED'), 'Imunify Email: on, from the server');
    assert.equal(row('UNSET', 'UNSET', 'DISABLED'), 'Imunify Email: off, from the server');
    assert.equal(row('UNSET', 'UNSET', 'UNSET'), 'Imunify Email: off, not enabled at any level');
    assert.equal(row(undefined, 'ENABLED', 'ENABLED'), 'Imunify Email: not known (the account setting could not be read)');
    assert.equal(row('UNSET', undefined, 'ENABLED'), "Imunify Email: depends on key and server settings, which CLN's API does not show");
    assert.equal(row('UNSET', { other: 'PARTIAL' }, 'ENABLED'), 'Imunify Email: not known (CLN said "PARTIAL" for the key)');
    assert.equal(row('ENABLED', undefined, undefined), 'Imunify Email: on, from the account', 'a level below a decided one need not be known');
    assert.equal(effectiveText(effectiveForKey('360_1', 'UNSET', 'UNSET')), 'Imunify Email: set per server');
    assert.equal(effectiveText(effectiveForKey('AVP', 'ENABLED', 'ENABLED')), 'Imunify Email: not for ImunifyAV+');
  });

  it('an account on or off decides for every key and server, whatever they say (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom<Setting>('ENABLED', 'DISABLED'), anySetting, anySetting, (account, key, server) => {
        const effective = effectiveForServer('360_30', account, key, server);
        assert.deepEqual(effective, { kind: 'decided', on: account === 'ENABLED', from: 'account' });
      }),
    );
  });

  it('prices Imunify Email at 10 % of the server’s Imunify360 price, or at an explicit feature:4600 price', () => {
    assert.deepEqual(emailPrice('360_1', { 'im:360_1': 12 }), { perServer: 1.2000000000000002, from: 'im:360_1' });
    assert.deepEqual(emailPrice('360_30', { 'im:360_1': 12, im: 20 }), { perServer: 2, from: 'im' });
    assert.deepEqual(emailPrice('360_1', { 'im:360_1': 12, 'feature:4600': 0.5 }), { perServer: 0.5, from: 'feature:4600' });
    assert.equal(emailPrice('360_1', { kcare: 3 }), undefined);
  });
});

describe('add-ons: what a change of Imunify Email changes', () => {
  const layout: EmailLayout = {
    account: 'UNSET',
    keys: [
      {
        key: 'IMKEY-ONE',
        code: '360_1',
        setting: 'UNSET',
        servers: [
          { id: 's1', ip: '192.0.2.1', setting: 'ENABLED' },
          { id: 's2', ip: '192.0.2.2', setting: 'UNSET' },
          { id: 's3', ip: null, setting: 'DISABLED' },
        ],
      },
      { key: 'IMKEY-TWO', code: '360_30', setting: 'DISABLED', servers: [{ id: 't1', ip: '192.0.2.9', setting: 'ENABLED' }] },
      { key: 'AVKEY', code: 'AVP', setting: 'UNSET', servers: [{ id: 'a1', ip: '192.0.2.20', setting: 'UNSET' }] },
    ],
  };
  const prices = { 'im:360_1': 10, 'im:360_30': 20 };

  it('on at the account: every Imunify360 server that was off goes on, with its cost; ImunifyAV+ is not touched', () => {
    const preview = previewChange(layout, { target: { level: 'account' }, to: 'ENABLED' }, prices);
    assert.equal(preview.before, 'UNSET');
    assert.deepEqual(
      preview.turnsOn.map((s) => s.id),
      ['s2', 's3', 't1'],
    );
    assert.deepEqual(preview.turnsOff, []);
    assert.equal(preview.unchanged, 1);
    assert.equal(preview.notApplicable, 1);
    assert.equal(preview.monthly.priced, 3);
    assert.equal(Math.round(preview.monthly.delta * 100) / 100, 4);
    assert.deepEqual(previewLines(preview), [
      'Imunify Email turns on for 3 servers: 192.0.2.2 (s2), s3, 192.0.2.9 (t1).',
      'Other servers it reaches stay as they are: 1 server.',
      'ImunifyAV+ servers are not affected (Imunify Email is an Imunify360 add-on): 1 server.',
      'Cost: about 4.00 more a month (10 % of the Imunify360 price in cln.cleanup.prices).',
      'CLN applies a change on the servers within 24 hours.',
    ]);
  });

  it('off at a key: its servers that were on go off, and the saving', () => {
    const preview = previewChange(layout, { target: { level: 'key', key: 'IMKEY-ONE' }, to: 'DISABLED' }, prices);
    assert.deepEqual(
      preview.turnsOff.map((s) => s.id),
      ['s1'],
    );
    assert.equal(previewLines(preview)[2], 'Cost: about 1.00 less a month (10 % of the Imunify360 price in cln.cleanup.prices).');
  });

  it('a server under a key that is off: nothing changes now, and the preview says which level decides', () => {
    const preview = previewChange(layout, { target: { level: 'server', key: 'IMKEY-TWO', id: 't1' }, to: 'DISABLED' }, prices);
    assert.equal(preview.turnsOff.length + preview.turnsOn.length, 0);
    assert.deepEqual(preview.decidedAbove, { level: 'key', on: false });
    assert.equal(previewLines(preview)[0], 'No server changes now: the key setting (off) decides. The new setting matters once that is "depends on lower level".');
    const underAccount = previewChange({ ...layout, account: 'ENABLED' }, { target: { level: 'server', key: 'IMKEY-ONE', id: 's3' }, to: 'DISABLED' }, prices);
    assert.deepEqual(underAccount.decidedAbove, { level: 'account', on: true });
  });

  it('without prices, says the cost is not known and where to set it; with key and server settings unshown, says what will be on and the most it costs', () => {
    assert.match(
      previewLines(previewChange(layout, { target: { level: 'account' }, to: 'ENABLED' }, {})).join('\n'),
      /Cost: not known\. Add the Imunify360 prices \(im:<code> or im\) to the cln\.cleanup\.prices setting/,
    );
    // What the API shows: the account's setting only.
    const shown: EmailLayout = { account: 'UNSET', keys: layout.keys.map((k) => ({ ...k, setting: undefined, servers: k.servers.map((sv) => ({ ...sv, setting: undefined })) })) };
    const preview = previewChange(shown, { target: { level: 'account' }, to: 'ENABLED' }, prices);
    assert.deepEqual(
      preview.onAfter.map((sv) => sv.id),
      ['s1', 's2', 's3', 't1'],
    );
    assert.deepEqual(previewLines(preview), [
      'Imunify Email will be on for 4 servers: 192.0.2.1 (s1), 192.0.2.2 (s2), s3, 192.0.2.9 (t1).',
      "Which of them have it now is not known: CLN's API does not show key and server settings, only the account's.",
      'ImunifyAV+ servers are not affected (Imunify Email is an Imunify360 add-on): 1 server.',
      'Cost: up to 5.00 more a month (servers that have it already cost nothing more) (10 % of the Imunify360 price in cln.cleanup.prices).',
      'CLN applies a change on the servers within 24 hours.',
    ]);
    const unknown = previewChange(shown, { target: { level: 'server', key: 'IMKEY-ONE', id: 's2' }, to: 'ENABLED' }, prices);
    assert.equal(unknown.unknown.length, 1);
    assert.deepEqual(previewLines(unknown), [
      "The effect is not known for 1 server: they depend on key or server settings CLN's API does not show.",
      'Cost: not known, as the effect is not known.',
      'CLN applies a change on the servers within 24 hours.',
    ]);
  });
});
