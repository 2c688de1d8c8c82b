/**
 * The account as a desired-state file. One object per line inside each list,
 * so a 10,000-license account stays readable and diffs line by line in git.
 */
import { FORMAT_VERSION, keyRef } from './format';
import type { Snapshot } from './snapshot';

export interface ExportOptions {
  /** Name keys by reference (`"ref": "sha256:…"`) instead of writing the key strings. */
  keyReferences: boolean;
  /** Written as `$schema`, so editors without the extension validate it too. */
  schema?: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function exportAccount(snapshot: Snapshot, options: ExportOptions): string {
  const id = (key: string) => (options.keyReferences ? { ref: keyRef(key) } : { key });
  const note = (value: string | null) => (value === null || value === '' ? {} : { note: value });
  const licenses = [...snapshot.ipLicenses].sort((a, b) => byText(a.ip, b.ip) || a.type - b.type).map((l) => ({ ip: l.ip, type: l.type }));
  const kcare = [...snapshot.kcareKeys].sort((a, b) => byText(a.key, b.key)).map((k) => ({ ...id(k.key), limit: k.limit, ...note(k.note) }));
  const imunify = [...snapshot.imunifyKeys].sort((a, b) => byText(a.code, b.code) || byText(a.key, b.key)).map((k) => ({ ...id(k.key), code: k.code, limit: k.limit, ...note(k.note) }));
  const els = [...snapshot.elsKeys].sort((a, b) => byText(a.code, b.code) || byText(a.key, b.key)).map((k) => ({ ...id(k.key), code: k.code, limit: k.limit, ...note(k.note) }));
  const groups = [...snapshot.groups]
    .sort((a, b) => byText(a.name, b.name))
    .map((g) => ({
      name: g.name,
      ...(g.description ? { description: g.description } : {}),
      members: g.members.map((m) => ({ id: m.id, ...(m.hostname ? { hostname: m.hostname } : {}), ...(m.ip ? { ip: m.ip } : {}) })),
    }));

  const cloudlinux = snapshot.v2
    ? [...snapshot.v2.clKeys].sort((a, b) => byText(a.product, b.product) || byText(a.key, b.key)).map((k) => ({ ...id(k.key), product: k.product, limit: k.limit, ...note(k.note) }))
    : undefined;
  const addons = snapshot.v2 ? Object.fromEntries([...snapshot.v2.addons].sort(([a], [b]) => a - b).map(([feature, state]) => [String(feature), state])) : undefined;

  const lines: string[] = ['{'];
  const head: [string, unknown][] = [
    ...(options.schema ? [['$schema', options.schema] as [string, unknown]] : []),
    ['version', FORMAT_VERSION],
    ...(options.keyReferences ? [['keyReferences', true] as [string, unknown]] : []),
  ];
  for (const [name, value] of head) lines.push(`  ${JSON.stringify(name)}: ${JSON.stringify(value)},`);
  const sections: [string, string, unknown[]][] = [
    ['ipLicenses', 'licenses', licenses],
    ['kernelcare', 'keys', kcare],
    ['imunify', 'keys', imunify],
    ['els', 'keys', els],
    ['serverGroups', 'groups', groups],
    // API v2: only where it answers this account (the export's notice says when it did not).
    ...(cloudlinux ? [['cloudlinux', 'keys', cloudlinux] as [string, string, unknown[]]] : []),
  ];
  sections.forEach(([name, list, items], i) => {
    lines.push(`  ${JSON.stringify(name)}: {`, '    "prune": false,', `    ${JSON.stringify(list)}: [`);
    items.forEach((item, j) => lines.push(`      ${oneLine(item)}${j < items.length - 1 ? ',' : ''}`));
    lines.push('    ]', `  }${i < sections.length - 1 || addons ? ',' : ''}`);
  });
  if (addons) lines.push('  "addons": {', `    "account": ${oneLine(addons)}`, '  }');
  lines.push('}', '');
  return lines.join('\n');
}

/** `{ "ip": "192.0.2.1", "type": 1 }`: JSON with a space inside braces and after separators. */
function oneLine(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map(oneLine).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`);
    return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
  }
  return JSON.stringify(value);
}
