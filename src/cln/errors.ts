import { redact } from './redact';

/**
 * Every failure the client can report. Each kind has one class so callers can
 * branch on `kind` and show `message`, which is written for the user and never
 * contains credentials.
 */
export type ClnErrorKind =
  | 'validation' // bad input, rejected before any request
  | 'auth' // CLN rejected the token: "Authorization failed", or a clock too far off
  | 'api' // CLN answered success:false with its own message
  | 'http' // a non-2xx answer that is not one of the above (a proxy's 401/403 included)
  | 'network' // no answer (connection refused, DNS, reset), or an answer cut off by a reset
  | 'timeout' // no answer within the request timeout
  | 'malformed' // an answer we cannot read: HTML page, empty body, truncated JSON, wrong shape, cut off
  | 'tooLarge' // an answer past the size limit ("cln.maxResponseMB"), not read further
  | 'redirect' // a redirect CLN Explorer refused to follow (another origin, plain http, a change, too many hops)
  | 'rateLimited' // HTTP 429: CLN asked to slow down
  | 'cancelled'; // the user cancelled

export interface ClnErrorInit {
  endpoint?: string;
  status?: number;
  detail?: string;
  /** True when a state-changing request may have been carried out although we got no usable answer. */
  outcomeUnknown?: boolean;
  cause?: unknown;
  /** rateLimited: how long CLN asked to wait (Retry-After), when it said. */
  retryAfterMs?: number;
}

export class ClnError extends Error {
  readonly endpoint?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly outcomeUnknown: boolean;
  readonly retryAfterMs?: number;

  constructor(
    readonly kind: ClnErrorKind,
    message: string,
    init: ClnErrorInit = {},
  ) {
    super(redact(message));
    this.name = 'ClnError';
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.detail = init.detail === undefined ? undefined : redact(init.detail);
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.retryAfterMs = init.retryAfterMs;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }

  /** Reads may be retried after these; state-changing calls never are. */
  get isTransient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'rateLimited' || (this.kind === 'http' && (this.status ?? 0) >= 500);
  }
}

export class ClnValidationError extends ClnError {
  constructor(
    readonly field: string,
    problem: string,
    endpoint?: string,
  ) {
    super('validation', `${field}: ${problem}`, { endpoint });
    this.name = 'ClnValidationError';
  }
}

export class ClnAuthError extends ClnError {
  /** How far the server's clock (from its Date header) is ahead of ours, when known. */
  readonly clockSkewMs?: number;
  /**
   * CLN itself said "Authorization failed" and the clock is not to blame: the
   * stored login or secret key is wrong, and only then is it deleted. False for
   * a rejection explained by clock skew and for "Sign in to …" before any request.
   */
  readonly credentialsRejected: boolean;
  constructor(message: string, init: ClnErrorInit & { clockSkewMs?: number; credentialsRejected?: boolean } = {}) {
    super('auth', message, init);
    this.name = 'ClnAuthError';
    this.clockSkewMs = init.clockSkewMs;
    this.credentialsRejected = init.credentialsRejected ?? false;
  }
}

/**
 * CLN API v2 is not there for this account or service: it answered 404, 403 or an HTML
 * page. The v2 families show one row for it; v1 is not affected. `answered` is what it
 * answered ("404", "403", "an HTML page").
 */
export class ClnV2UnavailableError extends ClnError {
  readonly v2Unavailable = true;
  constructor(
    readonly answered: string,
    message: string,
    private readonly init: ClnErrorInit = {},
    /** What needs v2, in the words a row shows ("CloudLinux OS keys"), when a family named it. */
    readonly needs?: string,
  ) {
    super('http', message, init);
    this.name = 'ClnV2UnavailableError';
  }

  /** The same answer, naming what needs v2 (for the one row a v2 family shows). */
  needing(what: string): ClnV2UnavailableError {
    return new ClnV2UnavailableError(this.answered, this.message, { ...this.init, detail: this.detail }, what);
  }
}

export function isV2Unavailable(e: unknown): e is ClnV2UnavailableError {
  return e instanceof ClnV2UnavailableError;
}

export function isClnError(e: unknown): e is ClnError {
  return e instanceof ClnError;
}
