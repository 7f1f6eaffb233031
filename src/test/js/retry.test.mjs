// Unit tests of the reconnect backoff and the SignalR retry policy. Run: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, foreverRetryPolicy } from '../../main/webapp/js/retry.js';

test('shouldDoubleTheDelayWithEachAttempt', () => {
  assert.deepEqual([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, () => 1)), [500, 1000, 2000, 4000]);
});

test('shouldNeverWaitLongerThanTenSeconds', () => {
  assert.equal(backoffDelay(5, () => 1), 10_000);
  assert.equal(backoffDelay(50, () => 1), 10_000);
  assert.equal(backoffDelay(5000, () => 1), 10_000);
});

test('shouldSpreadRetriesOverTheUpperHalfOfTheDelay', () => {
  assert.equal(backoffDelay(3, () => 0), 2000);
  assert.equal(backoffDelay(3, () => 0.5), 3000);
  assert.equal(backoffDelay(50, () => 0), 5000);
});

test('shouldBackOffByThePreviousRetryCountOfTheClientsRetryContext', () => {
  const policy = foreverRetryPolicy(() => 1);
  const delays = [0, 1, 2, 3, 4, 5].map((previousRetryCount) =>
    policy.nextRetryDelayInMilliseconds({ previousRetryCount, elapsedMilliseconds: 0, retryReason: new Error('drop') }));
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 10_000]);
});

test('shouldRetryForeverWhichTheClientReadsAsAnythingButNull', () => {
  const policy = foreverRetryPolicy(() => 0);
  const day = 24 * 60 * 60 * 1000;
  const delay = policy.nextRetryDelayInMilliseconds({ previousRetryCount: 100_000, elapsedMilliseconds: day, retryReason: new Error('down') });
  assert.equal(delay, 5000);
});
