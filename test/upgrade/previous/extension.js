// The storage an earlier, single-account CLN Explorer left behind: after a successful sign-in it
// stored the login and the secret key (and, once given, the API security token) in SecretStorage
// under these three keys (src/services/session.ts before several accounts). Same extension id,
// hence the same SecretStorage as the extension under test.
'use strict';
const LEGACY = require('./legacy.json');

async function activate(context) {
  await context.secrets.store('cln.login', LEGACY.login);
  await context.secrets.store('cln.secretKey', LEGACY.secretKey);
  await context.secrets.store('cln.apiToken', LEGACY.apiToken);
  return { stored: Object.keys(LEGACY) };
}

module.exports = { activate, deactivate: () => {} };
