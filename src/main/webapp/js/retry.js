/**
 * When to try again: exponential backoff with jitter, and the official SignalR client's retry policy
 * built on it. Pure functions, so they can be unit-tested with `node --test`.
 */

const BASE_MS = 500;
const CAP_MS = 10_000;

/**
 * Delay before retry `attempt` (0-based): doubling from 0.5 s up to 10 s, and a random half of it, so that
 * many browsers dropped at once by a server restart do not all come back in the same instant.
 */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * An `IRetryPolicy` for `HubConnectionBuilder.withAutomaticReconnect`. It never returns null: a live list
 * should come back whenever the server does, however long it was away, so the client never gives up
 * (its default policy stops after four attempts).
 */
export function foreverRetryPolicy(random = Math.random) {
  return {
    nextRetryDelayInMilliseconds: ({ previousRetryCount }) => backoffDelay(previousRetryCount, random),
  };
}
