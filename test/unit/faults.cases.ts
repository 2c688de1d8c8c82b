/**
 * The tables behind faults.matrix.test.ts: what each fault kind must say, and
 * per call family the arguments, the read that shows its truth and how to tell
 * from that read (and from the simulator's state) whether the change was made.
 */
import { AWP_PRODUCTS } from '../../src/cln/catalog';
import { yearMonthOf } from '../../src/cln/dates';
import type { ArgsOf, EndpointId } from '../../src/cln/endpoints';
import type { AccountService } from '../../src/services/accountService';
import type { FaultKind, SimState } from '../../src/sim';

export interface KindExpectation {
  /** Phrases the user-facing message must contain. */
  message: RegExp[];
  /** For a change, when they differ from a read's. */
  changeMessage?: RegExp[];
  /** Requests a read sends while the fault lasts (retries included). */
  attempts: number;
  /** Requests a read sends when the fault happens once; the read then succeeds, or fails (`false`). */
  oneOff: { attempts: number; succeeds: boolean };
  /** A change: whether its outcome is reported unknown, and whether the fault can come after the change was made. */
  change: { unknown: boolean; afterCommit: boolean };
}

/** Reads: retried after network trouble and 5xx (readRetries 2, so 3 requests), after a 429 up to 4 times more. */
const transient: Pick<KindExpectation, 'attempts' | 'oneOff'> = { attempts: 3, oneOff: { attempts: 2, succeeds: true } };
const final: Pick<KindExpectation, 'attempts' | 'oneOff'> = { attempts: 1, oneOff: { attempts: 1, succeeds: false } };
const unknownOutcome = { unknown: true, afterCommit: true };

/** The client's answer size limit in the matrix, and what the huge faults send (decoded). */
export const MATRIX_MAX_BYTES = 256 * 1024;
export const MATRIX_FAULT_BYTES = 8 * 1024 * 1024;

