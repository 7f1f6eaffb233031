/**
 * The page controller: routes `#list=<id>`, loads the list's snapshot, follows its live feed and
 * sends the user's writes. Opening the same `#list=<id>` URL in two windows shows the same list.
 */
import * as api from './api.js';
import { LiveFeed } from './live.js';
import { renderAlert, renderConnection, renderLists, TaskListView } from './render.js';
import { backoffDelay } from './retry.js';
import { ListState } from './state.js';

const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);

const ui = {
  alert: byTestId('alert'),
  connection: byTestId('connection-state'),
  newListForm: byTestId('new-list-form'),
  newListInput: byTestId('new-list-input'),
  lists: byTestId('lists'),
  listsEmpty: byTestId('lists-empty'),
  welcome: byTestId('welcome'),
  listView: byTestId('list-view'),
  listName: byTestId('list-name'),
  taskCount: byTestId('task-count'),
  newTaskForm: byTestId('new-task-form'),
  newTaskInput: byTestId('new-task-input'),
  tasks: byTestId('tasks'),
  tasksEmpty: byTestId('tasks-empty'),
};

const state = new ListState();
const taskView = new TaskListView(ui.tasks, {
  onToggle: (taskId, completed) => write(() => api.updateTask(taskId, { completed }).then(applyLocal)),
  onRename: (taskId, title) => write(() => api.updateTask(taskId, { title }).then(applyLocal)),
  onDelete: (taskId) => write(() => api.deleteTask(taskId).then(() => removeLocal(taskId), ignoreNotFound(taskId))),
});

let lists = [];
/** Bumped whenever another list is opened, so answers that arrive late for the previous one are dropped. */
let generation = 0;

// The official SignalR client comes as a classic script (js/vendor/signalr.min.js) that defines `signalR`.
// Without it the page still works, only not live.
const feed = window.signalR
  ? new LiveFeed({
    signalR: window.signalR,
    url: new URL('api', document.baseURI).href,
    resumeVersion: () => state.resumeVersion,
    onEvent: (event) => {
      if (state.apply(event)) {
        renderTasks();
      }
    },
    onResync: () => resync(generation),
    onFailed: (reason) => showError({ detail: `This list is no longer followed live: ${reason}. Reload the page to try again.` }),
    onStatus: (status) => renderConnection(ui.connection, status),
  })
  : null;

function listIdFromHash() {
  const match = /^#list=(\d+)$/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

async function refreshLists() {
  try {
    lists = await api.listLists();
  } catch (error) {
    showError(error);
    return;
  }
  renderLists(ui.lists, lists, state.listId);
  ui.listsEmpty.hidden = lists.length > 0;
}

async function openList(listId) {
  feed?.follow(null);
  const current = ++generation;
  state.clear();
  taskView.clear();
  ui.listView.hidden = true;
  if (listId === null) {
    showWelcome();
    return;
  }
  let snapshot;
  try {
    snapshot = await api.getListSnapshot(listId);
  } catch (error) {
    if (current === generation) {
      showError(error);
      showWelcome();
    }
    return;
  }
  if (current !== generation) {
    return;
  }
  state.load(snapshot);
  showList();
  if (!lists.some((list) => list.id === listId)) {
    refreshLists();
  }
  follow(listId);
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
    showList();
    follow(listId);
  } catch (error) {
    if (current !== generation) {
      return;
    }
    if (error.status === 404) {
      showError(error);
      location.hash = '';
      return;
    }
    setTimeout(() => resync(current, attempt + 1), backoffDelay(attempt));
  }
}

function showWelcome() {
  ui.listView.hidden = true;
  ui.welcome.hidden = false;
  document.title = 'livetasks';
  renderConnection(ui.connection, { state: 'idle' });
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
  const tasks = state.tasks();
  taskView.render(tasks);
  const done = tasks.filter((task) => task.completed).length;
  ui.taskCount.textContent = tasks.length === 0 ? '' : `${done} of ${tasks.length} done`;
  ui.tasksEmpty.hidden = tasks.length > 0;
}

function applyLocal(task) {
  if (state.upsertLocal(task)) {
    renderTasks();
  }
}

function removeLocal(taskId) {
  if (state.removeLocal(taskId)) {
    renderTasks();
  }
}

/** A task someone else deleted first is gone either way: not an error worth showing. */
function ignoreNotFound(taskId) {
  return (error) => {
    if (error.status !== 404) {
      throw error;
    }
    removeLocal(taskId);
  };
}

/** Runs one write; on failure shows the server's explanation and puts the view back to the known state. */
async function write(operation) {
  try {
    const result = await operation();
    showError(null);
    return result;
  } catch (error) {
    showError(error);
    renderTasks();
    return undefined;
  }
}

function showError(error) {
  renderAlert(ui.alert, error);
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
  if (title === '' || state.listId === null) {
    return;
  }
  const task = await write(() => api.addTask(state.listId, title));
  if (task) {
    applyLocal(task);
    if (ui.newTaskInput.value.trim() === title) {
      ui.newTaskInput.value = '';
    }
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

ui.alert.querySelector('[data-testid="alert-dismiss"]').addEventListener('click', () => showError(null));

window.addEventListener('hashchange', () => openList(listIdFromHash()));
// Lists are not pushed: pick up ones created elsewhere when the user comes back to the window.
window.addEventListener('focus', refreshLists);

refreshLists();
openList(listIdFromHash());
