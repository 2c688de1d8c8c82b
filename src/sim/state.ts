/**
 * The simulator's in-memory account. Plain arrays and records so tests can read
 * and change it directly. Dates are epoch milliseconds (whole minutes, as CLN
 * answers with minute precision) plus the UTC offset they are written with.
 */
import type { AwpProduct, StatusFlag } from '../cln/catalog';

/** A point in time and the UTC offset (minutes) CLN writes it with. */
export interface SimDate {
  ms: number;
  offset: number;
}

export interface SimIpLicense {
  ip: string;
  type: number;
  registered: boolean;
  created: SimDate;
  elsAllowed: boolean;
  serverInfo: string | null;
  lastCheckin: SimDate | null;
}

/** A license on an IP that belongs to some other CLN customer. */
export interface SimForeignLicense {
  ip: string;
  type: number;
}

export type KernelState = 'ok' | 'outdated' | 'unsupported';

export interface SimKcareKey {
  key: string;
  enabled: boolean;
  created: SimDate;
  limit: number;
  note: string | null;
  cidr: string[];
}

export interface SimKcareServer {
  serverId: string;
  key: string;
  ip: string | null;
  hostname: string;
  created: SimDate;
  lastCheckin: SimDate | null;
  kernelState: KernelState;
}

export interface SimImunifyKey {
  key: string;
  code: string;
  limit: number;
  note: string | null;
  /** Set by `im/key/update.json?servers=`; the list reports the real count when null. */
  reportedServers: number | null;
}

export interface SimImunifyServer {
  id: string;
  key: string;
  ip: string | null;
  hostname: string;
  lastCheckin: SimDate | null;
}

export interface SimElsKey {
  key: string;
  code: string;
  limit: number;
  /** CLN sends ELS descriptions as text, as a number or as null. */
  description: string | number | null;
}

export interface SimElsServer {
  id: string;
  key: string;
  ip: string | null;
  hostname: string | null;
}

export interface SimBackup {
  backupId: number;
  serverId: string;
  size: number;
  datacenter: string;
}

export interface SimGroup {
  name: string;
  description: string | null;
  serverIds: string[];
}

export interface SimAwpEntry {
  product: AwpProduct;
  primary_domain: string;
  username: string | null;
  cdn_limit_type?: string;
}

/**
 * Which CLN the simulator imitates: `real` (default) answers as the live service is
 * known to (real-api.md): Nagios checks with performance data and plain-text errors,
 * integers in Imunify key lists, the undocumented patch-level endpoint. `reference`
 * answers in the reference document's forms, so the client keeps being tested on both.
 */
export type SimDialect = 'real' | 'reference';

/**
 * status.json's data. Flags left undefined are not sent (the live answer has no
 * rhn_queue_full); `rhn_queue_rejects` and `acronis` are sent when defined.
 */
export type SimStatus = Partial<Record<StatusFlag, boolean>> & {
  rhn_queue_rejects?: number;
  acronis?: { dc_name: string; status: boolean }[];
};

// ---- CLN API v2 (real-api-v2.md) ----

/** A CloudLinux OS activation key; `product` is CL, CLP, CLS or CLADMIN (answers write it in lower case). */
export interface SimClKey {
  key: string;
  product: string;
  limit: number;
  note: string | null;
}

export interface SimClServer {
  /** A number, as v2 sends it. */
  id: number;
  key: string;
  ip: string | null;
  hostname: string;
}

export interface SimSubAccountServer {
  login: string;
  email: string;
  id: number;
  key: string;
  version: number;
  ip: string;
}

export type SimFeatureState = 'ENABLED' | 'DISABLED' | 'UNSET';

export interface SimFeature {
  id: number;
  productIds: number[];
}

/**
 * How the simulated service speaks v2. `answers`: the published examples' bare JSON, or v1's
 * envelope (v2's is unpublished, so the client is tested on both). `unavailable`: v2 is not
 * there (an older service, an account without it): every v2 call answers 404, 403 or an HTML page.
 */
export interface SimV2Mode {
  answers: 'bare' | 'envelope';
  unavailable: null | 404 | 403 | 'html';
}

