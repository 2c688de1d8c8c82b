/**
 * The status bar's reading of status.json (src/status/health.ts), from answers decoded as the client
 * decodes them: the live service's shape (no rhn_queue_full; rhn_queue_rejects and acronis
 * datacenters, fields as in umtaktpe/cloudlinux-go model/model.go) and the reference's.
 */
import * as assert from 'node:assert/strict';
import * as d from '../../src/cln/decode';
import { accessibleLabel, assess, failed, headline, readingLine, SIGNED_OUT, statusText } from '../../src/services/health';

/** A live-shaped `data` object: every flag but rhn_queue_full, plus the live-only fields. */
const live = () => ({
  db_rhn_online: true,
  db_clweb_connected: true,
  db_clweb_online: true,
  ip_server_reg: true,
  xmlrpc: true,
  rhn_overloaded: false,
  db_rhn_connected: true,
  rhn_queue_rejects: 0,
  acronis: [
    { dc_name: 'eu2', status: true },
    { dc_name: 'us5', status: true },
  ] as { dc_name: string; status: unknown }[],
});
const at = new Date('2026-11-29T12:00:00Z');
const report = (data: Record<string, unknown>) => assess(d.serviceStatus(data, 'data'), at);

describe('status bar: reading status.json', () => {
  it('a live-shaped answer is OK, rhn_queue_full "not reported" (never a problem), rejects and datacenters listed', () => {
    const r = report(live());
    assert.equal(r.health, 'ok');
    assert.equal(statusText(r, false), '$(pass) CLN');
    const lines = r.readings.map(readingLine);
    assert.ok(lines.includes('Registration queue: not reported'), lines.join('\n'));
    assert.ok(lines.includes('Registrations rejected by the queue: 0'), lines.join('\n'));
    assert.ok(lines.includes('Backup datacenter eu2: up'), lines.join('\n'));
    assert.ok(lines.includes('Backup datacenter us5: up'), lines.join('\n'));
    assert.ok(lines.includes('Database connection: connected'), lines.join('\n'));
    assert.ok(!lines.some((line) => line.includes('problem')), lines.join('\n'));
  });

  it('flags are named in words, never by their JSON names', () => {
    const r = report(live());
    for (const reading of r.readings) assert.doesNotMatch(`${reading.name} ${reading.value}`, /_|\b(true|false)\b/, readingLine(reading));
  });

  it('a datacenter that is down is a degraded state, named in the status bar text', () => {
    const data = live();
    data.acronis[1].status = false;
    const r = report(data);
    assert.equal(r.health, 'degraded');
    assert.equal(statusText(r, false), '$(warning) CLN: Backup datacenter us5 down');
    assert.ok(r.readings.map(readingLine).includes('Backup datacenter us5: down — problem'));
  });

  it('bad flags are problems read the right way round; three or more are summarised', () => {
    const r = report({ ...live(), rhn_overloaded: true, db_clweb_online: false });
    assert.equal(r.health, 'degraded');
    assert.equal(statusText(r, false), '$(warning) CLN: Database offline, Registration server load overloaded');
    const more = report({ ...live(), rhn_overloaded: true, db_clweb_online: false, xmlrpc: false });
    assert.equal(statusText(more, true), '$(warning) CLN Demo: Database offline and 2 more problems');
  });

  it('the reference shape (rhn_queue_full, no live-only fields) still reads, queue full a problem', () => {
    const { rhn_queue_rejects: _r, acronis: _a, ...reference } = live();
    const r = report({ ...reference, rhn_queue_full: true });
    assert.equal(r.health, 'degraded');
    assert.ok(r.readings.map(readingLine).includes('Registration queue: full — problem'));
    assert.ok(!r.readings.some((reading) => /datacenter|rejected/i.test(reading.name)));
  });

  it('reads rejects given as a string (status.plain) and refuses a datacenter status it cannot read', () => {
    assert.equal(d.serviceStatus({ ...live(), rhn_queue_rejects: '12' }, 'data').queueRejects, 12);
    const data = live();
    data.acronis[0].status = 'maybe';
    assert.throws(() => d.serviceStatus(data, 'data'), /data\.acronis\[0\]\.status: expected true or false/);
  });

  it('a failed check is never shown as healthy, and signed out claims nothing', () => {
    const r = failed('Could not reach CLN at cln.cloudlinux.com (ECONNREFUSED).', at);
    assert.equal(r.health, 'unreachable');
    assert.doesNotMatch(statusText(r, false), /pass|check\)|OK/);
    assert.equal(statusText(r, false), '$(error) CLN: check failed');
    assert.equal(statusText(SIGNED_OUT, false), '$(cloud) CLN');
    assert.doesNotMatch(headline(SIGNED_OUT, false), /OK|unreachable|degraded|failed/);
  });

  it('the accessible label is plain text: no markdown, no codicons', () => {
    for (const r of [report(live()), report({ ...live(), xmlrpc: false }), failed('CLN answered HTTP 502 (Bad Gateway).', at), SIGNED_OUT]) {
      const label = accessibleLabel(r, false);
      assert.doesNotMatch(label, /\$\(|\*\*|_Checked/, label);
      assert.match(label, /^CLN service status/);
    }
    assert.equal(accessibleLabel(report(live()), true).startsWith('CLN service status (demo data, from the local simulator): all services OK. Checked '), true);
  });
});
