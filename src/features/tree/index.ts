/** The Licenses, Server Groups and All Servers views' own commands: refresh, load more, filter, sort, copy, status. (The views themselves are made by extension.ts: every feature reaches them as surfaces.) */
import type { Feature } from '../../ui/feature';
import { viewCommands } from './viewCommands';

export const tree: Feature = ({ context, views, status }) => ({ commands: viewCommands(context, views, status) });
