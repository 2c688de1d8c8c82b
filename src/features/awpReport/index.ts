import * as vscode from 'vscode';
import type { Feature } from '../../ui/feature';
import { AWP_REPORT_VIEW_TYPE } from './core/protocol';
import { AwpReportPanel } from './panel';
import { reportWebviewOptions } from '../../ui/webviewPage';

/** The AccelerateWP billing report: its command and the serializer that restores the panel after a reload. */
export const awpReport: Feature = ({ context, extensionUri }) => {
  let report: AwpReportPanel | undefined;
  const adopt = (panel: vscode.WebviewPanel): AwpReportPanel => {
    const created = new AwpReportPanel(panel, context, extensionUri);
    created.onDidDispose(() => {
      if (report === created) report = undefined;
    });
    return (report = created);
  };

  const open = async () => {
    if (report) {
      report.reveal();
      return report;
    }
    return adopt(vscode.window.createWebviewPanel(AWP_REPORT_VIEW_TYPE, vscode.l10n.t('AccelerateWP Billing'), vscode.ViewColumn.Active, reportWebviewOptions(extensionUri)));
  };
  return {
    commands: { 'cln.openAwpReport': open },
    disposables: [
      // After a reload VS Code restores the panel; the webview's saved state brings back month, products and view.
      vscode.window.registerWebviewPanelSerializer(AWP_REPORT_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel) => {
          report?.dispose();
          adopt(panel);
        },
      }),
      { dispose: () => report?.dispose() },
    ],
  };
};
