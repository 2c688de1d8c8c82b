/**
 * The CLN API client. It knows nothing of VS Code: it turns an endpoint id and
 * arguments into one HTTP request (validated first), and the answer into a
 * typed value or a ClnError whose message a user can act on.
 */
import * as l10n from '@vscode/l10n';
import { AnswerTooLargeError, DEFAULT_MAX_RESPONSE_BYTES, formatBytes, UnsupportedEncodingError } from './body';
import { DecodeError, isNagiosReport, nagiosMessage, parsePlain } from './decode';
import { ArgsOf, Endpoint, EndpointId, endpointOf, ResultOf } from './endpoints';
import { ClnAuthError, ClnError, ClnV2UnavailableError, ClnValidationError, isClnError } from './errors';
import { fingerprintKeys } from './keyPrint';
import { redact } from './redact';
import { Credentials, makeToken } from './token';
import { defaultFetch, FetchLike, FetchResponse } from './transport';

export interface RequestLogEntry {
  method: string;
  /** Path and query, with the token redacted and license keys fingerprinted. */
  path: string;
  status?: number;
  ms: number;
  attempt: number;
  /** What went wrong, license keys sent fingerprinted. */
  error?: string;
  /**
   * The license keys this call sent or CLN answered with (key strings are credentials):
   * a log learns them here, to write their fingerprints wherever they come up later.
   */
  keys?: readonly string[];
}

export interface ClnClientOptions {
  /** API root, e.g. `https://cln.cloudlinux.com/api`. */
  baseUrl: string;
  /** Asked once per request, so a sign-out or new secret takes effect at once. */
  credentials: () => Promise<Credentials | undefined> | Credentials | undefined;
  timeoutMs?: number;
  /** How many times a read is retried after a network error, timeout or 5xx. Changes are never retried. */
  readRetries?: number;
  retryDelayMs?: number;
  fetch?: FetchLike;
  now?: () => number;
  onRequest?: (entry: RequestLogEntry) => void;
  /** The largest answer read, compressed and decompressed; default 64 MB ("cln.maxResponseMB"). */
  maxResponseBytes?: number;
  /** More values to redact besides the secret key and the token (e.g. the static API token). */
  secrets?: () => readonly (string | undefined)[];
  /** How many times a read answered HTTP 429 is sent again after the wait; default 4. */
  rateLimitRetries?: number;
  /** The longest Retry-After a read waits for before it is sent again; a longer one fails, naming the wait. Default 30 s. */
  maxRetryAfterMs?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Called (and awaited) once a 2xx answer has arrived whole, before it is decoded. Nothing more is
   * sent for this call after it: the caller may free its request slot here.
   */
  answered?: () => Promise<void> | void;
}

const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;
/** CLN's own rejection of the credentials: only this (with the clock in order) deletes the stored secret. */
const CREDENTIALS_REJECTED = /authori[sz]ation failed/i;
/** Other wording of a refused token: reported as a sign-in problem, but the stored secret is kept. */
const TOKEN_REFUSED = /not authori[sz]ed|invalid token|token (is )?(expired|invalid)|access denied|authenticat/i;
/** Same-origin redirects a read follows before giving up. */
export const MAX_REDIRECTS = 3;
/** Longest text from an answer put into a message (notifications) and into a detail (the output channel). */
export const MAX_MESSAGE_CHARS = 300;
export const MAX_DETAIL_CHARS = 16_000;

export class ClnClient {
  private readonly fetch: FetchLike;
  private readonly now: () => number;
  private readonly rateLimitListeners = new Set<(retryAfterMs: number | undefined) => void>();

