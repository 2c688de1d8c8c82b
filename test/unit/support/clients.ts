/**
 * The clients the unit suites talk through, written once: a ClnClient against the simulator (the
 * session's way: credentials, the secret redacted from answers, a request log), a ClnClient against a
 * hostile server on loopback, and an AccountService over a simulator client.
 */
import { ClnClient, type ClnClientOptions, type RequestLogEntry } from '../../../src/cln/client';
import { AccountService } from '../../../src/services/accountService';
import type { Simulator } from '../../../src/sim';
import type { HostileServer } from './hostile';

export interface LoggedClient {
  client: ClnClient;
  /** Every request the client made, in order. */
  log: RequestLogEntry[];
}

/** A client of `sim` signed in with its credentials, its secret redacted from every answer as the session does. */
export function simClient(sim: Pick<Simulator, 'url' | 'credentials'>, options: Partial<ClnClientOptions> = {}): LoggedClient {
  const log: RequestLogEntry[] = [];
  const client = new ClnClient({
    baseUrl: sim.url,
    credentials: () => sim.credentials,
    secrets: () => [sim.credentials.secretKey],
    timeoutMs: 5000,
    retryDelayMs: 5,
    onRequest: (entry) => log.push(entry),
    ...options,
  });
  return { client, log };
}

/** The login and secret the hostile suites sign in with (odd characters on purpose: they must survive every encoding). */
export const HOSTILE_CREDENTIALS = Object.freeze({ login: 'alice', secretKey: 'S3cret/Key+with&odd chars_0123' });

/** A client of a hostile server (or any base URL) on loopback. */
export function hostileClient(server: HostileServer | string, options: Partial<ClnClientOptions> = {}): LoggedClient {
  const log: RequestLogEntry[] = [];
  const client = new ClnClient({
    baseUrl: typeof server === 'string' ? server : server.api,
    credentials: () => HOSTILE_CREDENTIALS,
    timeoutMs: 5000,
    retryDelayMs: 5,
    onRequest: (entry) => log.push(entry),
    ...options,
  });
  return { client, log };
}

/** An AccountService over a client of `sim`. */
export function simAccount(
  sim: Pick<Simulator, 'url' | 'credentials'>,
  client: Partial<ClnClientOptions> = {},
  account: ConstructorParameters<typeof AccountService>[1] = { maxConcurrent: 6 },
): AccountService {
  return new AccountService(simClient(sim, client).client, account);
}
