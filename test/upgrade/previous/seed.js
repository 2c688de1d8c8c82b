// The "tests" of the first upgrade phase: activating the earlier version stores its credentials.
'use strict';
const vscode = require('vscode');

async function run() {
  const extension = vscode.extensions.getExtension('cln-explorer.cln-explorer');
  if (!extension) throw new Error('the earlier CLN Explorer is not loaded');
  await extension.activate();
}

module.exports = { run };
