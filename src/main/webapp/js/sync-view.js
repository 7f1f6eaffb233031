/**
 * The DOM of working offline and together: the sync status line and the panel of the user's changes that need
 * a decision (a `412` conflict: someone else changed the task first; or a change the server kept failing).
 * Text only through `textContent`, as in render.js.
 */

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

/** The status line: `data-state` (`synced`, `stale`, `saving`, `offline`) for tests and styling, and its text. */
export function renderSyncStatus(node, status) {
  if (node.dataset.state !== status.state) {
    node.dataset.state = status.state;
  }
  if (node.textContent !== status.text) {
    node.textContent = status.text;
  }
}

/** What the user's op would do, in words. */
function describeOp(op) {
  if (op.kind === 'add') {
    return `add “${op.title}”`;
  }
  if (op.kind === 'delete') {
    return 'delete it';
  }
  const parts = [];
  if (op.changes.title !== undefined) {
    parts.push(`rename it to “${op.changes.title}”`);
  }
  if (op.changes.completed !== undefined) {
    parts.push(op.changes.completed ? 'mark it done' : 'mark it not done');
  }
  return parts.join(' and ');
}

function describeTask(task) {
  return task ? `“${task.title}”, ${task.completed ? 'done' : 'not done'}` : 'deleted';
}

/**
 * One entry per op in `blocked` (outbox.js `blocked()`, of the open list): for a conflict the other person's
 * version (`op.current`) next to the user's change, with "Apply mine" and "Discard mine"; for a failed op the
 * error, with "Try again" and "Discard".
 *
 * @param {(seq: number) => Promise<void>} actions.onReapply
 * @param {(seq: number) => Promise<void>} actions.onDiscard
 * @param {(taskId: *) => ?object} actions.taskOf the task as the user last saw it (for its title)
 */
export function renderConflicts(section, list, blocked, { onReapply, onDiscard, taskOf }) {
  list.replaceChildren(...blocked.map((op) => {
    const seen = taskOf(op.taskId);
    const name = op.current?.title ?? seen?.title ?? op.title ?? 'A task';
    const conflict = op.state === 'conflict';
    const headline = conflict
      ? `Someone else changed “${name}” before your change reached the server.`
      : `Your change to “${name}” could not be saved: ${op.error ?? 'the server kept failing'}.`;
    const details = element('dl', { class: 'conflict-details' });
    if (conflict) {
      details.append(
        element('dt', { text: 'Now' }),
        element('dd', { dataset: { testid: 'conflict-theirs' }, text: describeTask(op.current) }),
      );
    }
    details.append(
      element('dt', { text: 'Yours' }),
      element('dd', { dataset: { testid: 'conflict-mine' }, text: describeOp(op) }),
    );
    const reapply = element('button', {
      type: 'button', class: 'button', dataset: { testid: 'conflict-reapply' }, text: conflict ? 'Apply mine' : 'Try again',
    });
    const discard = element('button', {
      type: 'button', class: 'button subtle', dataset: { testid: 'conflict-discard' }, text: conflict ? 'Discard mine' : 'Discard',
    });
    const act = (action) => () => {
      reapply.disabled = true;
      discard.disabled = true;
      Promise.resolve(action(op.seq)).finally(() => {
        reapply.disabled = false;
        discard.disabled = false;
      });
    };
    reapply.addEventListener('click', act(onReapply));
    discard.addEventListener('click', act(onDiscard));
    return element(
      'li',
      { class: 'conflict', dataset: { testid: 'conflict', state: op.state, taskId: String(op.taskId) } },
      element('p', { class: 'conflict-headline', text: headline }),
      details,
      element('div', { class: 'conflict-actions' }, reapply, discard),
    );
  }));
  section.hidden = blocked.length === 0;
}
