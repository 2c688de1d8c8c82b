/** Signing in and out, switching accounts, the demo; the notice when CLN ends a session. (The Accounts menu's provider is made by extension.ts.) */
import type { Feature } from '../../ui/feature';
import { signIn, signOut, switchAccount, useDemoData } from './sessionCommands';
import { showSignedOutNotice } from './signedOutNotice';

export const accounts: Feature = ({ context }) => ({
  commands: { 'cln.signIn': signIn, 'cln.signOut': signOut, 'cln.switchAccount': switchAccount, 'cln.useDemoData': useDemoData },
  disposables: [showSignedOutNotice(context)],
});
