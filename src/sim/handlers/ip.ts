/**
 * IP licenses. Types come in families (CloudLinux OS, Admin, KernelCare,
 * Imunify): one license per family per IP, whoever owns it. Some IPs belong
 * to other customers (state.foreignLicenses), so check/availability show them.
 */
import { IMUNIFY_IP_TYPES, IP_LICENSE_TYPES, ipTypeName } from '../../cln/catalog';
import { whereIn } from '../lookup';
import type { SimIpLicense, SimState } from '../state';
import { familyOf } from '../seed';
import { changed, clnDate, fail, Handlers, ok, okJson, removeWhere } from './context';

type IpId = 'ipl.availability' | 'ipl.check' | 'ipl.register' | 'ipl.convert' | 'ipl.remove' | 'ipl.list' | 'ipl.server' | 'ipl.update';

/** What this CLN sells: the catalog and type 2 (in a recorded availability answer, name unknown). Others it refuses. */
const SOLD_TYPES = [...IP_LICENSE_TYPES.map((t) => t.code), 2];

const own = (state: SimState, ip: string) => state.ipLicenses.filter((l) => l.ip === ip);
const foreign = (state: SimState, ip: string) => state.foreignLicenses.filter((l) => l.ip === ip).map((l) => l.type);

export const licenseJson = (l: SimIpLicense) => ({ ip: l.ip, type: l.type, registered: l.registered, created: clnDate(l.created) });

export const ip: Handlers<IpId> = {
  'ipl.availability': ({ state, args }) => {
    const owned = own(state, args.ip).map((l) => l.type);
    const taken = [...owned, ...foreign(state, args.ip)];
    const available = SOLD_TYPES.filter((type) => !familyOf(type).some((t) => taken.includes(t)));
    return ok({ available, owned });
  },

  'ipl.check': ({ state, args }) => ok([...new Set([...own(state, args.ip).map((l) => l.type), ...foreign(state, args.ip)])].sort((a, b) => a - b)),

  'ipl.register': ({ state, args, now }) => {
    const mine = own(state, args.ip);
    const existing = mine.find((l) => l.type === args.type);
    if (existing) return ok(licenseJson(existing));
    if (!SOLD_TYPES.includes(args.type)) return fail(`Invalid license type: ${args.type}`);
    // Another customer's license blocks its whole family. This account may register a second type of a
    // family it holds (KernelCare next to KernelCare Plus while it changes product); it pays for both.
    const family = familyOf(args.type);
    if (foreign(state, args.ip).some((t) => family.includes(t))) {
      return fail(`IP ${args.ip} already has a ${ipTypeName(args.type)} license of another customer`);
    }
    const license: SimIpLicense = {
      ip: args.ip,
      type: args.type,
      registered: false,
      created: { ms: Math.floor(now() / 60_000) * 60_000, offset: -240 },
      elsAllowed: args.els_allowed === true,
      serverInfo: null,
      lastCheckin: null,
    };
    state.ipLicenses.push(license);
    return changed(licenseJson(license));
  },

  'ipl.convert': ({ state, args }) => {
    if (!IMUNIFY_IP_TYPES.includes(args.type) || !IMUNIFY_IP_TYPES.includes(args.type_to)) {
      return fail(`Only Imunify IP licenses can be converted (types ${IMUNIFY_IP_TYPES.join(', ')})`);
    }
    const license = own(state, args.ip).find((l) => l.type === args.type);
    if (!license || args.type === args.type_to) return ok(false);
    license.type = args.type_to;
    return changed(true);
  },

  'ipl.remove': ({ state, args }) => {
    const removed = removeWhere(state.ipLicenses, (l) => l.ip === args.ip && (args.type === undefined || l.type === args.type));
    return removed.length > 0 ? changed(true) : ok(false);
  },

  'ipl.list': ({ state }) => okJson(listJson(state.ipLicenses)),

  'ipl.server': ({ state, args }) => {
    return ok(whereIn(state.ipLicenses, 'ip', args.ip as string[]).map((l) => ({ server_info: l.serverInfo, ...licenseJson(l), last_checkin: clnDate(l.lastCheckin) })));
  },

  'ipl.update': ({ state, args }) => {
    const matches = own(state, args.ip).filter((l) => args.type === undefined || l.type === args.type);
    if (matches.length === 0) return ok(false);
    const change = matches.some((l) => l.elsAllowed !== args.els_allowed);
    for (const l of matches) l.elsAllowed = args.els_allowed;
    return ok(true, { changed: change });
  },
};

/**
 * ipl/list's data as JSON, written once and reused while the list is unchanged: 10,000 licenses are 850 KB
 * of JSON, written again for every read of the list (the tree's counts, each expansion, the sweep) on the
 * cores the client uses. Unchanged is checked on every read, license by license, against what the text
 * was written from (the same objects, with the same IP, type, registration and creation date): a fraction
 * of a millisecond, where writing the text takes tens.
 */
const listed = new WeakMap<SimIpLicense[], { items: SimIpLicense[]; fields: unknown[]; json: string }>();
const FIELDS = 5;

function fieldsOf(l: SimIpLicense, into: unknown[]): void {
  into.push(l.ip, l.type, l.registered, l.created ? l.created.ms : null, l.created ? l.created.offset : null);
}

function listJson(licenses: SimIpLicense[]): string {
  const known = listed.get(licenses);
  if (known && known.items.length === licenses.length) {
    const { items, fields } = known;
    let same = true;
    for (let i = 0; same && i < licenses.length; i++) {
      const l = licenses[i];
      const at = i * FIELDS;
      same =
        l === items[i] &&
        l.ip === fields[at] &&
        l.type === fields[at + 1] &&
        l.registered === fields[at + 2] &&
        (l.created ? l.created.ms : null) === fields[at + 3] &&
        (l.created ? l.created.offset : null) === fields[at + 4];
    }
    if (same) return known.json;
  }
  const fields: unknown[] = [];
  for (const l of licenses) fieldsOf(l, fields);
  const json = JSON.stringify(licenses.map(licenseJson));
  listed.set(licenses, { items: licenses.slice(), fields, json });
  return json;
}
