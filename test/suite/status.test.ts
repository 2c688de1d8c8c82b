// The CLN health status bar item: neutral and silent when signed out; OK, degraded and failed
// when signed in, every flag named in words and read the right way round; the live status.json shape.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { STATUS_FLAGS } from '../../src/cln/catalog';
import { PollSchedule } from '../../src/features/status/core/pollSchedule';
import { Simulator, startSimulator } from '../../src/sim';
import { childrenOf, getApi, leaveSim, script, setSetting, signedInToNewSim, signInTo, waitFor } from './helpers';

const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

/** Makes the simulator's status.json answer as the live service does: no rhn_queue_full, plus rhn_queue_rejects and acronis. */
function liveShaped(sim: Simulator, datacenters: { dc_name: string; status: boolean }[]) {
  const status = sim.state.status as unknown as Record<string, unknown>;
  delete status.rhn_queue_full;
  status.rhn_queue_rejects = 3;
  status.acronis = datacenters;
}

describe('Status bar: CLN service health', function () {
  this.timeout(60_000);
  let sim: Simulator;

  before(async () => {
    sim = await signedInToNewSim({ seed: 9 });
  });
  beforeEach(() => {
    sim.faults.clear();
    const status = sim.state.status as unknown as Record<string, unknown>;
    delete status.rhn_queue_rejects;
    delete status.acronis;
    for (const { flag, badWhen } of STATUS_FLAGS) sim.state.status[flag] = !badWhen;
  });
  after(async () => {
    await leaveSim(sim);
  });

  it('is OK when every flag is good; the tooltip lists every flag by name, the accessible label is plain text', async () => {
    const api = await getApi();
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'ok');
    assert.strictEqual(api.status.text, '$(pass) CLN');
    const tooltip = plain(api.status.tooltip);
    assert.match(tooltip, /CLN service status: all services OK/);
    for (const line of [
      'Database connection: connected',
      'Database: online',
      'Registration database: online',
      'Registration server load: normal',
      'Registration queue: accepting',
      'IP license registration: open',
    ]) {
      assert.ok(tooltip.includes(line), `${line} in:\n${tooltip}`);
    }
    assert.doesNotMatch(tooltip, /db_|rhn_|xmlrpc:|problem/);
    assert.match(api.status.accessibleLabel, /^CLN service status: all services OK\. Checked /);
    assert.doesNotMatch(api.status.accessibleLabel, /\*\*|\$\(|_/);
  });

  it('on a real-shaped status.json: OK, rhn_queue_full "not reported", rejects and datacenters in the tooltip and in Show Service Status', async () => {
    const api = await getApi();
    liveShaped(sim, [
      { dc_name: 'eu2', status: true },
      { dc_name: 'us5', status: true },
    ]);
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'ok');
    assert.strictEqual(api.status.text, '$(pass) CLN');
    const tooltip = plain(api.status.tooltip);
    for (const line of ['Registration queue: not reported', 'Registrations rejected by the queue: 3', 'Backup datacenter eu2: up', 'Backup datacenter us5: up']) {
      assert.ok(tooltip.includes(line), `${line} in:\n${tooltip}`);
    }
    const prompter = await script([{ cancel: true }]);
    await vscode.commands.executeCommand('cln.showStatus');
    const [asked] = prompter.asked;
    const offered = asked.offered ?? [];
    assert.strictEqual(asked.title, 'CLN service status: all services OK');
    assert.ok(offered.includes('$(circle-slash) Registration queue: not reported'), offered.join('\n'));
    assert.ok(offered.includes('$(info) Registrations rejected by the queue: 3'), offered.join('\n'));
    assert.ok(offered.includes('$(check) Backup datacenter us5: up'), offered.join('\n'));
  });

  it('a backup datacenter that is down is a degraded state', async () => {
    const api = await getApi();
    liveShaped(sim, [
      { dc_name: 'eu2', status: true },
      { dc_name: 'us5', status: false },
    ]);
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'degraded');
    assert.strictEqual(api.status.text, '$(warning) CLN: Backup datacenter us5 down');
    assert.match(plain(api.status.tooltip), /Backup datacenter us5: down — problem/);
  });

  it('is degraded with a warning background when flags are bad, read the right way round', async () => {
    const api = await getApi();
    sim.state.status.rhn_queue_full = true; // bad when true
    sim.state.status.db_rhn_online = false; // bad when false
    sim.state.status.rhn_overloaded = false; // good when false
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'degraded');
    assert.strictEqual(api.status.text, '$(warning) CLN: Registration database offline, Registration queue full');
    const tooltip = plain(api.status.tooltip);
    assert.match(tooltip, /Registration queue: full — problem/);
    assert.match(tooltip, /Registration database: offline — problem/);
    assert.match(tooltip, /Registration server load: normal(?! — problem)/);
    assert.match(tooltip, /Registration service \(XML-RPC\): running(?! — problem)/);
  });

  it('is never green when the check failed: an OK before is replaced by the failure and its reason', async () => {
    const api = await getApi();
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'ok');
    sim.faults.set('status.json', { kind: 'http500' });
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'unreachable');
    assert.strictEqual(api.status.text, '$(error) CLN: check failed');
    assert.match(plain(api.status.tooltip), /CLN answered HTTP 500 .* when asked to read the CLN service status/);
    assert.doesNotMatch(plain(api.status.tooltip), /all services OK|: connected/);
  });

  it('checks again when CLN stops answering the tree, so an earlier OK does not stay green', async () => {
    const api = await getApi();
    const other = await startSimulator({ seed: 10 });
    try {
      await signInTo(other);
      await api.status.refresh();
      assert.strictEqual(api.status.health, 'ok');
      await other.close();
      await vscode.commands.executeCommand('cln.refresh');
      await childrenOf().catch(() => []);
      for (const family of await childrenOf().catch(() => [])) await childrenOf(family).catch(() => []);
      await waitFor(() => api.status.health === 'unreachable', 'the status bar to show the failed check', 20_000);
      assert.notStrictEqual(api.status.text, '$(pass) CLN');
    } finally {
      await other.close().catch(() => {});
      await signInTo(sim);
    }
  });

  it('shows every reading in words on click (cln.showStatus), after checking again', async () => {
    sim.state.status.rhn_overloaded = true;
    // A check still under way (the previous test's recheck after a failure) would be joined, not repeated: let it end first.
    await (await getApi()).status.refresh();
    const before = sim.requests.filter((r) => r.endpointId === 'status.json').length;
    const prompter = await script([{ cancel: true }]);
    await vscode.commands.executeCommand('cln.showStatus');
    assert.strictEqual(sim.requests.filter((r) => r.endpointId === 'status.json').length, before + 1);
    const [asked] = prompter.asked;
    assert.strictEqual(asked.title, 'CLN service status: degraded — Registration server load overloaded');
    assert.deepStrictEqual(asked.offered, [
      '$(check) Database connection: connected',
      '$(check) Database: online',
      '$(check) Registration database connection: connected',
      '$(check) Registration database: online',
      '$(warning) Registration server load: overloaded — problem',
      '$(check) Registration queue: accepting',
      '$(check) Registration service (XML-RPC): running',
      '$(check) IP license registration: open',
    ]);
  });

  it('when signed out claims nothing and sends no request, even on a refresh, a poll or a click', async () => {
    const api = await getApi();
    await setSetting('statusRefreshInterval', 1);
    try {
      await api.session.signOut();
      sim.resetLog();
      assert.strictEqual(api.status.health, 'signedOut');
      assert.strictEqual(api.status.text, '$(cloud) CLN');
      assert.doesNotMatch(plain(api.status.tooltip), /OK|unreachable|failed|degraded/);
      await api.status.refresh();
      const prompter = await script([]);
      await vscode.commands.executeCommand('cln.showStatus');
      assert.match(prompter.notices[0].message, /checked once you sign in or explore the demo; nothing is sent to CLN/);
      assert.deepStrictEqual(prompter.notices[0].actions, ['Sign In', 'Explore Demo Data']);
      await new Promise((resolve) => setTimeout(resolve, 2_500)); // more than two poll intervals
      assert.deepStrictEqual(
        sim.requests.map((r) => r.endpointId),
        [],
        'no request while signed out',
      );
      assert.strictEqual(api.status.health, 'signedOut');
    } finally {
      await setSetting('statusRefreshInterval', undefined);
      await signInTo(sim);
    }
  });

  it('says "Demo" in demo mode', async () => {
    const api = await getApi();
    await script([]);
    await vscode.commands.executeCommand('cln.useDemoData');
    await api.status.refresh();
    assert.strictEqual(api.status.text, '$(pass) CLN Demo');
    assert.match(plain(api.status.tooltip), /demo data, from the local simulator/);
    await vscode.commands.executeCommand('cln.signOut');
    assert.strictEqual(api.session.state.kind, 'signedIn', 'leaving the demo returns to the stored account');
    await api.status.refresh();
    assert.strictEqual(api.status.text, '$(pass) CLN');
  });
});

