// The "tests" of the first upgrade phase: activating the earlier version stores its credentials.
'use strict';
const vscode = require('vscode');

async function run() {
  const extension = vscode.extensions.getExtension('cln-explorer.cln-explorer');
  if (!extension) throw new Error('the earlier CLN Explorer is not loaded');
  await extension.activate();
  // code-server's secret storage writes the sealed secrets to localStorage after store() resolves,
  // without waiting: give the last write time to land before the page closes.
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

module.exports = { run };
