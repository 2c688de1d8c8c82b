/**
 * Every CLN endpoint, as data. The client builds requests and decodes answers
 * from this table; the simulator routes by it; the tests iterate over it.
 * Paths are relative to the API root (`cln.apiUrl`) and follow the readings in
 * shared/cln-api/README.md (e.g. `/ipl/...` for every IP-license call).
 */
import * as l10n from '@vscode/l10n';
import * as d from './decode';
import { asBody, inBody, optional, param, inPath, Param } from './params';
import type * as T from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * - `json`: the `{success, message, data}` envelope.
 * - `json-or-bare`: the envelope, or the bare data (the AWP example shows a bare list).
 * - `plain`: `success:true code:N` then `key:value` lines.
 * - `nagios`: a Nagios check: the live `3 machines are OUTOFDATE!|uptodate=6;…` (or the
 *   performance data alone) or the reference's `KernelCare OK - …`; any other 2xx text is
 *   CLN's error message (`Servers not found for key …`).
 * - `v2`: CLN API v2 (real-api-v2.md): bare JSON (an object, a list, or nothing), or v1's
 *   envelope, which is unpublished for v2 and read all the same; errors in any JSON shape
 *   are shown in CLN's words, and a 404, a 403 or an HTML page says "CLN API v2 answered …"
 *   (ClnV2UnavailableError).
 */
export type AnswerFormat = 'json' | 'json-or-bare' | 'plain' | 'nagios' | 'v2';

/**
 * `token`: `?token=` query argument; `path`: login and the per-request token in the path;
 * `none`: no sign-in credentials (an endpoint may still take a credential as an argument,
 * like the API security token of `nagios-res`: such params are marked `secret`).
 */
export type AuthStyle = 'token' | 'path' | 'none';

/** Cache families: a change to one invalidates the cached reads of the families it lists. */
/** `cl`: CloudLinux OS keys and servers (v2); `feature`: add-on settings (v2); `iptypes`: v2's type names. */
export type CacheTag = 'ipl' | 'kcare' | 'im' | 'els' | 'ab' | 'group' | 'awp' | 'cl' | 'feature' | 'iptypes';

type AnyParam = Param<any, boolean>;
export type ParamTable = Record<string, AnyParam>;

type ValueOf<P> = P extends Param<infer V, boolean> ? V : never;
type RequiredNames<P extends ParamTable> = { [N in keyof P]: P[N]['required'] extends true ? N : never }[keyof P];
export type Args<P extends ParamTable> = { [N in RequiredNames<P>]: ValueOf<P[N]> } & {
  [N in Exclude<keyof P, RequiredNames<P>>]?: ValueOf<P[N]>;
};

export interface DecodeContext<P extends ParamTable> {
  args: Args<P>;
  /** The envelope's `message`, when CLN sent one with a successful answer. */
  message: string | null;
}

export interface Endpoint<P extends ParamTable = ParamTable, R = unknown> {
  /** What the call does, as the end of "Could not …": "list IP licenses" (translated when read: a getter, so after activation configured l10n). */
  readonly title: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly format: AnswerFormat;
  readonly auth: AuthStyle;
  /** State-changing calls are never retried and report unknown outcomes as such. */
  readonly mutates: boolean;
  readonly params: P;
  /** `data` is the envelope's data (json), the PlainAnswer (plain) or the body text (nagios). */
  readonly decode: (data: unknown, context: DecodeContext<P>) => R;
  readonly cache?: CacheTag;
  readonly invalidates?: readonly CacheTag[];
}

function endpoint<P extends ParamTable, R>(def: Endpoint<P, R>): Endpoint<P, R> {
  return def;
}

const none = {} as const;
/** `data: null` is an empty list (CLN sends it for "nothing found"); no `data` at all is unreadable. */
const listOf =
  <U>(item: (value: unknown, where: string) => U) =>
  (data: unknown) => {
    if (data === undefined) throw new d.DecodeError('data', 'the answer has no data');
    return d.list(data ?? [], 'data', item);
  };
/** A v2 list: the bare list (or the envelope's data); nothing at all is an empty list (HTTP 204). */
const v2List = <U>(data: unknown, item: (value: unknown, where: string) => U): U[] => d.list(data ?? [], 'answer', item);
const one =
  <U>(item: (value: unknown, where: string) => U) =>
  (data: unknown) =>
    item(data, 'data');

