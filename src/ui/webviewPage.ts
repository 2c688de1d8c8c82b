import { randomBytes } from 'crypto';
import * as vscode from 'vscode';
import { isUserCancelled } from './prompter';
import { reportError, type CommandContext } from './registerCommand';

/** A report page's options (the AWP report's and the clean-up report's): scripts, find, and only these folders may be loaded. */
export function reportWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/** How a report panel takes its page's messages: the command it belongs to, its protocol's reader, its dispatch. */
export interface PageReceiver<M> {
  commandId: string;
  context: CommandContext;
  /** The page's protocol (core/protocol.ts readToExtension): undefined for anything malformed. */
  read(raw: unknown): M | undefined;
  dispatch(message: M): Promise<void>;
}

/**
 * One message from a report page (the AWP report's and the clean-up report's): read with the page's
 * protocol (a malformed one is logged and dropped), then dispatched; a failure is reported as the
 * command's would be, and a cancelled dialog (Export's save dialog) ends quietly.
 */
export async function receiveFromPage<M>(raw: unknown, page: PageReceiver<M>): Promise<void> {
  const message = page.read(raw);
  if (!message) {
    page.context.log.error(`${page.commandId}: ignored a malformed message from the report webview`);
    return;
  }
  try {
    await page.dispatch(message);
  } catch (error) {
    if (!isUserCancelled(error)) await reportError(page.commandId, error, page.context);
  }
}

/** What a report page needs besides the shell: its bundled script, its style sheets (under media/), title and loading text. */
export interface WebviewPage {
  script: string;
  styles: readonly string[];
  title: string;
  loading: string;
  /** The page's text (the report's core/pageStrings.ts): the page script reads it from #app before it builds anything. */
  strings: object;
}

/** Text for an HTML attribute or element (the strings may hold quotes, ampersands, angle brackets). */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page shell every report webview uses: a strict Content-Security-Policy
 * (the bundled script runs by nonce, styles only from the extension), a
 * loading state until the script takes over, and nothing from CLN — data
 * arrives by message and is inserted as text.
 */
export function webviewPageHtml(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', page.script));
  const styles = page.styles.map((name) => `  <link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', name))}">\n`).join('');
  const csp = ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${csp};">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}  <title>${escapeHtml(page.title)}</title>
</head>
<body>
  <main id="app" aria-busy="true" data-strings="${escapeHtml(JSON.stringify(page.strings))}">
    <p class="state" role="status">${escapeHtml(page.loading)}</p>
  </main>
  <script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
