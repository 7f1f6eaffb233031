// Unit tests of the reconnect backoff. Run: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from '../../main/webapp/js/live.js';

test('shouldDoubleTheDelayWithEachAttempt', () => {
  assert.deepEqual([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, () => 1)), [500, 1000, 2000, 4000]);
});

test('shouldNeverWaitLongerThanTenSeconds', () => {
  assert.equal(backoffDelay(5, () => 1), 10_000);
  assert.equal(backoffDelay(50, () => 1), 10_000);
});

test('shouldSpreadRetriesOverTheUpperHalfOfTheDelay', () => {
  assert.equal(backoffDelay(3, () => 0), 2000);
  assert.equal(backoffDelay(3, () => 0.5), 3000);
  assert.equal(backoffDelay(50, () => 0), 5000);
});
