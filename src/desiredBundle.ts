/**
 * The entry of dist/desired.js: the desired-state engine (vscode-free, in
 * src/services/desired) with its editor adapters and commands. The extension
 * loads it when a `*.cln.json` file opens or one of its commands runs.
 */
export { DesiredFiles } from './editors/desiredFile';
export { DESIRED_COMMANDS } from './commands/desired';
export { hoverAt } from './editors/hover';
export { checkInCln } from './commands/checkInCln';
