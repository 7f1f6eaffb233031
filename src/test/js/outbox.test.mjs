// Unit tests of the outbox: order, temporary ids, conflicts, retries, receipts. The test plays the server.
// Run: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTempId, MAX_SERVER_FAILURES, Outbox } from '../../main/webapp/js/outbox.js';
import { MemoryStore } from '../../main/webapp/js/outbox-store.js';

class HttpError extends Error {
  constructor(status, extra = {}) {
    super(`HTTP ${status}`);
    this.status = status;
    Object.assign(this, extra);
  }
}

/**
 * A server holding tasks with row versions, answering the outbox's sends as the API does; `failNext` queues
 * errors to throw instead. Records every request it got.
 */
class FakeServer {
  tasks = new Map();
  requests = [];
  failNext = [];
  #nextId = 100;
  #rowVersion = 1;
  version = 1000;

  put(task) {
    const stored = { completed: false, ...task, rowVersion: `rv${this.#rowVersion++}` };
    this.tasks.set(stored.id, stored);
    return stored;
  }

  send = async (op) => {
    this.requests.push(op);
    const failure = this.failNext.shift();
    if (failure) {
      throw failure;
    }
    if (op.kind === 'add') {
      const task = this.put({ id: this.#nextId++, listId: op.listId, title: op.title });
      return { task: { ...task }, changeVersion: ++this.version };
    }
    const task = this.tasks.get(op.taskId);
    if (!task) {
      throw new HttpError(404);
    }
    if (op.ifMatch !== null && op.ifMatch !== task.rowVersion) {
      throw new HttpError(412, { current: { ...task } });
    }
    if (op.kind === 'delete') {
      this.tasks.delete(op.taskId);
      return { task: null, changeVersion: ++this.version };
    }
    const updated = this.put({ ...task, ...op.changes });
    return { task: { ...updated }, changeVersion: ++this.version };
  };
}

/** Enqueues `op` and waits until the send it starts (if any) is over. */
async function enqueue(outbox, op) {
  const stored = await outbox.enqueue(op);
  await outbox.idle();
  return stored;
}

/** An outbox on `server`, loaded for alice; timers are recorded, not run, unless the test runs them. */
async function setUp({ server = new FakeServer(), store = new MemoryStore(), user = 'alice' } = {}) {
  const timers = [];
  const rejected = [];
  const sent = [];
  const outbox = new Outbox({
    store,
    send: server.send,
    onRejected: (op, error) => rejected.push({ op, error }),
    onSent: (op, result) => sent.push({ op, result }),
    schedule: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length;
    },
    random: () => 0,
  });
  await outbox.load(user);
  outbox.watch(7);
  return { outbox, server, store, timers, rejected, sent };
}

test('sends ops in the order the user made them, each with its own idempotency key', async () => {
  const { outbox, server } = await setUp();
  const milk = server.put({ id: 1, listId: 7, title: 'Milk' });
  server.put({ id: 2, listId: 7, title: 'Eggs' });
  server.failNext.push(new HttpError(0)); // offline: nothing goes out yet
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: 1, changes: { completed: true }, ifMatch: milk.rowVersion });
  await enqueue(outbox, { kind: 'delete', listId: 7, taskId: 2, ifMatch: null });
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });

  await outbox.kick();

  assert.deepEqual(server.requests.map((op) => op.kind), ['update', 'update', 'delete', 'add']);
  assert.equal(server.requests[0].key, server.requests[1].key, 'a retry carries the same key');
  assert.equal(new Set(server.requests.slice(1).map((op) => op.key)).size, 3, 'every op has a key of its own');
  assert.equal(outbox.ops().length, 0);
});

test('an op on a task added offline waits for the add and is sent with its real id and row version', async () => {
  const { outbox, server, store } = await setUp();
  server.failNext.push(new HttpError(0));
  const added = await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });
  assert.ok(isTempId(added.taskId));
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: added.taskId, changes: { title: 'Rye bread' }, ifMatch: null });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: added.taskId, changes: { completed: true }, ifMatch: null });

  await outbox.kick();

  const [, add, rename, complete] = server.requests;
  assert.equal(add.kind, 'add');
  assert.equal(rename.taskId, 100, 'the temporary id became the real one');
  assert.equal(rename.ifMatch, 'rv1', 'the add\'s answer gave the version it expects');
  assert.equal(complete.taskId, 100);
  assert.equal(complete.ifMatch, 'rv2', 'made on top of the rename, so it expects the rename\'s version');
  assert.deepEqual({ ...server.tasks.get(100), rowVersion: undefined },
    { id: 100, listId: 7, title: 'Rye bread', completed: true, rowVersion: undefined });
  assert.deepEqual(await store.load(), []);
});

