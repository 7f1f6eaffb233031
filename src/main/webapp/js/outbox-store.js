/**
 * Where the outbox (outbox.js) keeps unsent ops so that they survive a reload or a closed tab: IndexedDB in the
 * browser, memory in unit tests (Node has no IndexedDB). Both have the same three calls, each returning a promise:
 * `load()` → every stored op, `put(op)` (insert or replace, keyed by `op.seq`), `delete(seq)`.
 */

/** For unit tests, and the fallback when the browser refuses IndexedDB (private mode in some browsers). */
export class MemoryStore {
  #ops = new Map();

  async load() {
    return [...this.#ops.values()].map((op) => structuredClone(op));
  }

  async put(op) {
    this.#ops.set(op.seq, structuredClone(op));
  }

  async delete(seq) {
    this.#ops.delete(seq);
  }
}

const DATABASE = 'livetasks';
const STORE = 'outbox';

/** IndexedDB: database `livetasks`, object store `outbox`, one record per op keyed by its `seq`. */
export class IdbStore {
  #db;

  constructor(indexedDB = globalThis.indexedDB) {
    this.#db = new Promise((resolve, reject) => {
      const open = indexedDB.open(DATABASE, 1);
      open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'seq' });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
      open.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
  }

  async load() {
    return this.#run('readonly', (store) => store.getAll());
  }

  async put(op) {
    await this.#run('readwrite', (store) => store.put(op));
  }

  async delete(seq) {
    await this.#run('readwrite', (store) => store.delete(seq));
  }

  async #run(mode, action) {
    const db = await this.#db;
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      // Resolve when the transaction is durable, not merely when the request succeeded.
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  }
}

/** IndexedDB where the browser offers it, else memory (then ops do not survive a reload, but still go out in order). */
export async function openStore() {
  if (!globalThis.indexedDB) {
    return new MemoryStore();
  }
  const store = new IdbStore();
  try {
    await store.load();
    return store;
  } catch (error) {
    console.warn('Offline changes are kept in memory only: IndexedDB is not available', error);
    return new MemoryStore();
  }
}
