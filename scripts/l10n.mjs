#!/usr/bin/env node
// `npm run l10n`: extracts every l10n.t / vscode.l10n.t message from src/ with @vscode/l10n-dev (the
// extractor behind `vscode-l10n-dev export`) and writes l10n/bundle.l10n.json, the English bundle
// translators copy to bundle.l10n.<locale>.json. Keys are sorted so the file diffs well.
// `node scripts/l10n.mjs --check` writes nothing and exits 1 when the bundle is not what the
// sources say (test/unit/l10n.test.ts runs the same comparison inside `npm test`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

/** The bundle the sources call for, keys sorted. */
export async function extract() {
  const files = fs
    .readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
  const json = await getL10nJson(files.map((file) => ({ extension: path.extname(file), contents: fs.readFileSync(file, 'utf8') })));
  return Object.fromEntries(
    Object.keys(json)
      .sort()
      .map((key) => [key, json[key]]),
  );
}

export const serialize = (bundle) => `${JSON.stringify(bundle, undefined, 2)}\n`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bundle = await extract();
  const text = serialize(bundle);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(BUNDLE) ? fs.readFileSync(BUNDLE, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(ROOT, BUNDLE)} is out of date with the sources: run \`npm run l10n\`.`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, BUNDLE)}: ${Object.keys(bundle).length} messages, up to date.`);
  } else {
    fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
    fs.writeFileSync(BUNDLE, text);
    console.log(`${path.relative(ROOT, BUNDLE)}: ${Object.keys(bundle).length} messages.`);
  }
}