test('a temporary id is rewritten in storage too, so that a reload before the edit is sent keeps the mapping', async () => {
  const store = new MemoryStore();
  const { outbox, server } = await setUp({ store });
  server.failNext.push(new HttpError(0));
  const added = await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: added.taskId, changes: { title: 'Rye' }, ifMatch: null });
  server.failNext.push(undefined, new HttpError(0)); // the add goes through, then the network drops again
  await outbox.kick();

  const [stored] = await store.load();
  assert.equal(stored.taskId, 100);
  assert.equal(stored.ifMatch, 'rv1');
});

test('an op made on an added task\'s row after its answer arrived still gets the real id and version', async () => {
  const { outbox, server } = await setUp();
  const added = await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: added.taskId, changes: { title: 'Rye' }, ifMatch: null });

  assert.deepEqual(server.requests.map((op) => [op.taskId, op.ifMatch]), [[added.taskId, null], [100, 'rv1']]);
  assert.equal(server.tasks.get(100).title, 'Rye');
});

test('ops survive a reload: a new outbox on the same store sends them, and only the signed-in user\'s', async () => {
  const store = new MemoryStore();
  const first = await setUp({ store });
  first.server.failNext.push(new HttpError(0));
  await enqueue(first.outbox, { kind: 'add', listId: 7, title: 'Bread' });
  await enqueue(first.outbox, { kind: 'add', listId: 7, title: 'Jam' });
  await store.put({ seq: 99, user: 'bob', kind: 'add', listId: 7, title: 'Bob\'s', key: 'k', state: 'queued', taskId: 'tmp-k' });

  const server = new FakeServer();
  const reloaded = await setUp({ server, store });
  await reloaded.outbox.kick();

  assert.deepEqual(server.requests.map((op) => op.title), ['Bread', 'Jam']);
  assert.deepEqual((await store.load()).map((op) => op.user), ['bob'], 'bob\'s op waits for bob');
  const next = await enqueue(reloaded.outbox, { kind: 'add', listId: 7, title: 'Tea' });
  assert.ok(next.seq > 99, 'sequence numbers continue after every stored op');
});

test('a 412 is a conflict: kept with the other person\'s version, not sent again, ops on other tasks go on', async () => {
  const { outbox, server } = await setUp();
  const milk = server.put({ id: 1, listId: 7, title: 'Milk' });
  const eggs = server.put({ id: 2, listId: 7, title: 'Eggs' });
  server.failNext.push(new HttpError(0));
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: 1, changes: { title: 'Oat milk' }, ifMatch: milk.rowVersion });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: 1, changes: { completed: true }, ifMatch: milk.rowVersion });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: 2, changes: { completed: true }, ifMatch: eggs.rowVersion });
  const theirs = server.put({ ...milk, title: 'Soy milk' }); // bob, first

  await outbox.kick();

  const [conflict, held] = outbox.ops();
  assert.equal(conflict.state, 'conflict');
  assert.equal(conflict.current.title, 'Soy milk');
  assert.equal(held.state, 'queued', 'the later op on the same task waits for the decision');
  assert.equal(server.tasks.get(2).completed, true, 'the other task\'s op went out');
  assert.equal(server.tasks.get(1).title, 'Soy milk', 'nothing overwritten');
  assert.deepEqual(outbox.blocked().map((op) => op.seq), [conflict.seq]);
  assert.deepEqual(outbox.overlay(7, [...server.tasks.values()]).find((task) => task.id === 1),
    { ...theirs, title: 'Oat milk', completed: true, pending: true, conflict: true });
});

