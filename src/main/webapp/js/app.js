/**
 * The page controller: routes `#list=<id>`, loads the list's snapshot, follows its live feed and
 * sends the user's writes. Opening the same `#list=<id>` URL in two windows shows the same list.
 *
 * Sign-in is the server's (the page is only served to a signed-in browser); the page shows who that is,
 * signs out, and goes back to the login page whenever the server no longer knows the browser. What the
 * user may do follows their role in the open list: an owner shares it, a writer changes its tasks, a
 * reader only reads. A list that stops being shared with the user leaves the page at once.
 *
 * Task writes go through the outbox (outbox.js): they show at once, marked pending, survive a reload, go out
 * in order when the server is reachable, and stay pending until the list's stream confirms them; a conflict
 * (someone changed the task first) waits for the user's decision (docs/offline.md).
 */
import * as api from './api.js';
import { LiveFeed } from './live.js';
import { PresenceView } from './presence.js';
import { Outbox } from './outbox.js';
import { openStore } from './outbox-store.js';
import { renderAlert, renderConnection, renderLists, renderMembers, TaskListView } from './render.js';
import { backoffDelay } from './retry.js';
import { ListState } from './state.js';
import { syncStatus } from './sync.js';
import { renderConflicts, renderSyncStatus } from './sync-view.js';

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

const ui = {
  alert: byTestId('alert'),
  notice: byTestId('notice'),
  noticeText: byTestId('notice-text'),
  connection: byTestId('connection-state'),
  account: byTestId('account'),
  signedInUser: byTestId('signed-in-user'),
  signOut: byTestId('sign-out'),
  newListForm: byTestId('new-list-form'),
  newListInput: byTestId('new-list-input'),
  lists: byTestId('lists'),
  listsEmpty: byTestId('lists-empty'),
  welcome: byTestId('welcome'),
  listView: byTestId('list-view'),
  listName: byTestId('list-name'),
  readOnlyNote: byTestId('read-only-note'),
  taskCount: byTestId('task-count'),
  newTaskForm: byTestId('new-task-form'),
  newTaskInput: byTestId('new-task-input'),
  editHint: byTestId('edit-hint'),
  tasks: byTestId('tasks'),
  tasksEmpty: byTestId('tasks-empty'),
  membersPanel: byTestId('members-panel'),
  members: byTestId('members'),
  shareForm: byTestId('share-form'),
  shareUser: byTestId('share-user'),
  shareRole: byTestId('share-role'),
  syncStatus: byTestId('sync-status'),
  conflicts: byTestId('conflicts'),
  conflictList: byTestId('conflict-list'),
};

/** Where the login page and this page keep the list to come back to across a sign-in (see login.js). */
const RETURN_TO = 'livetasks.returnTo';

const state = new ListState();
// Task writes go through the outbox (outbox.js), online or not: applied on the page at once, sent in order with
// If-Match and an Idempotency-Key, kept in IndexedDB until the server has them; conflicts wait for the user.
const outbox = new Outbox({
  store: { load: async () => [], put: async () => {}, delete: async () => {} }, // replaced once signed in (startOutbox)
  send: api.sendTaskWrite,
  onChange: () => {
    renderTasks();
    renderSync();
  },
  onSent: (op, { task }) => {
    if (op.kind === 'delete') {
      state.removeLocal(op.taskId);
    } else if (task) {
      state.upsertLocal(task);
    }
  },
  onRejected: (op, error) => {
    if (error.status === 403) {
      refreshLists();
    }
    if (op.kind === 'add' && error.status === 404 && op.listId === state.listId) {
      listLost(op.listId);
    }
    showError({ ...error, detail: `A change was not saved: ${error.detail || error.message}`, errors: error.errors });
  },
});
const taskView = new TaskListView(ui.tasks, {
  onToggle: (taskId, completed) => enqueueTaskWrite({ kind: 'update', taskId, changes: { completed } }),
  onRename: (taskId, title) => enqueueTaskWrite({ kind: 'update', taskId, changes: { title } }),
  onDelete: (taskId) => enqueueTaskWrite({ kind: 'delete', taskId }),
});
/** When the live connection last delivered anything (epoch ms): the status line's "synced as of". */
let lastHeardAt = null;

/** The signed-in user's name, once `api/me` has answered. */
let me = null;
const presence = new PresenceView(byTestId('presence'), () => me);
let lists = [];
/** The caller's role in the open list: `owner`, `writer` or `reader`. */
let role = null;
/** The open list's members, as last read: `{listId, members}`. */
let membership = { listId: null, members: [] };
/** Bumped whenever another list is opened, so answers that arrive late for the previous one are dropped. */
let generation = 0;
/** Bumped on every members read, so only the newest answer is shown. */
let membersGeneration = 0;
let connectionStatus = { state: 'idle' };
let leaving = false;

