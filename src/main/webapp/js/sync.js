/**
 * The sync status line: whether what the page shows is the server's current state. Pure, so it can be
 * unit-tested with `node --test`.
 *
 * - `synced`: connected, and the stream was heard from (an event or a keep-alive) within two keep-alive periods;
 * - `stale` ("synced as of hh:mm:ss"): connected as far as the client knows, but nothing heard for longer,
 *   so the connection may be dead without anyone having noticed yet; the time says how fresh the page is;
 * - `offline` ("offline — n changes pending"): no connection, or the server cannot be reached for writes;
 * - `saving`: connected, with the user's changes not yet confirmed by the stream (write receipts).
 */

/** The server's keep-alive period on the hub (`LIVETASKS_HUB_KEEP_ALIVE_SECONDS`, default 15 s). */
export const KEEP_ALIVE_MS = 15_000;

const changes = (n) => (n === 1 ? '1 change' : `${n} changes`);

/** `hh:mm:ss` in the browser's time zone, 24-hour. */
export function clockTime(epochMs) {
  const date = new Date(epochMs);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, '0')).join(':');
}

/**
 * @param {object} input
 * @param {boolean} input.connected the live connection is up (and the open list joined)
 * @param {boolean} input.reachable the last write got an answer (false: the network or the server is down)
 * @param {?number} input.lastHeardAt when the stream last delivered anything (epoch ms), null if never
 * @param {number} input.now epoch ms
 * @param {number} input.pending changes not yet confirmed (queued, in conflict, or awaiting their receipt)
 * @param {number} [input.keepAliveMs]
 * @returns {{state: string, text: string}}
 */
export function syncStatus({ connected, reachable, lastHeardAt, now, pending, keepAliveMs = KEEP_ALIVE_MS }) {
  if (!connected || !reachable) {
    return { state: 'offline', text: pending > 0 ? `offline — ${changes(pending)} pending` : 'offline' };
  }
  if (lastHeardAt !== null && now - lastHeardAt > 2 * keepAliveMs) {
    const text = `synced as of ${clockTime(lastHeardAt)}`;
    return { state: 'stale', text: pending > 0 ? `${text} — ${changes(pending)} pending` : text };
  }
  if (pending > 0) {
    return { state: 'saving', text: `saving — ${changes(pending)} pending` };
  }
  return { state: 'synced', text: 'synced' };
}
