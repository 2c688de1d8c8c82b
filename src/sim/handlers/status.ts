/**
 * status.json and status.plain: what the mutable `state.status` holds. A flag
 * left undefined is not sent (the live answer has no rhn_queue_full).
 */
import { STATUS_FLAGS } from '../../cln/catalog';
import { Handlers, ok, text } from './context';

export const status: Handlers<'status.json' | 'status.plain'> = {
  'status.json': ({ state }) => ok(JSON.parse(JSON.stringify(state.status))),
  'status.plain': ({ state }) => {
    const lines = ['success:true', ...STATUS_FLAGS.filter(({ flag }) => state.status[flag] !== undefined).map(({ flag }) => `${flag}:${state.status[flag]}`)];
    if (state.status.rhn_queue_rejects !== undefined) lines.push(`rhn_queue_rejects:${state.status.rhn_queue_rejects}`);
    return text(lines.join('\n') + '\n');
  },
};
