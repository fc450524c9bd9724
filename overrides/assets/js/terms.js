// @ts-check
/**
 * Glossary tooltips beyond what CSS does: a first tap on a touch screen shows
 * the definition (a second tap follows the link), and Escape dismisses it.
 * Hover and keyboard focus are handled by CSS, so they work without JS.
 */

const TERM = ".nr-term";

/**
 * @param {Document} root
 * @param {AbortSignal} signal
 */
export function mountTerms(root, signal) {
  if (!root.querySelector(TERM)) return;
  let lastPointer = "mouse";
  const listen = { signal, capture: true };

  root.addEventListener("pointerdown", (event) => {
    lastPointer = event.pointerType;
    const term = /** @type {Element} */ (event.target).closest?.(TERM);
    if (!term) closeAll(root);
  }, listen);

  root.addEventListener("click", (event) => {
    const link = /** @type {Element} */ (event.target).closest?.(".nr-term__link");
    const term = link?.closest(TERM);
    if (!term || lastPointer !== "touch" || term.classList.contains("is-open")) return;
    // Material's instant navigation handles link clicks too; keep this tap from it.
    event.preventDefault();
    event.stopPropagation();
    closeAll(root);
    term.classList.add("is-open");
  }, listen);

  root.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    for (const term of root.querySelectorAll(`${TERM}:hover, ${TERM}:focus-within, ${TERM}.is-open`)) {
      term.classList.remove("is-open");
      term.classList.add("is-dismissed");
    }
  }, listen);

  // Keep an opening tooltip inside the viewport: shift it left by what would overflow.
  const place = (/** @type {Event} */ event) => {
    const term = /** @type {Element} */ (event.target).closest?.(TERM);
    const tip = /** @type {HTMLElement | null | undefined} */ (term?.querySelector(".nr-term__tip"));
    if (!tip) return;
    tip.style.removeProperty("translate");
    requestAnimationFrame(() => {
      const box = tip.getBoundingClientRect();
      const margin = 8;
      const overflow = box.right - (document.documentElement.clientWidth - margin);
      const shift = overflow > 0 ? Math.min(overflow, box.left - margin) : 0;
      if (shift > 0) tip.style.translate = `${-shift}px 0`;
    });
  };
  for (const type of ["pointerover", "focusin", "click"]) root.addEventListener(type, place, listen);

  // A dismissed tooltip may show again once the reader moves on and comes back.
  const reset = (/** @type {Event} */ event) => {
    const term = /** @type {Element} */ (event.target).closest?.(TERM);
    term?.classList.remove("is-dismissed");
  };
  root.addEventListener("focusout", reset, listen);
  root.addEventListener("pointerout", reset, listen);
}

/** @param {Document} root */
function closeAll(root) {
  for (const term of root.querySelectorAll(`${TERM}.is-open`)) term.classList.remove("is-open");
}
