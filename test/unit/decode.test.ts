/** Answer decoders, fed bodies shaped like the CLN reference's examples and its quirks. */
import * as assert from 'node:assert/strict';
import { STATUS_FLAGS } from '../../src/cln/catalog';
import * as d from '../../src/cln/decode';

const at = (iso: string) => new Date(iso);
/** Asserts that `fn` throws a DecodeError whose message starts with the given field path. */
function throwsAt(fn: () => unknown, where: string, problem?: RegExp) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof d.DecodeError, `expected DecodeError, got ${String(error)}`);
    assert.equal(error.where, where);
    assert.ok(error.message.startsWith(`${where}: `), error.message);
    if (problem) assert.match(error.message, problem);
    return true;
  });
}

describe('decode: primitives', () => {
  it('toNumber reads numbers and numeric strings only', () => {
    assert.equal(d.toNumber(2), 2);
    assert.equal(d.toNumber('2'), 2);
    assert.equal(d.toNumber(' 42 '), 42);
    assert.equal(d.toNumber('-3'), -3);
    assert.equal(d.toNumber('1.5'), 1.5);
    assert.equal(d.toNumber('9'.repeat(400)), undefined, 'a 400-digit string is Infinity, not a number');
    assert.equal(d.toNumber('-' + '9'.repeat(400)), undefined);
    for (const bad of ['', 'abc', '1e3', '0x10', '2 servers', null, undefined, true, [], {}, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.equal(d.toNumber(bad), undefined, JSON.stringify(bad));
    }
  });
  it('toBoolean reads booleans, 0/1 and "true"/"false"', () => {
    for (const t of [true, 1, '1', 'true', 'True']) assert.equal(d.toBoolean(t), true, String(t));
    for (const f of [false, 0, '0', 'false', 'False']) assert.equal(d.toBoolean(f), false, String(f));
    for (const bad of [null, undefined, 'yes', 2, '', [], {}]) assert.equal(d.toBoolean(bad), undefined, JSON.stringify(bad));
  });
  it('object/list reject other shapes with the place', () => {
    throwsAt(() => d.object([], 'data'), 'data', /expected an object, got a list/);
    throwsAt(() => d.object(null, 'data'), 'data', /got null/);
    throwsAt(() => d.object('x', 'data[3]'), 'data[3]', /got "x"/);
    throwsAt(() => d.list({}, 'data', d.ipLicense), 'data', /expected a list, got an object/);
  });
  it('describe shortens long strings in messages', () => {
    throwsAt(() => d.object('y'.repeat(100), 'data'), 'data', new RegExp(`got "${'y'.repeat(40)}…"`));
  });
});

describe('decode: IP licenses', () => {
  it('ipLicense reads the reference example', () => {
    const body = JSON.parse('{"ip": "1.1.1.1", "type": 16, "registered": false, "created": "2014-04-30T11:26-0400"}');
    assert.deepEqual(d.ipLicense(body, 'data'), { ip: '1.1.1.1', type: 16, registered: false, created: at('2014-04-30T15:26:00Z') });
  });
  it('ipLicense: type as a string, registered missing → false, bad date → null', () => {
    assert.deepEqual(d.ipLicense({ ip: '2001:db8::1', type: '1002', created: 'yesterday' }, 'data'), { ip: '2001:db8::1', type: 1002, registered: false, created: null });
    assert.equal(d.ipLicense({ ip: '1.1.1.1', type: 1, registered: 'true' }, 'data').registered, true);
    assert.equal(d.ipLicense({ ip: '1.1.1.1', type: 1, registered: 1, created: null }, 'data').created, null);
  });
  it('ipLicense: wrong types name the field', () => {
    throwsAt(() => d.ipLicense({ type: 1 }, 'data'), 'data.ip', /expected text, got undefined/);
    throwsAt(() => d.ipLicense({ ip: '', type: 1 }, 'data'), 'data.ip', /expected text, got ""/);
    throwsAt(() => d.ipLicense({ ip: '1.1.1.1', type: 'KernelCare' }, 'data[2]'), 'data[2].type', /expected a number, got "KernelCare"/);
    throwsAt(() => d.ipLicense({ ip: '1.1.1.1', type: 1, registered: 'maybe' }, 'data'), 'data.registered', /expected true or false/);
    throwsAt(
      () =>
        d.list(
          [
            { ip: '1.1.1.1', type: 1 },
            { ip: '1.1.1.2', type: null },
          ],
          'data',
          d.ipLicense,
        ),
      'data[1].type',
      /got null/,
    );
  });
  it('ipServerInfo adds server_info and last_checkin', () => {
    const body = JSON.parse(
      '{"server_info": "cloudlinux-release-5 (2.6.18-294.26.1.el5.lve0.8.18)", "ip": "1.1.1.1", "type": 1, "registered": false, "created": "2014-04-30T11:26-0400", "last_checkin": "2014-04-30T11:26-0400"}',
    );
    assert.deepEqual(d.ipServerInfo(body, 'data[0]'), {
      ip: '1.1.1.1',
      type: 1,
      registered: false,
      created: at('2014-04-30T15:26:00Z'),
      serverInfo: 'cloudlinux-release-5 (2.6.18-294.26.1.el5.lve0.8.18)',
      lastCheckin: at('2014-04-30T15:26:00Z'),
    });
    const bare = d.ipServerInfo({ ip: '1.1.1.1', type: 1 }, 'data[0]');
    assert.equal(bare.serverInfo, null);
    assert.equal(bare.lastCheckin, null);
  });
  it('ipAvailability reads lists of type numbers (numbers or strings), missing lists → []', () => {
    assert.deepEqual(d.ipAvailability({ available: [1, 41, 42, 43, 49], owned: [16] }, 'data'), { available: [1, 41, 42, 43, 49], owned: [16] });
    assert.deepEqual(d.ipAvailability({ available: ['1', '41'] }, 'data'), { available: [1, 41], owned: [] });
    throwsAt(() => d.ipAvailability({ available: [1, 'x'], owned: [] }, 'data'), 'data.available[1]', /expected a license type number, got "x"/);
    throwsAt(() => d.ipAvailability({ available: 1, owned: [] }, 'data'), 'data.available', /expected a list/);
  });
  it('ipTypes reads [1,16], [41] and []', () => {
    assert.deepEqual(d.ipTypes([1, 16], 'data'), [1, 16]);
    assert.deepEqual(d.ipTypes([41], 'data'), [41]);
    assert.deepEqual(d.ipTypes([], 'data'), []);
    assert.deepEqual(d.ipTypes(null, 'data'), []);
    throwsAt(() => d.ipTypes({}, 'data'), 'data', /expected a list/);
  });
  it('booleanResult reads true/false and refuses other values', () => {
    assert.equal(d.booleanResult(true, 'data'), true);
    assert.equal(d.booleanResult(false, 'data'), false);
    assert.equal(d.booleanResult('true', 'data'), true);
    throwsAt(() => d.booleanResult(null, 'data'), 'data', /expected true or false, got null/);
    throwsAt(() => d.booleanResult({ removed: true }, 'data'), 'data', /got an object/);
  });
});

describe('decode: KernelCare', () => {
  it('kcareKey reads the reference example', () => {
    const body = { key: 'WsTs821nSAtiastD', enabled: false, created: '2014-04-30T11:26-0400', limit: 2, note: 'Some custom key note' };
    assert.deepEqual(d.kcareKey(body, 'data[0]'), { key: 'WsTs821nSAtiastD', enabled: false, created: at('2014-04-30T15:26:00Z'), limit: 2, note: 'Some custom key note' });
  });
  it('kcareKey: limit as a string, description instead of note, missing enabled → true, missing limit → 0', () => {
    assert.deepEqual(d.kcareKey({ key: 'K', limit: '2', description: 5 }, 'data'), { key: 'K', enabled: true, created: null, limit: 2, note: '5' });
    assert.deepEqual(d.kcareKey({ key: 'K', enabled: null, note: null }, 'data'), { key: 'K', enabled: true, created: null, limit: 0, note: null });
    throwsAt(() => d.kcareKey({ key: 'K', enabled: 'sometimes' }, 'data[1]'), 'data[1].enabled');
    throwsAt(() => d.kcareKey({ key: ['K'] }, 'data[1]'), 'data[1].key', /got a list/);
  });
  it('kcareServer fills in the key it was listed under', () => {
    const body = { server_id: 's096slnkaAtoiAsd', ip: '1.1.1.1', created: '2014-04-30T11:26-0400', last_checkin: '2023-04-30T11:26-0400' };
    assert.deepEqual(d.kcareServer('WsTs821nSAtiastD')(body, 'data[0]'), {
      serverId: 's096slnkaAtoiAsd',
      key: 'WsTs821nSAtiastD',
      ip: '1.1.1.1',
      created: at('2014-04-30T15:26:00Z'),
      lastCheckin: at('2023-04-30T15:26:00Z'),
    });
    assert.deepEqual(d.kcareServer('K')({ server_id: 7 }, 'data[0]'), { serverId: '7', key: 'K', ip: null, created: null, lastCheckin: null });
    throwsAt(() => d.kcareServer('K')({ id: 'x' }, 'data[0]'), 'data[0].server_id');
  });
  it('removedServer takes id, else server_id, else key', () => {
    assert.deepEqual(d.removedServer({ id: 'SSERVER_ID_1', key: 'IMKEYVALUE' }, 'data'), { id: 'SSERVER_ID_1', key: 'IMKEYVALUE' });
    assert.deepEqual(d.removedServer({ server_id: 'abc', key: 'K' }, 'data'), { id: 'abc', key: 'K' });
    assert.deepEqual(d.removedServer({ key: 'CELS-yUDxBd5ethmGO5d3hnAZEau0' }, 'data[0]'), { id: 'CELS-yUDxBd5ethmGO5d3hnAZEau0', key: 'CELS-yUDxBd5ethmGO5d3hnAZEau0' });
    throwsAt(() => d.removedServer({}, 'data[0]'), 'data[0].key');
    throwsAt(() => d.removedServer({ id: null }, 'data'), 'data.id');
  });
  it('cidrResult explains codes 0–3 and unknown codes', () => {
    assert.deepEqual(d.cidrResult({ code: 0 }, 'data'), { code: 0, ok: true, meaning: 'all ranges were set' });
    assert.deepEqual(d.cidrResult({ code: 1 }, 'data'), { code: 1, ok: false, meaning: 'an IP address in one of the ranges is not valid' });
    assert.deepEqual(d.cidrResult({ code: '2' }, 'data'), { code: 2, ok: false, meaning: 'a prefix in one of the ranges is not valid' });
    assert.deepEqual(d.cidrResult({ code: 3 }, 'data'), { code: 3, ok: false, meaning: 'CLN had an internal error' });
    assert.deepEqual(d.cidrResult({ code: 9 }, 'data'), { code: 9, ok: false, meaning: 'unknown result code 9' });
    throwsAt(() => d.cidrResult({}, 'data'), 'data.code', /expected a number, got undefined/);
    throwsAt(() => d.cidrResult({ code: 'ok' }, 'data'), 'data.code');
  });
  it('nagiosRegistration explains codes 0–2', () => {
    assert.deepEqual(d.nagiosRegistration(0), { code: 0, ok: true, meaning: 'the monitoring key was registered' });
    assert.deepEqual(d.nagiosRegistration(1), { code: 1, ok: false, meaning: 'the key has the wrong size or format' });
    assert.deepEqual(d.nagiosRegistration(2), { code: 2, ok: false, meaning: 'no KernelCare IP license is available for this IP' });
    assert.equal(d.nagiosRegistration(7).meaning, 'unknown result code 7');
  });
  it('keyString reads the new key, or a key object', () => {
    assert.equal(d.keyString('WsTs821nSAtiastD', 'data'), 'WsTs821nSAtiastD');
    assert.equal(d.keyString({ key: 'WsTs821nSAtiastD', limit: 2 }, 'data'), 'WsTs821nSAtiastD');
    throwsAt(() => d.keyString('', 'data'), 'data', /expected the new key/);
    throwsAt(() => d.keyString(null, 'data'), 'data', /got null/);
    throwsAt(() => d.keyString({ key: 5 }, 'data'), 'data', /got an object/);
  });
});

describe('decode: Imunify', () => {
  it('imunifyKey: numbers as strings ("limit":"2","servers":"0")', () => {
    assert.deepEqual(d.imunifyKey({ key: 'IM1SOMENONSENCETEXT', limit: '0', code: '360_1' }, 'data'), { key: 'IM1SOMENONSENCETEXT', code: '360_1', limit: 0, servers: null, note: null, type: null });
    assert.deepEqual(d.imunifyKey({ key: 'IM1SOMENONSENCETEXT', limit: '2', code: '360_250', servers: '1' }, 'data'), {
      key: 'IM1SOMENONSENCETEXT',
      code: '360_250',
      limit: 2,
      servers: 1,
      note: null,
      type: null,
    });
    assert.deepEqual(d.imunifyKey({ key: 'IMUNOTHERKEY', limit: '42', code: '360_UN', servers: '0', note: 'shop' }, 'data[1]'), {
      key: 'IMUNOTHERKEY',
      code: '360_UN',
      limit: 42,
      servers: 0,
      note: 'shop',
      type: null,
    });
  });
  it('imunifyKey: unreadable optional numbers become defaults, a missing key fails', () => {
    const key = d.imunifyKey({ key: 'K', limit: 'lots', servers: {} }, 'data');
    assert.equal(key.limit, 0);
    assert.equal(key.servers, null);
    assert.equal(key.code, '');
    throwsAt(() => d.imunifyKey({ limit: '2' }, 'data[4]'), 'data[4].key');
  });
  it('imunifyServer reads the reference example with last_checkin', () => {
    const body = { id: 'SSERVER_ID_1', ip: 'SSERVER_IP_1', key: 'IMKEYVALUE', last_checkin: '2023-04-30T11:26-0400' };
    assert.deepEqual(d.imunifyServer(body, 'data[0]'), { id: 'SSERVER_ID_1', key: 'IMKEYVALUE', ip: 'SSERVER_IP_1', lastCheckin: at('2023-04-30T15:26:00Z') });
    assert.deepEqual(d.imunifyServer({ id: 'S', last_checkin: '2023-02-31T10:00-0000' }, 'data[0]'), { id: 'S', key: '', ip: null, lastCheckin: null });
    throwsAt(() => d.imunifyServer({ id: true }, 'data[0]'), 'data[0].id', /got true/);
  });
});

describe('decode: ELS', () => {
  it('elsKey reads productCode/usageLimit/description (number or null)', () => {
    assert.deepEqual(d.elsKey({ key: 'CELS-yUDxBd5ethmGO5d3hnAZEau0', productCode: 'CELS', usageLimit: '2', description: 123 }, 'data[0]'), {
      key: 'CELS-yUDxBd5ethmGO5d3hnAZEau0',
      code: 'CELS',
      limit: 2,
      note: '123',
    });
    assert.deepEqual(d.elsKey({ key: 'CELS-kdiRMfJ4yhmF7je4ldptndYk', productCode: 'CELS', usageLimit: '5', description: null }, 'data[1]'), {
      key: 'CELS-kdiRMfJ4yhmF7je4ldptndYk',
      code: 'CELS',
      limit: 5,
      note: null,
    });
  });
  it('elsKey falls back to code/limit/note', () => {
    assert.deepEqual(d.elsKey({ key: 'K', code: 'CELS7+SLA', limit: 3, note: 'n' }, 'data'), { key: 'K', code: 'CELS7+SLA', limit: 3, note: 'n' });
    assert.deepEqual(d.elsKey({ key: 'K' }, 'data'), { key: 'K', code: '', limit: 0, note: null });
  });
  it('elsServer reads hostname or hostName', () => {
    assert.deepEqual(d.elsServer({ id: '12345', key: 'CELS-value', ip: '1.1.1.1', hostname: 'test' }, 'data[0]'), { id: '12345', key: 'CELS-value', ip: '1.1.1.1', hostname: 'test' });
    assert.equal(d.elsServer({ id: 12346, hostName: 'test2' }, 'data[1]').hostname, 'test2');
    assert.equal(d.elsServer({ id: 12346, hostName: 'test2' }, 'data[1]').id, '12346');
    assert.equal(d.elsServer({ id: '1' }, 'data').hostname, null);
    throwsAt(() => d.elsServer({ key: 'CELS-value' }, 'data'), 'data.id');
  });
});

describe('decode: backups and groups', () => {
  it('backup reads the reference example and numbers as strings', () => {
    assert.deepEqual(d.backup({ serverId: 'SSTGZbtLrT99N0Ca', size: 10, backupId: 23, datacenter: 'EU2' }, 'data[0]'), {
      backupId: 23,
      serverId: 'SSTGZbtLrT99N0Ca',
      size: 10,
      datacenter: 'EU2',
    });
    assert.deepEqual(d.backup({ serverId: 'S', size: '20', backupId: '101' }, 'data'), { backupId: 101, serverId: 'S', size: 20, datacenter: '' });
    throwsAt(() => d.backup({ serverId: 'S', size: '10 GB', backupId: 1 }, 'data'), 'data.size', /got "10 GB"/);
    throwsAt(() => d.backup({ serverId: 'S', size: 10 }, 'data[2]'), 'data[2].backupId');
  });
  it('serverGroup reads name and description (number or null)', () => {
    assert.deepEqual(d.serverGroup({ name: 'NAME', description: 'DESCRIPTION' }, 'data'), { name: 'NAME', description: 'DESCRIPTION' });
    assert.deepEqual(d.serverGroup({ name: 'NAME', description: null }, 'data'), { name: 'NAME', description: null });
    assert.deepEqual(d.serverGroup({ name: 'NAME', description: 42 }, 'data'), { name: 'NAME', description: '42' });
    assert.deepEqual(d.serverGroup({ name: 'NAME' }, 'data'), { name: 'NAME', description: null });
    throwsAt(() => d.serverGroup({ description: 'x' }, 'data[0]'), 'data[0].name');
  });
  it('groupServer reads hostName (reference) or hostname', () => {
    assert.deepEqual(d.groupServer({ id: 'SERVER-1', hostName: '10.000.0.000', ip: '10.000.0.000', type: 'IMUNIFY' }, 'data[0]'), {
      id: 'SERVER-1',
      hostname: '10.000.0.000',
      ip: '10.000.0.000',
      type: 'IMUNIFY',
    });
    assert.equal(d.groupServer({ id: 'SERVER-2', hostname: 'web2' }, 'data[1]').hostname, 'web2');
    assert.deepEqual(d.groupServer({ id: 'SERVER-3' }, 'data'), { id: 'SERVER-3', hostname: null, ip: null, type: null });
    throwsAt(() => d.groupServer({ hostName: 'x' }, 'data[3]'), 'data[3].id');
  });
});

describe('decode: AccelerateWP', () => {
  it('awpEntry reads the reference example; username and cdn_limit_type are nullable', () => {
    assert.deepEqual(d.awpEntry({ product: 'AWP_PREMIUM', primary_domain: 'example1.com', username: 'test-user1' }, 'data[0]'), {
      product: 'AWP_PREMIUM',
      primaryDomain: 'example1.com',
      username: 'test-user1',
      cdnLimitType: null,
    });
    assert.deepEqual(d.awpEntry({ product: 'AWP_CDN', primary_domain: 'example2.com', username: null, cdn_limit_type: '50 GB' }, 'data[1]'), {
      product: 'AWP_CDN',
      primaryDomain: 'example2.com',
      username: null,
      cdnLimitType: '50 GB',
    });
    throwsAt(() => d.awpEntry({ product: 'AWP_CDN' }, 'data[1]'), 'data[1].primary_domain');
    throwsAt(() => d.awpEntry({ primary_domain: 'a.com' }, 'data[0]'), 'data[0].product');
  });
});

describe('decode: service status', () => {
  const allGood = { db_clweb_connected: true, db_clweb_online: true, db_rhn_connected: true, db_rhn_online: true, rhn_overloaded: false, rhn_queue_full: false, xmlrpc: true, ip_server_reg: true };
  it('all flags good → no problems', () => {
    const status = d.serviceStatus(allGood, 'data');
    assert.deepEqual(status.problems, []);
    assert.deepEqual(status.missing, []);
    assert.equal(status.flags.rhn_overloaded, false);
    assert.equal(Object.keys(status.flags).length, STATUS_FLAGS.length);
  });
  it('rhn_overloaded and rhn_queue_full are bad when true', () => {
    assert.deepEqual(d.serviceStatus({ ...allGood, rhn_overloaded: true }, 'data').problems, ['rhn_overloaded']);
    assert.deepEqual(d.serviceStatus({ ...allGood, rhn_queue_full: true }, 'data').problems, ['rhn_queue_full']);
  });
  it('the other flags are bad when false', () => {
    for (const flag of ['db_clweb_connected', 'db_clweb_online', 'db_rhn_connected', 'db_rhn_online', 'xmlrpc', 'ip_server_reg']) {
      assert.deepEqual(d.serviceStatus({ ...allGood, [flag]: false }, 'data').problems, [flag], flag);
    }
  });
  it('reads the reference status.json example (everything true): only the two inverted flags are problems', () => {
    const reference = Object.fromEntries(STATUS_FLAGS.map(({ flag }) => [flag, true]));
    assert.deepEqual(d.serviceStatus(reference, 'data').problems, ['rhn_overloaded', 'rhn_queue_full']);
  });
  it('lists missing flags, and fails only when none is present', () => {
    const partial: Record<string, unknown> = { ...allGood };
    delete partial.xmlrpc;
    delete partial.ip_server_reg;
    const status = d.serviceStatus(partial, 'data');
    assert.deepEqual(status.missing, ['xmlrpc', 'ip_server_reg']);
    assert.deepEqual(status.problems, []);
    throwsAt(() => d.serviceStatus({}, 'data'), 'data', /no service flags/);
    throwsAt(() => d.serviceStatus({ ...allGood, xmlrpc: 'alive' }, 'data'), 'data.xmlrpc', /expected true or false, got "alive"/);
  });
});

describe('decode: *.plain', () => {
  const referenceStatusPlain = [
    'success:true',
    'db_clweb_connected:true, // true - if db clweb connected',
    'db_clweb_online:false, // true - if db clweb online',
    'db_rhn_connected:true, // true - if db rhn connected',
    'db_rhn_online:true, // true - if db rhn online',
    'rhn_overloaded:false, // true - if registration server overloaded',
    'rhn_queue_full: true, // true - if registration queue is full',
    'xmlrpc:false, // true - if our xmlrpc service is alive',
    'ip_server_reg:false, // true - if registration for CL IP servers allowed',
    '(/usr/sbin/clnreg_ks --force)',
  ].join('\n');

  it('reads the reference status.plain: comments, trailing commas, "rhn_queue_full: true" spacing', () => {
    const answer = d.parsePlain(referenceStatusPlain, 'status.plain');
    assert.equal(answer.success, true);
    assert.equal(answer.code, null);
    assert.equal(answer.message, null);
    assert.deepEqual(answer.fields, {
      db_clweb_connected: 'true',
      db_clweb_online: 'false',
      db_rhn_connected: 'true',
      db_rhn_online: 'true',
      rhn_overloaded: 'false',
      rhn_queue_full: 'true',
      xmlrpc: 'false',
      ip_server_reg: 'false',
    });
  });
  it('status.plain through serviceStatus: queue full, web db offline, xmlrpc and ip reg down', () => {
    const status = d.serviceStatus(d.parsePlain(referenceStatusPlain, 'status.plain').fields, 'status.plain');
    assert.deepEqual(status.problems, ['db_clweb_online', 'rhn_queue_full', 'xmlrpc', 'ip_server_reg']);
    assert.equal(status.flags.rhn_queue_full, true);
    assert.deepEqual(status.missing, []);
  });
  it('reads CRLF line ends', () => {
    const answer = d.parsePlain('success:true\r\nxmlrpc:true\r\nrhn_overloaded:false\r\n', 'status.plain');
    assert.deepEqual(answer.fields, { xmlrpc: 'true', rhn_overloaded: 'false' });
  });
  it('reads "success:true code:0" and "success:true code:2"', () => {
    assert.deepEqual(d.parsePlain('success:true code:0', 'x'), { success: true, code: 0, message: null, fields: {} });
    assert.deepEqual(d.parsePlain('success:true code:2\n', 'x'), { success: true, code: 2, message: null, fields: {} });
  });
  it('reads "success:false message:..." on the first line, and a message line', () => {
    assert.deepEqual(d.parsePlain('success:false message:Unexpected server error', 'x'), { success: false, code: null, message: 'Unexpected server error', fields: {} });
    assert.deepEqual(d.parsePlain('success:false\nmessage:Unexpected server error', 'x'), { success: false, code: null, message: 'Unexpected server error', fields: {} });
    assert.deepEqual(d.parsePlain('success:false', 'x'), { success: false, code: null, message: null, fields: {} });
  });
  it('reads a code line and is case-insensitive on success', () => {
    const answer = d.parsePlain('SUCCESS: TRUE\ncode:1\n', 'x');
    assert.equal(answer.success, true);
    assert.equal(answer.code, 1);
  });
  it('refuses a body that does not start with success:', () => {
    throwsAt(() => d.parsePlain('<html><body>502 Bad Gateway</body></html>', '/status.plain'), '/status.plain', /expected a first line "success:true" or "success:false", got "<html>/);
    throwsAt(() => d.parsePlain('', '/status.plain'), '/status.plain', /got ""/);
    throwsAt(() => d.parsePlain('success:maybe', '/status.plain'), '/status.plain');
  });
});

describe('decode: Nagios', () => {
  it('reads the OK line', () => {
    assert.deepEqual(d.parseNagios('KernelCare OK - all servers are up to date!\n', 'nagios'), {
      state: 'OK',
      summary: 'all servers are up to date!',
      counts: null,
      outOfDate: [],
      unsupported: [],
      inactive: [],
      servers: [],
    });
  });
  it('reads CRITICAL with named servers per group', () => {
    const body = 'KernelCare CRITICAL - 3 servers need attention\nout of date: web1, web2\nunsupported: db1\ninactive: old-box\n';
    assert.deepEqual(d.parseNagios(body, 'nagios'), {
      state: 'CRITICAL',
      summary: '3 servers need attention',
      counts: null,
      outOfDate: ['web1', 'web2'],
      unsupported: ['db1'],
      inactive: ['old-box'],
      servers: [
        { host: 'web1', ip: null, state: 'outOfDate', stateText: 'OUT OF DATE' },
        { host: 'web2', ip: null, state: 'outOfDate', stateText: 'OUT OF DATE' },
        { host: 'db1', ip: null, state: 'unsupported', stateText: 'UNSUPPORTED' },
        { host: 'old-box', ip: null, state: 'inactive', stateText: 'INACTIVE' },
      ],
    });
  });
  it('reads WARNING with "outdated", CRLF and ignores unknown lines', () => {
    const status = d.parseNagios('KernelCare WARNING - 1 server outdated\r\nOutdated: a.example.com\r\nsomething else\r\n', 'nagios');
    assert.equal(status.state, 'WARNING');
    assert.deepEqual(status.outOfDate, ['a.example.com']);
    assert.deepEqual(status.unsupported, []);
  });
  it('reads the live form: first line with performance data, then "host (ip) is OUTOFDATE" lines', () => {
    const body =
      '3 machines are OUTOFDATE!|uptodate=6;outofdate=3;unsupported=2;inactive=1\nweb1.example.com (203.0.113.7) is OUTOFDATE\nweb2.example.com (2001:db8::2) is OUTOFDATE\nbox is INACTIVE\nodd.example.com (192.0.2.9) is PATCHING\n';
    const status = d.parseNagios(body, 'nagios');
    assert.equal(status.state, 'CRITICAL');
    assert.equal(status.summary, '3 machines are OUTOFDATE!');
    assert.deepEqual(status.counts, { upToDate: 6, outOfDate: 3, unsupported: 2, inactive: 1 });
    assert.deepEqual(status.outOfDate, ['web1.example.com (203.0.113.7)', 'web2.example.com (2001:db8::2)']);
    assert.deepEqual(status.inactive, ['box']);
    assert.deepEqual(status.servers[3], { host: 'odd.example.com', ip: '192.0.2.9', state: 'other', stateText: 'PATCHING' });
  });
  it('reads the performance data alone (the reseller check), in any order, and derives the state', () => {
    assert.deepEqual(d.parseNagios('uptodate=9;outofdate=1;unsupported=3;inactive=2\n', 'nagios-res').counts, { upToDate: 9, outOfDate: 1, unsupported: 3, inactive: 2 });
    assert.equal(d.parseNagios('uptodate=9;outofdate=1;unsupported=3;inactive=2', 'x').state, 'CRITICAL');
    assert.equal(d.parseNagios('inactive=2;uptodate=9', 'x').state, 'WARNING');
    assert.equal(d.parseNagios('uptodate=9;outofdate=0;unsupported=0;inactive=0;', 'x').state, 'OK');
    assert.equal(d.parseNagios('All machines are up to date|uptodate=4 outofdate=0', 'x').summary, 'All machines are up to date');
    // A KernelCare line with performance data keeps its own state word.
    assert.equal(d.parseNagios('KernelCare WARNING - 1 inactive|uptodate=1;inactive=1', 'x').state, 'WARNING');
  });
  it("tells a check result from CLN's plain-text error", () => {
    assert.equal(d.isNagiosReport('uptodate=9;outofdate=1;unsupported=3;inactive=2\n'), true);
    assert.equal(d.isNagiosReport('KernelCare OK - fine'), true);
    assert.equal(d.isNagiosReport('Servers not found for key K'), false);
    assert.equal(d.nagiosMessage('Reseller not found'), 'Reseller not found');
    assert.equal(d.nagiosMessage('  Registration token not found\nfor reseller X '), 'Registration token not found for reseller X');
    assert.equal(d.nagiosMessage('<html><body>502</body></html>'), null);
    assert.equal(d.nagiosMessage('{"success":false}'), null);
    assert.equal(d.nagiosMessage(''), null);
    assert.equal(d.nagiosMessage('x'.repeat(400))?.length, 301);
  });
  it('upper-cases the state and allows no summary', () => {
    const status = d.parseNagios('KernelCare unknown', 'nagios');
    assert.equal(status.state, 'UNKNOWN');
    assert.equal(status.summary, '');
  });
  it('refuses other text with the place', () => {
    throwsAt(
      () => d.parseNagios('OK - all good', 'nagios-res'),
      'nagios-res',
      /expected a "KernelCare OK\|WARNING\|CRITICAL\|UNKNOWN - …" line or performance data "uptodate=N;outofdate=N;…", got "OK - all good"/,
    );
    throwsAt(() => d.parseNagios('Servers not found for key K', 'nagios'), 'nagios');
    throwsAt(() => d.parseNagios('3 machines are OUTOFDATE!|up to date', 'nagios'), 'nagios');
    throwsAt(() => d.parseNagios('', 'nagios'), 'nagios', /got ""/);
    throwsAt(() => d.parseNagios('KernelCare FINE - yes', 'nagios'), 'nagios');
  });
});
