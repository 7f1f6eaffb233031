/**
 * DOM rendering. Every piece of user data goes in through `textContent` or an attribute value,
 * never through `innerHTML`, so a title such as `<img onerror=…>` shows as text and runs nothing.
 *
 * Task rows are keyed by task id and updated in place: a push for one task neither rebuilds the
 * list nor disturbs focus, and a title being edited keeps its input while other rows change.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Feather-style outline icons, 24×24; the path data is ours, never user data. */
const ICONS = {
  edit: ['M12 20h9', 'M16.5 3.5a2.12 2.12 0 0 1 3 3L7 19l-4 1 1-4Z'],
  delete: ['M3 6h18', 'M8 6V4a2 2 0 0 1 2-2h4a2 2 0 0 1 2 2v2', 'M19 6l-1 14a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2L5 6', 'M10 11v6', 'M14 11v6'],
};

function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const d of ICONS[name]) {
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') {
      node.textContent = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, value);
    }
  }
  node.append(...children);
  return node;
}

const ROLES = new Set(['owner', 'writer', 'reader']);

/** A role as a badge; the class (for styling) only ever names a known role. */
function roleBadge(role, testid) {
  return element('span', { class: `role-badge role-${ROLES.has(role) ? role : 'other'}`, dataset: { testid }, text: role ?? '' });
}

/**
 * The list of lists, each a link to `#list=<id>` with the caller's role in it; the open one is marked
 * `aria-current`.
 */
export function renderLists(container, lists, openListId) {
  const items = lists.map((list) => {
    const link = element(
      'a',
      {
        href: `#list=${list.id}`,
        class: 'list-entry',
        dataset: { testid: 'list-entry', listId: String(list.id), role: list.role ?? '' },
      },
      element('span', { class: 'list-entry-name', dataset: { testid: 'list-entry-name' }, text: list.name }),
      element('span', { class: 'visually-hidden', text: ', you are ' }),
      roleBadge(list.role, 'list-entry-role'),
    );
    if (list.id === openListId) {
      link.setAttribute('aria-current', 'page');
    }
    return element('li', {}, link);
  });
  container.replaceChildren(...items);
}

/**
 * Who can see the open list. The owner (`canManage`) gets a remove button on every other member;
 * `onRemove(user)` returns a promise that settles when the server has answered.
 */
export function renderMembers(container, members, { me, canManage, onRemove }) {
  const order = { owner: 0, writer: 1, reader: 2 };
  const sorted = [...members].sort((a, b) => (order[a.role] ?? 3) - (order[b.role] ?? 3) || a.user.localeCompare(b.user));
  container.replaceChildren(...sorted.map((member) => {
    const name = element('span', { class: 'member-name', dataset: { testid: 'member-name' }, text: member.user });
    if (member.user === me) {
      name.append(element('span', { class: 'member-you', text: ' (you)' }));
    }
    const row = element('li', { class: 'member', dataset: { testid: 'member', user: member.user, role: member.role } },
      name, roleBadge(member.role, 'member-role'));
    if (canManage && member.role !== 'owner') {
      const remove = element('button', {
        type: 'button',
        class: 'button subtle danger',
        'aria-label': `Stop sharing with ${member.user}`,
        dataset: { testid: 'member-remove' },
        text: 'Remove',
      });
      remove.addEventListener('click', () => {
        remove.disabled = true;
        row.setAttribute('aria-busy', 'true');
        Promise.resolve(onRemove(member.user)).finally(() => {
          remove.disabled = false;
          row.removeAttribute('aria-busy');
        });
      });
      row.append(remove);
    }
    return row;
  }));
}

/** The connection pill: `data-state` for tests and styling, a sentence for people. */
export function renderConnection(node, status) {
  node.dataset.state = status.state;
  node.dataset.transport = status.transport ?? '';
  node.querySelector('.connection-text').textContent = connectionText(status);
}

