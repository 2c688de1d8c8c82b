import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** Only these folders may be loaded into the webview. */
export function awpWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/**
 * The page shell: a strict Content-Security-Policy (the bundled script runs by
 * nonce, styles only from the extension), a loading state until the script
 * takes over, and nothing from CLN — data arrives by message and is inserted as text.
 */
export function awpReportHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'awpReport.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'awpReport.css'));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp};">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${style}">
  <title>AccelerateWP Billing</title>
</head>
<body>
  <main id="app" aria-busy="true">
    <p class="state" role="status">Loading AccelerateWP billing…</p>
  </main>
  <script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
