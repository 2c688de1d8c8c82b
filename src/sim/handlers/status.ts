/** status.json and status.plain: the flags of the mutable `state.status`. */
import { STATUS_FLAGS } from '../../cln/catalog';
import { Handlers, ok, text } from './context';

export const status: Handlers<'status.json' | 'status.plain'> = {
  'status.json': ({ state }) => ok({ ...state.status }),
  'status.plain': ({ state }) => text(['success:true', ...STATUS_FLAGS.map(({ flag }) => `${flag}:${state.status[flag]}`)].join('\n') + '\n'),
};
