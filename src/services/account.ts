/**
 * The account as the explorer sees it: cached, coalesced, bounded reads and
 * state-changing calls that invalidate what they affect. No `vscode` here.
 */
import { ELS_CODES } from '../cln/catalog';
import type { ClnClient } from '../cln/client';
import { ArgsOf, CacheTag, EndpointId, endpointOf, ResultOf } from '../cln/endpoints';
import { ClnAuthError, ClnError } from '../cln/errors';
import type { AwpEntry, ElsKey, ElsServer, IpServerInfo, KcarePatchLevel } from '../cln/types';
import type { AwpProduct } from '../cln/catalog';
import { MAX_IPS_PER_SERVER_CALL } from '../cln/validate';
import { RequestCache } from './cache';
import { chunk, Limiter, mapBounded } from './concurrency';
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
}

export interface ReadOptions {
  /** Skip the cached value and ask CLN again. */
  force?: boolean;
  signal?: AbortSignal;
}

/** `target`, `run` and `item` go to the journal; they default to the surrounding `withChangeContext`. */
export interface ChangeOptions extends ChangeContext {
  signal?: AbortSignal;
}

export class AccountService {
  private readonly limiter: Limiter;
  private readonly cache: RequestCache;
  private readonly changed = new Emitter<readonly CacheTag[]>();
  private readonly authFailed = new Emitter<ClnAuthError>();
  /** Keys whose patch levels CLN did not give (404, an error): not asked again this session. */
  private readonly patchsetRefused = new Set<string>();
  /** Whether the patch-level endpoint ever answered; after a few refusals without an answer it is taken as absent. */
  private patchsetAnswered = false;

  /** What the latest KernelCare checks said about each server (the tree marks out-of-date ones). */
  readonly kcareChecks = new KcareChecks();
  /** Fires with the cache families a change (or an unknown outcome) affected. */
  readonly onDidChange = this.changed.event;
  /** Fires when CLN rejects the credentials, so the session can sign out. */
  readonly onAuthFailure = this.authFailed.event;

  constructor(
    readonly client: ClnClient,
    private readonly options: AccountServiceOptions,
  ) {
    this.limiter = new Limiter(options.maxConcurrent);
    this.cache = new RequestCache(options.cacheTtlMs ?? 5 * 60_000, options.now);
  }

  get maxConcurrent(): number {
    return this.options.maxConcurrent;
  }

  setMaxConcurrent(max: number): void {
    this.options.maxConcurrent = max;
    this.limiter.setMax(max);
  }

  async read<K extends EndpointId>(id: K, args: ArgsOf<K>, options: ReadOptions = {}): Promise<ResultOf<K>> {
    const endpoint = endpointOf(id);
    if (endpoint.mutates) throw new Error(`${id} changes state: use change()`);
    const load = () => this.send(id, args);
    const pending = endpoint.cache ? this.cache.get(cacheKey(id, args), endpoint.cache, load, { force: options.force }) : load();
    return withAbort(pending, options.signal);
  }

  /**
   * A state-changing call: sent once, never retried. Afterwards (success, or a
   * failure whose outcome is unknown) the affected families are invalidated and
   * `onDidChange` fires, so views show the truth.
   */
  async change<K extends EndpointId>(id: K, args: ArgsOf<K>, options: ChangeOptions = {}): Promise<ResultOf<K>> {
    const endpoint = endpointOf(id);
    if (!endpoint.mutates) throw new Error(`${id} does not change state: use read()`);
    const affected = endpoint.invalidates ?? [];
    const journal = this.options.journal;
    const context = { ...currentChangeContext(), ...definedOnly({ target: options.target, run: options.run, item: options.item }) };
    let entry: string | undefined;
    if (journal) {
      try {
        entry = await journal.begin({ login: this.options.login ?? '', action: id, title: endpoint.title, target: context.target ?? describeCall(endpoint.title, args), args, run: context.run, item: context.item });
      } catch (error) {
        throw new ClnError('validation', `Nothing was sent: the activity journal could not be written (${error instanceof Error ? error.message : String(error)}). Check the disk space and permissions of VS Code's storage folder.`, { endpoint: id, cause: error });
      }
    }
    const record = (outcome: Exclude<Outcome, 'pending'>, message?: string) =>
      entry && journal ? journal.complete(entry, outcome, message, args).catch(() => undefined) : Promise.resolve();
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

  invalidate(tags: readonly CacheTag[]): void {
    if (tags.length === 0) return;
    this.cache.invalidate(tags);
    this.changed.fire(tags);
  }

  clearCache(): void {
    this.cache.clear();
  }

  /**
   * Server details of IP licenses, keyed by IP: unique IPs sorted and sent in
   * batches of 100 (the API's limit), in parallel up to the concurrency bound.
   * Sorting makes batches stable, so repeated and concurrent asks share cache entries.
   */
  async ipServerInfo(ips: readonly string[], options: ReadOptions = {}): Promise<Map<string, IpServerInfo[]>> {
    const unique = [...new Set(ips)].sort();
    const batches = chunk(unique, MAX_IPS_PER_SERVER_CALL);
    const answers = await mapBounded(batches, batches.length, (batch) => this.read('ipl.server', { ip: batch }, options));
    const byIp = new Map<string, IpServerInfo[]>();
    for (const info of answers.flat()) {
      const list = byIp.get(info.ip) ?? [];
      list.push(info);
      byIp.set(info.ip, list);
    }
    return byIp;
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
    for (const server of servers) byKey.set(server.key, [...(byKey.get(server.key) ?? []), server]);
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

  /** Billing entries for several months, fetched in parallel under the concurrency bound. */
  async awpMonths(months: readonly string[], products: readonly AwpProduct[], options: ReadOptions = {}): Promise<Map<string, AwpEntry[]>> {
    const answers = await mapBounded(months, months.length, (yearMonth) => this.read('awp.billing', { products, yearMonth }, options));
    return new Map(months.map((month, i) => [month, answers[i]]));
  }

  private async send<K extends EndpointId>(id: K, args: ArgsOf<K>, signal?: AbortSignal): Promise<ResultOf<K>> {
    return this.limiter.run(async () => {
      try {
        return await this.client.call(id, args, { signal });
      } catch (error) {
        if (error instanceof ClnAuthError) this.authFailed.fire(error);
        throw error;
      }
    });
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** "remove an IP license: ip=203.0.113.7, type=16" when a command gave no target. */
function describeCall(title: string, args: object): string {
  const parts = Object.entries(args).filter(([, v]) => v !== undefined).map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(' ') : String(value)}`);
  return parts.length ? `${title}: ${parts.join(', ')}` : title;
}

/** CLN's notice when it answered success but changed nothing (KernelCare's "Server not found"). */
export function noticeOf(result: unknown): string | undefined {
  if (result === false) return 'CLN answered false: nothing was changed';
  if (result && typeof result === 'object' && 'notice' in result && 'removed' in result) {
    const { notice, removed } = result as { notice: unknown; removed: unknown };
    if (removed === null && typeof notice === 'string' && notice) return notice;
  }
  return undefined;
}

export function outcomeOfError(error: unknown): [Exclude<Outcome, 'pending'>, string] {
  if (error instanceof ClnError) {
    if (error.outcomeUnknown) return ['unknown', error.message];
    return [error.kind === 'api' || error.kind === 'auth' || error.kind === 'http' ? 'refused' : 'failed', error.message];
  }
  return ['unknown', error instanceof Error ? error.message : String(error)];
}

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
  if (signal.aborted) return Promise.reject(new ClnError('cancelled', 'Cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ClnError('cancelled', 'Cancelled.'));
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
