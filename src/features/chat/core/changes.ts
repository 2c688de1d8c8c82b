/**
 * The language-model tools that change the account: register an IP license,
 * remove an IP license, remove a server. Each is planned first (input checked
 * with the commands' validators before any request, the account read to name
 * exactly what changes and what is lost), the plan is what the user confirms,
 * and only a confirmed plan is sent: once, through AccountService.change()
 * (so it is journaled), never retried, an unknown outcome said as such.
 * Strings from CLN are quoted as data (quote.ts): in the confirmation (markdown,
 * escaped, each marked "(from CLN)") and in the result the model reads.
 * No `vscode` here.
 */
import * as l10n from '@vscode/l10n';
import { ipTypeName } from '../../../cln/catalog';
import { isClnError } from '../../../cln/errors';
import { checkIdentifier, checkIp, checkIpTypeText } from '../../../cln/validate';
import type { AccountService } from '../../../services/accountService';
import { fingerprint } from '../../../services/journal';
import { escapeMarkdown, fromCln, plainCln, ResultText } from './quote';
import { accountName, type ToolScope } from './read';

export type ServerProduct = 'kernelcare' | 'imunify' | 'els';

export interface RegisterInput {
  ip: string;
  type: number | string;
  elsAllowed?: boolean;
}

export interface RemoveLicenseInput {
  ip: string;
  /** Absent: every license of the IP. */
  type?: number | string;
}

export interface RemoveServerInput {
  product?: ServerProduct;
  serverId?: string;
  ip?: string;
}

/** What a change tool will do, as the user confirms it; or why nothing will be sent. */
export type ChangePlan =
  | { kind: 'none'; message: string }
  | {
      kind: 'change';
      scope: ToolScope;
      /** The confirmation's title (plain text) and message (markdown, every string from CLN escaped and marked): exactly what changes and what is lost. */
      title: string;
      message: string;
      /** Sends the change (once) and says its outcome. */
      run: (account: AccountService) => Promise<string>;
    };

/** How the journal tells a chat tool's change from a command's. */
const VIA = ' (via a chat tool)';
const none = (message: string, out?: ResultText): ChangePlan => {
  const text = l10n.t('Nothing was sent: {0}', message);
  return { kind: 'none', message: out ? out.done(text) : text };
};
const isCloudLinux = (type: number) => ipTypeName(type).startsWith('CloudLinux');
const typeList = (types: readonly number[]) => types.map((t) => `${ipTypeName(t)} (type ${t})`).join(', ');

function parseType(value: unknown): { type: number } | { problem: string } {
  const problem = checkIpTypeText(String(value ?? ''));
  return problem ? { problem } : { type: Number(String(value).trim()) };
}

export async function planRegister(account: AccountService, scope: ToolScope, input: RegisterInput): Promise<ChangePlan> {
  const ip = String(input?.ip ?? '').trim();
  const ipProblem = checkIp(ip);
  if (ipProblem) return none(ipProblem);
  const parsed = parseType(input?.type);
  if ('problem' in parsed) return none(parsed.problem);
  const { type } = parsed;
  if (input.elsAllowed !== undefined && typeof input.elsAllowed !== 'boolean') return none('elsAllowed is true or false.');
  const name = ipTypeName(type);
  const availability = await account.read('ipl.availability', { ip }, { force: true });
  if (availability.owned.includes(type)) return none(`${ip} already has a ${name} license in ${accountName(scope)}.`);
  const elsAllowed = isCloudLinux(type) ? (input.elsAllowed ?? false) : undefined;
  const offered = availability.available.includes(type) ? '' : l10n.t('CLN does not list {0} as available for this IP; it may refuse.', name);
  const target = `IP license ${ip} (${name})`;
  return {
    kind: 'change',
    scope,
    title: l10n.t('Register a {0} license for {1}?', name, ip),
    message: escapeMarkdown(
      [
        elsAllowed === undefined
          ? l10n.t('{0} gets a new {1} IP license (type {2}) for the server at {3}.', accountName(scope), name, type, ip)
          : elsAllowed
            ? l10n.t('{0} gets a new {1} IP license (type {2}) for the server at {3}, CL6 (ELS) registration allowed.', accountName(scope), name, type, ip)
            : l10n.t('{0} gets a new {1} IP license (type {2}) for the server at {3}, CL6 (ELS) registration not allowed.', accountName(scope), name, type, ip),
        l10n.t('A license is billed while the account holds it.'),
        offered,
        l10n.t('Nothing is removed.'),
      ]
        .filter(Boolean)
        .join(' '),
    ),
    run: (acc) =>
      outcome(
        scope,
        () => `register ${target}`,
        async () => {
          await acc.change('ipl.register', elsAllowed === undefined ? { ip, type } : { ip, type, els_allowed: elsAllowed }, { target: target + VIA });
          return `Registered ${target} in ${accountName(scope)}.`;
        },
      ),
  };
}

