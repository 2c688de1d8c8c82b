/** Readable rows: what the node-kind table (src/explorer/kinds.ts) says a row is called and what its description says. */
import * as assert from 'node:assert/strict';
import { lookOf, LookContext } from '../../src/explorer/kinds';
import type { ExplorerNode } from '../../src/explorer/nodes';
import { keyLabel, loadFailureLabel, noteLabel, plural, shortAge, usageText } from '../../src/explorer/wording';
import { ClnError } from '../../src/cln/errors';
import { ipTypeName } from '../../src/cln/catalog';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 29, 12);
const ctx = (extra: Partial<LookContext> = {}): LookContext => ({ staleDays: 7, now, ...extra });
const text = (node: ExplorerNode, extra?: Partial<LookContext>) => {
  const look = lookOf(node, ctx(extra));
  return { label: look.label, description: look.description.filter(Boolean).join(' · '), look };
};

describe('rows: wording', () => {
  it('says plurals right and groups thousands', () => {
    assert.equal(plural(1, '{0} server', '{0} servers'), '1 server');
    assert.equal(plural(0, '{0} server', '{0} servers'), '0 servers');
    assert.equal(plural(2897, '{0} license', '{0} licenses'), '2,897 licenses');
  });
  it('quotes a note of digits so it does not read like a count, and ignores blank notes', () => {
    assert.equal(noteLabel('456'), '“456”');
    assert.equal(noteLabel('web cluster 5'), 'web cluster 5');
    assert.equal(noteLabel('   '), undefined);
    assert.equal(keyLabel('', 'KernelCare', 'abcdefghijklmnop'), 'KernelCare abcdef…');
  });
  it('words usage against a limit', () => {
    assert.equal(usageText(10, 100), '10 / 100 servers');
    assert.equal(usageText(1, 0), '1 server · unlimited');
    assert.equal(usageText(undefined, 0), 'unlimited');
    assert.equal(usageText(undefined, 5), 'limit 5');
  });
  it('gives ages in days', () => {
    assert.equal(shortAge(new Date(now - 13 * DAY - 5), now), '13 d');
    assert.equal(shortAge(new Date(now - 1000), now), 'today');
  });
  it('labels a failed load in a few words', () => {
    assert.equal(loadFailureLabel(new ClnError('http', 'CLN answered HTTP 502 Bad Gateway while trying to list IP licenses. Try again later.', { status: 502 })), 'Could not load — HTTP 502');
    assert.equal(loadFailureLabel(new ClnError('network', 'Could not reach CLN')), 'Could not load — no connection');
    assert.equal(loadFailureLabel(new ClnError('timeout', 'x')), 'Could not load — timed out');
    assert.equal(loadFailureLabel(new Error('boom')), 'Could not load');
  });
});

