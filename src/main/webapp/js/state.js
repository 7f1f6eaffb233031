/**
 * The client's copy of one list: its tasks and how far along the change feed it is.
 *
 * Pure data, no DOM and no network, so the rules below can be unit-tested with `node --test`.
 *
 * Rules (DESIGN.md, "Semantics that must hold"):
 * - A snapshot reflects every change up to its version, so events at or below it are ignored.
 * - Events carry the task's full state, so applying one twice is harmless. Each task remembers the
 *   version it was last changed at and ignores events at or below it; that makes replays after a
 *   reconnect (at-least-once delivery) no-ops.
 * - One transaction may change several tasks under the same version, and those events arrive one
 *   by one. A single global "ignore version <= last applied" would drop all but the first of them,
 *   hence the per-task check. For the same reason the resume cursor is the newest version known to
 *   be *complete*: a version is complete once an event of a later version has arrived.
 * - Task ids are never reused, so a deletion is final: nothing resurrects a deleted task until the
 *   next snapshot.
 */
export class ListState {
  #list = null;
  #tasks = new Map();
  #taskVersions = new Map();
  #deleted = new Set();
  #snapshotVersion = 0;
  #newestVersion = 0;
  #completeVersion = 0;

  /** Replaces everything with a snapshot from `GET api/lists/{id}`: `{list, tasks, version}`. */
  load(snapshot) {
    this.#list = snapshot.list;
    this.#tasks = new Map(snapshot.tasks.map((task) => [task.id, task]));
    this.#taskVersions.clear();
    this.#deleted.clear();
    this.#snapshotVersion = snapshot.version;
    this.#newestVersion = snapshot.version;
    this.#completeVersion = snapshot.version;
  }

  /** Forgets the list: nothing is open. */
  clear() {
    this.load({ list: null, tasks: [], version: 0 });
  }

  get list() {
    return this.#list;
  }

  get listId() {
    return this.#list ? this.#list.id : null;
  }

  /** The newest version applied (snapshot or event); for display. */
  get version() {
    return this.#newestVersion;
  }

  /** The version to resume from after a reconnect (`?since=`): every change up to it has been applied. */
  get resumeVersion() {
    return this.#completeVersion;
  }

  /** Tasks in creation order (ids grow with creation). */
  tasks() {
    return [...this.#tasks.values()].sort((a, b) => a.id - b.id);
  }

  task(taskId) {
    return this.#tasks.get(taskId);
  }

  /**
   * Applies a pushed change event `{version, action, listId, taskId, task}`.
   *
   * @returns {boolean} whether the tasks changed (the caller re-renders only then)
   */
  apply(event) {
    if (this.#list === null || event.listId !== this.#list.id || !(event.version > this.#snapshotVersion)) {
      return false;
    }
    this.#advance(event.version);
    const { taskId } = event;
    if (this.#deleted.has(taskId) || event.version <= (this.#taskVersions.get(taskId) ?? 0)) {
      return false;
    }
    this.#taskVersions.set(taskId, event.version);
    if (event.action === 'deleted' || event.task == null) {
      this.#deleted.add(taskId);
      return this.#tasks.delete(taskId);
    }
    this.#tasks.set(taskId, event.task);
    return true;
  }

  /**
   * Counts an event of the list that changes no task (a membership change) towards the resume cursor:
   * it shares the list's version sequence, so it completes the version before it like a task event does.
   */
  noteVersion(event) {
    if (this.#list !== null && event.listId === this.#list.id && event.version > this.#snapshotVersion) {
      this.#advance(event.version);
    }
  }

  /**
   * Applies the task returned by one of our own REST writes without waiting for its event. The event
   * follows and carries the same state. Until then an event for an earlier change of the same task may
   * briefly show the older state; the event for our write always comes later and settles it.
   *
   * @returns {boolean} whether the tasks changed
   */
  upsertLocal(task) {
    if (this.#list === null || task.listId !== this.#list.id || this.#deleted.has(task.id)) {
      return false;
    }
    this.#tasks.set(task.id, task);
    return true;
  }

  /** Removes a task we deleted through the API; its own event follows and is then a no-op. */
  removeLocal(taskId) {
    this.#deleted.add(taskId);
    return this.#tasks.delete(taskId);
  }

  #advance(version) {
    if (version > this.#newestVersion) {
      // Versions arrive in order and each is delivered whole, so the previous newest is now complete.
      this.#completeVersion = this.#newestVersion;
      this.#newestVersion = version;
    }
  }
}