export async function planRemoveLicense(account: AccountService, scope: ToolScope, input: RemoveLicenseInput): Promise<ChangePlan> {
  const ip = String(input?.ip ?? '').trim();
  const ipProblem = checkIp(ip);
  if (ipProblem) return none(ipProblem);
  let type: number | undefined;
  if (input.type !== undefined && input.type !== null && input.type !== '') {
    const parsed = parseType(input.type);
    if ('problem' in parsed) return none(parsed.problem);
    type = parsed.type;
  }
  const owned = (await account.read('ipl.availability', { ip }, { force: true })).owned;
  if (owned.length === 0) return none(`${accountName(scope)} has no IP license for ${ip}.`);
  if (type !== undefined && !owned.includes(type)) return none(`${ip} has no ${ipTypeName(type)} license in ${accountName(scope)}; it has ${typeList(owned)}.`);
  const lost = type === undefined ? owned : [type];
  const what = lost.length === 1 ? `the ${ipTypeName(lost[0])} license of ${ip}` : `all ${lost.length} IP licenses of ${ip} (${typeList(lost)})`;
  const target = type === undefined ? `all IP licenses of ${ip}` : `IP license ${ip} (${ipTypeName(type)})`;
  return {
    kind: 'change',
    scope,
    title: l10n.t('Remove {0}?', what),
    message: escapeMarkdown(
      l10n.t('In {0}, the server at {1} stops being licensed for {2}. This cannot be undone: getting it back means registering a new license.', accountName(scope), ip, typeList(lost)),
    ),
    run: (acc) =>
      outcome(
        scope,
        () => `remove ${target}`,
        async () => {
          const removed = await acc.change('ipl.remove', type === undefined ? { ip } : { ip, type }, { target: target + VIA });
          return removed ? `Removed ${what} from ${accountName(scope)}.` : `CLN answered "false": it found no such license in ${accountName(scope)}; nothing was removed.`;
        },
      ),
  };
}

interface FoundServer {
  product: ServerProduct;
  id: string;
  ip: string | null;
  productName: string;
  key: string;
  /** The key's note, as CLN gave it. */
  note: string | null;
}

/** A server in a result: `KernelCare server "12345" (IP "203.0.113.7")`, each string from CLN quoted. */
const serverInResult = (q: (value: unknown) => string, s: FoundServer) => `${s.productName} server ${q(s.id)}${s.ip ? ` (IP ${q(s.ip)})` : ''}`;
/** Its key in a result: the fingerprint, and the note quoted. */
const keyInResult = (q: (value: unknown) => string, s: FoundServer) => (s.note ? `${fingerprint(s.key)} (note ${q(s.note)})` : fingerprint(s.key));

const PRODUCTS: Record<string, ServerProduct> = { kernelcare: 'kernelcare', kcare: 'kernelcare', imunify: 'imunify', imunify360: 'imunify', im: 'imunify', els: 'els' };

export async function planRemoveServer(account: AccountService, scope: ToolScope, input: RemoveServerInput): Promise<ChangePlan> {
  const serverId = input?.serverId === undefined || input.serverId === null ? '' : String(input.serverId).trim();
  const ip = input?.ip === undefined || input.ip === null ? '' : String(input.ip).trim();
  if (!serverId && !ip) return none('give the server id (or the IP of the server).');
  if (serverId) {
    const problem = checkIdentifier(serverId, 'server id');
    if (problem) return none(problem);
  }
  if (ip) {
    const problem = checkIp(ip);
    if (problem) return none(problem);
  }
  let product: ServerProduct | undefined;
  if (input.product !== undefined && input.product !== null && String(input.product) !== '') {
    product =
      PRODUCTS[
        String(input.product)
          .toLowerCase()
          .replace(/[\s_-]/g, '')
      ];
    if (!product) return none(`"${String(input.product)}" is not a product with servers; use kernelcare, imunify or els.`);
  }
  const matches = (await serversOf(account, product)).filter((s) => (!serverId || s.id === serverId) && (!ip || s.ip === ip));
  const asked = [serverId && `id ${serverId}`, ip && `IP ${ip}`].filter(Boolean).join(' and ');
  if (matches.length === 0) return none(`${accountName(scope)} has no ${product ? `${productTitle(product)} ` : ''}server with ${asked}.`);
  if (matches.length > 1) {
    const out = new ResultText();
    const list = matches.slice(0, 10).map((s) => `${serverInResult(out.q, s)} on key ${keyInResult(out.q, s)}`);
    return none(`${matches.length} servers match ${asked}: ${list.join('; ')}${matches.length > 10 ? '; …' : ''}. Give the server id (and product) of the one to remove.`, out);
  }
  const [server] = matches;
  // The journal's label: the id and IP as CLN gave them (the journal quotes nothing; Resume checks labels against arguments).
  const target = `${server.productName} server ${server.id}${server.ip ? ` (${server.ip})` : ''} on key ${fingerprint(server.key)}`;
  const who = [fromCln.serverId(server.id), ...(server.ip ? [fromCln.ip(server.ip)] : [])].join(', ');
  const key = server.note ? l10n.t('key {0}, {1}', fingerprint(server.key), fromCln.note(server.note)) : l10n.t('key {0}', fingerprint(server.key));
  return {
    kind: 'change',
    scope,
    title: server.ip ? l10n.t('Remove {0} server {1} ({2})?', server.productName, plainCln(server.id), plainCln(server.ip)) : l10n.t('Remove {0} server {1}?', server.productName, plainCln(server.id)),
    message: escapeMarkdown(
      l10n.t('In {0}, the {1} server with {2} leaves {3} and loses its license; it must be registered again to get it back. This cannot be undone.', accountName(scope), server.productName, who, key),
    ),
    run: (acc) =>
      outcome(
        scope,
        (q) => `remove ${serverInResult(q, server)} on key ${fingerprint(server.key)}`,
        async (q) => {
          if (server.product === 'kernelcare') {
            const result = await acc.change('kcare.srv.remove', { server_id: server.id }, { target: target + VIA });
            if (!result.removed) return `CLN answered ${q(result.notice ?? 'Server not found')}: nothing was removed from ${accountName(scope)}.`;
          } else if (server.product === 'imunify') await acc.change('im.srv.remove', { id: server.id }, { target: target + VIA });
          else await acc.change('els.srv.remove', { id: server.id }, { target: target + VIA });
          return `Removed ${serverInResult(q, server)} from key ${keyInResult(q, server)} in ${accountName(scope)}.`;
        },
      ),
  };
}

