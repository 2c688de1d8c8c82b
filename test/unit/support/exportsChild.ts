/**
 * Run as its own process (a cold module cache): activates the extension as tsc compiled it
 * (out/src/extension.js) in plain Node, with the benchmark's stand-in `vscode` module and a
 * context whose `extensionMode` is argv[2] (1 Production, 2 Development, 3 Test, as VS Code
 * numbers them), and prints one JSON line describing what `activate` returned: its prototype,
 * whether it is frozen, and each own property (a value's type and, for a primitive, the value;
 * or that it is an accessor).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contextStandIn, vscodeStandIn } from '../../../scripts/bench/vscodeStub';

const Module = require('node:module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };

export interface ExportsShape {
  prototype: 'Object.prototype' | 'null' | 'other';
  frozen: boolean;
  properties: Record<string, { type: string; value?: string | number | boolean; accessor?: true }>;
}

function describe(value: unknown): ExportsShape {
  if (value === null || typeof value !== 'object') throw new Error(`activate returned ${value === null ? 'null' : typeof value}`);
  const proto = Object.getPrototypeOf(value);
  const properties: ExportsShape['properties'] = {};
  for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if (!('value' in descriptor)) properties[key] = { type: 'accessor', accessor: true };
    else {
      const v: unknown = descriptor.value;
      properties[key] = ['string', 'number', 'boolean'].includes(typeof v) ? { type: typeof v, value: v as string | number | boolean } : { type: v === null ? 'null' : typeof v };
    }
  }
  for (const symbol of Object.getOwnPropertySymbols(value)) properties[String(symbol)] = { type: 'symbol-keyed' };
  return { prototype: proto === Object.prototype ? 'Object.prototype' : proto === null ? 'null' : 'other', frozen: Object.isFrozen(value), properties };
}

function main(root: string, mode: number): ExportsShape {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vscode = vscodeStandIn(root, manifest);
  vscode.ExtensionMode = { Production: 1, Development: 2, Test: 3 };
  const load = Module._load;
  Module._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
  const context = contextStandIn(root, manifest);
  context.extensionMode = mode;
  const extension = require(path.join(root, 'out', 'src', 'extension.js')) as { activate(context: unknown): unknown };
  return describe(extension.activate(context));
}

try {
  const shape = main(path.resolve(__dirname, '..', '..', '..', '..'), Number(process.argv[2]));
  process.stdout.write(`${JSON.stringify(shape)}\n`);
  process.exit(0);
} catch (e) {
  process.stdout.write(`${JSON.stringify({ error: e instanceof Error ? e.stack : String(e) })}\n`);
  process.exit(1);
}
