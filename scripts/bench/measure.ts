/** Heap after garbage collection, and the release bundle's size. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

const MB = 1024 * 1024;

/** `global.gc`, exposed at run time when node was started without --expose-gc. */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Heap in use after two full collections, in MB. */
export function heapUsedMb(): number {
  const gc = collector();
  gc();
  gc();
  return process.memoryUsage().heapUsed / MB;
}

export interface BundleSize {
  file: string;
  kb: number;
  /** True when the file was built with --production (no sourcemap next to it, minified). */
  minified: boolean;
}

export function bundleSize(root: string, file = 'dist/extension.js'): BundleSize | undefined {
  const full = path.join(root, file);
  if (!fs.existsSync(full)) return undefined;
  const text = fs.readFileSync(full, 'utf8');
  // Minified: no source map, and long lines on average (multi-line template strings keep some newlines).
  const minified = !/sourceMappingURL=/.test(text) && text.length / text.split('\n').length > 1000;
  return { file, kb: fs.statSync(full).size / 1024, minified };
}
