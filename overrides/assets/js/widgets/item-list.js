// @ts-check
/**
 * A list of what the reader entered, each line with a Remove button: shared by
 * the constellation map and the day planner. Text is set with textContent only.
 */

/**
 * @template T
 * @param {HTMLElement} list the <ul>
 * @param {T[]} items
 * @param {(item: T) => string} describe one line of text per item
 * @param {(index: number) => void} remove
 * @param {AbortSignal} signal
 */
export function showItemList(list, items, describe, remove, signal) {
  list.replaceChildren(...items.map((item, index) => {
    const line = document.createElement("li");
    const text = describe(item);
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button nr-remove";
    button.textContent = "Remove";
    button.setAttribute("aria-label", `Remove ${text}`);
    button.addEventListener("click", () => remove(index), { signal });
    line.append(`${text} `, button);
    return line;
  }));
}

/**
 * After an item is added, put the focus back in the form's first field for the next one,
 * unless the reader has moved it meanwhile (saving waits for the other tabs' writes: a
 * quick keyboard user may be in the next field already, and must not be pulled back).
 * @param {HTMLFormElement} form
 * @param {Element | null} focusedAtSubmit what had the focus when the form was sent
 */
export function focusFirstFieldForTheNext(form, focusedAtSubmit) {
  const now = document.activeElement;
  if (now !== focusedAtSubmit && now !== document.body && now !== null) return;
  form.querySelector("input")?.focus();
}
