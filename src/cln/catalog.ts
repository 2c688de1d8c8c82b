/** Product names and codes from the CLN reference (newer revision). */

export interface CatalogEntry<C> {
  readonly code: C;
  readonly name: string;
}

export const IP_LICENSE_TYPES: readonly CatalogEntry<number>[] = [
  { code: 1, name: 'CloudLinux OS' },
  { code: 4, name: 'CloudLinux Solo' },
  { code: 5, name: 'CloudLinux Admin' },
  { code: 1002, name: 'CloudLinux OS Shared Pro' },
  { code: 16, name: 'KernelCare' },
  { code: 17, name: 'KernelCare Plus' },
  { code: 40, name: 'ImunifyAV+' },
  { code: 41, name: 'Imunify360 single user' },
  { code: 42, name: 'Imunify360 up to 30 users' },
  { code: 43, name: 'Imunify360 up to 250 users' },
  { code: 49, name: 'Imunify360 unlimited' },
];

/** IP types `ipl/convert.json` can move between: Imunify products only. */
export const IMUNIFY_IP_TYPES: readonly number[] = [40, 41, 42, 43, 49];

export const IMUNIFY_CODES: readonly CatalogEntry<string>[] = [
  { code: 'AVP', name: 'ImunifyAV+' },
  { code: '360_1', name: 'Imunify360 single user' },
  { code: '360_30', name: 'Imunify360 up to 30 users' },
  { code: '360_250', name: 'Imunify360 up to 250 users' },
  { code: '360_UN', name: 'Imunify360 unlimited' },
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

/** Service flags of `status.json`. `badWhen` is the value that signals a problem. */
export const STATUS_FLAGS = [
  { flag: 'db_clweb_connected', label: 'CLN web database connected', badWhen: false },
  { flag: 'db_clweb_online', label: 'CLN web database online', badWhen: false },
  { flag: 'db_rhn_connected', label: 'Registration database connected', badWhen: false },
  { flag: 'db_rhn_online', label: 'Registration database online', badWhen: false },
  { flag: 'rhn_overloaded', label: 'Registration server overloaded', badWhen: true },
  { flag: 'rhn_queue_full', label: 'Registration queue full', badWhen: true },
  { flag: 'xmlrpc', label: 'XML-RPC service alive', badWhen: false },
  { flag: 'ip_server_reg', label: 'IP server registration allowed', badWhen: false },
] as const;
export type StatusFlag = (typeof STATUS_FLAGS)[number]['flag'];

export function nameOf<C>(catalog: readonly CatalogEntry<C>[], code: C): string | undefined {
  return catalog.find((entry) => entry.code === code)?.name;
}

export function ipTypeName(type: number): string {
  return nameOf(IP_LICENSE_TYPES, type) ?? `Type ${type}`;
}