export const ENDPOINTS = {
  // ---- service status -------------------------------------------------------------------
  'status.json': endpoint({
    get title() {
      return l10n.t('read the CLN service status');
    },
    method: 'GET',
    path: '/status.json',
    format: 'json',
    auth: 'none',
    mutates: false,
    params: none,
    decode: (data) => d.serviceStatus(d.object(data, 'data'), 'data'),
  }),
  'status.plain': endpoint({
    get title() {
      return l10n.t('read the CLN service status');
    },
    method: 'GET',
    path: '/status.plain',
    format: 'plain',
    auth: 'none',
    mutates: false,
    params: none,
    decode: (data) => d.serviceStatus((data as d.PlainAnswer).fields, 'status.plain'),
  }),

  // ---- IP licenses ----------------------------------------------------------------------
  'ipl.availability': endpoint({
    get title() {
      return l10n.t('check which license types are available for an IP');
    },
    method: 'GET',
    path: '/ipl/availability.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: { ip: param.ip() },
    decode: one(d.ipAvailability),
  }),
  'ipl.check': endpoint({
    get title() {
      return l10n.t('check an IP');
    },
    method: 'GET',
    path: '/ipl/check.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: { ip: param.ip() },
    decode: (data) => d.ipTypes(data ?? [], 'data'),
  }),
  'ipl.register': endpoint({
    get title() {
      return l10n.t('register an IP license');
    },
    method: 'GET',
    path: '/ipl/register.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { ip: param.ip(), type: param.ipType(), els_allowed: optional(param.flag()) },
    decode: one(d.ipLicense),
    invalidates: ['ipl'],
  }),
  'ipl.convert': endpoint({
    get title() {
      return l10n.t('convert an IP license');
    },
    method: 'GET',
    path: '/ipl/convert.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { ip: param.ip(), type: param.ipType(), type_to: param.ipType() },
    decode: one(d.booleanResult),
    invalidates: ['ipl'],
  }),
  'ipl.remove': endpoint({
    get title() {
      return l10n.t('remove an IP license');
    },
    method: 'GET',
    path: '/ipl/remove.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { ip: param.ip(), type: optional(param.ipType()) },
    decode: one(d.booleanResult),
    invalidates: ['ipl'],
  }),
  'ipl.list': endpoint({
    get title() {
      return l10n.t('list IP licenses');
    },
    method: 'GET',
    path: '/ipl/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: none,
    decode: listOf(d.ipLicense),
    cache: 'ipl',
  }),
  'ipl.server': endpoint({
    get title() {
      return l10n.t('read server details of IP licenses');
    },
    method: 'GET',
    path: '/ipl/server.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: { ip: param.ipList() },
    decode: listOf(d.ipServerInfo),
    cache: 'ipl',
  }),
  'ipl.update': endpoint({
    get title() {
      return l10n.t('update an IP license');
    },
    method: 'GET',
    path: '/ipl/update.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { ip: param.ip(), els_allowed: param.flag(), type: optional(param.ipType()) },
    decode: one(d.booleanResult),
    invalidates: ['ipl'],
  }),

  // ---- KernelCare -----------------------------------------------------------------------
  'kcare.key.create': endpoint({
    get title() {
      return l10n.t('create a KernelCare key');
    },
    method: 'GET',
    path: '/kcare/key/create.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { limit: param.limit(), note: optional(param.note()) },
    decode: one(d.keyString),
    invalidates: ['kcare'],
  }),
  'kcare.key.delete': endpoint({
    get title() {
      return l10n.t('delete a KernelCare key');
    },
    method: 'GET',
    path: '/kcare/key/delete.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { key: param.id('KernelCare key') },
    decode: one(d.booleanResult),
    invalidates: ['kcare', 'group'],
  }),
  'kcare.key.list': endpoint({
    get title() {
      return l10n.t('list KernelCare keys');
    },
    method: 'GET',
    path: '/kcare/key/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: none,
    decode: listOf(d.kcareKey),
    cache: 'kcare',
  }),
  'kcare.key.servers': endpoint({
    get title() {
      return l10n.t('list the servers of a KernelCare key');
    },
    method: 'GET',
    path: '/kcare/key/servers.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: { key: param.id('KernelCare key') },
    decode: (data, { args }) => d.list(data ?? [], 'data', d.kcareServer(args.key)),
    cache: 'kcare',
  }),
  'kcare.key.setCidr': endpoint({
    get title() {
      return l10n.t('set the IP ranges of a KernelCare key');
    },
    method: 'GET',
    path: '/kcare/key/set_cidr.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { key: param.id('KernelCare key'), cidr: param.cidrList() },
    decode: one(d.cidrResult),
    invalidates: ['kcare'],
  }),
  'kcare.srv.remove': endpoint({
    get title() {
      return l10n.t('remove a KernelCare server');
    },
    method: 'GET',
    path: '/kcare/srv/remove.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { server_id: param.id('server id') },
    decode: (data, { args, message }): T.KcareServerRemoval => ({ removed: data == null ? null : d.kcareRemoval(data, args.server_id), notice: message || null }),
    invalidates: ['kcare', 'group'],
  }),
  'kcare.nagios.registerKey': endpoint({
    get title() {
      return l10n.t('register a Nagios monitoring key');
    },
    method: 'GET',
    path: '/kcare/nagios/register_key.plain',
    format: 'plain',
    auth: 'none',
    mutates: true,
    params: { key: param.monitoringKey() },
    decode: (data) => d.nagiosRegistration((data as d.PlainAnswer).code ?? 0),
  }),
  'kcare.nagios.key': endpoint({
    get title() {
      return l10n.t('check the KernelCare servers of a key');
    },
    method: 'GET',
    path: '/kcare/nagios/{key}',
    format: 'nagios',
    auth: 'none',
    mutates: false,
    params: { key: inPath(param.id('KernelCare key')) },
    decode: (data) => d.parseNagios(data as string, 'nagios'),
  }),
  /**
   * `{token}` is the account's static API security token from the CLN profile (what
   * Nagios, Zabbix and Datadog hold), not the per-request token: see real-api.md.
   */
  'kcare.nagios.reseller': endpoint({
    get title() {
      return l10n.t('check the KernelCare servers of the account');
    },
    method: 'GET',
    path: '/kcare/nagios-res/{login}/{token}',
    format: 'nagios',
    auth: 'none',
    mutates: false,
    params: { login: inPath(param.id('CLN login')), token: inPath(param.apiToken()) },
    decode: (data) => d.parseNagios(data as string, 'nagios-res'),
  }),
  /** Undocumented (cloudlinux/kcare-qualys): a bare list of `{host, ip, kernel_id, patch_level}`; called with the key alone, as that tool does. */
  'kcare.patchset': endpoint({
    get title() {
      return l10n.t('read the KernelCare patch levels of a key');
    },
    method: 'GET',
    path: '/kcare/patchset.json',
    format: 'json-or-bare',
    auth: 'none',
    mutates: false,
    params: { key: param.id('KernelCare key') },
    decode: listOf(d.kcarePatchLevel),
    cache: 'kcare',
  }),

  // ---- Imunify --------------------------------------------------------------------------
  'im.key.create': endpoint({
    get title() {
      return l10n.t('create an Imunify key');
    },
    method: 'GET',
    path: '/im/key/create.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { code: param.id('Imunify product code'), limit: param.limit(), note: optional(param.freeText()) },
    decode: one(d.imunifyKey),
    invalidates: ['im'],
  }),
  'im.key.update': endpoint({
    get title() {
      return l10n.t('update an Imunify key');
    },
    method: 'GET',
    path: '/im/key/update.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { key: param.id('Imunify key'), limit: optional(param.limit()), note: optional(param.freeText()), servers: optional(param.count()) },
    decode: one(d.imunifyKey),
    invalidates: ['im'],
  }),
  'im.key.remove': endpoint({
    get title() {
      return l10n.t('remove an Imunify key');
    },
    method: 'GET',
    path: '/im/key/remove.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { key: param.id('Imunify key') },
    decode: listOf(d.removedServer),
    invalidates: ['im', 'group'],
  }),
  'im.key.list': endpoint({
    get title() {
      return l10n.t('list Imunify keys');
    },
    method: 'GET',
    path: '/im/key/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: none,
    decode: listOf(d.imunifyKey),
    cache: 'im',
  }),
  'im.srv.list': endpoint({
    get title() {
      return l10n.t('list the servers of an Imunify key');
    },
    method: 'GET',
    path: '/im/srv/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: { key: param.id('Imunify key') },
    decode: listOf(d.imunifyServer),
    cache: 'im',
  }),
  'im.srv.remove': endpoint({
    get title() {
      return l10n.t('remove an Imunify server');
    },
    method: 'GET',
    path: '/im/srv/remove.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { id: param.id('server id') },
    decode: one(d.removedServer),
    invalidates: ['im', 'group'],
  }),
  'im.srv.convert': endpoint({
    get title() {
      return l10n.t('move an Imunify server to another key');
    },
    method: 'GET',
    path: '/im/srv/convert.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { id: param.id('server id'), key: param.id('Imunify key') },
    decode: one(d.removedServer),
    invalidates: ['im', 'group'],
  }),

  // ---- ELS ------------------------------------------------------------------------------
  'els.key.create': endpoint({
    get title() {
      return l10n.t('create an ELS key');
    },
    method: 'GET',
    path: '/els/key/create.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { code: param.id('ELS product code'), limit: param.limit(), note: optional(param.freeText()) },
    decode: one(d.elsKey),
    invalidates: ['els'],
  }),
  'els.key.update': endpoint({
    get title() {
      return l10n.t('update an ELS key');
    },
    method: 'GET',
    path: '/els/key/update.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { key: param.id('ELS key'), limit: param.limit(), note: optional(param.freeText()) },
    decode: one(d.elsKey),
    invalidates: ['els'],
  }),
  'els.key.remove': endpoint({
    get title() {
      return l10n.t('remove an ELS key');
    },
    method: 'GET',
    path: '/els/key/remove.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { key: param.id('ELS key') },
    decode: listOf(d.removedServer),
    invalidates: ['els'],
  }),
  'els.key.list': endpoint({
    get title() {
      return l10n.t('list ELS keys');
    },
    method: 'GET',
    path: '/els/key/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: { code: param.id('ELS product code') },
    decode: listOf(d.elsKey),
    cache: 'els',
  }),
  'els.srv.list': endpoint({
    get title() {
      return l10n.t('list ELS servers');
    },
    method: 'GET',
    path: '/els/srv/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: { code: param.id('ELS product code') },
    decode: listOf(d.elsServer),
    cache: 'els',
  }),
  'els.srv.remove': endpoint({
    get title() {
      return l10n.t('remove an ELS server');
    },
    method: 'GET',
    path: '/els/srv/remove.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { id: param.id('server id') },
    decode: one(d.elsServer),
    invalidates: ['els'],
  }),

  // ---- Backups (older revision only) ----------------------------------------------------
  'ab.list': endpoint({
    get title() {
      return l10n.t('list backups');
    },
    method: 'GET',
    path: '/ab/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: none,
    decode: listOf(d.backup),
    cache: 'ab',
  }),
  'ab.im.create': endpoint({
    get title() {
      return l10n.t('create a backup');
    },
    method: 'GET',
    path: '/ab/im/create.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { server_id: param.id('server id'), size: param.backupSize(), datacenter: param.id('datacenter') },
    decode: one(d.backup),
    invalidates: ['ab'],
  }),
  'ab.resize': endpoint({
    get title() {
      return l10n.t('resize a backup');
    },
    method: 'GET',
    path: '/ab/resize.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { backup_id: param.count(), delta: param.backupDelta() },
    decode: one(d.backup),
    invalidates: ['ab'],
  }),
  'ab.remove': endpoint({
    get title() {
      return l10n.t('remove a backup');
    },
    method: 'GET',
    path: '/ab/remove.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { backup_id: param.count() },
    decode: one(d.backup),
    invalidates: ['ab'],
  }),

  // ---- Server groups --------------------------------------------------------------------
  'group.create': endpoint({
    get title() {
      return l10n.t('create a server group');
    },
    method: 'POST',
    path: '/group/create.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { name: param.text('group name'), description: optional(param.freeText()) },
    decode: one(d.serverGroup),
    invalidates: ['group'],
  }),
  'group.list': endpoint({
    get title() {
      return l10n.t('list server groups');
    },
    method: 'GET',
    path: '/group/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: none,
    decode: listOf(d.serverGroup),
    cache: 'group',
  }),
  'group.servers.list': endpoint({
    get title() {
      return l10n.t('list the servers of a group');
    },
    method: 'GET',
    path: '/group/servers/list.json',
    format: 'json',
    auth: 'token',
    mutates: false,
    params: { name: param.text('group name') },
    decode: listOf(d.groupServer),
    cache: 'group',
  }),
  'group.servers.put': endpoint({
    get title() {
      return l10n.t('add servers to a group');
    },
    method: 'PUT',
    path: '/group/servers/put.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { name: param.text('group name'), server_ids: param.ids('server id') },
    decode: listOf(d.groupServer),
    invalidates: ['group'],
  }),
  'group.servers.remove': endpoint({
    get title() {
      return l10n.t('remove servers from a group');
    },
    method: 'DELETE',
    path: '/group/servers/remove.json',
    format: 'json',
    auth: 'token',
    mutates: true,
    params: { name: param.text('group name'), server_ids: param.ids('server id') },
    decode: listOf(d.groupServer),
    invalidates: ['group'],
  }),

  // ---- AccelerateWP billing -------------------------------------------------------------
  'awp.billing': endpoint({
    get title() {
      return l10n.t('read the AccelerateWP billing report');
    },
    method: 'GET',
    path: '/cl/awp',
    format: 'json-or-bare',
    auth: 'token',
    mutates: false,
    params: { products: param.awpProducts(), yearMonth: param.yearMonth() },
    decode: listOf(d.awpEntry),
    cache: 'awp',
  }),

  // ---- CLN API v2 (real-api-v2.md: REST-PDF p.3–8 and p.30–31, EMAIL-DOC) ----------------
  // Real verbs; key and server calls take query parameters, feature changes a JSON body.
  'cl.key.list': endpoint({
    get title() {
      return l10n.t('list CloudLinux OS keys');
    },
    method: 'GET',
    path: '/v2/cl/keys',
    format: 'v2',
    auth: 'token',
    mutates: false,
    params: { productType: param.clProduct() },
    decode: (data, { args }) => v2List(data, d.clKey(args.productType)),
    cache: 'cl',
  }),
  'cl.key.create': endpoint({
    get title() {
      return l10n.t('create a CloudLinux OS key');
    },
    method: 'POST',
    path: '/v2/cl/keys',
    format: 'v2',
    auth: 'token',
    mutates: true,
    params: { productType: param.clProduct(), limit: param.limit(), note: optional(param.freeText()) },
    decode: (data, { args }) => d.clKey(args.productType)(data, 'answer'),
    invalidates: ['cl'],
  }),
  'cl.key.update': endpoint({
    get title() {
      return l10n.t('update a CloudLinux OS key');
    },
    method: 'PATCH',
    path: '/v2/cl/keys',
    format: 'v2',
    auth: 'token',
    mutates: true,
    params: { key: param.id('CloudLinux OS key'), limit: param.limit(), note: optional(param.freeText()) },
    decode: (data) => d.clKey()(data, 'answer'),
    invalidates: ['cl'],
  }),
  'cl.key.remove': endpoint({
    get title() {
      return l10n.t('remove a CloudLinux OS key');
    },
    method: 'DELETE',
    path: '/v2/cl/keys',
    format: 'v2',
    auth: 'token',
    mutates: true,
    params: { key: param.id('CloudLinux OS key') },
    decode: (data, { args }) => d.clKeyRemoval(data, 'answer', args.key),
    invalidates: ['cl', 'feature'],
  }),
  'cl.srv.list': endpoint({
    get title() {
      return l10n.t('list CloudLinux OS servers');
    },
    method: 'GET',
    path: '/v2/cl/servers',
    format: 'v2',
    auth: 'token',
    mutates: false,
    params: { productType: param.clProduct() },
    decode: (data) => v2List(data, d.clServer),
    cache: 'cl',
  }),
  'cl.srv.remove': endpoint({
    get title() {
      return l10n.t('remove a CloudLinux OS server');
    },
    method: 'DELETE',
    path: '/v2/cl/servers',
    format: 'v2',
    auth: 'token',
    mutates: true,
    params: { id: param.serverNumber() },
    // The published answer is the removed server; an empty one (HTTP 204) is the server asked for, its other fields unknown.
    decode: (data, { args }): T.ClServer => (data === undefined || data === null ? { id: args.id, key: '', ip: null, hostname: null } : d.clServer(data, 'answer')),
    invalidates: ['cl', 'feature'],
  }),
  'cl.sub.servers': endpoint({
    get title() {
      return l10n.t("list the servers of the account's sub-accounts");
    },
    method: 'GET',
    path: '/v2/cl/sub-account/servers',
    format: 'v2',
    auth: 'token',
    mutates: false,
    params: none,
    decode: (data) => v2List(data, d.clSubAccountServer),
    cache: 'cl',
  }),
  'features.list': endpoint({
    get title() {
      return l10n.t('list the add-on features');
    },
    method: 'GET',
    path: '/v2/features',
    format: 'v2',
    auth: 'token',
    mutates: false,
    params: none,
    decode: (data) => v2List(data, d.featureInfo),
    cache: 'feature',
  }),
  'features.account': endpoint({
    get title() {
      return l10n.t("read the account's add-on settings");
    },
    method: 'GET',
    path: '/v2/features/account',
    format: 'v2',
    auth: 'token',
    mutates: false,
    params: none,
    decode: (data) => d.featureSettings(data ?? {}, 'answer'),
    cache: 'feature',
  }),
  'features.account.set': endpoint({
    get title() {
      return l10n.t("change the account's add-on settings");
    },
    method: 'PATCH',
    path: '/v2/features/account',
    format: 'v2',
    auth: 'token',
    mutates: true,
    params: { settings: asBody(param.featureSettings()) },
    decode: (data) => d.featureChange(data, 'answer'),
    invalidates: ['feature'],
  }),
  'imunify.server.features.set': endpoint({
    get title() {
      return l10n.t('change the add-on settings of an Imunify server');
    },
    method: 'PATCH',
    path: '/v2/imunify/server',
    format: 'v2',
    auth: 'token',
    mutates: true,
    // EMAIL-DOC's example: {"id": "SERVER_ID_HERE", "permissions": {"4600": "ENABLED"}}, the id as text.
    params: { id: inBody(param.id('server id')), permissions: inBody(param.featureSettings()) },
    decode: (data) => d.featureChange(data, 'answer'),
    invalidates: ['feature'],
  }),
  'imunify.key.features.set': endpoint({
    get title() {
      return l10n.t('change the add-on settings of an Imunify key');
    },
    method: 'PATCH',
    path: '/v2/imunify/keys',
    format: 'v2',
    auth: 'token',
    mutates: true,
    // INFERRED: EMAIL-DOC says "the same pattern" as the server call and does not name the key's field; `key` is
    // the name every other call (v1 and v2) gives an Imunify key. See docs/cln-api.md.
    params: { key: inBody(param.id('Imunify key')), permissions: inBody(param.featureSettings()) },
    decode: (data) => d.featureChange(data, 'answer'),
    invalidates: ['feature'],
  }),
  'ipl.types': endpoint({
    get title() {
      return l10n.t('read the IP license type names');
    },
    method: 'GET',
    path: '/v2/ip-license/licenses/types',
    format: 'v2',
    auth: 'token',
    mutates: false,
    params: none,
    decode: (data) => d.ipTypeNames(data ?? [], 'answer'),
    cache: 'iptypes',
  }),
};

export type EndpointTable = typeof ENDPOINTS;
export type EndpointId = keyof EndpointTable;
export type ArgsOf<K extends EndpointId> = Args<EndpointTable[K]['params']>;
export type ResultOf<K extends EndpointId> = ReturnType<EndpointTable[K]['decode']>;

export const ENDPOINT_IDS = Object.keys(ENDPOINTS) as EndpointId[];

export function endpointOf(id: EndpointId): Endpoint {
  return ENDPOINTS[id] as unknown as Endpoint;
}
