/**
 * The account as the explorer sees it: cached, coalesced, bounded reads and
 * state-changing calls that invalidate what they affect. No `vscode` here.
 */
import { appendTo } from '../cln/collections';
import * as l10n from '@vscode/l10n';
import { ELS_CODES } from '../cln/catalog';
import type { ClnClient } from '../cln/client';
import { ArgsOf, CacheTag, EndpointId, endpointOf, ResultOf } from '../cln/endpoints';
import { ClnAuthError, ClnError, ClnV2UnavailableError, isClnError, isV2Unavailable } from '../cln/errors';
import type { AwpEntry, ClKey, ClServer, ClSubAccountServer, ElsKey, ElsServer, FeatureInfo, FeatureState, IpServerInfo, KcarePatchLevel } from '../cln/types';
import { CL_PRODUCTS } from '../cln/validate';
import type { AwpProduct } from '../cln/catalog';
import { MAX_IPS_PER_SERVER_CALL } from '../cln/validate';
import { RequestCache } from './cache';
import { Limiter, mapBounded, RateLimitBackoff } from './concurrency';
import { Emitter } from './events';
import { currentChangeContext, type ChangeContext, type Journal, type Outcome } from './journal';
import { KcareChecks } from './kcareChecks';

export interface AccountServiceOptions {
  maxConcurrent: number;
  /** How long a read stays fresh; default 5 minutes. */
  cacheTtlMs?: number;
  now?: () => number;
  /** Where every change is journaled before it is sent; without one, changes are not journaled. */
  journal?: Journal;
  /** The account login the journal records with each change. */
  login?: string;
  /** After HTTP 429, one more request in flight per this long without another; default 10 s. */
  rateLimitRecoverStepMs?: number;
}

export interface ReadOptions {
  /** Skip the cached value and ask CLN again. */
  force?: boolean;
  signal?: AbortSignal;
}

export interface IpInfoOptions extends ReadOptions {
  /** Told about each IP's details as its batch returns, before the whole answer is complete. */
  onInfo?: (ip: string, info: IpServerInfo[]) => void;
  /** These IPs first (the rows on screen), in the first batches; the others in sorted order. */
  prefer?: readonly string[];
}

/** One `ipServerInfo` call waiting for IPs: told about each as its batch returns (no promise per IP). */
interface IpWaiter {
  got(ip: string, info: IpServerInfo[]): void;
  failed(error: unknown): void;
}

/** One IP's server details on their way: who waits for them, and the cache generation its batch left in. */
interface QueuedIp {
  waiters: IpWaiter[];
  /** Set when its batch is sent: an invalidation after that keeps the answer out of the cache and new callers off it. */
  sentIn?: number;
}

/** `target`, `run` and `item` go to the journal; they default to the surrounding `withChangeContext`. */
export interface ChangeOptions extends ChangeContext {
  signal?: AbortSignal;
}

export class AccountService {
  private readonly limiter: Limiter;
  private readonly backoff: RateLimitBackoff;
  private readonly cache: RequestCache;
  private readonly changed = new Emitter<readonly CacheTag[]>();
  private readonly authFailed = new Emitter<ClnAuthError>();
  private readonly answered = new Emitter<{ id: EndpointId; args: object }>();
  /** Keys whose patch levels CLN did not give (404, an error): not asked again this session. */
  private readonly patchsetRefused = new Set<string>();
  /** What CLN answered when API v2 was not there (404, 403, an HTML page); cleared by a forced v2 read that succeeds. */
  private v2Unavailable: ClnV2UnavailableError | undefined;
  private v2UnavailableAt = 0;
  /** Whether a v2 read of this account ever succeeded (then reads of several products go out together). */
  private v2Answered = false;
  /** Whether the patch-level endpoint ever answered; after a few refusals without an answer it is taken as absent. */
  private patchsetAnswered = false;
  /** IPs whose server details are wanted and not yet sent, in the order they will go (after `preferred`). */
  private readonly ipQueue = new Map<string, QueuedIp>();
  /** IPs whose batch is in flight. */
  private readonly ipSent = new Map<string, QueuedIp>();
  /** Counts invalidations of IP licenses (and cache clears): answers sent before one are handed out, not kept. */
  private ipGeneration = 0;
  /** IPs to send before the rest of `ipQueue` (rows on screen). */
  private preferred: string[] = [];

