/** Signing in and out, switching accounts, the demo; the notice when CLN ends a session. (The Accounts menu's provider is made by extension.ts.) */
import type { Feature } from '../../ui/feature';
import { trackInterruptedRuns } from '../../ui/contextKeys';
import { leaveDemo, signIn, signOut, switchAccount, useDemoData } from './sessionCommands';
import { showSignedOutNotice } from './signedOutNotice';

export const accounts: Feature = ({ context }) => ({
  commands: { 'cln.signIn': signIn, 'cln.signOut': signOut, 'cln.leaveDemo': leaveDemo, 'cln.switchAccount': switchAccount, 'cln.useDemoData': useDemoData },
  disposables: [
    showSignedOutNotice(context),
    // Resume is offered only while there is a run to resume (`cln.hasInterruptedRun`).
    trackInterruptedRuns(context.session.journal, (error) => context.log.error(`cln.hasInterruptedRun: ${error instanceof Error ? error.message : String(error)}`)),
  ],
});
