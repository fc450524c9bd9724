// @ts-check
/**
 * Shows a widget's Python state to the reader: preparing (with how much of this
 * visit's compressed download has arrived, and a note when the connection looks
 * slow), ready, or failed with the reason and a Retry button.
 */
import { onStatus, retry } from "../python/client.js";

/**
 * @param {Element} widget
 * @param {AbortSignal} signal
 */
export function mountPythonStatus(widget, signal) {
  const line = widget.querySelector("[data-nr-python-status]");
  if (!(line instanceof HTMLElement)) return;
  onStatus((status) => {
    line.dataset.state = status.state;
    if (status.state === "preparing") {
      line.dataset.slow = String(status.slow);
      line.textContent = preparingText(status);
    } else if (status.state === "ready") {
      line.textContent = "Python is ready, here in your browser.";
    } else if (status.state === "failed") {
      line.textContent = `Python could not start: ${status.reason}. Your answers are kept. `;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "Retry";
      button.addEventListener("click", () => {
        // The button goes away with the new status: keep keyboard focus on the line itself.
        line.tabIndex = -1;
        line.focus();
        retry();
      }, { signal });
      line.append(button);
    } else {
      line.textContent = "Python runs here in your browser; it starts when you need it.";
    }
  }, { signal });
}

/** @param {number} bytes */
const megabytes = (bytes) => (bytes / 1e6).toFixed(1);

/**
 * @param {{totalBytes: number | null, loadedBytes: number, slow: boolean}} status
 * @returns {string}
 */
function preparingText({ totalBytes, loadedBytes, slow }) {
  const arrived = totalBytes ? `${megabytes(loadedBytes)} of ${megabytes(totalBytes)} MB` : "";
  if (slow) {
    return "The connection looks slow" + (arrived ? ` (${arrived} so far)` : "")
      + ". Python is still on its way; what you entered is kept, and you can go on.";
  }
  // The same line serves the self-checks and the tools that only compute: say nothing of checks.
  if (totalBytes === null) return "Preparing Python… You can go on meanwhile.";
  if (totalBytes === 0) return "Starting Python… You can go on meanwhile.";
  if (loadedBytes >= totalBytes) {
    return `Starting Python: all ${megabytes(totalBytes)} MB downloaded (once)… `
      + "You can go on meanwhile.";
  }
  return `Preparing Python: ${arrived} downloaded (once)… You can go on meanwhile.`;
}