  /** What the latest KernelCare checks said about each server (the tree marks out-of-date ones). */
  readonly kcareChecks = new KcareChecks();
  /** Fires with the cache families a change (or an unknown outcome) affected. */
  readonly onDidChange = this.changed.event;
  /**
   * Fires when CLN itself rejects the credentials ("Authorization failed", clock in order), so the
   * session can sign out. Not for clock skew, a proxy's 401/403 or a 5xx: those keep the secret.
   */
  readonly onAuthFailure = this.authFailed.event;
  /**
   * Fires when CLN answered a cached read (not a read answered from the cache), once the answer is
   * in the cache: views that show what the cache holds (a key's server count) render again.
   */
  readonly onDidRead = this.answered.event;

  constructor(
    readonly client: ClnClient,
    private readonly options: AccountServiceOptions,
  ) {
    this.limiter = new Limiter(options.maxConcurrent);
    this.backoff = new RateLimitBackoff(options.maxConcurrent, { recoverStepMs: options.rateLimitRecoverStepMs, now: options.now });
    this.cache = new RequestCache(options.cacheTtlMs ?? 5 * 60_000, options.now);
    // CLN said "slow down": fewer requests at once for a while (reads wait its Retry-After in the client).
    client.onRateLimited(() => {
      this.backoff.rateLimited();
      this.limiter.setMax(this.backoff.allowed);
    });
  }

  /** How many requests may be in flight now: the setting, or less for a while after CLN rate-limited. */
  get allowedConcurrent(): number {
    return this.backoff.allowed;
  }

  get maxConcurrent(): number {
    return this.options.maxConcurrent;
  }

  setMaxConcurrent(max: number): void {
    this.options.maxConcurrent = max;
    this.backoff.setMax(max);
    this.limiter.setMax(this.backoff.allowed);
  }

  async read<K extends EndpointId>(id: K, args: ArgsOf<K>, options: ReadOptions = {}): Promise<ResultOf<K>> {
    const endpoint = endpointOf(id);
    if (endpoint.mutates) throw new Error(l10n.t('{0} changes state: use change()', id));
    // Sent with the first caller's signal: a read still waiting for a slot when that caller stops is not sent.
    let sent = false;
    const load = () => {
      sent = true;
      return this.send(id, args, undefined, options.signal);
    };
    const pending = endpoint.cache ? this.cache.get(cacheKey(id, args), endpoint.cache, load, { force: options.force }) : load();
    // Told after the cache stored the answer (its own handler runs first).
    if (sent && endpoint.cache)
      pending.then(
        () => this.answered.fire({ id, args }),
        () => undefined,
      );
    try {
      return await withAbort(pending, options.signal);
    } catch (error) {
      // This caller joined another's read, which that caller cancelled before it was sent: ask again.
      if (error instanceof ClnError && error.kind === 'cancelled' && !options.signal?.aborted) return this.read(id, args, options);
      throw error;
    }
  }