// The official SignalR client comes as a classic script (js/vendor/signalr.min.js) that defines `signalR`.
// Without it the page still works, only not live.
const feed = window.signalR
  ? new LiveFeed({
    signalR: window.signalR,
    url: new URL('api', document.baseURI).href,
    resumeVersion: () => state.resumeVersion,
    onEvent: (event) => {
      const changed = state.apply(event);
      const confirmed = outbox.noteEvent(event) | outbox.noteComplete(event.listId, state.resumeVersion);
      if (changed && !confirmed) {
        renderTasks();
      }
    },
    onHeard: (listId, version) => {
      lastHeardAt = Date.now();
      if (version !== null && listId !== null) {
        outbox.noteComplete(listId, version);
      }
      renderSync();
    },
    onMemberEvent,
    onPresence: (event) => presence.apply(event),
    onRevoked: (listId) => listLost(listId),
    onRefused,
    onResync: () => resync(generation),
    onFailed: (reason) => showError({ detail: `This list is no longer followed live: ${reason}. Reload the page to try again.` }),
    onSignedOut: toSignIn,
    onStatus: (status) => {
      connectionStatus = status;
      renderConnection(ui.connection, status);
      renderSync();
    },
  })
  : null;

function listIdFromHash() {
  const match = /^#list=(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

/** The server no longer knows this browser (expired, or signed out elsewhere): sign in, then come back here. */
function toSignIn() {
  if (leaving) {
    return;
  }
  leaving = true;
  sessionStorage.setItem(RETURN_TO, location.hash);
  location.assign('login.html');
}

async function showMe() {
  try {
    ({ user: me } = await api.me());
  } catch (error) {
    if (error.status !== 401) {
      showError(error);
    }
    return;
  }
  ui.signedInUser.textContent = me;
  ui.account.hidden = false;
  if (membership.listId !== null) {
    renderMembersPanel();
  }
}

async function refreshLists() {
  try {
    lists = await api.listLists();
  } catch (error) {
    if (error.status !== 401) {
      showError(error);
    }
    return;
  }
  renderLists(ui.lists, lists, state.listId);
  ui.listsEmpty.hidden = lists.length > 0;
  const open = lists.find((list) => list.id === state.listId);
  if (open && open.role !== role) {
    applyRole(open.role);
  }
}

async function openList(listId) {
  feed?.follow(null);
  presence.show(null);
  outbox.watch(listId);
  const current = ++generation;
  state.clear();
  taskView.clear();
  clearMembers();
  ui.listView.hidden = true;
  if (listId === null) {
    showWelcome();
    return;
  }
  let snapshot;
  try {
    snapshot = await api.getListSnapshot(listId);
  } catch (error) {
    if (current !== generation) {
      return;
    }
    if (error.status === 404 && lists.some((list) => list.id === listId)) {
      listLost(listId);
    } else if (error.status !== 401) {
      showError(error);
      showWelcome();
    }
    return;
  }
  if (current !== generation) {
    return;
  }
  state.load(snapshot);
  outbox.noteComplete(listId, snapshot.version);
  applyRole(snapshot.list.role);
  showList();
  if (!lists.some((list) => list.id === listId)) {
    refreshLists();
  }
  follow(listId);
  presence.show(listId);
  refreshMembers();
}

function follow(listId) {
  if (feed) {
    feed.follow(listId);
  } else {
    renderConnection(ui.connection, { state: 'offline' });
    showError({ detail: 'The live-update client did not load: changes made elsewhere show after a reload.' });
  }
}

/**
 * The server could not resume from our cursor (its change history no longer reaches back that far):
 * reload the snapshot, then follow the list again from the new version. Retries with backoff while
 * the server is unreachable.
 */
async function resync(current, attempt = 0) {
  if (current !== generation) {
    return;
  }
  const listId = state.listId;
  try {
    const snapshot = await api.getListSnapshot(listId);
    if (current !== generation) {
      return;
    }
    state.load(snapshot);
    outbox.noteComplete(listId, snapshot.version);
    applyRole(snapshot.list.role);
    showList();
    follow(listId);
    refreshMembers();
  } catch (error) {
    if (current !== generation || error.status === 401) {
      return;
    }
    if (error.status === 404) {
      // Also what a rejoin answers when the user was removed from the list while disconnected.
      listLost(listId);
      return;
    }
    setTimeout(() => resync(current, attempt + 1), backoffDelay(attempt));
  }
}

/**
 * Membership news: of the open list (its members panel, and the user's own role in it), or for the user
 * about any list (shared with them: it joins their lists).
 */
function onMemberEvent(event) {
  if (event.user === me) {
    if (event.action === 'removed') {
      listLost(event.listId);
      return;
    }
    if (event.listId === state.listId && event.role) {
      applyRole(event.role);
    }
    refreshLists();
  }
  if (event.listId === state.listId) {
    state.noteVersion(event);
    refreshMembers();
  }
}

/**
 * The server would not let the feed (re)join the open list. Gone from the user's lists (removed while
 * disconnected, or deleted) is news to tell; anything else is an error.
 */
async function onRefused(listId, reason) {
  try {
    await api.getListSnapshot(listId);
  } catch (error) {
    if (error.status === 404) {
      listLost(listId);
      return;
    }
  }
  if (listId === state.listId) {
    renderConnection(ui.connection, { state: 'offline', transport: connectionStatus.transport });
    showError({ detail: `This list is no longer followed live: ${reason}. Reload the page to try again.` });
  }
}

/**
 * The user may no longer see the list: it leaves the page at once, with everything shown of it, and the
 * user is told why. Safe to call more than once for the same list (revoked event, refused rejoin, a 404).
 */
function listLost(listId) {
  const known = lists.find((list) => list.id === listId);
  const isOpen = state.listId === listId;
  if (!known && !isOpen) {
    return;
  }
  const name = known?.name ?? state.list?.name ?? `list ${listId}`;
  const owner = membership.listId === listId ? membership.members.find((member) => member.role === 'owner')?.user : null;
  lists = lists.filter((list) => list.id !== listId);
  ui.listsEmpty.hidden = lists.length > 0;
  if (isOpen) {
    // Not a hash change: going "back" must not lead to a list that is no longer there.
    history.replaceState(null, '', location.pathname + location.search);
    openList(null);
  } else {
    renderLists(ui.lists, lists, state.listId);
  }
  showError(null);
  showNotice(`${owner ?? 'The owner'} stopped sharing “${name}” with you.`);
}

/** Shows what the role allows: readers get the tasks without any control that changes them. */
function applyRole(newRole) {
  role = newRole;
  const readOnly = role === 'reader';
  taskView.readOnly = readOnly;
  ui.newTaskForm.hidden = readOnly;
  ui.editHint.hidden = readOnly;
  ui.readOnlyNote.hidden = !readOnly;
  ui.readOnlyNote.textContent = readOnly ? 'Shared with you for reading: only its owner and writers change it.' : '';
  lists = lists.map((list) => (list.id === state.listId ? { ...list, role } : list));
  if (state.listId !== null) {
    renderLists(ui.lists, lists, state.listId);
    renderTasks();
    if (membership.listId === state.listId) {
      renderMembersPanel();
    }
  }
}

async function refreshMembers() {
  const listId = state.listId;
  if (listId === null) {
    return;
  }
  const current = ++membersGeneration;
  let members;
  try {
    members = await api.listMembers(listId);
  } catch (error) {
    // A 404 means the list went away, which the feed reports on its own.
    if (current === membersGeneration && error.status !== 404 && error.status !== 401) {
      showError(error);
    }
    return;
  }
  if (current !== membersGeneration || listId !== state.listId) {
    return;
  }
  membership = { listId, members };
  renderMembersPanel();
}

function renderMembersPanel() {
  const canManage = role === 'owner';
  renderMembers(ui.members, membership.members, {
    me,
    canManage,
    onRemove: (user) => write(() => api.unshare(membership.listId, user)).then(() => {
      refreshMembers();
      ui.shareUser.focus();
    }),
  });
  ui.shareForm.hidden = !canManage;
  ui.membersPanel.hidden = false;
}

function clearMembers() {
  membersGeneration++;
  membership = { listId: null, members: [] };
  ui.members.replaceChildren();
  ui.membersPanel.hidden = true;
}

function showWelcome() {
  ui.listView.hidden = true;
  ui.membersPanel.hidden = true;
  ui.welcome.hidden = false;
  document.title = 'livetasks';
  renderLists(ui.lists, lists, null);
}

function showList() {
  ui.welcome.hidden = true;
  ui.listView.hidden = false;
  ui.listName.textContent = state.list.name;
  document.title = `${state.list.name} · livetasks`;
  renderLists(ui.lists, lists, state.listId);
  renderTasks();
}

function renderTasks() {
  const tasks = outbox.overlay(state.listId, state.tasks());
  taskView.render(tasks);
  renderConflicts(ui.conflicts, ui.conflictList, outbox.blocked().filter((op) => op.listId === state.listId), {
    onReapply: (seq) => outbox.reapply(seq),
    onDiscard: (seq) => outbox.discard(seq),
    taskOf: (taskId) => state.task(taskId) ?? tasks.find((task) => task.id === taskId),
  });
  const done = tasks.filter((task) => task.completed).length;
  ui.taskCount.textContent = tasks.length === 0 ? '' : `${done} of ${tasks.length} done`;
  ui.tasksEmpty.hidden = tasks.length > 0;
}

/**
 * Queues one task write of the open list (outbox.js) with the row version the user saw as `If-Match`; it shows
 * at once, marked pending. Resolves once the op is stored, not when the server has it.
 */
async function enqueueTaskWrite(op) {
  const listId = state.listId;
  if (listId === null) {
    return;
  }
  await outbox.enqueue({ ...op, listId, ifMatch: state.task(op.taskId)?.rowVersion ?? null });
}

function renderSync() {
  const status = syncStatus({
    connected: connectionStatus.state === 'live' && navigator.onLine !== false,
    reachable: !outbox.unreachable,
    lastHeardAt,
    now: Date.now(),
    pending: outbox.pendingCount,
  });
  renderSyncStatus(ui.syncStatus, status);
}

/** The outbox, with the ops this user left unsent in this browser (e.g. before a reload), once we know who signed in. */
async function startOutbox() {
  if (me === null) {
    return;
  }
  const store = await openStore();
  outbox.useStore(store);
  await outbox.load(me);
  outbox.kick();
}

/** The network or the tab is back: reconnect and send now, not when the backoff timers say. */
function comeBack() {
  feed?.reconnectNow();
  outbox.kick();
  renderSync();
}

/** Runs one write; on failure shows the server's explanation and puts the view back to the known state. */
async function write(operation) {
  try {
    const result = await operation();
    showError(null);
    return result;
  } catch (error) {
    if (error.status === 401) {
      return undefined;
    }
    if (error.status === 403) {
      // The role shown was out of date (changed elsewhere): say so plainly and show the current one.
      showError({ detail: `Not allowed: ${error.detail || error.message}` });
      refreshLists();
    } else {
      showError(error);
    }
    renderTasks();
    return undefined;
  }
}

function showError(error) {
  renderAlert(ui.alert, error);
}

function showNotice(text) {
  ui.noticeText.textContent = text ?? '';
  ui.notice.hidden = text == null;
}

ui.newListForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = ui.newListInput.value.trim();
  if (name === '') {
    return;
  }
  const list = await write(() => api.createList(name));
  if (list) {
    ui.newListInput.value = '';
    lists = [...lists.filter((known) => known.id !== list.id), list];
    location.hash = `list=${list.id}`;
  }
});