  constructor(private readonly options: ClnClientOptions) {
    assertSafeApiUrl(options.baseUrl);
    this.fetch = options.fetch ?? defaultFetch;
    this.now = options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** Called whenever CLN answers HTTP 429 (with its Retry-After, when it gave one), so callers can slow down. */
  onRateLimited(listener: (retryAfterMs: number | undefined) => void): { dispose(): void } {
    this.rateLimitListeners.add(listener);
    return { dispose: () => void this.rateLimitListeners.delete(listener) };
  }

  async call<K extends EndpointId>(id: K, args: ArgsOf<K>, options: CallOptions = {}): Promise<ResultOf<K>> {
    const endpoint = endpointOf(id);
    validateArgs(id, endpoint, args as Record<string, unknown>);
    const retries = endpoint.mutates ? 0 : (this.options.readRetries ?? 2);
    const rateRetries = endpoint.mutates ? 0 : (this.options.rateLimitRetries ?? 4);
    let failures = 0;
    let rateLimits = 0;
    // Once told the answer is in, the caller may have freed its slot: nothing is sent again after it.
    let wasAnswered = false;
    const answered = options.answered && (() => ((wasAnswered = true), options.answered!()));
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.attempt(id, endpoint, args as Record<string, unknown>, options.signal, attempt, answered)) as ResultOf<K>;
      } catch (error) {
        if (!isClnError(error) || !error.isTransient || options.signal?.aborted || wasAnswered) throw error;
        if (error.kind === 'rateLimited') {
          // CLN said when to come back: wait that long (bounded), not the network back-off.
          const wait = error.retryAfterMs ?? 4 * (this.options.retryDelayMs ?? 250) * 2 ** rateLimits;
          if (++rateLimits > rateRetries || wait > (this.options.maxRetryAfterMs ?? 30_000)) throw error;
          await sleep(wait, options.signal);
          continue;
        }
        if (++failures > retries) throw error;
        await sleep((this.options.retryDelayMs ?? 250) * 2 ** (failures - 1), options.signal);
      }
    }
  }

  private async attempt(id: EndpointId, endpoint: Endpoint, args: Record<string, unknown>, signal: AbortSignal | undefined, attempt: number, answered?: () => Promise<void> | void): Promise<unknown> {
    const credentials = endpoint.auth === 'none' ? undefined : await this.options.credentials();
    if (endpoint.auth !== 'none' && !credentials) {
      throw new ClnAuthError(l10n.t('Sign in to CLN to {0}.', endpoint.title), { endpoint: id });
    }
    const { url: firstUrl, token, body: requestBody } = this.buildUrl(endpoint, args, credentials);
    // Credentials passed as arguments (the API security token of nagios-res) are redacted like the secret key;
    // `secrets` covers the endpoints that send no credentials: their answers could still echo them.
    const secrets = [credentials?.secretKey, token, ...secretArgs(endpoint, args), ...(this.options.secrets?.() ?? [])].filter((s): s is string => !!s);
    let url = firstUrl;
    // A timer longer than 2^31-1 ms fires at once, and 0 or NaN would abandon every request: bound it.
    const timeoutMs = (this.options.timeoutMs ?? 0) > 0 ? Math.min(this.options.timeoutMs!, 2 ** 31 - 1) : 30_000;
    const maxBytes = this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = this.now();
    let response: FetchResponse | undefined;
    let hopStarted = Date.now();
    const sentKeys = keyArgs(endpoint, args);
    const log = (status: number | undefined, error?: string, answered: readonly string[] = []) => {
      this.options.onRequest?.({
        method: endpoint.method,
        path: fingerprintKeys(this.shownPath(url, secrets), sentKeys),
        status,
        ms: Date.now() - hopStarted,
        attempt,
        ...(error === undefined ? {} : { error: fingerprintKeys(error, sentKeys) }),
        keys: [...sentKeys, ...answered],
      });
      hopStarted = Date.now();
    };
    let finished = false;
    try {
      for (let hops = 0; ; hops++) {
        const headers: Record<string, string> = { Accept: 'application/json, text/plain, */*' };
        if (requestBody !== undefined) headers['Content-Type'] = 'application/json';
        response = await this.fetch(url, { method: endpoint.method, headers, signal: controller.signal, maxBytes, ...(requestBody === undefined ? {} : { body: requestBody }) });
        const next = this.redirectTarget(id, endpoint, url, response, hops, secrets);
        if (next === undefined) break;
        response.discard?.();
        log(response.status, l10n.t('redirected to {0}', this.shownPath(next, secrets)));
        url = next;
      }
      const body = await response.text();
      finished = true;
      // A 2xx answer in hand is never sent again (what can still fail, decoding it, is not transient).
      if (answered && response.status >= 200 && response.status < 300) await answered();
      const value = this.interpret(id, endpoint, args, response, body, started, secrets);
      log(response.status, undefined, keysAnswered(id, value));
      return value;
    } catch (raw) {
      const error = isClnError(raw)
        ? raw
        : this.transportError(id, endpoint, raw, { cancelled: signal?.aborted ?? false, timedOut: controller.signal.aborted && !signal?.aborted, timeoutMs, responded: response !== undefined });
      if (error.kind === 'rateLimited') for (const listener of this.rateLimitListeners) listener(error.retryAfterMs);
      removeSecrets(error, secrets);
      log(response?.status, error.message, keysQuoted(error.detail));
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      // A body left unread (too large, a refused redirect, an error) must not keep the connection busy.
      if (!finished) controller.abort();
    }
  }

  /** Path and query below the API root (the whole address elsewhere), without credentials. */
  private shownPath(url: string, secrets: readonly string[]): string {
    const root = this.options.baseUrl.replace(/\/+$/, '');
    return clip(redact(url.startsWith(root) ? url.slice(root.length) : url, secrets), 500);
  }

  /**
   * The redirect policy. Undefined: not a redirect (or one without a Location),
   * interpret the answer. A URL: a read follows it (same origin, within
   * MAX_REDIRECTS). Anything else throws: a redirect to another origin or to
   * plain http is never followed, since the token would go with it; a change is
   * never sent twice; a redirect chain is cut after MAX_REDIRECTS.
   */
  private redirectTarget(id: EndpointId, endpoint: Endpoint, from: string, response: FetchResponse, hops: number, secrets: readonly string[]): string | undefined {
    const { status } = response;
    if (![301, 302, 303, 307, 308].includes(status)) return undefined;
    const location = response.headers.get('location');
    if (!location) return undefined;
    const base = new URL(this.options.baseUrl);
    const unknown = endpoint.mutates ? unknownOutcomeText() : '';
    const refuse = (message: string, shown: string) =>
      new ClnError('redirect', message + unknown, { endpoint: id, status, detail: l10n.t('HTTP {0}, Location: {1}', status, shown), outcomeUnknown: endpoint.mutates });
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      const shown = clip(redact(location, secrets), 200);
      throw refuse(l10n.t('CLN answered "{0}" with a redirect (HTTP {1}) to an address that is not valid ({2}); CLN Explorer did not follow it.', endpoint.title, status, shown), shown);
    }
    const shown = describeTarget(target, secrets);
    if (base.protocol === 'https:' && target.protocol !== 'https:') {
      throw refuse(
        l10n.t(
          `CLN's address answered "{0}" with a redirect (HTTP {1}) to an unencrypted address, {2}. CLN Explorer never sends your sign-in token over plain http://, so it was not sent there. A proxy or captive portal may be intercepting the connection.`,
          endpoint.title,
          status,
          shown,
        ),
        shown,
      );
    }
    if (target.origin !== base.origin) {
      throw refuse(
        l10n.t(
          `CLN's address answered "{0}" with a redirect (HTTP {1}) to another site, {2}. CLN Explorer follows no redirect away from {3} (the "cln.apiUrl" setting), so your sign-in token was not sent there. If CLN has really moved, confirm the new address with CloudLinux and change "cln.apiUrl".`,
          endpoint.title,
          status,
          shown,
          base.origin,
        ),
        shown,
      );
    }
    if (endpoint.mutates) {
      throw refuse(l10n.t('CLN answered "{0}" with a redirect (HTTP {1}) to {2}. CLN Explorer never sends a change twice, so it did not follow it.', endpoint.title, status, shown), shown);
    }
    if (hops >= MAX_REDIRECTS) {
      throw refuse(l10n.t('CLN redirected "{0}" more than {1} times (last to {2}); CLN Explorer stopped following. Try again later.', endpoint.title, MAX_REDIRECTS, shown), shown);
    }
    return target.href;
  }

  private buildUrl(endpoint: Endpoint, args: Record<string, unknown>, credentials: Credentials | undefined): { url: string; token?: string; body?: string } {
    const token = credentials ? makeToken(credentials, this.now()) : undefined;
    const pathValues: Record<string, string> = {};
    if (endpoint.auth === 'path' && credentials && token) {
      pathValues.login = credentials.login;
      pathValues.token = token;
    }
    const query = new URLSearchParams();
    // API v2 changes of features send JSON: fields (`body`) or the whole body (`bodyRoot`).
    let json: unknown;
    for (const [name, spec] of Object.entries(endpoint.params)) {
      const value = args[name];
      if (value === undefined) continue;
      const asJson = spec.json ? spec.json(value) : value;
      if (spec.in === 'path') pathValues[name] = spec.encode(value);
      else if (spec.in === 'bodyRoot') json = asJson;
      else if (spec.in === 'body') json = { ...((json as object | undefined) ?? {}), [name]: asJson };
      else query.append(name, spec.encode(value));
    }
    if (endpoint.auth === 'token' && token) query.append('token', token);
    const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
    const qs = query.toString();
    return { url: `${this.options.baseUrl.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`, token, ...(json === undefined ? {} : { body: JSON.stringify(json) }) };
  }

  private interpret(id: EndpointId, endpoint: Endpoint, args: Record<string, unknown>, response: FetchResponse, body: string, started: number, secrets: readonly string[] = []): unknown {
    const { status } = response;
    const failure = (kind: 'http' | 'malformed', what: string, detail?: string) => {
      const unknownOutcome = endpoint.mutates;
      const message =
        kind === 'http'
          ? status >= 500
            ? l10n.t(
                'CLN answered HTTP {0}{1} when asked to {2}{3}. The service or a proxy in between is having trouble; try again in a few minutes.',
                status,
                statusText(response),
                endpoint.title,
                what ? ` (${what})` : '',
              )
            : l10n.t('CLN answered HTTP {0}{1} when asked to {2}{3}.', status, statusText(response), endpoint.title, what ? ` (${what})` : '')
          : l10n.t("Could not {0}: CLN's answer could not be read ({1}).", endpoint.title, what);
      return new ClnError(kind, message + (unknownOutcome ? unknownOutcomeText() : ''), { endpoint: id, status, detail: detail ?? excerpt(body, secrets), outcomeUnknown: unknownOutcome });
    };
    if (status === 429) throw this.rateLimited(id, endpoint, response);
    const trimmed = body.trim();
    if (endpoint.format === 'v2') return this.interpretV2(id, endpoint, args, response, trimmed, started, secrets, failure);
    if (status === 401 || status === 403) {
      // Only CLN's own refusal (its envelope or plain format) can be about the credentials; anything else
      // (an HTML page, an empty body, other JSON) comes from a proxy, firewall or gateway, and the sign-in is kept.
      const own = clnRefusal(trimmed);
      if (own !== undefined) throw this.refusal(id, endpoint, response, started, secrets, own);
      throw new ClnError(
        'http',
        (looksLikeHtml(trimmed)
          ? l10n.t(
              `Something between you and CLN (a proxy, firewall or gateway) refused to {0} with HTTP {1}{2} and an HTML page; it is not CLN's own answer, so your sign-in is kept. Check the proxy ("http.proxy") and network, or try again later.`,
              endpoint.title,
              status,
              statusText(response),
            )
          : l10n.t(
              `Something between you and CLN (a proxy, firewall or gateway) refused to {0} with HTTP {1}{2}; it is not CLN's own answer, so your sign-in is kept. Check the proxy ("http.proxy") and network, or try again later.`,
              endpoint.title,
              status,
              statusText(response),
            )) + (endpoint.mutates ? unknownOutcomeText() : ''),
        { endpoint: id, status, detail: excerpt(body, secrets), outcomeUnknown: endpoint.mutates },
      );
    }

    if (endpoint.format === 'nagios') {
      if (isNagiosReport(trimmed)) return this.decode(id, endpoint, trimmed, args, null, status);
      // CLN's errors here are plain text (often with HTTP 200): "Servers not found for key K", "Reseller not found".
      // Redacted before it is shortened, so a cut can never leave part of a credential.
      const said = nagiosMessage(redact(trimmed, secrets)) ?? envelopeMessage(trimmed);
      if (status < 200 || status >= 300) throw failure('http', looksLikeHtml(trimmed) ? l10n.t('an HTML error page, probably from a proxy') : (said ?? ''));
      if (said) return this.nagiosRefusal(id, endpoint, status, said);
      throw failure(
        'malformed',
        trimmed ? (looksLikeHtml(trimmed) ? l10n.t('an HTML page instead of a check result, probably from a proxy') : l10n.t('not a KernelCare check result')) : l10n.t('an empty answer'),
      );
    }

    if (endpoint.format === 'plain') {
      if (!/^success:/i.test(trimmed)) {
        if (status < 200 || status >= 300) throw failure('http', looksLikeHtml(trimmed) ? l10n.t('an HTML error page, probably from a proxy') : '');
        throw failure('malformed', describeUnreadable(trimmed));
      }
      let plain: ReturnType<typeof parsePlain>;
      try {
        plain = parsePlain(trimmed, endpoint.path);
      } catch (error) {
        // "success:" followed by neither true nor false: unreadable, not a network failure.
        if (!(error instanceof DecodeError)) throw error;
        if (status < 200 || status >= 300) throw failure('http', '');
        throw failure('malformed', error.message);
      }
      if (!plain.success) throw this.refusal(id, endpoint, response, started, secrets, plain.message);
      return this.decode(id, endpoint, plain, args, plain.message === null ? null : clipMessage(plain.message, secrets), status);
    }

    let parsed: unknown;
    try {
      parsed = trimmed ? JSON.parse(trimmed) : undefined;
    } catch {
      if (status < 200 || status >= 300) throw failure('http', looksLikeHtml(trimmed) ? l10n.t('an HTML error page, probably from a proxy') : '');
      throw failure('malformed', describeUnreadable(trimmed));
    }
    if (parsed === undefined) {
      if (status < 200 || status >= 300) throw failure('http', l10n.t('with an empty body'));
      throw failure('malformed', l10n.t('an empty answer'));
    }
    const outOfRange = status >= 200 && status < 300 && mayHoldOutOfRange(trimmed) ? numberOutOfRange(parsed) : undefined;
    if (outOfRange) throw failure('malformed', l10n.t('a number too large to use at {0}', outOfRange));
    if (endpoint.format === 'json-or-bare' && Array.isArray(parsed)) {
      if (status < 200 || status >= 300) throw failure('http', '');
      return this.decode(id, endpoint, parsed, args, null, status);
    }
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { success?: unknown }).success !== 'boolean') {
      if (status < 200 || status >= 300) throw failure('http', '');
      throw failure('malformed', l10n.t('no "success" field in the JSON answer'));
    }
    const envelope = parsed as { success: boolean; message?: unknown; data?: unknown };
    const message = typeof envelope.message === 'string' && envelope.message.trim() ? envelope.message.trim() : null;
    if (!envelope.success) throw this.refusal(id, endpoint, response, started, secrets, message);
    if (status < 200 || status >= 300) throw failure('http', message === null ? '' : clipMessage(message, secrets), message === null ? undefined : clipDetail(message, secrets));
    return this.decode(id, endpoint, envelope.data, args, message === null ? null : clipMessage(message, secrets), status);
  }

  /**
   * CLN API v2: bare JSON or v1's envelope (unpublished for v2, read all the same); any error
   * shape in CLN's own words. A 404 that names nothing but the missing route, any other 403
   * than CLN's "Authorization failed", and an HTML page (but a 5xx one, a proxy in trouble) mean
   * v2 is not there for this account or service: a ClnV2UnavailableError, never retried.
   */
  private interpretV2(
    id: EndpointId,
    endpoint: Endpoint,
    args: Record<string, unknown>,
    response: FetchResponse,
    trimmed: string,
    started: number,
    secrets: readonly string[],
    failure: (kind: 'http' | 'malformed', what: string, detail?: string) => ClnError,
  ): unknown {
    const { status } = response;
    const ok = status >= 200 && status < 300;
    const html = looksLikeHtml(trimmed);
    let parsed: unknown;
    let isJson = false;
    if (trimmed && !html) {
      try {
        parsed = JSON.parse(trimmed);
        isJson = true;
      } catch {
        /* not JSON: handled below */
      }
    }
    const envelope = isJson && typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) && typeof (parsed as { success?: unknown }).success === 'boolean';
    const words = isJson ? v2Words(parsed) : !html && !ok && trimmed ? trimmed : null;
    const shownWords = words === null ? null : clipMessage(words, secrets);
    const unavailable = (answered: string) => {
      const said = shownWords ? ` (${shownWords})` : '';
      return new ClnV2UnavailableError(
        answered,
        l10n.t('CLN API v2 answered {0}{1} when asked to {2}: this account or the service does not offer API v2 here. The products of API v1 are not affected.', answered, said, endpoint.title) +
          (endpoint.mutates && ok ? unknownOutcomeText() : ''),
        { endpoint: id, status, detail: words === null ? excerpt(trimmed, secrets) : clipDetail(words, secrets), outcomeUnknown: endpoint.mutates && ok },
      );
    };
    if (status === 401 || status === 403) {
      // CLN's own refusal of the credentials, in either shape, is a sign-in problem as in v1.
      if (words && (CREDENTIALS_REJECTED.test(words) || (envelope && TOKEN_REFUSED.test(words)))) throw this.refusal(id, endpoint, response, started, secrets, words);
      if (status === 403) throw unavailable('403');
    }
    if (status === 404 && (words === null || GENERIC_NOT_FOUND.test(words) || html)) throw unavailable('404');
    if (html) {
      if (status >= 500) throw failure('http', l10n.t('an HTML error page, probably from a proxy'));
      throw unavailable(ok ? l10n.t('an HTML page') : l10n.t('{0} with an HTML page', status));
    }
    if (!ok) {
      if (status >= 500 || !words) throw failure('http', shownWords ?? '', words === null ? undefined : clipDetail(words, secrets));
      // CLN said no, in its own words (404 "Key not found", 400 a bad argument…).
      if (envelope && (parsed as { success: boolean }).success === false) throw this.refusal(id, endpoint, response, started, secrets, words);
      return this.v2Refusal(id, endpoint, status, words, secrets);
    }
    if (!trimmed) return this.decode(id, endpoint, undefined, args, null, status);
    if (!isJson) throw failure('malformed', describeUnreadable(trimmed));
    const outOfRange = mayHoldOutOfRange(trimmed) ? numberOutOfRange(parsed) : undefined;
    if (outOfRange) throw failure('malformed', l10n.t('a number too large to use at {0}', outOfRange));
    if (envelope) {
      const env = parsed as { success: boolean; message?: unknown; data?: unknown };
      const message = typeof env.message === 'string' && env.message.trim() ? env.message.trim() : null;
      if (!env.success) throw this.refusal(id, endpoint, response, started, secrets, message);
      return this.decode(id, endpoint, env.data, args, message === null ? null : clipMessage(message, secrets), status);
    }
    return this.decode(id, endpoint, parsed, args, null, status);
  }

  /** A v2 error answer in CLN's words (any 4xx that is not about v2 being absent or the sign-in). */
  private v2Refusal(id: EndpointId, endpoint: Endpoint, status: number, words: string, secrets: readonly string[]): never {
    const shown = clipMessage(words, secrets);
    throw new ClnError('api', l10n.t('CLN could not {0} (HTTP {1}): {2}{3}', endpoint.title, status, shown, /[.!?]$/.test(shown) ? '' : '.'), {
      endpoint: id,
      status,
      detail: clipDetail(words, secrets),
    });
  }

  private decode(id: EndpointId, endpoint: Endpoint, data: unknown, args: Record<string, unknown>, message: string | null, status: number): unknown {
    try {
      return endpoint.decode(data, { args: args as never, message });
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      throw new ClnError('malformed', l10n.t("Could not {0}: CLN's answer is not in the expected form ({1}).", endpoint.title, error.message) + (endpoint.mutates ? unknownOutcomeText() : ''), {
        endpoint: id,
        status,
        detail: error.message,
        outcomeUnknown: endpoint.mutates,
      });
    }
  }

  /** A Nagios endpoint's plain-text error, in CLN's own words. Never a reason to sign out. */
  private nagiosRefusal(id: EndpointId, endpoint: Endpoint, status: number, said: string): never {
    const text = said;
    throw new ClnError('api', l10n.t('CLN could not {0}: {1}{2}', endpoint.title, clip(text, MAX_MESSAGE_CHARS), /[.!?]$/.test(text) ? '' : '.'), {
      endpoint: id,
      status,
      detail: clip(text, MAX_DETAIL_CHARS),
    });
  }

  /**
   * success:false. A 5xx is the service in trouble whatever it says; "Authorization failed"
   * rejects the credentials (unless the clock explains it); other wording of a refused
   * token is a sign-in problem that keeps the secret; anything else is CLN saying no.
   */
  private refusal(id: EndpointId, endpoint: Endpoint, response: FetchResponse, started: number, secrets: readonly string[], message: string | null): ClnError {
    const shown = message === null ? null : clipMessage(message, secrets);
    const detail = message === null ? undefined : clipDetail(message, secrets);
    const { status } = response;
    if (status >= 500) {
      return new ClnError(
        'http',
        l10n.t(
          'CLN answered HTTP {0}{1} when asked to {2}{3}. The service or a proxy in between is having trouble; try again in a few minutes.',
          status,
          statusText(response),
          endpoint.title,
          shown ? ` (${shown})` : '',
        ) + (endpoint.mutates ? unknownOutcomeText() : ''),
        { endpoint: id, status, detail, outcomeUnknown: endpoint.mutates },
      );
    }
    // Without credentials sent (status, Nagios checks by key) there is nothing of the user's to reject: CLN just said no.
    if (endpoint.auth !== 'none' && message && CREDENTIALS_REJECTED.test(message)) return this.authError(id, response, started, shown, detail, true);
    if (endpoint.auth !== 'none' && message && TOKEN_REFUSED.test(message)) return this.authError(id, response, started, shown, detail, false);
    return new ClnError('api', l10n.t('CLN could not {0}: {1}.', endpoint.title, shown ?? l10n.t('it gave no reason')).replace(/\.\.$/, '.'), { endpoint: id, status, detail });
  }

  private authError(id: EndpointId, response: FetchResponse, started: number, message: string | null, detail: string | undefined, rejected: boolean): ClnAuthError {
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    const skew = Number.isNaN(serverDate) ? undefined : serverDate - started;
    const clockOff = skew !== undefined && Math.abs(skew) > CLOCK_SKEW_LIMIT_MS;
    const text = clockOff
      ? skew! > 0
        ? l10n.t(
            "CLN rejected the sign-in token ({0}). This computer's clock is {1} behind CLN's: tokens carry the time, so set the clock right (enable NTP time sync) and try again. Your sign-in is kept.",
            message ?? 'Authorization failed',
            describeSkew(skew!),
          )
        : l10n.t(
            "CLN rejected the sign-in token ({0}). This computer's clock is {1} ahead of CLN's: tokens carry the time, so set the clock right (enable NTP time sync) and try again. Your sign-in is kept.",
            message ?? 'Authorization failed',
            describeSkew(skew!),
          )
      : rejected
        ? l10n.t('CLN rejected the login or secret key ({0}). Sign in again with your CLN login and a current secret key.', message ?? `HTTP ${response.status}`)
        : l10n.t('CLN refused the sign-in token ({0}). Try again; if it keeps happening, sign in again with your CLN login and a current secret key.', message ?? `HTTP ${response.status}`);
    return new ClnAuthError(text, { endpoint: id, status: response.status, detail, clockSkewMs: skew, credentialsRejected: rejected && !clockOff });
  }

  /** HTTP 429: CLN did not process the request. A read is sent again after the wait (see call); a change is reported as not made. */
  private rateLimited(id: EndpointId, endpoint: Endpoint, response: FetchResponse): ClnError {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), response.headers.get('date'), Date.now());
    const wait = retryAfterMs === undefined ? l10n.t('a minute') : describeWait(retryAfterMs);
    const message = endpoint.mutates
      ? l10n.t('CLN is limiting how fast requests may come (HTTP 429) and did not {0}: nothing was changed. Wait {1} and try again.', endpoint.title, wait)
      : l10n.t('CLN is limiting how fast requests may come (HTTP 429) and did not {0}. Wait {1} and try again; CLN Explorer sends fewer requests at once for a while.', endpoint.title, wait);
    return new ClnError('rateLimited', message, { endpoint: id, status: 429, retryAfterMs, outcomeUnknown: false });
  }

  private transportError(id: EndpointId, endpoint: Endpoint, raw: unknown, how: { cancelled: boolean; timedOut: boolean; timeoutMs: number; responded: boolean }): ClnError {
    const host = safeHost(this.options.baseUrl);
    if (how.cancelled) {
      return new ClnError('cancelled', l10n.t('Cancelled: {0}.', endpoint.title) + (endpoint.mutates ? unknownOutcomeText() : ''), { endpoint: id, outcomeUnknown: endpoint.mutates, cause: raw });
    }
    if (how.timedOut) {
      return new ClnError(
        'timeout',
        l10n.t('CLN did not answer within {0} s when asked to {1}. Try again, or raise the "cln.requestTimeout" setting.', Math.round(how.timeoutMs / 1000), endpoint.title) +
          (endpoint.mutates ? unknownOutcomeText() : ''),
        { endpoint: id, outcomeUnknown: endpoint.mutates, cause: raw },
      );
    }
    if (raw instanceof AnswerTooLargeError) {
      const size = raw.declaredBytes !== undefined ? ` (${l10n.t('it announced {0}', formatBytes(raw.declaredBytes))})` : '';
      const tooLarge =
        raw.which === 'decoded'
          ? l10n.t(
              `CLN's answer when asked to {0} is larger than {1} once decompressed{2}; CLN Explorer stopped reading it. If your account really is that large, raise the "cln.maxResponseMB" setting.`,
              endpoint.title,
              formatBytes(raw.maxBytes),
              size,
            )
          : l10n.t(
              `CLN's answer when asked to {0} is larger than {1}{2}; CLN Explorer stopped reading it. If your account really is that large, raise the "cln.maxResponseMB" setting.`,
              endpoint.title,
              formatBytes(raw.maxBytes),
              size,
            );
      return new ClnError('tooLarge', tooLarge + (endpoint.mutates ? unknownOutcomeText() : ''), { endpoint: id, outcomeUnknown: endpoint.mutates, detail: raw.message });
    }
    if (raw instanceof UnsupportedEncodingError) {
      return new ClnError('malformed', l10n.t("Could not {0}: CLN's answer could not be read ({1}).", endpoint.title, raw.message) + (endpoint.mutates ? unknownOutcomeText() : ''), {
        endpoint: id,
        outcomeUnknown: endpoint.mutates,
      });
    }
    const code = (raw as { code?: string; errno?: string })?.code ?? (raw as { errno?: string })?.errno;
    if (how.responded) {
      // The headers came, then the connection broke: CLN (or a proxy) was answering.
      return new ClnError(
        'network',
        l10n.t("CLN's answer was cut off when asked to {0} ({1}): the connection broke while the answer was arriving. Try again.", endpoint.title, code ?? l10n.t('the connection closed')) +
          (endpoint.mutates ? unknownOutcomeText() : ''),
        { endpoint: id, outcomeUnknown: endpoint.mutates, cause: raw, detail: raw instanceof Error ? raw.message : undefined },
      );
    }
    // These codes mean the request never reached a server, so nothing can have changed.
    const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
    const outcomeUnknown = endpoint.mutates && !neverSent;
    const reason = code ?? (raw instanceof Error ? raw.message : String(raw));
    return new ClnError(
      'network',
      l10n.t('Could not reach CLN at {0} to {1} ({2}). Check the network connection, the proxy ("http.proxy") and the "cln.apiUrl" setting.', host, endpoint.title, reason) +
        (outcomeUnknown ? unknownOutcomeText() : ''),
      { endpoint: id, outcomeUnknown, cause: raw, detail: raw instanceof Error ? raw.message : undefined },
    );
  }
}

