// The CLN health status bar item: OK, degraded and unreachable, every flag read the right way round.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { STATUS_FLAGS } from '../../src/cln/catalog';
import { PollSchedule } from '../../src/status/pollSchedule';
import type { Simulator } from '../../src/sim';
import { getApi, leaveSim, script, setSetting, signedInToNewSim, signInTo } from './helpers';

const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

describe('Status bar: CLN service health', function () {
  this.timeout(60_000);
  let sim: Simulator;

  before(async () => {
    sim = await signedInToNewSim({ seed: 9 });
  });
  beforeEach(() => {
    sim.faults.clear();
    for (const { flag, badWhen } of STATUS_FLAGS) sim.state.status[flag] = !badWhen;
  });
  after(async () => {
    await leaveSim(sim);
  });

  it('is OK when every flag is good, and the tooltip lists every flag', async () => {
    const api = await getApi();
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'ok');
    assert.strictEqual(api.status.text, '$(pass) CLN');
    const tooltip = plain(api.status.tooltip);
    assert.match(tooltip, /CLN service status: all services OK/);
    for (const { label, badWhen } of STATUS_FLAGS) assert.ok(tooltip.includes(`${label}: ${badWhen ? 'no' : 'yes'}\n`) || tooltip.includes(`${label}: ${badWhen ? 'no' : 'yes'} `), `${label} in:\n${tooltip}`);
    assert.ok(!tooltip.includes('problem'));
  });

  it('is degraded with a warning background when flags are bad, read the right way round', async () => {
    const api = await getApi();
    sim.state.status.rhn_queue_full = true; // bad when true
    sim.state.status.db_rhn_online = false; // bad when false
    sim.state.status.rhn_overloaded = false; // good when false
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'degraded');
    assert.strictEqual(api.status.text, '$(warning) CLN: Registration database online, Registration queue full');
    const tooltip = plain(api.status.tooltip);
    assert.match(tooltip, /Registration queue full: yes — problem/);
    assert.match(tooltip, /Registration database online: no — problem/);
    assert.match(tooltip, /Registration server overloaded: no(?! — problem)/);
    assert.match(tooltip, /XML-RPC service alive: yes(?! — problem)/);
  });

  it('is unreachable with the reason when status.json fails', async () => {
    const api = await getApi();
    sim.faults.set('status.json', { kind: 'http500' });
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'unreachable');
    assert.strictEqual(api.status.text, '$(error) CLN unreachable');
    assert.match(plain(api.status.tooltip), /CLN answered HTTP 500 .* when asked to read the CLN service status/);
  });

  it('shows every flag with its meaning on click (cln.showStatus), after checking again', async () => {
    sim.state.status.rhn_overloaded = true;
    const before = sim.requests.filter((r) => r.endpointId === 'status.json').length;
    const prompter = await script([{ cancel: true }]);
    await vscode.commands.executeCommand('cln.showStatus');
    assert.strictEqual(sim.requests.filter((r) => r.endpointId === 'status.json').length, before + 1);
    const [asked] = prompter.asked;
    assert.strictEqual(asked.title, 'CLN service status: degraded — Registration server overloaded');
    assert.deepStrictEqual(
      asked.offered,
      STATUS_FLAGS.map(({ flag, label, badWhen }) =>
        flag === 'rhn_overloaded' ? `$(warning) ${label}: yes — problem` : `$(check) ${label}: ${badWhen ? 'no' : 'yes'}`,
      ),
    );
  });

  it('when signed out asks status.json without credentials at cln.apiUrl, or says why it cannot', async () => {
    const api = await getApi();
    await api.session.signOut();
    sim.resetLog();
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'ok');
    const [request] = sim.requests;
    assert.strictEqual(request.endpointId, 'status.json');
    assert.strictEqual(request.auth, undefined, 'no token sent');
    await setSetting('apiUrl', 'http://127.0.0.1:9/api');
    await api.status.refresh();
    assert.strictEqual(api.status.health, 'unreachable');
    assert.match(plain(api.status.tooltip), /Could not reach CLN at 127\.0\.0\.1:9 .*ECONNREFUSED/);
    await setSetting('apiUrl', 'http://cln.example.com/api');
    await api.status.refresh();
    assert.match(plain(api.status.tooltip), /Refusing the unencrypted API URL/);
    await signInTo(sim);
  });

  it('says "Demo" in demo mode', async () => {
    const api = await getApi();
    await script([]);
    await vscode.commands.executeCommand('cln.useDemoData');
    await api.status.refresh();
    assert.strictEqual(api.status.text, '$(pass) CLN Demo');
    assert.match(plain(api.status.tooltip), /demo data, from the local simulator/);
    await vscode.commands.executeCommand('cln.signOut');
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
    const schedule = new PollSchedule(async () => void polls.push(clock.timers.now()), () => 300_000, clock.timers);
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
    const schedule = new PollSchedule(async () => void polls++, () => interval, clock.timers);
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
