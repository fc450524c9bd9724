// @ts-check
/**
 * Glossary flashcards: recall, reveal, rate yourself. Python (exercises.flashcards,
 * through exercises.widgets) keeps the Leitner boxes and picks the next round's
 * order; the deck is kept between visits.
 */
import { askPython } from "../lib/ask-python.js";
import { loadRecord, saveRecord, showSaveOutcome } from "../storage.js";

/**
 * @param {HTMLElement} widget
 * @param {any} data the JSON island: {cards: {id, term, definition}[]}
 * @param {AbortSignal} signal
 */
export function mountFlashcards(widget, data, signal) {
  const recordName = `flashcards:${widget.id}`;
  const element = (/** @type {string} */ name) => /** @type {HTMLElement} */ (
    widget.querySelector(`[data-nr-${name}]`)
  );
  const stage = element("stage");
  const card = element("card");
  const term = element("term");
  const definition = element("definition");
  const progress = element("progress");
  const boxes = element("boxes");
  const begin = /** @type {HTMLButtonElement} */ (element("begin"));
  const show = /** @type {HTMLButtonElement} */ (element("show"));
  const knew = /** @type {HTMLButtonElement} */ (element("knew"));
  const notYet = /** @type {HTMLButtonElement} */ (element("not-yet"));
  const cards = new Map(data.cards.map((/** @type {any} */ c) => [c.id, c]));

  /** @type {any} */
  let deck = loadRecord(recordName);
  /** @type {string[]} */
  let order = [];
  let position = 0;
  let known = 0;
  // One deck: while Python works on it, none of its buttons asks again.
  const controls = [begin, knew, notYet];
  const say = (/** @type {string} */ text) => { progress.textContent = text; };

  element("static").hidden = true;
  stage.hidden = false;
  describeBoxes();

  begin.addEventListener("click", async () => {
    const seed = crypto.getRandomValues(new Uint32Array(1))[0];
    const answer = await askPython("flashcards_next", { cards: [...cards.keys()], deck, seed }, {
      controls, signal, say, working: "Shuffling the cards…",
    });
    if (!answer) return;
    deck = answer.value.deck;
    order = answer.value.order;
    position = 0;
    known = 0;
    keep();
    showCard();
  }, { signal });

  show.addEventListener("click", () => {
    definition.hidden = false;
    show.hidden = true;
    knew.hidden = false;
    notYet.hidden = false;
    knew.focus();
  }, { signal });

  const rate = async (/** @type {boolean} */ knewIt) => {
    const answer = await askPython("flashcards_review", { deck, card: order[position], knew_it: knewIt }, {
      controls, signal, say,
    });
    if (!answer) return;
    deck = answer.value.deck;
    known += knewIt ? 1 : 0;
    position += 1;
    keep();
    showCard();
  };
  knew.addEventListener("click", () => rate(true), { signal });
  notYet.addEventListener("click", () => rate(false), { signal });

  function keep() {
    showSaveOutcome(widget, saveRecord(recordName, deck));
    describeBoxes();
  }

  function showCard() {
    knew.hidden = notYet.hidden = true;
    if (position >= order.length) {
      card.hidden = true;
      show.hidden = true;
      begin.hidden = false;
      begin.textContent = "Start another round";
      progress.textContent = `Round done: you knew ${known} of ${order.length}. `
        + "Cards you missed come first next time.";
      begin.focus();
      return;
    }
    const current = cards.get(order[position]);
    begin.hidden = true;
    card.hidden = false;
    term.textContent = current.term;
    definition.textContent = current.definition;
    definition.hidden = true;
    show.hidden = false;
    progress.textContent = `Card ${position + 1} of ${order.length}: ${current.term}`;
    show.focus();
  }

  function describeBoxes() {
    if (!deck) {
      boxes.textContent = `${cards.size} cards. Nothing practised yet.`;
      return;
    }
    const counts = [1, 2, 3, 4, 5].map(
      (box) => deck.cards.filter((/** @type {any} */ c) => c.box === box).length,
    );
    boxes.textContent = `Round ${deck.session}. Learning: ${counts[0]}, getting there: `
      + `${counts[1] + counts[2]}, well known: ${counts[3] + counts[4]}.`;
  }
}