/**
 * CLN could echo the secret in a message; ClnError already removes token patterns, this removes the rest,
 * also from the stack (which repeats the message) and from the underlying error (an HTTP library may put the
 * whole URL, token included, into its messages).
 */
function removeSecrets(error: ClnError, secrets: readonly string[]): void {
  error.message = redact(error.message, secrets);
  if (error.detail !== undefined) (error as { detail?: string }).detail = redact(error.detail, secrets);
  if (error.stack) error.stack = redact(error.stack, secrets);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    try {
      cause.message = redact(cause.message, secrets);
      if (cause.stack) cause.stack = redact(cause.stack, secrets);
    } catch {
      /* a frozen error: left as it is, and never shown */
    }
  }
}

/** The first `max` characters, with a note saying how much was left out. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return l10n.t('{0}… ({1} more characters)', text.slice(0, max), text.length - max);
}

/**
 * Text for the output channel: longer than a message, still bounded. Redacted before it is cut,
 * so no credential is left half-visible at the cut.
 */
function clipDetail(text: string, secrets: readonly string[]): string {
  if (text.length <= MAX_DETAIL_CHARS) return text;
  const safe = redact(text.slice(0, MAX_DETAIL_CHARS + 4096), secrets);
  return l10n.t('{0}… (truncated: {1} characters in all)', safe.slice(0, MAX_DETAIL_CHARS), text.length);
}

