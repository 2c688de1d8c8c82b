/**
 * Attack: settings (issue 19 item 3). A settings file is text anyone can write (a repository's
 * .vscode/settings.json, a careless one-character edit): every value a `cln.*` setting can hold —
 * 0, -1, 0.001, NaN, 1e400 (JSON's Infinity), 2³¹ and more, a string or an object where a number
 * belongs — goes through the settings table and into the engines that run with it, and the
 * extension must still behave: requests go (one at a time at worst) and wait a bounded time, the
 * status bar pauses between checks, the clean-up keeps its typed confirmation. The manifest
 * declares the same bounds and scopes as the table, and the restricted list, so they cannot drift.
 */
import * as assert from 'node:assert/strict';
import { inspect } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { ClnClient } from '../../../src/cln/client';
import { settingsFor } from '../../../src/services/accountStore';
import { monthlyCost } from '../../../src/services/cleanupFindings';
import { Limiter, mapBounded, RateLimitBackoff } from '../../../src/services/concurrency';
import { SecretStore, Session } from '../../../src/services/session';
import { clampSetting, SETTING_KEYS, SETTINGS, USER_ONLY_SETTINGS, type SettingKey } from '../../../src/services/settings';
import { startSimulator, type Simulator } from '../../../src/sim';
import { PollSchedule } from '../../../src/features/status/core/pollSchedule';

const ROOT = path.resolve(__dirname, '../../../..');

/** Values a hostile or careless settings file can hold where a number belongs. */
const HOSTILE: unknown[] = [
  0,
  -0,
  -1,
  0.001,
  0.5,
  -1e9,
  1e9,
  2 ** 31,
  2 ** 31 + 1,
  2 ** 53,
  Number.MAX_VALUE,
  JSON.parse('1e400'),
  -JSON.parse('1e400'),
  NaN,
  '5',
  '',
  null,
  true,
  {},
  [],
  [3],
  { toString: 0 },
  { valueOf: () => 5 },
];

type ManifestProperty = {
  type?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxProperties?: number;
  scope?: string;
  additionalProperties?: ManifestProperty & { properties?: Record<string, ManifestProperty> };
};

function manifest(): { capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] } }; properties: Record<string, ManifestProperty> } {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const properties: Record<string, ManifestProperty> = {};
  for (const section of pkg.contributes.configuration) Object.assign(properties, section.properties);
  return { capabilities: pkg.capabilities, properties };
}

function memoryStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return { get: async (k) => values.get(k), store: async (k, v) => void values.set(k, v), delete: async (k) => void values.delete(k) };
}

