/** Add-ons (CLN API v2 features): the catalog and the account's settings; Imunify Email at account, key and server level. */
import type { Feature } from '../../ui/feature';
import { changeImunifyEmail, showAddons } from './commands';

export const addons: Feature = () => ({
  commands: {
    'cln.changeImunifyEmail': changeImunifyEmail,
    'cln.showAddons': showAddons,
  },
});
