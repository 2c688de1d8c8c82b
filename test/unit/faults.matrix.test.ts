/**
 * Every fault the simulator offers × every call family, through the
 * AccountService against the simulator over loopback HTTP (cases in
 * faults.cases.ts). Reads: a specific message, retried only after network
 * trouble or 5xx, usable afterwards. Changes: sent exactly once, an unknown
 * outcome reported as such and followed by invalidation, so the next read
 * shows what the simulator really did — never changed twice or silently.
 */
import * as assert from 'node:assert/strict';
import { CacheTag, EndpointId, endpointOf } from '../../src/cln/endpoints';
import { ClnAuthError, ClnError } from '../../src/cln/errors';
import { AccountService } from '../../src/services/accountService';
import { AccountSize, FaultKind, FaultSpec, Simulator, SimulatorOptions, startSimulator } from '../../src/sim';
import { callArgs, CHANGES, KINDS, MATRIX_FAULT_BYTES, MATRIX_MAX_BYTES, READS, UNKNOWN_OUTCOME } from './faults.cases';
import { HostileServer, startHostile } from './support/hostile';
import { simAccount } from './support/clients';
import { failure } from './support/failure';

const SMALL: Partial<AccountSize> = { ipLicenses: 12, kcareKeys: 4, kcareServersPerKey: 3, imunifyKeys: 4, imunifyServersPerKey: 2, elsKeysPerCode: 1, backups: 3, groups: 2, awpEntriesPerMonth: 5 };
const TIMEOUT_MS = 400;
/** A "latency" fault holds the answer this long: beyond the client's timeout. */
const SLOW_MS = 1000;
const FAULT_KINDS = Object.keys(KINDS) as FaultKind[];

interface Setup {
  sim: Simulator;
  /** Where the redirect faults point: it must never receive a request. */
  elsewhere: HostileServer;
  account: AccountService;
  /** Cache families each onDidChange carried. */
  changed: CacheTag[][];
  authFailures: number;
  sent(id: EndpointId): number;
  close(): Promise<void>;
}

async function setup(options: SimulatorOptions = {}): Promise<Setup> {
  const sim = await startSimulator({ size: SMALL, seed: 3, ...options });
  const elsewhere = await startHostile((_req, res) => void res.end('{"success":true,"message":null,"data":[]}'));
  // As the session does: the secret key is redacted from every answer, also of calls that send no credentials.
  const account = simAccount(sim, { timeoutMs: TIMEOUT_MS, retryDelayMs: 10, maxResponseBytes: MATRIX_MAX_BYTES });
  const t: Setup = {
    sim,
    elsewhere,
    account,
    changed: [],
    authFailures: 0,
    sent: (id) => sim.requests.filter((r) => r.endpointId === id).length,
    close: async () => {
      assert.equal(elsewhere.requests.length, 0, `a request (and its token) reached another origin: ${elsewhere.requests[0]?.url}`);
      await Promise.all([sim.close(), elsewhere.close()]);
    },
  };
  account.onDidChange((tags) => t.changed.push([...tags]));
  account.onAuthFailure(() => t.authFailures++);
  return t;
}

function assertMessage(error: ClnError, kind: FaultKind, sim: Simulator, change = false): void {
  for (const phrase of (change && KINDS[kind].changeMessage) || KINDS[kind].message) assert.match(error.message, phrase);
  const texts = `${error.message} ${error.detail ?? ''} ${error.stack ?? ''}`;
  assert.ok(!texts.includes(sim.credentials.secretKey) && !texts.includes(encodeURIComponent(sim.credentials.secretKey)), 'the secret key is in the error');
  assert.doesNotMatch(texts, /[0-9a-f]{40}/i, 'a token digest is in the error');
  // The echo fault sent the token and the secret back in six forms: they were there, and were removed.
  // (A call that sends no credentials gets only the secret key echoed.)
  if (kind === 'echo') assert.ok((error.detail ?? '').split('<redacted>').length >= (error.endpoint === 'status.json' ? 2 : 4), `the echo was not redacted: ${error.detail}`);
}

/** Where the redirect faults send the client: another origin that records what reaches it. */
const fault = (kind: FaultKind, t: Setup, extra: Partial<FaultSpec> = {}): FaultSpec => ({
  kind,
  ms: SLOW_MS,
  retryAfter: 0,
  bytes: MATRIX_FAULT_BYTES,
  location: kind === 'redirectInsecure' ? t.elsewhere.origin.replace('127.0.0.1', 'localhost') : t.elsewhere.origin,
  ...extra,
});

