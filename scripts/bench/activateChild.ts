/**
 * Run as its own process (a cold module cache): loads dist/extension.js with
 * the stand-in `vscode` module, calls `activate`, and prints one JSON line:
 * load and activate times, and the network connections opened during
 * activation and the half second after it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { contextStandIn, vscodeStandIn } from './vscodeStub';

const Module = require('node:module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const http = require('node:http') as typeof import('node:http');
const https = require('node:https') as typeof import('node:https');
const net = require('node:net') as typeof import('node:net');

export interface ActivationSample {
  loadMs: number;
  activateMs: number;
  /** From this process's start (performance.timeOrigin) to activate() resolved: what a cold start costs in all. */
  processMs: number;
  /** Connections and HTTP requests started during activate(). */
  requestsDuringActivation: number;
  /** ... and during the 500 ms after it. */
  requestsAfter: number;
  error?: string;
}

function countConnections(): () => number {
  let count = 0;
  const wrap = <T extends object>(owner: T, name: keyof T) => {
    const original = owner[name] as unknown as (...args: unknown[]) => unknown;
    (owner as Record<keyof T, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  };
  wrap(http, 'request');
  wrap(http, 'get');
  wrap(https, 'request');
  wrap(https, 'get');
  wrap(net, 'connect');
  wrap(net, 'createConnection');
  if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch');
  return () => count;
}

/** Built-ins the bundle needs at load that an extension host has loaded long before any extension. */
const HOST_LOADED = ['crypto', 'net', 'os', 'path', 'url', 'http', 'https', 'stream'];

async function main(root: string, bundle?: string): Promise<ActivationSample> {
  for (const name of HOST_LOADED) require(`node:${name}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vscode = vscodeStandIn(root, manifest);
  const load = Module._load;
  Module._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
  const connections = countConnections();
  const context = contextStandIn(root, manifest);

  const t0 = performance.now();
  const extension = require(bundle ?? path.join(root, manifest.main)) as { activate(context: unknown): unknown };
  const t1 = performance.now();
  let error: string | undefined;
  try {
    await extension.activate(context);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const t2 = performance.now();
  const processMs = t2;
  const during = connections();
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { loadMs: t1 - t0, activateMs: t2 - t1, processMs, requestsDuringActivation: during, requestsAfter: connections() - during, error };
}

main(process.argv[2] ?? process.cwd(), process.argv[3]).then(
  (sample) => {
    process.stdout.write(`${JSON.stringify(sample)}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    process.stdout.write(`${JSON.stringify({ error: e instanceof Error ? e.stack : String(e) })}\n`);
    process.exit(1);
  },
);