/** The official client's `HttpTransportType` names, as people say them. */
const TRANSPORT_NAMES = {
  WebSockets: 'WebSocket',
  ServerSentEvents: 'server-sent events',
  LongPolling: 'long polling',
};

function connectionText({ state, transport, retryInMs }) {
  switch (state) {
    case 'live':
      return Object.hasOwn(TRANSPORT_NAMES, transport ?? '') ? `Live · ${TRANSPORT_NAMES[transport]}` : 'Live';
    case 'connecting':
      return retryInMs ? `Connecting · retry in ${Math.ceil(retryInMs / 1000)} s` : 'Connecting…';
    case 'reconnecting':
      return retryInMs ? `Reconnecting in ${Math.ceil(retryInMs / 1000)} s` : 'Reconnecting…';
    case 'offline':
      return 'Offline';
    default:
      return 'Not connected';
  }
}

/**
 * The mark of a task whose change is not yet confirmed by the server (outbox.js): `pending`, or `conflict` /
 * `failed` when the user must decide. `data-pending` and the badge go away together once it is confirmed.
 */
function markPending(row, task) {
  const mark = task.conflict ? 'conflict' : task.failed ? 'failed' : task.pending ? 'pending' : '';
  row.dataset.pending = mark;
  let badge = row.querySelector('.task-pending');
  if (mark === '') {
    badge?.remove();
    return;
  }
  if (!badge) {
    badge = element('span', { class: 'task-pending', dataset: { testid: 'task-pending' } });
    row.querySelector('.task-title').after(badge);
  }
  badge.textContent = mark === 'conflict' ? 'conflict' : mark === 'failed' ? 'not saved' : 'pending';
  badge.title = mark === 'pending' ? 'Not yet confirmed by the server' : 'Needs your decision, see above';
}

/** The alert area: the server's `detail`, and field messages when the input was invalid. */
export function renderAlert(node, error) {
  const text = node.querySelector('[data-testid="alert-text"]');
  const fields = node.querySelector('[data-testid="alert-fields"]');
  if (error === null) {
    node.hidden = true;
    text.textContent = '';
    fields.replaceChildren();
    return;
  }
  text.textContent = error.detail || error.message;
  fields.replaceChildren(
    ...(error.errors ?? []).map((e) => element('li', { text: e.field ? `${e.field}: ${e.message}` : e.message })),
  );
  node.hidden = false;
}

/**
 * The tasks of the open list.
 *
 * @param {HTMLUListElement} container
 * @param {object} actions `onToggle(taskId, completed)`, `onRename(taskId, title)`, `onDelete(taskId)`;
 *        each returns a promise that settles when the server has answered
 */
export class TaskListView {
  #container;
  #actions;
  #rows = new Map();
  #readOnly = false;

  constructor(container, actions) {
    this.#container = container;
    this.#actions = actions;
  }

  render(tasks) {
    const wanted = new Set(tasks.map((task) => task.id));
    for (const [id, row] of this.#rows) {
      if (!wanted.has(id)) {
        row.remove();
        this.#rows.delete(id);
      }
    }
    let previous = null;
    for (const task of tasks) {
      let row = this.#rows.get(task.id);
      if (!row) {
        row = this.#createRow(task.id);
        this.#rows.set(task.id, row);
      }
      this.#update(row, task);
      const expectedPosition = previous ? previous.nextElementSibling : this.#container.firstElementChild;
      if (row !== expectedPosition) {
        this.#container.insertBefore(row, expectedPosition);
      }
      previous = row;
    }
  }

  clear() {
    this.#rows.clear();
    this.#container.replaceChildren();
  }

  /**
   * A reader's view: tasks show, ticked or not, with no control that changes them. Rows are built
   * again at the next `render` when this changes.
   */
  set readOnly(readOnly) {
    if (readOnly !== this.#readOnly) {
      this.#readOnly = readOnly;
      this.clear();
    }
  }

