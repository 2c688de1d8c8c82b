/**
 * Turns CLN's loosely typed answers into the objects of types.ts. Numbers may
 * come as strings, descriptions as numbers, and fields may be null or absent.
 * Anything that cannot be read becomes a DecodeError naming the place.
 */
import { STATUS_FLAGS, StatusFlag } from './catalog';
import { parseClnDate } from './dates';
import { formatLimit, MAX_NAGIOS_LINE_CHARS, MAX_NAGIOS_NAME_CHARS, MAX_NAGIOS_SERVERS, MAX_NAGIOS_SUMMARY_CHARS } from './limits';
import type * as T from './types';

export class DecodeError extends Error {
  constructor(
    readonly where: string,
    problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'DecodeError';
  }
}

type Obj = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  return typeof value === 'object' ? 'an object' : String(value);
}

export function object(value: unknown, where: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError(where, `expected an object, got ${describe(value)}`);
  }
  return value as Obj;
}

export function list<U>(value: unknown, where: string, item: (value: unknown, where: string) => U): U[] {
  if (!Array.isArray(value)) throw new DecodeError(where, `expected a list, got ${describe(value)}`);
  // Each entry is read with the list's place, and the entry's index is put in the place only when it fails:
  // no text per entry (10,000 for the IP license list). The places item decoders name all start with theirs.
  const out: U[] = [];
  for (let i = 0; i < value.length; i++) {
    try {
      out.push(item(value[i], where));
    } catch (error) {
      throw error instanceof DecodeError && error.where.startsWith(where) ? new DecodeError(`${where}[${i}]${error.where.slice(where.length)}`, error.message.slice(error.where.length + 2)) : error;
    }
  }
  return out;
}

export function text(o: Obj, field: string, where: string): string {
  const value = o[field];
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new DecodeError(`${where}.${field}`, `expected text, got ${describe(value)}`);
}

export function optionalText(o: Obj, ...fields: string[]): string | null {
  for (const field of fields) {
    const value = o[field];
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return null;
}

export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    // A string of 309+ digits parses to Infinity: not a number we can use.
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function number(o: Obj, field: string, where: string): number {
  const n = toNumber(o[field]);
  if (n === undefined) throw new DecodeError(`${where}.${field}`, `expected a number, got ${describe(o[field])}`);
  return n;
}

/** An address field: CLN sends `"ip": ""` for a server it has no address for. */
export function optionalAddress(o: Obj, field: string): string | null {
  const value = optionalText(o, field);
  return value && value.trim() ? value.trim() : null;
}

export function optionalNumber(o: Obj, field: string): number | null {
  return toNumber(o[field]) ?? null;
}

export function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === '1' || value === 'true' || value === 'True') return true;
  if (value === 0 || value === '0' || value === 'false' || value === 'False') return false;
  return undefined;
}

export function boolean(o: Obj, field: string, where: string, fallback?: boolean): boolean {
  const b = toBoolean(o[field]);
  if (b !== undefined) return b;
  if (fallback !== undefined && (o[field] === undefined || o[field] === null)) return fallback;
  throw new DecodeError(`${where}.${field}`, `expected true or false, got ${describe(o[field])}`);
}

/** Dates decorate objects; an unreadable one becomes null rather than failing a whole list. */
export function date(o: Obj, field: string): Date | null {
  const value = o[field];
  return typeof value === 'string' ? (parseClnDate(value) ?? null) : null;
}

// ---- one decoder per answer shape -------------------------------------------------------

export const ipLicense = (value: unknown, where: string): T.IpLicense => {
  const o = object(value, where);
  return {
    ip: text(o, 'ip', where),
    type: number(o, 'type', where),
    registered: boolean(o, 'registered', where, false),
    created: date(o, 'created'),
  };
};

export const ipServerInfo = (value: unknown, where: string): T.IpServerInfo => {
  const o = object(value, where);
  // One literal (the fields of ipLicense, then two more), not a spread of ipLicense's object: 10,000 a list.
  return {
    ip: text(o, 'ip', where),
    type: number(o, 'type', where),
    registered: boolean(o, 'registered', where, false),
    created: date(o, 'created'),
    serverInfo: optionalText(o, 'server_info'),
    lastCheckin: date(o, 'last_checkin'),
  };
};