  /**
   * A state-changing call: sent once, never retried. Afterwards (success, or a
   * failure whose outcome is unknown) the affected families are invalidated and
   * `onDidChange` fires, so views show the truth.
   */
  async change<K extends EndpointId>(id: K, args: ArgsOf<K>, options: ChangeOptions = {}): Promise<ResultOf<K>> {
    const endpoint = endpointOf(id);
    if (!endpoint.mutates) throw new Error(l10n.t('{0} does not change state: use read()', id));
    const affected = endpoint.invalidates ?? [];
    const journal = this.options.journal;
    const context = { ...currentChangeContext(), ...definedOnly({ target: options.target, run: options.run, item: options.item }) };
    let entry: string | undefined;
    if (journal) {
      try {
        entry = await journal.begin({
          login: this.options.login ?? '',
          action: id,
          title: endpoint.title,
          target: context.target ?? describeCall(endpoint.title, args),
          args,
          run: context.run,
          item: context.item,
        });
      } catch (error) {
        throw new ClnError(
          'validation',
          l10n.t(
            "Nothing was sent: the activity journal could not be written ({0}). Check the disk space and permissions of VS Code's storage folder.",
            error instanceof Error ? error.message : String(error),
          ),
          { endpoint: id, cause: error },
        );
      }
    }
    const record = (outcome: Exclude<Outcome, 'pending'>, message?: string) => (entry && journal ? journal.complete(entry, outcome, message, args).catch(() => undefined) : Promise.resolve());
    try {
      const result = await this.send(id, args, options.signal);
      this.invalidate(affected);
      const notice = noticeOf(result);
      await record(notice ? 'unchanged' : 'done', notice);
      return result;
    } catch (error) {
      if (error instanceof ClnError && error.outcomeUnknown) this.invalidate(affected);
      await record(...outcomeOfError(error));
      throw error;
    }
  }

  /**
   * What the cache holds for an endpoint, without sending anything: every fresh
   * answer of `id` (any arguments), with the cache key it was stored under.
   * Hovers read the account this way, so typing never causes a request.
   */
  cached<K extends EndpointId>(id: K): { key: string; value: ResultOf<K> }[] {
    return this.cache.peekPrefix(`${id}?`) as { key: string; value: ResultOf<K> }[];
  }

  /** The fresh cached answer of one read, without sending anything; undefined when none (or it is still on its way). */
  peek<K extends EndpointId>(id: K, args: ArgsOf<K>): ResultOf<K> | undefined {
    return this.cache.peek<ResultOf<K>>(cacheKey(id, args));
  }

  invalidate(tags: readonly CacheTag[]): void {
    if (tags.length === 0) return;
    if (tags.includes('ipl')) this.ipGeneration++;
    this.cache.invalidate(tags);
    this.changed.fire(tags);
  }

  clearCache(): void {
    this.ipGeneration++;
    this.cache.clear();
    // What v2 answered is part of what is known of the account: forgotten with the rest.
    this.v2Unavailable = undefined;
  }