ui.newTaskForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const title = ui.newTaskInput.value.trim();
  const listId = state.listId;
  if (title === '' || listId === null) {
    return;
  }
  await outbox.enqueue({ kind: 'add', listId, title });
  if (ui.newTaskInput.value.trim() === title) {
    ui.newTaskInput.value = '';
  }
});

ui.shareForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = ui.shareUser.value.trim();
  const listId = state.listId;
  if (user === '' || listId === null) {
    return;
  }
  const member = await write(() => api.share(listId, user, ui.shareRole.value));
  if (member) {
    ui.shareUser.value = '';
    refreshMembers();
  }
});

// Clicking the open list again after its load failed should retry: the hash does not change then.
ui.lists.addEventListener('click', (event) => {
  const entry = event.target.closest('[data-testid="list-entry"]');
  const listId = listIdFromHash();
  if (entry && Number(entry.dataset.listId) === listId && state.listId !== listId) {
    openList(listId);
  }
});

ui.signOut.addEventListener('click', async () => {
  ui.signOut.disabled = true;
  leaving = true;
  sessionStorage.removeItem(RETURN_TO);
  try {
    await api.signOut();
  } catch {
    // Signed out already, or the server is unreachable: the login page says which.
  }
  location.assign('login.html');
});

ui.alert.querySelector('[data-testid="alert-dismiss"]').addEventListener('click', () => showError(null));
ui.notice.querySelector('[data-testid="notice-dismiss"]').addEventListener('click', () => showNotice(null));

window.addEventListener('hashchange', () => openList(listIdFromHash()));
// Lists are pushed when shared with the user; pick up the rest (created elsewhere) when the user comes back.
window.addEventListener('focus', refreshLists);
window.addEventListener('online', comeBack);
window.addEventListener('offline', renderSync);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') {
    comeBack();
  }
});
// "synced" turns into "synced as of …" by the clock alone, when nothing has been heard for a while.
setInterval(renderSync, 1000);

api.onSignedOut(toSignIn);
// Back from the login page: open the list the user was on (or had a link to) before signing in.
const returnTo = sessionStorage.getItem(RETURN_TO);
sessionStorage.removeItem(RETURN_TO);
if (!location.hash && returnTo && /^#list=\d+$/.test(returnTo)) {
  history.replaceState(null, '', returnTo);
}
renderConnection(ui.connection, connectionStatus);
renderSync();
showMe().then(startOutbox);
refreshLists();
openList(listIdFromHash());
feed?.connect();
