/**
 * The user's task writes on their way to the server: adds, edits, completions and deletes apply on the page at
 * once and wait here, persisted (IndexedDB in the browser, see outbox-store.js), until the server has taken them.
 *
 * Pure logic, no DOM and no network of its own (the app passes `send`), so the rules can be unit-tested with
 * `node --test`:
 * - **In order.** Ops go out one at a time, oldest first. An op on a task waits for every earlier op on that task;
 *   a task added here has a temporary id (`tmp-…`) until its add is answered, then every later op on it is
 *   rewritten to the real id (and persisted so, in case the page reloads before they are sent).
 * - **Idempotent.** Every op gets its own `Idempotency-Key` when the user acts; a resend after a lost answer
 *   carries the same key, so the server applies it once and answers as the first time.
 * - **No lost updates.** An edit or delete carries `If-Match` with the row version the user saw; when the op
 *   before it on the same task succeeds, it carries that answer's row version instead (it was made on top of it).
 *   A `412` makes the op a *conflict*: kept, with the other person's version (`current`), until the user re-applies
 *   theirs (resent against that version) or discards it. Never silently dropped, never silently overwritten.
 * - **Never stuck.** Network failures, `5xx`, `408`, `409` (the same key still in flight) and `429` keep the op
 *   queued and retry with backoff; the app retries at once when the network returns. An op that fails with a
 *   server error (`5xx`, `408`) {@link MAX_SERVER_FAILURES} times in a row is set aside as *failed* (shown, with "try again"
 *   and "discard"), so that one op cannot block the queue forever; so is a conflict: ops on other tasks go on.
 *   Any other `4xx` is the user's to know: reported through `onRejected`, the op (and the ops that depend on it)
 *   dropped. A `401` stops the queue as it is: it is sent after the user signs in again.
 * - **Write receipts.** A sent op stays *pending* until the list's stream has delivered its commit: the answer's
 *   `X-Change-Version` V is confirmed once the stream has delivered every version up to V completely, or has
 *   delivered the op's own task at a version ≥ V, or any event of the list at a version > V (versions arrive in
 *   order, so everything up to V came before it). See docs/offline.md.
 */
import { backoffDelay } from './retry.js';

/** How many server errors in a row set an op aside as failed (the user decides what to do with it). */
export const MAX_SERVER_FAILURES = 5;

const TEMP_PREFIX = 'tmp-';

/** Whether `taskId` is a temporary id given to a task added here and not yet answered. */
export const isTempId = (taskId) => typeof taskId === 'string' && taskId.startsWith(TEMP_PREFIX);