  /**
   * Server details of IP licenses, keyed by IP. Each IP is cached on its own
   * (fresh or in flight, it is never asked twice); the missing ones are sent
   * in batches of 100 (the API's limit) under the concurrency bound. A batch
   * is made up when the limiter gives it a slot: the IPs of `prefer` and
   * `preferIps` first (rows on screen), then the rest in sorted order. `onInfo`
   * hears about each IP as its batch returns. Cancelling stops sending this
   * call's IPs.
   */
  async ipServerInfo(ips: readonly string[], options: IpInfoOptions = {}): Promise<Map<string, IpServerInfo[]>> {
    // The set-up is one pass over the IPs with a record per IP still to ask, and no promise per IP:
    // for 8,299 IPs it used to take ~60 ms before the first batch could leave.
    if (options.signal?.aborted) throw new ClnError('cancelled', l10n.t('Cancelled.'));
    let order = [...new Set(ips)].sort();
    if (options.prefer?.length) {
      const wanted = new Set(options.prefer);
      order = [...order.filter((ip) => wanted.has(ip)), ...order.filter((ip) => !wanted.has(ip))];
    }
    const byIp = new Map<string, IpServerInfo[]>();
    const cached: [string, IpServerInfo[]][] = [];
    const mine: [string, QueuedIp][] = [];
    let queued = 0;
    let launched = 0;
    let outstanding = 0;
    let setUp = false;
    let failure: unknown;
    let settle: (() => void) | undefined;
    const done = new Promise<void>((resolve) => (settle = resolve));
    const waiter: IpWaiter = {
      got: (ip, info) => {
        byIp.set(ip, info);
        try {
          options.onInfo?.(ip, info);
        } catch (error) {
          failure ??= error;
        }
        if (--outstanding === 0 && setUp) settle!();
      },
      failed: (error) => {
        failure ??= error;
        if (--outstanding === 0 && setUp) settle!();
      },
    };
    const enqueue = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const ip = order[i];
        const value = options.force ? undefined : this.cache.peek<IpServerInfo[]>(ipInfoKey(ip));
        if (value) {
          cached.push([ip, value]);
          continue;
        }
        // Fresh or in flight, an IP is never asked twice; a batch sent before an invalidation is not joined.
        let entry = this.ipQueue.get(ip);
        if (!entry) {
          const sent = this.ipSent.get(ip);
          if (sent && sent.sentIn === this.ipGeneration) entry = sent;
        }
        if (!entry) {
          entry = { waiters: [] };
          this.ipQueue.set(ip, entry);
          queued++;
        }
        entry.waiters.push(waiter);
        mine.push([ip, entry]);
        outstanding++;
      }
    };
    const launch = (batches: number) => {
      for (; launched < batches; launched++) void this.limiter.run((release) => this.sendIpBatch(release));
    };
    // The batches the free slots can send now are queued and sent first, and the other IPs queued while
    // they are on their way: for 8,298 IPs the whole set-up held the first request back by ~10 ms.
    const first = Math.min(order.length, this.limiter.free * MAX_IPS_PER_SERVER_CALL);
    enqueue(0, first);
    launch(Math.floor(queued / MAX_IPS_PER_SERVER_CALL));
    if (first < order.length) {
      if (launched > 0) await nextTurn();
      if (!options.signal?.aborted) enqueue(first, order.length);
    }
    setUp = true;
    if (!options.signal?.aborted) launch(Math.ceil(queued / MAX_IPS_PER_SERVER_CALL));
    // Cancelling stops waiting; an IP nobody else waits for is not sent.
    const onAbort = () => {
      for (const [ip, entry] of mine) {
        const at = entry.waiters.indexOf(waiter);
        if (at >= 0) entry.waiters.splice(at, 1);
        if (entry.waiters.length === 0 && this.ipQueue.get(ip) === entry) this.ipQueue.delete(ip);
      }
      settle!();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    // Cached details are told after the call returns, as the ones asked for are.
    await Promise.resolve();
    for (const [ip, info] of cached) {
      if (options.signal?.aborted) break;
      byIp.set(ip, info);
      options.onInfo?.(ip, info);
    }
    if (outstanding > 0) await done;
    options.signal?.removeEventListener('abort', onAbort);
    if (options.signal?.aborted) throw new ClnError('cancelled', l10n.t('Cancelled.'));
    if (failure !== undefined) throw failure;
    return byIp;
  }

  /** The server details of `ip` already cached and fresh, if any (no request). */
  peekIpServerInfo(ip: string): IpServerInfo[] | undefined {
    return this.cache.peek<IpServerInfo[]>(ipInfoKey(ip));
  }

  /** Sends these IPs' server details before the others still waiting (the rows on screen). */
  preferIps(ips: readonly string[]): void {
    const wanted = ips.filter((ip) => this.ipQueue.has(ip));
    if (wanted.length > 0) this.preferred = [...wanted, ...this.preferred.filter((ip) => this.ipQueue.has(ip))];
  }

  /**
   * One `ipl.server` request for the next 100 waiting IPs (run inside a limiter slot, freed once the
   * answer is in: decoding it and telling the waiters does not hold back the next request).
   */
  private async sendIpBatch(release: () => void): Promise<void> {
    const batch: [string, QueuedIp][] = [];
    const take = (ip: string) => {
      const queued = this.ipQueue.get(ip);
      if (!queued) return;
      this.ipQueue.delete(ip);
      batch.push([ip, queued]);
    };
    while (batch.length < MAX_IPS_PER_SERVER_CALL && this.preferred.length > 0) take(this.preferred.shift()!);
    for (const ip of this.ipQueue.keys()) {
      if (batch.length >= MAX_IPS_PER_SERVER_CALL) break;
      take(ip);
    }
    if (batch.length === 0) return;
    const generation = this.ipGeneration;
    for (const [ip, queued] of batch) {
      queued.sentIn = generation;
      this.ipSent.set(ip, queued);
    }
    const ips = batch.map(([ip]) => ip).sort();
    let answer: IpServerInfo[] | undefined;
    let error: unknown;
    try {
      answer = await this.call('ipl.server', { ip: ips }, undefined, release);
    } catch (caught) {
      error = caught;
    }
    release();
    const byIp = new Map<string, IpServerInfo[]>();
    for (const info of answer ?? []) {
      const list = byIp.get(info.ip);
      if (list) list.push(info);
      else byIp.set(info.ip, [info]);
    }
    const keep = answer !== undefined && generation === this.ipGeneration;
    for (const [ip, queued] of batch) {
      if (this.ipSent.get(ip) === queued) this.ipSent.delete(ip);
      if (answer === undefined) {
        for (const waiter of queued.waiters) waiter.failed(error);
        continue;
      }
      const info = byIp.get(ip) ?? [];
      if (keep) this.cache.set(ipInfoKey(ip), 'ipl', info);
      for (const waiter of queued.waiters) waiter.got(ip, info);
    }
  }

  /** ELS keys of every product code in the catalog, one call per code. */
  async elsKeys(options: ReadOptions = {}): Promise<ElsKey[]> {
    const perCode = await mapBounded(ELS_CODES, ELS_CODES.length, ({ code }) => this.read('els.key.list', { code }, options));
    return perCode.flat();
  }

  /** ELS servers of one product code grouped by key (the API lists them per code only). */
  async elsServersByKey(code: string, options: ReadOptions = {}): Promise<Map<string, ElsServer[]>> {
    const servers = await this.read('els.srv.list', { code }, options);
    const byKey = new Map<string, ElsServer[]>();
    for (const server of servers) appendTo(byKey, server.key, server);
    return byKey;
  }

  /**
   * Kernel and patch level of a key's servers from the undocumented
   * `kcare/patchset.json`. Degrades quietly: where CLN does not answer it (404,
   * an error, an unreadable answer) the result is undefined, nothing is shown,
   * and the key is not asked again during this session; after PATCHSET_GIVE_UP_AFTER
   * refusals with no answer at all, no key is asked again (the account's CLN lacks it).
   * Cancellation is not a refusal.
   */
  async kcarePatchLevels(key: string, options: ReadOptions = {}): Promise<KcarePatchLevel[] | undefined> {
    if (this.patchsetRefused.has(key)) return undefined;
    // Undocumented: where CLN refused it for several keys and never answered, it is not there; stop asking.
    if (!this.patchsetAnswered && this.patchsetRefused.size >= PATCHSET_GIVE_UP_AFTER) return undefined;
    try {
      const levels = await this.read('kcare.patchset', { key }, options);
      this.patchsetAnswered = true;
      return levels;
    } catch (error) {
      if (error instanceof ClnError && error.kind === 'cancelled') throw error;
      this.patchsetRefused.add(key);
      return undefined;
    }
  }

  // ---- CLN API v2: CloudLinux OS keys, add-on features, type names ----------------------

  /**
   * A v2 read through the cache. Once CLN answered a v2 read with 404, 403 or an HTML page
   * (ClnV2UnavailableError), every v2 read of this account gets that same answer without a
   * request; a refresh (`force`) asks again once V2_RECHECK_MS have passed: a tree of v2 rows
   * never loops on it.
   */
  async readV2<K extends EndpointId>(id: K, args: ArgsOf<K>, options: ReadOptions = {}): Promise<ResultOf<K>> {
    // A refresh (force) asks again, but not more than once per V2_RECHECK_MS: the tree forces the next look at a
    // list whose load failed, and every re-render of the v2 rows must not become a request.
    const now = (this.options.now ?? Date.now)();
    if (this.v2Unavailable && (!options.force || now - this.v2UnavailableAt < V2_RECHECK_MS)) throw this.v2Unavailable;
    try {
      const value = await this.read(id, args, options);
      this.v2Unavailable = undefined;
      this.v2Answered = true;
      return value;
    } catch (error) {
      if (isV2Unavailable(error)) {
        this.v2Unavailable = error;
        this.v2UnavailableAt = (this.options.now ?? Date.now)();
      }
      throw error;
    }
  }

  /** Whether API v2 has answered this account in this session (a v2 read then need not be a lone probe). */
  get v2Answers(): boolean {
    return this.v2Answered;
  }

  /** Why API v2 is not available to this account, when a v2 read said so (until a refresh asks again). */
  get v2Unavailability(): ClnV2UnavailableError | undefined {
    return this.v2Unavailable;
  }

  /** CloudLinux OS keys of every product (CL, CLP, CLS, CLADMIN), one call per product. */
  async clKeys(options: ReadOptions = {}): Promise<ClKey[]> {
    // Until v2 has answered this account once, the first product goes alone: where v2 is absent, one request says so.
    const first = this.v2Answered ? [] : [await this.readV2('cl.key.list', { productType: CL_PRODUCTS[0] }, options)];
    const rest = CL_PRODUCTS.slice(first.length);
    // Every product's read settles before this does, so no read of a failed load is left in flight.
    const settled = await mapBounded(rest, rest.length, (productType) =>
      this.readV2('cl.key.list', { productType }, options).then(
        (keys) => ({ keys }),
        (error: unknown) => ({ error }),
      ),
    );
    const failed = settled.find((r): r is { error: unknown } => 'error' in r);
    if (failed) throw failed.error;
    return [...first, ...settled.map((r) => (r as { keys: ClKey[] }).keys)].flat();
  }

  /** CloudLinux OS servers of one product grouped by key (the API lists them per product only). */
  async clServersByKey(productType: string, options: ReadOptions = {}): Promise<Map<string, ClServer[]>> {
    const servers = await this.readV2('cl.srv.list', { productType: productType.toUpperCase() }, options);
    const byKey = new Map<string, ClServer[]>();
    for (const server of servers) appendTo(byKey, server.key, server);
    return byKey;
  }

  /** The servers of the reseller's sub-accounts. */
  clSubAccountServers(options: ReadOptions = {}): Promise<ClSubAccountServer[]> {
    return this.readV2('cl.sub.servers', {}, options);
  }

  /** The add-on feature catalog (`/v2/features`). */
  features(options: ReadOptions = {}): Promise<FeatureInfo[]> {
    return this.readV2('features.list', {}, options);
  }

  /** The account's add-on settings, by feature id. */
  async accountFeatures(options: ReadOptions = {}): Promise<Map<number, FeatureState>> {
    const settings = await this.readV2('features.account', {}, options);
    return new Map(settings.map((s) => [s.feature, s.state]));
  }

  /**
   * IP license type names from `/v2/ip-license/licenses/types`, cached with the account's
   * reads. Degrades quietly: where CLN does not answer it (v2 absent, an error, an unreadable
   * answer) the result is undefined and the built-in catalog and "Type N" stand.
   * Cancellation is not a refusal.
   */
  async ipTypeNames(options: ReadOptions = {}): Promise<Map<number, string> | undefined> {
    try {
      const names = await this.readV2('ipl.types', {}, options);
      return new Map(names.map((t) => [t.type, t.name]));
    } catch (error) {
      if (error instanceof ClnError && error.kind === 'cancelled') throw error;
      return undefined;
    }
  }

  /** Billing entries for several months, fetched in parallel under the concurrency bound. */
  async awpMonths(months: readonly string[], products: readonly AwpProduct[], options: ReadOptions = {}): Promise<Map<string, AwpEntry[]>> {
    const answers = await mapBounded(months, months.length, (yearMonth) => this.read('awp.billing', { products, yearMonth }, options));
    return new Map(months.map((month, i) => [month, answers[i]]));
  }

  /** `signal` cancels the request itself; `unsentIf` only skips it while it waits for a slot. */
  private async send<K extends EndpointId>(id: K, args: ArgsOf<K>, signal?: AbortSignal, unsentIf?: AbortSignal): Promise<ResultOf<K>> {
    this.limiter.setMax(this.backoff.allowed);
    return this.limiter.run((release) => {
      if (unsentIf?.aborted) throw new ClnError('cancelled', l10n.t('Cancelled.'));
      return this.call(id, args, signal, release);
    });
  }

  /**
   * The request itself; the caller holds a limiter slot, freed by `release` as soon as the answer is in (before
   * decoding it). The next request then leaves before this answer is decoded: a turn of the event loop lets the
   * one waiting for the slot start first. The bound on requests in flight is unchanged.
   */
  private async call<K extends EndpointId>(id: K, args: ArgsOf<K>, signal?: AbortSignal, release?: () => void): Promise<ResultOf<K>> {
    const answered = release && (() => (release(), nextTurn()));
    try {
      return await this.client.call(id, args, { signal, answered });
    } catch (error) {
      if (error instanceof ClnAuthError && error.credentialsRejected) this.authFailed.fire(error);
      throw error;
    } finally {
      // Recovering from a rate limit: let the allowance grow back as time passes.
      this.limiter.setMax(this.backoff.allowed);
    }
  }
}