/** Text from an answer for a message (a notification): short, redacted before it is cut. */
function clipMessage(text: string, secrets: readonly string[]): string {
  return clip(redact(text.slice(0, MAX_MESSAGE_CHARS + 4096), secrets), MAX_MESSAGE_CHARS);
}

/** Where a redirect pointed, for a message: origin and path without credentials, the query left out. */
function describeTarget(target: URL, secrets: readonly string[]): string {
  return clip(redact(`${target.origin}${target.pathname}`, secrets), 200) + (target.search ? '?…' : '');
}

/** A body's beginning for an error's detail, without credentials. */
function excerpt(body: string, secrets: readonly string[]): string {
  return clip(redact(body.slice(0, 4096), secrets), 500);
}

function statusText(response: FetchResponse): string {
  return response.statusText ? ` ${clip(response.statusText, 80)}` : '';
}

/** CLN's own refusal in a 401/403: its JSON envelope or plain format with success false. Undefined: not CLN's. */
function clnRefusal(text: string): string | null | undefined {
  if (/^success:\s*false\b/i.test(text)) {
    try {
      return parsePlain(text, '').message;
    } catch {
      return undefined;
    }
  }
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as { success?: unknown; message?: unknown } | null;
    if (parsed && typeof parsed === 'object' && parsed.success === false) return typeof parsed.message === 'string' && parsed.message.trim() ? parsed.message.trim() : null;
  } catch {
    /* not JSON */
  }
  return undefined;
}

