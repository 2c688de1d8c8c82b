#!/usr/bin/env node
// The manifest's user-visible strings live in package.nls.json (the English bundle VS Code reads
// for `%key%` references in package.json; translations go in package.nls.<locale>.json).
//
//   node scripts/nls.mjs          moves every plain user-visible string of package.json into
//                                 package.nls.json as "%key%" (`npm run nls`). Idempotent: run it
//                                 again after a rebase and it converts only what others added.
//   node scripts/nls.mjs --check  changes nothing; exits 1 when package.json holds a plain
//                                 user-visible string, a %key% missing from package.nls.json, or
//                                 package.nls.json holds a key nothing uses (`npm run lint` runs it;
//                                 test/unit/nls.test.ts runs it inside `npm test`).
//
// Keys are named by where the string sits, not by its text, so they stay put when the English
// changes: `command.cln.signIn.title`, `view.cln.licenses.name`, `config.cln.apiUrl.markdownDescription`,
// `viewsWelcome.cln.licenses.0.contents`, `walkthrough.<id>.step.<id>.description`, `category.cln`
// (one key per category, shared by the commands in it) …
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** True for a `%key%` reference. */
export const isReference = (value) => typeof value === 'string' && /^%[^%\s]+%$/.test(value);

/**
 * Every user-visible string position of a manifest, as `{ key, holder, field }` (`holder[field]`
 * is the string, plain or a reference). `key` is the key a plain string there gets.
 */
export function visibleStrings(manifest) {
  const found = [];
  const at = (holder, field, key) => {
    if (holder && typeof holder[field] === 'string' && holder[field] !== '') found.push({ key, holder, field });
  };
  const each = (holder, field, key) => {
    if (holder && Array.isArray(holder[field])) holder[field].forEach((_, i) => at(holder[field], i, `${key}.${i}`));
  };
  const slug = (text) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'category';
  const c = manifest.contributes ?? {};

  at(manifest, 'displayName', 'displayName');
  at(manifest, 'description', 'description');
  at(manifest.capabilities?.untrustedWorkspaces, 'description', 'capabilities.untrustedWorkspaces.description');

  for (const command of c.commands ?? []) {
    at(command, 'title', `command.${command.command}.title`);
    at(command, 'shortTitle', `command.${command.command}.shortTitle`);
    at(command, 'category', `category.${slug(String(command.category ?? ''))}`);
  }
  for (const [place, containers] of Object.entries(c.viewsContainers ?? {})) {
    for (const container of containers ?? []) at(container, 'title', `viewsContainer.${place}.${container.id}.title`);
  }
  for (const views of Object.values(c.views ?? {})) {
    for (const view of views ?? []) {
      at(view, 'name', `view.${view.id}.name`);
      at(view, 'contextualTitle', `view.${view.id}.contextualTitle`);
    }
  }
  const welcomeCount = new Map();
  for (const welcome of c.viewsWelcome ?? []) {
    const n = welcomeCount.get(welcome.view) ?? 0;
    welcomeCount.set(welcome.view, n + 1);
    at(welcome, 'contents', `viewsWelcome.${welcome.view}.${n}.contents`);
  }
  const configurations = Array.isArray(c.configuration) ? c.configuration : c.configuration ? [c.configuration] : [];
  configurations.forEach((section, i) => {
    at(section, 'title', `configuration.${section.id ?? i}.title`);
    for (const [name, property] of Object.entries(section.properties ?? {})) settingStrings(property, `config.${name}`);
  });
  function settingStrings(schema, key) {
    if (!schema || typeof schema !== 'object') return;
    for (const field of ['title', 'description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage', 'errorMessage', 'patternErrorMessage'])
      at(schema, field, `${key}.${field}`);
    for (const field of ['enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels']) each(schema, field, `${key}.${field}`);
    for (const [name, inner] of Object.entries(schema.properties ?? {})) settingStrings(inner, `${key}.${name}`);
    if (schema.items && !Array.isArray(schema.items)) settingStrings(schema.items, `${key}.items`);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') settingStrings(schema.additionalProperties, `${key}.additionalProperties`);
  }
  for (const submenu of c.submenus ?? []) at(submenu, 'label', `submenu.${submenu.id}.label`);
  for (const provider of c.authentication ?? []) at(provider, 'label', `authentication.${provider.id}.label`);
  for (const color of c.colors ?? []) at(color, 'description', `color.${color.id}.description`);
  for (const walkthrough of c.walkthroughs ?? []) {
    const base = `walkthrough.${walkthrough.id}`;
    at(walkthrough, 'title', `${base}.title`);
    at(walkthrough, 'description', `${base}.description`);
    for (const step of walkthrough.steps ?? []) {
      at(step, 'title', `${base}.step.${step.id}.title`);
      at(step, 'description', `${base}.step.${step.id}.description`);
      if (step.media) at(step.media, 'altText', `${base}.step.${step.id}.altText`);
    }
  }
  for (const tool of c.languageModelTools ?? []) {
    const base = `languageModelTool.${tool.name}`;
    at(tool, 'displayName', `${base}.displayName`);
    at(tool, 'userDescription', `${base}.userDescription`);
    at(tool, 'modelDescription', `${base}.modelDescription`);
  }
  for (const participant of c.chatParticipants ?? []) {
    const base = `chatParticipant.${participant.id}`;
    at(participant, 'fullName', `${base}.fullName`);
    at(participant, 'description', `${base}.description`);
    for (const command of participant.commands ?? []) at(command, 'description', `${base}.command.${command.name}.description`);
  }
  for (const definition of c.taskDefinitions ?? []) {
    for (const [name, property] of Object.entries(definition.properties ?? {})) settingStrings(property, `taskDefinition.${definition.type}.${name}`);
  }
  return found;
}