const intList = (value: unknown, where: string) =>
  list(value ?? [], where, (entry, at) => {
    const n = toNumber(entry);
    if (n === undefined) throw new DecodeError(at, `expected a license type number, got ${describe(entry)}`);
    return n;
  });

export const ipAvailability = (value: unknown, where: string): T.IpAvailability => {
  const o = object(value, where);
  return { available: intList(o.available, `${where}.available`), owned: intList(o.owned, `${where}.owned`) };
};

export const ipTypes = (value: unknown, where: string): number[] => intList(value, where);

export const kcareKey = (value: unknown, where: string): T.KcareKey => {
  const o = object(value, where);
  return {
    key: text(o, 'key', where),
    enabled: boolean(o, 'enabled', where, true),
    created: date(o, 'created'),
    limit: optionalNumber(o, 'limit') ?? 0,
    note: optionalText(o, 'note', 'description'),
  };
};

export const kcareServer =
  (key: string) =>
  (value: unknown, where: string): T.KcareServer => {
    const o = object(value, where);
    return {
      serverId: text(o, 'server_id', where),
      key: optionalText(o, 'key') ?? key,
      ip: optionalAddress(o, 'ip'),
      created: date(o, 'created'),
      lastCheckin: date(o, 'last_checkin'),
    };
  };

/** `kcare/patchset.json` rows (undocumented; cloudlinux/kcare-qualys): `{host, ip, kernel_id, patch_level}`. */
export const kcarePatchLevel = (value: unknown, where: string): T.KcarePatchLevel => {
  const o = object(value, where);
  const level = optionalNumber(o, 'patch_level');
  return { host: optionalAddress(o, 'host'), ip: optionalAddress(o, 'ip'), kernelId: optionalText(o, 'kernel_id') || null, patchLevel: level };
};

export const removedServer = (value: unknown, where: string): T.RemovedServer => {
  const o = object(value, where);
  return { id: text(o, o.id !== undefined ? 'id' : o.server_id !== undefined ? 'server_id' : 'key', where), key: optionalText(o, 'key') };
};

/** The reference's own example answers `{"server_id": "", "key": ""}`: the id asked for is the one removed. */
export const kcareRemoval = (value: unknown, serverId: string): T.RemovedServer => {
  const o = object(value, 'data');
  return { id: optionalText(o, 'server_id') || serverId, key: optionalText(o, 'key') || null };
};

const CIDR_MEANINGS = ['all ranges were set', 'an IP address in one of the ranges is not valid', 'a prefix in one of the ranges is not valid', 'CLN had an internal error'];

export const cidrResult = (value: unknown, where: string): T.CidrResult => {
  const o = object(value, where);
  const code = number(o, 'code', where);
  return { code, ok: code === 0, meaning: CIDR_MEANINGS[code] ?? `unknown result code ${code}` };
};

const NAGIOS_REGISTER_MEANINGS = ['the monitoring key was registered', 'the key has the wrong size or format', 'no KernelCare IP license is available for this IP'];

export function nagiosRegistration(code: number): T.NagiosRegistration {
  return { code, ok: code === 0, meaning: NAGIOS_REGISTER_MEANINGS[code] ?? `unknown result code ${code}` };
}

export const imunifyKey = (value: unknown, where: string): T.ImunifyKey => {
  const o = object(value, where);
  return {
    key: text(o, 'key', where),
    code: optionalText(o, 'code') ?? '',
    limit: optionalNumber(o, 'limit') ?? 0,
    servers: optionalNumber(o, 'servers'),
    note: optionalText(o, 'note', 'description'),
    type: optionalNumber(o, 'type'),
  };
};

export const imunifyServer = (value: unknown, where: string): T.ImunifyServer => {
  const o = object(value, where);
  return { id: text(o, 'id', where), key: optionalText(o, 'key') ?? '', ip: optionalAddress(o, 'ip'), lastCheckin: date(o, 'last_checkin') };
};

export const elsKey = (value: unknown, where: string): T.ElsKey => {
  const o = object(value, where);
  return {
    key: text(o, 'key', where),
    code: optionalText(o, 'productCode', 'code') ?? '',
    limit: optionalNumber(o, 'usageLimit') ?? optionalNumber(o, 'limit') ?? 0,
    note: optionalText(o, 'description', 'note'),
  };
};

