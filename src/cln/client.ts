/**
 * The CLN API client. It knows nothing of VS Code: it turns an endpoint id and
 * arguments into one HTTP request (validated first), and the answer into a
 * typed value or a ClnError whose message a user can act on.
 */
import { DecodeError, isNagiosReport, nagiosMessage, parsePlain } from './decode';
import { ArgsOf, Endpoint, EndpointId, endpointOf, ResultOf } from './endpoints';
import { ClnAuthError, ClnError, ClnValidationError, isClnError } from './errors';
import { redact } from './redact';
import { Credentials, makeToken } from './token';
import { defaultFetch, FetchLike, FetchResponse } from './transport';

export interface RequestLogEntry {
  method: string;
  /** Path and query, with the token redacted. */
  path: string;
  status?: number;
  ms: number;
  attempt: number;
  error?: string;
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
}

export interface CallOptions {
  signal?: AbortSignal;
}

const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;
const AUTH_FAILURE = /authori[sz]ation|not authori[sz]ed|invalid token|token (is )?(expired|invalid)|access denied/i;

export class ClnClient {
  private readonly fetch: FetchLike;
  private readonly now: () => number;

  constructor(private readonly options: ClnClientOptions) {
    assertSafeApiUrl(options.baseUrl);
    this.fetch = options.fetch ?? defaultFetch;
    this.now = options.now ?? Date.now;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  async call<K extends EndpointId>(id: K, args: ArgsOf<K>, options: CallOptions = {}): Promise<ResultOf<K>> {
    const endpoint = endpointOf(id);
    validateArgs(id, endpoint, args as Record<string, unknown>);
    const retries = endpoint.mutates ? 0 : (this.options.readRetries ?? 2);
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.attempt(id, endpoint, args as Record<string, unknown>, options.signal, attempt)) as ResultOf<K>;
      } catch (error) {
        if (!isClnError(error) || !error.isTransient || attempt > retries || options.signal?.aborted) throw error;
        await sleep((this.options.retryDelayMs ?? 250) * 2 ** (attempt - 1), options.signal);
      }
    }
  }

  private async attempt(id: EndpointId, endpoint: Endpoint, args: Record<string, unknown>, signal: AbortSignal | undefined, attempt: number): Promise<unknown> {
    const credentials = endpoint.auth === 'none' ? undefined : await this.options.credentials();
    if (endpoint.auth !== 'none' && !credentials) {
      throw new ClnAuthError(`Sign in to CLN to ${endpoint.title}.`, { endpoint: id });
    }
    // Credentials passed as arguments (the API security token of nagios-res) are redacted like the secret key.
    const secrets = [...(credentials ? [credentials.secretKey] : []), ...secretArgs(endpoint, args)];
    const url = this.buildUrl(endpoint, args, credentials);
    const shownPath = redact(url.slice(this.options.baseUrl.replace(/\/+$/, '').length), secrets);
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const started = this.now();
    const startedWall = Date.now();
    let response: FetchResponse | undefined;
    const log = (status: number | undefined, error?: ClnError) =>
      this.options.onRequest?.({ method: endpoint.method, path: shownPath, status, ms: Date.now() - startedWall, attempt, error: error?.message });
    try {
      response = await this.fetch(url, { method: endpoint.method, headers: { Accept: 'application/json, text/plain, */*' }, signal: controller.signal });
      const body = await response.text();
      const value = this.interpret(id, endpoint, args, response, body, started, secrets);
      log(response.status);
      return value;
    } catch (raw) {
      const error = isClnError(raw)
        ? raw
        : this.transportError(id, endpoint, raw, { cancelled: signal?.aborted ?? false, timedOut: controller.signal.aborted && !signal?.aborted, timeoutMs, responded: response !== undefined });
      removeSecrets(error, secrets);
      log(response?.status, error);
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private buildUrl(endpoint: Endpoint, args: Record<string, unknown>, credentials: Credentials | undefined): string {
    const token = credentials ? makeToken(credentials, this.now()) : undefined;
    const pathValues: Record<string, string> = {};
    if (endpoint.auth === 'path' && credentials && token) {
      pathValues.login = credentials.login;
      pathValues.token = token;
    }
    const query = new URLSearchParams();
    for (const [name, spec] of Object.entries(endpoint.params)) {
      const value = args[name];
      if (value === undefined) continue;
      if (spec.in === 'path') pathValues[name] = spec.encode(value);
      else query.append(name, spec.encode(value));
    }
    if (endpoint.auth === 'token' && token) query.append('token', token);
    const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathValues[name] ?? ''));
    const qs = query.toString();
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`;
  }

  private interpret(id: EndpointId, endpoint: Endpoint, args: Record<string, unknown>, response: FetchResponse, body: string, started: number, secrets: readonly string[] = []): unknown {
    const { status } = response;
    const failure = (kind: 'http' | 'malformed', what: string, detail?: string) => {
      const unknownOutcome = endpoint.mutates;
      const message =
        kind === 'http'
          ? `CLN answered HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''} when asked to ${endpoint.title}${what ? ` (${what})` : ''}.` +
            (status >= 500 ? ' The service or a proxy in between is having trouble; try again in a few minutes.' : '')
          : `Could not ${endpoint.title}: CLN's answer could not be read (${what}).`;
      return new ClnError(kind, message + (unknownOutcome ? UNKNOWN_OUTCOME : ''), { endpoint: id, status, detail: detail ?? redact(body).slice(0, 500), outcomeUnknown: unknownOutcome });
    };
    // Endpoints without sign-in credentials cannot have rejected them: their 401/403 is not a reason to sign out.
    if ((status === 401 || status === 403) && endpoint.auth !== 'none') throw this.authError(id, response, started, null);
    const trimmed = body.trim();

    if (endpoint.format === 'nagios') {
      if (isNagiosReport(trimmed)) return this.decode(id, endpoint, trimmed, args, null, status);
      // CLN's errors here are plain text (often with HTTP 200): "Servers not found for key K", "Reseller not found".
      // Redacted before it is shortened, so a cut can never leave part of a credential.
      const said = nagiosMessage(redact(trimmed, secrets)) ?? envelopeMessage(trimmed);
      if (status < 200 || status >= 300) throw failure('http', looksLikeHtml(trimmed) ? 'an HTML error page, probably from a proxy' : (said ?? ''));
      if (said) return this.nagiosRefusal(id, endpoint, status, said);
      throw failure('malformed', trimmed ? (looksLikeHtml(trimmed) ? 'an HTML page instead of a check result, probably from a proxy' : 'not a KernelCare check result') : 'an empty answer');
    }

    if (endpoint.format === 'plain') {
      if (!/^success:/i.test(trimmed)) {
        if (status < 200 || status >= 300) throw failure('http', looksLikeHtml(trimmed) ? 'an HTML error page, probably from a proxy' : '');
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
      if (!plain.success) throw this.refusal(id, endpoint, response, started, plain.message);
      return this.decode(id, endpoint, plain, args, plain.message, status);
    }

    let parsed: unknown;
    try {
      parsed = trimmed ? JSON.parse(trimmed) : undefined;
    } catch {
      if (status < 200 || status >= 300) throw failure('http', looksLikeHtml(trimmed) ? 'an HTML error page, probably from a proxy' : '');
      throw failure('malformed', describeUnreadable(trimmed));
    }
    if (parsed === undefined) {
      if (status < 200 || status >= 300) throw failure('http', 'with an empty body');
      throw failure('malformed', 'an empty answer');
    }
    if (endpoint.format === 'json-or-bare' && Array.isArray(parsed)) {
      if (status < 200 || status >= 300) throw failure('http', '');
      return this.decode(id, endpoint, parsed, args, null, status);
    }
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { success?: unknown }).success !== 'boolean') {
      if (status < 200 || status >= 300) throw failure('http', '');
      throw failure('malformed', 'no "success" field in the JSON answer');
    }
    const envelope = parsed as { success: boolean; message?: unknown; data?: unknown };
    const message = typeof envelope.message === 'string' && envelope.message.trim() ? envelope.message.trim() : null;
    if (!envelope.success) throw this.refusal(id, endpoint, response, started, message);
    if (status < 200 || status >= 300) throw failure('http', message ?? '');
    return this.decode(id, endpoint, envelope.data, args, message, status);
  }

  private decode(id: EndpointId, endpoint: Endpoint, data: unknown, args: Record<string, unknown>, message: string | null, status: number): unknown {
    try {
      return endpoint.decode(data, { args: args as never, message });
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      throw new ClnError(
        'malformed',
        `Could not ${endpoint.title}: CLN's answer is not in the expected form (${error.message}).` + (endpoint.mutates ? UNKNOWN_OUTCOME : ''),
        { endpoint: id, status, detail: error.message, outcomeUnknown: endpoint.mutates },
      );
    }
  }

  /** A Nagios endpoint's plain-text error, in CLN's own words. Never a reason to sign out. */
  private nagiosRefusal(id: EndpointId, endpoint: Endpoint, status: number, said: string): never {
    const text = said;
    throw new ClnError('api', `CLN could not ${endpoint.title}: ${text}${/[.!?]$/.test(text) ? '' : '.'}`, { endpoint: id, status, detail: text });
  }

  /** success:false: an authorization failure, or CLN saying no with its own message. */
  private refusal(id: EndpointId, endpoint: Endpoint, response: FetchResponse, started: number, message: string | null): ClnError {
    if (message && AUTH_FAILURE.test(message)) return this.authError(id, response, started, message);
    return new ClnError('api', `CLN could not ${endpoint.title}: ${message ?? 'it gave no reason'}.`.replace(/\.\.$/, '.'), {
      endpoint: id,
      status: response.status,
      detail: message ?? undefined,
    });
  }

  private authError(id: EndpointId, response: FetchResponse, started: number, message: string | null): ClnAuthError {
    const serverDate = Date.parse(response.headers.get('date') ?? '');
    const skew = Number.isNaN(serverDate) ? undefined : serverDate - started;
    const clockOff = skew !== undefined && Math.abs(skew) > CLOCK_SKEW_LIMIT_MS;
    const text = clockOff
      ? `CLN rejected the sign-in token (${message ?? 'Authorization failed'}). This computer's clock is ${describeSkew(skew!)} CLN's: ` +
        'tokens carry the time, so set the clock right (enable NTP time sync) and try again.'
      : `CLN rejected the login or secret key (${message ?? `HTTP ${response.status}`}). Sign in again with your CLN login and a current secret key.`;
    return new ClnAuthError(text, { endpoint: id, status: response.status, detail: message ?? undefined, clockSkewMs: skew });
  }

  private transportError(
    id: EndpointId,
    endpoint: Endpoint,
    raw: unknown,
    how: { cancelled: boolean; timedOut: boolean; timeoutMs: number; responded: boolean },
  ): ClnError {
    const host = safeHost(this.options.baseUrl);
    if (how.cancelled) {
      return new ClnError('cancelled', `Cancelled: ${endpoint.title}.` + (endpoint.mutates ? UNKNOWN_OUTCOME : ''), { endpoint: id, outcomeUnknown: endpoint.mutates, cause: raw });
    }
    if (how.timedOut) {
      return new ClnError(
        'timeout',
        `CLN did not answer within ${Math.round(how.timeoutMs / 1000)} s when asked to ${endpoint.title}. Try again, or raise the "cln.requestTimeout" setting.` +
          (endpoint.mutates ? UNKNOWN_OUTCOME : ''),
        { endpoint: id, outcomeUnknown: endpoint.mutates, cause: raw },
      );
    }
    const code = (raw as { code?: string; errno?: string })?.code ?? (raw as { errno?: string })?.errno;
    // These codes mean the request never reached a server, so nothing can have changed.
    const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH';
    const outcomeUnknown = endpoint.mutates && !neverSent;
    const reason = code ?? (raw instanceof Error ? raw.message : String(raw));
    return new ClnError(
      'network',
      `Could not reach CLN at ${host} to ${endpoint.title} (${reason}). Check the network connection, the proxy ("http.proxy") and the "cln.apiUrl" setting.` +
        (outcomeUnknown ? UNKNOWN_OUTCOME : ''),
      { endpoint: id, outcomeUnknown, cause: raw, detail: raw instanceof Error ? raw.message : undefined },
    );
  }
}

