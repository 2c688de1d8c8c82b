/**
 * Product names and codes. The catalogs are open-ended: CLN may return any
 * positive integer type and any product code; a known entry only adds a name.
 * Sources: the newer reference revision, the live type list recorded in
 * myadmin-plugins/cloudlinux-licensing bin/cloudlinux_types.txt (2025; it
 * wins where the names differ), and the official WHMCS plugin (CLEAN).
 */

export interface CatalogEntry<C> {
  readonly code: C;
  readonly name: string;
}

export const IP_LICENSE_TYPES: readonly CatalogEntry<number>[] = [
  { code: 1, name: 'CloudLinux OS Legacy' },
  { code: 4, name: 'CloudLinux OS Solo' },
  { code: 5, name: 'CloudLinux OS Admin' },
  { code: 1002, name: 'CloudLinux OS Shared Pro' },
  { code: 16, name: 'KernelCare' },
  { code: 17, name: 'KernelCare Plus' },
  { code: 40, name: 'ImunifyAV+' },
  { code: 41, name: 'Imunify360 single user' },
  { code: 44, name: 'Imunify360 up to 5 users' },
  { code: 42, name: 'Imunify360 up to 30 users' },
  { code: 43, name: 'Imunify360 up to 250 users' },
  { code: 49, name: 'Imunify360 unlimited' },
  { code: 3, name: 'ELS for CentOS 6' },
  { code: 5003, name: 'ELS for Oracle Linux 6' },
  { code: 5004, name: 'ELS for Ubuntu 16' },
  { code: 5005, name: 'ELS for CentOS 8' },
  { code: 5011, name: 'ELS for CentOS 6 + SLA' },
  { code: 5012, name: 'ELS for CentOS 8 + SLA' },
  { code: 5013, name: 'ELS for Oracle Linux 6 + SLA' },
  { code: 5014, name: 'ELS for Ubuntu 16 + SLA' },
  { code: 5017, name: 'ELS for CentOS 7 Standard' },
  { code: 5018, name: 'ELS for CentOS 7 Complete' },
  { code: 5019, name: 'ELS for Ubuntu 18' },
  { code: 5020, name: 'ELS for Ubuntu 18 + SLA' },
  { code: 5034, name: 'ELS for CentOS 8 Stream' },
  { code: 5035, name: 'ELS for CentOS 8 Stream + SLA' },
  { code: 7215, name: 'Extended Security Updates' },
];

/** IP types `ipl/convert.json` can move between: Imunify products only. */
export const IMUNIFY_IP_TYPES: readonly number[] = [40, 41, 44, 42, 43, 49];

export const IMUNIFY_CODES: readonly CatalogEntry<string>[] = [
  { code: 'AVP', name: 'ImunifyAV+' },
  { code: '360_1', name: 'Imunify360 single user' },
  { code: '360_30', name: 'Imunify360 up to 30 users' },
  { code: '360_250', name: 'Imunify360 up to 250 users' },
  { code: '360_UN', name: 'Imunify360 unlimited' },
  { code: 'CLEAN', name: 'Imunify360 Clean' },
];

export const ELS_CODES: readonly CatalogEntry<string>[] = [
  { code: 'CELS', name: 'CentOS 6 ELS' },
  { code: 'OELS', name: 'Oracle ELS' },
  { code: 'UELS16', name: 'Ubuntu 16 ELS' },
  { code: 'CELS_8', name: 'CentOS 8 ELS' },
  { code: 'UELS18', name: 'Ubuntu 18 ELS' },
  { code: 'PHP_ELS', name: 'PHP ELS' },
  { code: 'PYTHON_ELS', name: 'PYTHON ELS' },
  { code: 'UELS18_SLA', name: 'Ubuntu 18 ELS with SLA' },
  { code: 'CELS7', name: 'Extended Support for CentOS 7 Standard' },
  { code: 'CELS7+SLA', name: 'Extended Support for CentOS 7 Complete' },
];

export const AWP_PRODUCTS = ['AWP_PREMIUM', 'AWP_CDN'] as const;
export type AwpProduct = (typeof AWP_PRODUCTS)[number];

export const AWP_PRODUCT_NAMES: Record<AwpProduct, string> = {
  AWP_PREMIUM: 'AccelerateWP Premium',
  AWP_CDN: 'AccelerateWP CDN',
};

/**
 * Service flags of `status.json`. `badWhen` is the value that signals a problem.
 * The live answer does not send every flag (it has no `rhn_queue_full`): a flag
 * that is absent is "not reported", never a problem.
 */
export const STATUS_FLAGS = [
  { flag: 'db_clweb_connected', meaning: 'CLN web database connected', badWhen: false },
  { flag: 'db_clweb_online', meaning: 'CLN web database online', badWhen: false },
  { flag: 'db_rhn_connected', meaning: 'Registration database connected', badWhen: false },
  { flag: 'db_rhn_online', meaning: 'Registration database online', badWhen: false },
  { flag: 'rhn_overloaded', meaning: 'Registration server overloaded', badWhen: true },
  { flag: 'rhn_queue_full', meaning: 'Registration queue full', badWhen: true },
  { flag: 'xmlrpc', meaning: 'XML-RPC service alive', badWhen: false },
  { flag: 'ip_server_reg', meaning: 'IP server registration allowed', badWhen: false },
] as const;
export type StatusFlag = (typeof STATUS_FLAGS)[number]['flag'];

export function nameOf<C>(catalog: readonly CatalogEntry<C>[], code: C): string | undefined {
  return catalog.find((entry) => entry.code === code)?.name;
}

/**
 * Names the signed-in account's CLN gave for IP license types (`/v2/ip-license/licenses/types`),
 * read and cached by its account service; only types the built-in catalog lacks take them.
 */
let serviceIpTypeNames: ReadonlyMap<number, string> | undefined;

/** The service's type names for the account being shown (undefined: none, the catalog and "Type N" stand). */
export function useServiceIpTypeNames(names: ReadonlyMap<number, string> | undefined): void {
  serviceIpTypeNames = names;
}

/** The catalog's name, the service's name for a type the catalog lacks, or "Type N". */
export function ipTypeName(type: number): string {
  return nameOf(IP_LICENSE_TYPES, type) ?? serviceIpTypeNames?.get(type) ?? `Type ${type}`;
}

export function isKnownIpType(type: number): boolean {
  return IP_LICENSE_TYPES.some((entry) => entry.code === type);
}

/** Any positive whole number is a type CLN may have; only the catalog's have names. */
export function isIpTypeNumber(value: number): boolean {
  return Number.isInteger(value) && value > 0 && value <= 2_147_483_647;
}
