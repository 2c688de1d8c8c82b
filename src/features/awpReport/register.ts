import * as vscode from 'vscode';
import { registerClnCommand, type CommandContext } from '../../ui/registerCommand';
import { AWP_REPORT_VIEW_TYPE } from './core/protocol';
import { AwpReportPanel } from './panel';
import { reportWebviewOptions } from '../../ui/webviewPage';
import { registerCleanupCommand } from '../cleanup/command';

/** Registers the webview panels (the AccelerateWP billing report) and their serializers. */
export function registerWebviews(context: CommandContext, extensionUri: vscode.Uri): vscode.Disposable[] {
  let report: AwpReportPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel): AwpReportPanel => {
    const created = new AwpReportPanel(panel, context, extensionUri);
    created.onDidDispose(() => {
      if (report === created) report = undefined;
    });
    return (report = created);
  };

  return [
    registerClnCommand(
      'cln.openAwpReport',
      async () => {
        if (report) {
          report.reveal();
          return report;
        }
        return adopt(vscode.window.createWebviewPanel(AWP_REPORT_VIEW_TYPE, vscode.l10n.t('AccelerateWP Billing'), vscode.ViewColumn.Active, reportWebviewOptions(extensionUri)));
      },
      context,
    ),
    // After a reload VS Code restores the panel; the webview's saved state brings back month, products and view.
    vscode.window.registerWebviewPanelSerializer(AWP_REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        report?.dispose();
        adopt(panel);
      },
    }),
    { dispose: () => report?.dispose() },
    ...registerCleanupCommand(context, extensionUri),
  ];
}