export const elsServer = (value: unknown, where: string): T.ElsServer => {
  const o = object(value, where);
  return { id: text(o, 'id', where), key: optionalText(o, 'key') ?? '', ip: optionalText(o, 'ip'), hostname: optionalText(o, 'hostname', 'hostName') };
};

export const backup = (value: unknown, where: string): T.Backup => {
  const o = object(value, where);
  return {
    backupId: number(o, 'backupId', where),
    serverId: text(o, 'serverId', where),
    size: number(o, 'size', where),
    datacenter: optionalText(o, 'datacenter') ?? '',
  };
};

export const serverGroup = (value: unknown, where: string): T.ServerGroup => {
  const o = object(value, where);
  return { name: text(o, 'name', where), description: optionalText(o, 'description') };
};

export const groupServer = (value: unknown, where: string): T.GroupServer => {
  const o = object(value, where);
  return { id: text(o, 'id', where), hostname: optionalText(o, 'hostName', 'hostname'), ip: optionalText(o, 'ip'), type: optionalText(o, 'type') };
};

export const awpEntry = (value: unknown, where: string): T.AwpEntry => {
  const o = object(value, where);
  return {
    product: text(o, 'product', where),
    primaryDomain: text(o, 'primary_domain', where),
    username: optionalText(o, 'username'),
    cdnLimitType: optionalText(o, 'cdn_limit_type'),
  };
};

export const booleanResult = (value: unknown, where: string): boolean => {
  const b = toBoolean(value);
  if (b === undefined) throw new DecodeError(where, `expected true or false, got ${describe(value)}`);
  return b;
};

export const keyString = (value: unknown, where: string): string => {
  if (typeof value === 'string' && value.length > 0) return value;
  // Some deployments answer with the key object instead of the bare string.
  if (typeof value === 'object' && value !== null && typeof (value as Obj).key === 'string' && ((value as Obj).key as string).length > 0) return (value as Obj).key as string;
  throw new DecodeError(where, `expected the new key, got ${describe(value)}`);
};

/**
 * `status.json` data (or status.plain fields). Flags that are absent are "not
 * reported" (the live answer has no rhn_queue_full), never a problem. The live
 * answer also carries `rhn_queue_rejects` (a number) and `acronis`, the backup
 * datacenters `[{dc_name, status}]`; a datacenter that is down is degraded.
 */
export function serviceStatus(flagsIn: Record<string, unknown>, where: string): T.ServiceStatus {
  const flags: Partial<Record<StatusFlag, boolean>> = {};
  const problems: StatusFlag[] = [];
  const missing: StatusFlag[] = [];
  for (const { flag, badWhen } of STATUS_FLAGS) {
    const value = toBoolean(flagsIn[flag]);
    if (value === undefined) {
      if (flagsIn[flag] !== undefined && flagsIn[flag] !== null) throw new DecodeError(`${where}.${flag}`, `expected true or false, got ${describe(flagsIn[flag])}`);
      missing.push(flag);
      continue;
    }
    flags[flag] = value;
    if (value === badWhen) problems.push(flag);
  }
  if (missing.length === STATUS_FLAGS.length) throw new DecodeError(where, 'no service flags in the answer');
  const status: T.ServiceStatus = { flags, problems, missing };
  // Fields of the live answer the reference lacks; read when present, never required.
  const rejects = toNumber(flagsIn.rhn_queue_rejects);
  if (rejects !== undefined) status.queueRejects = rejects;
  if (Array.isArray(flagsIn.acronis)) {
    status.datacenters = flagsIn.acronis.map((entry, i) => {
      const dc = object(entry, `${where}.acronis[${i}]`);
      const up = toBoolean(dc.status);
      if (up === undefined) throw new DecodeError(`${where}.acronis[${i}].status`, `expected true or false, got ${describe(dc.status)}`);
      return { name: optionalText(dc, 'dc_name', 'name') || `Datacenter ${i + 1}`, up };
    });
  }
  return status;
}