test('re-applying a conflict resends it against the current version, with a new key, and the held ops follow', async () => {
  const { outbox, server } = await setUp();
  const milk = server.put({ id: 1, listId: 7, title: 'Milk' });
  server.put({ ...milk, title: 'Soy milk' });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: 1, changes: { title: 'Oat milk' }, ifMatch: milk.rowVersion });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: 1, changes: { completed: true }, ifMatch: milk.rowVersion });
  await outbox.kick();
  const [conflict] = outbox.blocked();

  await outbox.reapply(conflict.seq);

  assert.deepEqual(outbox.ops(), []);
  assert.equal(server.tasks.get(1).title, 'Oat milk');
  assert.equal(server.tasks.get(1).completed, true);
  const resent = server.requests.filter((op) => op.changes?.title === 'Oat milk');
  assert.equal(resent.length, 2);
  assert.notEqual(resent[0].key, resent[1].key);
});

test('discarding a conflict drops it and the later ops on that task: the other person\'s version stands', async () => {
  const { outbox, server } = await setUp();
  const milk = server.put({ id: 1, listId: 7, title: 'Milk' });
  server.put({ ...milk, title: 'Soy milk' });
  await enqueue(outbox, { kind: 'delete', listId: 7, taskId: 1, ifMatch: milk.rowVersion });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: 1, changes: { completed: true }, ifMatch: milk.rowVersion });
  await outbox.kick();

  await outbox.discard(outbox.blocked()[0].seq);

  assert.deepEqual(outbox.ops(), []);
  assert.equal(server.tasks.get(1).title, 'Soy milk');
  assert.equal(server.tasks.get(1).completed, false);
});

test('another 4xx is reported, the op and the ops depending on it dropped, and the queue goes on', async () => {
  const { outbox, server, rejected } = await setUp();
  server.failNext.push(new HttpError(0));
  const add = await enqueue(outbox, { kind: 'add', listId: 7, title: 'x'.repeat(501) });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: add.taskId, changes: { completed: true }, ifMatch: null });
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'Jam' });
  server.failNext.push(new HttpError(400, { detail: 'title: at most 500 characters' }));

  await outbox.kick();

  assert.equal(rejected.length, 1);
  assert.equal(rejected[0].error.status, 400);
  assert.deepEqual([...server.tasks.values()].map((task) => task.title), ['Jam']);
  assert.deepEqual(outbox.ops(), []);
});

test('deleting a task someone else deleted first is no error', async () => {
  const { outbox, rejected } = await setUp();
  await enqueue(outbox, { kind: 'delete', listId: 7, taskId: 5, ifMatch: 'rv9' });
  await outbox.kick();
  assert.deepEqual(rejected, []);
  assert.deepEqual(outbox.ops(), []);
});

test('network failures keep the op queued and retry with backoff; kick() retries at once', async () => {
  const { outbox, server, timers } = await setUp();
  server.failNext.push(new HttpError(0), new HttpError(0));
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });
  assert.equal(outbox.unreachable, true);
  assert.equal(timers.length, 1);
  assert.equal(timers[0].ms, 250, 'half of the first 0.5 s backoff step (random 0)');

  await outbox.kick(); // the network came back ('online'): no waiting for the timer
  assert.equal(timers.length, 2);
  assert.ok(timers[1].ms > timers[0].ms, 'backs off further');
  await outbox.kick();

  assert.equal(outbox.unreachable, false);
  assert.deepEqual(outbox.ops(), []);
  assert.equal(server.tasks.size, 1);
});

test('an op the server keeps failing is set aside, so that the queue is not blocked forever', async () => {
  const { outbox, server } = await setUp();
  for (let i = 0; i < MAX_SERVER_FAILURES; i++) {
    server.failNext.push(new HttpError(500, { detail: 'boom' }));
  }
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });
  for (let i = 1; i < MAX_SERVER_FAILURES; i++) {
    await outbox.kick();
  }
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'Jam' });
  await outbox.kick();

  const [failed] = outbox.blocked();
  assert.equal(failed.state, 'failed');
  assert.equal(failed.title, 'Bread');
  assert.deepEqual([...server.tasks.values()].map((task) => task.title), ['Jam']);

  await outbox.reapply(failed.seq);
  assert.deepEqual([...server.tasks.values()].map((task) => task.title), ['Jam', 'Bread']);
});

