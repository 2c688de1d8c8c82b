import * as assert from 'node:assert/strict';
import { ClnError } from '../../../src/cln/errors';

/** The ClnError `promise` rejects with; fails the test when it succeeds or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<ClnError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ClnError, `expected a ClnError, got ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded, expected an error');
}
