/**
 * The desired-state file (`*.cln.json`): what an account should hold, as data.
 * The JSON Schema in schemas/cln-account.schema.json describes the same shape
 * for the editor; `parse.ts` reads it with positions for the planner. No `vscode` here.
 */
import { createHash } from 'crypto';

export const FORMAT_VERSION = 1;

export type EntryState = 'present' | 'absent';

export interface IpEntry {
  ip: string;
  type: number;
  /** CL6 (ELS) registration allowed; applied when the license is registered (CLN does not report it afterwards). */
  els?: boolean;
  state?: EntryState;
}

/** A key is named by its key string or by a reference (`ref`) that does not reveal it. */
export interface KeyIdentity {
  key?: string;
  ref?: string;
}

export interface KcareEntry extends KeyIdentity {
  limit?: number;
  note?: string | null;
  cidr?: string[];
  state?: EntryState;
}

export interface ProductKeyEntry extends KeyIdentity {
  code: string;
  limit?: number;
  note?: string | null;
  state?: EntryState;
}

/** A CloudLinux OS key (API v2): `product` is CL, CLP, CLS or CLADMIN, in any case (upper case in CLN). */
export interface ClKeyEntry extends KeyIdentity {
  product: string;
  limit?: number;
  note?: string | null;
  state?: EntryState;
}

/** An add-on's state at the account level (API v2); key and server levels are not in the file (v2 cannot read them back). */
export type AddonState = 'ENABLED' | 'DISABLED' | 'UNSET';

export interface GroupMember {
  id: string;
  hostname?: string | null;
  ip?: string | null;
}

export interface GroupEntry {
  name: string;
  description?: string | null;
  members?: (string | GroupMember)[];
}

export interface DesiredFile {
  $schema?: string;
  version?: number;
  /** Written by Export: keys are named by reference, not by key string. */
  keyReferences?: boolean;
  ipLicenses?: { prune?: boolean; licenses?: IpEntry[] };
  kernelcare?: { prune?: boolean; keys?: KcareEntry[] };
  imunify?: { prune?: boolean; keys?: ProductKeyEntry[] };
  els?: { prune?: boolean; keys?: ProductKeyEntry[] };
  serverGroups?: { prune?: boolean; groups?: GroupEntry[] };
  cloudlinux?: { prune?: boolean; keys?: ClKeyEntry[] };
  /** Add-on settings by feature id ("4600": Imunify Email), the account level only. */
  addons?: { account?: Record<string, AddonState> };
}

/**
 * A reference to a key that does not reveal it: `sha256:` and the first 16 hex
 * digits of the SHA-256 of the key string. Plan hashes each key CLN lists to match it;
 * a file may write a ref in any case (parse.ts reads it trimmed, in lower case).
 */
export function keyRef(key: string): string {
  return `sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}
