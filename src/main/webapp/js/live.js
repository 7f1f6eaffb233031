/**
 * The page's live connection: one hub connection made by the official `@microsoft/signalr` client,
 * following one list at a time, and open for as long as the page is, whether a list is followed or not:
 * the server also sends the signed-in user's own news over it (a list just shared with them).
 *
 * The client does all transport work. Built with the API base URL, it posts to `api/negotiate`, which
 * answers as the Azure Functions SignalR binding does (`{url, accessToken}`), and follows that redirect to
 * the hub; it picks WebSockets, Server-Sent Events or long polling, whichever the browser and network
 * allow, and reconnects after a drop with our retry policy. This module only says which list to follow
 * and from which version: after every (re)connect it joins the list from the newest version known to be
 * complete, and the server replays whatever was missed meanwhile.
 */
import { foreverRetryPolicy } from './retry.js';

/** The client logs the transport it tries, by its `HttpTransportType` name; the last one tried is in use. */
const SELECTING_TRANSPORT = /^Selecting transport '(\w+)'\.$/;

/**
 * Whether a failed (re)connect was the server refusing the caller (the sign-in has expired). The client
 * wraps a failed negotiate in an error of its own that keeps the status only in its message
 * ("… Status code '401'"), hence the second test.
 */
export function isUnauthorized(error) {
  return error?.statusCode === 401 || /Status code '401'/.test(error?.message ?? '');
}

export class LiveFeed {
  #connection;
  #states;
  #retryPolicy;
  #resumeVersion;
  #onEvent;
  #onResync;
  #onFailed;
  #onStatus;
  #onMemberEvent;
  #onRevoked;
  #onPresence;
  #onRefused;
  #onSignedOut;
  #onHeard;
  #wakeUp = null;
  #signedOut = false;
  #listId = null;
  #starting = null;
  #resyncing = false;
  #transport = null;

