// @ts-check
/**
 * Ask Python for one result on behalf of the controls that asked, the way every widget
 * does: the controls are busy while Python works (a second press meanwhile does
 * nothing), the reader is told what is happening, and a failure is said the same way.
 * Also the seed a widget gives Python for its random choices.
 */
import { call } from "../python/client.js";

/**
 * @typedef {object} Asking
 * @property {HTMLButtonElement | HTMLButtonElement[]} controls what asked: busy until Python answers
 * @property {AbortSignal} signal the page's: after a swap, an answer is dropped
 * @property {(message: string) => void} [say] how the widget tells the reader
 * @property {string} [working] said while Python works ("Checking…")
 * @property {(message: string) => string} [failed] words around a failure's message
 */

/**
 * @param {string} name a function exercises.bridge registers
 * @param {any} payload
 * @param {Asking} asking
 * @returns {Promise<{value: any} | null>} Python's value; null when there is nothing to show:
 *   the controls were busy already, the page was left, or Python failed (already said)
 */
export async function askPython(name, payload, { controls, signal, say, working, failed }) {
  const buttons = Array.isArray(controls) ? controls : [controls];
  if (buttons.some(isBusy)) return null;
  for (const button of buttons) setBusy(button, true);
  if (working) say?.(working);
  let reply;
  try {
    reply = await call(name, payload);
  } finally {
    for (const button of buttons) setBusy(button, false);
  }
  if (signal.aborted) return null;
  if (!reply.ok) {
    const message = describeError(reply.error);
    say?.(failed ? failed(message) : message);
    return null;
  }
  return { value: reply.value };
}

/**
 * The message to show when a bridge call did not produce a result.
 * @param {{kind: string, message: string}} error
 */
export function describeError(error) {
  if (error.kind === "unavailable") {
    return `Could not check: Python is not available (${error.message}). `
      + "Use Retry above, or “Show the answer” below.";
  }
  // Python's reader-facing messages end with their own full stop.
  const message = error.message.replace(/\.?$/, ".");
  return `Could not check this answer: ${message}`;
}

/**
 * Mark a button busy while Python works on what it asked. Not `disabled`: disabling
 * the focused button drops the keyboard focus to the page.
 * @param {HTMLButtonElement} button
 * @param {boolean} busy
 */
export function setBusy(button, busy) {
  if (busy) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}

/** A seed for Python's random number generator, from the browser's cryptographic source. */
export function randomSeed() {
  const [high, low] = crypto.getRandomValues(new Uint32Array(2));
  return high * 2 ** 21 + (low >>> 11);
}

/** @param {HTMLButtonElement} button */
function isBusy(button) {
  return button.getAttribute("aria-disabled") === "true";
}
