/**
 * The REST API, one function per call. URLs are relative to the page so the app works under any
 * context root. Failures become an ApiError carrying the server's problem details (RFC 9457).
 *
 * The browser is signed in by its session cookie. Every request carries `X-Requested-With`, which a page of
 * another site cannot add without a CORS preflight the server never grants: the server refuses
 * cookie-authenticated writes without it (web/CrossSiteRequests.java). A 401 means the sign-in is gone
 * (expired, or signed out in another window): the handler set with `onSignedOut` is called, and the
 * call still fails.
 */

/** A failed call: `detail` is meant for the user; `errors` lists `{field, message}` for invalid input. */
export class ApiError extends Error {
  constructor(status, title, detail, errors = [], extra = {}) {
    super(detail || title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    /** On a `412`: the task as it is now, changed by someone else first (docs/writes.md). */
    this.current = extra.current ?? null;
    /** From `Retry-After` (seconds), in milliseconds; null without one. */
    this.retryAfterMs = extra.retryAfterMs ?? null;
  }
}

/** The header every request carries, so the server can tell the app's own writes from forged ones. */
export const REQUESTED_WITH = { 'X-Requested-With': 'livetasks' };

let signedOut = () => {};

/** `handler()` runs whenever the server answers 401 (no valid sign-in). */
export function onSignedOut(handler) {
  signedOut = handler;
}

/** `{user}`: who this browser is signed in as. */
export const me = () => request('GET', 'api/me');

/** Ends the sign-in: the server drops the session and expires its cookie. */
export const signOut = () => request('POST', 'api/logout');

export const listLists = () => request('GET', 'api/lists');

export const createList = (name) => request('POST', 'api/lists', { name });

/** `{list, tasks, version}`: the tasks and the change version they were read at. */
export const getListSnapshot = (listId) => request('GET', `api/lists/${encodeURIComponent(listId)}`);

export const addTask = (listId, title) => request('POST', `api/lists/${encodeURIComponent(listId)}/tasks`, { title });

/** `changes` holds `title` and/or `completed`. */
export const updateTask = (taskId, changes) => request('PATCH', `api/tasks/${encodeURIComponent(taskId)}`, changes);

export const deleteTask = (taskId) => request('DELETE', `api/tasks/${encodeURIComponent(taskId)}`);

/** `[{user, role}]`: who may see the list (any member may ask). */
export const listMembers = (listId) => request('GET', `api/lists/${encodeURIComponent(listId)}/members`);

/** Shares the list with `user` as `role` (`reader` or `writer`), or changes their role; owner only. */
export const share = (listId, user, role) => request('POST', `api/lists/${encodeURIComponent(listId)}/members`, { user, role });

/** Stops sharing the list with `user`; owner only. */
export const unshare = (listId, user) =>
  request('DELETE', `api/lists/${encodeURIComponent(listId)}/members/${encodeURIComponent(user)}`);

/**
 * Sends one op of the outbox (outbox.js): `{kind: 'add' | 'update' | 'delete', listId, taskId, title, changes,
 * ifMatch, key}` with `If-Match: "<rowVersion>"` (when known) and `Idempotency-Key`. Resolves to `{task,
 * changeVersion}`: the task as the server answered it (null after a delete) and the `X-Change-Version` of the
 * commit (null when the server sends none).
 */
export async function sendTaskWrite(op) {
  const headers = { 'Idempotency-Key': op.key };
  if (op.ifMatch && op.kind !== 'add') {
    headers['If-Match'] = `"${op.ifMatch}"`;
  }
  const { body, response } = op.kind === 'add'
    ? await request('POST', `api/lists/${encodeURIComponent(op.listId)}/tasks`, { title: op.title }, headers, true)
    : op.kind === 'update'
      ? await request('PATCH', `api/tasks/${encodeURIComponent(op.taskId)}`, op.changes, headers, true)
      : await request('DELETE', `api/tasks/${encodeURIComponent(op.taskId)}`, undefined, headers, true);
  const version = response.headers.get('X-Change-Version');
  const task = body && typeof body === 'object' ? body : null;
  if (task && task.rowVersion == null) {
    // The row version is the ETag too; take it from there should the body not carry it.
    const etag = /^"(.*)"$/.exec(response.headers.get('ETag') ?? '');
    if (etag) {
      task.rowVersion = etag[1];
    }
  }
  return { task, changeVersion: version !== null && /^\d+$/.test(version) ? Number(version) : null };
}

async function request(method, url, body, extraHeaders = {}, withResponse = false) {
  // Reads carry the header too: the server then answers a 401 without the Basic challenge that would
  // make the browser ask for a password in a dialog of its own (see web/Authenticated.java).
  const init = { method, headers: { Accept: 'application/json', ...REQUESTED_WITH, ...extraHeaders } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'Network error', 'Cannot reach the server. Check your connection and try again.');
  }
  if (response.status === 401) {
    signedOut();
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  const result = response.status === 204 ? null : await response.json();
  return withResponse ? { body: result, response } : result;
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const problem = await response.json();
      const errors = Array.isArray(problem.errors) ? problem.errors : [];
      return new ApiError(response.status, problem.title, problem.detail, errors,
        { current: problem.current, retryAfterMs: retryAfterMs(response) });
    } catch {
      // A body that does not parse still leaves the status to report, below.
    }
  }
  const status = `${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, response.statusText, `The server answered ${status}.`, [],
    { retryAfterMs: retryAfterMs(response) });
}

function retryAfterMs(response) {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) * 1000 : null;
}