describe('Status polling schedule', () => {
  /** Timers the test moves by hand. */
  function fakeTimers() {
    let now = 0;
    let pending: { at: number; fn: () => void; id: number }[] = [];
    let next = 1;
    return {
      timers: {
        now: () => now,
        setTimeout: (fn: () => void, ms: number) => {
          const id = next++;
          pending.push({ at: now + ms, fn, id });
          return id;
        },
        clearTimeout: (id: unknown) => {
          pending = pending.filter((t) => t.id !== id);
        },
      },
      /** Moves the clock, running the timers that come due (and those they set) in order. */
      async advance(ms: number) {
        const end = now + ms;
        for (;;) {
          pending.sort((a, b) => a.at - b.at);
          const due = pending[0];
          if (!due || due.at > end) break;
          pending.shift();
          now = due.at;
          due.fn();
          await new Promise((resolve) => setImmediate(resolve));
        }
        now = end;
      },
    };
  }

  it('polls every interval, stops after the window is unfocused for more than one, and polls on regaining focus', async () => {
    const clock = fakeTimers();
    const polls: number[] = [];
    const schedule = new PollSchedule(
      async () => void polls.push(clock.timers.now()),
      () => 300_000,
      clock.timers,
    );
    schedule.start(3_000);
    assert.deepStrictEqual(polls, [], 'nothing at start');
    await clock.advance(3_000);
    assert.deepStrictEqual(polls, [3_000], 'the first check a little after activation');
    await clock.advance(300_000);
    assert.deepStrictEqual(polls, [3_000, 303_000]);
    schedule.setFocused(false); // at 303 000
    await clock.advance(300_000);
    assert.deepStrictEqual(polls, [3_000, 303_000, 603_000], 'unfocused for exactly one interval: still polled');
    await clock.advance(3_000_000);
    assert.deepStrictEqual(polls.length, 3, 'unfocused for longer: no more polls');
    schedule.setFocused(true);
    await clock.advance(0);
    assert.deepStrictEqual(polls.length, 4, 'polled at once on regaining focus, the last check being old');
    await clock.advance(300_000);
    assert.deepStrictEqual(polls.length, 5, 'and every interval again');
    schedule.dispose();
  });

  it('does not poll when the interval is 0, and starts when it is set', async () => {
    const clock = fakeTimers();
    let interval = 0;
    let polls = 0;
    const schedule = new PollSchedule(
      async () => {
        polls++;
      },
      () => interval,
      clock.timers,
    );
    schedule.start(3_000);
    await clock.advance(10_000_000);
    assert.strictEqual(polls, 0);
    interval = 60_000;
    schedule.reschedule();
    await clock.advance(0);
    assert.strictEqual(polls, 1);
    await clock.advance(120_000);
    assert.strictEqual(polls, 3);
    schedule.dispose();
  });
});