/** A fresh idempotency key: 32 random hex digits (RFC 4122 layout is not needed, uniqueness is). */
export function newKey(random = globalThis.crypto) {
  if (typeof random.randomUUID === 'function') {
    return random.randomUUID();
  }
  const bytes = random.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether a failed send is worth trying again unchanged. */
export function isRetryable(error) {
  const status = error?.status ?? 0;
  return status === 0 || status >= 500 || status === 408 || status === 409 || status === 429;
}

export class Outbox {
  #store;
  #send;
  #onChange;
  #onSent;
  #onRejected;
  #schedule;
  #random;
  #user = null;
  /** Queued, conflicting and failed ops of the user, in the order the user made them. */
  #ops = [];
  /** Sent ops waiting for the stream to deliver their commit: `{listId, taskId, version}`, of the watched list. */
  #receipts = [];
  /** The list on screen, whose stream is followed: only its receipts can arrive (see {@link watch}). */
  #watched = null;
  /** Temporary ids of tasks added here → `{id, rowVersion}` from the add's answer, for ops made on a stale row. */
  #added = new Map();
  #nextSeq = 1;
  #draining = null;
  #attempt = 0;
  #timer = null;
  #unreachable = false;
  #stopped = false;

  /**
   * @param {object} options
   * @param {{load: Function, put: Function, delete: Function}} options.store where ops survive a reload
   * @param {(op: object) => Promise<{task: ?object, changeVersion: ?number}>} options.send sends one op with its
   *        `If-Match` (`op.ifMatch`, null: none) and `Idempotency-Key` (`op.key`); rejects with an error carrying
   *        `status` (0: no answer) and, for a `412`, `current` (the task as it is now)
   * @param {() => void} [options.onChange] the ops, receipts or reachability changed: re-render
   * @param {(op: object, result: object) => void} [options.onSent] the server took `op`; `result.task` is the task
   *        as it is now (null after a delete)
   * @param {(op: object, error: object) => void} [options.onRejected] the server refused `op` for good (a `4xx`
   *        other than a conflict); it and the ops that depended on it are dropped
   * @param {(fn: Function, ms: number) => any} [options.schedule] setTimeout, replaceable in tests
   */
  constructor({ store, send, onChange = () => {}, onSent = () => {}, onRejected = () => {}, schedule, random = Math.random }) {
    this.#store = store;
    this.#send = send;
    this.#onChange = onChange;
    this.#onSent = onSent;
    this.#onRejected = onRejected;
    this.#schedule = schedule ?? ((fn, ms) => setTimeout(fn, ms));
    this.#random = random;
  }

  /** Keeps ops in `store` from now on (the app opens IndexedDB only once it knows who is signed in). */
  useStore(store) {
    this.#store = store;
  }

  /** Loads the ops `user` left unsent (earlier in this browser, maybe before a reload); other users' stay stored. */
  async load(user) {
    this.#user = user;
    const stored = await this.#store.load();
    // Ops made before we knew who is signed in (a very quick user) come after the stored ones.
    const early = this.#ops;
    this.#ops = stored.filter((op) => op.user === user).sort((a, b) => a.seq - b.seq);
    this.#nextSeq = stored.reduce((max, op) => Math.max(max, op.seq), 0) + 1;
    for (const op of early) {
      Object.assign(op, { user, seq: this.#nextSeq++ });
      this.#ops.push(op);
      await this.#store.put(op);
    }
    this.#onChange();
  }

  /** Every op not yet taken by the server, oldest first (copies). */
  ops() {
    return this.#ops.map((op) => ({ ...op }));
  }

  /** Ops the user has to decide about: `412` conflicts and ops set aside as failed. */
  blocked() {
    return this.ops().filter((op) => op.state !== 'queued');
  }

  /** Changes not yet confirmed by the stream: unsent ops and sent ones awaiting their receipt. */
  get pendingCount() {
    return this.#ops.length + this.#receipts.length;
  }

  /** True after a send got no answer (network down, server unreachable), until one gets an answer again. */
  get unreachable() {
    return this.#unreachable;
  }

  /**
   * Records a user's write and starts sending. `op` is one of
   * `{kind: 'add', listId, title}` (its temporary `taskId` is made here and returned),
   * `{kind: 'update', listId, taskId, changes, ifMatch}` or `{kind: 'delete', listId, taskId, ifMatch}`,
   * `ifMatch` being the row version of the task as the user saw it (null when unknown).
   *
   * @returns {Promise<object>} the op as stored
   */
  async enqueue(op) {
    const key = newKey();
    const added = this.#added.get(op.taskId);
    if (added) {
      // Made on the row of an added task whose answer came meanwhile: the answer has the real id and version.
      op = { ...op, taskId: added.id, ifMatch: op.ifMatch ?? added.rowVersion };
    }
    const stored = {
      ...op,
      seq: this.#nextSeq++,
      user: this.#user,
      key,
      state: 'queued',
      createdAt: Date.now(),
      taskId: op.kind === 'add' ? `${TEMP_PREFIX}${key}` : op.taskId,
      ifMatch: op.ifMatch ?? null,
    };
    this.#ops.push(stored);
    await this.#store.put(stored);
    this.#onChange();
    if (this.#timer === null) {
      // While a retry is scheduled the server is unreachable: the new op waits for it (or for kick()).
      this.kick();
    }
    return { ...stored };
  }

  /** Resolves when no send is in progress (the queue is empty, waiting to retry, stopped, or held). */
  idle() {
    return this.#draining ?? Promise.resolve();
  }

  /**
   * Sends what is queued, now: called after enqueueing, and by the app when the network or the tab comes back,
   * cutting a backoff wait short. Resolves when the queue is idle (empty, waiting to retry, or stopped).
   */
  kick() {
    if (this.#user === null) {
      return Promise.resolve(); // not loaded yet: load() comes first, so that stored ops go out before new ones
    }
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#draining === null) {
      this.#stopped = false;
      this.#draining = this.#drain().finally(() => {
        this.#draining = null;
      });
    }
    return this.#draining;
  }

  /** Re-applies the user's op in conflict (or failed) against the task as it is now; ops after it follow. */
  async reapply(seq) {
    const op = this.#ops.find((candidate) => candidate.seq === seq);
    if (!op || op.state === 'queued') {
      return;
    }
    op.ifMatch = op.current?.rowVersion ?? op.ifMatch;
    // A new decision, so a new key: the refused request was not stored and must not be confused with this one.
    op.key = newKey();
    op.state = 'queued';
    delete op.current;
    delete op.error;
    op.failures = 0;
    await this.#store.put(op);
    this.#onChange();
    await this.kick();
  }

  /** Drops the user's op in conflict (or failed), with every later op on the same task: theirs stands. */
  async discard(seq) {
    const op = this.#ops.find((candidate) => candidate.seq === seq);
    if (!op || op.state === 'queued') {
      return;
    }
    await this.#drop(op);
    this.#onChange();
    await this.kick();
  }

  /**
   * The tasks of `listId` as the user should see them: the server's `tasks` (numeric ids, ascending) with every
   * unsent op applied over them, in order, and marks: `pending` (not yet confirmed), `conflict` (a `412` the user
   * must decide about), `failed`. Tasks added here come last, in the order they were added.
   */
  overlay(listId, tasks) {
    const byId = new Map(tasks.map((task) => [task.id, { ...task }]));
    for (const op of this.#ops) {
      if (op.listId !== listId) {
        continue;
      }
      const blocked = op.state === 'queued' ? {} : { [op.state]: true };
      const task = byId.get(op.taskId);
      if (op.kind === 'add') {
        byId.set(op.taskId, { id: op.taskId, listId, title: op.title, completed: false, pending: true, ...blocked });
      } else if (task && op.kind === 'update') {
        byId.set(op.taskId, { ...task, ...op.changes, pending: true, ...blocked });
      } else if (task && op.kind === 'delete') {
        if (op.state === 'queued') {
          byId.delete(op.taskId);
        } else {
          byId.set(op.taskId, { ...task, pending: true, ...blocked });
        }
      }
    }
    for (const receipt of this.#receipts) {
      const task = receipt.listId === listId ? byId.get(receipt.taskId) : undefined;
      if (task) {
        task.pending = true;
      }
    }
    const all = [...byId.values()];
    return [
      ...all.filter((task) => !isTempId(task.id)).sort((a, b) => a.id - b.id),
      ...all.filter((task) => isTempId(task.id)),
    ];
  }

  /**
   * The list whose stream the page follows from now on (null: none). Receipts only arrive on a followed stream,
   * so those of other lists are settled now (the server has the writes; a list opened later is read afresh,
   * with them), and later writes to other lists are settled on their answer.
   */
  watch(listId) {
    this.#watched = listId;
    this.#clearReceipts((receipt) => receipt.listId !== listId);
  }

  /**
   * A change event of a list arrived: clears the receipts it confirms (see the class comment).
   *
   * @returns {boolean} whether any receipt cleared
   */
  noteEvent(event) {
    return this.#clearReceipts((receipt) => receipt.listId === event.listId
      && ((event.taskId === receipt.taskId && event.version >= receipt.version) || event.version > receipt.version));
  }

  /**
   * The stream of `listId` has delivered every version up to `version` completely (a keep-alive, a join's answer,
   * a snapshot read at it): clears the receipts it confirms.
   *
   * @returns {boolean} whether any receipt cleared
   */
  noteComplete(listId, version) {
    return this.#clearReceipts((receipt) => receipt.listId === listId && receipt.version <= version);
  }

  #clearReceipts(confirmed) {
    const before = this.#receipts.length;
    this.#receipts = this.#receipts.filter((receipt) => !confirmed(receipt));
    if (this.#receipts.length !== before) {
      this.#onChange();
      return true;
    }
    return false;
  }

  /** The first queued op whose task has no earlier op the user must decide about. */
  #next() {
    const held = new Set();
    for (const op of this.#ops) {
      if (op.state !== 'queued') {
        held.add(op.taskId);
      } else if (!held.has(op.taskId)) {
        return op;
      }
    }
    return null;
  }

  async #drain() {
    for (let op = this.#next(); op !== null && !this.#stopped; op = this.#next()) {
      let result;
      try {
        result = await this.#send({ ...op });
      } catch (error) {
        if (!(await this.#failed(op, error))) {
          return;
        }
        continue;
      }
      this.#setReachable(true);
      this.#attempt = 0;
      await this.#succeeded(op, result ?? {});
    }
  }

  /** @returns {Promise<boolean>} whether to go on with the next op now */
  async #failed(op, error) {
    const status = error?.status ?? 0;
    if (status === 401) {
      this.#stopped = true; // signed out: the ops wait, stored, for the next sign-in
      return false;
    }
    if (status === 412) {
      this.#setReachable(true);
      op.state = 'conflict';
      op.current = error.current ?? null;
      await this.#store.put(op);
      this.#onChange();
      return true;
    }
    if (isRetryable(error)) {
      this.#setReachable(status !== 0);
      // Only a server failing counts: 429 (too fast: many ops flushed at once) and 409 (the same key still in
      // flight) say "later", not "never".
      if (status !== 0 && status !== 429 && status !== 409) {
        op.failures = (op.failures ?? 0) + 1;
        if (op.failures >= MAX_SERVER_FAILURES) {
          op.state = 'failed';
          op.error = error.detail || error.message || `The server answered ${status}.`;
          await this.#store.put(op);
          this.#onChange();
          return true;
        }
        await this.#store.put(op);
      }
      const delay = backoffDelay(this.#attempt++, this.#random);
      this.#timer = this.#schedule(() => {
        this.#timer = null;
        this.kick();
      }, error.retryAfterMs ?? delay);
      return false;
    }
    this.#setReachable(true);
    // A task that is gone already is what a delete wanted.
    if (!(op.kind === 'delete' && status === 404)) {
      this.#onRejected({ ...op }, error);
    }
    await this.#drop(op);
    this.#onChange();
    return true;
  }

  async #succeeded(op, result) {
    this.#ops = this.#ops.filter((candidate) => candidate !== op);
    await this.#store.delete(op.seq);
    const task = result.task ?? null;
    const taskId = task?.id ?? op.taskId;
    const rowVersion = task?.rowVersion ?? null;
    if (op.kind === 'add') {
      this.#added.set(op.taskId, { id: taskId, rowVersion });
    }
    for (const later of this.#ops) {
      if (later.taskId === op.taskId) {
        later.taskId = taskId;
        // Made on top of this op's result, so it expects that version (unknown after an add without one).
        later.ifMatch = rowVersion;
        await this.#store.put(later);
      }
    }
    if (result.changeVersion != null && op.kind !== 'delete' && op.listId === this.#watched) {
      this.#receipts.push({ listId: op.listId, taskId, version: result.changeVersion });
    }
    this.#onSent({ ...op }, { task, changeVersion: result.changeVersion ?? null });
    this.#onChange();
  }

  /** Removes `op` and every later op on the same task (they were made on top of it). */
  async #drop(op) {
    const gone = this.#ops.filter((candidate) => candidate === op || (candidate.taskId === op.taskId && candidate.seq > op.seq));
    this.#ops = this.#ops.filter((candidate) => !gone.includes(candidate));
    for (const removed of gone) {
      await this.#store.delete(removed.seq);
    }
  }

  #setReachable(reachable) {
    if (this.#unreachable === reachable) {
      this.#unreachable = !reachable;
      this.#onChange();
    }
  }
}