// ---- the text formats ---------------------------------------------------------------------
//
// CLN's text answers are read without a regular expression that can backtrack
// over a line (they did: a long line took time growing with its square): line
// by line, word by word, each character looked at a bounded number of times.
// The bounds are in limits.ts.

export interface PlainAnswer {
  success: boolean;
  code: number | null;
  message: string | null;
  fields: Record<string, string>;
}

/** `*.plain`: `success:true [code:N]` then `key:value` lines; `// comments` are dropped. */
export function parsePlain(body: string, where: string): PlainAnswer {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.shift()?.trim() ?? '';
  const head = /^success:\s*(true|false)\b(.*)$/is.exec(first);
  if (!head) throw new DecodeError(where, `expected a first line "success:true" or "success:false", got ${describe(first)}`);
  const answer: PlainAnswer = { success: head[1].toLowerCase() === 'true', code: null, message: null, fields: {} };
  const rest = head[2];
  const code = /\bcode:\s*(-?\d+)/.exec(rest);
  if (code) answer.code = Number(code[1]);
  const inlineMessage = /\bmessage:\s*(.*)$/s.exec(rest);
  if (inlineMessage) answer.message = inlineMessage[1].trim();
  for (const raw of lines) {
    const comment = raw.indexOf('//');
    const line = (comment < 0 ? raw : raw.slice(0, comment)).trim();
    const m = /^([A-Za-z_][\w.-]*)\s*:\s*(.*?),?$/s.exec(line);
    if (!m) continue;
    if (m[1] === 'message') answer.message = m[2];
    else if (m[1] === 'code' && /^-?\d+$/.test(m[2])) answer.code = Number(m[2]);
    else answer.fields[m[1]] = m[2];
  }
  return answer;
}

const NAGIOS_HEAD = /^KernelCare\s+(OK|WARNING|CRITICAL|UNKNOWN)\b\s*-?\s*(.*)$/is;
const NAGIOS_GROUPS: Record<string, keyof Pick<T.NagiosStatus, 'outOfDate' | 'unsupported' | 'inactive'>> = {
  'out of date': 'outOfDate',
  outdated: 'outOfDate',
  outofdate: 'outOfDate',
  unsupported: 'unsupported',
  inactive: 'inactive',
};
const COUNT_NAMES: Record<string, keyof T.NagiosCounts> = { uptodate: 'upToDate', outofdate: 'outOfDate', unsupported: 'unsupported', inactive: 'inactive' };
const SPACE = /\s/;
const isSpace = (c: string | undefined) => c !== undefined && SPACE.test(c);
const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

function splitPerfdata(first: string): { text: string; counts: T.NagiosCounts | null } {
  const bar = first.indexOf('|');
  const data = bar >= 0 ? first.slice(bar + 1) : first;
  const counts = readCounts(data);
  if (!counts) return { text: first, counts: null };
  return { text: bar >= 0 ? first.slice(0, bar).trim() : '', counts };
}

/**
 * `uptodate=6;outofdate=3;unsupported=2;inactive=1` (semicolons or blanks between
 * the values, blanks around "=" allowed): the counts, or null when the text is
 * not performance data or names none of the four counts.
 */
function readCounts(data: string): T.NagiosCounts | null {
  const counts: Partial<T.NagiosCounts> = {};
  let at = 0;
  const skipSpace = () => {
    while (isSpace(data[at])) at++;
  };
  skipSpace();
  for (;;) {
    const nameStart = at;
    while (isLetter(data[at]) || data[at] === '_') at++;
    if (at === nameStart) return null;
    const name = data.slice(nameStart, at);
    skipSpace();
    if (data[at] !== '=') return null;
    at++;
    skipSpace();
    const valueStart = at;
    if (data[at] === '-') at++;
    const digitsStart = at;
    while (isDigit(data[at])) at++;
    if (at === digitsStart) return null;
    const field = COUNT_NAMES[name.toLowerCase()];
    if (field) counts[field] = Number(data.slice(valueStart, at));
    const separatorStart = at;
    while (data[at] === ';' || isSpace(data[at])) at++;
    if (at >= data.length) break;
    if (at === separatorStart) return null;
  }
  if (Object.keys(counts).length === 0) return null;
  return { upToDate: counts.upToDate ?? 0, outOfDate: counts.outOfDate ?? 0, unsupported: counts.unsupported ?? 0, inactive: counts.inactive ?? 0 };
}