const productTitle = (p: ServerProduct) => ({ kernelcare: 'KernelCare', imunify: 'Imunify', els: 'ELS' })[p];

async function serversOf(account: AccountService, product: ServerProduct | undefined): Promise<FoundServer[]> {
  const all: FoundServer[] = [];
  const want = (p: ServerProduct) => product === undefined || product === p;
  const jobs: Promise<unknown>[] = [];
  if (want('kernelcare')) {
    jobs.push(
      account.read('kcare.key.list', {}).then((keys) =>
        Promise.all(
          keys.map(async (k) => {
            for (const s of await account.read('kcare.key.servers', { key: k.key })) all.push({ product: 'kernelcare', id: s.serverId, ip: s.ip, key: k.key, productName: 'KernelCare', note: k.note });
          }),
        ),
      ),
    );
  }
  if (want('imunify')) {
    jobs.push(
      account.read('im.key.list', {}).then((keys) =>
        Promise.all(
          keys.map(async (k) => {
            for (const s of await account.read('im.srv.list', { key: k.key })) all.push({ product: 'imunify', id: s.id, ip: s.ip, key: k.key, productName: 'Imunify', note: k.note });
          }),
        ),
      ),
    );
  }
  if (want('els')) {
    jobs.push(
      account.elsKeys().then(async (keys) => {
        const byKey = new Map(keys.map((k) => [k.key, k]));
        for (const code of new Set(keys.map((k) => k.code))) {
          for (const s of await account.read('els.srv.list', { code })) {
            const k = byKey.get(s.key);
            all.push({ product: 'els', id: s.id, ip: s.ip, key: s.key, productName: 'ELS', note: k?.note ?? null });
          }
        }
      }),
    );
  }
  await Promise.all(jobs);
  return all;
}

/**
 * Runs one change and says its outcome; a failure is told, never retried. `what` and `send` quote CLN's
 * strings with `q`; the result opens with the data preamble when they did.
 */
async function outcome(scope: ToolScope, what: (q: (value: unknown) => string) => string, send: (q: (value: unknown) => string) => Promise<string>): Promise<string> {
  const out = new ResultText();
  const { q } = out;
  try {
    return out.done(await send(q));
  } catch (error) {
    // An error's text may carry CLN's own message: quoted as data.
    const message = q(error instanceof Error ? error.message : String(error));
    if (isClnError(error)) {
      if (error.outcomeUnknown)
        return out.done(
          `Outcome unknown: the request to ${what(q)} was sent but its answer did not arrive (${message}). It was not retried; check the account (look the IP up again) before trying again.`,
        );
      if (error.kind === 'api' || error.kind === 'auth' || error.kind === 'http') return out.done(`CLN refused to ${what(q)} in ${accountName(scope)}: ${message}. Nothing was changed.`);
      return out.done(`Could not ${what(q)}: ${message}. Nothing was changed.`);
    }
    return out.done(`Outcome unknown: ${what(q)} failed with ${message}. It was not retried; check the account before trying again.`);
  }
}

/**
 * Plans between prepareInvocation (where the user confirms them) and invoke (where they run),
 * by tool and input. A plan is taken once: invoke runs only what the user was shown.
 */
export class PlanBook {
  private readonly plans = new Map<string, { plan: ChangePlan; at: number }>();

  constructor(
    private readonly ttlMs = 30 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  static keyOf(tool: string, input: unknown): string {
    return `${tool}:${stableJson(input)}`;
  }

  put(key: string, plan: ChangePlan): void {
    for (const [k, v] of this.plans) if (this.now() - v.at > this.ttlMs) this.plans.delete(k);
    this.plans.set(key, { plan, at: this.now() });
  }

  take(key: string): ChangePlan | undefined {
    const entry = this.plans.get(key);
    this.plans.delete(key);
    return entry && this.now() - entry.at <= this.ttlMs ? entry.plan : undefined;
  }
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  return `{${Object.keys(value as object)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}