  /**
   * @param {object} options
   * @param {object} options.signalR the `@microsoft/signalr` namespace (the browser bundle's global `signalR`)
   * @param {string} options.url the absolute URL of the API base, e.g. `https://host/app/api`
   * @param {() => number} options.resumeVersion the version every change up to which has been applied
   * @param {(event: object) => void} options.onEvent a change event `{version, action, listId, taskId, task}` of the followed list
   * @param {(listId: number) => void} options.onResync the server cannot resume from our version: reload the
   *        list's snapshot, then call `follow(listId)` again
   * @param {(reason: string) => void} options.onFailed the list cannot be followed any more (refused, or the
   *        server closed the connection for good); only reloading the page can help
   * @param {(status: {state: string, transport: ?string, retryInMs?: number}) => void} options.onStatus
   *        the connection's state: `connecting` (never connected yet), `live` (connected, and the followed list,
   *        if any, joined), `reconnecting` or `offline`
   * @param {(event: object) => void} [options.onMemberEvent] a membership change `{version, action, listId, user, role}`:
   *        of the followed list, or of any list when it concerns the signed-in user (shared with them)
   * @param {(event: object) => void} [options.onPresence] the followed list's viewers `{listId, viewers, version}`
   * @param {(listId: number) => void} [options.onRevoked] the user may no longer see the list (removed from it);
   *        if it was the followed one, it is followed no more
   * @param {(listId: number, reason: string) => void} [options.onRefused] the server refused to (re)join the
   *        followed list, which is then followed no more; e.g. the user was removed from it while disconnected
   * @param {() => void} [options.onSignedOut] the server refused the connection itself: the sign-in is gone;
   *        the feed stops retrying
   * @param {{nextRetryDelayInMilliseconds: Function}} [options.retryPolicy] how long to wait before each retry
   * @param {(listId: ?number, version: ?number) => void} [options.onHeard] the server was heard from: an event, a
   *        keep-alive or a join. `version`, when given, is delivered completely for `listId` (a keep-alive's or a
   *        join's version), so that write receipts up to it are confirmed (outbox.js)
   */
  constructor({
    signalR, url, resumeVersion, onEvent, onResync, onFailed, onStatus,
    onMemberEvent = () => {}, onPresence = () => {}, onRevoked = () => {}, onRefused = (listId, reason) => onFailed(reason), onSignedOut = () => {},
    retryPolicy = foreverRetryPolicy(), onHeard = () => {},
  }) {
    this.#onHeard = onHeard;
    this.#states = signalR.HubConnectionState;
    this.#retryPolicy = this.#stopWhenSignedOut(retryPolicy);
    this.#resumeVersion = resumeVersion;
    this.#onEvent = onEvent;
    this.#onResync = onResync;
    this.#onFailed = onFailed;
    this.#onStatus = onStatus;
    this.#onMemberEvent = onMemberEvent;
    this.#onRevoked = onRevoked;
    this.#onPresence = onPresence;
    this.#onRefused = onRefused;
    this.#onSignedOut = onSignedOut;
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl(url)
      .withAutomaticReconnect(this.#retryPolicy)
      .configureLogging(this.#logger(signalR.LogLevel))
      .build();
    this.#connection.on('taskUpdate', (event) => {
      this.#onHeard(event.listId, null);
      if (event.listId === this.#listId) {
        this.#onEvent(event);
      }
    });
    // The server sends the followed list's member changes, and a list's "added" to the added user wherever
    // they are: both are for the app to judge.
    this.#connection.on('memberUpdate', (event) => {
      this.#onHeard(event.listId, null);
      this.#onMemberEvent(event);
    });
    this.#connection.on('presence', (event) => {
      if (event.listId === this.#listId) {
        this.#onPresence(event);
      }
    });
    // Sent next to the protocol's pings: `{listId, version}` per joined list (every version up to it delivered
    // completely on this connection), `{}` when none is joined. Proof of life the app can see, and a receipt.
    this.#connection.on('keepAlive', (alive) => {
      const listId = alive?.listId ?? null;
      this.#onHeard(listId, listId !== null && listId === this.#listId ? alive.version ?? null : null);
    });
    // The last message of a list the user was removed from; the server has already taken this connection
    // off the list, so there is nothing to leave.
    this.#connection.on('revoked', (event) => {
      if (event.listId === this.#listId) {
        this.#listId = null;
        this.#resyncing = false;
        this.#status('live');
      }
      this.#onRevoked(event.listId);
    });
    this.#connection.on('resync', (event) => this.#resync(event.listId));
    this.#connection.onreconnecting(() => this.#status('reconnecting'));
    // A reconnect is a new connection on the server, member of no list: join again from where we are.
    this.#connection.onreconnected(() => this.#join());
    // With a policy that never gives up this only happens when the server closes without allowing a
    // reconnect (a protocol error): retrying would fail the same way.
    this.#connection.onclose((error) => {
      if (error && !this.#signedOut) {
        this.#status('offline');
        this.#onFailed(error.message);
      }
    });
  }

  /** The transport in use (`WebSockets`, `ServerSentEvents` or `LongPolling`), or null before the first connect. */
  get transport() {
    return this.#transport;
  }

  /**
   * Reconnects now rather than when the backoff timer says: the network came back (`online`) or the tab became
   * visible again, when a connection is most likely to work at once. No effect while connected.
   */
  async reconnectNow() {
    if (this.#signedOut || this.#starting === null) {
      return;
    }
    if (this.#wakeUp !== null) {
      this.#wakeUp(); // waiting to retry the first start: retry now
      return;
    }
    if (this.#connection.state === this.#states.Reconnecting) {
      // The client's own reconnect waits on its timer; stopping it (no error: onclose stays quiet) and starting
      // again joins the list from the version known complete, exactly as its reconnect would.
      this.#starting = (async () => {
        await this.#connection.stop().catch(() => {});
        await this.#startUntilConnected();
      })();
    }
  }

  /** Connects, if not yet done, without following a list: news for the user arrive from then on. */
  connect() {
    if (this.#starting === null) {
      this.#starting = this.#startUntilConnected();
    }
  }

  /**
   * Follows `listId` (null: none) from `resumeVersion()`, leaving the list followed before. Connects on first use.
   * Call it after loading the list's snapshot, so that the version it joins from matches the tasks shown.
   */
  follow(listId) {
    const previous = this.#listId;
    this.#listId = listId;
    this.#resyncing = false;
    if (previous !== null && previous !== listId && this.#connected()) {
      // Best effort: if the call fails the connection is gone, and a new one is member of no list.
      this.#connection.invoke('LeaveList', previous).catch(() => {});
    }
    if (listId === null) {
      if (this.#connected()) {
        this.#status('live');
      }
      return;
    }
    if (this.#starting === null) {
      this.#starting = this.#startUntilConnected();
    } else if (this.#connected()) {
      this.#status('connecting');
      this.#join();
    } else {
      // Starting or reconnecting: the join follows the (re)connect.
      this.#status(this.#connection.state === this.#states.Reconnecting ? 'reconnecting' : 'connecting');
    }
  }

  /**
   * The automatic reconnect only takes over once a connection was made; until then retry `start()` with
   * the same policy, so a page opened while the server is down goes live when it comes up.
   */
  async #startUntilConnected() {
    const since = Date.now();
    for (let attempt = 0; ; attempt++) {
      this.#status('connecting');
      try {
        await this.#connection.start();
        break;
      } catch (error) {
        const delay = this.#retryPolicy.nextRetryDelayInMilliseconds({
          previousRetryCount: attempt,
          elapsedMilliseconds: Date.now() - since,
          retryReason: error,
        });
        if (delay === null) {
          this.#status('offline');
          if (!this.#signedOut) {
            this.#onFailed(error.message);
          }
          return;
        }
        this.#status('connecting', delay);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.#wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.#wakeUp = null;
      }
    }
    await this.#join();
  }

  async #join() {
    const listId = this.#listId;
    if (listId === null) {
      this.#status('live');
      return;
    }
    if (this.#resyncing) {
      return;
    }
    let joined;
    try {
      joined = await this.#connection.invoke('JoinList', listId, this.#resumeVersion());
    } catch (error) {
      // A call cut off by a dropped connection is repeated by onreconnected; anything else is the server's
      // refusal (the list is gone, or no longer shared with the user): the list is followed no more, and
      // the connection stays up for the user's other news.
      if (listId === this.#listId && this.#connected()) {
        this.#listId = null;
        this.#status('live');
        this.#onRefused(listId, error.message);
      }
      return;
    }
    if (listId !== this.#listId) {
      return;
    }
    if (joined.resync) {
      this.#resync(listId);
      return;
    }
    this.#onHeard(listId, joined.version);
    this.#status('live');
  }

  /** Both the `resync` message and JoinList's result announce a resync: act on the first only. */
  #resync(listId) {
    if (listId !== this.#listId || this.#resyncing) {
      return;
    }
    this.#resyncing = true;
    this.#status('reconnecting');
    this.#onResync(listId);
  }

  #connected() {
    return this.#connection.state === this.#states.Connected;
  }

  #status(state, retryInMs) {
    this.#onStatus({ state, transport: this.#transport, retryInMs });
  }

  /**
   * Retrying with the same sign-in fails the same way once it has expired: tell the app (which asks the
   * user to sign in again) instead of retrying forever.
   */
  #stopWhenSignedOut(policy) {
    return {
      nextRetryDelayInMilliseconds: (context) => {
        if (isUnauthorized(context.retryReason)) {
          if (!this.#signedOut) {
            this.#signedOut = true;
            this.#onSignedOut();
          }
          return null;
        }
        return policy.nextRetryDelayInMilliseconds(context);
      },
    };
  }

  /** Passes warnings and errors to the console, and notes the transport the client selects. */
  #logger(LogLevel) {
    return {
      log: (level, message) => {
        const selecting = SELECTING_TRANSPORT.exec(message);
        if (selecting) {
          this.#transport = selecting[1];
        } else if (level >= LogLevel.Error) {
          console.error(`SignalR: ${message}`);
        } else if (level >= LogLevel.Warning) {
          console.warn(`SignalR: ${message}`);
        }
      },
    };
  }
}