/**
 * Whether JSON text can hold a value numberOutOfRange looks for, read from the text by one native scan, so
 * the walk over every parsed value runs only then. A number past 1.8e308 needs either an exponent of three
 * digits or more (`1e400`, `5E+0309`; a number token starts the text or follows `:`, `[` or `,`), or, with an
 * exponent of two digits at most, 210 digits before its point; a string that reads as such a number needs 309
 * digits in a row. So: such an exponent, 200 digits in a row, or a `\u` escape (digits written as escapes are
 * only seen after parsing). Hex ids, keys and IPv6 addresses in strings match none of these. The 10,000
 * licenses of a large account's list hold none, and the walk over them was the largest part of reading the
 * list in a freshly started extension host.
 */
const LONG_EXPONENT = /(?:^|[:[,])\s*-?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]{3}/;
/** What LONG_EXPONENT needs, found by a scan several times faster (IPv6 addresses and hex ids hold `e` and digits). */
const DIGIT_E_DIGITS = /[0-9][eE][+-]?[0-9]{3}/;
const LONG_DIGITS = /(?<![0-9])[0-9]{200}/;

export function mayHoldOutOfRange(text: string): boolean {
  return text.includes('\\u') || (DIGIT_E_DIGITS.test(text) && LONG_EXPONENT.test(text)) || LONG_DIGITS.test(text);
}