/** CLN could echo the secret in a message; ClnError already removes token patterns, this removes the rest. */
function removeSecrets(error: ClnError, secrets: readonly string[]): void {
  if (secrets.length === 0) return;
  error.message = redact(error.message, secrets);
  if (error.detail !== undefined) (error as { detail?: string }).detail = redact(error.detail, secrets);
}

/** The values of the arguments an endpoint marks as secret. */
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

const UNKNOWN_OUTCOME = ' The change may or may not have been made: refresh to see the current state before trying again.';

function validateArgs(id: EndpointId, endpoint: Endpoint, args: Record<string, unknown>): void {
  for (const [name, spec] of Object.entries(endpoint.params)) {
    const value = args?.[name];
    if (value === undefined || value === null) {
      if (spec.required) throw new ClnValidationError(name, 'is required', id);
      continue;
    }
    const problem = spec.validate(value);
    if (problem) throw new ClnValidationError(name, problem, id);
  }
  for (const name of Object.keys(args ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(endpoint.params, name)) throw new ClnValidationError(name, `is not an argument of ${endpoint.path}`, id);
  }
}

/** `https://` always; `http://` only to loopback, where a simulator may run. */
export function checkApiUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a valid URL.`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname)) return undefined;
  if (parsed.protocol === 'http:') return `Refusing the unencrypted API URL ${parsed.origin}: http:// is allowed only for loopback hosts. Use https://.`;
  return `The API URL must start with https:// (got ${parsed.protocol}).`;
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
  if (!body) return 'an empty answer';
  if (looksLikeHtml(body)) return 'an HTML page instead of data, probably from a proxy or captive portal';
  if (/^[[{]/.test(body)) return 'the JSON is cut off or invalid';
  return 'not JSON';
}

function describeSkew(skewMs: number): string {
  const minutes = Math.round(Math.abs(skewMs) / 60_000);
  const amount = minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
  return `${amount} ${skewMs > 0 ? 'behind' : 'ahead of'}`;
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
