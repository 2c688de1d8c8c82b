/**
 * Exports hand nothing out (issue 19, item 1), at the unit tier: the extension activated in plain
 * Node (a stand-in `vscode`, test/unit/support/exportsChild.ts) in each ExtensionMode, and what
 * `activate` returned read as another extension reads `getExtension(...).exports`. Outside the test
 * mode it is exactly the documented PublicApi of src/api.ts, version 1: a frozen plain object of two
 * numbers. A field added to it (or to the interface) fails here until the doc and this test say so.
 * The attack itself, a second extension installed beside ours in a real window, is
 * test/ui/attack.exports.test.mjs.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { PUBLIC_API_VERSION, type PublicApi } from '../../../src/features/api';
import type { ExportsShape } from '../support/exportsChild';

const CHILD = path.join(__dirname, '..', 'support', 'exportsChild.js');
const MODES = { Production: 1, Development: 2, Test: 3 } as const;

/** Every field of PublicApi, said once more: a field added to the interface fails to compile here. */
const DOCUMENTED: { readonly [K in keyof Required<PublicApi>]: string } = { apiVersion: 'number', activationMs: 'number' };

function exportsIn(mode: number): ExportsShape {
  const out = execFileSync(process.execPath, [CHILD, String(mode)], { encoding: 'utf8', timeout: 30_000 });
  const line = JSON.parse(out.trim().split('\n').pop()!);
  if (line.error) throw new Error(`activate failed in mode ${mode}: ${line.error}`);
  return line as ExportsShape;
}

describe('attack: the exports another extension reads', function () {
  this.timeout(60_000);

  for (const mode of ['Production', 'Development'] as const) {
    it(`in ${mode} mode: only the documented PublicApi v${PUBLIC_API_VERSION}, frozen, two numbers, no accessor, no object`, () => {
      const shape = exportsIn(MODES[mode]);
      assert.deepEqual(Object.keys(shape.properties).sort(), Object.keys(DOCUMENTED).sort(), 'the fields are the ones api.ts documents');
      for (const [key, type] of Object.entries(DOCUMENTED)) assert.equal(shape.properties[key].type, type, `${key} is a ${type} value, not a getter or an object`);
      assert.equal(shape.properties.apiVersion.value, 1);
      assert.ok(Number(shape.properties.activationMs.value) >= 0);
      assert.equal(shape.frozen, true, 'frozen: no extension can add or replace a field');
      assert.equal(shape.prototype, 'Object.prototype', 'no prototype of ours');
    });
  }

  it('in Test mode only, the internals the extension-host tests drive (the switch is the mode, nothing else)', () => {
    const shape = exportsIn(MODES.Test);
    for (const key of ['session', 'ui', 'journal', 'licenses']) assert.equal(shape.properties[key]?.type, 'object', key);
  });
});