/**
 * Where a JSON answer holds a number JavaScript cannot represent (1e400 parses to
 * Infinity; a string of 309 digits does too): such a value would otherwise read as 0.
 */
export function numberOutOfRange(value: unknown): string | undefined {
  // Every answer is walked (10,000 licenses, 50,000 values), with no object per value: three parallel stacks of what
  // is still to look at, and a trail of the containers opened, so the path is spelled out only for the value found.
  const values: unknown[] = [value];
  const parents: number[] = [-1];
  const keys: (string | number)[] = [''];
  const trailParent: number[] = [];
  const trailKey: (string | number)[] = [];
  const where = (parent: number, key: string | number): string => {
    const path: (string | number)[] = [];
    for (let at = parent, k = key; at >= 0; k = trailKey[at], at = trailParent[at]) path.push(k);
    let text = 'the answer';
    for (let i = path.length - 1; i >= 0; i--) {
      const step = path[i];
      text = typeof step === 'number' ? `${text}[${step}]` : `${text === 'the answer' ? '' : `${text}.`}${clip(step, 40)}`;
    }
    return text;
  };
  while (values.length > 0) {
    const current = values.pop();
    const parent = parents.pop()!;
    const key = keys.pop()!;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return where(parent, key);
    } else if (typeof current === 'string') {
      if (current.length > 300 && /^\s*-?\d+(\.\d+)?\s*$/.test(current) && !Number.isFinite(Number(current))) return where(parent, key);
    } else if (current && typeof current === 'object') {
      const at = trailParent.length;
      trailParent.push(parent);
      trailKey.push(key);
      if (Array.isArray(current)) {
        for (let i = 0; i < current.length; i++) {
          values.push(current[i]);
          parents.push(at);
          keys.push(i);
        }
      } else {
        for (const field of Object.keys(current)) {
          values.push((current as Record<string, unknown>)[field]);
          parents.push(at);
          keys.push(field);
        }
      }
    }
  }
  return undefined;
}

