/**
 * `CLN: Find Unused Licenses`: asks N (days) when run from the palette, then
 * opens (or reuses) the clean-up report. The report and the sweep are a
 * separate bundle (dist/cleanup.js), required here on first use.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { reportError, registerClnCommand, type CommandContext } from '../ui/registerCommand';
import type { CleanupReportPanel, CleanupSettings } from './cleanupPanel';

type CleanupModule = typeof import('./cleanupPanel');

export function registerCleanupCommand(context: CommandContext, extensionUri: vscode.Uri): vscode.Disposable[] {
  let report: CleanupReportPanel | undefined;
  let loaded: CleanupModule | undefined;
  const settings = (): CleanupSettings => {
    const config = vscode.workspace.getConfiguration('cln.cleanup');
    const prices = config.get<Record<string, unknown>>('prices') ?? {};
    return {
      days: config.get<number>('unusedDays') ?? 30,
      prices: Object.fromEntries(Object.entries(prices).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[1] >= 0)),
      threshold: Math.max(0, config.get<number>('confirmThreshold') ?? 10),
    };
  };
  return [
    registerClnCommand(
      'cln.findUnusedLicenses',
      async (_context, days) => {
        let n = typeof days === 'number' && days >= 1 ? Math.floor(days) : undefined;
        if (n === undefined) {
          const answer = await context.ui.prompter.input({
            title: 'Find Unused Licenses',
            prompt: 'Licenses and servers that have not checked in for this many days (and unused licenses created before then) are reported.',
            value: String(settings().days),
            validateInput: (value) => (/^\s*\d{1,4}\s*$/.test(value) && Number(value) >= 1 ? undefined : 'Enter a whole number of days, from 1 to 9999.'),
          });
          n = Number(answer.trim());
        }
        if (report) {
          report.reveal();
          report.rescan(n);
          return report;
        }
        loaded ??= require(path.join(__dirname, 'cleanup.js')) as CleanupModule;
        const created = loaded.openCleanupReport({ context, extensionUri, settings, reportError: (id, error) => reportError(id, error, context) }, n);
        created.onDidDispose(() => {
          if (report === created) report = undefined;
        });
        return (report = created);
      },
      context,
    ),
    { dispose: () => report?.dispose() },
  ];
}
