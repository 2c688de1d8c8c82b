/** Seeded generators for the strings an account is made of: IPs, host names, keys, domains. */
import type { Rng } from './prng';
import type { SimDate } from './state';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';

/** Public-looking first octets; 192.0.2.0/24 and 203.0.113.0/24 stay free for tests and other customers. */
const FIRST_OCTETS = [5, 31, 37, 46, 62, 77, 78, 80, 85, 88, 91, 93, 94, 95, 109, 135, 141, 144, 148, 159, 167, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217];

/** Hands out IP addresses never handed out before by this generator. */
export function ipGenerator(rng: Rng, ipv6Share = 0.03): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const ip = rng.chance(ipv6Share)
        ? `2a01:4f8:${rng.chars(4, HEX).replace(/^0+(?=.)/, '')}:${rng.chars(3, HEX).replace(/^0+(?=.)/, '')}::${rng.int(2, 0xfffe).toString(16)}`
        : `${rng.pick(FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
      if (!used.has(ip)) {
        used.add(ip);
        return ip;
      }
    }
  };
}

const HOST_WORDS = ['web', 'db', 'mail', 'app', 'cpanel', 'plesk', 'node', 'vps', 'edge', 'shared', 'backup', 'dns'];
const DOMAIN_WORDS = [
  'acme',
  'globex',
  'initech',
  'umbrella',
  'hooli',
  'stark',
  'wayne',
  'tyrell',
  'cyberdyne',
  'soylent',
  'wonka',
  'vandelay',
  'massive',
  'dynamic',
  'pied',
  'piper',
  'blue',
  'green',
  'north',
  'south',
  'bright',
  'rapid',
  'cloud',
  'pixel',
  'bakery',
  'garden',
  'studio',
  'travel',
  'shop',
  'news',
];
const TLDS = ['com', 'net', 'org', 'io', 'de', 'co.uk', 'nl', 'fr', 'eu', 'us'];

export function hostname(rng: Rng): string {
  return `${rng.pick(HOST_WORDS)}${rng.int(1, 99)}.${rng.pick(DOMAIN_WORDS)}-hosting.${rng.pick(TLDS)}`;
}

export function domain(rng: Rng, serial: number): string {
  return `${rng.pick(DOMAIN_WORDS)}${rng.pick(DOMAIN_WORDS)}${serial}.${rng.pick(TLDS)}`;
}

export function username(rng: Rng): string {
  return `${rng.pick(DOMAIN_WORDS)}${rng.int(1, 999)}`;
}

export const kcareKeyString = (rng: Rng) => rng.chars(16);
export const kcareServerId = (rng: Rng) => rng.chars(16);
export const imunifyKeyString = (rng: Rng) => `IM${rng.chars(18, UPPER_ALNUM)}`;
export const imunifyServerId = (rng: Rng) => `S${rng.chars(15)}`;
export const elsKeyString = (rng: Rng, code: string) => `${code.replace(/[^A-Za-z0-9_]/g, '')}-${rng.chars(24)}`;

const SERVER_INFOS = [
  'cloudlinux-release-8.9 (4.18.0-513.24.1.lve.el8.x86_64)',
  'cloudlinux-release-9.4 (5.14.0-427.13.1.el9_4.x86_64)',
  'cloudlinux-release-7.9 (3.10.0-962.3.2.lve1.5.85.el7.x86_64)',
  'cloudlinux-release-6.10 (2.6.32-954.3.5.lve1.4.93.el6.x86_64)',
  'ubuntu 22.04 (5.15.0-105-generic)',
  'almalinux-release-8.10 (4.18.0-553.el8_10.x86_64)',
];

export const serverInfo = (rng: Rng) => rng.pick(SERVER_INFOS);

/** UTC offsets (minutes) CLN dates are written with: a mix, as real answers have. */
const OFFSETS = [-240, -300, -420, 0, 0, 60, 120, 180, 330, 540];

export function minuteOf(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

/** A date between `minDays` and `maxDays` before `nowMs`. */
export function daysAgo(rng: Rng, nowMs: number, minDays: number, maxDays: number): SimDate {
  const ago = (minDays + rng.next() * (maxDays - minDays)) * 86_400_000;
  return { ms: minuteOf(nowMs - ago), offset: rng.pick(OFFSETS) };
}

export function at(rng: Rng, ms: number): SimDate {
  return { ms: minuteOf(ms), offset: rng.pick(OFFSETS) };
}

/** A CloudLinux OS activation key, as the dashboard shows them: digits, a dash, 32 hex digits. */
export const clKeyString = (rng: Rng) => `${rng.int(1, 99999)}-${rng.chars(32, HEX)}`;
