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

export interface NagiosStatus {
  state: NagiosState;
  summary: string;
  outOfDate: string[];
  unsupported: string[];
  inactive: string[];
}

export interface ImunifyKey {
  key: string;
  code: string;
  limit: number;
  servers: number | null;
  note: string | null;
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
  /** Flags the answer did not include. */
  missing: StatusFlag[];
}