/** Retry-After as seconds or as an HTTP date (against the server's Date when it sent one). */
export function parseRetryAfter(header: string | null, dateHeader: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text), 86_400) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const serverNow = Date.parse(dateHeader ?? '');
  return Math.max(0, at - (Number.isNaN(serverNow) ? nowMs : serverNow));
}

function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds <= 1) return l10n.t('a second');
  if (seconds < 120) return l10n.t('{0} seconds', seconds);
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? l10n.t('{0} minutes', minutes) : l10n.t('{0} hours', Math.round(minutes / 60));
}

/** The values of the arguments an endpoint marks as secret. */
/** Arguments that are license keys: every endpoint names them `key` (KernelCare, Imunify, ELS, Nagios monitoring keys). */
function keyArgs(endpoint: Endpoint, args: Record<string, unknown>): string[] {
  return Object.keys(endpoint.params)
    .filter((name) => name === 'key' && typeof args[name] === 'string')
    .map((name) => args[name] as string);
}

/** The license keys in a decoded answer: a created key (a bare string), or the `key` of each object (keys, servers). */
function keysAnswered(id: EndpointId, value: unknown): string[] {
  if (typeof value === 'string') return /\.key\.create$/.test(id) ? [value] : [];
  const out = new Set<string>();
  const take = (item: unknown, depth = 0) => {
    if (typeof item !== 'object' || item === null || item instanceof Date) return;
    const record = item as Record<string, unknown>;
    if (typeof record.key === 'string') out.add(record.key);
    // One level down: a removal's `removed` server. A for-in, not Object.values: no array per item
    // (10,000 of them for the IP license list, on the way to the first batch of server details).
    if (depth === 0) for (const name in record) if (Object.hasOwn(record, name) && !Array.isArray(record[name])) take(record[name], 1);
  };
  if (Array.isArray(value)) for (const item of value) take(item);
  else take(value);
  return [...out];
}

