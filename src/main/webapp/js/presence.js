/**
 * "Viewing now: alice, bob": who else has the open list on screen right now, on any server instance
 * (docs/presence.md). The state comes from `GET api/lists/{id}/presence` when a list opens and from the
 * `presence` hub target afterwards; each carries the whole list of viewers and `asOf` (a change version),
 * and the one with the highest `asOf` wins (the server may send a state again at any time). The signed-in user is left out.
 */

/** The viewers to show: everyone but `me`, by name, each once. */
export function othersViewing(viewers, me) {
  return [...new Set(viewers.map((viewer) => viewer.user))]
    .filter((user) => user !== me)
    .sort((a, b) => a.localeCompare(b));
}

export class PresenceView {
  #element;
  #me;
  #listId = null;
  #asOf = -1;
  #request = 0;

  /**
   * @param {HTMLElement} element where the line goes (hidden while nobody else views the list)
   * @param {() => ?string} me the signed-in user's name, once known
   */
  constructor(element, me) {
    this.#element = element;
    this.#me = me;
  }

  /** Shows the viewers of `listId` (null: no list open), reading them once; live events keep them current. */
  async show(listId) {
    this.#listId = listId;
    this.#asOf = -1;
    const request = ++this.#request;
    this.#render([]);
    if (listId === null) {
      return;
    }
    try {
      const response = await fetch(new URL(`api/lists/${listId}/presence`, document.baseURI),
        { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (response.ok && request === this.#request) {
        this.apply({ ...(await response.json()), action: 'presence' });
      }
    } catch {
      // Offline: the first live event fills it in.
    }
  }

  /** A `presence` event (or snapshot): applied when it is about the open list and not older than what is shown. */
  apply(event) {
    if (event.listId !== this.#listId || event.asOf < this.#asOf) {
      return;
    }
    this.#asOf = event.asOf;
    this.#render(event.viewers);
  }

  #render(viewers) {
    const others = othersViewing(viewers, this.#me());
    this.#element.textContent = others.length ? `Viewing now: ${others.join(', ')}` : '';
    this.#element.hidden = others.length === 0;
  }
}
