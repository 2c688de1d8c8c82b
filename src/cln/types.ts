/** Normalized objects the client returns: numbers are numbers, dates are Dates, absent is null. */
import type { AwpProduct, StatusFlag } from './catalog';

export interface IpLicense {
  ip: string;
  type: number;
  registered: boolean;
  created: Date | null;
}

export interface IpServerInfo extends IpLicense {
  serverInfo: string | null;
  lastCheckin: Date | null;
}

export interface IpAvailability {
  available: number[];
  owned: number[];
}

export interface KcareKey {
  key: string;
  enabled: boolean;
  created: Date | null;
  limit: number;
  note: string | null;
}

export interface KcareServer {
  serverId: string;
  /** The key the servers were listed under (the answer itself does not repeat it). */
  key: string;
  ip: string | null;
  created: Date | null;
  lastCheckin: Date | null;
}

export interface RemovedServer {
  id: string;
  key: string | null;
}

/** KernelCare `srv/remove` answers success with no data and "Server not found" when nothing was removed. */
export interface KcareServerRemoval {
  removed: RemovedServer | null;
  notice: string | null;
}

export type CidrCode = 0 | 1 | 2 | 3;

export interface CidrResult {
  code: number;
  ok: boolean;
  /** What the code means, for the user. */
  meaning: string;
}

export interface NagiosRegistration {
  code: number;
  ok: boolean;
  meaning: string;
}

export type NagiosState = 'OK' | 'WARNING' | 'CRITICAL' | 'UNKNOWN';

/** The performance data of a check: `uptodate=6;outofdate=3;unsupported=2;inactive=1`. */
export interface NagiosCounts {
  upToDate: number;
  outOfDate: number;
  unsupported: number;
  inactive: number;
}

/** A server a check names: `host.example.com (203.0.113.7) is OUTOFDATE`. */
export interface NagiosServer {
  /** As CLN wrote it: a hostname, a server id or an address. */
  host: string;
  ip: string | null;
  /** The group it falls in; `other` for a state word the client does not know (kept in `stateText`). */
  state: 'outOfDate' | 'unsupported' | 'inactive' | 'other';
  stateText: string;
}

/**
 * A KernelCare Nagios check, from either form: the live one (`3 machines are
 * OUTOFDATE!|uptodate=6;outofdate=3;…` and `host (ip) is OUTOFDATE` lines, or
 * the performance data alone) or the reference's (`KernelCare OK - …`).
 */
export interface NagiosStatus {
  /** The reference's state word; for the live form, read from the counts (out of date → CRITICAL; unsupported or inactive → WARNING). */
  state: NagiosState;
  /** The first line's text (without the performance data); empty when CLN sent only the data. */
  summary: string;
  /** null when the answer had no performance data (the reference's form). */
  counts: NagiosCounts | null;
  /** Servers named in the answer, as "host (ip)" labels per group. */
  outOfDate: string[];
  unsupported: string[];
  inactive: string[];
  servers: NagiosServer[];
}

/** `kcare/patchset.json` (undocumented): a server's kernel and KernelCare patch level. */
export interface KcarePatchLevel {
  host: string | null;
  ip: string | null;
  kernelId: string | null;
  patchLevel: number | null;
}

export interface ImunifyKey {
  key: string;
  code: string;
  limit: number;
  servers: number | null;
  note: string | null;
  /** The live list also sends an integer `type` (not in the reference); null when absent. */
  type: number | null;
}

export interface ImunifyServer {
  id: string;
  key: string;
  ip: string | null;
  lastCheckin: Date | null;
}

export interface ElsKey {
  key: string;
  code: string;
  limit: number;
  note: string | null;
}

export interface ElsServer {
  id: string;
  key: string;
  ip: string | null;
  hostname: string | null;
}

export interface Backup {
  backupId: number;
  serverId: string;
  size: number;
  datacenter: string;
}

export interface ServerGroup {
  name: string;
  description: string | null;
}

export interface GroupServer {
  id: string;
  hostname: string | null;
  ip: string | null;
  type: string | null;
}

export interface AwpEntry {
  product: AwpProduct | string;
  primaryDomain: string;
  username: string | null;
  cdnLimitType: string | null;
}

export interface ServiceStatus {
  flags: Partial<Record<StatusFlag, boolean>>;
  /** Flags whose value signals a problem, read the right way round. */
  problems: StatusFlag[];
  /** Flags the answer did not include ("not reported": the live answer has no `rhn_queue_full`). Never a problem. */
  missing: StatusFlag[];
  /** `rhn_queue_rejects` of the live answer (a count), when reported. Informational, not a problem by itself. */
  queueRejects?: number;
  /** `acronis` of the live answer: the backup datacenters and whether each is up, when reported. One that is down is a degraded state. */
  datacenters?: { name: string; up: boolean }[];
}

// ---- CLN API v2 (real-api-v2.md) --------------------------------------------------------

/**
 * A CloudLinux OS activation key (`/v2/cl/keys`). CLN writes the product in lower case
 * (`"product_type": "cl"`); `product` is upper case whatever it sent (`CL`, `CLP`, `CLS`,
 * `CLADMIN`, or a product CLN Explorer does not know, kept as sent in upper case).
 */
export interface ClKey {
  key: string;
  product: string;
  /** `usage_limit`: how many servers may register with the key (0: no limit). */
  limit: number;
  /** `description` (the `note` parameter). */
  note: string | null;
}

/** A server registered with a CloudLinux OS key (`/v2/cl/servers`). v2 reports no check-in. */
export interface ClServer {
  /** A number in v2 (v1's server ids are text). */
  id: number;
  key: string;
  ip: string | null;
  hostname: string | null;
}

/** A server of one of the reseller's sub-accounts (`/v2/cl/sub-account/servers`). */
export interface ClSubAccountServer {
  login: string;
  email: string | null;
  id: number;
  /** `server_key`: the key the server registered with. */
  key: string;
  /** The CloudLinux OS version CLN reports (a number in the published example). */
  version: string | null;
  ip: string | null;
}

/** `DELETE /v2/cl/keys`: the key that was removed. */
export interface ClKeyRemoval {
  key: string;
}

/** An add-on's state at one level: on, off, or "depends on lower level" (UNSET, an inference). */
export type FeatureState = 'ENABLED' | 'DISABLED' | 'UNSET';

/** An entry of `/v2/features`. 4600 is Imunify Email; any other id is shown as "feature N". */
export interface FeatureInfo {
  id: number;
  applicableProductIds: number[];
  /** A name, when CLN sends one (the published example has none). */
  name: string | null;
}

/** One feature's state in a settings dictionary (`{"4600": "ENABLED"}`). */
export interface FeatureSetting {
  feature: number;
  state: FeatureState;
}

/** What a v2 change answered: the settings when CLN sent them back, null when it sent nothing readable as settings. */
export interface FeatureChange {
  settings: FeatureSetting[] | null;
}

/** `/v2/ip-license/licenses/types`: a product name for an IP license type number. */
export interface IpTypeName {
  type: number;
  name: string;
}