export const KINDS: Record<FaultKind, KindExpectation> = {
  latency: { message: [/did not answer within \d+ s/, /cln\.requestTimeout/], ...transient, change: { unknown: true, afterCommit: false } },
  http500: { message: [/HTTP 500/, /try again in a few minutes/], ...transient, change: unknownOutcome },
  html: { message: [/HTTP 502/, /HTML error page, probably from a proxy/], ...transient, change: unknownOutcome },
  truncated: { message: [/answer could not be read/, /JSON is cut off or invalid/], ...final, change: unknownOutcome },
  empty: { message: [/answer could not be read/, /an empty answer/], ...final, change: unknownOutcome },
  auth: { message: [/rejected the login or secret key/, /Sign in again/], ...final, change: { unknown: false, afterCommit: false } },
  redirectOffsite: { message: [/redirect \(HTTP 307\) to another site, http:\/\/127\.0\.0\.1:\d+\//, /sign-in token was not sent there/], ...final, change: unknownOutcome },
  redirectInsecure: { message: [/redirect \(HTTP 301\) to another site, http:\/\/localhost:\d+\//, /sign-in token was not sent there/], ...final, change: unknownOutcome },
  redirectSame: {
    message: [/redirected ".*" more than 3 times/],
    changeMessage: [/redirect \(HTTP 302\)/, /never sends a change twice/],
    attempts: 4,
    oneOff: { attempts: 2, succeeds: true },
    change: unknownOutcome,
  },
  rateLimit: {
    message: [/HTTP 429/, /Wait a second and try again; CLN Explorer sends fewer requests at once/],
    changeMessage: [/HTTP 429/, /nothing was changed\. Wait a second/],
    attempts: 5,
    oneOff: { attempts: 2, succeeds: true },
    change: { unknown: false, afterCommit: false },
  },
  huge: { message: [/larger than 256 KB; CLN Explorer stopped reading it/, /cln\.maxResponseMB/], ...final, change: unknownOutcome },
  gzipBomb: { message: [/larger than 256 KB once decompressed/, /cln\.maxResponseMB/], ...final, change: unknownOutcome },
  echo: { message: [/HTTP 500/, /try again in a few minutes/], ...transient, change: unknownOutcome },
  reset: { message: [/CLN's answer was cut off/], ...transient, change: unknownOutcome },
};

/** What a change's message adds when CLN may have made the change without saying so. */
export const UNKNOWN_OUTCOME = /may or may not have been made: refresh/;

export interface ReadCase<K extends EndpointId = EndpointId> {
  id: K;
  args(state: SimState): ArgsOf<K>;
}

const read = <K extends EndpointId>(id: K, args: (state: SimState) => ArgsOf<K>): ReadCase => ({ id, args }) as ReadCase;

export const READS: ReadCase[] = [
  read('ipl.list', () => ({})),
  read('kcare.key.servers', (s) => ({ key: s.kcareServers[0].key })),
  read('im.key.list', () => ({})),
  read('els.key.list', (s) => ({ code: s.elsKeys[0].code })),
  read('ab.list', () => ({})),
  read('group.list', () => ({})),
  read('awp.billing', () => ({ products: [...AWP_PRODUCTS], yearMonth: yearMonthOf(new Date()) })),
  read('status.json', () => ({})),
];

export interface ChangeCase {
  id: EndpointId;
  /** Valid arguments against the freshly seeded state. */
  args(state: SimState): Record<string, unknown>;
  /** Whether the simulator's state has the change. */
  applied(state: SimState, args: Record<string, unknown>): boolean;
  /** A cached read that shows the change, and whether its answer does. */
  truth(account: AccountService, state: SimState, args: Record<string, unknown>): Promise<boolean>;
}

const NOTE = 'fault matrix';
const imunifyTarget = (s: SimState, from: string) => s.imunifyKeys.find((k) => k.key !== from && (k.limit === 0 || s.imunifyServers.filter((x) => x.key === k.key).length < k.limit))!.key;
const kcareServerOutside = (s: SimState, group: string) => s.kcareServers.find((x) => !s.groups.find((g) => g.name === group)!.serverIds.includes(x.serverId))!.serverId;
const backupSize = new Map<number, number>();

export const CHANGES: ChangeCase[] = [
  {
    id: 'ipl.register',
    args: () => ({ ip: '198.51.100.77', type: 1 }),
    applied: (s, a) => s.ipLicenses.some((l) => l.ip === a.ip),
    truth: async (account, _s, a) => (await account.read('ipl.list', {})).some((l) => l.ip === a.ip),
  },
  {
    id: 'ipl.remove',
    args: (s) => ({ ip: s.ipLicenses[0].ip }),
    applied: (s, a) => !s.ipLicenses.some((l) => l.ip === a.ip),
    truth: async (account, _s, a) => !(await account.read('ipl.list', {})).some((l) => l.ip === a.ip),
  },
  {
    id: 'kcare.key.create',
    args: () => ({ limit: 5, note: NOTE }),
    applied: (s) => s.kcareKeys.some((k) => k.note === NOTE),
    truth: async (account) => (await account.read('kcare.key.list', {})).some((k) => k.note === NOTE),
  },
  {
    id: 'kcare.srv.remove',
    args: (s) => ({ server_id: s.kcareServers[0].serverId, key: s.kcareServers[0].key }),
    applied: (s, a) => !s.kcareServers.some((x) => x.serverId === a.server_id),
    truth: async (account, _s, a) => !(await account.read('kcare.key.servers', { key: String(a.key) })).some((x) => x.serverId === a.server_id),
  },
  {
    id: 'im.srv.convert',
    args: (s) => ({ id: s.imunifyServers[0].id, key: imunifyTarget(s, s.imunifyServers[0].key) }),
    applied: (s, a) => s.imunifyServers.find((x) => x.id === a.id)?.key === a.key,
    truth: async (account, _s, a) => (await account.read('im.srv.list', { key: String(a.key) })).some((x) => x.id === a.id),
  },
  {
    id: 'els.key.update',
    args: (s) => ({ key: s.elsKeys[0].key, limit: 77, code: s.elsKeys[0].code }),
    applied: (s, a) => s.elsKeys.find((k) => k.key === a.key)?.limit === 77,
    truth: async (account, _s, a) => (await account.read('els.key.list', { code: String(a.code) })).find((k) => k.key === a.key)?.limit === 77,
  },
  {
    id: 'ab.resize',
    args: (s) => {
      backupSize.set(s.backups[0].backupId, s.backups[0].size);
      return { backup_id: s.backups[0].backupId, delta: 10 };
    },
    applied: (s, a) => s.backups.find((b) => b.backupId === a.backup_id)?.size === backupSize.get(Number(a.backup_id))! + 10,
    truth: async (account, _s, a) => (await account.read('ab.list', {})).find((b) => b.backupId === a.backup_id)?.size === backupSize.get(Number(a.backup_id))! + 10,
  },
  {
    id: 'group.servers.put',
    args: (s) => ({ name: s.groups[0].name, server_ids: [kcareServerOutside(s, s.groups[0].name)] }),
    applied: (s, a) => s.groups.find((g) => g.name === a.name)!.serverIds.includes((a.server_ids as string[])[0]),
    truth: async (account, _s, a) => (await account.read('group.servers.list', { name: String(a.name) })).some((x) => x.id === (a.server_ids as string[])[0]),
  },
];

/** Arguments the endpoint takes (cases carry extras, e.g. the key a server was on, for their truth read). */
export function callArgs(args: Record<string, unknown>, params: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([name]) => params.includes(name)));
}
