import * as path from 'path';

export type DesiredBundle = typeof import('./desiredBundle');

let bundle: DesiredBundle | undefined;

/** Desired-state files are a separate bundle (dist/desired.js), loaded on first use like the simulator. */
export function loadDesired(): DesiredBundle {
  bundle ??= require(path.join(__dirname, 'desired.js')) as DesiredBundle;
  return bundle;
}

export const DESIRED_FILE_PATTERN = /\.cln\.json$/i;