function lines(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** `host.example.com (203.0.113.7)`: the name, and the address in its last parentheses when there is a name before them. */
function hostAndAddress(text: string): { host: string; ip: string | null } {
  const open = text.lastIndexOf('(');
  if (text.endsWith(')') && open >= 0) {
    const inside = text.slice(open + 1, -1);
    const host = text.slice(0, open).trimEnd();
    if (host && !inside.includes(')')) return { host, ip: inside.trim() || null };
  }
  return { host: text, ip: null };
}

/**
 * `host.example.com (203.0.113.7) is OUTOFDATE`, the address optional: the
 * first word "is" after which only a state (letters, blanks, "_" and "-",
 * then any "." or "!") ends the line.
 */
function serverLine(line: string): { host: string; ip: string | null; stateText: string } | null {
  let end = line.length;
  while (end > 0 && (line[end - 1] === '.' || line[end - 1] === '!')) end--;
  let stateFrom = end;
  while (stateFrom > 0 && (isLetter(line[stateFrom - 1]) || line[stateFrom - 1] === ' ' || line[stateFrom - 1] === '_' || line[stateFrom - 1] === '-')) stateFrom--;
  const words = /\S+/g;
  for (let word = words.exec(line); word !== null && word.index < end; word = words.exec(line)) {
    if (word[0] !== 'is' || word.index === 0) continue;
    let state = word.index + 2;
    while (state < end && isSpace(line[state])) state++;
    if (state === word.index + 2 || state >= end || state < stateFrom || !isLetter(line[state])) continue;
    return { ...hostAndAddress(line.slice(0, word.index).trimEnd()), stateText: line.slice(state, end) };
  }
  return null;
}

/** Whether a Nagios endpoint's body is a check result (either form), as opposed to CLN's plain-text error. */
export function isNagiosReport(body: string): boolean {
  const first = lines(body)[0] ?? '';
  return NAGIOS_HEAD.test(first) || splitPerfdata(first).counts !== null;
}

/**
 * CLN's plain-text answer on a Nagios endpoint that is not a check result,
 * e.g. `Servers not found for key K`, `Reseller not found`: the text to show,
 * or null when the body is empty, HTML or JSON (not a message from CLN).
 */
export function nagiosMessage(body: string): string | null {
  const text = body.trim();
  if (!text || /^[[{<]/.test(text) || /<\/(html|body|title)>/i.test(text)) return null;
  const flat = lines(text).join(' ');
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/**
 * A KernelCare Nagios check, in either form:
 * - live: `3 machines are OUTOFDATE!|uptodate=6;outofdate=3;unsupported=2;inactive=1`
 *   then `host (ip) is OUTOFDATE` lines, or the performance data alone;
 * - reference: `KernelCare OK - all servers are up to date!`, or a non-OK state
 *   with the servers named on `out of date: a, b` style lines.
 * A line longer than MAX_NAGIOS_LINE_CHARS, more than MAX_NAGIOS_SERVERS servers
 * or a name longer than MAX_NAGIOS_NAME_CHARS is a DecodeError naming the limit;
 * the summary is shortened to MAX_NAGIOS_SUMMARY_CHARS.
 */
export function parseNagios(body: string, where: string): T.NagiosStatus {
  const all = lines(body);
  const long = all.findIndex((line) => line.length > MAX_NAGIOS_LINE_CHARS);
  if (long >= 0)
    throw new DecodeError(where, `line ${long + 1} is longer than ${formatLimit(MAX_NAGIOS_LINE_CHARS)} characters; CLN Explorer reads lines of at most ${formatLimit(MAX_NAGIOS_LINE_CHARS)}`);
  const first = all[0] ?? '';
  const { text, counts } = splitPerfdata(first);
  const head = NAGIOS_HEAD.exec(text);
  if (!head && !counts) {
    throw new DecodeError(where, `expected a "KernelCare OK|WARNING|CRITICAL|UNKNOWN - …" line or performance data "uptodate=N;outofdate=N;…", got ${describe(first)}`);
  }
  const summary = head ? head[2].trim() : text;
  const status: T.NagiosStatus = {
    state: head ? (head[1].toUpperCase() as T.NagiosState) : stateOf(counts!),
    summary: summary.length > MAX_NAGIOS_SUMMARY_CHARS ? `${summary.slice(0, MAX_NAGIOS_SUMMARY_CHARS)}…` : summary,
    counts,
    outOfDate: [],
    unsupported: [],
    inactive: [],
    servers: [],
  };
  const add = (server: T.NagiosServer, label: string) => {
    for (const name of [server.host, server.ip ?? '', server.stateText]) {
      if (name.length > MAX_NAGIOS_NAME_CHARS)
        throw new DecodeError(
          where,
          `a server is named with more than ${formatLimit(MAX_NAGIOS_NAME_CHARS)} characters (${describe(name)}); CLN Explorer reads names of at most ${formatLimit(MAX_NAGIOS_NAME_CHARS)}`,
        );
    }
    if (status.servers.length >= MAX_NAGIOS_SERVERS)
      throw new DecodeError(where, `the check names more than ${formatLimit(MAX_NAGIOS_SERVERS)} servers; CLN Explorer reads at most ${formatLimit(MAX_NAGIOS_SERVERS)}`);
    status.servers.push(server);
    if (server.state !== 'other') status[server.state].push(label);
  };
  for (const line of all.slice(1)) {
    const server = serverLine(line);
    if (server) {
      const stateText = server.stateText.trim().toUpperCase();
      const group = NAGIOS_GROUPS[stateText.toLowerCase().replace(/[\s_-]+/g, '')] ?? NAGIOS_GROUPS[stateText.toLowerCase()];
      add({ host: server.host, ip: server.ip, state: group ?? 'other', stateText }, server.ip ? `${server.host} (${server.ip})` : server.host);
      continue;
    }
    const colon = line.indexOf(':');
    const group = colon > 0 && /^[a-z ]+$/i.test(line.slice(0, colon)) ? NAGIOS_GROUPS[line.slice(0, colon).trim().toLowerCase()] : undefined;
    if (!group) continue;
    const stateText = line.slice(0, colon).trim().toUpperCase();
    for (const name of line
      .slice(colon + 1)
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)) {
      const { host, ip } = hostAndAddress(name);
      add({ host, ip, state: group, stateText }, name);
    }
  }
  return status;
}

/** The live form has no state word: out of date is CRITICAL, unsupported or inactive WARNING, else OK. */
function stateOf(counts: T.NagiosCounts): T.NagiosState {
  if (counts.outOfDate > 0) return 'CRITICAL';
  if (counts.unsupported > 0 || counts.inactive > 0) return 'WARNING';
  return 'OK';
}

// ---- CLN API v2 -------------------------------------------------------------------------

/** `cl`, `Cl`, `CL` → `CL`: products in any case. */
export function productCode(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_+-]{1,40}$/.test(value.trim())) throw new DecodeError(where, `expected a product code, got ${describe(value)}`);
  return value.trim().toUpperCase();
}

/** A v2 server id: a number (or its digits as text). */
function serverNumber(o: Obj, field: string, where: string): number {
  const n = toNumber(o[field]);
  if (n === undefined || !Number.isInteger(n) || n < 0) throw new DecodeError(`${where}.${field}`, `expected a server id (a whole number), got ${describe(o[field])}`);
  return n;
}

export const clKey =
  (product?: string) =>
  (value: unknown, where: string): T.ClKey => {
    const o = object(value, where);
    const sent = o.product_type ?? o.productType;
    return {
      key: text(o, 'key', where),
      product: sent === undefined || sent === null ? (product ?? '').toUpperCase() : productCode(sent, `${where}.product_type`),
      limit: optionalNumber(o, 'usage_limit') ?? optionalNumber(o, 'limit') ?? 0,
      note: optionalText(o, 'description', 'note'),
    };
  };

export const clServer = (value: unknown, where: string): T.ClServer => {
  const o = object(value, where);
  return { id: serverNumber(o, 'id', where), key: optionalText(o, 'key') ?? '', ip: optionalAddress(o, 'ip'), hostname: optionalText(o, 'hostname', 'hostName') };
};

export const clSubAccountServer = (value: unknown, where: string): T.ClSubAccountServer => {
  const o = object(value, where);
  return {
    login: text(o, 'sub_account_login', where),
    email: optionalText(o, 'sub_account_email'),
    id: serverNumber(o, 'server_id', where),
    key: optionalText(o, 'server_key') ?? '',
    version: optionalText(o, 'version'),
    ip: optionalAddress(o, 'ip'),
  };
};

export const clKeyRemoval = (value: unknown, where: string, key: string): T.ClKeyRemoval => {
  // The published answer is `{"key": "abc123"}`; an empty answer (HTTP 204) is taken as the key asked for.
  if (value === undefined || value === null || value === '') return { key };
  const o = object(value, where);
  return { key: optionalText(o, 'key') ?? key };
};

/** A feature state in any case; anything else is not a state CLN Explorer can show truthfully. */
export function featureState(value: unknown, where: string): T.FeatureState {
  const state = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (state === 'ENABLED' || state === 'DISABLED' || state === 'UNSET') return state;
  throw new DecodeError(where, `expected ENABLED, DISABLED or UNSET, got ${describe(value)}`);
}

function featureId(value: unknown, where: string): number {
  const n = toNumber(value);
  if (n === undefined || !Number.isInteger(n) || n < 0) throw new DecodeError(where, `expected a feature id (a whole number), got ${describe(value)}`);
  return n;
}

export const featureInfo = (value: unknown, where: string): T.FeatureInfo => {
  const o = object(value, where);
  const ids = o.applicable_product_ids;
  return {
    id: featureId(o.feature_id ?? o.id, `${where}.feature_id`),
    applicableProductIds: ids === undefined || ids === null ? [] : list(ids, `${where}.applicable_product_ids`, (entry, at) => featureId(entry, at)),
    name: optionalText(o, 'name', 'feature_name', 'title'),
  };
};

/** `{"1101": "DISABLED", "4600": "ENABLED"}`, sorted by feature id; unknown ids kept. */
export const featureSettings = (value: unknown, where: string): T.FeatureSetting[] => {
  const o = object(value, where);
  return Object.keys(o)
    .map((id) => ({ feature: featureId(id, `${where} key "${id}"`), state: featureState(o[id], `${where}.${id}`) }))
    .sort((a, b) => a.feature - b.feature);
};

/**
 * What a PATCH of feature settings answered. Not published: the settings dictionary is
 * read when it looks like one (the whole answer, or its `permissions`); anything else
 * (nothing, `true`, another object) is a success without settings to show.
 */
export const featureChange = (value: unknown, where: string): T.FeatureChange => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { settings: null };
  const o = value as Obj;
  const candidate = typeof o.permissions === 'object' && o.permissions !== null && !Array.isArray(o.permissions) ? (o.permissions as Obj) : o;
  const keys = Object.keys(candidate);
  if (keys.length === 0 || !keys.every((k) => /^\d+$/.test(k))) return { settings: null };
  return { settings: featureSettings(candidate, where) };
};

