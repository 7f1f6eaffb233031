/**
 * The push connection for one list: WebSocket first, Server-Sent Events when WebSockets do not open or
 * do not stay up (a proxy that drops the upgrade, for instance). Both carry the same event JSON.
 *
 * The connection never gives up: after any drop it reconnects by itself with exponential backoff and
 * jitter, resuming from the caller's cursor (`?since=`), so no change is missed while away.
 */

/**
 * How many connections in a row may fail before the other transport is tried. A connection fails when
 * it does not open or drops before it has been up for STABLE_AFTER_MS: a proxy may accept the
 * WebSocket upgrade and cut it at once, and that must lead to the fallback as surely as a refusal.
 */
const FAILURES_BEFORE_SWITCH = 3;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 10_000;
/** A connection that neither opens nor fails (a stuck proxy) counts as failed after this. */
const OPEN_TIMEOUT_MS = 10_000;
/** A connection that stayed up this long is healthy: the next drop starts the backoff and the failure count afresh. */
const STABLE_AFTER_MS = 5_000;
/** Close codes with which the server refuses for good (unknown list, bad request): retrying cannot help. */
const REFUSED_CLOSE_CODES = new Set([4400, 4404]);

export const TRANSPORTS = Object.freeze({ WEBSOCKET: 'websocket', SSE: 'sse' });

/**
 * Delay before reconnect attempt `attempt` (0-based): doubling from 0.5 s up to 10 s, and a random
 * half of it, so that many browsers dropped at once by a restart do not all return in the same instant.
 */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export class LiveFeed {
  #listId;
  #resumeVersion;
  #onEvent;
  #onResync;
  #onRefused;
  #onStatus;
  #transport = TRANSPORTS.WEBSOCKET;
  #connection = null;
  #attempt = 0;
  #failures = 0;
  #everLive = false;
  #retryTimer = null;
  #openTimer = null;
  #stableTimer = null;
  #running = false;
  #onOnline = () => this.#retryNow();

  /**
   * @param {object} options
   * @param {number} options.listId the list to follow
   * @param {() => number} options.resumeVersion the version every change up to which has been applied
   * @param {(event: object) => void} options.onEvent a change event `{version, action, listId, taskId, task}`
   * @param {(event: object) => void} options.onResync the server cannot resume: reload the snapshot, then `start()` again
   * @param {(reason: string) => void} options.onRefused the server refused the subscription for good; the feed has stopped
   * @param {(status: {state: string, transport: string, retryInMs?: number}) => void} options.onStatus
   *        `state` is `connecting` (first attempt), `live`, or `reconnecting`
   */
  constructor({ listId, resumeVersion, onEvent, onResync, onRefused, onStatus }) {
    this.#listId = listId;
    this.#resumeVersion = resumeVersion;
    this.#onEvent = onEvent;
    this.#onResync = onResync;
    this.#onRefused = onRefused;
    this.#onStatus = onStatus;
  }

  get transport() {
    return this.#transport;
  }

  start() {
    if (this.#running) {
      return;
    }
    this.#running = true;
    window.addEventListener('online', this.#onOnline);
    this.#connect();
  }

  stop() {
    this.#running = false;
    window.removeEventListener('online', this.#onOnline);
    clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#closeConnection();
  }

  #connect() {
    this.#retryTimer = null;
    this.#status(this.#everLive ? 'reconnecting' : 'connecting');
    const since = this.#resumeVersion();
    const connection = this.#transport === TRANSPORTS.WEBSOCKET ? this.#openWebSocket(since) : this.#openEventSource(since);
    this.#connection = connection;
    this.#openTimer = setTimeout(() => this.#failed(connection), OPEN_TIMEOUT_MS);
  }

  #openWebSocket(since) {
    const url = new URL(`ws/lists/${encodeURIComponent(this.#listId)}?since=${since}`, document.baseURI);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    const connection = { close: () => socket.close(1000) };
    socket.onopen = () => this.#opened(connection);
    socket.onmessage = (message) => this.#received(connection, message.data);
    // An error is always followed by close, which carries the decision.
    socket.onclose = (event) => {
      if (REFUSED_CLOSE_CODES.has(event.code) && connection === this.#connection) {
        this.stop();
        this.#onRefused(event.reason || `closed with code ${event.code}`);
        return;
      }
      this.#failed(connection);
    };
    return connection;
  }

  #openEventSource(since) {
    const url = new URL(`api/lists/${encodeURIComponent(this.#listId)}/events?since=${since}`, document.baseURI);
    const source = new EventSource(url);
    const connection = { close: () => source.close() };
    source.onopen = () => this.#opened(connection);
    const receive = (message) => this.#received(connection, message.data);
    source.addEventListener('taskUpdate', receive);
    source.addEventListener('resync', receive);
    // EventSource would retry by itself, but without backoff and from its own cursor; closing it here
    // keeps one reconnect policy and one cursor for both transports.
    source.onerror = () => this.#failed(connection);
    return connection;
  }

  #opened(connection) {
    if (connection !== this.#connection) {
      return;
    }
    clearTimeout(this.#openTimer);
    this.#everLive = true;
    this.#stableTimer = setTimeout(() => {
      this.#attempt = 0;
      this.#failures = 0;
    }, STABLE_AFTER_MS);
    this.#status('live');
  }

  #received(connection, data) {
    if (connection !== this.#connection) {
      return;
    }
    let event;
    try {
      event = JSON.parse(data);
    } catch {
      console.warn('livetasks: ignoring a push message that is not JSON', data);
      return;
    }
    if (event.action === 'resync') {
      this.stop();
      this.#onResync(event);
      return;
    }
    this.#onEvent(event);
  }

  #failed(connection) {
    if (connection !== this.#connection || !this.#running) {
      return;
    }
    this.#closeConnection();
    if (++this.#failures >= FAILURES_BEFORE_SWITCH) {
      this.#failures = 0;
      this.#transport = this.#transport === TRANSPORTS.WEBSOCKET ? TRANSPORTS.SSE : TRANSPORTS.WEBSOCKET;
    }
    const delay = backoffDelay(this.#attempt++);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
    this.#status(this.#everLive ? 'reconnecting' : 'connecting', delay);
  }

  #retryNow() {
    if (this.#running && this.#retryTimer !== null) {
      clearTimeout(this.#retryTimer);
      this.#connect();
    }
  }

  #closeConnection() {
    clearTimeout(this.#openTimer);
    clearTimeout(this.#stableTimer);
    const connection = this.#connection;
    this.#connection = null;
    connection?.close();
  }

  #status(state, retryInMs) {
    this.#onStatus({ state, transport: this.#transport, retryInMs });
  }
}
