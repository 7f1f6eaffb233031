// Unit tests of the sync status line.
// Run: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockTime, syncStatus } from '../../main/webapp/js/sync.js';

const now = new Date(2026, 11, 2, 15, 4, 5).getTime();

test('connected and heard from recently: synced', () => {
  assert.deepEqual(syncStatus({ connected: true, reachable: true, lastHeardAt: now - 20_000, now, pending: 0 }),
    { state: 'synced', text: 'synced' });
});

test('connected but silent for more than two keep-alive periods: synced as of the last time heard', () => {
  const status = syncStatus({ connected: true, reachable: true, lastHeardAt: now - 31_000, now, pending: 0 });
  assert.equal(status.state, 'stale');
  assert.equal(status.text, `synced as of ${clockTime(now - 31_000)}`);
  assert.match(status.text, /^synced as of \d\d:\d\d:\d\d$/);
});

test('offline, or writes not reaching the server: offline with the number of changes pending', () => {
  assert.equal(syncStatus({ connected: false, reachable: true, lastHeardAt: now, now, pending: 3 }).text, 'offline — 3 changes pending');
  assert.equal(syncStatus({ connected: true, reachable: false, lastHeardAt: now, now, pending: 1 }).text, 'offline — 1 change pending');
  assert.equal(syncStatus({ connected: false, reachable: true, lastHeardAt: null, now, pending: 0 }).text, 'offline');
});

test('online with changes not yet confirmed by the stream: saving', () => {
  assert.deepEqual(syncStatus({ connected: true, reachable: true, lastHeardAt: now, now, pending: 2 }),
    { state: 'saving', text: 'saving — 2 changes pending' });
});

test('clock time is hh:mm:ss, 24-hour, zero-padded', () => {
  assert.equal(clockTime(new Date(2026, 0, 1, 7, 3, 9).getTime()), '07:03:09');
  assert.equal(clockTime(new Date(2026, 0, 1, 19, 45, 0).getTime()), '19:45:00');
});