/**
 * `/v2/ip-license/licenses/types`: "product names to product type id mapping" (EMAIL-DOC);
 * the shape is not published. Read: a dictionary of name → id (or id → name), or a list of
 * objects with a name field and a type field. Entries without both are skipped.
 */
export const ipTypeNames = (value: unknown, where: string): T.IpTypeName[] => {
  const out = new Map<number, string>();
  const add = (type: unknown, name: unknown) => {
    const n = toNumber(type);
    if (n === undefined || !Number.isInteger(n) || n < 1 || typeof name !== 'string' || !name.trim()) return;
    if (!out.has(n)) out.set(n, name.trim().slice(0, 200));
  };
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (typeof entry !== 'object' || entry === null) continue;
      const e = entry as Obj;
      const type = e.type ?? e.type_id ?? e.typeId ?? e.product_type_id ?? e.productTypeId ?? e.id;
      const name = e.name ?? e.product_name ?? e.productName ?? e.product ?? e.title;
      add(type, name);
    }
  } else {
    const o = object(value, where);
    for (const [k, v] of Object.entries(o)) {
      if (/^\d+$/.test(k)) add(k, v);
      else add(v, k);
    }
  }
  return [...out].map(([type, name]) => ({ type, name })).sort((a, b) => a.type - b.type);
};
