/** Every endpoint's handler. The Record type makes TypeScript insist on one per endpoint id. */
import type { EndpointId } from '../../cln/endpoints';
import { awp } from './awp';
import { backups } from './backups';
import { cl } from './cl';
import type { Handler } from './context';
import { els } from './els';
import { features } from './features';
import { groups } from './groups';
import { imunify } from './imunify';
import { ip } from './ip';
import { kcare } from './kcare';
import { nagios } from './nagios';
import { status } from './status';

export const HANDLERS: Record<EndpointId, Handler> = { ...status, ...ip, ...kcare, ...nagios, ...imunify, ...els, ...backups, ...groups, ...awp, ...cl, ...features };

/** Arguments a handler checks itself, because CLN answers a result code rather than an error for them. */
export const LENIENT_ARGS: Partial<Record<EndpointId, readonly string[]>> = {
  'kcare.nagios.registerKey': ['key'],
  'kcare.key.setCidr': ['cidr'],
};

/** Other names CLN accepts for an argument: the ELS reference examples use `productType` for `code`. */
export const ARG_ALIASES: Partial<Record<EndpointId, Record<string, string>>> = {
  'els.key.list': { productType: 'code' },
  'els.srv.list': { productType: 'code' },
};
