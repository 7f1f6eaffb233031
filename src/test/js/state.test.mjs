// Unit tests of the browser's event-applying state. Run: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ListState } from '../../main/webapp/js/state.js';

const LIST = { id: 7, name: 'Groceries', createdAt: '2025-01-01T00:00:00Z' };

function task(id, title, completed = false) {
  return { id, listId: LIST.id, title, completed, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' };
}

function event(version, action, t, taskId = t.id) {
  return { version, action, listId: LIST.id, taskId, task: action === 'deleted' ? null : t };
}

function loaded(version = 10, tasks = [task(1, 'milk')]) {
  const state = new ListState();
  state.load({ list: LIST, tasks, version });
  return state;
}

test('shouldLoadSnapshotTasksInCreationOrder', () => {
  const state = loaded(10, [task(3, 'c'), task(1, 'a'), task(2, 'b')]);
  assert.deepEqual(state.tasks().map((t) => t.title), ['a', 'b', 'c']);
  assert.equal(state.version, 10);
  assert.equal(state.resumeVersion, 10);
});

test('shouldIgnoreEventsTheSnapshotAlreadyReflects', () => {
  const state = loaded(10);
  assert.equal(state.apply(event(10, 'added', task(2, 'eggs'))), false);
  assert.equal(state.apply(event(9, 'updated', task(1, 'old milk'))), false);
  assert.deepEqual(state.tasks().map((t) => t.title), ['milk']);
});

test('shouldUpsertAddedUpdatedAndCompletedTasks', () => {
  const state = loaded(10);
  assert.equal(state.apply(event(11, 'added', task(2, 'eggs'))), true);
  assert.equal(state.apply(event(12, 'updated', task(2, 'brown eggs'))), true);
  assert.equal(state.apply(event(13, 'completed', task(1, 'milk', true))), true);
  assert.deepEqual(state.tasks(), [task(1, 'milk', true), task(2, 'brown eggs')]);
  assert.equal(state.version, 13);
});

test('shouldRemoveDeletedTasksForGood', () => {
  const state = loaded(10);
  assert.equal(state.apply(event(11, 'deleted', null, 1)), true);
  assert.equal(state.apply(event(12, 'updated', task(1, 'ghost'))), false);
  assert.deepEqual(state.tasks(), []);
});

test('shouldApplyAReplayedEventOnlyOnce', () => {
  const state = loaded(10);
  assert.equal(state.apply(event(11, 'updated', task(1, 'oat milk'))), true);
  assert.equal(state.apply(event(11, 'updated', task(1, 'oat milk'))), false);
  assert.equal(state.apply(event(12, 'updated', task(1, 'soy milk'))), true);
  assert.equal(state.apply(event(11, 'updated', task(1, 'oat milk'))), false);
  assert.equal(state.task(1).title, 'soy milk');
});

test('shouldApplyEveryTaskOfOneTransactionSharingAVersion', () => {
  const state = loaded(10, []);
  state.apply(event(11, 'added', task(1, 'a')));
  state.apply(event(11, 'added', task(2, 'b')));
  state.apply(event(11, 'added', task(3, 'c')));
  assert.deepEqual(state.tasks().map((t) => t.title), ['a', 'b', 'c']);
});

test('shouldResumeFromTheNewestVersionKnownToBeComplete', () => {
  const state = loaded(10, []);
  state.apply(event(11, 'added', task(1, 'a')));
  // Version 11 may still have more rows on the way: resume from 10 so they are not lost.
  assert.equal(state.resumeVersion, 10);
  state.apply(event(11, 'added', task(2, 'b')));
  assert.equal(state.resumeVersion, 10);
  state.apply(event(14, 'added', task(3, 'c')));
  assert.equal(state.resumeVersion, 11);
  assert.equal(state.version, 14);
  // The replay of version 14 after a reconnect changes nothing and does not move the cursor back.
  assert.equal(state.apply(event(14, 'added', task(3, 'c'))), false);
  assert.equal(state.resumeVersion, 11);
});

test('shouldIgnoreEventsOfOtherLists', () => {
  const state = loaded(10);
  assert.equal(state.apply({ ...event(11, 'added', task(2, 'x')), listId: 99 }), false);
  assert.equal(state.version, 10);
});

test('shouldApplyOwnWritesAtOnceAndTheirEventsIdempotently', () => {
  const state = loaded(10);
  assert.equal(state.upsertLocal(task(2, 'eggs')), true);
  assert.equal(state.tasks().length, 2);
  assert.equal(state.apply(event(11, 'added', task(2, 'eggs'))), true);
  assert.deepEqual(state.task(2), task(2, 'eggs'));
});

test('shouldNotLetAStaleEventResurrectATaskDeletedLocally', () => {
  const state = loaded(10);
  state.removeLocal(1);
  assert.equal(state.apply(event(11, 'updated', task(1, 'edited elsewhere before the delete'))), false);
  assert.equal(state.upsertLocal(task(1, 'late response')), false);
  assert.deepEqual(state.tasks(), []);
});

test('shouldForgetDeletionsWhenASnapshotIsLoaded', () => {
  const state = loaded(10);
  state.removeLocal(1);
  state.load({ list: LIST, tasks: [task(1, 'milk')], version: 20 });
  assert.equal(state.tasks().length, 1);
  assert.equal(state.resumeVersion, 20);
});

test('shouldCountMemberChangesOfTheListTowardsTheResumeVersion', () => {
  const state = loaded(10);
  state.apply(event(11, 'added', task(2, 'eggs')));
  state.noteVersion({ version: 12, action: 'added', listId: LIST.id, user: 'bob', role: 'reader' });

  assert.equal(state.version, 12);
  assert.equal(state.resumeVersion, 11);
  assert.deepEqual(state.tasks().map((t) => t.title), ['milk', 'eggs']);
});

test('shouldIgnoreMemberChangesOfOtherListsAndOlderVersions', () => {
  const state = loaded(10);
  state.noteVersion({ version: 15, action: 'added', listId: 8, user: 'alice', role: 'owner' });
  state.noteVersion({ version: 9, action: 'removed', listId: LIST.id, user: 'bob', role: null });

  assert.equal(state.version, 10);
  assert.equal(state.resumeVersion, 10);
});