test('being too fast (429) or the same key still in flight (409) never sets an op aside', async () => {
  const { outbox, server } = await setUp();
  for (let i = 0; i < MAX_SERVER_FAILURES; i++) {
    server.failNext.push(new HttpError(429, { retryAfterMs: 1000 }), new HttpError(409));
  }
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });
  for (let i = 1; i < 2 * MAX_SERVER_FAILURES; i++) {
    await outbox.kick();
  }
  assert.deepEqual(outbox.blocked(), []);
  await outbox.kick();
  assert.deepEqual([...server.tasks.values()].map((task) => task.title), ['Bread']);
});

test('a 401 stops the queue with every op kept, until the next kick', async () => {
  const { outbox, server } = await setUp();
  server.failNext.push(new HttpError(401));
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });
  assert.equal(outbox.ops().length, 1);
  await outbox.kick();
  assert.equal(outbox.ops().length, 0);
});

test('a sent op stays pending until the stream confirms its change version', async () => {
  const { outbox, server } = await setUp();
  const milk = server.put({ id: 1, listId: 7, title: 'Milk' });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: 1, changes: { completed: true }, ifMatch: milk.rowVersion });
  const version = server.version;
  const shown = () => outbox.overlay(7, [server.tasks.get(1)])[0];
  assert.equal(shown().pending, true, 'answered, but not yet seen on the stream');
  assert.equal(outbox.pendingCount, 1);

  assert.equal(outbox.noteEvent({ listId: 7, taskId: 2, version }), false, 'another task at the same version proves nothing');
  assert.equal(outbox.noteEvent({ listId: 8, taskId: 1, version: version + 5 }), false, 'another list proves nothing');
  assert.equal(outbox.noteComplete(7, version - 1), false);
  assert.equal(outbox.noteEvent({ listId: 7, taskId: 1, version }), true, 'its own task at its version');
  assert.equal(shown().pending, undefined);
  assert.equal(outbox.pendingCount, 0);
});

test('a receipt is confirmed by a complete version (keep-alive, join, snapshot) or any later event of the list', async () => {
  const { outbox, server } = await setUp();
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'A' });
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'B' });
  const [a, b] = [server.version - 1, server.version];
  assert.equal(outbox.noteEvent({ listId: 7, taskId: 999, version: b }), true, 'a later version completes A\'s');
  assert.equal(outbox.pendingCount, 1);
  assert.equal(outbox.noteComplete(7, a), false);
  assert.equal(outbox.noteComplete(7, b), true);
  assert.equal(outbox.pendingCount, 0);
});

test('the overlay applies unsent ops over the server\'s tasks, adds last', async () => {
  const { outbox, server } = await setUp();
  const tasks = [server.put({ id: 1, listId: 7, title: 'Milk' }), server.put({ id: 2, listId: 7, title: 'Eggs' })];
  server.failNext.push(new HttpError(0));
  const add = await enqueue(outbox, { kind: 'add', listId: 7, title: 'Bread' });
  await enqueue(outbox, { kind: 'delete', listId: 7, taskId: 1, ifMatch: tasks[0].rowVersion });
  await enqueue(outbox, { kind: 'update', listId: 7, taskId: add.taskId, changes: { completed: true }, ifMatch: null });
  await enqueue(outbox, { kind: 'add', listId: 8, title: 'Elsewhere' });

  const shown = outbox.overlay(7, tasks);

  assert.deepEqual(shown.map((task) => [task.id === add.taskId ? 'new' : task.id, task.title, task.completed, task.pending]),
    [[2, 'Eggs', false, undefined], ['new', 'Bread', true, true]]);
});

test('receipts are kept only for the list on screen: another list\'s write is settled on its answer', async () => {
  const { outbox } = await setUp();
  await enqueue(outbox, { kind: 'add', listId: 7, title: 'Here' });
  await enqueue(outbox, { kind: 'add', listId: 8, title: 'Elsewhere' });
  assert.equal(outbox.pendingCount, 1, 'only list 7 waits for its stream');

  outbox.watch(8);

  assert.equal(outbox.pendingCount, 0, 'list 7 is no longer followed: its receipt cannot arrive');
});
