// @ts-check
/**
 * Mounts the companion's page behaviour on every page Material shows.
 *
 * Material re-emits `document$` after each instant-navigation swap; module
 * scripts are not re-run. Every listener a mount adds is tied to the page's
 * AbortController, aborted on the next swap, so nothing piles up.
 */
import { mountTerms } from "./terms.js";
import { mountCopyLinks, mountPromptFilter } from "./prompts.js";

const MOUNTS = [mountTerms, mountPromptFilter, mountCopyLinks];

/** @type {AbortController | null} */
let pageController = null;

function mountPage() {
  pageController?.abort();
  pageController = new AbortController();
  for (const mount of MOUNTS) {
    try {
      mount(document, pageController.signal);
    } catch (error) {
      console.error(`Could not set up ${mount.name} on this page:`, error);
    }
  }
}

/** @type {{ subscribe(callback: () => void): unknown } | undefined} */
const documentChanges = /** @type {any} */ (window).document$;
if (documentChanges) {
  documentChanges.subscribe(mountPage);
} else {
  mountPage();
}