/**
 * Keys quoted in the text of an answer that could not be used (`"key": "…"`), so the log that
 * shows its excerpt knows them; the last may be cut short with the excerpt, and is taken as it is.
 */
function keysQuoted(detail: string | undefined): string[] {
  return detail ? [...detail.matchAll(/"key"\s*:\s*"([^"\\\s]{1,200})/g)].map((match) => match[1]) : [];
}

function secretArgs(endpoint: Endpoint, args: Record<string, unknown>): string[] {
  return Object.entries(endpoint.params)
    .filter(([name, spec]) => spec.secret && typeof args[name] === 'string')
    .map(([name]) => args[name] as string);
}

/** The message of a JSON envelope that says no (`{"success": false, "message": "…"}`), when a Nagios endpoint sends one. */
function envelopeMessage(body: string): string | null {
  if (!body.startsWith('{')) return null;
  try {
    const parsed = JSON.parse(body) as { success?: unknown; message?: unknown };
    return parsed.success === false && typeof parsed.message === 'string' && parsed.message.trim() ? parsed.message.trim() : null;
  } catch {
    return null;
  }
}

/** A 404 that names only the missing route (Spring's "Not Found", "No static resource …"), not a missing key or server. */
const GENERIC_NOT_FOUND = /^(404\b\W*)?(not found\b(:\s*\/\S*)?\.?$|no message available|no static resource\b|no handler found\b|resource not found\.?$|page not found\.?$)/i;

/**
 * CLN's words in a v2 error, whatever the shape: v1's envelope `message`, Spring's
 * `{status, error, message, path}`, `{error: "…"}`, `{detail}`, `{errors: ["…" | {message}]}`,
 * a bare string. Null when the answer holds no words.
 */
export function v2Words(parsed: unknown): string | null {
  if (typeof parsed === 'string') return parsed.trim() || null;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  const said: string[] = [];
  const take = (value: unknown) => {
    if (typeof value === 'string' && value.trim() && !said.includes(value.trim())) said.push(value.trim());
  };
  take(o.message);
  take(o.error_description);
  take(o.detail);
  take(o.title);
  if (Array.isArray(o.errors)) {
    for (const e of o.errors.slice(0, 10)) {
      if (typeof e === 'string') take(e);
      else if (e && typeof e === 'object') take((e as Record<string, unknown>).message ?? (e as Record<string, unknown>).defaultMessage);
    }
  }
  // Spring's `error` is the status's reason phrase ("Not Found"): words only when nothing better came.
  if (said.length === 0) take(typeof o.error === 'object' && o.error !== null ? (o.error as Record<string, unknown>).message : o.error);
  return said.length ? said.join('; ') : null;
}

/** Added after a change's failure when it may have been carried out (a sentence of its own, after a space). */
const unknownOutcomeText = () => ` ${l10n.t('The change may or may not have been made: refresh to see the current state before trying again.')}`;

function validateArgs(id: EndpointId, endpoint: Endpoint, args: Record<string, unknown>): void {
  for (const [name, spec] of Object.entries(endpoint.params)) {
    const value = args?.[name];
    if (value === undefined || value === null) {
      if (spec.required) throw new ClnValidationError(name, l10n.t('is required'), id);
      continue;
    }
    const problem = spec.validate(value);
    if (problem) throw new ClnValidationError(name, problem, id);
  }
  for (const name of Object.keys(args ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(endpoint.params, name)) throw new ClnValidationError(name, l10n.t('is not an argument of {0}', endpoint.path), id);
  }
}

/** `https://` always; `http://` only to loopback, where a simulator may run. */
export function checkApiUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return l10n.t('"{0}" is not a valid URL.', url);
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return undefined;
  if (parsed.protocol === 'http:') return l10n.t('Refusing the unencrypted API URL {0}: http:// is allowed only for loopback hosts. Use https://.', parsed.origin);
  return l10n.t('The API URL must start with https:// (got {0}).', parsed.protocol);
}

export function assertSafeApiUrl(url: string): void {
  const problem = checkApiUrl(url);
  if (problem) throw new ClnValidationError('cln.apiUrl', problem);
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function looksLikeHtml(body: string): boolean {
  return /^<(!doctype|html|head|body|\?xml)/i.test(body) || /<\/(html|body|title)>/i.test(body);
}

function describeUnreadable(body: string): string {
  if (!body) return l10n.t('an empty answer');
  if (looksLikeHtml(body)) return l10n.t('an HTML page instead of data, probably from a proxy or captive portal');
  if (/^[[{]/.test(body)) return l10n.t('the JSON is cut off or invalid');
  return l10n.t('not JSON');
}

function describeSkew(skewMs: number): string {
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  return minutes >= 120 ? l10n.t('{0} hours', Math.round(minutes / 60)) : l10n.t('{0} minutes', minutes);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
