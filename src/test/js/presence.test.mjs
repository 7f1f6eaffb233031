// Unit tests of the presence line's logic. Run: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { othersViewing, PresenceView } from '../../main/webapp/js/presence.js';

const viewer = (user) => ({ user, since: '2026-01-01T00:00:00Z' });

test('leaves out the signed-in user and names everyone else once, by name', () => {
  assert.deepEqual(othersViewing([viewer('carol'), viewer('me'), viewer('bob'), viewer('bob')], 'me'), ['bob', 'carol']);
});

test('shows nothing while only the signed-in user views the list', () => {
  assert.deepEqual(othersViewing([viewer('me')], 'me'), []);
});

function element() {
  return { textContent: '', hidden: true };
}

test('applies the newest state of the open list and ignores older or other lists', async () => {
  const line = element();
  const view = new PresenceView(line, () => 'me');
  globalThis.document = { baseURI: 'http://localhost/' };
  globalThis.fetch = async () => ({ ok: false });
  await view.show(7);

  view.apply({ action: 'presence', listId: 7, viewers: [viewer('me'), viewer('bob')], asOf: 5 });
  assert.equal(line.textContent, 'Viewing now: bob');
  assert.equal(line.hidden, false);

  view.apply({ action: 'presence', listId: 7, viewers: [viewer('me')], asOf: 4 });
  assert.equal(line.textContent, 'Viewing now: bob', 'an older state is ignored');

  view.apply({ action: 'presence', listId: 8, viewers: [viewer('eve')], asOf: 9 });
  assert.equal(line.textContent, 'Viewing now: bob', 'another list is ignored');

  view.apply({ action: 'presence', listId: 7, viewers: [viewer('me')], asOf: 6 });
  assert.equal(line.hidden, true, 'bob left');
});

test('reads the snapshot when a list opens', async () => {
  const line = element();
  const view = new PresenceView(line, () => 'me');
  globalThis.document = { baseURI: 'http://localhost/' };
  let asked = null;
  globalThis.fetch = async (url) => {
    asked = String(url);
    return { ok: true, json: async () => ({ listId: 3, viewers: [viewer('alice'), viewer('me')], asOf: 2 }) };
  };

  await view.show(3);

  assert.equal(asked, 'http://localhost/api/lists/3/presence');
  assert.equal(line.textContent, 'Viewing now: alice');
});
