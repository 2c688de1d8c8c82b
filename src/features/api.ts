/**
 * The public API: what `activate` returns to every other installed extension
 * (`vscode.extensions.getExtension('cln-explorer.cln-explorer').exports`) outside
 * the test mode.
 *
 * Version 1 holds two numbers and nothing else:
 * - `apiVersion`: 1. It changes when a field is added, removed or changes meaning.
 * - `activationMs`: how long `activate` took, in milliseconds.
 *
 * It is a frozen plain object of data: no function, no getter, no object of the
 * extension's, so nothing in it reaches the session (the secret key, the API
 * token, key strings), the prompter (the answers to confirmations), the journal
 * or anything that changes CLN. Extensions read and change CLN through its
 * commands, which confirm with the user as they do for a person.
 *
 * The extension-host tests get the extension's internals instead, only in
 * `ExtensionMode.Test` (see `TestApi` in testApi.ts).
 */
export interface PublicApi {
  readonly apiVersion: 1;
  readonly activationMs: number;
}

export const PUBLIC_API_VERSION = 1;

/** The public API for this activation: a frozen object with no prototype of ours (Object.prototype). */
export function publicApi(activationMs: number): PublicApi {
  return Object.freeze({ apiVersion: PUBLIC_API_VERSION, activationMs });
}