/** Waits until the simulator has answered every request (one held by a latency fault finishes after the client gave up). */
async function settled(sim: Simulator): Promise<void> {
  for (let waited = 0; sim.requests.some((r) => r.status === 0); waited += 20) {
    assert.ok(waited < 5 * SLOW_MS, 'the simulator never answered');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('fault matrix: reads', function () {
  this.timeout(15_000);
  for (const c of READS) {
    for (const kind of FAULT_KINDS) {
      const { attempts, oneOff } = KINDS[kind];
      it(`${c.id} × ${kind}: a specific message, ${attempts} request(s), ${oneOff.succeeds ? 'succeeds when the fault passes' : 'not retried'}, usable after`, async () => {
        const t = await setup();
        try {
          const args = c.args(t.sim.state);
          t.sim.faults.set(c.id, fault(kind, t));
          const error = await failure(t.account.read(c.id, args));
          // An endpoint that sends no credentials (status) cannot have them rejected: CLN's "Authorization failed" is just its answer.
          const sendsCredentials = endpointOf(c.id).auth !== 'none';
          if (kind === 'auth' && !sendsCredentials) assert.match(error.message, /^CLN could not .*: Authorization failed\.$/);
          else assertMessage(error, kind, t.sim);
          assert.equal(t.sent(c.id), attempts, 'attempts');
          assert.equal(t.authFailures, kind === 'auth' && sendsCredentials ? 1 : 0);
          assert.deepEqual(t.changed, [], 'a failed read changes nothing');

          await settled(t.sim);
          t.sim.resetLog();
          t.sim.faults.set(c.id, fault(kind, t, { times: 1 }));
          if (oneOff.succeeds) await t.account.read(c.id, args);
          else await failure(t.account.read(c.id, args));
          assert.equal(t.sent(c.id), oneOff.attempts, 'attempts with a one-off fault');

          await settled(t.sim);
          t.sim.resetLog();
          t.sim.faults.clear();
          assert.notEqual(await t.account.read(c.id, args, { force: true }), undefined);
          assert.equal(t.sent(c.id), 1);
        } finally {
          await t.close();
        }
      });
    }
  }
});

describe('fault matrix: state-changing calls', function () {
  this.timeout(15_000);
  for (const c of CHANGES) {
    for (const kind of FAULT_KINDS) {
      // An authorization failure and a 429 come before any change; a latency fault always lets the change through late.
      const commits = KINDS[kind].change.afterCommit ? [false, true] : [false];
      for (const afterCommit of commits) {
        const made = afterCommit || kind === 'latency';
        const { unknown } = KINDS[kind].change;
        const title = `${c.id} × ${kind}${afterCommit ? ' after the change was made' : ''}: sent once, ${unknown ? 'outcome unknown, refreshed' : 'refused'}, changed ${made ? 'once' : 'never'}`;
        it(title, async () => {
          const t = await setup();
          try {
            const { state } = t.sim;
            const args = c.args(state);
            assert.equal(await c.truth(t.account, state, args), false, 'the change is not there before');
            t.sim.resetLog();
            t.sim.faults.set(c.id, fault(kind, t, { afterCommit }));

            const error = await failure(t.account.change(c.id, callArgs(args, Object.keys(endpointOf(c.id).params)) as never));
            assertMessage(error, kind, t.sim, true);
            assert.equal(t.sent(c.id), 1, 'a change is sent exactly once');
            assert.equal(error.outcomeUnknown, unknown, 'outcomeUnknown');
            if (unknown) assert.match(error.message, UNKNOWN_OUTCOME);
            else assert.doesNotMatch(error.message, UNKNOWN_OUTCOME);
            if (kind === 'auth') assert.ok(error instanceof ClnAuthError && t.authFailures === 1);

            await settled(t.sim);
            assert.equal(t.sim.mutationCounts[c.id] ?? 0, made ? 1 : 0, 'changes the simulator made');
            assert.equal(c.applied(state, args), made);
            assert.deepEqual(t.changed, unknown ? [endpointOf(c.id).invalidates] : [], 'invalidated families');

            t.sim.faults.clear();
            const before = t.sim.requests.length;
            assert.equal(await c.truth(t.account, state, args), made, 'the next read shows what CLN did');
            assert.ok(t.sim.requests.length > before || !unknown, 'the next read asked CLN instead of the stale cache');
            assert.equal(t.sent(c.id), 1, 'nothing sent the change again');
          } finally {
            await t.close();
          }
        });
      }
    }
  }
});

describe('fault matrix: clock skew', () => {
  const MINUTE = 60_000;
  for (const [offset, words] of [
    [10 * MINUTE, /clock is 10 minutes behind CLN's/],
    [-10 * MINUTE, /clock is 10 minutes ahead of CLN's/],
  ] as const) {
    it(`CLN's clock ${offset > 0 ? 'ahead' : 'behind'} by 10 minutes: reads and changes say the clock is off, nothing changes`, async () => {
      const t = await setup({ now: () => Date.now() + offset });
      try {
        for (const call of [t.account.read('ipl.list', {}), t.account.change('ipl.register', { ip: '198.51.100.78', type: 1 })]) {
          const error = await failure(call);
          assert.ok(error instanceof ClnAuthError);
          assert.match(error.message, words);
          assert.match(error.message, /NTP/);
          assert.equal(error.outcomeUnknown, false);
        }
        assert.equal(t.sent('ipl.register'), 1);
        assert.equal(t.sim.mutationCounts['ipl.register'] ?? 0, 0);
      } finally {
        await t.close();
      }
    });
  }

  it('a skew under five minutes is not blamed, and tokens within it are accepted', async () => {
    const t = await setup({ now: () => Date.now() + 2 * MINUTE });
    try {
      assert.ok((await t.account.read('ipl.list', {})).length > 0);
      t.sim.faults.set('ipl.list', { kind: 'auth' });
      const error = await failure(t.account.read('ipl.list', {}, { force: true }));
      assert.doesNotMatch(error.message, /clock/);
      assert.match(error.message, /rejected the login or secret key/);
    } finally {
      await t.close();
    }
  });
});
