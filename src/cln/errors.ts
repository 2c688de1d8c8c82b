import { redact } from './redact';

/**
 * Every failure the client can report. Each kind has one class so callers can
 * branch on `kind` and show `message`, which is written for the user and never
 * contains credentials.
 */
export type ClnErrorKind =
  | 'validation' // bad input, rejected before any request
  | 'auth' // CLN said "Authorization failed" or answered 401/403
  | 'api' // CLN answered success:false with its own message
  | 'http' // a non-2xx answer that is not one of the above
  | 'network' // no answer: connection refused, DNS, reset
  | 'timeout' // no answer within the request timeout
  | 'malformed' // an answer we cannot read: HTML page, empty body, truncated JSON, wrong shape
  | 'cancelled'; // the user cancelled

export interface ClnErrorInit {
  endpoint?: string;
  status?: number;
  detail?: string;
  /** True when a state-changing request may have been carried out although we got no usable answer. */
  outcomeUnknown?: boolean;
  cause?: unknown;
}

export class ClnError extends Error {
  readonly endpoint?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly outcomeUnknown: boolean;

  constructor(readonly kind: ClnErrorKind, message: string, init: ClnErrorInit = {}) {
    super(redact(message));
    this.name = 'ClnError';
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.detail = init.detail === undefined ? undefined : redact(init.detail);
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    if (init.cause !== undefined) (this as { cause?: unknown }).cause = init.cause;
  }

  /** Reads may be retried after these; state-changing calls never are. */
  get isTransient(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || (this.kind === 'http' && (this.status ?? 0) >= 500);
  }
}

export class ClnValidationError extends ClnError {
  constructor(readonly field: string, problem: string, endpoint?: string) {
    super('validation', `${field}: ${problem}`, { endpoint });
    this.name = 'ClnValidationError';
  }
}

export class ClnAuthError extends ClnError {
  /** How far the server's clock (from its Date header) is ahead of ours, when known. */
  readonly clockSkewMs?: number;
  constructor(message: string, init: ClnErrorInit & { clockSkewMs?: number } = {}) {
    super('auth', message, init);
    this.name = 'ClnAuthError';
    this.clockSkewMs = init.clockSkewMs;
  }
}

export function isClnError(e: unknown): e is ClnError {
  return e instanceof ClnError;
}
