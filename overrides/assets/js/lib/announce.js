// @ts-check
/**
 * Tell screen-reader users what just happened, through a live region.
 *
 * The region is emptied first and filled on the next frame: a fresh text node makes
 * screen readers read a message again even when it repeats the last one.
 */

/**
 * @param {HTMLElement} region an element with role="status" (or aria-live)
 * @returns {(message: string) => void}
 */
export function announcer(region) {
  return (message) => {
    region.textContent = "";
    requestAnimationFrame(() => { region.textContent = message; });
  };
}

/**
 * A visually hidden status region appended to `container`, removed when `signal` aborts.
 * @param {Element} container
 * @param {AbortSignal} signal
 */
export function hiddenAnnouncer(container, signal) {
  const region = document.createElement("p");
  region.className = "nr-visually-hidden";
  region.setAttribute("role", "status");
  container.append(region);
  signal.addEventListener("abort", () => region.remove());
  return announcer(region);
}