/** Lets a check's promise settle (as the virtual clock of pollSchedule.test.ts does). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('attack: settings — the manifest declares what the table enforces', () => {
  const { capabilities, properties } = manifest();

  it('every cln.* setting of the manifest is in the table, and every entry of the table is in the manifest, with the same default', () => {
    assert.deepEqual(
      Object.keys(properties)
        .map((k) => k.replace(/^cln\./, ''))
        .sort(),
      [...SETTING_KEYS].sort(),
    );
    for (const key of SETTING_KEYS) assert.deepEqual(properties[`cln.${key}`].default, SETTINGS[key].default, `cln.${key}'s default`);
  });

  it('every numeric setting has the minimum and maximum the code clamps to (whole numbers typed "integer")', () => {
    for (const key of SETTING_KEYS) {
      const spec = SETTINGS[key];
      const declared = properties[`cln.${key}`];
      if (spec.kind === 'number') {
        assert.deepEqual([declared.minimum, declared.maximum], [spec.min, spec.max], `cln.${key}'s range`);
        assert.equal(declared.type, 'integer' in spec && spec.integer ? 'integer' : 'number', `cln.${key}'s type`);
      }
      if (spec.kind === 'numberMap') {
        assert.deepEqual([declared.additionalProperties?.minimum, declared.additionalProperties?.maximum, declared.maxProperties], [spec.min, spec.max, spec.maxEntries], `cln.${key}'s values`);
      }
    }
    const perAccount = properties['cln.accounts'].additionalProperties!.properties!;
    for (const key of ['requestTimeout', 'maxConcurrentRequests'] as const) {
      assert.deepEqual([perAccount[key].minimum, perAccount[key].maximum, perAccount[key].type], [SETTINGS[key].min, SETTINGS[key].max, properties[`cln.${key}`].type], `cln.accounts.<login>.${key}`);
    }
  });

  it('what steers credentials, requests, polling or the clean-up is application-scoped and restricted in untrusted workspaces; the rest is not', () => {
    for (const key of SETTING_KEYS) {
      assert.equal(properties[`cln.${key}`].scope ?? 'window', SETTINGS[key].scope === 'user' ? 'application' : 'window', `cln.${key}'s scope`);
    }
    for (const key of [
      'apiUrl',
      'accounts',
      'requestTimeout',
      'maxConcurrentRequests',
      'maxResponseMB',
      'statusRefreshInterval',
      'cleanup.confirmThreshold',
      'cleanup.unusedDays',
      'cleanup.prices',
    ] as SettingKey[]) {
      assert.ok(USER_ONLY_SETTINGS.includes(key), `cln.${key} is user-only`);
    }
    // VS Code applies restrictedConfigurations only when "supported" is "limited".
    assert.equal(capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual([...(capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(), USER_ONLY_SETTINGS.map((k) => `cln.${k}`).sort());
  });
});

describe('attack: settings — hostile values through the table', () => {
  it('every numeric setting comes out a number within its range, whole where it must be, whatever the file holds', () => {
    const numeric = SETTING_KEYS.filter((key) => SETTINGS[key].kind === 'number');
    const check = (key: SettingKey, raw: unknown) => {
      const spec = SETTINGS[key] as { min: number; max: number; integer?: boolean };
      const value = clampSetting(key, raw) as number;
      // inspect, not String: a hostile value's own toString (fast-check draws `{ toString: 0 }`) must not break the message.
      const shown = inspect(raw);
      assert.ok(typeof value === 'number' && Number.isFinite(value), `cln.${key} = ${shown} gave ${value}`);
      assert.ok(value >= spec.min && value <= spec.max, `cln.${key} = ${shown} gave ${value}, outside [${spec.min}, ${spec.max}]`);
      if (spec.integer) assert.ok(Number.isInteger(value), `cln.${key} = ${shown} gave ${value}`);
    };
    for (const key of numeric) for (const raw of HOSTILE) check(key, raw);
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.oneof(fc.double(), fc.integer(), fc.anything()), (key, raw) => check(key, raw)),
      { numRuns: 2000 },
    );
  });

  it('the values the issue names: a limiter of 0, a timeout past 2^31 ms, a poll of 0.001 s, thresholds and days that disarm the clean-up', () => {
    assert.equal(clampSetting('maxConcurrentRequests', 0), 1);
    assert.equal(clampSetting('maxConcurrentRequests', NaN), 6, 'NaN is no value: the default');
    assert.equal(clampSetting('maxConcurrentRequests', JSON.parse('1e400')), 32);
    assert.equal(clampSetting('requestTimeout', 2 ** 31 / 1000 + 1) * 1000, 600_000, 'a timeout is bounded to 10 minutes');
    assert.equal(clampSetting('requestTimeout', 0), 1);
    assert.equal(clampSetting('statusRefreshInterval', 0.001), 1, 'a tiny interval floors at a second');
    assert.equal(clampSetting('statusRefreshInterval', 0), 0, '0 still turns polling off');
    assert.equal(clampSetting('statusRefreshInterval', -5), 0);
    assert.equal(clampSetting('statusRefreshInterval', 1e12), 86_400);
    assert.equal(clampSetting('cleanup.confirmThreshold', 1e9), 100, 'a huge threshold would never ask for the typed number');
    assert.equal(clampSetting('cleanup.confirmThreshold', -3), 0, 'below 0: every removal asks for the typed number');
    assert.equal(clampSetting('cleanup.confirmThreshold', NaN), 10);
    assert.equal(clampSetting('cleanup.unusedDays', 0), 1, '0 days would propose everything for removal');
    assert.equal(clampSetting('cleanup.unusedDays', -30), 1);
    assert.equal(clampSetting('cleanup.unusedDays', 0.5), 1);
    assert.equal(clampSetting('pageSize', 0), 20, 'a page of 0 would show nothing, ever');
    assert.equal(clampSetting('staleCheckinDays', -1), 1);
    assert.equal(clampSetting('maxResponseMB', 1e9), 1024);
  });

  it('non-numeric settings of the wrong type fall back to their default', () => {
    assert.equal(clampSetting('apiUrl', 42), SETTINGS.apiUrl.default);
    assert.equal(clampSetting('apiUrl', '   '), SETTINGS.apiUrl.default);
    assert.equal(clampSetting('hover.enabled', 'false'), true);
    assert.deepEqual(clampSetting('accounts', ['x']), {});
    assert.deepEqual(clampSetting('cleanup.prices', 'cheap'), {});
  });

  it('prices: negative, NaN, huge or not numbers never make the savings estimate negative, NaN or infinite', () => {
    const raw = JSON.parse('{"ip": -5, "kcare": 1e300, "im:360_1": 1e400, "im": "12", "els": null, "ip:1": 3, "__proto__": 7, "constructor": 2}');
    const prices = clampSetting('cleanup.prices', raw);
    assert.deepEqual({ ...prices }, { ip: 0, kcare: 1_000_000, 'ip:1': 3, ['__proto__']: 7, constructor: 2 });
    assert.equal(Object.getPrototypeOf(prices), Object.prototype, 'a "__proto__" price is a price, not a prototype');
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`ip:${i}`, i]));
    assert.equal(Object.keys(clampSetting('cleanup.prices', many)).length, SETTINGS['cleanup.prices'].maxEntries);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('ip', 'kcare', 'im', 'els', 'ip:1', 'im:360_1'), fc.oneof(fc.double(), fc.anything())), (dict) => {
        const cost = monthlyCost(
          [
            { priceKey: 'ip:1', product: 'ip', removal: { action: 'ipl.remove', args: { ip: '192.0.2.1', type: 1 } } },
            { priceKey: 'kcare', product: 'kcare', removal: { action: 'kcare.srv.remove', args: { server_id: 'a1' } } },
          ] as never,
          clampSetting('cleanup.prices', dict),
        );
        assert.ok(Number.isFinite(cost.total) && cost.total >= 0, JSON.stringify(cost));
      }),
      { numRuns: 500 },
    );
  });

  it("an account's own entry (cln.accounts.<login>) outside the range is ignored; the global values are bounded too", () => {
    const hostileGlobal = { apiUrl: 'https://cln.cloudlinux.com/api', requestTimeout: 2 ** 31, maxConcurrentRequests: 0 };
    assert.deepEqual(settingsFor(undefined, hostileGlobal, {}), { apiUrl: 'https://cln.cloudlinux.com/api', requestTimeout: 600, maxConcurrentRequests: 1 });
    const accounts = {
      me: { apiUrl: ' ', requestTimeout: 1e12, maxConcurrentRequests: 0.5 },
      you: { requestTimeout: NaN, maxConcurrentRequests: -4 },
      fine: { requestTimeout: 90, maxConcurrentRequests: 8.7 },
    };
    const defaults = { apiUrl: 'https://cln.cloudlinux.com/api', requestTimeout: 30, maxConcurrentRequests: 6 };
    assert.deepEqual(settingsFor('me', defaults, accounts), defaults);
    assert.deepEqual(settingsFor('you', defaults, accounts), defaults);
    assert.deepEqual(settingsFor('fine', defaults, accounts), { ...defaults, requestTimeout: 90, maxConcurrentRequests: 8 });
  });
});

describe('attack: settings — the engines run with whatever they are given', function () {
  this.timeout(20_000);

  /** Runs `n` tasks through `limiter`; resolves with the most that ran at once (or rejects after 2 s: a hang). */
  async function peak(limiter: Limiter, n = 6): Promise<number> {
    let running = 0;
    let most = 0;
    const task = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    };
    const all = Promise.all(Array.from({ length: n }, () => limiter.run(task)));
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('the queued requests never ran')), 2000)));
    try {
      await Promise.race([all, hang]);
    } finally {
      clearTimeout(timer);
    }
    return most;
  }

  it('a limiter built with 0, a negative number, NaN or a fraction runs every request, one at a time', async () => {
    for (const max of [0, -1, NaN, 0.5, -JSON.parse('1e400')]) assert.equal(await peak(new Limiter(max)), 1, `Limiter(${max})`);
    assert.equal(await peak(new Limiter(JSON.parse('1e400')), 40), 32, "infinity is the setting's maximum");
  });

  it('a limiter whose maximum is changed to NaN or 0 while requests wait still runs them', async () => {
    for (const max of [NaN, 0, -2]) {
      const limiter = new Limiter(2);
      const done = peak(limiter, 6);
      limiter.setMax(max);
      assert.equal(await done, 2, `setMax(${max}) while queued`);
    }
  });

  it('the rate-limit allowance stays a usable number when built with 0 or NaN', () => {
    for (const max of [0, NaN, -3]) {
      const backoff = new RateLimitBackoff(max);
      assert.equal(backoff.allowed, 1, `RateLimitBackoff(${max})`);
      backoff.rateLimited();
      assert.equal(backoff.allowed, 1);
    }
  });

  it('a bounded map with a bound of 0 or NaN still maps every item', async () => {
    for (const limit of [0, NaN, -1, 0.3]) {
      const seen: number[] = [];
      const out = await mapBounded([1, 2, 3], limit, async (n) => (seen.push(n), n * 2));
      assert.deepEqual(out, [2, 4, 6], `mapBounded(limit ${limit})`);
      assert.deepEqual(seen, [1, 2, 3]);
    }
  });

  it('the status poll pauses at least a second between checks, however small the interval', async () => {
    let now = 0;
    const pending: { at: number; fn: () => void }[] = [];
    const timers = { now: () => now, setTimeout: (fn: () => void, ms: number) => pending.push({ at: now + ms, fn }), clearTimeout: () => (pending.length = 0) };
    let checks = 0;
    const schedule = new PollSchedule(
      async () => {
        checks++;
      },
      () => 1,
      timers,
    ); // 0.001 s, in ms
    schedule.start(0);
    while (pending.length && now < 10_000 && checks < 1000) {
      pending.sort((a, b) => a.at - b.at);
      const next = pending.shift()!;
      now = next.at;
      next.fn();
      await settle();
    }
    schedule.dispose();
    assert.ok(checks <= 11, `${checks} checks in 10 s`);
    assert.ok(checks >= 9, `${checks} checks in 10 s: still polling`);
  });

  it('the status poll with an interval past 2^31 ms waits instead of firing at once (real timers)', async () => {
    let checks = 0;
    const schedule = new PollSchedule(
      async () => {
        checks++;
      },
      () => 1e12,
    );
    schedule.start(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    schedule.dispose();
    assert.equal(checks, 1, 'one check at start, then a long wait');
  });

  it('the status poll with NaN or a negative interval is off', async () => {
    for (const interval of [NaN, -1000]) {
      let checks = 0;
      const schedule = new PollSchedule(
        async () => {
          checks++;
        },
        () => interval,
      );
      schedule.start(0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      schedule.dispose();
      assert.equal(checks, 0, `interval ${interval}`);
    }
  });

  describe('against the simulator', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ size: { ipLicenses: 3 }, latencyMs: 30 });
    });
    after(() => sim.close());

    it('a request timeout past 2^31 ms, NaN or 0 does not abandon every request at once', async () => {
      for (const timeoutMs of [2 ** 31 + 5, 1e15, NaN, 0]) {
        const client = new ClnClient({ baseUrl: sim.url, credentials: () => sim.credentials, timeoutMs, readRetries: 0 });
        const list = await client.call('ipl.list', {});
        assert.equal(list.length, 3, `timeoutMs ${timeoutMs}`);
      }
    });

    it('a session whose settings say 0 requests at once and a 2^31 s timeout signs in and reads', async () => {
      const session = new Session({
        secrets: memoryStore(),
        settings: (login) => {
          const own = settingsFor(login, { apiUrl: sim.url, requestTimeout: 2 ** 31, maxConcurrentRequests: 0 }, { [sim.credentials.login]: { maxConcurrentRequests: NaN, requestTimeout: -1 } });
          return { apiUrl: own.apiUrl, timeoutMs: own.requestTimeout * 1000, maxConcurrent: own.maxConcurrentRequests };
        },
        startDemo: () => Promise.reject(new Error('no demo')),
      });
      try {
        await session.signIn(sim.credentials.login, sim.credentials.secretKey);
        assert.equal(session.state.kind, 'signedIn');
        const reads = await Promise.all([session.account!.read('ipl.list', {}, { force: true }), session.account!.read('kcare.key.list', {}, { force: true })]);
        assert.equal(reads[0].length, 3);
      } finally {
        await session.dispose();
      }
    });
  });
});