describe('rows: the node-kind table', () => {
  it('labels a key by its note, else by its product and a short key prefix; the key is in the tooltip', () => {
    const noted = text({ kind: 'kcareKey', key: { key: 'LGO2Tr9LjpaM4KhQ', enabled: true, created: null, limit: 100, note: 'web cluster' } }, { counts: { total: 10, matching: 10 } });
    assert.equal(noted.label, 'web cluster');
    assert.equal(noted.description, '10 / 100 servers');
    assert.ok(noted.look.fields.some(([label, value]) => label === 'Key' && value === 'LGO2Tr9LjpaM4KhQ'));
    const bare = text({ kind: 'imKey', key: { key: 'IMxyz1234567890abcdef', code: '360_30', limit: 0, servers: 3, note: null, type: null } });
    assert.equal(bare.label, 'Imunify360 up to 30 users IMxyz1…');
    assert.equal(bare.description, '3 servers · unlimited');
    const els = text({ kind: 'elsKey', key: { key: 'ELS0123456789abcdef', code: 'CELS', limit: 0, note: '456' } });
    assert.equal(els.label, '“456”');
    assert.equal(els.description, 'unlimited');
  });
  it('warns about a key over its limit', () => {
    const over = text({ kind: 'imKey', key: { key: 'IMxyz1234567890abcdef', code: 'AVP', limit: 2, servers: 3, note: 'shop', type: null } });
    assert.match(over.look.warn ?? '', /Over its limit: 3 servers on a key for 2/);
  });
  it('labels servers by hostname, else IP, with a short check-in status; ids in the tooltip', () => {
    const stale = text({ kind: 'kcareServer', server: { serverId: 'srv123456789', key: 'k', ip: '203.0.113.7', created: null, lastCheckin: new Date(now - 13 * DAY) } });
    assert.equal(stale.label, '203.0.113.7');
    assert.equal(stale.description, '⚠ silent 13 d');
    assert.ok(stale.look.fields.some(([label, value]) => label === 'Server id' && value === 'srv123456789'));
    const never = text({ kind: 'imServer', server: { id: 'im1', key: 'k', ip: null, lastCheckin: null } });
    assert.equal(never.label, 'Server im1');
    assert.equal(never.description, '⚠ never checked in');
    const els = text({ kind: 'elsServer', server: { id: 'e1', key: 'k', ip: '198.51.100.2', hostname: 'db1.example.com' } });
    assert.equal(els.label, 'db1.example.com');
    assert.equal(els.description, '198.51.100.2');
    const grouped = text({ kind: 'groupServer', groupName: 'prod', server: { id: 'g1', hostname: null, ip: '192.0.2.9', type: 'KERNELCARE' } });
    assert.equal(grouped.label, '192.0.2.9');
    assert.equal(grouped.description, 'KernelCare');
  });
  it('counts what families and groups hold, in the singular for one', () => {
    assert.equal(text({ kind: 'family', family: 'kcare' }, { counts: { total: 1, matching: 1 } }).description, '1 key');
    assert.equal(text({ kind: 'family', family: 'ip' }, { counts: { total: 2897, matching: 12 } }).description, '12 of 2,897 licenses');
    assert.equal(text({ kind: 'group', group: { name: 'prod', description: 'web' } }, { counts: { total: 1, matching: 1 } }).description, '1 server · web');
  });
  it('says on a key’s row how many of its servers went silent, and nothing when none did (issue 23)', () => {
    const kcare = text({ kind: 'kcareKey', key: { key: 'LGO2Tr9LjpaM4KhQ', enabled: true, created: null, limit: 100, note: 'web' } }, { counts: { total: 10, matching: 10 }, silent: 4 });
    assert.equal(kcare.description, '10 / 100 servers · 4 silent');
    const im = text({ kind: 'imKey', key: { key: 'IMxyz1234567890abcdef', code: '360_30', limit: 5, servers: 3, note: null, type: null } }, { silent: 0 });
    assert.equal(im.description, '3 / 5 servers');
  });
  it('says once how many of a family’s or group’s rows the filter keeps; a key adds it to its own count (issue 23)', () => {
    assert.equal(text({ kind: 'family', family: 'kcare' }, { counts: { total: 41, matching: 5 }, filtered: true }).description, '5 of 41 keys');
    assert.equal(text({ kind: 'group', group: { name: 'prod', description: null } }, { counts: { total: 9, matching: 2 }, filtered: true }).description, '2 of 9 servers');
    const key = text({ kind: 'kcareKey', key: { key: 'LGO2Tr9LjpaM4KhQ', enabled: true, created: null, limit: 100, note: 'web' } }, { counts: { total: 10, matching: 3 }, filtered: true });
    assert.match(key.description, /3 of 10$/);
  });
  it('names an IP license’s product without a number that reads like a count, and marks one no server uses yet', () => {
    const license = text({ kind: 'ipLicense', license: { ip: '192.0.2.1', type: 1, registered: false, created: new Date(now - DAY) } });
    // Not "not registered": the license is registered with CLN (a command just said so); no server has registered with it.
    assert.equal(license.description, '⚠ no server yet');
    assert.ok(license.look.fields.some(([label, value]) => label === 'Product' && value === ipTypeName(1)));
    assert.ok(!license.look.fields.some(([, value]) => typeof value === 'string' && /\(\d+\)$/.test(value)));
  });
});