  #createRow(taskId) {
    if (this.#readOnly) {
      return element(
        'li',
        { class: 'task read-only', dataset: { testid: 'task', taskId: String(taskId) } },
        element('input', { type: 'checkbox', class: 'task-checkbox', disabled: '', dataset: { testid: 'task-checkbox' } }),
        element('span', { class: 'task-title', dataset: { testid: 'task-title' } }),
      );
    }
    const checkbox = element('input', { type: 'checkbox', class: 'task-checkbox', dataset: { testid: 'task-checkbox' } });
    const title = element('span', { class: 'task-title', dataset: { testid: 'task-title' } });
    const edit = element('button', { type: 'button', class: 'icon-button', dataset: { testid: 'task-edit' } }, icon('edit'));
    const remove = element('button', { type: 'button', class: 'icon-button danger', dataset: { testid: 'task-delete' } }, icon('delete'));
    const row = element(
      'li',
      { class: 'task', dataset: { testid: 'task', taskId: String(taskId) } },
      checkbox,
      title,
      element('span', { class: 'task-actions' }, edit, remove),
    );

    checkbox.addEventListener('change', () => this.#busy(row, this.#actions.onToggle(taskId, checkbox.checked)));
    title.addEventListener('dblclick', () => this.#startEditing(row, taskId));
    edit.addEventListener('click', () => this.#startEditing(row, taskId));
    remove.addEventListener('click', () => this.#remove(row, taskId));
    return row;
  }

  #update(row, task) {
    row.dataset.completed = String(task.completed);
    markPending(row, task);
    const checkbox = row.querySelector('.task-checkbox');
    checkbox.checked = task.completed;
    row.querySelector('.task-title').textContent = task.title;
    if (this.#readOnly) {
      checkbox.setAttribute('aria-label', `${task.completed ? 'Done' : 'Not done'}: ${task.title}`);
      return;
    }
    checkbox.setAttribute('aria-label', `${task.completed ? 'Mark not done' : 'Mark done'}: ${task.title}`);
    row.querySelector('[data-testid="task-edit"]').setAttribute('aria-label', `Edit: ${task.title}`);
    row.querySelector('[data-testid="task-delete"]').setAttribute('aria-label', `Delete: ${task.title}`);
  }

  #startEditing(row, taskId) {
    if (row.classList.contains('editing')) {
      return;
    }
    const title = row.querySelector('.task-title');
    const input = element('input', {
      type: 'text',
      class: 'task-edit-input',
      maxlength: '500',
      'aria-label': 'Task title',
      dataset: { testid: 'task-title-input' },
    });
    input.value = title.textContent;
    row.classList.add('editing');
    title.after(input);
    input.focus();
    input.select();

    // Enter and leaving the field save, Escape cancels; `done` stops the blur that follows removing
    // the input from saving a second time.
    let done = false;
    const finish = (save) => {
      if (done) {
        return;
      }
      done = true;
      const value = input.value.trim();
      const changed = save && value !== '' && value !== title.textContent;
      input.remove();
      row.classList.remove('editing');
      if (changed) {
        title.textContent = value;
        this.#busy(row, this.#actions.onRename(taskId, value));
      }
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        finish(true);
        row.querySelector('[data-testid="task-edit"]').focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        finish(false);
        row.querySelector('[data-testid="task-edit"]').focus();
      }
    });
    input.addEventListener('blur', () => finish(true));
  }

  #remove(row, taskId) {
    // Keep keyboard users in the list: focus the next row (or the previous one) once this one is gone.
    const neighbour = row.nextElementSibling ?? row.previousElementSibling;
    this.#busy(row, this.#actions.onDelete(taskId)).then(() => {
      if (!row.isConnected && neighbour?.isConnected) {
        neighbour.querySelector('.task-checkbox').focus();
      }
    });
  }

  /** Marks the row while its write is in flight (styling, and `aria-busy` for assistive technology). */
  #busy(row, promise) {
    row.setAttribute('aria-busy', 'true');
    return Promise.resolve(promise).finally(() => row.removeAttribute('aria-busy'));
  }
}