/** Converts `manifest` in place; returns the new bundle and what changed. */
export function convert(manifest, bundle) {
  const strings = visibleStrings(manifest);
  const next = { ...bundle };
  const referenced = new Set(strings.filter((s) => isReference(s.holder[s.field])).map((s) => s.holder[s.field].slice(1, -1)));
  const converted = [];
  for (const s of strings) {
    const value = s.holder[s.field];
    if (isReference(value)) continue;
    let key = s.key;
    // A key in use for other text (two entries that would share a name) gets a suffix.
    for (let n = 2; key in next && next[key] !== value && referenced.has(key); n++) key = `${s.key}.${n}`;
    next[key] = value;
    referenced.add(key);
    s.holder[s.field] = `%${key}%`;
    converted.push(key);
  }
  const unused = Object.keys(next).filter((key) => !referenced.has(key));
  for (const key of unused) delete next[key];
  return { bundle: next, converted, unused };
}

/** What is wrong with a manifest and its bundle, as sentences (empty when all is well). */
export function problems(manifest, bundle) {
  const found = [];
  const referenced = new Set();
  for (const s of visibleStrings(manifest)) {
    const value = s.holder[s.field];
    if (!isReference(value)) {
      found.push(`package.json holds plain text where "%${s.key}%" belongs: ${JSON.stringify(value.slice(0, 60))} (run \`npm run nls\`)`);
      continue;
    }
    const key = value.slice(1, -1);
    referenced.add(key);
    if (typeof bundle[key] !== 'string') found.push(`package.json refers to %${key}%, which package.nls.json does not define`);
  }
  // References anywhere else in the manifest count too (VS Code replaces them wherever they are).
  JSON.stringify(manifest, (_, v) => {
    if (isReference(v)) {
      const key = v.slice(1, -1);
      if (!referenced.has(key)) {
        referenced.add(key);
        if (typeof bundle[key] !== 'string') found.push(`package.json refers to %${key}%, which package.nls.json does not define`);
      }
    }
    return v;
  });
  for (const key of Object.keys(bundle)) if (!referenced.has(key)) found.push(`package.nls.json defines "${key}", which package.json does not use (run \`npm run nls\`)`);
  return found;
}

function readJson(file, fallback) {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : fallback;
}

function main() {
  // `--root DIR`: another checkout's manifest (the unit test converts copies in a temporary folder).
  const rootAt = process.argv.indexOf('--root');
  const root = rootAt > 0 ? path.resolve(process.argv[rootAt + 1]) : ROOT;
  const manifestFile = path.join(root, 'package.json');
  const bundleFile = path.join(root, 'package.nls.json');
  const manifest = readJson(manifestFile);
  const bundle = readJson(bundleFile, {});
  if (process.argv.includes('--check')) {
    const found = problems(manifest, bundle);
    for (const p of found) console.error(`nls: ${p}`);
    if (found.length) process.exitCode = 1;
    else console.log(`nls: package.json's user-visible strings are all in package.nls.json (${Object.keys(bundle).length} keys)`);
    return;
  }
  const { bundle: next, converted, unused } = convert(manifest, bundle);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  const bundleText = `${JSON.stringify(next, null, 2)}\n`;
  if (fs.readFileSync(manifestFile, 'utf8') !== manifestText) fs.writeFileSync(manifestFile, manifestText);
  if (!fs.existsSync(bundleFile) || fs.readFileSync(bundleFile, 'utf8') !== bundleText) fs.writeFileSync(bundleFile, bundleText);
  console.log(`nls: ${converted.length} string(s) moved to package.nls.json${unused.length ? `, ${unused.length} unused key(s) dropped` : ''} (${Object.keys(next).length} keys)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
