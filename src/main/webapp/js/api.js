/**
 * The REST API, one function per call. URLs are relative to the page so the app works under any
 * context root. Failures become an ApiError carrying the server's problem details (RFC 9457).
 */

/** A failed call: `detail` is meant for the user; `errors` lists `{field, message}` for invalid input. */
export class ApiError extends Error {
  constructor(status, title, detail, errors = []) {
    super(detail || title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }
}

export const listLists = () => request('GET', 'api/lists');

export const createList = (name) => request('POST', 'api/lists', { name });

/** `{list, tasks, version}`: the tasks and the change version they were read at. */
export const getListSnapshot = (listId) => request('GET', `api/lists/${encodeURIComponent(listId)}`);

export const addTask = (listId, title) => request('POST', `api/lists/${encodeURIComponent(listId)}/tasks`, { title });

/** `changes` holds `title` and/or `completed`. */
export const updateTask = (taskId, changes) => request('PATCH', `api/tasks/${encodeURIComponent(taskId)}`, changes);

export const deleteTask = (taskId) => request('DELETE', `api/tasks/${encodeURIComponent(taskId)}`);

async function request(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' } };
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
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.status === 204 ? null : response.json();
}

async function problemOf(response) {
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const problem = await response.json();
      const errors = Array.isArray(problem.errors) ? problem.errors : [];
      return new ApiError(response.status, problem.title, problem.detail, errors);
    } catch {
      // A body that does not parse still leaves the status to report, below.
    }
  }
  const status = `${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, response.statusText, `The server answered ${status}.`);
}
