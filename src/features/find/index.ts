/** CLN: Find… (the whole account searched, results revealed in the views) and Sort All Servers. */
import type { Feature } from '../../ui/feature';
import { findHandlers } from './commands';

export const find: Feature = ({ context, views }) => ({ commands: findHandlers(context, views) });