export interface SimState {
  dialect: SimDialect;
  /** CloudLinux OS keys of every product (v2 only). */
  clKeys: SimClKey[];
  clServers: SimClServer[];
  /** Servers of the reseller's sub-accounts (v2 `cl/sub-account/servers`). */
  subAccountServers: SimSubAccountServer[];
  /** `/v2/features`: 4600 (Imunify Email) and ids nobody has named (1101, 1102). */
  features: SimFeature[];
  /** Feature settings by feature id, at each level: the account, each Imunify key, each Imunify server. */
  accountFeatures: Record<string, SimFeatureState>;
  keyFeatures: Record<string, Record<string, SimFeatureState>>;
  serverFeatures: Record<string, Record<string, SimFeatureState>>;
  /** `/v2/ip-license/licenses/types`: product names by type (shape unpublished; answered as name → id). */
  ipTypeNames: { type: number; name: string }[];
  v2: SimV2Mode;
  status: SimStatus;
  ipLicenses: SimIpLicense[];
  foreignLicenses: SimForeignLicense[];
  kcareKeys: SimKcareKey[];
  kcareServers: SimKcareServer[];
  /** Nagios monitoring keys registered through `register_key.plain`. */
  monitoringKeys: string[];
  imunifyKeys: SimImunifyKey[];
  imunifyServers: SimImunifyServer[];
  elsKeys: SimElsKey[];
  elsServers: SimElsServer[];
  backups: SimBackup[];
  datacenters: string[];
  groups: SimGroup[];
  /** KernelCare keys whose patch-level endpoint answers 404 (it is undocumented; CLN may not have it for every key). */
  patchsetUnavailable: string[];
  /** AccelerateWP billing entries by month, `yyyy-MM`. */
  awp: Record<string, SimAwpEntry[]>;
}

export interface AccountSize {
  ipLicenses: number;
  kcareKeys: number;
  /** Average per key: pairs of keys get n+d and n−d servers, so the total is exact. */
  kcareServersPerKey: number;
  imunifyKeys: number;
  imunifyServersPerKey: number;
  elsKeysPerCode: number;
  elsServersPerKey: number;
  backups: number;
  groups: number;
  serversPerGroup: number;
  awpEntriesPerMonth: number;
  /** 0 (default): every month has exactly awpEntriesPerMonth entries; up to 1: months vary by that fraction. */
  awpVariation?: number;
  /** CloudLinux OS keys of each product (CL, CLP, CLS, CLADMIN): four times this many keys in all. */
  clKeysPerProduct?: number;
  /** Average servers per CloudLinux OS key (pairs of keys get n+d and n−d, some none). */
  clServersPerKey?: number;
  /** Servers of sub-accounts, spread over a few sub-accounts. */
  subAccountServers?: number;
}

export const SIZES: Record<'demo' | 'large', AccountSize> = {
  demo: {
    ipLicenses: 300,
    kcareKeys: 40,
    kcareServersPerKey: 6,
    imunifyKeys: 25,
    imunifyServersPerKey: 5,
    elsKeysPerCode: 3,
    elsServersPerKey: 3,
    backups: 10,
    groups: 8,
    serversPerGroup: 6,
    awpEntriesPerMonth: 120,
    awpVariation: 0.75,
    clKeysPerProduct: 6,
    clServersPerKey: 3,
    subAccountServers: 12,
  },
  large: {
    ipLicenses: 10_000,
    kcareKeys: 2_000,
    kcareServersPerKey: 20,
    imunifyKeys: 1_000,
    imunifyServersPerKey: 20,
    elsKeysPerCode: 20,
    elsServersPerKey: 10,
    backups: 500,
    groups: 200,
    serversPerGroup: 25,
    awpEntriesPerMonth: 5_000,
    clKeysPerProduct: 250,
    clServersPerKey: 5,
    subAccountServers: 400,
  },
};

export function resolveSize(size: 'demo' | 'large' | Partial<AccountSize> | undefined): AccountSize {
  if (size === undefined || size === 'demo') return { ...SIZES.demo };
  if (size === 'large') return { ...SIZES.large };
  return { ...SIZES.demo, ...size };
}

/** Days without a check-in after which Nagios reports a KernelCare server as inactive. */
export const INACTIVE_AFTER_DAYS = 7;
export const DAY_MS = 86_400_000;

export function isInactive(server: SimKcareServer, nowMs: number): boolean {
  return server.lastCheckin === null || nowMs - server.lastCheckin.ms > INACTIVE_AFTER_DAYS * DAY_MS;
}