/** After the microtasks and ticks queued now (a request that just got a slot is written to its socket). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function ipInfoKey(ip: string): string {
  return `ipl.server?ip=${ip}`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** "remove an IP license: ip=203.0.113.7, type=16" when a command gave no target. */
function describeCall(title: string, args: object): string {
  const parts = Object.entries(args)
    .filter(([, v]) => v !== undefined)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(' ') : String(value)}`);
  return parts.length ? `${title}: ${parts.join(', ')}` : title;
}

/** CLN's notice when it answered success but changed nothing (KernelCare's "Server not found"). */
export function noticeOf(result: unknown): string | undefined {
  if (result === false) return l10n.t('CLN answered false: nothing was changed');
  if (result && typeof result === 'object' && 'notice' in result && 'removed' in result) {
    const { notice, removed } = result as { notice: unknown; removed: unknown };
    if (removed === null && typeof notice === 'string' && notice) return notice;
  }
  return undefined;
}

export function outcomeOfError(error: unknown): [Exclude<Outcome, 'pending'>, string] {
  if (isClnError(error)) {
    if (error.outcomeUnknown) return ['unknown', error.message];
    return [error.kind === 'api' || error.kind === 'auth' || error.kind === 'http' ? 'refused' : 'failed', error.message];
  }
  return ['unknown', error instanceof Error ? error.message : String(error)];
}

/** After CLN answered that API v2 is not there, a refresh asks again at most this often. */
export const V2_RECHECK_MS = 60_000;

/** Refusals of the patch-level endpoint, with no answer yet, after which the session stops asking for any key. */
export const PATCHSET_GIVE_UP_AFTER = 3;

export function cacheKey(id: EndpointId, args: object): string {
  const parts = Object.entries(args)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  return `${id}?${parts.join('&')}`;
}

/** Lets one caller stop waiting without cancelling a request other callers share. */
export function withAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new ClnError('cancelled', l10n.t('Cancelled.')));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ClnError('cancelled', l10n.t('Cancelled.')));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
